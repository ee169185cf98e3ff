extension SubmissionDateParser {
    /// One element of a compiled date pattern.
    enum Token: Equatable {
        case year, month, day, hour24, hour12, minute, second, fraction, amPM
        /// `X`, `x`, `Z`: `Z`, `+01`, `+0100`, `+01:00` (and `+1`, leniently).
        case offset
        /// `O`: `GMT`, `GMT+1`, `GMT+01:00` (Google Forms).
        case gmtOffset
        /// Text to match; a space matches one or more spaces.
        case literal([UInt8])

        /// The tokens of a Unicode date pattern, or `nil` when it uses fields only DateFormatter knows.
        static func compile(_ pattern: String) -> [Token]? {
            var tokens: [Token] = []
            let characters = Array(pattern)
            var index = 0
            func appendLiteral(_ text: String) {
                if case .literal(let previous)? = tokens.last {
                    tokens[tokens.count - 1] = .literal(previous + Array(text.utf8))
                } else {
                    tokens.append(.literal(Array(text.utf8)))
                }
            }
            while index < characters.count {
                let character = characters[index]
                if character == "'" {
                    // Quoted literal; '' is a quote.
                    var text = ""
                    index += 1
                    while index < characters.count {
                        if characters[index] == "'" {
                            if index + 1 < characters.count && characters[index + 1] == "'" {
                                text.append("'")
                                index += 2
                                continue
                            }
                            break
                        }
                        text.append(characters[index])
                        index += 1
                    }
                    index += 1
                    appendLiteral(text.isEmpty ? "'" : text)
                    continue
                }
                guard character.isASCII && character.isLetter else {
                    appendLiteral(String(character))
                    index += 1
                    continue
                }
                var run = 1
                while index + run < characters.count && characters[index + run] == character { run += 1 }
                index += run
                switch (character, run) {
                case ("y", 4), ("y", 1), ("u", 4): tokens.append(.year)
                case ("M", 1...2): tokens.append(.month)
                case ("d", 1...2): tokens.append(.day)
                case ("H", 1...2): tokens.append(.hour24)
                case ("h", 1...2): tokens.append(.hour12)
                case ("m", 1...2): tokens.append(.minute)
                case ("s", 1...2): tokens.append(.second)
                case ("S", _): tokens.append(.fraction)
                case ("a", 1...3): tokens.append(.amPM)
                case ("X", _), ("x", _), ("Z", 1...3): tokens.append(.offset)
                case ("O", 1), ("O", 4), ("Z", 4): tokens.append(.gmtOffset)
                default: return nil
                }
            }
            return tokens
        }
    }

    /// Reads `bytes` with `tokens`; all of it must be used.
    static func match(_ tokens: [Token], _ bytes: [UInt8]) -> Fields? {
        var fields = Fields()
        var cursor = Cursor(bytes: bytes)
        for token in tokens {
            guard cursor.read(token, into: &fields) else { return nil }
        }
        return cursor.isAtEnd ? fields : nil
    }

    /// A position in the bytes of a date, read forward one token at a time.
    private struct Cursor {
        let bytes: [UInt8]
        private var p = 0
        private var end: Int { bytes.count }

        init(bytes: [UInt8]) {
            self.bytes = bytes
        }

        var isAtEnd: Bool { p == end }

        /// Reads one token into `fields`; `false` when the bytes do not hold it here.
        mutating func read(_ token: Token, into fields: inout Fields) -> Bool {
            switch token {
            case .year: return store(number(minimumDigits: 4, maximumDigits: 4), in: &fields.year)
            case .month: return store(number(minimumDigits: 1, maximumDigits: 2), in: &fields.month)
            case .day: return store(number(minimumDigits: 1, maximumDigits: 2), in: &fields.day)
            case .hour24, .hour12: return store(number(minimumDigits: 1, maximumDigits: 2), in: &fields.hour)
            case .minute: return store(number(minimumDigits: 2, maximumDigits: 2), in: &fields.minute)
            case .second: return store(number(minimumDigits: 2, maximumDigits: 2), in: &fields.second)
            case .fraction: return store(fraction(), in: &fields.nanoseconds)
            case .amPM:
                if consume("am") || consume("a.m.") {
                    fields.isPM = false
                } else if consume("pm") || consume("p.m.") {
                    fields.isPM = true
                } else {
                    return false
                }
                return true
            case .offset:
                if p < end && (bytes[p] == UInt8(ascii: "Z") || bytes[p] == UInt8(ascii: "z")) {
                    p += 1
                    fields.offset = 0
                    return true
                }
                guard case .some(let offset?) = signedOffset(required: true) else { return false }
                fields.offset = offset
                return true
            case .gmtOffset:
                guard consume("gmt") || consume("utc"), case .some(let offset) = signedOffset(required: false) else {
                    return false
                }
                fields.offset = offset ?? 0
                return true
            case .literal(let text): return literal(text)
            }
        }

        private func store(_ value: Int?, in field: inout Int) -> Bool {
            guard let value else { return false }
            field = value
            return true
        }

        private mutating func number(minimumDigits: Int, maximumDigits: Int) -> Int? {
            var value = 0
            var digits = 0
            while p < end && digits < maximumDigits && bytes[p] >= 0x30 && bytes[p] <= 0x39 {
                value = value * 10 + Int(bytes[p] - 0x30)
                digits += 1
                p += 1
            }
            return digits >= minimumDigits ? value : nil
        }

        /// Fractional seconds as nanoseconds; digits beyond nanoseconds are read and dropped.
        private mutating func fraction() -> Int? {
            let start = p
            guard var nanoseconds = number(minimumDigits: 1, maximumDigits: 9) else { return nil }
            for _ in 0..<(9 - (p - start)) { nanoseconds *= 10 }
            while p < end && bytes[p] >= 0x30 && bytes[p] <= 0x39 { p += 1 }
            return nanoseconds
        }

        private func lowercased(_ byte: UInt8) -> UInt8 { byte >= 0x41 && byte <= 0x5A ? byte + 0x20 : byte }

        private mutating func consume(_ text: String) -> Bool {
            let expected = Array(text.utf8)
            guard p + expected.count <= end else { return false }
            for (offset, byte) in expected.enumerated() where lowercased(bytes[p + offset]) != byte { return false }
            p += expected.count
            return true
        }

        /// A literal of the pattern: letters without case, a space as any run of spaces.
        private mutating func literal(_ text: [UInt8]) -> Bool {
            for byte in text {
                if byte == UInt8(ascii: " ") {
                    guard p < end && bytes[p] == byte else { return false }
                    while p < end && bytes[p] == byte { p += 1 }
                } else {
                    guard p < end && lowercased(bytes[p]) == lowercased(byte) else { return false }
                    p += 1
                }
            }
            return true
        }

        /// `+hh[:mm]`, `-hh[mm]` or with U+2212: seconds east of UTC; `.some(nil)` when absent and not `required`,
        /// `.none` when malformed.
        private mutating func signedOffset(required: Bool) -> Int?? {
            guard p < end, bytes[p] == UInt8(ascii: "+") || bytes[p] == UInt8(ascii: "-") || bytes[p] == 0xE2 else {
                return required ? .none : .some(nil)
            }
            var negative = bytes[p] == UInt8(ascii: "-")
            if bytes[p] == 0xE2 {
                // U+2212 MINUS SIGN, which some locales print.
                guard consume("\u{2212}") else { return .none }
                negative = true
            } else {
                p += 1
            }
            guard let hours = number(minimumDigits: 1, maximumDigits: 2) else { return .none }
            var minutes = 0
            if p < end && bytes[p] == UInt8(ascii: ":") { p += 1 }
            if p < end && bytes[p] >= 0x30 && bytes[p] <= 0x39 {
                guard let value = number(minimumDigits: 2, maximumDigits: 2) else { return .none }
                minutes = value
            }
            guard hours <= 14, minutes < 60 else { return .none }
            return .some((negative ? -1 : 1) * (hours * 3600 + minutes * 60))
        }
    }
}
