import Testing
@testable import CEL

@Suite struct StringTests {
    static let rows: [Row] = [
        Row("size('héllo')", .int(5)),
        Row("'héllo'.size()", .int(5)),
        Row("size(b'ab')", .int(2)),
        Row("size([1, 2, 3])", .int(3)),
        Row("size({'a': 1})", .int(1)),
        Row("'hello'.contains('ell')", .bool(true)),
        Row("'hello'.contains('')", .bool(true)),
        Row("'hello'.contains('xyz')", .bool(false)),
        Row("'hello'.startsWith('he')", .bool(true)),
        Row("'hello'.endsWith('lo')", .bool(true)),
        Row("'hello'.endsWith('he')", .bool(false)),
        Row("'e\\u0301'.startsWith('é')", .bool(false)),
        Row("'abc123'.matches('[a-z]+[0-9]+')", .bool(true)),
        Row("matches('abc', '^b')", .bool(false)),
        Row("'abc'.matches('b')", .bool(true)),
        Row("'abc'.matches('')", .bool(true)),
        Row("'abc'.matches('(')", err("invalid_argument")),
        Row("'x'.matches('(?P<name>x)')", .bool(true)),
    ]

    @Test(arguments: rows) func strings(_ row: Row) { check(row) }

    @Test func dynamicPattern() {
        #expect(evalCEL("s.matches(p)", [("s", .string, .string("abc")), ("p", .string, .string("^a"))]) == .bool(true))
        #expect(errorCode(evalCEL("s.matches(p)", [("s", .string, .string("abc")), ("p", .string, .string("["))])) == "invalid_argument")
    }
}
