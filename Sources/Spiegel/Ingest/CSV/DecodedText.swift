import Crypto
import Foundation

/// An export file's text as UTF-8 bytes, whatever encoding it came in, read in two verified passes.
///
/// The first pass (``open(_:encoding:)``) reads the whole file once: it hashes it for the manifest,
/// tallies its UTF-8 and keeps the start as a sample for sniffing. The second (``makeStream()``)
/// hands out the text chunk by chunk, transcoded to UTF-8 where needed, so memory depends on the
/// chunk and the longest record, never on the file. Line breaks survive transcoding, so line numbers
/// are the original's. At the end of the second pass the reader checks that the file did not change
/// (``ExportFile/checkUnchanged(bytesRead:)``), so what was parsed is what was hashed.
final class DecodedText {
    let file: ExportFile
    /// Bytes of the byte-order mark at the start (not part of the text).
    let byteOrderMarkLength: Int
    let encoding: TextEncoding
    let hasByteOrderMark: Bool
    /// UTF-8 with some invalid bytes: records containing them become *encoding-error*.
    let containsInvalidUTF8: Bool
    /// Detection could not tell two encodings apart with confidence; the coordinator should check.
    let encodingUnsure: Bool
    /// Hex SHA-256 of the file's bytes, as read by the first pass.
    let sha256: String
    /// The start of the text in UTF-8 (BOM excluded): at least ``CSVDialect/sniffSampleSize`` bytes
    /// and the first few whole lines, for sniffing.
    let sample: [UInt8]

    var size: Int { file.size }

    static let chunkSize = 1 << 20
    /// How far the sample may grow to hold the first records of a file with an enormous header.
    static let sampleLimit = 64 << 20

    private init(
        file: ExportFile, byteOrderMarkLength: Int, encoding: TextEncoding, hasByteOrderMark: Bool,
        containsInvalidUTF8: Bool, encodingUnsure: Bool, sha256: String, sample: [UInt8]
    ) {
        self.file = file
        self.byteOrderMarkLength = byteOrderMarkLength
        self.encoding = encoding
        self.hasByteOrderMark = hasByteOrderMark
        self.containsInvalidUTF8 = containsInvalidUTF8
        self.encodingUnsure = encodingUnsure
        self.sha256 = sha256
        self.sample = sample
    }

    /// Opens `url` and reads it once, detecting the encoding unless `override` names one.
    ///
    /// A UTF-8 byte-order mark wins over a configured `encoding:`: the tool that wrote the file said
    /// what it is, and a setting made for last year's export must not garble this one.
    /// Detection: a BOM decides; without one, zero bytes in alternate positions mean UTF-16;
    /// otherwise the whole file is weighed. At least as many valid multi-byte UTF-8 sequences as invalid bytes mean a
    /// UTF-8 file (a few damaged records are quarantined as *encoding-error*); fewer means the file is
    /// in a single-byte encoding, Windows-1252 or Mac-Roman, whichever reads as more plausible text
    /// (``SingleByteEncoding/guess(betweenLowercase:elsewhere:)``). A close call is flagged as unsure. With a UTF-8 BOM the
    /// file is UTF-8, and invalid bytes in it are encoding errors just the same.
    static func open(_ url: URL, encoding override: TextEncoding? = nil) throws(IngestError) -> DecodedText {
        try open(ExportFile(url: url), encoding: override)
    }

    /// Reads the already opened `file` once (see ``open(_:encoding:)-(URL,_)``).
    static func open(_ file: ExportFile, encoding override: TextEncoding? = nil) throws(IngestError) -> DecodedText {
        let url = file.url
        let size = file.size
        var hasher = SHA256()
        var statistics = ByteStatistics()
        var raw: [UInt8] = []
        let buffer = UnsafeMutableRawPointer.allocate(byteCount: chunkSize, alignment: 16)
        defer { buffer.deallocate() }
        var offset = 0
        var sampleDone = false
        var lineBreaks = 0
        var inQuotes = false
        while offset < size {
            let count = try file.read(into: buffer, count: min(chunkSize, size - offset), at: offset)
            guard count > 0 else { break }
            let chunk = UnsafeRawBufferPointer(start: buffer, count: count)
            hasher.update(bufferPointer: chunk)
            statistics.add(chunk, isLast: offset + count >= size)
            if !sampleDone {
                // The sample: the sniffing size, and more until three line ends outside quotes (a huge header).
                for byte in chunk {
                    raw.append(byte)
                    if byte == ASCII.quote { inQuotes.toggle() }
                    if !inQuotes && byte == ASCII.lineFeed { lineBreaks += 1 }
                    if (raw.count >= CSVDialect.sniffSampleSize && lineBreaks >= 3) || raw.count >= sampleLimit {
                        sampleDone = true
                        break
                    }
                }
            }
            offset += count
        }
        try file.checkUnchanged(bytesRead: offset)
        if var format = ExportFormat.compressed(raw) {
            if format == .xls { format = ExportFormat.detect(file) }  // a password-protected workbook looks like one
            throw IngestError.wrongFormat(file: url.path, format: format.name, advice: format.advice)
        }
        let digest = hasher.finalize().map { String(format: "%02x", $0) }.joined()

        let (bomEncoding, bomLength) = raw.withUnsafeBytes(byteOrderMark)
        var unsure = false
        let encoding: TextEncoding
        if let override, bomEncoding != .utf8 {
            encoding = override
        } else if let bomEncoding {
            encoding = bomEncoding
        } else if let utf16 = raw.withUnsafeBytes(guessUTF16WithoutBOM) {
            encoding = utf16
        } else if statistics.invalidSequences == 0 || statistics.multiByteSequences >= statistics.invalidSequences {
            encoding = .utf8
            unsure = statistics.invalidSequences > 0 && statistics.multiByteSequences < 4 * statistics.invalidSequences
        } else {
            let guess = statistics.singleByteGuess()
            encoding = guess.encoding
            unsure = guess.unsure
        }
        let hasBOM = bomEncoding == encoding
        let skip = hasBOM ? bomLength : 0
        let containsInvalid = encoding == .utf8 && statistics.invalidSequences > 0
        var sample = Array(raw[skip...])
        if encoding != .utf8 {
            var transcoder = Transcoder(encoding: encoding)
            var decoded: [UInt8] = []
            sample.withUnsafeBytes { transcoder.append($0, to: &decoded, isLast: true) }
            sample = decoded
        }
        return DecodedText(
            file: file, byteOrderMarkLength: skip, encoding: encoding, hasByteOrderMark: hasBOM,
            containsInvalidUTF8: containsInvalid, encodingUnsure: unsure, sha256: digest, sample: sample)
    }

