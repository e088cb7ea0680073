import Testing
@testable import CEL

@Suite("Parser: precedence and structure")
struct ParserPrecedenceTests {
    static let cases: [(String, String)] = [
        ("a + b * c", "_+_(a, _*_(b, c))"),
        ("a * b + c", "_+_(_*_(a, b), c)"),
        ("a - b - c", "_-_(_-_(a, b), c)"),
        ("a / b % c", "_%_(_/_(a, b), c)"),
        ("a || b && c", "_||_(a, _&&_(b, c))"),
        ("a && b || c", "_||_(_&&_(a, b), c)"),
        ("a && b && c && d", "_&&_(_&&_(a, b), _&&_(c, d))"),
        ("a || b || c", "_||_(_||_(a, b), c)"),
        ("a ? b : c ? d : e", "_?_:_(a, b, _?_:_(c, d, e))"),
        ("a || b ? c : d", "_?_:_(_||_(a, b), c, d)"),
        ("a < b == c", "_==_(_<_(a, b), c)"),
        ("a <= b != c >= d", "_>=_(_!=_(_<=_(a, b), c), d)"),
        ("a > b", "_>_(a, b)"),
        ("a in b && c", "_&&_(@in(a, b), c)"),
        ("a + 1 in b", "@in(_+_(a, 1), b)"),
        ("!a && b", "_&&_(!_(a), b)"),
        ("!!a", "!_(!_(a))"),
        ("-a.b", "-_(a.b)"),
        ("-a * b", "_*_(-_(a), b)"),
        ("-1", "-1"),
        ("- 1", "-1"),
        ("--1", "-_(-1)"),
        ("-(1)", "-_(1)"),
        ("-1.5", "-1.5"),
        ("1 - -2", "_-_(1, -2)"),
        ("a-1", "_-_(a, 1)"),
        ("a.b.c(d)[e]", "_[_](a.b.c(d), e)"),
        ("a[0][1]", "_[_](_[_](a, 0), 1)"),
        ("f(x, y)", "f(x, y)"),
        ("f()", "f()"),
        (".f(x)", ".f(x)"),
        (".x.y", ".x.y"),
        ("x.y.z", "x.y.z"),
        ("(a + b) * c", "_*_(_+_(a, b), c)"),
        ("[1, 2,]", "[1, 2]"),
        ("[]", "[]"),
        ("{1: 2, 'a': b,}", "{1: 2, \"a\": b}"),
        ("{}", "{}"),
        ("a.`b-c`", "a.`b-c`"),
        ("{'k': 1}.`foo.txt`", "{\"k\": 1}.`foo.txt`"),
        ("a.if()", "a.if()"),
        ("a.var", "a.var"),
        ("a.break", "a.break"),
        ("x // comment\n + 1", "_+_(x, 1)"),
        ("size([1]) > 0 ? 'y' : 'n'", "_?_:_(_>_(size([1]), 0), \"y\", \"n\")"),
    ]

    @Test("precedence and associativity", arguments: cases)
    func precedence(source: String, expected: String) throws {
        let ast = try parseOK(source)
        #expect(ExprPrinter.render(ast.expr) == expected)
    }

