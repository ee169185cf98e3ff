/// Cutting user data to a readable length for messages: a 1 MB header cell must not become a 1 MB error line.
enum Excerpt {
    /// Characters of one value a message shows at most.
    static let limit = 80

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
