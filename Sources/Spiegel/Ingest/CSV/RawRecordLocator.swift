import Foundation

/// Where the records of a UTF-8 export lie in its file, so the raw text of a few of them can be read
/// back by position instead of by reading and hashing the whole file again.
///
/// Ingest learns which rows were superseded only after every file is read; it keeps each form's span
/// (``CSVRecord/textOffset`` and length) and reads just those spans afterwards. The file must still be
/// the one read: same size, modification time and inode (``ExportFile/Stamp``) before and after.
struct RawRecordLocator: Sendable {
    let url: URL
    /// The file as the reading pass saw it.
    let stamp: ExportFile.Stamp
    /// Bytes before the text (a byte-order mark): text offset 0 is this file offset.
    let textStart: Int

    /// The raw text of each span (line → offset and length in the text), or `nil` when the file is
    /// no longer the one read (changed, replaced, gone): its bytes would be someone else's row.
    func rawTexts(_ spans: [Int: Range<Int>]) -> [Int: String]? {
        guard let file = try? ExportFile(url: url), file.stamp == stamp else { return nil }
        var texts: [Int: String] = [:]
        texts.reserveCapacity(spans.count)
        var buffer: [UInt8] = []
        for (line, span) in spans {
            guard span.lowerBound >= 0, textStart + span.upperBound <= stamp.size else { return nil }
            buffer = [UInt8](repeating: 0, count: span.count)
            let read = buffer.withUnsafeMutableBytes { bytes -> Int? in
                guard let base = bytes.baseAddress else { return 0 }
                return try? file.read(into: base, count: span.count, at: textStart + span.lowerBound)
            }
            guard read == span.count else { return nil }
            texts[line] = String(decoding: buffer, as: UTF8.self)
        }
        guard (try? file.checkUnchanged()) != nil else { return nil }
        return texts
    }
}
