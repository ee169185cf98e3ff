import Foundation

/// Turns an answer cell into a scale value (SPEC §3): `5`, `Grotendeels`, `6 - Grotendeels`,
/// a not-answered word, or a reason it cannot be used.
///
/// Comparison ignores case, surrounding spaces and repeated inner spaces. Labels come from the
/// instrument's scale plus the source's `answer_labels`.
public struct AnswerMapper: Sendable {
    /// What one answer cell means.
    public enum Answer: Sendable, Equatable {
        case score(Int)
        /// Blank, or one of the scale's not-answered words: missing, never zero.
        case notAnswered
        /// A number outside the scale.
        case outOfRange(Int)
        /// Neither a number, nor a label, nor a not-answered word.
        case unmapped
    }

    public let scale: Instrument.Scale
    private let labels: [String: Int]
    private let notAnswered: Set<String>

    public init(scale: Instrument.Scale, extraLabels: [String: Int] = [:]) {
        self.scale = scale
        var labels: [String: Int] = [:]
        for (value, label) in scale.labels { labels[Self.normalize(label)] = value }
        for (label, value) in extraLabels { labels[Self.normalize(label)] = value }
        self.labels = labels
        notAnswered = Set(scale.notAnswered.map(Self.normalize))
    }

    /// The meaning of `text`.
    public func map(_ text: String) -> Answer {
        let normalized = Self.normalize(text)
        if normalized.isEmpty || notAnswered.contains(normalized) { return .notAnswered }
        if let value = Int(normalized) { return scaled(value) }
        if let value = labels[normalized] { return .score(value) }
        return numberWithLabel(normalized) ?? .unmapped
    }

    /// The same as ``map(_:)`` for a cell's bytes, without making a String for the common
    /// one- or two-digit answer; most cells of a large export take this path.
    public func map(bytes: UnsafeRawBufferPointer) -> Answer {
        var value = 0
        var digits = 0
        for byte in bytes {
            guard byte >= 0x30 && byte <= 0x39 && digits < 3 else {
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
        let scalars = Array(text.unicodeScalars)
        var index = 0
        while index < scalars.count, ("0"..."9").contains(scalars[index]) { index += 1 }
        guard index > 0, index <= 3, let value = Int(String(String.UnicodeScalarView(scalars[..<index]))) else { return nil }
        while index < scalars.count, scalars[index] == " " { index += 1 }
        let separators: Set<Unicode.Scalar> = ["-", "–", "—", ".", ":", ")", "="]
        var hasSeparator = false
        if index < scalars.count, separators.contains(scalars[index]) {
            hasSeparator = true
            index += 1
        }
        let label = String(String.UnicodeScalarView(scalars[index...])).trimmingCharacters(in: .whitespaces)
        if let labelled = labels[label] {
            return labelled == value ? scaled(value) : .unmapped
        }
        // An unknown label is the tool's own wording for the value; trusted only after a separator and
        // when it is words, so `6-7` stays unmapped.
        let isWords = label.isEmpty || label.unicodeScalars.contains { $0.properties.isAlphabetic }
        return hasSeparator && isWords ? scaled(value) : nil
    }

    /// Lowercased, trimmed (non-breaking spaces included), inner runs of white space made one space.
    public static func normalize(_ text: String) -> String {
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
