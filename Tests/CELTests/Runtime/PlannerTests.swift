import Testing
@testable import CEL

@Suite struct PlannerTests {
    static let rows: [Row] = [
        // Loop-invariant hoisting must be re-evaluated for each evaluation of the inner loop.
        Row("[1, 2, 3].map(x, [0, 1].map(y, y + x * 10))",
            .list([.list([.int(10), .int(11)]), .list([.int(20), .int(21)]), .list([.int(30), .int(31)])])),
        Row("[1, 2, 3].all(x, [10, 20].exists(y, y > x * 7))", .bool(false)),
        Row("[1, 2].all(x, [10, 20].exists(y, y > x * 7))", .bool(true)),
        Row("[1, 2, 3].filter(x, [10, 20].exists(y, y > x * 7))", .list([.int(1), .int(2)])),
        Row("[1, 2].exists(x, x > 1 / 0)", err("division_by_zero")),
        Row("[].exists(x, x > 1 / 0)", .bool(false)),
        Row("[1, 2].map(x, x + size('abc'))", .list([.int(4), .int(5)])),
        Row("{'a': 1, 'b': 2}.exists(k, v, v == 2 && k == 'b')", .bool(true)),
        Row("[5, 6].all(i, v, v == i + 5)", .bool(true)),
        Row("[1, 2, 3].exists_one(x, x > 1)", .bool(false)),
        // Constant folding keeps errors as values.
        Row("false && 1 / 0 == 1", .bool(false)),
        Row("timestamp('2020-01-01T00:00:00Z') - duration('8760h') < timestamp('2020-01-01T00:00:00Z')", .bool(true)),
    ]

    @Test(arguments: rows) func planned(_ row: Row) { check(row) }

    @Test func hoistedReadsAreReportedOnce() throws {
        let env = try Environment(declarations: [.variable("xs", .list(.int)), .variable("limit", .int)])
        let program = try env.program(try env.compile("xs.exists(x, x > limit + 1)"))
        let obs = RecordingObserver()
        let v = program.evaluate(Activation(slots: [.list([.int(1), .int(2), .int(9)]), .int(3)]), observer: obs)
        #expect(v == .bool(true))
        #expect(obs.slotReads.filter { $0.slot == 1 }.count == 1)
        // Evaluating again recomputes the hoisted value from the new activation.
        #expect(program.evaluate(Activation(slots: [.list([.int(1), .int(2), .int(9)]), .int(9)])) == .bool(false))
    }

    @Test func constantRegexErrorIsAValue() {
        #expect(errorCode(evalCEL("'a'.matches('[')")) == "invalid_argument")
        #expect(evalCEL("false && 'a'.matches('[')") == .bool(false))
    }
}
