extension QuarantineReason {
    /// Whether a row set aside for this reason needs the coordinator to do something.
    ///
    /// Blank rows and superseded duplicates are routine: survey tools write them and nothing is lost.
    /// Every other reason means a form that should count does not (an unknown school or wpb, an answer
    /// off the scale, a broken export): the run exits with ``ExitStatus/actionNeeded`` (docs/operations.md).
    var needsAction: Bool {
        switch self {
        case .blankRow, .repeatedHeader, .superseded: false
        case .malformedQuote, .missingCells, .extraCells, .unknownSchool, .unknownSubject, .missingIdentifier,
            .unmappedAnswer, .outOfRange, .badDate, .noWave, .encodingError, .noAnswers:
            true
        }
    }
}
