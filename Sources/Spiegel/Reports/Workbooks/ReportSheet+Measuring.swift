/// How long texts are, in the characters (`Character`, grapheme clusters) that column widths and wrapped lines
/// are measured in, counted without breaking the text into grapheme clusters where that cannot change the count.
///
/// Every text cell is measured, and every wrapped one is broken into lines, so `String.count` and `split` were a
/// tenth of the workbook stage's CPU at ten years. A text whose every Unicode scalar is a ``isLoneCluster(_:)``
/// scalar has exactly one `Character` per scalar, so its scalars are counted instead; any other text (a combining
/// accent, an emoji sequence, `\r\n`) is measured through `Character`s as before, so the widths stay the same.
extension ReportSheet {
    /// Whether `scalar` always forms a grapheme cluster of its own, whatever stands beside it.
    ///
    /// Grapheme clusters join only around CR LF, extending and spacing marks, prepended marks, zero-width joiners,
    /// regional indicators and Hangul jamo (Unicode Standard Annex #29); none of them is in these blocks: printable
    /// ASCII, the tab and the line feed, Latin-1 Supplement through Spacing Modifier Letters (U+00A0–U+02FF),
    /// General Punctuation apart from its zero-width and format characters (U+2010–U+2027, U+2030–U+205E),
    /// currency symbols (U+20A0–U+20BF), letterlike symbols (U+2100–U+214F), arrows and mathematical operators
    /// (U+2190–U+22FF). That covers Dutch text with its dashes, quotes, `−`, `≥` and `×`.
    static func isLoneCluster(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x20...0x7E, 0x09, 0x0A: true
        case 0xA0...0x2FF: true
        case 0x2010...0x2027, 0x2030...0x205E: true
        case 0x20A0...0x20BF, 0x2100...0x214F, 0x2190...0x22FF: true
        default: false
        }
    }

    /// The number of `Character`s of `text`: `text.count`, counted by scalar when every scalar is a lone cluster.
    static func characterCount(_ text: String) -> Int {
        var count = 0
        for scalar in text.unicodeScalars {
            guard isLoneCluster(scalar) else { return text.count }
            count += 1
        }
        return count
    }

    /// The characters of the longest line of `value`, counted without building the lines.
    static func longestLineLength(_ value: String) -> Int {
        longestRun(in: value.unicodeScalars, separatedBy: { $0 == "\n" }, unlessAny: { !isLoneCluster($0) })
            ?? longestRun(in: value, separatedBy: { $0 == "\n" })!
    }

    /// The characters of the longest word of `text`, words being separated by spaces and line feeds.
    static func longestWordLength(_ text: String) -> Int {
        longestRun(in: text.unicodeScalars, separatedBy: { $0 == " " || $0 == "\n" }, unlessAny: { !isLoneCluster($0) })
            ?? longestRun(in: text, separatedBy: { $0 == " " || $0 == "\n" })!
    }

    /// The most elements in a row between two separators, in one pass; `nil` as soon as an element is one that
    /// `unlessAny` refuses (a scalar that may join its neighbours), so the caller counts `Character`s instead.
    private static func longestRun<Elements: Sequence>(
        in elements: Elements, separatedBy isSeparator: (Elements.Element) -> Bool,
        unlessAny refused: (Elements.Element) -> Bool = { _ in false }
    ) -> Int? {
        var longest = 0, current = 0
        for element in elements {
            if refused(element) { return nil }
            if isSeparator(element) {
                longest = max(longest, current)
                current = 0
            } else {
                current += 1
            }
        }
        return max(longest, current)
    }

    /// How many lines `text` takes when wrapped at word boundaries in a column `width` wide.
    static func lineCount(_ text: String, width: Double) -> Int {
        var lines = Lines(capacity: max(Int(width) - 1, 1))
        var word = 0
        for scalar in text.unicodeScalars {
            guard isLoneCluster(scalar) else { return lineCountByCharacter(text, capacity: lines.capacity) }
            switch scalar {
            case "\n":
                lines.place(word)
                word = 0
                lines.endParagraph()
            case " ":
                lines.place(word)
                word = 0
            default:
                word += 1
            }
        }
        lines.place(word)
        lines.endParagraph()
        return max(lines.total, 1)
    }

    private static func lineCountByCharacter(_ text: String, capacity: Int) -> Int {
        var lines = Lines(capacity: capacity)
        for paragraph in text.split(separator: "\n", omittingEmptySubsequences: false) {
            for word in paragraph.split(separator: " ") { lines.place(word.count) }
            lines.endParagraph()
        }
        return max(lines.total, 1)
    }

    /// Words placed one after another on lines `capacity` characters wide, as a reader wraps them.
    private struct Lines {
        let capacity: Int
        /// Lines of the paragraphs ended so far.
        var total = 0
        /// Lines of the current paragraph, and the characters used on its last line.
        var lines = 1
        var used = 0

        init(capacity: Int) { self.capacity = capacity }

        /// Places a word of `length` characters; an empty word (two spaces in a row) takes no room.
        mutating func place(_ length: Int) {
            guard length > 0 else { return }
            if used == 0 {
                used = length
            } else if used + 1 + length <= capacity {
                used += 1 + length
            } else {
                lines += 1
                used = length
            }
            // A word longer than the column breaks over several lines.
            while used > capacity {
                lines += 1
                used -= capacity
            }
        }

        mutating func endParagraph() {
            total += lines
            lines = 1
            used = 0
        }
    }
}
