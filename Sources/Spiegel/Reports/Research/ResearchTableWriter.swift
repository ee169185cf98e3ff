import Foundation

/// One researcher table written twice at once: the standard file and, when asked for, its Excel-friendly copy.
///
/// Writing both in the same pass keeps `forms.csv` and `responses.csv` a single stream over the forms. Numbers keep a
/// decimal point (`5.0`), so a reader that types a column from its first rows never takes a mean for an integer.
final class ResearchTableWriter {
    private let writers: [CSVWriter]
    /// The files, relative to the research folder.
    let relativePaths: [String]

    init(folder: URL, file: String, columns: [String], excelFolder: String?) throws {
        var writers = [try CSVWriter(creatingFileAt: folder.appendingPathComponent(file), options: .standard.markingWholeNumbers)]
        var paths = [file]
        if let excelFolder {
            let copy = folder.appendingPathComponent(excelFolder).appendingPathComponent(file)
            writers.append(try CSVWriter(creatingFileAt: copy, options: .excelFriendly.markingWholeNumbers))
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
    func day(_ value: Day?) { for writer in writers { writer.writeDay(value) } }
    func missing() { for writer in writers { writer.writeMissing() } }
    /// The fields `body` writes, encoded once per writer.
    private func encode(_ body: () -> Void) -> [CSVWriter.EncodedFields] {
        for writer in writers { writer.beginFragment() }
        body()
        return writers.map { $0.endFragment() }
    }

    /// Texts encoded once per writer, written later by index as one field of many rows (an instrument's item ids).
    struct EncodedTexts {
        /// Per writer, per text.
        fileprivate let fields: [[CSVWriter.EncodedFields]]
    }

    func encode(texts: [String]) -> EncodedTexts {
        var fields = writers.map { _ in [CSVWriter.EncodedFields]() }
        for text in texts {
            for (index, encoded) in encode({ self.text(text) }).enumerated() { fields[index].append(encoded) }
        }
        return EncodedTexts(fields: fields)
    }

    /// A whole row of an integer, a pre-encoded text and an optional integer: `responses.csv`'s hot path
    /// (24 million rows at ten years), which builds no value and no string per row.
    func row(_ first: Int, _ texts: EncodedTexts, _ index: Int, _ last: Int?) throws {
        for (writer, fields) in zip(writers, texts.fields) {
            writer.writeInteger(first)
            writer.write(fields[index])
            writer.writeInteger(last)
            try writer.endRow()
        }
    }

    func endRow() throws { for writer in writers { try writer.endRow() } }
    func finish() throws { for writer in writers { try writer.finish() } }
}
