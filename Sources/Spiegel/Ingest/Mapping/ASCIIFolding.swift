/// Trimming and lowercasing for the ASCII text that most cells are, without Foundation.
///
/// `trimmingCharacters(in:)` and `lowercased()` go through NSString and Unicode tables: fine once,
/// slow a million times. These return `nil` for non-ASCII text, and callers fall back to the full
/// Unicode path, so results are the same either way.
enum ASCIIFolding {
    /// `bytes` without surrounding white space, lowercased; with `collapsingSpaces`, inner runs of
    /// white space become one space. `nil` when a byte is not ASCII.
    static func fold<Bytes: Collection<UInt8>>(_ bytes: Bytes, collapsingSpaces: Bool) -> String? {
        var output: [UInt8] = []
        output.reserveCapacity(bytes.count)
        var pendingSpace = false
        for byte in bytes {
            guard byte < 0x80 else { return nil }
            if ASCII.isWhitespace(byte) {
                if !output.isEmpty { pendingSpace = true }
                if !collapsingSpaces && !output.isEmpty { output.append(byte) }
                continue
            }
            if collapsingSpaces && pendingSpace { output.append(0x20) }
            pendingSpace = false
            output.append(byte >= 0x41 && byte <= 0x5A ? byte + 0x20 : byte)
        }
        if !collapsingSpaces {
            // Inner white space was copied as it was; drop what trails.
            while let last = output.last, last == 0x20 || (last >= 0x09 && last <= 0x0D) { output.removeLast() }
        }
        return String(decoding: output, as: UTF8.self)
    }
}
