import Foundation

/// File names for workbooks: readable, safe on Windows, macOS and Linux, and stable between runs.
enum WorkbookNaming {
    /// Characters no file system in use at schools accepts in a name.
    static let forbidden: Set<Character> = ["/", "\\", ":", "*", "?", "\"", "<", ">", "|"]
    /// Leaves room for a folder path within Windows' 260-character limit.
    static let maximumLength = 120

    /// `Partnerschap P01 Samen Opleiden Rivierenland.xlsx`.
    static func partnershipFileName(_ partnership: Partnership) -> String {
        fileName("Partnerschap \(partnership.id) \(partnership.name)")
    }

    /// `01AB Het Fictief College.xlsx`.
    static func schoolFileName(_ school: School) -> String {
        fileName("\(school.id) \(school.name)")
    }

    /// `Persoonlijk 01AB Anna Jansen.xlsx`; the identifier stands in when the roster has no name.
    static func personalFileName(school: String, supervisor: String, name: String?) -> String {
        fileName("Persoonlijk \(school) \(name ?? supervisor)")
    }

    /// `stem` made safe, with `.xlsx` added.
    static func fileName(_ stem: String) -> String {
        var cleaned = ""
        var lastWasSpace = false
        for character in stem {
            let replacement: Character =
                forbidden.contains(character) || character.isNewline
                    || character.unicodeScalars.contains(where: { $0.value < 0x20 || $0.value == 0x7F }) ? "-" : character
            let isSpace = replacement == " "
            if isSpace && lastWasSpace { continue }
            cleaned.append(replacement)
            lastWasSpace = isSpace
        }
        // Windows drops trailing dots and spaces, and a leading dot hides the file on Unix.
        while let last = cleaned.last, last == "." || last == " " { cleaned.removeLast() }
        while let first = cleaned.first, first == "." || first == " " { cleaned.removeFirst() }
        if cleaned.isEmpty { cleaned = "Werkboek" }
        return String(cleaned.prefix(maximumLength)) + ".xlsx"
    }

    /// `urls` with every name that more than one of them shares (ignoring case, as Windows and macOS
    /// shares do) made unique: `Persoonlijk 01AB Anna Jansen (a.jansen2).xlsx`, from `distinctions`,
    /// and a counter when even that is shared. Names nobody else has stay as they are.
    static func distinct(_ urls: [URL], distinctions: [String]) -> [URL] {
        func key(_ url: URL) -> String { url.standardizedFileURL.path.lowercased() }
        func renamed(_ url: URL, _ addition: String) -> URL {
            let stem = url.deletingPathExtension().lastPathComponent
            return url.deletingLastPathComponent().appendingPathComponent(fileName("\(stem) (\(addition))"))
        }
        var result = urls
        var counts: [String: Int] = [:]
        for url in urls { counts[key(url), default: 0] += 1 }
        for index in result.indices where counts[key(result[index]), default: 0] > 1 {
            let addition = index < distinctions.count ? distinctions[index] : String(index + 1)
            result[index] = renamed(result[index], addition)
        }
        var taken: Set<String> = []
        for index in result.indices {
            var candidate = result[index]
            var counter = 2
            while !taken.insert(key(candidate)).inserted {
                candidate = renamed(result[index], String(counter))
                counter += 1
            }
            result[index] = candidate
        }
        return result
    }
}
