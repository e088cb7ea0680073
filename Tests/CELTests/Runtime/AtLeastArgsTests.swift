import Testing
@testable import CEL

/// `atLeast(k, a, b, …)` planned as one node (`AtLeastArgsNode`) against the generic
/// `@kleene_*` calls: same value and the same reads, with true, false, unknown, error and
/// non-bool operands and counts.
@Suite("atLeast over arguments matches the Kleene functions")
struct AtLeastArgsTests {
    static let sources = [
        "atLeast(2, xs[0].flag, xs[1].flag, xs[2].flag, xs[4].flag)",
        "atLeast(1, xs[1].flag, xs[3].flag)",
        "atLeast(1, xs[3].flag, xs[1].flag)",
        "atLeast(2, xs[0].flag, 1 / 0 == 1, xs[1].flag)",
        "atLeast(3, xs[0].flag, xs[2].flag, xs[4].flag)",
        "atLeast(k, xs[0].flag, xs[4].flag, xs[0].n > k)",
        "atLeast(0, xs[2].flag)",
        "atLeast(2, xs[0].flag, xs[3].flag, xs[2].flag)",
        "atLeast(1, 1 / (k - 2) == 0, false)",
        "atLeast(2, true, false, true)",
        "xs.exists(x, atLeast(1, x.flag, x.n > k))",
        "atLeast(1, xs[2].flag) || xs.all(x, atLeast(2, x.flag, x.n > 1, x.tag == 'a'))",
    ]

    @Test(arguments: sources)
    func sameValueAndReads(source: String) throws {
        try LoopEquivalenceTests.expectSamePlans(source, settings: [(.int(2), []), (.int(1), ["k"]), (.unknown(UnknownSet(["k"])), []),
                                                                    (.int(2), ["xs"])])
    }

    /// The table exercises every outcome (guards against a vacuous table).
    @Test func tableCoversOutcomes() throws {
        let values = try LoopEquivalenceTests.plainValues(Self.sources)
        #expect(values.contains(.bool(true)))
        #expect(values.contains(.bool(false)))
        #expect(values.contains { $0.isUnknown })
        #expect(values.contains { $0.isError })
        let unknownCount = try LoopEquivalenceTests.run(Self.sources[5], specialised: true, k: .unknown(UnknownSet(["k"])),
                                                        unknowns: [], traced: false).value
        #expect(unknownCount.isUnknown)
    }
}
