import Testing
@testable import CEL

@Suite struct UnknownSetTests {
    @Test(arguments: [
        ([], []),
        (["/a"], ["/a"]),
        (["/b", "/a"], ["/a", "/b"]),
        (["/a", "/a"], ["/a"]),
        (["/c", "/a", "/b", "/a"], ["/a", "/b", "/c"]),
        (["/incidents/10/weapon", "/incidents/9/weapon"], ["/incidents/10/weapon", "/incidents/9/weapon"]),
    ])
    func initSortsAndDeduplicates(input: [String], expected: [String]) {
        #expect(UnknownSet(input).paths == expected)
    }

    @Test(arguments: [
        ([], [], []),
        (["/a"], [], ["/a"]),
        ([], ["/a"], ["/a"]),
        (["/a"], ["/a"], ["/a"]),
        (["/a", "/c"], ["/b"], ["/a", "/b", "/c"]),
        (["/a", "/b", "/c"], ["/b"], ["/a", "/b", "/c"]),
        (["/b"], ["/a", "/b", "/c"], ["/a", "/b", "/c"]),
        (["/x/1", "/x/3"], ["/x/2", "/x/4", "/y"], ["/x/1", "/x/2", "/x/3", "/x/4", "/y"]),
    ])
    func mergeIsTheSortedUnion(a: [String], b: [String], expected: [String]) {
        #expect(UnknownSet(a).merged(with: UnknownSet(b)).paths == expected)
        #expect(UnknownSet(b).merged(with: UnknownSet(a)).paths == expected)
    }

    @Test func mergeAgreesWithTheSetUnionOnRandomPaths() {
        var rng = SystemRandomNumberGenerator()
        let pool = (0..<12).map { "/r/\($0)/f" } + ["/a", "/a/b", "/b", "/é", "/e\u{301}"]
        for _ in 0..<500 {
            let a = (0..<Int.random(in: 0...6, using: &rng)).map { _ in pool.randomElement(using: &rng)! }
            let b = (0..<Int.random(in: 0...6, using: &rng)).map { _ in pool.randomElement(using: &rng)! }
            let merged = UnknownSet(a).merged(with: UnknownSet(b))
            #expect(merged == UnknownSet(a + b), "\(a) ∪ \(b)")
            #expect(zip(merged.paths, merged.paths.dropFirst()).allSatisfy { $0 < $1 }, "sorted and unique")
        }
    }

    static func storage(_ u: UnknownSet) -> UnsafePointer<String>? { u.paths.withUnsafeBufferPointer { $0.baseAddress } }

    /// A set merged with itself, a copy, an equal set or a subset is the larger operand (its
    /// storage kept); a proper union is new storage holding the union.
    @Test func mergeKeepsTheStorageOfTheLargerOperand() {
        let big = UnknownSet(["/a", "/b", "/c", "/e\u{301}"])
        let copy = big
        let equal = UnknownSet(big.paths.map { String($0.unicodeScalars.map(Character.init)) })
        let sub = UnknownSet(["/b", "/é"])
        for (x, y) in [(big, big), (big, copy), (big, equal), (big, sub), (sub, big)] {
            let m = x.merged(with: y)
            #expect(m == UnknownSet(x.paths + y.paths))
            let larger = x.paths.count >= y.paths.count ? x : y
            #expect(Self.storage(m) == Self.storage(larger), "\(x.paths) ∪ \(y.paths)")
        }
        let other = UnknownSet(["/d"])
        let m = big.merged(with: other)
        #expect(m == UnknownSet(big.paths + other.paths))
        #expect(Self.storage(m) != Self.storage(big) && Self.storage(m) != Self.storage(other))
    }
}
