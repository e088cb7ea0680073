import Testing
@testable import CEL

/// The dedicated loop nodes against the generic comprehension planned from the same macro
/// expansion: same value and the same reads, in the same order, over elements with unknown,
/// erroring and non-bool fields.
@Suite("Loop nodes match the generic comprehension")
struct LoopEquivalenceTests {
    static let item = ObjectType(name: "Item", fields: [("n", .int), ("tag", .string), ("flag", .dyn)])

    static func make(_ i: Int, _ n: Int64, _ tag: String, _ flag: Value) -> Value {
        .object(ObjectValue.make(type: item, fields: [.int(n), .string(tag), flag], path: "/xs/\(i)"))
    }

    static let items: Value = .list([
        make(0, 1, "a", .bool(true)),
        make(1, 2, "b", .unknown(UnknownSet(["xs.1.flag"]))),
        make(2, 3, "a", .bool(false)),
        make(3, 4, "c", .string("oops")),
        make(4, 2, "b", .bool(true)),
    ])

    /// Loops whose body nests another loop (planned generically before), and plain quantifiers.
    static let sources = [
        "xs.filter(x, xs.exists(y, y.n > x.n && y.flag))",
        "xs.filter(x, xs.exists(y, y.n == x.n + 1) && x.flag)",
        "xs.filter(x, xs.exists(y, y.n == x.n) ? x.flag : false)",
        "xs.filter(x, xs.all(y, 10 / (y.n - x.n) != 0 || y.flag == true))",
        "xs.filter(x, xs.exists(y, y.n > size(xs) - x.n))",
        "xs.map(x, size(xs.filter(y, y.n < x.n)))",
        "xs.map(x, xs.filter(y, y.n < x.n && y.flag))",
        "xs.map(x, x.n > 1, xs.exists(y, y.flag == x.flag))",
        "xs.map(x, x.flag, xs.exists(y, y.tag == x.tag))",
        "xs.exists(x, xs.exists(y, y.flag && y.n > x.n))",
        "xs.all(x, xs.exists(y, y.tag == x.tag && y.n != x.n))",
        "xs.all(x, xs.exists(y, y.tag == x.tag) && x.flag)",
        "xs.exists(x, x.flag && x.n > k)",
        "xs.all(x, x.n > 0 && x.flag != false)",
        "xs.atLeast(2, x, xs.exists(y, y.n > x.n && y.flag))",
        "xs.atLeast(1, x, xs.exists(y, y.tag == x.tag && y.n != x.n))",
        "xs.atLeast(k, x, xs.exists(y, y.n == x.n && y.flag))",
        "xs.atLeast(0, x, xs.exists(y, y.flag))",
        "xs.atLeast(1, x, x.n > size(xs) - 4 && xs.exists(y, y.n == x.n))",
    ]

    struct Run: Equatable {
        var value: Value
        var fields: [String]
        var slots: [String]
    }

    static func run(_ source: String, specialised: Bool, k: Value, unknowns: [String], traced: Bool) throws -> Run {
        let env = try Environment(declarations: [.variable("xs", .list(.object(item))), .variable("k", .int)],
                                  options: .init(enableKleeneExtensions: true))
        let program = env.program(try env.compile(source), specialised: specialised)
        let activation = Activation(slots: [items, k], unknownPatterns: unknowns)
        guard traced else { return Run(value: program.evaluate(activation), fields: [], slots: []) }
        let obs = RecordingObserver()
        let v = program.evaluate(activation, observer: obs)
        return Run(value: v, fields: obs.fieldReads.map { "\($0.path ?? "-").\($0.field)=\($0.value)" },
                   slots: obs.slotReads.map { "\($0.slot)=\($0.value)" })
    }

    /// The values of `sources` under the specialised plan with `k = 2`, nothing unknown and no
    /// observer: what a table's coverage test checks its outcomes against.
    static func plainValues(_ sources: [String]) throws -> [Value] {
        try sources.map { try run($0, specialised: true, k: .int(2), unknowns: [], traced: false).value }
    }

    /// Expects `source` planned with and without the dedicated nodes to give the same value and
    /// the same reads for every `(k, unknown patterns)` setting, traced and untraced.
    static func expectSamePlans(_ source: String, settings: [(k: Value, unknowns: [String])]) throws {
        for (k, unknowns) in settings {
            for traced in [false, true] {
                let special = try run(source, specialised: true, k: k, unknowns: unknowns, traced: traced)
                let generic = try run(source, specialised: false, k: k, unknowns: unknowns, traced: traced)
                #expect(special == generic, "\(source) k=\(k) unknowns=\(unknowns) traced=\(traced)")
            }
        }
    }

    @Test(arguments: sources)
    func sameValueAndReads(source: String) throws {
        try Self.expectSamePlans(source, settings: [(.int(2), []), (.int(2), ["k"]), (.unknown(UnknownSet(["k"])), []),
                                                    (.int(2), ["xs"])])
    }

    /// The table exercises the failure paths it is meant to (guards against a vacuous table).
    @Test func tableCoversFailures() throws {
        let values = try Self.plainValues(Self.sources)
        #expect(values.contains { $0.isUnknown })
        #expect(values.contains { $0.isError })
        #expect(values.contains { if case .list = $0 { return true } else { return false } })
        #expect(values.contains(.bool(true)))
        #expect(values.contains(.bool(false)))
    }
}
