/// Cutting user data to a readable length for messages: a 1 MB header cell must not become a 1 MB error line.
enum Excerpt {
    /// Characters of one value a message shows at most: the longest question texts of the shipped
    /// instruments (about 240) stay whole, a megabyte of junk does not.
    static let limit = 300
    /// For values listed many at a time (a header's columns).
    static let listLimit = 60

    /// `text` as is when short, else its start and `… (N characters)`; line breaks shown as `⏎`.
    static func cut(_ text: String, limit: Int = Excerpt.limit) -> String {
        var shown = ""
        var count = 0
        for character in text {
            if count == limit {
                return shown + "… (\(text.count) characters)"
            }
            shown.append(character.isNewline ? "⏎" : character)
            count += 1
        }
        return shown
    }
}
