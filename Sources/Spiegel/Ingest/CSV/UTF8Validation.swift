/// Counting valid and invalid UTF-8 in a buffer, fast on the ASCII that exports mostly are.
enum UTF8Validation {
    struct Tally: Equatable {
        /// Well-formed sequences of two to four bytes (evidence the file is UTF-8).
        var multiByteSequences = 0
        /// Bytes that start no well-formed sequence (evidence it is not).
        var invalidSequences = 0
    }

    static func invalidSequenceCount(_ buffer: UnsafeRawBufferPointer, stopAtFirst: Bool = false) -> Int {
        tally(buffer, stopAtFirstInvalid: stopAtFirst).invalidSequences
    }

    static func tally(_ buffer: UnsafeRawBufferPointer, stopAtFirstInvalid: Bool = false) -> Tally {
        var tally = Tally()
        guard let raw = buffer.baseAddress else { return tally }
        let base = raw.assumingMemoryBound(to: UInt8.self)
        let end = buffer.count
        var p = 0
        while p < end {
            // Eight ASCII bytes at a time: no byte has its high bit set.
            if p + 8 <= end && raw.loadUnaligned(fromByteOffset: p, as: UInt64.self) & 0x8080_8080_8080_8080 == 0 {
                p += 8
                continue
            }
            let lead = base[p]
            if lead < 0x80 {
                p += 1
                continue
            }
            let length = sequenceLength(base, at: p, end: end)
            if length == 0 {
                tally.invalidSequences += 1
                if stopAtFirstInvalid { return tally }
                p += 1
            } else {
                tally.multiByteSequences += 1
                p += length
            }
        }
        return tally
    }

    /// The length of the well-formed multi-byte sequence at the start of `buffer`, or 0.
    static func sequenceLength(prefixOf buffer: UnsafeRawBufferPointer) -> Int {
        guard let raw = buffer.baseAddress, buffer.count > 0 else { return 0 }
        return sequenceLength(raw.assumingMemoryBound(to: UInt8.self), at: 0, end: buffer.count)
    }

    /// The length of the well-formed multi-byte sequence at `p`, or 0 (RFC 3629 table 3-7).
    private static func sequenceLength(_ base: UnsafePointer<UInt8>, at p: Int, end: Int) -> Int {
        let lead = base[p]
        func continuation(_ offset: Int, _ range: ClosedRange<UInt8> = 0x80...0xBF) -> Bool {
            p + offset < end && range.contains(base[p + offset])
        }
        switch lead {
        case 0xC2...0xDF:
            return continuation(1) ? 2 : 0
        case 0xE0:
            return continuation(1, 0xA0...0xBF) && continuation(2) ? 3 : 0
        case 0xE1...0xEC, 0xEE...0xEF:
            return continuation(1) && continuation(2) ? 3 : 0
        case 0xED:
            return continuation(1, 0x80...0x9F) && continuation(2) ? 3 : 0
        case 0xF0:
            return continuation(1, 0x90...0xBF) && continuation(2) && continuation(3) ? 4 : 0
        case 0xF1...0xF3:
            return continuation(1) && continuation(2) && continuation(3) ? 4 : 0
        case 0xF4:
            return continuation(1, 0x80...0x8F) && continuation(2) && continuation(3) ? 4 : 0
        default:
            return 0
        }
    }
}
