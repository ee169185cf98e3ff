import Foundation

/// A problem that stops one export file from being read at all; row-level problems are
/// ``QuarantineRecord``s instead.
///
/// Every message names the file and says what the coordinator can do about it.
package enum IngestError: Error, Equatable, CustomStringConvertible, LocalizedError {
    /// The file cannot be opened or mapped.
    case unreadableFile(file: String, reason: String)
    /// The file has no header row.
    case emptyFile(file: String)
    /// The file changed between the two passes of the reader (a sync client or download still writing).
    case fileChanged(file: String)
    /// The file is compressed or in another format than its name says.
    case wrongFormat(file: String, format: String, advice: String)
    /// The header row has more cells than any spreadsheet (``CSVParser/maximumFields``).
    case tooManyColumns(file: String, limit: Int)
    /// An XLSX file is damaged or exceeds a limit that keeps reading it bounded.
    case unreadableWorkbook(file: String, reason: String)
    /// The source names a sheet the workbook does not have.
    case missingSheet(file: String, sheet: String, sheets: [String])
    /// A column the source maps (respondent, submitted_at, …) is not in the header.
    case missingColumn(file: String, source: String, purpose: String, reference: ColumnReference, header: [String])
    /// A header text matches more than one column, so the mapping is ambiguous.
    case ambiguousColumn(file: String, source: String, purpose: String, reference: ColumnReference, positions: [Int])
    /// Items of the instrument for which no column was found by mapping, id or text; `encoding` is
    /// the single-byte encoding the file was guessed to be in, when it was (a wrong guess garbles
    /// the item texts in the header).
    case itemColumnsNotFound(file: String, source: String, items: [String], encoding: String? = nil)
    /// The source names an instrument the configuration does not have.
    case unknownInstrument(source: String, instrument: String)
    /// The instrument allows several roles and the source does not say which one.
    case roleNotGiven(source: String, instrument: String, roles: [Role])
    /// Neither a school column nor a roster says where a form belongs.
    case noSchoolColumn(source: String)
    /// A feedback form needs a column naming whom it is about.
    case noSubjectColumn(source: String, role: Role)

    package var description: String {
        switch self {
        case let .unreadableFile(file, reason):
            "\(file): cannot be read (\(reason)). Check that the file exists and is readable."
        case let .emptyFile(file):
            "\(file): the file is empty or has no header row. Export it again from the survey tool."
        case let .fileChanged(file):
            "\(file): the file changed while it was being read (a sync client or download still writing?). "
                + "Run again once it is complete."
        case let .wrongFormat(file, format, advice):
            "\(file): the file is \(format), not CSV text. \(advice)"
        case let .tooManyColumns(file, limit):
            "\(file): the header row has more than \(limit) cells, more than any spreadsheet holds; this is not a "
                + "survey export as the tool writes it (a wrong delimiter set, or a damaged file?). Export it again, "
                + "or check `delimiter:`."
        case let .unreadableWorkbook(file, reason):
            "\(file): the workbook cannot be read (\(reason)). Open it in Excel and save it again, or export it again."
        case let .missingSheet(file, sheet, sheets):
            "\(file): the workbook has no sheet '\(Excerpt.cut(sheet))' (sheets: \(sheets.map { "'\(Excerpt.cut($0))'" }.joined(separator: ", "))). "
                + "Correct `sheet:` in Pipeline.yml."
        case let .missingColumn(file, source, purpose, reference, header):
            "\(file): the \(purpose) \(Excerpt.cut(reference.description)) of source '\(source)' is not in the header"
                + (Self.nearestHeader(to: reference, in: header).map { "; did you mean '\(Excerpt.cut($0))'?" } ?? "")
                + " (columns: \(Self.list(header))). Correct `columns.\(purpose)` in Pipeline.yml."
        case let .ambiguousColumn(file, source, purpose, reference, positions):
            "\(file): the \(purpose) \(reference) of source '\(source)' matches columns "
                + "\(positions.map(String.init).joined(separator: ", ")). Map it by position: {position: N}."
        case let .itemColumnsNotFound(file, source, items, encoding):
            "\(file): no column found for item(s) \(items.joined(separator: ", ")) of source '\(source)' "
                + "(looked for the item code and the item text). "
                + (encoding.map {
                    "The file was read as \($0) (guessed, no `encoding:` set): if the header's accented letters or "
                        + "quotes look wrong in `spiegel sniff`, set `encoding:` for the source (e.g. windows-1252); otherwise "
                } ?? "")
                + "Map them under `columns.items` in Pipeline.yml."
        case let .unknownInstrument(source, instrument):
            "source '\(source)' names instrument '\(instrument)', which is not configured. Check `instrument:`."
        case let .roleNotGiven(source, instrument, roles):
            "source '\(source)': instrument '\(instrument)' allows the roles "
                + "\(roles.map(\.rawValue).joined(separator: ", ")); say which one with `role:`."
        case let .noSchoolColumn(source):
            "source '\(source)' has no school column and the registry has no roster to place subjects. "
                + "Map `columns.school` or add a roster."
        case let .noSubjectColumn(source, role):
            "source '\(source)': forms by role '\(role.rawValue)' are about someone else; map `columns.subject`."
        }
    }

    package var errorDescription: String? { description }

    /// The header a mistyped column name most likely meant (``Spelling/nearest(to:in:)``).
    private static func nearestHeader(to reference: ColumnReference, in header: [String]) -> String? {
        guard case let .header(text) = reference else { return nil }
        return Spelling.nearest(to: text, in: header)
    }

    private static func list(_ header: [String]) -> String {
        let shown = header.prefix(12).map { "'\(Excerpt.cut($0, limit: Excerpt.listLimit))'" }.joined(separator: ", ")
        return header.count > 12 ? shown + ", …" : shown
    }
}
