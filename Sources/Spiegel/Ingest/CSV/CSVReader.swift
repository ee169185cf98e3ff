import Foundation

/// Reads a CSV export front to back: detects (or takes) its dialect, then hands out records one at a time.
///
/// Memory does not grow with the file: the text is read in chunks into a window that holds the
/// record being parsed (see ``DecodedText``), so it is bounded by a small multiple of the longest
/// record. The file is read twice, and a file that changes in between is an error, never a crash.
final class CSVReader {
    let url: URL
    let dialect: CSVDialect
    let text: DecodedText
    /// The source's `encoding:`, if set (a UTF-8 byte-order mark wins over it).
    let configuredEncoding: TextEncoding?

    /// Opens `url`, sniffing whatever `overrides` leaves open.
    ///
    /// `overrides.headerRows` is taken as given, except that the default of one row becomes three
    /// when the file looks like a Qualtrics export.
    convenience init(url: URL, overrides: DialectOverrides = .init()) throws(IngestError) {
        try self.init(file: ExportFile(url: url), overrides: overrides)
    }

    /// Reads the already opened `file` (``ExportReader/open(_:overrides:)`` opened it to detect its format).
    init(file: ExportFile, overrides: DialectOverrides = .init()) throws(IngestError) {
        url = file.url
        let text = try DecodedText.open(file, encoding: overrides.encoding)
        self.text = text
        configuredEncoding = overrides.encoding
        dialect = text.sample.withUnsafeBytes { sample in
            CSVDialect.sniff(
                sample, isWholeFile: sample.count == text.size - text.byteOrderMarkLength && text.encoding == .utf8,
                overrides: overrides, encoding: text.encoding, hasByteOrderMark: text.hasByteOrderMark,
                encodingUnsure: text.encodingUnsure)
        }
    }

    /// Whether some bytes are not valid UTF-8 although the file is UTF-8; such records should be checked.
    var containsInvalidUTF8: Bool { text.containsInvalidUTF8 }
    /// The file's size, as read.
    var size: Int { text.size }
    /// Hex SHA-256 of exactly the bytes read.
    var sha256: String { text.sha256 }

    /// Calls `body` with every record after the preamble (header rows included), in file order.
    ///
    /// The record is a view valid only during the call; return `false` to stop early.
    /// - Throws: ``IngestError/fileChanged(file:)`` when the file changed since it was opened, and
    ///   whatever `body` throws.
    func forEachRecord(_ body: (CSVRecord) throws -> Bool) throws {
        var stream = text.makeStream()
        var capacity = DecodedText.chunkSize * 4
        var window = UnsafeMutableRawPointer.allocate(byteCount: capacity, alignment: 16)
        defer { window.deallocate() }
        var filled = try stream.fill(window, count: 0, capacity: capacity)
        var parser = CSVParser(
            bytes: UnsafeRawBufferPointer(start: window, count: filled), delimiter: dialect.delimiter,
            quote: dialect.quote, isFinal: stream.isAtEnd)
        var record = CSVRecord()
        var skipped = 0
        var index = 0
        /// Where the window starts in the whole text.
        var windowStart = 0
        while true {
            while parser.next(into: &record) {
                record.textOffset = windowStart + record.byteRange.lowerBound
                if skipped < dialect.preambleLines {
                    skipped += 1
                    continue
                }
                if index == 0 {
                    if case .tooManyFields(let limit) = record.problem {
                        throw IngestError.tooManyColumns(file: url.path, limit: limit)
                    }
                    parser.expectedFields = record.count
                }
                index += 1
                guard try body(record) else { return }
            }
            guard parser.needsMore else { return }
            // Keep the unfinished record, move it to the front, read more behind it; grow for a long record.
            let kept = filled - parser.position
            windowStart += parser.position
            if parser.position > 0 {
                if kept > 0 { memmove(window, window + parser.position, kept) }  // the regions may overlap
            }
            filled = kept
            if filled * 2 > capacity {
                capacity *= 2
                let larger = UnsafeMutableRawPointer.allocate(byteCount: capacity, alignment: 16)
                larger.copyMemory(from: window, byteCount: filled)
                window.deallocate()
                window = larger
            }
            while filled < capacity && !stream.isAtEnd {
                filled += try stream.fill(window, count: filled, capacity: capacity)
            }
            parser.rebase(onto: UnsafeRawBufferPointer(start: window, count: filled), isFinal: stream.isAtEnd)
        }
    }

    /// ``forEachRecord(_:)`` for a body that cannot fail: only the reader's own error remains.
    func forEachRecordOrFail(_ body: (CSVRecord) -> Bool) throws(IngestError) {
        do {
            try forEachRecord(body)
        } catch let error as IngestError {
            throw error
        } catch {
            throw .unreadableFile(file: url.path, reason: "\(error)")
        }
    }

    /// Every record as strings, header rows included; for small files, tests and `spiegel sniff --records`.
    func allRecords() throws(IngestError) -> [[String]] {
        var records: [[String]] = []
        try forEachRecordOrFail { record in
            records.append(record.fields)
            return true
        }
        return records
    }
}
