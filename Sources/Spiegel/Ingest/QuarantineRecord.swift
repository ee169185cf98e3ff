/// An input row that was not used, with why (docs/operations.md, "Where the outputs go").
struct QuarantineRecord: Sendable, Equatable {
    var origin: RowOrigin
    var reason: QuarantineReason
    /// A sentence a coordinator can act on, naming the column and value where it applies.
    var message: String
    /// The record as it stood in the file (decoded text, fields joined as read).
    var rawRecord: String
    /// What the row said as far as it was read, for the night's alarms (``QuarantineHint``).
    var hint: QuarantineHint

    init(
        origin: RowOrigin, reason: QuarantineReason, message: String, rawRecord: String, hint: QuarantineHint = .init()
    ) {
        self.origin = origin
        self.reason = reason
        self.message = message
        self.rawRecord = rawRecord
        self.hint = hint
    }
}

/// What a quarantined row said before it was set aside, so a run can tell one bad row from a lost school or a
/// whole export on the wrong scale (docs/operations.md, "Alarms"). Each field is `nil` when the row was set
/// aside before that cell was read.
struct QuarantineHint: Sendable, Equatable {
    /// The school cell as written (it may name no school the registry knows).
    var school: String?
    /// The wave of the row's submission time.
    var wave: String?
    /// The answer that lay outside the scale.
    var offScale: Int?

    init(school: String? = nil, wave: String? = nil, offScale: Int? = nil) {
        self.school = school
        self.wave = wave
        self.offScale = offScale
    }
}

/// Why a row was not used. The raw values are stable codes written to the quarantine file.
enum QuarantineReason: String, Sendable, CaseIterable, Codable {
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
