/// Cleaning open answers at ingest: control characters removed, so that no comment can carry a
/// terminal escape, a NUL or a right-to-left override into researcher CSV or a workbook.
///
/// Removed: C0 controls except tab and the line breaks (LF, CR), DEL, the
/// C1 controls, and the bidirectional embedding, override and isolate marks. Each removal is counted,
/// and the run summary reports the count.
enum FreeText {
    /// `text` cleaned, and how many characters were removed.
    static func sanitised(_ text: String) -> (text: String, removed: Int) {
        guard text.unicodeScalars.contains(where: isRemovable) else { return (text, 0) }
        var result = String.UnicodeScalarView()
        var removed = 0
        for scalar in text.unicodeScalars {
            if isRemovable(scalar) {
                removed += 1
            } else {
                result.append(scalar)
            }
        }
        return (String(result), removed)
    }

    /// Whether the raw bytes may hold something ``sanitised(_:)`` changes: the fast path for plain comments.
    static func mayNeedCleaning(_ bytes: UnsafeRawBufferPointer) -> Bool {
        for (index, byte) in bytes.enumerated() {
            if byte < 0x20 && byte != ASCII.tab && byte != ASCII.lineFeed && byte != ASCII.carriageReturn { return true }
            if byte == 0x7F { return true }
            // C1 controls are C2 80–C2 9F in UTF-8; the bidi marks start with E2 80 or E2 81.
            if (byte == 0xC2 || byte == 0xE2) && index + 1 < bytes.count && bytes[index + 1] <= 0x9F { return true }
        }
        return false
    }

    static func isRemovable(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x09, 0x0A, 0x0D: false
        case 0x00...0x1F, 0x7F...0x9F: true
        case 0x202A...0x202E, 0x2066...0x2069: true
        default: false
        }
    }
}
