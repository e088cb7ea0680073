/// A small seeded pseudo-random generator: SplitMix64 (Steele, Lea and Flood, 2014).
///
/// Used by ``CaseGenerator`` so that the same seed gives byte-identical caseloads on every
/// machine and toolchain. It deliberately does not conform to `RandomNumberGenerator`: the
/// standard library's `random(in:using:)` algorithms may change between Swift versions, so
/// every draw goes through the methods below, whose arithmetic is fixed here.
struct SplitMix64 {
    private var state: UInt64

    /// Creates a generator from a seed (any value, including 0).
    init(seed: UInt64) { state = seed }

    /// A generator for stream `index` of `seed`: independent of how many streams exist, so case
    /// `i` of a caseload does not depend on the count asked for.
    init(seed: UInt64, stream index: UInt64) {
        var mixer = SplitMix64(seed: seed ^ (index &* 0xD1B5_4A32_D192_ED03))
        state = mixer.next() ^ index
    }

    /// The next 64 random bits.
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    /// A whole number in `0..<n` (`n` > 0), by multiply-high (bias below 2⁻³²for small `n`).
    mutating func below(_ n: Int) -> Int {
        Int(next().multipliedFullWidth(by: UInt64(n)).high)
    }

    /// A whole number in `range`.
    mutating func int(_ range: ClosedRange<Int>) -> Int {
        range.lowerBound + below(range.upperBound - range.lowerBound + 1)
    }

    /// A double in `[0, 1)` with 53 random bits.
    mutating func unit() -> Double { Double(next() >> 11) * 0x1.0p-53 }

    /// True with probability `p`.
    mutating func chance(_ p: Double) -> Bool { unit() < p }

    /// One element of a non-empty array, uniformly.
    mutating func pick<T>(_ items: [T]) -> T { items[below(items.count)] }

    /// An index chosen with the given (non-negative, not all zero) weights.
    mutating func weighted(_ weights: [Double]) -> Int {
        var total = 0.0
        for w in weights { total += w }
        var x = unit() * total
        for (i, w) in weights.enumerated() {
            if x < w { return i }
            x -= w
        }
        return weights.count - 1
    }
}
