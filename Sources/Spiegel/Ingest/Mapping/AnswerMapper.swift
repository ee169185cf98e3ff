import Foundation

/// Turns an answer cell into a scale value (docs/configuration.md): `5`, `Grotendeels`, `6 - Grotendeels`,
/// a not-answered word, or a reason it cannot be used.
///
/// Comparison ignores case, surrounding spaces and repeated inner spaces. Labels come from the
/// instrument's scale plus the source's `answer_labels`.
struct AnswerMapper: Sendable {
    /// What one answer cell means.
    enum Answer: Sendable, Equatable {
        case score(Int)
        /// Blank, or one of the scale's not-answered words: missing, never zero.
        case notAnswered
        /// A number outside the scale.
        case outOfRange(Int)
        /// Neither a number, nor a label, nor a not-answered word.
        case unmapped
    }

    let scale: Instrument.Scale
    /// A code rule (`A{score}`): a code outside the scale is *out of range*, like a number.
    let codes: AnswerCodes?
    private let labels: [String: Int]
    private let notAnswered: Set<String>
    /// Per scale value from the minimum: the cells `6 - Grotendeels` that Microsoft Forms writes for it,
    /// byte for byte, so the commonest labelled cell is recognised without making a String.
    private let labelledCells: [[[UInt8]]]

    init(scale: Instrument.Scale, extraLabels: [String: Int] = [:], codes: AnswerCodes? = nil) {
        self.scale = scale
        self.codes = codes
        var labels: [String: Int] = [:]
        for (value, label) in scale.labels { labels[Self.normalize(label)] = value }
        for (label, value) in extraLabels { labels[Self.normalize(label)] = value }
        self.labels = labels
        notAnswered = Set(scale.notAnswered.map(Self.normalize))
        var cells: [[[UInt8]]] = Array(repeating: [], count: max(0, scale.maximum - scale.minimum + 1))
        for (value, label) in scale.labels.sorted(by: { $0.key < $1.key })
        where cells.indices.contains(value - scale.minimum) && labels[Self.normalize(label)] == value {
            // Exactly what the slow path accepts: the number, then its own label after a separator.
            cells[value - scale.minimum].append(Array("\(value) - \(label)".utf8))
        }
        labelledCells = cells
    }

    /// The meaning of `text`.
    func map(_ text: String) -> Answer {
        let normalized = Self.normalize(text)
        if normalized.isEmpty || notAnswered.contains(normalized) { return .notAnswered }
        if let value = Int(normalized) { return scaled(value) }
        if let value = labels[normalized] { return .score(value) }
        if let codes, let value = codes.score(in: normalized) { return scaled(value) }
        return numberWithLabel(normalized) ?? .unmapped
    }

    /// The same as ``map(_:)`` for a cell's bytes, without making a String for the common
    /// one- or two-digit answer; most cells of a large export take this path.
    func map(bytes: UnsafeRawBufferPointer) -> Answer {
        var value = 0
        var digits = 0
        for byte in bytes {
            guard byte >= 0x30 && byte <= 0x39 && digits < 3 else {
                if digits > 0, value >= scale.minimum, value - scale.minimum < labelledCells.count,
                    labelledCells[value - scale.minimum].contains(where: { $0.elementsEqual(bytes) })
                {
                    return .score(value)
                }
                return map(String(decoding: bytes, as: UTF8.self))
            }
            value = value * 10 + Int(byte - 0x30)
            digits += 1
        }
        return digits == 0 ? .notAnswered : scaled(value)
    }

    private func scaled(_ value: Int) -> Answer {
        (scale.minimum...scale.maximum).contains(value) ? .score(value) : .outOfRange(value)
    }

    /// `6 - Grotendeels`, `6 – Grotendeels`, `6. Grotendeels`, `6: …`, `6) …`: the number counts, unless
    /// the label is one of the scale's and names another value (then the cell contradicts itself).
    private func numberWithLabel(_ text: String) -> Answer? {
        // `text` is normalised: lowercased, trimmed, single spaces. Work on its UTF-8 bytes.
        let bytes = Array(text.utf8)
        var index = 0
        var value = 0
        while index < bytes.count, index < 4, bytes[index] >= 0x30 && bytes[index] <= 0x39 {
            value = value * 10 + Int(bytes[index] - 0x30)
            index += 1
        }
        guard index > 0, index <= 3 else { return nil }
        if index < bytes.count && bytes[index] == 0x20 { index += 1 }
        var hasSeparator = false
        if index < bytes.count,
            [
                UInt8(ascii: "-"), UInt8(ascii: "."), UInt8(ascii: ":"), UInt8(ascii: ")"),
                UInt8(ascii: "="),
            ].contains(bytes[index])
        {
            hasSeparator = true
            index += 1
        } else if index + 2 < bytes.count, bytes[index] == 0xE2, bytes[index + 1] == 0x80,
            bytes[index + 2] == 0x93 || bytes[index + 2] == 0x94
        {
            // – (en dash) and — (em dash), as Word and Excel turn a typed hyphen into.
            hasSeparator = true
            index += 3
        }
        if index < bytes.count && bytes[index] == 0x20 { index += 1 }
        let label = String(decoding: bytes[index...], as: UTF8.self)
        if let labelled = labels[label] {
            return labelled == value ? scaled(value) : .unmapped
        }
        // An unknown label is the tool's own wording for the value; trusted only after a separator and
        // when it is words, so `6-7` stays unmapped.
        let isWords = label.isEmpty || label.unicodeScalars.contains { $0.properties.isAlphabetic }
        return hasSeparator && isWords ? scaled(value) : nil
    }

    /// Lowercased, trimmed (non-breaking spaces included), inner runs of white space made one space.
    static func normalize(_ text: String) -> String {
        if let folded = ASCIIFolding.fold(text.utf8, collapsingSpaces: true) { return folded }
        let trimmed = text.trimmingCharacters(in: .whitespacesAndNewlines)
        if trimmed.isEmpty { return "" }
        var result = ""
        result.reserveCapacity(trimmed.utf8.count)
        var previousWasSpace = false
        for scalar in trimmed.lowercased().unicodeScalars {
            if scalar.properties.isWhitespace {
                if !previousWasSpace { result.unicodeScalars.append(" ") }
                previousWasSpace = true
            } else {
                result.unicodeScalars.append(scalar)
                previousWasSpace = false
            }
        }
        return result
    }
}
