import Foundation

/// One researcher table written twice at once: the standard file and, when asked for, its Excel-friendly copy.
///
/// Writing both in the same pass keeps `responses.csv` a single stream over the forms.
final class ResearchTableWriter {
    private let writers: [CSVWriter]
    /// The files, relative to the research folder.
    let relativePaths: [String]

    init(folder: URL, file: String, columns: [String], excelFolder: String?) throws {
        var writers = [try CSVWriter(creatingFileAt: folder.appendingPathComponent(file), options: .standard)]
        var paths = [file]
        if let excelFolder {
            let copy = folder.appendingPathComponent(excelFolder).appendingPathComponent(file)
            writers.append(try CSVWriter(creatingFileAt: copy, options: .excelFriendly))
            paths.append(excelFolder + "/" + file)
        }
        self.writers = writers
        self.relativePaths = paths
        for writer in writers { try writer.writeHeader(columns) }
    }

    func text(_ value: String?) { for writer in writers { writer.writeText(value) } }
    func integer(_ value: Int?) { for writer in writers { writer.writeInteger(value) } }
    func number(_ value: Double?) { for writer in writers { writer.writeNumber(value) } }
    func boolean(_ value: Bool?) { for writer in writers { writer.writeBoolean(value) } }
    func date(_ value: Date?) { for writer in writers { writer.writeDate(value) } }
    func missing() { for writer in writers { writer.writeMissing() } }
    /// The fields `body` writes, encoded once per writer, to start many rows with ``fields(_:)``.
    func encode(_ body: () -> Void) -> [CSVWriter.EncodedFields] {
        for writer in writers { writer.beginFragment() }
        body()
        return writers.map { $0.endFragment() }
    }

    func fields(_ encoded: [CSVWriter.EncodedFields]) {
        for (writer, fields) in zip(writers, encoded) { writer.write(fields) }
    }

    func endRow() throws { for writer in writers { try writer.endRow() } }
    func finish() throws { for writer in writers { try writer.finish() } }
}
