import Testing
@testable import CEL

@Suite struct LogicTests {
    static let rows: [Row] = [
        Row("false && (1 / 0 == 1)", .bool(false)),
        Row("(1 / 0 == 1) && false", .bool(false)),
        Row("true || (1 / 0 == 1)", .bool(true)),
        Row("(1 / 0 == 1) || true", .bool(true)),
        Row("(1 / 0 == 1) && true", err("division_by_zero")),
        Row("true && (1 / 0 == 1)", err("division_by_zero")),
        Row("!(1 / 0 == 1)", err("division_by_zero")),
        Row("(1 / 0 == 1) ? 1 : 2", err("division_by_zero")),
        Row("true ? 1 : 1 / 0", .int(1)),
        Row("[1, 2, 3].all(x, x > 0)", .bool(true)),
        Row("[1, 2, 3].exists(x, x > 2)", .bool(true)),
        Row("[1, 0].exists(x, 1 / x > 0)", .bool(true)),
        Row("[0, 1].all(x, 1 / x > 0)", err("division_by_zero")),
        Row("[1, 2, 3].exists_one(x, x > 2)", .bool(true)),
        Row("[1, 2, 3].map(x, x * 2)", .list([.int(2), .int(4), .int(6)])),
        Row("[1, 2, 3].filter(x, x % 2 == 1)", .list([.int(1), .int(3)])),
        Row("{'a': 1, 'b': 2}.all(k, k.size() == 1)", .bool(true)),
        Row("has({'a': 1}.a)", .bool(true)),
        Row("has({'a': 1}.b)", .bool(false)),
    ]

    @Test(arguments: rows) func logic(_ row: Row) { check(row) }

    static let u: [(String, CELType, Value)] = [("a", .bool, .bool(true)), ("b", .bool, .bool(true)), ("n", .int, .int(1))]

    @Test func unknownsWinOverErrorsAndMerge() {
        #expect(evalCEL("a && b", Self.u, unknowns: ["a", "b"]) == .unknown(UnknownSet(["a", "b"])))
        #expect(evalCEL("a || b", Self.u, unknowns: ["b"]) == .bool(true))
        #expect(evalCEL("false && a", Self.u, unknowns: ["a"]) == .bool(false))
        #expect(evalCEL("a && false", Self.u, unknowns: ["a"]) == .bool(false))
        #expect(evalCEL("a || true", Self.u, unknowns: ["a"]) == .bool(true))
        #expect(evalCEL("a && (1 / 0 == 1)", Self.u, unknowns: ["a"]) == .unknown(UnknownSet(["a"])))
        #expect(evalCEL("(1 / 0 == 1) || a", Self.u, unknowns: ["a"]) == .unknown(UnknownSet(["a"])))
        #expect(evalCEL("!a", Self.u, unknowns: ["a"]) == .unknown(UnknownSet(["a"])))
        #expect(evalCEL("a ? 1 : 2", Self.u, unknowns: ["a"]) == .unknown(UnknownSet(["a"])))
        #expect(evalCEL("n + n + 1", Self.u, unknowns: ["n"]) == .unknown(UnknownSet(["n"])))
        // Strict functions: unknown wins over error among arguments.
        #expect(evalCEL("(1 / 0) + n", Self.u, unknowns: ["n"]) == .unknown(UnknownSet(["n"])))
    }

    @Test func unknownsInMacros() {
        let vars: [(String, CELType, Value)] = [("unknownVar", .int, .int(0)), ("flag", .bool, .bool(false))]
        #expect(evalCEL("[1, 2].exists(x, x == unknownVar)", vars, unknowns: ["unknownVar"]) == .unknown(UnknownSet(["unknownVar"])))
        #expect(evalCEL("[1, 2].exists(x, x == 1 || flag)", vars, unknowns: ["flag"]) == .bool(true))
        #expect(evalCEL("[1, 2].exists(x, x == 2 || flag)", vars, unknowns: ["flag"]) == .bool(true))
        #expect(evalCEL("[1, 2].all(x, x == 3 && flag)", vars, unknowns: ["flag"]) == .bool(false))
        #expect(evalCEL("[1, 2].all(x, x > 0 && flag)", vars, unknowns: ["flag"]) == .unknown(UnknownSet(["flag"])))
        // Without unknown patterns the same program evaluates normally.
        #expect(evalCEL("[1, 2].exists(x, x == unknownVar)", vars) == .bool(false))
    }

    @Test func unknownAttributePaths() {
        let m = Value.map(MapValue(strings: [("b", .int(1)), ("c", .int(2))]))
        let vars: [(String, CELType, Value)] = [("a", .map(.string, .int), m)]
        #expect(evalCEL("a.b + a.c", vars, unknowns: ["a.b"]) == .unknown(UnknownSet(["a.b"])))
        #expect(evalCEL("a.c", vars, unknowns: ["a.b"]) == .int(2))
        #expect(evalCEL("a.b + a.c", vars, unknowns: ["a.b", "a.c"]) == .unknown(UnknownSet(["a.b", "a.c"])))
        #expect(evalCEL("a.b", vars, unknowns: ["a"]) == .unknown(UnknownSet(["a"])))
        #expect(evalCEL("a['b'] > 0", vars, unknowns: ["a.b"]) == .unknown(UnknownSet(["a.b"])))
        #expect(evalCEL("a['c']", vars, unknowns: ["a.b"]) == .int(2))
    }
}
