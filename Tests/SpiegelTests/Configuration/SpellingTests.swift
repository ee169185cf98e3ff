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
                for limit in 0...3 {
                    let bounded = Spelling.editDistance(Array(a), Array(b), atMost: limit)
                    #expect(bounded == (plain <= limit ? plain : nil), "\(a) / \(b) at most \(limit)")
                    compared += 1
                }
            }
        }
        #expect(compared == all.count * all.count * 4)
    }
}
