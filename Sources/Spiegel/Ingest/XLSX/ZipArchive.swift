import CZlib
import Foundation

/// The entries of a zip archive (an XLSX workbook) and their bytes, unpacked with a cap.
///
/// Written here rather than taken from ZIPFoundation, whose Linux inflate loops forever on some
/// damaged entries and cannot be stopped: this reader asks zlib to inflate (raw deflate, the only
/// method XLSX uses besides storing), so every step either consumes input, produces output or ends
/// the entry with an error. Output is capped at the size the directory declares and at
/// ``XLSXWorkbook/Limits/partSize``, and checked against the entry's CRC-32 at the end. Only what an
/// XLSX needs is read (APPNOTE 6.3: the end of central directory record, ZIP64 sizes and offsets,
/// central directory and local headers); encrypted and exotically compressed entries are refused.
final class ZipArchive {
    /// One file inside the archive, as the central directory describes it.
    struct Entry {
        var path: String
        var method: UInt16
        var flags: UInt16
        var crc32: UInt32
        var compressedSize: Int
        var uncompressedSize: Int
        var localHeaderOffset: Int
    }

    let file: ExportFile
    private let entries: [String: Entry]
    /// How often each entry was opened for unpacking: a workbook's parts are unpacked once per read.
    private(set) var unpackings: [String: Int] = [:]

    /// At most this many entries (an XLSX has a few dozen); a directory claiming more is damaged.
    static let entryLimit = 100_000

    init(file: ExportFile) throws(IngestError) {
        self.file = file
        entries = try Self.readDirectory(file)
    }

    subscript(path: String) -> Entry? { entries[path] }

    /// Opens `path` for unpacking; nil when the archive has no such entry.
    func open(_ path: String) throws(IngestError) -> EntryStream? {
        guard let entry = entries[path] else { return nil }
        unpackings[path, default: 0] += 1
        return try EntryStream(archive: self, entry: entry)
    }

    private func fail(_ reason: String) -> IngestError {
        .unreadableWorkbook(file: file.url.path, reason: reason)
    }

    /// Little-endian integers from a byte array, with bounds already checked by the caller.
    private static func integer<T: FixedWidthInteger>(_ bytes: [UInt8], _ offset: Int, as type: T.Type) -> T {
        var value: T = 0
        for index in 0..<MemoryLayout<T>.size { value |= T(bytes[offset + index]) << (8 * index) }
        return value
    }

    private static func bytes(of file: ExportFile, at offset: Int, count: Int) throws(IngestError) -> [UInt8] {
        guard offset >= 0, count >= 0, offset <= file.size, count <= file.size - offset else {
            throw IngestError.unreadableWorkbook(
                file: file.url.path, reason: "the zip directory points outside the file; it is truncated or damaged")
        }
        var buffer = [UInt8](repeating: 0, count: count)
        // `withUnsafeMutableBytes` rethrows untyped errors; carry the typed one out by hand.
        let read = try buffer.withUnsafeMutableBytes { raw -> Result<Int, IngestError> in
            guard let base = raw.baseAddress else { return .success(0) }
            do throws(IngestError) { return .success(try file.read(into: base, count: count, at: offset)) } catch {
                return .failure(error)
            }
        }.get()
        guard read == count else { throw IngestError.fileChanged(file: file.url.path) }
        return buffer
    }

