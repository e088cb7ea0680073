import Testing
@testable import CEL

@Suite struct KleeneTests {
    static let vars: [(String, CELType, Value)] = [("u1", .bool, .bool(false)), ("u2", .bool, .bool(false)),
                                                   ("xs", .list(.int), .list([.int(1), .int(2), .int(3), .int(4)]))]

    static let rows: [Row] = [
        Row("atLeast(2, true, false, true)", .bool(true)),
        Row("atLeast(2, true, false, false)", .bool(false)),
        Row("atLeast(0, false)", .bool(true)),
        Row("atLeast(1, 1 / 0 == 1, true)", .bool(true)),
        Row("atLeast(2, 1 / 0 == 1, true)", err("division_by_zero")),
        Row("atLeast(3, 1 / 0 == 1, true, false)", .bool(false)),
        Row("xs.atLeast(2, x, x > 2)", .bool(true)),
        Row("xs.atLeast(3, x, x > 2)", .bool(false)),
        Row("xs.atLeast(1, x, 10 / (x - 1) > 100)", err("division_by_zero")),
        Row("xs.atLeast(2, x, 10 / (x - 1) > 100)", .bool(false)),
        Row("xs.atLeast(1, x, 10 / (x - 1) > 1)", .bool(true)),
    ]

    @Test(arguments: rows) func kleene(_ row: Row) { check(row, Self.vars, kleene: true) }

    @Test func unknownOperands() {
        let r = { (s: String, unknowns: [String]) in evalCEL(s, Self.vars, unknowns: unknowns, kleene: true) }
        #expect(r("atLeast(2, u1, true, u2)", ["u1", "u2"]) == .unknown(UnknownSet(["u1", "u2"])))
        #expect(r("atLeast(1, u1, true, u2)", ["u1", "u2"]) == .bool(true))
        #expect(r("atLeast(3, u1, false, u2)", ["u1", "u2"]) == .bool(false))
        #expect(r("atLeast(2, u1, true, 1 / 0 == 1)", ["u1"]) == .unknown(UnknownSet(["u1"])))
        #expect(r("xs.atLeast(2, x, x > 3 || u1)", ["u1"]) == .unknown(UnknownSet(["u1"])))
        #expect(r("xs.atLeast(1, x, x > 3 || u1)", ["u1"]) == .bool(true))
    }

    @Test func accumulatorDirect() {
        var acc = KleeneLibrary.new(.int(2))
        acc = KleeneLibrary.add(acc, .bool(true))
        #expect(KleeneLibrary.result(acc) == .bool(false))
        acc = KleeneLibrary.add(acc, .unknown(UnknownSet(["p"])))
        #expect(KleeneLibrary.result(acc) == .unknown(UnknownSet(["p"])))
        acc = KleeneLibrary.add(acc, .bool(true))
        #expect(KleeneLibrary.result(acc) == .bool(true))
        #expect(errorCode(KleeneLibrary.new(.string("x"))) == "invalid_argument")
    }
}
