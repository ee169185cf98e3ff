/// Excel's rules for worksheet names, checked before libxlsxwriter sees a name.
package enum SheetName {
    /// Excel refuses longer names.
    package static let maximumLength = 31
    /// Characters Excel does not allow in a sheet name.
    package static let forbiddenCharacters: Set<Character> = ["[", "]", ":", "*", "?", "/", "\\"]

    /// Why `name` cannot be a sheet name, or `nil` when it can (uniqueness is the workbook's check).
    package static func problem(with name: String) -> String? {
        if name.isEmpty { return "a sheet name cannot be empty" }
        if name.count > maximumLength {
            return "it has \(name.count) characters; Excel allows at most \(maximumLength)"
        }
        if let bad = name.first(where: { forbiddenCharacters.contains($0) }) {
            return "it contains '\(bad)'; Excel does not allow any of [ ] : * ? / \\"
        }
        if name.hasPrefix("'") || name.hasSuffix("'") {
            return "it starts or ends with an apostrophe, which Excel does not allow"
        }
        return nil
    }

    /// A valid name made from `proposal`: forbidden characters replaced, cut to 31 characters.
    package static func sanitized(_ proposal: String) -> String {
        var cleaned = String(proposal.map { forbiddenCharacters.contains($0) ? "-" : $0 })
        cleaned = cleaned.trimmingCharacters(in: ["'", " "])
        if cleaned.isEmpty { cleaned = "Blad" }
        return String(cleaned.prefix(maximumLength))
    }
}

extension String {
    fileprivate func trimmingCharacters(in set: Set<Character>) -> String {
        var slice = Substring(self)
        while let first = slice.first, set.contains(first) { slice = slice.dropFirst() }
        while let last = slice.last, set.contains(last) { slice = slice.dropLast() }
        return String(slice)
    }
}