    /// The second pass: the text as UTF-8, chunk by chunk.
    func makeStream() -> Stream { Stream(text: self) }

    /// Hands out the text's UTF-8 bytes in order, appending them to a caller's buffer.
    struct Stream {
        let text: DecodedText
        private var offset: Int
        private var transcoder: Transcoder?
        private var output: [UInt8] = []
        /// How much of ``output`` was handed out already.
        private var outputStart = 0
        private var scratch: [UInt8] = []
        /// Every byte of the file has been handed out.
        private(set) var isAtEnd = false

        init(text: DecodedText) {
            self.text = text
            offset = text.byteOrderMarkLength
            transcoder = text.encoding == .utf8 ? nil : Transcoder(encoding: text.encoding)
            isAtEnd = offset >= text.size
        }

        /// Appends up to `capacity - count` bytes of text at `buffer + count`; returns how many.
        /// At the end of the file, checks that the file did not change since the first pass.
        mutating func fill(_ buffer: UnsafeMutableRawPointer, count: Int, capacity: Int) throws(IngestError) -> Int {
            guard !isAtEnd else { return 0 }
            let room = capacity - count
            var written = 0
            if transcoder == nil {
                let n = try text.file.read(into: buffer + count, count: min(room, text.size - offset), at: offset)
                offset += n
                written = n
            } else {
                if outputStart == output.count {
                    output.removeAll(keepingCapacity: true)
                    outputStart = 0
                    // UTF-8 takes at most three bytes per byte of the single-byte encodings and of UTF-16 pairs.
                    let rawCount = min(max(room / 3, 4), DecodedText.chunkSize, text.size - offset)
                    if scratch.count < rawCount { scratch = [UInt8](repeating: 0, count: rawCount) }
                    let n: Int
                    do {
                        n = try scratch.withUnsafeMutableBytes {
                            try text.file.read(into: $0.baseAddress!, count: rawCount, at: offset)
                        }
                    } catch let error as IngestError {
                        throw error
                    } catch {
                        throw .unreadableFile(file: text.file.url.path, reason: "\(error)")
                    }
                    offset += n
                    let last = offset >= text.size || n == 0
                    scratch.withUnsafeBytes {
                        transcoder!.append(UnsafeRawBufferPointer(rebasing: $0[..<n]), to: &output, isLast: last)
                    }
                }
                let n = min(room, output.count - outputStart)
                if n > 0 {
                    output.withUnsafeBytes { (buffer + count).copyMemory(from: $0.baseAddress! + outputStart, byteCount: n) }
                }
                outputStart += n
                written = n
            }
            if offset >= text.size && outputStart == output.count || (written == 0 && room > 0) {
                isAtEnd = true
                try text.file.checkUnchanged(bytesRead: offset)
            }
            return written
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
}

/// The single-byte encodings and UTF-16 to UTF-8, chunk by chunk (a UTF-16 unit or surrogate pair may straddle chunks).
struct Transcoder {
    static let chunkSize = 1 << 20
    let encoding: TextEncoding
    private var pendingByte: UInt8?
    private var pendingHighSurrogate: UInt16?

    init(encoding: TextEncoding) { self.encoding = encoding }

    mutating func append(_ chunk: UnsafeRawBufferPointer, to output: inout [UInt8], isLast: Bool) {
        switch encoding {
        case .utf8:
            output.append(contentsOf: chunk)
        case .windows1252, .macRoman, .iso88591, .iso885915:
            for byte in chunk {
                if byte < 0x80 {
                    output.append(byte)
                } else {
                    Self.appendUTF8(SingleByteEncoding.scalar(of: byte, in: encoding), to: &output)
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