    /// The central directory: found through the end record in the last 64 KiB + 22 bytes.
    private static func readDirectory(_ file: ExportFile) throws(IngestError) -> [String: Entry] {
        func damaged(_ what: String) -> IngestError {
            .unreadableWorkbook(file: file.url.path, reason: "not a readable zip archive: \(what)")
        }
        let tailCount = min(file.size, 65_535 + 22)
        let tail = try bytes(of: file, at: file.size - tailCount, count: tailCount)
        guard tailCount >= 22,
            let end = stride(from: tailCount - 22, through: 0, by: -1).first(where: {
                tail[$0] == 0x50 && tail[$0 + 1] == 0x4B && tail[$0 + 2] == 0x05 && tail[$0 + 3] == 0x06
            })
        else { throw damaged("no end of central directory (the file is truncated)") }
        var count = Int(integer(tail, end + 10, as: UInt16.self))
        var directorySize = Int(integer(tail, end + 12, as: UInt32.self))
        var directoryOffset = Int(integer(tail, end + 16, as: UInt32.self))
        // ZIP64: the end record's fields are all ones and a locator 20 bytes before it points to the real ones.
        if (count == 0xFFFF || directorySize == 0xFFFF_FFFF || directoryOffset == 0xFFFF_FFFF) && end >= 20
            && integer(tail, end - 20, as: UInt32.self) == 0x0706_4B50
        {
            let recordOffset = Int(clamping: integer(tail, end - 20 + 8, as: UInt64.self))
            let record = try bytes(of: file, at: recordOffset, count: 56)
            guard integer(record, 0, as: UInt32.self) == 0x0606_4B50 else { throw damaged("a broken ZIP64 end record") }
            count = Int(clamping: integer(record, 32, as: UInt64.self))
            directorySize = Int(clamping: integer(record, 40, as: UInt64.self))
            directoryOffset = Int(clamping: integer(record, 48, as: UInt64.self))
        }
        guard count <= entryLimit else { throw damaged("the directory lists \(count) entries, more than \(entryLimit)") }
        let directory = try bytes(of: file, at: directoryOffset, count: directorySize)
        var entries: [String: Entry] = [:]
        var p = 0
        for _ in 0..<count {
            guard p + 46 <= directory.count, integer(directory, p, as: UInt32.self) == 0x0201_4B50 else {
                throw damaged("a broken central directory entry")
            }
            let nameLength = Int(integer(directory, p + 28, as: UInt16.self))
            let extraLength = Int(integer(directory, p + 30, as: UInt16.self))
            let commentLength = Int(integer(directory, p + 32, as: UInt16.self))
            guard p + 46 + nameLength + extraLength + commentLength <= directory.count else {
                throw damaged("a central directory entry runs past the directory")
            }
            let name = String(decoding: directory[(p + 46)..<(p + 46 + nameLength)], as: UTF8.self)
            var entry = Entry(
                path: name, method: integer(directory, p + 10, as: UInt16.self),
                flags: integer(directory, p + 8, as: UInt16.self),
                crc32: integer(directory, p + 16, as: UInt32.self),
                compressedSize: Int(integer(directory, p + 20, as: UInt32.self)),
                uncompressedSize: Int(integer(directory, p + 24, as: UInt32.self)),
                localHeaderOffset: Int(integer(directory, p + 42, as: UInt32.self)))
            readZIP64Sizes(directory, extraAt: p + 46 + nameLength, length: extraLength, into: &entry)
            entries[name] = entry
            p += 46 + nameLength + extraLength + commentLength
        }
        return entries
    }

    /// The ZIP64 extended information field (0x0001): the 64-bit sizes and offset, present for each
    /// 32-bit field that is all ones, in that order.
    private static func readZIP64Sizes(_ bytes: [UInt8], extraAt start: Int, length: Int, into entry: inout Entry) {
        var p = start
        let end = start + length
        while p + 4 <= end {
            let id = integer(bytes, p, as: UInt16.self)
            let size = Int(integer(bytes, p + 2, as: UInt16.self))
            guard p + 4 + size <= end else { return }
            if id == 0x0001 {
                var q = p + 4
                func next() -> Int? {
                    guard q + 8 <= p + 4 + size else { return nil }
                    defer { q += 8 }
                    return Int(clamping: integer(bytes, q, as: UInt64.self))
                }
                if entry.uncompressedSize == 0xFFFF_FFFF, let value = next() { entry.uncompressedSize = value }
                if entry.compressedSize == 0xFFFF_FFFF, let value = next() { entry.compressedSize = value }
                if entry.localHeaderOffset == 0xFFFF_FFFF, let value = next() { entry.localHeaderOffset = value }
                return
            }
            p += 4 + size
        }
    }

    /// One entry's bytes, unpacked chunk by chunk: memory is the chunk, not the entry.
    final class EntryStream {
        let entry: Entry
        private let archive: ZipArchive
        private var stream = z_stream()
        private var inflating = false
        /// Compressed bytes being inflated; allocated once, because zlib keeps a pointer into them.
        private let input = UnsafeMutablePointer<UInt8>.allocate(capacity: EntryStream.inputChunk)
        /// Where the next compressed bytes are read in the file, and how many are left.
        private var offset: Int
        private var remaining: Int
        private var produced = 0
        private var crc: uLong = 0
        private(set) var isAtEnd = false
        /// Compressed bytes read per step.
        static let inputChunk = 64 << 10

