import Foundation

/// An export file's text as UTF-8 bytes, whatever encoding it came in.
///
/// UTF-8 files are memory-mapped as they are. UTF-16 and Windows-1252 files are transcoded in
/// 1 MiB chunks into an unlinked temporary file that is then mapped: memory stays independent
/// of the file's size (the disk holds one UTF-8 copy while the file is read), and the parser
/// only ever sees UTF-8. Line breaks survive transcoding, so line numbers are the original's.
final class DecodedText {
    /// The UTF-8 bytes; the text starts at ``contentStart`` (after a UTF-8 BOM).
    let mapped: MappedFile
    let contentStart: Int
    let encoding: TextEncoding
    let hasByteOrderMark: Bool
    /// UTF-8 with some invalid bytes: records containing them become *encoding-error*.
    let containsInvalidUTF8: Bool

    private init(mapped: MappedFile, contentStart: Int, encoding: TextEncoding, hasByteOrderMark: Bool,
                 containsInvalidUTF8: Bool) {
        self.mapped = mapped
        self.contentStart = contentStart
        self.encoding = encoding
        self.hasByteOrderMark = hasByteOrderMark
        self.containsInvalidUTF8 = containsInvalidUTF8
    }

    /// Calls `body` with the text's UTF-8 bytes, BOM excluded.
    func withContent<R>(_ body: (UnsafeRawBufferPointer) throws -> R) rethrows -> R {
        try mapped.withBytes { bytes in
            try body(UnsafeRawBufferPointer(rebasing: bytes[contentStart...]))
        }
    }

    /// Opens `url`, detecting the encoding unless `override` names one.
    ///
    /// Detection: a BOM decides; without one, zero bytes in alternate positions mean UTF-16;
    /// otherwise the whole file is checked as UTF-8. Bytes that are not UTF-8 in a file with no
    /// multi-byte UTF-8 at all mean Windows-1252 (Dutch Excel's "CSV (gescheiden door lijstscheidingsteken)");
    /// a few invalid bytes among valid UTF-8 mean a damaged UTF-8 file, whose damaged records are quarantined.
    static func open(_ url: URL, encoding override: TextEncoding? = nil) throws(IngestError) -> DecodedText {
        let original = try MappedFile(url: url)
        let (bomEncoding, bomLength) = original.withBytes(byteOrderMark)
        let encoding: TextEncoding
        var containsInvalid = false
        if let override {
            encoding = override
        } else if let bomEncoding {
            encoding = bomEncoding
        } else if let utf16 = original.withBytes(guessUTF16WithoutBOM) {
            encoding = utf16
        } else {
            let tally = original.withBytes { UTF8Validation.tally($0) }
            encoding = tally.invalidSequences > 0 && tally.multiByteSequences == 0 ? .windows1252 : .utf8
            containsInvalid = tally.invalidSequences > 0 && encoding == .utf8
        }
        let hasBOM = bomEncoding == encoding
        let skip = hasBOM ? bomLength : 0
        switch encoding {
        case .utf8:
            if override != nil {
                containsInvalid = original.withBytes { UTF8Validation.invalidSequenceCount($0, stopAtFirst: true) } > 0
            }
            return DecodedText(mapped: original, contentStart: skip, encoding: .utf8, hasByteOrderMark: hasBOM,
                               containsInvalidUTF8: containsInvalid)
        case .windows1252, .utf16LittleEndian, .utf16BigEndian:
            let transcoded = try transcode(original, from: encoding, skipping: skip)
            return DecodedText(mapped: transcoded, contentStart: 0, encoding: encoding, hasByteOrderMark: hasBOM,
                               containsInvalidUTF8: false)
        }
    }

    private static func byteOrderMark(_ bytes: UnsafeRawBufferPointer) -> (TextEncoding?, Int) {
        if bytes.count >= 3 && bytes[0] == 0xEF && bytes[1] == 0xBB && bytes[2] == 0xBF { return (.utf8, 3) }
        if bytes.count >= 2 && bytes[0] == 0xFF && bytes[1] == 0xFE { return (.utf16LittleEndian, 2) }
        if bytes.count >= 2 && bytes[0] == 0xFE && bytes[1] == 0xFF { return (.utf16BigEndian, 2) }
        return (nil, 0)
    }

    /// Mostly-ASCII text in UTF-16 has a zero in every other byte.
    private static func guessUTF16WithoutBOM(_ bytes: UnsafeRawBufferPointer) -> TextEncoding? {
        let sample = min(bytes.count, 4096) & ~1
        guard sample >= 8 else { return nil }
        var zeroEven = 0, zeroOdd = 0
        for i in stride(from: 0, to: sample, by: 2) {
            if bytes[i] == 0 { zeroEven += 1 }
            if bytes[i + 1] == 0 { zeroOdd += 1 }
        }
        let pairs = sample / 2
        if zeroOdd * 10 > pairs * 7 && zeroEven * 10 < pairs { return .utf16LittleEndian }
        if zeroEven * 10 > pairs * 7 && zeroOdd * 10 < pairs { return .utf16BigEndian }
        return nil
    }

