import Testing
@testable import CEL

@Suite struct ArithmeticTests {
    static let rows: [Row] = [
        Row("1 + 2 * 3", .int(7)),
        Row("7 / 2", .int(3)),
        Row("-7 / 2", .int(-3)),
        Row("-7 % 3", .int(-1)),
        Row("7u % 3u", .uint(1)),
        Row("3u - 1u", .uint(2)),
        Row("0u - 1u", err("overflow")),
        Row("9223372036854775807 + 1", err("overflow")),
        Row("-9223372036854775808 - 1", err("overflow")),
        Row("-(-9223372036854775808)", err("overflow")),
        Row("(-9223372036854775808) / -1", err("overflow")),
        Row("(-9223372036854775808) % -1", err("overflow")),
        Row("5000000000 * 5000000000", err("overflow")),
        Row("18446744073709551615u + 1u", err("overflow")),
        Row("1 / 0", err("division_by_zero")),
        Row("1 % 0", err("division_by_zero")),
        Row("1u / 0u", err("division_by_zero")),
        Row("1.0 / 0.0", .double(.infinity)),
        Row("2.5 * 2.0", .double(5)),
        Row("-(2.5)", .double(-2.5)),
        Row("'ab' + 'cd'", .string("abcd")),
        Row("b'ab' + b'c'", .bytes([97, 98, 99])),
        Row("[1, 2] + [3]", .list([.int(1), .int(2), .int(3)])),
        Row("size([1, 2] + [])", .int(2)),
    ]

    @Test(arguments: rows) func arithmetic(_ row: Row) { check(row) }

    @Test func errorsCarryExpressionID() {
        let v = evalCEL("1 + (2 / 0)")
        guard case .error(let e) = v else { Issue.record("expected error, got \(v)"); return }
        #expect(e.code == "division_by_zero")
        #expect(e.exprID != nil)
    }
}