        fileprivate init(archive: ZipArchive, entry: Entry) throws(IngestError) {
            self.archive = archive
            self.entry = entry
            offset = 0
            remaining = entry.compressedSize
            let header = try ZipArchive.bytes(of: archive.file, at: entry.localHeaderOffset, count: 30)
            guard ZipArchive.integer(header, 0, as: UInt32.self) == 0x0403_4B50 else {
                throw archive.fail("\(entry.path) has no local header where the directory says; the archive is damaged")
            }
            if entry.flags & 1 != 0 {
                throw archive.fail("\(entry.path) is encrypted; remove the password in Excel and save it again")
            }
            guard entry.uncompressedSize <= Int(XLSXWorkbook.Limits.partSize) else {
                throw archive.fail(
                    "\(entry.path) unpacks to \(entry.uncompressedSize) bytes, more than \(XLSXWorkbook.Limits.partSize)")
            }
            guard entry.method == 0 || entry.method == 8 else {
                throw archive.fail("\(entry.path) is compressed with zip method \(entry.method), which XLSX does not use")
            }
            let dataStart =
                entry.localHeaderOffset + 30 + Int(ZipArchive.integer(header, 26, as: UInt16.self))
                + Int(ZipArchive.integer(header, 28, as: UInt16.self))
            guard entry.compressedSize >= 0, dataStart <= archive.file.size, entry.compressedSize <= archive.file.size - dataStart
            else { throw archive.fail("\(entry.path) runs past the end of the file; the archive is truncated") }
            offset = dataStart
            if entry.method == 8 {
                let status = inflateInit2_(&stream, -MAX_WBITS, zlibVersion(), Int32(MemoryLayout<z_stream>.size))
                guard status == Z_OK else { throw archive.fail("zlib could not start inflating \(entry.path) (\(status))") }
                inflating = true
            }
        }

        deinit {
            if inflating { inflateEnd(&stream) }
            input.deallocate()
        }

        /// Unpacks up to `buffer.count` bytes into `buffer`; 0 only at the end of the entry.
        func read(into buffer: UnsafeMutableRawBufferPointer) throws(IngestError) -> Int {
            guard !isAtEnd, buffer.count > 0, let base = buffer.baseAddress else { return 0 }
            let count =
                entry.method == 0
                ? try readStored(into: base, capacity: buffer.count) : try inflate(into: base, capacity: buffer.count)
            produced += count
            if produced > entry.uncompressedSize {
                throw archive.fail("\(entry.path) unpacks to more than the \(entry.uncompressedSize) bytes its header declares")
            }
            if produced > Int(XLSXWorkbook.Limits.partSize) {
                throw archive.fail("\(entry.path) unpacks to more than \(XLSXWorkbook.Limits.partSize) bytes")
            }
            if count > 0 { crc = crc32(crc, base.assumingMemoryBound(to: Bytef.self), uInt(count)) }
            if count == 0 || isAtEnd { try finish() }
            return count
        }

        private func finish() throws(IngestError) {
            isAtEnd = true
            guard produced == entry.uncompressedSize else {
                throw archive.fail(
                    "\(entry.path) unpacks to \(produced) bytes, not the \(entry.uncompressedSize) its header declares")
            }
            guard UInt32(truncatingIfNeeded: crc) == entry.crc32 else {
                throw archive.fail("\(entry.path) fails its CRC-32 check; the archive is damaged")
            }
        }

        private func readStored(into base: UnsafeMutableRawPointer, capacity: Int) throws(IngestError) -> Int {
            let want = min(capacity, remaining)
            guard want > 0 else { return 0 }
            let count = try archive.file.read(into: base, count: want, at: offset)
            guard count == want else { throw IngestError.fileChanged(file: archive.file.url.path) }
            offset += count
            remaining -= count
            return count
        }

        /// One or more inflate steps until some output comes or the stream ends; each step must
        /// consume input or produce output, or the entry is damaged (never an endless loop).
        private func inflate(into base: UnsafeMutableRawPointer, capacity: Int) throws(IngestError) -> Int {
            stream.next_out = base.assumingMemoryBound(to: Bytef.self)
            stream.avail_out = uInt(min(capacity, Int(UInt32.max)))
            let start = stream.avail_out
            while stream.avail_out == start {
                if stream.avail_in == 0 && remaining > 0 {
                    let want = min(Self.inputChunk, remaining)
                    let count = try archive.file.read(into: input, count: want, at: offset)
                    guard count == want else { throw IngestError.fileChanged(file: archive.file.url.path) }
                    offset += count
                    remaining -= count
                    stream.next_in = input
                    stream.avail_in = uInt(count)
                }
                let availableBefore = stream.avail_in
                let status = CZlib.inflate(&stream, Z_NO_FLUSH)
                if status == Z_STREAM_END {
                    isAtEnd = true
                    break
                }
                guard status == Z_OK || status == Z_BUF_ERROR else {
                    let message = stream.msg.map { String(cString: $0) } ?? "error \(status)"
                    throw archive.fail("\(entry.path) cannot be unpacked (\(message)); the archive is damaged")
                }
                if stream.avail_out == start && stream.avail_in == availableBefore && (remaining == 0 || stream.avail_in > 0) {
                    throw archive.fail("\(entry.path) ends before its compressed data does; the archive is truncated")
                }
            }
            return Int(start - stream.avail_out)
        }
    }
}
