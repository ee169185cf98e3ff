import Foundation

/// One export to read: which files, which instrument, and which column holds what (docs/configuration.md).
struct Source: Sendable, Equatable {
    /// A name for summaries and messages, e.g. `zelfscan-msforms`.
    var name: String
    /// A path or glob relative to the configuration file, e.g. `Data/exports/zelfscan-*.csv`.
    var pattern: String
    /// The id of the instrument the files answer.
    var instrument: String
    /// The role of who filled it in; required when the instrument allows several.
    var role: Role?
    var columns: ColumnMapping
    var dialect: DialectOverrides
    /// Extra answer labels for this export, lowercased label → score (added to the scale's labels).
    var answerLabels: [String: Int]
    /// Date formats to try, in order (Unicode patterns); empty means the defaults.
    var dateFormats: [String]
    /// A source that may yield no file or no usable row without failing the run (an export that has not
    /// arrived yet); a required source that yields nothing stops the run (docs/operations.md).
    var isOptional: Bool
    /// Answers written as codes around the score (`A1` … `A7`); `nil` when the export writes none.
    var answerCodes: AnswerCodes?
    /// Items of the instrument this export does not ask: *not asked*, which is not *not answered*.
    var itemsNotAsked: Set<String>

    init(
        name: String, pattern: String, instrument: String, role: Role? = nil, columns: ColumnMapping,
        dialect: DialectOverrides = .init(), answerLabels: [String: Int] = [:], dateFormats: [String] = [],
        answerCodes: AnswerCodes? = nil, itemsNotAsked: Set<String> = [], isOptional: Bool = false
    ) {
        self.name = name
        self.pattern = pattern
        self.instrument = instrument
        self.role = role
        self.columns = columns
        self.dialect = dialect
        self.answerLabels = answerLabels
        self.dateFormats = dateFormats
        self.isOptional = isOptional
        self.answerCodes = answerCodes
        self.itemsNotAsked = itemsNotAsked
    }
}

/// Which column of an export holds what.
struct ColumnMapping: Sendable, Equatable {
    /// Who filled in the form (e-mail address or name).
    var respondent: ColumnReference
    /// Whom it is about: the wpb rated, or the school. For a self-scan the respondent is the subject.
    var subject: ColumnReference?
    /// The school's id (BRIN) or name; optional when the roster says where each subject works.
    var school: ColumnReference?
    var submittedAt: ColumnReference
    /// Item id → column. Items not mapped are looked up by their code, then by their text.
    var items: [String: ColumnReference]
    /// Open question id → column.
    var openQuestions: [String: ColumnReference]

    init(
        respondent: ColumnReference, subject: ColumnReference? = nil, school: ColumnReference? = nil,
        submittedAt: ColumnReference, items: [String: ColumnReference] = [:],
        openQuestions: [String: ColumnReference] = [:]
    ) {
        self.respondent = respondent
        self.subject = subject
        self.school = school
        self.submittedAt = submittedAt
        self.items = items
        self.openQuestions = openQuestions
    }
}

/// How a column is found in an export's header.
package enum ColumnReference: Sendable, Hashable, CustomStringConvertible {
    /// By the exact header text (compared without case or surrounding spaces).
    case header(String)
    /// By its 1-based position, for exports whose headers are unusable.
    case position(Int)

    package var description: String {
        switch self {
        case .header(let text): "column '\(text)'"
        case .position(let n): "column \(n)"
        }
    }
}

/// Dialect settings for exports whose sniffing should not be trusted.
package struct DialectOverrides: Sendable, Equatable {
    /// One of `,` `;` tab `|`; `nil` means sniff.
    package var delimiter: UInt8?
    /// One of ``TextEncoding``'s raw values; `nil` means detect.
    package var encoding: TextEncoding?
    /// Rows before the data; the first of them names the columns (Qualtrics writes three).
    var headerRows: Int
    /// `"` or `'`; `nil` means detect.
    var quote: UInt8?
    /// The XLSX sheet to read, by name; `nil` means the first.
    package var sheet: String?

    package init(
        delimiter: UInt8? = nil, encoding: TextEncoding? = nil, headerRows: Int = PipelineConfiguration.Defaults.headerRows,
        quote: UInt8? = nil, sheet: String? = nil
    ) {
        self.delimiter = delimiter
        self.encoding = encoding
        self.headerRows = headerRows
        self.quote = quote
        self.sheet = sheet
    }

    /// The byte for a delimiter as a coordinator writes it (`,` `;` `|` `tab`); `nil` for anything else.
    package static func delimiterByte(for name: String) -> UInt8? {
        switch name.lowercased() {
        case ",": UInt8(ascii: ",")
        case ";": UInt8(ascii: ";")
        case "|": UInt8(ascii: "|")
        case "tab", "\t": UInt8(ascii: "\t")
        default: nil
        }
    }
}

/// The text encodings survey exports come in.
package enum TextEncoding: String, Sendable, Equatable, CaseIterable {
    case utf8 = "utf-8"
    case utf16LittleEndian = "utf-16le"
    case utf16BigEndian = "utf-16be"
    case windows1252 = "windows-1252"
    /// Mac OS Roman, as Excel for older Macs saves "CSV (Macintosh)".
    case macRoman = "mac-roman"
    case iso88591 = "iso-8859-1"
    case iso885915 = "iso-8859-15"

    /// One byte per character: transcoded with ``SingleByteEncoding``'s tables.
    var isSingleByte: Bool { [.windows1252, .macRoman, .iso88591, .iso885915].contains(self) }
}
