import Testing
@testable import CEL

@Suite struct ConversionTests {
    static let rows: [Row] = [
        Row("int('42')", .int(42)),
        Row("int('x')", err("invalid_argument")),
        Row("int(2.9)", .int(2)),
        Row("int(-2.9)", .int(-2)),
        Row("int(1e99)", err("range")),
        Row("int(18446744073709551615u)", err("range")),
        Row("uint(-1)", err("range")),
        Row("uint('7')", .uint(7)),
        Row("double('1.5')", .double(1.5)),
        Row("double(3u)", .double(3)),
        Row("string(1.5)", .string("1.5")),
        Row("string(-4.5e-3)", .string("-0.0045")),
        Row("string(42u)", .string("42")),
        Row("string(b'abc')", .string("abc")),
        Row("string(b'\\xff')", err("invalid_argument")),
        Row("bytes('abc')", .bytes([97, 98, 99])),
        Row("bool('true')", .bool(true)),
        Row("bool('TRUE')", .bool(true)),
        Row("bool('True')", .bool(true)),
        Row("bool('t')", .bool(true)),
        Row("bool('1')", .bool(true)),
        Row("bool('F')", .bool(false)),
        Row("bool('TrUe')", err("invalid_argument")),
        Row("type('a')", .type(.string)),
        Row("type([1])", .type(.list(.dyn))),
        Row("dyn(3)", .int(3)),
        Row("int(timestamp('2004-09-16T23:59:59Z'))", .int(1_095_379_199)),
    ]

    @Test(arguments: rows) func conversion(_ row: Row) { check(row) }

    @Test func doubleFormatting() {
        #expect(StandardLibrary.formatDouble(1) == "1")
        #expect(StandardLibrary.formatDouble(123.456) == "123.456")
        #expect(StandardLibrary.formatDouble(1e21) == "1e+21")
        #expect(StandardLibrary.formatDouble(1e-7) == "1e-07")
        #expect(StandardLibrary.formatDouble(0.0001) == "0.0001")
        #expect(StandardLibrary.formatDouble(123456) == "123456")
        #expect(StandardLibrary.formatDouble(1e6) == "1e+06")
        #expect(StandardLibrary.formatDouble(1234567.5) == "1.2345675e+06")
        #expect(StandardLibrary.formatDouble(-0.5) == "-0.5")
    }
}
