import Testing
@testable import CEL

/// Binary operators with one constant operand (`ConstOperandOpNode`) against the generic
/// operator node: same value and the same reads, constant on either side, with unknown, error
/// and mistyped operands.
@Suite("Operators with a constant operand match the generic operator")
struct ConstOperandTests {
    static let sources = [
        "xs[0].n == 1", "1 == xs[0].n", "xs[1].flag == true", "true != xs[1].flag",
        "xs[2].tag != 'a'", "'a' == xs[2].tag", "xs[3].flag == 'oops'",
        "xs[0].n < 3", "3 <= xs[4].n", "xs[3].n > 1", "2 >= k", "k > 1.5", "k < 2u",
        "xs[3].flag > 1", "1 < xs[3].flag",
        "k + 1", "10 / (k - 2)", "10 % k", "k * 3", "1 - k",
        "xs[2].tag in ['a', 'c']", "'b' in [xs[4].tag, xs[0].tag]", "k in [1, 2]", "2 in {2: 'x'}",
        "[10, 20, 30][k]", "[10, 20][k]",
        "xs.exists(x, x.n == 2 && x.flag == true)", "xs.all(x, x.tag in ['a', 'b', 'c'])",
    ]

    @Test(arguments: sources)
    func sameValueAndReads(source: String) throws {
        try LoopEquivalenceTests.expectSamePlans(source, settings: [(.int(2), []), (.int(1), []), (.unknown(UnknownSet(["k"])), []),
                                                                    (.error("boom", "k"), []), (.int(2), ["xs", "k"])])
    }

    /// The table exercises true, false, unknown and error results (guards against a vacuous table).
    @Test func tableCoversOutcomes() throws {
        let values = try LoopEquivalenceTests.plainValues(Self.sources)
        #expect(values.contains(.bool(true)))
        #expect(values.contains(.bool(false)))
        #expect(values.contains { $0.isUnknown })
        #expect(values.contains { $0.isError })
        #expect(values.contains(.int(3)))
    }
}