    @Test("ids are unique, start at 1 and every node has a position")
    func idsAndPositions() throws {
        let ast = try parseOK("a.b + f(1, [2, {3: 4}]) * -x[0] ? y.all(e, e > 0) : has(m.k)")
        let ids = ExprPrinter.ids(ast.expr)
        #expect(Set(ids).count == ids.count)
        #expect(ids.min() == 1)
        #expect(ids.max() == ast.maxID)
        for id in ids { #expect(ast.sourceInfo.positions[id] != nil, "id \(id) has no position") }
    }

    @Test("operator and name positions")
    func positions() throws {
        let ast = try parseOK("ab +\n  cd.ef")
        guard case .call(_, "_+_", let args) = ast.expr.kind else { Issue.record("not a call"); return }
        #expect(ast.sourceInfo.location(of: ast.expr.id)! == (1, 4))
        #expect(ast.sourceInfo.location(of: args[0].id)! == (1, 1))
        // select nodes are positioned at the field name
        #expect(ast.sourceInfo.location(of: args[1].id)! == (2, 6))
    }

    @Test("reserved words cannot be identifiers", arguments: Array(Lexer.reservedWords).sorted())
    func reserved(word: String) throws {
        let diags = try parseErrors("\(word) + 1")
        #expect(diags.count == 1)
        #expect(diags.first?.code == "reserved_identifier")
        #expect(diags.first?.message == "reserved identifier: \(word)")
        #expect(diags.first?.column == 1)
        // …but they are fine as field names and receiver function names
        _ = try parseOK("a.\(word)")
        _ = try parseOK("a.\(word)()")
    }

    @Test("reserved words as global function names")
    func reservedCall() throws {
        let diags = try parseErrors("if(x)")
        #expect(diags.map(\.code) == ["reserved_identifier"])
    }

    @Test("'in' and literals are not identifiers")
    func keywordErrors() throws {
        #expect(try parseErrors("in").first?.code == "syntax_error")
        #expect(try parseErrors("a.true").first?.code == "syntax_error")
    }

    @Test("message construction is rejected with a clear error")
    func messageConstruction() throws {
        let diags = try parseErrors("Foo{a: 1} == x")
        #expect(diags.map(\.code) == ["unsupported_syntax"])
        #expect(diags[0].column == 4)
        #expect(try parseErrors("a.b.Msg{}").map(\.code) == ["unsupported_syntax"])
    }
}

@Suite("Parser: errors")
struct ParserErrorTests {
    static let cases: [(source: String, code: String, line: Int, column: Int, message: String)] = [
        ("a +", "syntax_error", 1, 4, "unexpected end of input, expected an expression"),
        ("(a + b", "syntax_error", 1, 7, "expected ')' to close the '(' at 1:1, found end of input"),
        ("f(a, b", "syntax_error", 1, 7, "expected ')' to close the '(' at 1:2, found end of input"),
        ("a b", "syntax_error", 1, 3, "unexpected 'b' after the end of the expression"),
        ("a ? b", "syntax_error", 1, 6, "expected ':' in conditional expression, found end of input"),
        ("a = b", "syntax_error", 1, 3, "unexpected '=' (use '==' for equality)"),
        ("a & b", "syntax_error", 1, 3, "unexpected '&' (use '&&')"),
        ("a | b", "syntax_error", 1, 3, "unexpected '|' (use '||')"),
        ("1 +\n  #", "syntax_error", 2, 3, "unexpected character '#'"),
        ("[1, 2", "syntax_error", 1, 6, "expected ']' to close the '[' at 1:1, found end of input"),
        ("{1: 2", "syntax_error", 1, 6, "expected '}' to close the '{' at 1:1, found end of input"),
        ("{1 2}", "syntax_error", 1, 4, "expected ':' between map key and value, found '2'"),
        ("a.", "syntax_error", 1, 3, "expected a field name after '.', found end of input"),
        ("a.?b", "unsupported_syntax", 1, 3, "optional field selection '.?' is not supported"),
        ("[,]", "syntax_error", 1, 2, "unexpected ',', expected an expression"),
        ("`a`", "syntax_error", 1, 1, "quoted names are only allowed as field selectors (a.`name`)"),
        ("'abc", "syntax_error", 1, 1, "unterminated string literal"),
        ("'ab\nc'", "syntax_error", 1, 1, "unterminated string literal (newline in a single-quoted literal; use triple quotes)"),
        ("'''abc''", "syntax_error", 1, 1, "unterminated string literal"),
        ("9223372036854775808", "invalid_literal", 1, 1, "invalid int literal '9223372036854775808': out of range"),
        ("-9223372036854775809", "invalid_literal", 1, 1, "invalid int literal '-9223372036854775809': out of range"),
        ("0x8000000000000000", "invalid_literal", 1, 1, "invalid int literal '0x8000000000000000': out of range"),
        ("18446744073709551616u", "invalid_literal", 1, 1, "invalid uint literal '18446744073709551616u': out of range"),
        ("1e400", "invalid_literal", 1, 1, "invalid double literal '1e400': out of range"),
        ("x + 'é\\q'", "invalid_literal", 1, 7, "invalid escape sequence '\\q'"),
    ]

    @Test("error code, position and message", arguments: cases)
    func error(source: String, code: String, line: Int, column: Int, message: String) throws {
        let diags = try parseErrors(source)
        #expect(diags.count >= 1)
        #expect(diags.first?.code == code)
        #expect(diags.first?.line == line)
        #expect(diags.first?.column == column)
        #expect(diags.first?.message == message)
    }

