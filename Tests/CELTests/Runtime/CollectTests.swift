import Testing
@testable import CEL

/// `filter` / `map` / `transformList` planned as one-buffer loops: same values as the
/// generic comprehension, and unknowns merged over every element.
@Suite("Collect loops")
struct CollectTests {
    static func run(_ source: String, unknown: [String] = []) throws -> Value {
        let env = try Environment(declarations: [.variable("xs", .list(.int)), .variable("u", .dyn), .variable("v", .dyn)])
        let program = try env.program(try env.compile(source))
        var activation = Activation(slots: [.list([.int(1), .int(2), .int(3), .int(4)]), .int(0), .int(0)])
        activation.unknownPatterns = unknown
        return program.evaluate(activation)
    }

    @Test("values match the macros' definitions", arguments: [
        ("xs.filter(x, x % 2 == 0)", Value.list([.int(2), .int(4)])),
        ("xs.map(x, x * 10)", .list([.int(10), .int(20), .int(30), .int(40)])),
        ("xs.map(x, x > 2, x - 1)", .list([.int(2), .int(3)])),
        ("xs.transformList(i, x, i + x)", .list([.int(1), .int(3), .int(5), .int(7)])),
        ("xs.transformList(i, x, i > 1, x)", .list([.int(3), .int(4)])),
        ("[].filter(x, x > 0)", .list([])),
        ("{'a': 1, 'b': 2}.filter(k, k == 'b')", .list([.string("b")])),
        ("size(xs.filter(x, x > 1).map(x, x))", .int(3)),
    ])
    func values(source: String, expected: Value) throws {
        #expect(try CollectTests.run(source) == expected)
    }

    @Test("errors surface as errors")
    func errors() throws {
        guard case .error = try CollectTests.run("xs.map(x, 10 / (x - 2))") else {
            Issue.record("expected a division-by-zero error")
            return
        }
    }

    @Test("unknown conditions merge their attribute paths")
    func unknowns() throws {
        let v = try CollectTests.run("xs.filter(x, x == 1 ? u : v)", unknown: ["u", "v"])
        #expect(v == .unknown(UnknownSet(["u", "v"])))
        let w = try CollectTests.run("xs.filter(x, x > 10 && u)", unknown: ["u"])
        #expect(w == .list([]))
    }

    /// `size(loop)` counts without building the list: the loop's size or its failure, and the
    /// same reads as the loop itself.
    @Test("size of a collect loop", arguments: [
        "xs.filter(x, x.n > 1)",
        "xs.filter(x, x.flag == true)",
        "xs.filter(x, x.flag)",
        "xs.map(x, x.flag)",
        "xs.map(x, x.n > 1, x.tag)",
        "xs.filter(x, xs.exists(y, y.n > x.n && y.flag))",
        "xs.map(x, x.n > 2, xs.filter(y, y.flag))",
        "xs.filter(x, 10 / (x.n - 2) > 0)",
    ])
    func sizeCounts(loop: String) throws {
        for form in ["size(\(loop))", "\(loop).size()"] {
            for (k, unknowns) in [(Value.int(2), [String]()), (.int(2), ["xs"])] {
                let counted = try LoopEquivalenceTests.run(form, specialised: true, k: k, unknowns: unknowns, traced: true)
                let built = try LoopEquivalenceTests.run(loop, specialised: true, k: k, unknowns: unknowns, traced: true)
                var expected = built.value
                if case .list(let items) = built.value { expected = .int(Int64(items.count)) }
                #expect(counted.value == expected, "\(form) unknowns=\(unknowns)")
                #expect(counted.fields == built.fields && counted.slots == built.slots, "\(form) reads")
            }
        }
    }

    @Test("over a map, two-variable forms collect what the transform names: the key or the value", arguments: [
        ("{'a': 1, 'b': 2}.transformList(k, v, v)", Value.list([.int(1), .int(2)])),
        ("{'a': 1, 'b': 2}.transformList(k, v, k)", .list([.string("a"), .string("b")])),
        ("{'a': 1, 'b': 2}.transformList(k, v, v > 1, v)", .list([.int(2)])),
        ("{'a': 1, 'b': 2}.map(k, k)", .list([.string("a"), .string("b")])),
        ("{'a': 1, 'b': 2}.filter(k, k == 'b')", .list([.string("b")])),
        ("[5, 6].transformList(i, v, i)", .list([.int(0), .int(1)])),
        ("[5, 6].transformList(i, v, v)", .list([.int(5), .int(6)])),
    ])
    func overMaps(_ source: String, _ expected: Value) throws {
        let env = try Environment(declarations: [])
        #expect(try env.program(try env.compile(source)).evaluate(Activation(slots: [])) == expected, "\(source)")
    }
}
