/// Suggestions for misspelt names, by edit distance.
enum Spelling {
    /// The candidate closest to `word`, if it is close enough to be a likely typo: at most half the
    /// longer of the two words' length in single-character edits (so `treshold` finds `gap_threshold`).
    /// Ties go to the earlier candidate, so suggestions follow the order keys are documented in.
    static func nearest(to word: String, in candidates: [String]) -> String? {
        let wordLength = word.count
        guard wordLength <= longestComparedName else { return nil }
        let lowered = word.lowercased()
        var best: (candidate: String, distance: Int)?
        for candidate in candidates {
            let length = candidate.count
            let limit = max(2, max(wordLength, length) / 2)
            // The distance is at least the difference in length: skip what cannot be near before paying for it.
            guard length <= longestComparedName, abs(length - wordLength) <= limit else { continue }
            let distance = editDistance(lowered, candidate.lowercased())
            guard distance <= limit, distance < (best?.distance ?? .max) else { continue }
            best = (candidate, distance)
        }
        return best?.candidate
    }

    /// Names longer than this are neither suggested nor looked up: the edit distance costs the product of
    /// the two lengths, and an export's header can be a megabyte of text (a hostile or broken file).
    static let longestComparedName = 400

    /// The Levenshtein distance of `a` and `b` when it is at most `limit`, else `nil`; stops as soon as a whole row
    /// of the table exceeds `limit`, since the distance can only grow from there.
    static func editDistance(_ a: [Character], _ b: [Character], atMost limit: Int) -> Int? {
        guard abs(a.count - b.count) <= limit else { return nil }
        if a.isEmpty || b.isEmpty { return max(a.count, b.count) }
        var previous = Array(0...b.count)
        var current = previous
        for i in 1...a.count {
            current[0] = i
            var rowMinimum = i
            for j in 1...b.count {
                let substitution = previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1)
                current[j] = min(previous[j] + 1, current[j - 1] + 1, substitution)
                rowMinimum = min(rowMinimum, current[j])
            }
            if rowMinimum > limit { return nil }
            swap(&previous, &current)
        }
        return previous[b.count] <= limit ? previous[b.count] : nil
    }

    /// Levenshtein distance: insertions, deletions and substitutions, each counting one.
    static func editDistance(_ a: String, _ b: String) -> Int {
        // Unbounded, the bounded distance always has an answer.
        editDistance(Array(a), Array(b), atMost: .max)!
    }
}
