import Spiegel

/// A small seeded pseudo-random generator (xoshiro256**, seeded through SplitMix64).
///
/// Written by hand rather than using `SystemRandomNumberGenerator` or a platform `random()`:
/// the synthetic data must be byte-identical for the same seed on every platform and Swift
/// version, and the standard library promises neither a seedable generator nor a stable one.
/// Only integer arithmetic and exact floating-point operations (`+`, `*`, scaling by powers of
/// two) are used, never `log`/`cos`/`exp`, whose last bits may differ between C libraries.
struct SeededGenerator: RandomNumberGenerator {
    private var s0: UInt64, s1: UInt64, s2: UInt64, s3: UInt64

    /// A generator whose stream is fully determined by `seed`.
    init(seed: UInt64) {
        var splitMix = seed
        s0 = Self.splitMix64(&splitMix)
        s1 = Self.splitMix64(&splitMix)
        s2 = Self.splitMix64(&splitMix)
        s3 = Self.splitMix64(&splitMix)
    }

    /// A generator for one named part of the data (a wpb, a form, a file), derived from the run's
    /// seed, so every part can be produced independently, in any order, with the same result.
    init(seed: UInt64, _ parts: UInt64...) {
        self.init(seed: Self.derive(seed, parts))
    }

    static func derive(_ seed: UInt64, _ parts: [UInt64]) -> UInt64 {
        var state = seed ^ 0x5350_4945_4745_4C00  // "SPIEGEL"
        var value = splitMix64(&state)
        for part in parts {
            state = value ^ (part &* 0x9E37_79B9_7F4A_7C15)
            value = splitMix64(&state)
        }
        return value
    }

    static func splitMix64(_ state: inout UInt64) -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    mutating func next() -> UInt64 {
        let result = ((s1 &* 5) << 7 | (s1 &* 5) >> 57) &* 9
        let t = s1 << 17
        s2 ^= s0
        s3 ^= s1
        s1 ^= s2
        s0 ^= s3
        s2 ^= t
        s3 = s3 << 45 | s3 >> 19
        return result
    }

    /// A uniform double in [0, 1) from the top 53 bits (exact on every IEEE 754 platform).
    mutating func unit() -> Double {
        Double(next() >> 11) * 0x1.0p-53
    }

    /// True with probability `p`.
    mutating func chance(_ p: Double) -> Bool { unit() < p }

    /// A uniform integer in `range`, without modulo bias worth caring about for small ranges.
    mutating func int(in range: ClosedRange<Int>) -> Int {
        let width = UInt64(range.upperBound - range.lowerBound + 1)
        return range.lowerBound + Int(next() % width)
    }

    /// An approximately normal draw (Irwin–Hall: twelve uniforms minus six), using only exact
    /// arithmetic so results do not depend on the platform's maths library.
    mutating func normal(mean: Double, deviation: Double) -> Double {
        var sum = 0.0
        for _ in 0..<12 { sum += unit() }
        return mean + (sum - 6) * deviation
    }

    /// One element of a non-empty array.
    mutating func pick<T>(_ elements: [T]) -> T {
        elements[int(in: 0...(elements.count - 1))]
    }

    /// A Fisher–Yates shuffle that depends only on this generator.
    mutating func shuffle<T>(_ elements: inout [T]) {
        guard elements.count > 1 else { return }
        for i in stride(from: elements.count - 1, to: 0, by: -1) {
            let j = Int(next() % UInt64(i + 1))
            elements.swapAt(i, j)
        }
    }
}
