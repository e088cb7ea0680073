import Testing
@testable import CEL

/// The literal of a source that must parse to a single literal node.
private func literal(_ source: String) throws -> Literal? {
    let ast = try parseOK(source)
    guard case .literal(let l) = ast.expr.kind else { return nil }
    return l
}

@Suite("Lexer and literals")
struct LiteralTests {
    static let numberCases: [(String, Literal)] = [
        ("0", .int(0)), ("42", .int(42)), ("-7", .int(-7)),
        ("9223372036854775807", .int(Int64.max)), ("-9223372036854775808", .int(Int64.min)),
        ("0x1F", .int(31)), ("0X1f", .int(31)), ("-0x10", .int(-16)),
        ("-0x8000000000000000", .int(Int64.min)),
        ("0u", .uint(0)), ("7U", .uint(7)), ("0x1fu", .uint(31)), ("0xFFU", .uint(255)),
        ("18446744073709551615u", .uint(UInt64.max)),
        ("1.5", .double(1.5)), (".5", .double(0.5)), ("-.5", .double(-0.5)), ("1e3", .double(1000)),
        ("1E3", .double(1000)), ("1.5e-3", .double(0.0015)), ("2.5E+2", .double(250)), ("0e+0", .double(0)),
        ("-2.3e+1", .double(-23)), ("0.0", .double(0)), ("1.0000001", .double(1.0000001)),
    ]

    @Test("numeric literals", arguments: numberCases)
    func numbers(source: String, expected: Literal) throws {
        #expect(try literal(source) == expected)
    }

    @Test("keywords")
    func keywords() throws {
        #expect(try literal("true") == .bool(true))
        #expect(try literal("false") == .bool(false))
        #expect(try literal("null") == .null)
        // identifiers that merely start with a keyword
        #expect(ExprPrinter.render(try parseOK("trueish").expr) == "trueish")
        #expect(ExprPrinter.render(try parseOK("index").expr) == "index")
    }

    static let stringCases: [(String, String)] = [
        ("'hello'", "hello"), ("\"hello\"", "hello"), ("''", ""), ("\"\"", ""),
        ("'''a'b''c'''", "a'b''c"), ("\"\"\"a\"b\nc\"\"\"", "a\"b\nc"),
        (#"' \a \b \f \n \r \t \v '"#, " \u{07} \u{08} \u{0C} \n \r \t \u{0B} "),
        (#"' \\ \? \" \' \` '"#, " \\ ? \" ' ` "),
        (#"''' \\ \? \" \' \` '''"#, " \\ ? \" ' ` "),
        (#"' \000 \012 \177 \377 '"#, " \u{00} \n \u{7F} \u{FF} "),
        (#"' \x00 \x0A \x7f \X4c \xff '"#, " \u{00} \n \u{7F} L \u{FF} "),
        (#"' \u0000 \u000A \u007F \u0100 \uFFFB \u01aB '"#, " \u{00} \n \u{7F} \u{100} \u{FFFB} \u{1AB} "),
        (#"' \U00000000 \U0001F62C \U00088888 \U0010FFFF '"#, " \u{00} 😬 \u{88888} \u{10FFFF} "),
        (#""\u270c""#, "✌"),
        ("'é😬'", "é😬"),
        (#"r' \\ \? \" \a \n \000 \x00 \u0000 '"#, #" \\ \? \" \a \n \000 \x00 \u0000 "#),
        (#"R" \' ""#, #" \' "#),
        (#"r'''a\'b'''"#, #"a\'b"#),
        (#"R"""x\ny""""#, #"x\ny"#),
        ("r''", ""), ("r\"\"\"\"\"\"", ""), ("r''''''", ""),
    ]

    @Test("string literals and escapes", arguments: stringCases)
    func strings(source: String, expected: String) throws {
        #expect(try literal(source) == .string(expected))
    }

    static let bytesCases: [(String, [UInt8])] = [
        ("b'hello'", Array("hello".utf8)), ("B\"\"", []), ("b'''a'b'''", Array("a'b".utf8)),
        ("b'ÿ'", [0xC3, 0xBF]),
        (#"b'\000\xff'"#, [0x00, 0xFF]),
        (#"b' \377 \X7F \x4a '"#, [0x20, 0xFF, 0x20, 0x7F, 0x20, 0x4A, 0x20]),
        (#"b'\a\b\f\n\r\t\v\\\?\"\'\`'"#, [7, 8, 12, 10, 13, 9, 11, 92, 63, 34, 39, 96]),
        (#"br'\n\x00'"#, Array(#"\n\x00"#.utf8)), (#"bR"\u0000""#, Array(#"\u0000"#.utf8)),
        (#"Rb'\t'"#, Array(#"\t"#.utf8)), (#"rB'''\'x'''"#, Array(#"\'x"#.utf8)),
    ]

    @Test("bytes literals and escapes", arguments: bytesCases)
    func bytes(source: String, expected: [UInt8]) throws {
        #expect(try literal(source) == .bytes(expected))
    }

    static let badEscapes: [(String, String)] = [
        (#"'\q'"#, "invalid escape sequence '\\q'"),
        (#"'\x4'"#, "invalid escape sequence: \\x needs 2 hex digits"),
        (#"'\u12'"#, "invalid escape sequence: \\u needs 4 hex digits"),
        (#"'\U0000FFF'"#, "invalid escape sequence: \\U needs 8 hex digits"),
        (#"'\uD800'"#, "invalid escape sequence: \\u code point D800 is not a Unicode scalar value"),
        (#"'\uDFFF'"#, "invalid escape sequence: \\u code point DFFF is not a Unicode scalar value"),
        (#"'\U00110000'"#, "invalid escape sequence: \\U code point 110000 is not a Unicode scalar value"),
        (#"'\400'"#, "invalid escape sequence '\\4'"),
        (#"'\08'"#, "invalid octal escape: expected \\ followed by three octal digits (\\000 to \\377)"),
        (#"b'\u0041'"#, "\\u escapes are not allowed in bytes literals"),
        (#"b'\U00000041'"#, "\\U escapes are not allowed in bytes literals"),
    ]

    @Test("invalid escapes are errors at the backslash", arguments: badEscapes)
    func badEscape(source: String, message: String) throws {
        let diags = try parseErrors("x + " + source)
        #expect(diags.count == 1)
        #expect(diags.first?.code == "invalid_literal")
        #expect(diags.first?.message == message)
        #expect(diags.first?.column == (source.hasPrefix("b") ? 7 : 6))
    }

    @Test("comments and whitespace")
    func trivia() throws {
        let ast = try parseOK("// leading\n\t1 +\u{0C} 2 // trailing\r\n")
        #expect(ExprPrinter.render(ast.expr) == "_+_(1, 2)")
    }

    @Test("token stream")
    func tokens() {
        let kinds = Lexer("a.b(1u, 2.0) <= -x in [y] && !z || 'q' != r\"s\"").tokens.map(\.kind)
        #expect(kinds == [
            .identifier("a"), .dot, .identifier("b"), .leftParen, .uintLiteral("1"), .comma, .doubleLiteral("2.0"),
            .rightParen, .lessEqual, .minus, .identifier("x"), .kwIn, .leftBracket, .identifier("y"), .rightBracket,
            .ampAmp, .bang, .identifier("z"), .pipePipe, .stringLiteral("q"), .bangEqual, .stringLiteral("s"), .eof,
        ])
        let offsets = Lexer("ab  >=c").tokens.map { [$0.offset, $0.end] }
        #expect(offsets == [[0, 2], [4, 6], [6, 7], [7, 7]])
    }
}
