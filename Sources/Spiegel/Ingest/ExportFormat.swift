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
    /// A password-protected workbook: Excel stores an encrypted XLSX inside an OLE compound file
    /// with the streams `EncryptionInfo` and `EncryptedPackage` (MS-OFFCRYPTO §2.3.4).
    case encryptedWorkbook

    /// The format of the file at `url` (``detect(_:)-(ExportFile)``); text when it cannot be opened.
    static func detect(_ url: URL) -> ExportFormat {
        guard let file = try? ExportFile(url: url) else { return .text }
        return detect(file)
    }

    /// The format of the open `file`, from its first eight bytes (and, for an OLE compound file,
    /// the stream names in its first ``encryptionScanLimit`` bytes); read with the descriptor already
    /// open, so detecting costs no second open.
    static func detect(_ file: ExportFile) -> ExportFormat {
        var head = [UInt8](repeating: 0, count: 8)
        let count = head.withUnsafeMutableBytes { (try? file.read(into: $0.baseAddress!, count: 8, at: 0)) ?? 0 }
        let format = detect(head: Array(head.prefix(count)))
        guard format == .xls else { return format }
        let scan = min(file.size, encryptionScanLimit + 8)
        var bytes = [UInt8](repeating: 0, count: scan)
        let read = bytes.withUnsafeMutableBytes { (try? file.read(into: $0.baseAddress!, count: scan, at: 0)) ?? 0 }
        return isEncryptedPackage(Array(bytes.prefix(read))) ? .encryptedWorkbook : .xls
    }

    /// How far into an OLE file the directory is searched for `EncryptedPackage`.
    static let encryptionScanLimit = 32 << 20

    /// Whether an OLE compound file's directory names the `EncryptedPackage` stream (UTF-16LE).
    static func isEncryptedPackage(_ bytes: [UInt8]) -> Bool {
        let name = Array("EncryptedPackage".utf16.flatMap { [UInt8($0 & 0xFF), UInt8($0 >> 8)] })
        guard bytes.count >= name.count else { return false }
        var index = 0
        while index + name.count <= bytes.count {
            if bytes[index] == name[0] && bytes[index..<(index + name.count)].elementsEqual(name) { return true }
            index += 1
        }
        return false
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
        case .encryptedWorkbook: "a password-protected Excel workbook"
        }
    }

    var advice: String {
        switch self {
        case .text: ""
        case .xlsx: "It is read as a workbook when the source reads it directly; `spiegel sniff` shows how."
        case .gzip: "Unpack it (gunzip, or 7-Zip on Windows) and point the source at the file inside."
        case .xls: "Open it in Excel and save it as .xlsx or as CSV UTF-8."
        case .encryptedWorkbook:
            "Open it in Excel, remove the password (File > Info > Protect Workbook > Encrypt with Password: empty) and save it again."
        }
    }
}
