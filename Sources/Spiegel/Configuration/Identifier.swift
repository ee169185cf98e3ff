import Foundation

/// The one rule for comparing people's identifiers (e-mail addresses, names) across the roster and
/// form exports, so that `A.Jansen@School.nl ` in an export finds `a.jansen@school.nl` in the roster.
public enum Identifier {
    /// `text` without surrounding white space (including the no-break spaces spreadsheets add) and
    /// lowercased.
    public static func normalized(_ text: String) -> String {
        text.trimmingCharacters(in: .whitespacesAndNewlines.union(CharacterSet(charactersIn: "\u{00A0}\u{FEFF}")))
            .lowercased()
    }
}
