/// What the first pass over an export learns about its bytes, chunk by chunk: how much of it is
/// valid UTF-8, and which bytes above 0x7F stand where, for guessing a single-byte encoding.
struct ByteStatistics {
    /// Well-formed sequences of two to four bytes (evidence the file is UTF-8).
    private(set) var multiByteSequences = 0
    /// Bytes that start no well-formed sequence (evidence it is not).
    private(set) var invalidSequences = 0
    /// Per byte 0x80–0xFF: how often it stands between two lower-case ASCII letters, and elsewhere.
    private(set) var betweenLowercase = [Int](repeating: 0, count: 128)
    private(set) var elsewhere = [Int](repeating: 0, count: 128)
    /// The unfinished multi-byte sequence at the end of the last chunk, carried into the next.
    private var carry: [UInt8] = []
    private var previousByte: UInt8 = 0

    /// Adds the next chunk of the file.
    ///
    /// High bytes are counted for the single-byte guess only in chunks that are not valid UTF-8:
    /// that guess is needed only when invalid bytes abound, and a UTF-8 file then costs one scan, not two.
    mutating func add(_ chunk: UnsafeRawBufferPointer, isLast: Bool) {
        let invalidBefore = invalidSequences
        defer {
            if invalidSequences > invalidBefore { countHighBytes(chunk) }
            if chunk.count > 0 { previousByte = chunk[chunk.count - 1] }
        }
        // A sequence cut by the chunk boundary is completed with the next chunk before it is judged.
        var cut = chunk.count
        if !isLast {
            var back = 0
            while back < 3 && back < chunk.count {
                let byte = chunk[chunk.count - 1 - back]
                if byte >= 0xC0 {
                    let needed = byte >= 0xF0 ? 4 : byte >= 0xE0 ? 3 : 2
                    if back + 1 < needed { cut = chunk.count - 1 - back }
                    break
                }
                if byte < 0x80 { break }
                back += 1
            }
        }
        if carry.isEmpty {
            tally(UnsafeRawBufferPointer(rebasing: chunk[..<cut]))
        } else {
            // The carried bytes and the first few of this chunk, judged together; then the rest.
            let head = min(cut, 4)
            let carryCount = carry.count
            var joined = carry
            joined.append(contentsOf: chunk[..<head])
            let length = joined.withUnsafeBytes { UTF8Validation.sequenceLength(prefixOf: $0) }
            carry = []
            if length == 0 {
                // Judged invalid; the chunk's own bytes are then judged from its start.
                invalidSequences += 1
                tally(UnsafeRawBufferPointer(rebasing: chunk[..<cut]))
            } else {
                multiByteSequences += 1
                tally(UnsafeRawBufferPointer(rebasing: chunk[min(cut, length - carryCount)..<cut]))
            }
        }
        carry = Array(chunk[cut...])
        if isLast && !carry.isEmpty {
            carry.withUnsafeBytes { tally($0) }
            carry = []
        }
    }

    private mutating func tally(_ bytes: UnsafeRawBufferPointer) {
        let result = UTF8Validation.tally(bytes)
        multiByteSequences += result.multiByteSequences
        invalidSequences += result.invalidSequences
    }

    private mutating func countHighBytes(_ chunk: UnsafeRawBufferPointer) {
        guard let raw = chunk.baseAddress else { return }
        let count = chunk.count
        var index = 0
        func isLower(_ byte: UInt8) -> Bool { byte >= 0x61 && byte <= 0x7A }
        while index < count {
            // Eight ASCII bytes at a time, as UTF8Validation does.
            if index + 8 <= count && raw.loadUnaligned(fromByteOffset: index, as: UInt64.self) & 0x8080_8080_8080_8080 == 0 {
                index += 8
                continue
            }
            let byte = chunk[index]
            if byte >= 0x80 {
                let before = index > 0 ? chunk[index - 1] : previousByte
                let between = index + 1 < count && isLower(before) && isLower(chunk[index + 1])
                if between { betweenLowercase[Int(byte - 0x80)] += 1 } else { elsewhere[Int(byte - 0x80)] += 1 }
            }
            index += 1
        }
    }

    /// Windows-1252 or Mac-Roman, from the bytes counted (``SingleByteEncoding/guess(betweenLowercase:elsewhere:)``).
    func singleByteGuess() -> SingleByteEncoding.Guess {
        SingleByteEncoding.guess(betweenLowercase: betweenLowercase, elsewhere: elsewhere)
    }
}
