import CEL
import Testing
@testable import MDAEngine

@Suite("Kleene")
struct KleeneTests {
    static func unknown(_ paths: String...) -> Value { .unknown(UnknownSet(paths)) }

    /// The paths of an unknown value, or nil for any other value.
    static func paths(_ v: Value) -> [String]? {
        if case .unknown(let u) = v { return u.paths }
        return nil
    }

    @Test("a deciding value wins over unknowns before and after it")
    func deciding() {
        let values: [Value] = [Self.unknown("/a"), .bool(false), Self.unknown("/b")]
        #expect(Kleene.bool(Kleene.and(values)) == false)
        #expect(Kleene.bool(Kleene.or(values + [.bool(true)])) == true)
        #expect(Kleene.bool(Kleene.and([.bool(true), .bool(true)])) == true)
        #expect(Kleene.bool(Kleene.or([.bool(false)])) == false)
    }

    @Test("unknowns merge into the sorted, deduplicated union of every set's paths")
    func merging() {
        let sets: [Value] = [Self.unknown("/m/1/x", "/m/0/y"), Self.unknown("/a"), Self.unknown("/m/0/y"),
                             Self.unknown("/z", "/b"), .bool(true)]
        let expected = ["/a", "/b", "/m/0/y", "/m/1/x", "/z"]
        #expect(Self.paths(Kleene.and(sets)) == expected)
        #expect(Self.paths(Kleene.or(sets.map { Kleene.bool($0) == true ? .bool(false) : $0 })) == expected)
        // One set is returned unchanged; an error counts as unknown without facts of its own.
        #expect(Self.paths(Kleene.and([.bool(true), Self.unknown("/b", "/a")])) == ["/a", "/b"])
        #expect(Self.paths(Kleene.or([.null, Self.unknown("/b"), Self.unknown("/a")])) == ["/a", "/b"])
        #expect(Self.paths(Kleene.and([.bool(true), .null])) == [])
    }

    @Test("AND of two values equals AND over the array of both")
    func pairs() {
        let values: [Value] = [.bool(true), .bool(false), .null, Self.unknown("/b"), Self.unknown("/a", "/c")]
        for a in values {
            for b in values { #expect(Kleene.and(a, b) == Kleene.and([a, b])) }
        }
    }

    @Test("a fold that does not merge gives the same truth value, and unknown without facts")
    func withoutMerging() {
        let values: [Value] = [Self.unknown("/b"), .bool(false), .null, Self.unknown("/a"), .bool(true)]
        for deciding in [true, false] {
            for n in 0...values.count {
                var merging = Kleene.Fold(deciding: deciding), plain = Kleene.Fold(deciding: deciding, merging: false)
                for v in values.prefix(n) {
                    merging.add(v)
                    plain.add(v)
                }
                switch merging.value {
                case .unknown: #expect(Self.paths(plain.value) == [])
                default: #expect(plain.value == merging.value)
                }
            }
        }
    }

    @Test("union equals one set of all the paths", arguments: [0, 1, 2, 5])
    func union(count: Int) {
        let sets = (0..<count).map { i in UnknownSet(["/p/\(count - i)", "/q", "/p/\(i * 3)"]) }
        #expect(Kleene.union(sets) == UnknownSet(sets.flatMap(\.paths)))
    }
}
