/// Variable names SPSS accepts: letters, digits and `_`, starting with a letter, at most 64 bytes, no reserved word.
///
/// Area ids come from instrument files (`leraar-van-leraren`), so the wide table's column names are made here,
/// in one place, and the test of the `.sps` file checks the same rule independently.
enum SPSSVariableName {
    /// The longest name SPSS (since version 12) and PSPP accept, in bytes.
    static let maximumLength = 64

    /// SPSS's reserved keywords, which can never name a variable.
    static let reserved: Set<String> = ["ALL", "AND", "BY", "EQ", "GE", "GT", "LE", "LT", "NE", "NOT", "OR", "TO", "WITH"]

    /// Whether `name` is a valid SPSS variable name by the rule above.
    static func isValid(_ name: String) -> Bool {
        guard let first = name.utf8.first, isLetter(first), name.utf8.count <= maximumLength,
            !reserved.contains(name.uppercased()), name.utf8.last != UInt8(ascii: ".")
        else { return false }
        return name.utf8.allSatisfy { isLetter($0) || isDigit($0) || $0 == UInt8(ascii: "_") }
    }

    /// `text` made valid: other characters become `_` (runs of them one), a leading digit or `_` gets a `v`, a reserved
    /// word gets `_v`, and the result is cut to ``maximumLength``.
    static func sanitized(_ text: String) -> String {
        var bytes = [UInt8]()
        for byte in text.utf8 {
            let kept = isLetter(byte) || isDigit(byte) ? byte : UInt8(ascii: "_")
            if kept == UInt8(ascii: "_"), bytes.last == UInt8(ascii: "_") { continue }
            bytes.append(kept)
        }
        while bytes.last == UInt8(ascii: "_") { bytes.removeLast() }
        if bytes.first.map({ !isLetter($0) }) ?? true { bytes.insert(UInt8(ascii: "v"), at: 0) }
        var name = String(decoding: bytes.prefix(maximumLength), as: UTF8.self)
        if reserved.contains(name.uppercased()) { name += "_v" }
        return name
    }

    /// Hands out valid names that are unique without regard to case (SPSS compares names that way).
    struct Namer {
        private var taken: Set<String>

        init(taken: Set<String> = []) { self.taken = Set(taken.map { $0.uppercased() }) }

        /// ``sanitized(_:)`` of `text`; when that is taken, with `_2`, `_3`, … (shortened to fit 64 bytes).
        mutating func name(for text: String) -> String {
            let base = sanitized(text)
            var candidate = base, number = 1
            while taken.contains(candidate.uppercased()) {
                number += 1
                let suffix = "_\(number)"
                candidate = String(decoding: base.utf8.prefix(maximumLength - suffix.utf8.count), as: UTF8.self) + suffix
            }
            taken.insert(candidate.uppercased())
            return candidate
        }
    }

    private static func isLetter(_ byte: UInt8) -> Bool {
        (UInt8(ascii: "a")...UInt8(ascii: "z")).contains(byte) || (UInt8(ascii: "A")...UInt8(ascii: "Z")).contains(byte)
    }

    private static func isDigit(_ byte: UInt8) -> Bool { (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte) }
}