    /// Writes the UTF-8 form of `original` to an unlinked temporary file and maps it.
    private static func transcode(_ original: MappedFile, from encoding: TextEncoding, skipping: Int) throws(IngestError)
        -> MappedFile
    {
        let temporary = FileManager.default.temporaryDirectory
            .appendingPathComponent("spiegel-transcoded-\(UUID().uuidString).csv")
        guard FileManager.default.createFile(atPath: temporary.path, contents: nil),
              let handle = try? FileHandle(forWritingTo: temporary)
        else {
            throw IngestError.unreadableFile(file: original.url.path, reason: "cannot create a temporary file to transcode into")
        }
        defer { try? FileManager.default.removeItem(at: temporary) }
        do {
            try original.withBytes { bytes in
                var transcoder = Transcoder(encoding: encoding)
                var output: [UInt8] = []
                output.reserveCapacity(Transcoder.chunkSize * 3 + 8)
                var offset = skipping
                while offset < bytes.count {
                    let chunkEnd = min(offset + Transcoder.chunkSize, bytes.count)
                    transcoder.append(UnsafeRawBufferPointer(rebasing: bytes[offset..<chunkEnd]), to: &output,
                                      isLast: chunkEnd == bytes.count)
                    try handle.write(contentsOf: output)
                    output.removeAll(keepingCapacity: true)
                    original.releasePages(before: chunkEnd)
                    offset = chunkEnd
                }
            }
            try handle.close()
        } catch {
            throw IngestError.unreadableFile(file: original.url.path, reason: "transcoding failed: \(error)")
        }
        return try MappedFile(url: temporary)
    }
}

/// Windows-1252 and UTF-16 to UTF-8, chunk by chunk (a UTF-16 unit or surrogate pair may straddle chunks).
struct Transcoder {
    static let chunkSize = 1 << 20
    let encoding: TextEncoding
    private var pendingByte: UInt8?
    private var pendingHighSurrogate: UInt16?

    init(encoding: TextEncoding) { self.encoding = encoding }

    /// Code points of Windows-1252's 0x80–0x9F; the five unassigned bytes map to the C1 controls (as WHATWG does).
    static let windows1252High: [UInt32] = [
        0x20AC, 0x81, 0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021, 0x02C6, 0x2030, 0x0160, 0x2039, 0x0152, 0x8D, 0x017D, 0x8F,
        0x90, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2013, 0x2014, 0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0x9D, 0x017E, 0x0178,
    ]

    mutating func append(_ chunk: UnsafeRawBufferPointer, to output: inout [UInt8], isLast: Bool) {
        switch encoding {
        case .utf8:
            output.append(contentsOf: chunk)
        case .windows1252:
            for byte in chunk {
                if byte < 0x80 {
                    output.append(byte)
                } else if byte < 0xA0 {
                    Self.appendUTF8(Self.windows1252High[Int(byte - 0x80)], to: &output)
                } else {
                    Self.appendUTF8(UInt32(byte), to: &output)
                }
            }
        case .utf16LittleEndian, .utf16BigEndian:
            let littleEndian = encoding == .utf16LittleEndian
            var index = 0
            while index < chunk.count {
                let byte = chunk[index]
                index += 1
                guard let first = pendingByte else {
                    pendingByte = byte
                    continue
                }
                pendingByte = nil
                let unit = littleEndian ? UInt16(first) | UInt16(byte) << 8 : UInt16(first) << 8 | UInt16(byte)
                appendUnit(unit, to: &output)
            }
            if isLast {
                if pendingHighSurrogate != nil || pendingByte != nil { Self.appendUTF8(0xFFFD, to: &output) }
                pendingHighSurrogate = nil
                pendingByte = nil
            }
        }
    }

    private mutating func appendUnit(_ unit: UInt16, to output: inout [UInt8]) {
        if let high = pendingHighSurrogate {
            pendingHighSurrogate = nil
            if (0xDC00...0xDFFF).contains(unit) {
                let scalar = 0x10000 + ((UInt32(high) - 0xD800) << 10) + (UInt32(unit) - 0xDC00)
                Self.appendUTF8(scalar, to: &output)
                return
            }
            Self.appendUTF8(0xFFFD, to: &output)
        }
        switch unit {
        case 0xD800...0xDBFF: pendingHighSurrogate = unit
        case 0xDC00...0xDFFF: Self.appendUTF8(0xFFFD, to: &output)
        default: Self.appendUTF8(UInt32(unit), to: &output)
        }
    }

    static func appendUTF8(_ scalar: UInt32, to output: inout [UInt8]) {
        switch scalar {
        case 0..<0x80:
            output.append(UInt8(scalar))
        case 0x80..<0x800:
            output.append(UInt8(0xC0 | scalar >> 6))
            output.append(UInt8(0x80 | scalar & 0x3F))
        case 0x800..<0x10000:
            output.append(UInt8(0xE0 | scalar >> 12))
            output.append(UInt8(0x80 | scalar >> 6 & 0x3F))
            output.append(UInt8(0x80 | scalar & 0x3F))
        default:
            output.append(UInt8(0xF0 | scalar >> 18))
            output.append(UInt8(0x80 | scalar >> 12 & 0x3F))
            output.append(UInt8(0x80 | scalar >> 6 & 0x3F))
            output.append(UInt8(0x80 | scalar & 0x3F))
        }
    }
}
