import Foundation

/// How respondent and subject identifiers (usually e-mail addresses) are compared everywhere:
/// in exports, in the roster and for pseudonyms.
enum Identifier {
    /// Trimmed of surrounding white space (non-breaking spaces included) and lowercased, so
    /// `A.Jansen@School.nl ` and `a.jansen@school.nl` are the same person.
    static func normalized(_ text: some StringProtocol) -> String {
        ASCIIFolding.fold(text.utf8, collapsingSpaces: false)
            ?? text.trimmingCharacters(in: .whitespacesAndNewlines.union(CharacterSet(charactersIn: "\u{FEFF}")))
            .lowercased()
    }
}
