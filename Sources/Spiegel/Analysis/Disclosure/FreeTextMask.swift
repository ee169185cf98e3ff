import Foundation

/// Masks e-mail addresses and phone numbers in free text before it leaves the coordinator (research profile only).
///
/// Comments can name people anyway; masking catches the contact details that identify someone beyond doubt.
struct FreeTextMask: Sendable {
    /// What replaces an e-mail address.
    static let emailPlaceholder = "[e-mailadres]"
    /// What replaces a phone number.
    static let phonePlaceholder = "[telefoonnummer]"

    // The patterns are fixed and valid, so compiling them cannot fail.
    private static let email = try! NSRegularExpression(
        pattern: #"[A-Za-z0-9._%+\-]+@[A-Za-z0-9\-]+(\.[A-Za-z0-9\-]+)*\.[A-Za-z]{2,}"#)
    /// Dutch numbers (06-12345678, 020 123 4567, +31 6 1234 5678, 0031…) and other runs of at least nine
    /// digits with spaces, dots or dashes between them.
    private static let phone = try! NSRegularExpression(
        pattern: #"(?<![\w])(\+|00)?\d(?:[\s.\-/()]{0,2}\d){8,}(?![\w])"#)

    init() {}

    /// The text with every e-mail address and phone number replaced, and how many were replaced.
    func mask(_ text: String) -> (text: String, masked: Int) {
        guard text.contains(where: { $0 == "@" || $0.isNumber }) else { return (text, 0) }
        var result = text
        var masked = 0
        for (pattern, placeholder) in [(Self.email, Self.emailPlaceholder), (Self.phone, Self.phonePlaceholder)] {
            let range = NSRange(result.startIndex..., in: result)
            let matches = pattern.numberOfMatches(in: result, range: range)
            guard matches > 0 else { continue }
            masked += matches
            result = pattern.stringByReplacingMatches(in: result, range: range, withTemplate: placeholder)
        }
        return (result, masked)
    }
}
