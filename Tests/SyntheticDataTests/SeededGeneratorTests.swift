import Foundation
import SpiegelTestSupport
import Testing

@testable import Spiegel
@testable import SyntheticData

@Suite("Seeded generator")
struct SeededGeneratorTests {
    /// SplitMix64 seeding and xoshiro256** written again in Python from the published algorithms,
    /// so the Swift stream is checked against an independent implementation.
    static let reference = #"""
        import sys
        M = (1 << 64) - 1
        def splitmix(state):
            state = (state + 0x9E3779B97F4A7C15) & M
            z = state
            z = ((z ^ (z >> 30)) * 0xBF58476D1CE4E5B9) & M
            z = ((z ^ (z >> 27)) * 0x94D049BB133111EB) & M
            return state, z ^ (z >> 31)
        def rotl(x, k): return ((x << k) | (x >> (64 - k))) & M
        state, s = int(sys.argv[1]), []
        for _ in range(4):
            state, v = splitmix(state)
            s.append(v)
        out = []
        for _ in range(5):
            out.append(rotl((s[1] * 5) & M, 7) * 9 & M)
            t = (s[1] << 17) & M
            s[2] ^= s[0]; s[3] ^= s[1]; s[1] ^= s[2]; s[0] ^= s[3]; s[2] ^= t; s[3] = rotl(s[3], 45)
        print(" ".join(str(v) for v in out))
        """#

    @Test("the stream matches an independent xoshiro256** implementation", arguments: [UInt64(0), 42, 20_251_001])
    func knownAnswers(seed: UInt64) throws {
        let expected = try TestSupport.runPython(Self.reference, arguments: [String(seed)])
            .split(separator: " ").map { UInt64($0.trimmingCharacters(in: .whitespacesAndNewlines))! }
        var generator = SeededGenerator(seed: seed)
        #expect((0..<5).map { _ in generator.next() } == expected)
    }

    @Test("SplitMix64 from seed 0 starts with its published first value")
    func splitMix() {
        var state: UInt64 = 0
        #expect(SeededGenerator.splitMix64(&state) == 0xE220_A839_7B1D_CDAF)
    }

    @Test("uniform draws stay in [0, 1) and normal draws centre on the mean")
    func distributions() {
        var generator = SeededGenerator(seed: 5)
        var sum = 0.0, outside = 0
        for _ in 0..<10_000 {
            let u = generator.unit()
            if !(u >= 0 && u < 1) { outside += 1 }
            sum += generator.normal(mean: 3, deviation: 0.5)
        }
        #expect(outside == 0)
        // The mean of 10,000 draws with σ 0.5 lies within 0.05 of 3 (ten standard errors).
        #expect(abs(sum / 10_000 - 3) < 0.05)
    }
}
