/// Answers an export writes as a code around the score, such as LimeSurvey's `A1` … `A7`: a rule
/// instead of one `answer_labels` entry per code.
struct AnswerCodes: Sendable, Equatable {
    /// The text before and after the score, lowercased (codes are compared without case).
    var prefix: String
    var suffix: String

    /// From a pattern like `A{score}` or `optie-{score}-x`; nil unless `{score}` occurs once with text around it.
    init?(pattern: String) {
        let parts = pattern.components(separatedBy: "{score}")
        guard parts.count == 2, !(parts[0].isEmpty && parts[1].isEmpty) else { return nil }
        prefix = parts[0].lowercased()
        suffix = parts[1].lowercased()
    }

    /// The score in a normalised (lowercased, trimmed) answer, or nil when it is no such code.
    func score(in normalized: String) -> Int? {
        guard normalized.count > prefix.count + suffix.count, normalized.hasPrefix(prefix), normalized.hasSuffix(suffix) else {
            return nil
        }
        let digits = normalized.dropFirst(prefix.count).dropLast(suffix.count)
        guard digits.count <= 3, digits.allSatisfy({ $0.isASCII && $0.isNumber }) else { return nil }
        return Int(digits)
    }
}