    @Test("several errors are collected, in source order")
    func multipleErrors() throws {
        let diags = try parseErrors("f(a +, 'x\\z', b c)")
        #expect(diags.count == 3)
        #expect(diags.map(\.column) == [6, 10, 17])
        #expect(diags.map(\.code) == ["syntax_error", "invalid_literal", "syntax_error"])
    }

    @Test("error collection is capped")
    func cap() throws {
        let source = Array(repeating: "#", count: 150).joined(separator: " ")
        let diags = try parseErrors(source)
        #expect(diags.count == 101)
        #expect(diags.last?.code == "too_many_errors")
    }

    @Test("caret rendering")
    func rendering() throws {
        let env = try Environment()
        do {
            _ = try env.parse("a.b ++ c")
            Issue.record("expected a parse error")
        } catch {
            #expect(error.render(sourceName: "rule.cel") == """
                rule.cel:1:6: unexpected '+', expected an expression
                a.b ++ c
                     ^
                """)
        }
        do {
            _ = try env.parse("a &&\n\t  (b ||)")
            Issue.record("expected a parse error")
        } catch {
            #expect(error.render(sourceName: "x") == "x:2:9: unexpected ')', expected an expression\n\t  (b ||)\n\t       ^")
        }
    }
}

@Suite("Parser: nesting limit")
struct ParserNestingTests {
    static func parens(_ n: Int) -> String {
        String(repeating: "(", count: n) + "1" + String(repeating: ")", count: n)
    }

    @Test("deep but allowed nesting parses")
    func allowed() throws {
        let ast = try parseOK(Self.parens(240))
        #expect(ExprPrinter.render(ast.expr) == "1")
        _ = try parseOK(String(repeating: "[", count: 200) + String(repeating: "]", count: 200))
        _ = try parseOK(String(repeating: "-", count: 200) + "x")
    }

    @Test("too deep nesting is an error, not a crash", arguments: [
        parens(251), parens(5000), String(repeating: "[", count: 3000), String(repeating: "f(", count: 3000),
        String(repeating: "!", count: 3000) + "x",
        String(repeating: "a ? b : ", count: 400) + "c",
    ])
    func tooDeep(source: String) throws {
        let diags = try parseErrors(source)
        #expect(diags.first?.code == "nesting_limit")
        #expect(diags.count == 1)
    }

    @Test("the tree depth is limited too")
    func treeDepth() throws {
        let long = (0..<300).map(String.init).joined(separator: " + ")
        let diags = try parseErrors(long)
        #expect(diags.map(\.code) == ["nesting_limit"])
        // long && / || chains are balanced, so they stay shallow
        _ = try parseOK(Array(repeating: "true", count: 1000).joined(separator: " && "))
    }

    @Test("maxNestingDepth is configurable")
    func configurable() throws {
        #expect(try parseErrors(Self.parens(11), maxDepth: 10).first?.code == "nesting_limit")
        _ = try parseOK(Self.parens(8), maxDepth: 10)
    }
}

@Suite("Parser: robustness")
struct ParserRobustnessTests {
    static let samples = [
        "a.b.c(d, [1, 2u, 3.0], {'k': b'v'})[e] ? !f : -g.h",
        "[1, 2].all(x, x > 0) && has(m.`a-b`) || .y.z in {1: 2,}",
        "r'''x''' + \"\\u00e9\\x41\" + b\"\\377\" + '''a\nb'''",
        "Foo{a: 1, b: [2]}.c(,) ]) }{ ?: :: .. ..5 0x 1e 1u2 `x`",
        "m.transformMap(k, v, k != '', v * 2).size() >= 1 // end",
    ]

    @Test("every prefix and suffix of sample expressions compiles or yields diagnostics, never hangs or crashes")
    func prefixes() throws {
        let env = try Environment(declarations: [])
        for sample in Self.samples {
            let scalars = Array(sample.unicodeScalars)
            for cut in 0...scalars.count {
                for piece in [String(String.UnicodeScalarView(scalars[..<cut])),
                              String(String.UnicodeScalarView(scalars[cut...]))] {
                    do {
                        let ast = try env.compile(piece)
                        let ids = ExprPrinter.ids(ast.expr)
                        #expect(Set(ids).count == ids.count)
                    } catch {
                        #expect(!error.diagnostics.isEmpty)
                        for d in error.diagnostics {
                            #expect(d.line >= 1 && d.column >= 1)
                            #expect(d.offset >= 0 && d.offset <= piece.utf8.count)
                        }
                    }
                }
            }
        }
    }
}
