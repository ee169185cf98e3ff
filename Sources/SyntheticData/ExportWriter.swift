import Foundation
import Spiegel

/// Writes one CSV export: rows are built as bytes in a buffer and flushed in large blocks,
/// so a million-form run streams to disk without building strings per field.
final class ExportWriter {
    private let handle: FileHandle
    private let url: URL
    private var buffer: [UInt8] = []
    private let flushThreshold = 1 << 20
    let delimiter: UInt8
    let lineEnding: [UInt8]
    /// LimeSurvey quotes every field; the others quote only when they must.
    let quoteAll: Bool
    private(set) var bytesWritten = 0
    private var fieldsInRow = 0

    init(url: URL, delimiter: UInt8, lineEnding: [UInt8], quoteAll: Bool, byteOrderMark: Bool) throws {
        self.url = url
        self.delimiter = delimiter
        self.lineEnding = lineEnding
        self.quoteAll = quoteAll
        guard FileManager.default.createFile(atPath: url.path, contents: nil) else {
            throw GenerateError.cannotWrite(url.path)
        }
        do { handle = try FileHandle(forWritingTo: url) } catch { throw GenerateError.cannotWrite(url.path) }
        buffer.reserveCapacity(flushThreshold + 64 * 1024)
        if byteOrderMark { buffer.append(contentsOf: [0xEF, 0xBB, 0xBF]) }
    }

    // MARK: Fields

    private func separate() {
        if fieldsInRow > 0 { buffer.append(delimiter) }
        fieldsInRow += 1
    }

    /// A field from bytes already known to need no quoting (numbers, dates, ids).
    func plain(_ bytes: [UInt8]) {
        separate()
        if quoteAll {
            buffer.append(0x22)
            buffer.append(contentsOf: bytes)
            buffer.append(0x22)
        } else {
            buffer.append(contentsOf: bytes)
        }
    }

    /// A text field, quoted when it holds the delimiter, a quote or a line break (RFC 4180).
    func text(_ value: String) {
        separate()
        var needsQuotes = quoteAll
        if !needsQuotes {
            for byte in value.utf8 where byte == delimiter || byte == 0x22 || byte == 0x0A || byte == 0x0D {
                needsQuotes = true
                break
            }
        }
        guard needsQuotes else {
            buffer.append(contentsOf: value.utf8)
            return
        }
        buffer.append(0x22)
        for byte in value.utf8 {
            if byte == 0x22 { buffer.append(0x22) }
            buffer.append(byte)
        }
        buffer.append(0x22)
    }

    /// An empty field (an unanswered question).
    func empty() {
        separate()
        if quoteAll { buffer.append(contentsOf: [0x22, 0x22]) }
    }

    /// A non-negative integer without going through `String`.
    func integer(_ value: Int) {
        separate()
        if quoteAll { buffer.append(0x22) }
        appendDigits(value)
        if quoteAll { buffer.append(0x22) }
    }

    /// A timestamp formatted by `style` without `DateFormatter` (fast, locale-independent).
    func timestamp(_ time: LocalTime, _ style: LocalTime.Format) {
        separate()
        if quoteAll { buffer.append(0x22) }
        time.append(to: &buffer, style)
        if quoteAll { buffer.append(0x22) }
    }

    private func appendDigits(_ value: Int) {
        var divisor = 1
        while divisor <= value / 10 { divisor *= 10 }
        while divisor > 0 {
            buffer.append(0x30 + UInt8((value / divisor) % 10))
            divisor /= 10
        }
    }

    // MARK: Rows

    /// Ends the current row.
    func endRow() throws {
        buffer.append(contentsOf: lineEnding)
        fieldsInRow = 0
        if buffer.count >= flushThreshold { try flush() }
    }

    /// A row of `columns` empty fields: what Excel writes for a blank line in a sheet.
    func delimiterOnlyRow(columns: Int) throws {
        if columns > 1 { buffer.append(contentsOf: repeatElement(delimiter, count: columns - 1)) }
        try endRow()
    }

    private func flush() throws {
        guard !buffer.isEmpty else { return }
        do { try handle.write(contentsOf: buffer) } catch { throw GenerateError.cannotWrite(url.path) }
        bytesWritten += buffer.count
        buffer.removeAll(keepingCapacity: true)
    }

    func close() throws {
        try flush()
        do { try handle.close() } catch { throw GenerateError.cannotWrite(url.path) }
    }
}
