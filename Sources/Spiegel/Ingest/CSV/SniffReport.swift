import Foundation

/// What the reader detects in one export, for `spiegel sniff FILE [--json] [--records]`: a coordinator
/// runs it to see why an export is not read as expected.
package struct SniffReport: Sendable, Equatable, Encodable {
    var file: String
    var size: Int
    /// `csv`, or `xlsx` for a workbook (whatever the file's name).
    var format = "csv"
    /// The sheet read, for a workbook.
    var sheet: String?
    /// How the reader describes the file (the run manifest's *dialect*).
    var dialect = ""
    /// One of the names `encoding:` takes (``TextEncoding``); `utf-8` for a workbook.
    var encoding: String
    var byteOrderMark: Bool
    /// `,` `;` `|` or `tab`.
    var delimiter: String
    /// `CRLF`, `LF`, `CR`, `mixed` or `none`.
    var lineEnding: String
    var headerRows: Int
    /// `"` or `'`.
    var quote: String
    /// Lines above the header that are skipped (`sep=;`, titles, notes).
    var preambleLines: Int
    /// Detection could not tell two encodings apart with confidence.
    var encodingUnsure: Bool
    /// The names in the first header row.
    var columns: [String]
    /// Data records, header rows not counted.
    var recordCount: Int
    /// Physical lines of records with malformed quotes.
    var malformedLines: [Int]
    /// Physical lines of records whose cell count differs from the header's.
    var irregularLines: [Int]

    /// Reads all of `file` with the dialect detected, or as `overrides` say; a workbook (by its
    /// first bytes) is read as one, its sheet as `overrides.sheet` or the first.
    package static func sniff(file: URL, overrides: DialectOverrides = .init()) throws(IngestError) -> SniffReport {
        let reader = try ExportReader.open(file, overrides: overrides)
        var report = SniffReport(
            file: file.path, size: reader.size, dialect: reader.dialectDescription, encoding: TextEncoding.utf8.rawValue,
            byteOrderMark: false, delimiter: ",", lineEnding: CSVDialect.LineEnding.none.rawValue,
            headerRows: reader.headerRows, quote: "\"", preambleLines: 0, encodingUnsure: false, columns: [],
            recordCount: 0, malformedLines: [], irregularLines: [])
        if let csv = reader as? CSVReader {
            let dialect = csv.dialect
            report.encoding = dialect.encoding.rawValue
            report.byteOrderMark = dialect.hasByteOrderMark
            report.delimiter = dialect.delimiterName
            report.lineEnding = dialect.lineEnding.rawValue
            report.headerRows = dialect.headerRows
            report.quote = String(UnicodeScalar(dialect.quote))
            report.preambleLines = dialect.preambleLines
            report.encodingUnsure = dialect.encodingUnsure
        } else {
            report.format = "xlsx"
            report.sheet = reader.sheet
        }
        var index = 0
        let headerRows = report.headerRows
        try forEachRecord(of: reader, file: file) { record in
            defer { index += 1 }
            if index == 0 { report.columns = record.fields }
            if index >= headerRows {
                report.recordCount += 1
                if record.problem != nil {
                    report.malformedLines.append(record.line)
                } else if record.count != report.columns.count {
                    report.irregularLines.append(record.line)
                }
            }
            return true
        }
        return report
    }

    /// The report for people, one fact per line.
    package var text: String {
        func lines(_ list: [Int]) -> String {
            list.isEmpty ? "none" : list.prefix(20).map(String.init).joined(separator: ", ") + (list.count > 20 ? ", …" : "")
        }
        let layout =
            format == "xlsx"
            ? """
            Format:          XLSX workbook, sheet '\(sheet ?? "")'
            """
            : """
            Encoding:        \(encoding)\(byteOrderMark ? " with BOM" : "")\(encodingUnsure ? " (unsure: read as \(encoding); set `encoding:` for the source if accents or quotes read wrong)" : "")
            Delimiter:       \(delimiter == "tab" ? "tab" : "'\(delimiter)'")
            Quote:           \(quote)
            Line ends:       \(lineEnding)
            Preamble lines:  \(preambleLines)
            """
        var out = """
            File:            \(file) (\(size) bytes)
            \(layout)
            Header rows:     \(headerRows)
            Records:         \(recordCount) (header rows not counted)
            Malformed quote: \(lines(malformedLines))
            Cell count off:  \(lines(irregularLines))
            Columns (\(columns.count)):

            """
        for (index, column) in columns.enumerated() { out += "  \(index + 1). \(column)\n" }
        return out
    }

    /// The report as JSON (sorted keys, pretty-printed).
    package func json() -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        guard let data = try? encoder.encode(self) else { return "{}" }
        return String(decoding: data, as: UTF8.self)
    }

    /// Writes every record of `file` (header rows first) as a JSON array of arrays of strings,
    /// one record per line, streaming to `output` so a large file never sits in memory.
    package static func writeRecordsJSON(
        file: URL, overrides: DialectOverrides = .init(),
        to output: (String) -> Void
    ) throws(IngestError) {
        let reader = try ExportReader.open(file, overrides: overrides)
        var first = true
        var buffer = "["
        try forEachRecord(of: reader, file: file) { record in
            buffer += first ? "\n  [" : ",\n  ["
            first = false
            for index in 0..<record.count {
                if index > 0 { buffer += ", " }
                appendJSONString(record[index], to: &buffer)
            }
            buffer += "]"
            if buffer.utf8.count > 1 << 16 {
                output(buffer)
                buffer = ""
            }
            return true
        }
        buffer += first ? "]\n" : "\n]\n"
        output(buffer)
    }

    /// All records of `file` as JSON text; convenient for small files.
    static func recordsJSON(file: URL, overrides: DialectOverrides = .init()) throws(IngestError) -> String {
        var text = ""
        try writeRecordsJSON(file: file, overrides: overrides) { text += $0 }
        return text
    }

    /// ``ExportRecords/forEachRecord(_:)`` where only the reader's own ``IngestError`` can occur.
    private static func forEachRecord(
        of reader: any ExportRecords, file: URL, _ body: (CSVRecord) -> Bool
    ) throws(IngestError) {
        do {
            try reader.forEachRecord(body)
        } catch let error as IngestError {
            throw error
        } catch {
            throw .unreadableFile(file: file.path, reason: "\(error)")
        }
    }

    static func appendJSONString(_ string: String, to buffer: inout String) {
        buffer += "\""
        for scalar in string.unicodeScalars {
            switch scalar {
            case "\"": buffer += "\\\""
            case "\\": buffer += "\\\\"
            case "\n": buffer += "\\n"
            case "\r": buffer += "\\r"
            case "\t": buffer += "\\t"
            case "\u{0}"..."\u{1F}": buffer += String(format: "\\u%04x", scalar.value)
            default: buffer.unicodeScalars.append(scalar)
            }
        }
        buffer += "\""
    }
}
