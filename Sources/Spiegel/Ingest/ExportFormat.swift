import Foundation

/// What an export file really is, from its first bytes rather than its name: a coordinator renames
/// a Microsoft Forms download to `.csv`, or a browser saves a compressed copy.
enum ExportFormat: Equatable {
    /// Text, to be read as CSV.
    case text
    /// An Office Open XML workbook (a zip archive starting `PK\u{3}\u{4}`).
    case xlsx
    /// gzip-compressed (starting 1F 8B).
    case gzip
    /// A legacy Excel 97–2003 workbook (an OLE compound file).
    case xls

    /// The format of the file at `url`, from its first eight bytes.
    static func detect(_ url: URL) -> ExportFormat {
        guard let handle = try? FileHandle(forReadingFrom: url) else { return .text }
        defer { try? handle.close() }
        let head = (try? handle.read(upToCount: 8)).map { Array($0) } ?? []
        return detect(head: head)
    }

    static func detect(head: [UInt8]) -> ExportFormat {
        if head.starts(with: [0x50, 0x4B, 0x03, 0x04]) { return .xlsx }
        if head.starts(with: [0x1F, 0x8B]) { return .gzip }
        if head.starts(with: [0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1]) { return .xls }
        return .text
    }

    /// A format the CSV reader cannot read, found in the first bytes of a would-be CSV file.
    static func compressed(_ head: [UInt8]) -> ExportFormat? {
        let format = detect(head: Array(head.prefix(8)))
        return format == .text ? nil : format
    }

    var name: String {
        switch self {
        case .text: "text"
        case .xlsx: "an XLSX workbook (a zip archive)"
        case .gzip: "gzip-compressed"
        case .xls: "an old Excel 97–2003 workbook (.xls)"
        }
    }

    var advice: String {
        switch self {
        case .text: ""
        case .xlsx: "Name it .xlsx; XLSX sources are read as workbooks."
        case .gzip: "Unpack it (gunzip, or 7-Zip on Windows) and point the source at the file inside."
        case .xls: "Open it in Excel and save it as .xlsx or as CSV UTF-8."
        }
    }
}
