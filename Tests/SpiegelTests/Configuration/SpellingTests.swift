import Testing

@testable import Spiegel

/// The bounded edit distance behind "did you mean" against the plain one, over many word pairs.
@Suite("Spelling")
struct SpellingTests {
    /// Every pair of a small set of words one to four edits apart, and their prefixes: the bounded distance is
    /// the plain one whenever that is within the limit, and `nil` otherwise.
    @Test func theBoundedDistanceIsThePlainOneWithinTheLimit() {
        let words = ["a.bos@x.nl", "a.bos@x.n", "b.bos@x.nl", "a.boss@x.nl", "ab.os@x.nl", "zz.boss@y.com", "", "é.bos@x.nl"]
        let all = words + words.map { String($0.prefix(4)) }
        var compared = 0
        for a in all {
            for b in all {
                let plain = Spelling.editDistance(a, b)
                #expect(plain == Self.reference(Array(a), Array(b)), "\(a) / \(b)")
                for limit in 0...3 {
                    let bounded = Spelling.editDistance(Array(a), Array(b), atMost: limit)
                    #expect(bounded == (plain <= limit ? plain : nil), "\(a) / \(b) at most \(limit)")
                    compared += 1
                }
            }
        }
        #expect(compared == all.count * all.count * 4)
    }

    /// Levenshtein distance by its recursive definition, memoised: independent of the table the product fills.
    static func reference(_ a: [Character], _ b: [Character]) -> Int {
        var memo: [Int: Int] = [:]
        func distance(_ i: Int, _ j: Int) -> Int {
            if i == 0 { return j }
            if j == 0 { return i }
            if let known = memo[i * (b.count + 1) + j] { return known }
            let found = min(
                distance(i - 1, j) + 1, distance(i, j - 1) + 1, distance(i - 1, j - 1) + (a[i - 1] == b[j - 1] ? 0 : 1))
            memo[i * (b.count + 1) + j] = found
            return found
        }
        return distance(a.count, b.count)
    }
}
