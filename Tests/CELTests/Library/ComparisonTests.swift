import Testing
@testable import CEL

@Suite struct ComparisonTests {
    static let rows: [Row] = [
        Row("1 == 1", .bool(true)),
        Row("dyn(1) == 1u", .bool(true)),
        Row("dyn(1) == 1.0", .bool(true)),
        Row("dyn(1u) == 1.5", .bool(false)),
        Row("1 < 2.5", .bool(true)),
        Row("2u > 1", .bool(true)),
        Row("-1 < 0u", .bool(true)),
        Row("0.0/0.0 == 0.0/0.0", .bool(false)),
        Row("0.0/0.0 < 1.0", .bool(false)),
        Row("0.0/0.0 >= 1.0", .bool(false)),
        Row("'a' < 'b'", .bool(true)),
        Row("b'a' < b'b'", .bool(true)),
        Row("false < true", .bool(true)),
        Row("[1, 2] == [1, 2]", .bool(true)),
        Row("[1, 2] == [1.0, 2u]", .bool(true)),
        Row("dyn({'a': 1}) == {'a': 1.0}", .bool(true)),
        Row("dyn({1: 'x'})[1u]", .string("x")),
        Row("dyn({1: 'x'})[1.0]", .string("x")),
        Row("{1: 'x'}[2]", err("no_such_key")),
        Row("2 in [1, 2]", .bool(true)),
        Row("dyn(2u) in [1, 2]", .bool(true)),
        Row("'a' in {'a': 1}", .bool(true)),
        Row("'b' in {'a': 1}", .bool(false)),
        Row("[1, 2][1]", .int(2)),
        Row("[1, 2][2]", err("index_out_of_range")),
        Row("{'a': 1, 'a': 2}", err("invalid_argument")),
        Row("'Am\\u00E9lie' == 'Ame\\u0301lie'", .bool(false)),
        Row("null == null", .bool(true)),
        Row("type(1) == int", .bool(true)),
    ]

    @Test(arguments: rows) func comparison(_ row: Row) { check(row) }

    @Test func heterogeneousEqualityDirect() {
        #expect(Value.int(1).celEquals(.uint(1)))
        #expect(Value.uint(1).celEquals(.double(1)))
        #expect(!Value.double(.nan).celEquals(.double(.nan)))
        #expect(!Value.int(1).celEquals(.string("1")))
        let m = MapValue([(key: .int(1), value: .string("a")), (key: .string("k"), value: .bool(true))])
        #expect(m.lookup(.uint(1)) == .string("a"))
        #expect(m.lookup(.double(1.0)) == .string("a"))
        #expect(m.lookup(.double(1.5)) == nil)
    }
}
