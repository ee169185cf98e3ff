/// An input row that was not used, with why (docs/operations.md, "Where the outputs go").
package struct QuarantineRecord: Sendable, Equatable {
    package var origin: RowOrigin
    package var reason: QuarantineReason
    /// A sentence a coordinator can act on, naming the column and value where it applies.
    package var message: String
    /// The record as it stood in the file (decoded text, fields joined as read).
    package var rawRecord: String

    package init(origin: RowOrigin, reason: QuarantineReason, message: String, rawRecord: String) {
        self.origin = origin
        self.reason = reason
        self.message = message
        self.rawRecord = rawRecord
    }
}

/// Why a row was not used. The raw values are stable codes written to the quarantine file.
package enum QuarantineReason: String, Sendable, CaseIterable, Codable {
    case malformedQuote = "malformed-quote"
    case missingCells = "missing-cells"
    case extraCells = "extra-cells"
    case blankRow = "blank-row"
    /// The header row again, mid-file: two exports pasted together.
    case repeatedHeader = "repeated-header"
    case unknownSchool = "unknown-school"
    case unknownSubject = "unknown-subject"
    case missingIdentifier = "missing-identifier"
    case unmappedAnswer = "unmapped-answer"
    case outOfRange = "out-of-range"
    case badDate = "bad-date"
    case noWave = "no-wave"
    case superseded = "superseded"
    case encodingError = "encoding-error"
    case noAnswers = "no-answers"
}
