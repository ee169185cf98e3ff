import Foundation

/// Reads a CSV export front to back: detects (or takes) its dialect, then hands out records one at a time.
///
/// Memory does not grow with the file: UTF-8 files are memory-mapped and pages already read are
/// returned to the kernel as the reader moves on; other encodings are transcoded into a mapped
/// temporary file first (see ``DecodedText``).
public final class CSVReader {
    public let url: URL
    public let dialect: CSVDialect
    let text: DecodedText

    /// Opens `url`, sniffing whatever `overrides` leaves open.
    ///
    /// `overrides.headerRows` is taken as given, except that the default of one row becomes three
    /// when the file looks like a Qualtrics export.
    public init(url: URL, overrides: DialectOverrides = .init()) throws(IngestError) {
        self.url = url
        let text = try DecodedText.open(url, encoding: overrides.encoding)
        self.text = text
        dialect = text.withContent { bytes in
            let delimiter = overrides.delimiter ?? CSVDialect.sniffDelimiter(bytes)
            var headerRows = overrides.headerRows
            if headerRows == PipelineConfiguration.Defaults.headerRows
                && CSVDialect.looksLikeQualtrics(bytes, delimiter: delimiter)
            {
                headerRows = 3
            }
            return CSVDialect(encoding: text.encoding, hasByteOrderMark: text.hasByteOrderMark, delimiter: delimiter,
                              lineEnding: CSVDialect.sniffLineEnding(bytes), headerRows: headerRows)
        }
    }

    /// Whether some bytes are not valid UTF-8 although the file is UTF-8; such records should be checked.
    public var containsInvalidUTF8: Bool { text.containsInvalidUTF8 }

    /// Calls `body` with every record, header rows included, in file order.
    ///
    /// The record is a view valid only during the call; return `false` to stop early.
    public func forEachRecord(_ body: (CSVRecord) throws -> Bool) rethrows {
        try text.withContent { bytes in
            var parser = CSVParser(bytes: bytes, delimiter: dialect.delimiter)
            var record = CSVRecord()
            var recordsSinceRelease = 0
            while parser.next(into: &record) {
                guard try body(record) else { return }
                recordsSinceRelease += 1
                if recordsSinceRelease == 4096 {
                    recordsSinceRelease = 0
                    // Offsets are relative to the content; the BOM before it is part of the mapped file.
                    text.mapped.releasePages(before: text.contentStart + record.byteRange.lowerBound)
                }
            }
        }
    }

    /// Every record as strings, header rows included; for small files, tests and `spiegel sniff --records`.
    public func allRecords() -> [[String]] {
        var records: [[String]] = []
        forEachRecord { record in
            records.append(record.fields)
            return true
        }
        return records
    }
}
