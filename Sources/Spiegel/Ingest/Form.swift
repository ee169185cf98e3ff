import Foundation

/// One submitted form, read from an export and checked: what the analysis consumes.
///
/// Kept compact because a national run holds about a million of them while duplicates are resolved.
struct Form: Sendable, Equatable {
    /// Where the form came from.
    var origin: RowOrigin
    /// The instrument's id.
    var instrument: String
    var role: Role
    /// Who filled it in, normalised (trimmed, lowercased).
    var respondent: String
    /// Whom it is about: the wpb (normalised) or the school id.
    var subject: String
    /// The school id from the registry.
    var school: String
    var submittedAt: Date
    /// The wave id.
    var wave: String
    /// One score per item of the instrument, in item order.
    var scores: ItemScores
    /// Free-text answers per open question of the instrument, in order; empty when none.
    var comments: [String]

    init(
        origin: RowOrigin, instrument: String, role: Role, respondent: String, subject: String, school: String,
        submittedAt: Date, wave: String, scores: ItemScores, comments: [String] = []
    ) {
        self.origin = origin
        self.instrument = instrument
        self.role = role
        self.respondent = respondent
        self.subject = subject
        self.school = school
        self.submittedAt = submittedAt
        self.wave = wave
        self.scores = scores
        self.comments = comments
    }

    /// A stable id for researcher output: the source file's name and the record's line.
    var id: String { "\(origin.fileName):\(origin.line)" }
}

/// Where a record started: the file and the physical line (1-based) of its first character.
struct RowOrigin: Sendable, Hashable, Comparable, CustomStringConvertible {
    /// The file as the configuration named it, relative to the configuration's folder.
    var file: String { didSet { fileName = Self.lastPathComponent(file) } }
    /// The file's name without its folder; kept, because researcher output asks for it once per form.
    private(set) var fileName: String
    var line: Int
    /// The position of the file among all inputs, so "later file" is well defined (docs/analysis.md §3).
    var fileOrder: Int

    init(file: String, line: Int, fileOrder: Int = 0) {
        self.file = file
        self.line = line
        self.fileOrder = fileOrder
        fileName = Self.lastPathComponent(file)
    }

    private static func lastPathComponent(_ path: String) -> String { (path as NSString).lastPathComponent }
    var description: String { "\(file):\(line)" }
    static func < (a: RowOrigin, b: RowOrigin) -> Bool { (a.fileOrder, a.line) < (b.fileOrder, b.line) }

}

/// Item scores of one form, one byte each; *not answered* and *not asked* are `nil`, never zero.
///
/// A view on a slice of bytes, so a ``FormTable`` hands out a row's scores without copying them.
struct ItemScores: Sendable, Equatable, RandomAccessCollection {
    private static let missing: UInt8 = .max
    /// An item the form's export does not have (a source's `not_asked`).
    private static let notAsked: UInt8 = .max - 1
    /// The encoded scores; indices start wherever the slice does, so positions are offset by `storage.startIndex`.
    private var storage: ArraySlice<UInt8>

    /// Scores must lie in 0...253, which every Likert scale does; items at `notAsked` positions were not asked.
    init(_ scores: [Int?], notAsked: Set<Int> = []) {
        var bytes = scores.map { $0.map { UInt8(clamping: Swift.min($0, 253)) } ?? Self.missing }
        for index in notAsked where bytes.indices.contains(index) { bytes[index] = Self.notAsked }
        storage = bytes[...]
    }

    /// Scores as ``encoded`` gave them.
    init(encoded: ArraySlice<UInt8>) { storage = encoded }

    /// The scores in their stored form, one byte per item, for a table to keep in one flat array.
    var encoded: ArraySlice<UInt8> { storage }

    /// Whether the form asked item `position` (answered or not).
    func isAsked(_ position: Int) -> Bool { storage[storage.startIndex + position] != Self.notAsked }

    var startIndex: Int { 0 }
    var endIndex: Int { storage.count }
    subscript(position: Int) -> Int? {
        let byte = storage[storage.startIndex + position]
        return byte >= Self.notAsked ? nil : Int(byte)
    }

    /// The number of items answered.
    var answeredCount: Int { storage.lazy.filter { $0 < Self.notAsked }.count }
}
