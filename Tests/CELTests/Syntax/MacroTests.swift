import Testing
@testable import CEL

@Suite("Macro expansion")
struct MacroTests {
    static let cases: [(String, String)] = [
        ("has(a.b)", "has(a.b)"),
        ("has(a.b.c)", "has(a.b.c)"),
        ("has(m.`content-type`)", "has(m.`content-type`)"),
        ("l.all(x, x > 0)",
         "__comprehension__(x, l, @result, true, @not_strictly_false(@result), _&&_(@result, _>_(x, 0)), @result)"),
        ("l.exists(x, x > 0)",
         "__comprehension__(x, l, @result, false, @not_strictly_false(!_(@result)), _||_(@result, _>_(x, 0)), @result)"),
        ("l.exists_one(x, x > 0)",
         "__comprehension__(x, l, @result, 0, true, _?_:_(_>_(x, 0), _+_(@result, 1), @result), _==_(@result, 1))"),
        ("l.map(x, x * 2)",
         "__comprehension__(x, l, @result, [], true, _+_(@result, [_*_(x, 2)]), @result)"),
        ("l.map(x, x > 1, x * 2)",
         "__comprehension__(x, l, @result, [], true, _?_:_(_>_(x, 1), _+_(@result, [_*_(x, 2)]), @result), @result)"),
        ("l.filter(x, x > 1)",
         "__comprehension__(x, l, @result, [], true, _?_:_(_>_(x, 1), _+_(@result, [x]), @result), @result)"),
        ("m.all(k, v, v > 0)",
         "__comprehension__(k, v, m, @result, true, @not_strictly_false(@result), _&&_(@result, _>_(v, 0)), @result)"),
        ("m.exists(k, v, v > 0)",
         "__comprehension__(k, v, m, @result, false, @not_strictly_false(!_(@result)), _||_(@result, _>_(v, 0)), @result)"),
        ("m.existsOne(k, v, v > 0)",
         "__comprehension__(k, v, m, @result, 0, true, _?_:_(_>_(v, 0), _+_(@result, 1), @result), _==_(@result, 1))"),
        ("m.exists_one(k, v, v > 0)",
         "__comprehension__(k, v, m, @result, 0, true, _?_:_(_>_(v, 0), _+_(@result, 1), @result), _==_(@result, 1))"),
        ("l.transformList(i, v, v + i)",
         "__comprehension__(i, v, l, @result, [], true, _+_(@result, [_+_(v, i)]), @result)"),
        ("l.transformList(i, v, i > 0, v)",
         "__comprehension__(i, v, l, @result, [], true, _?_:_(_>_(i, 0), _+_(@result, [v]), @result), @result)"),
        ("m.transformMap(k, v, k + v)",
         "__comprehension__(k, v, m, @result, {}, true, cel.@mapInsert(@result, k, _+_(k, v)), @result)"),
        ("m.transformMap(k, v, v > 0, k + v)",
         "__comprehension__(k, v, m, @result, {}, true, _?_:_(_>_(v, 0), cel.@mapInsert(@result, k, _+_(k, v)), @result), @result)"),
        ("m.transformMapEntry(k, v, {v: k})",
         "__comprehension__(k, v, m, @result, {}, true, cel.@mapInsert(@result, {v: k}), @result)"),
        ("[1].all(x, [2].exists(y, x < y))",
         "__comprehension__(x, [1], @result, true, @not_strictly_false(@result), _&&_(@result, __comprehension__(y, [2], @result, false, @not_strictly_false(!_(@result)), _||_(@result, _<_(x, y)), @result)), @result)"),
        // not macros: wrong arity or call style
        ("l.all(x)", "l.all(x)"),
        ("all(l, x, p)", "all(l, x, p)"),
        ("l.map(x)", "l.map(x)"),
        ("has(a.b, c)", "has(a.b, c)"),
        ("a.has(b.c)", "a.has(b.c)"),
        ("atLeast(1, a, b)", "atLeast(1, a, b)"),
        ("l.atLeast(1, x, x)", "l.atLeast(1, x, x)"),
    ]

    @Test("expansions match cel-go's shapes", arguments: cases)
    func expansion(source: String, expected: String) throws {
        #expect(ExprPrinter.render(try parseOK(source).expr) == expected)
    }

    static let kleeneCases: [(String, String)] = [
        ("atLeast(2, a, b, c)",
         "@kleene_result(@kleene_add(@kleene_add(@kleene_add(@kleene_new(2), a), b), c))"),
        ("atLeast(1, a)", "@kleene_result(@kleene_add(@kleene_new(1), a))"),
        ("l.atLeast(2, x, x > 0)",
         "__comprehension__(x, l, @result, @kleene_new(2), true, @kleene_add(@result, _>_(x, 0)), @kleene_result(@result))"),
        ("atLeast(1)", "atLeast(1)"),
    ]

    @Test("Kleene extensions", arguments: kleeneCases)
    func kleeneExpansion(source: String, expected: String) throws {
        #expect(ExprPrinter.render(try parseOK(source, kleene: true).expr) == expected)
    }

    @Test("macro-generated nodes get unique ids and the macro's position")
    func ids() throws {
        let ast = try parseOK("x +\n  l.filter(e, e > 0).size()")
        let ids = ExprPrinter.ids(ast.expr)
        #expect(Set(ids).count == ids.count)
        for id in ids { #expect(ast.sourceInfo.positions[id] != nil) }
        guard case .call(_, _, let args) = ast.expr.kind, case .call(let target?, "size", _) = args[1].kind,
              case .comprehension(let c) = target.kind else {
            Issue.record("unexpected shape \(ExprPrinter.render(ast.expr))")
            return
        }
        #expect(ast.sourceInfo.location(of: target.id)! == (2, 5))
        #expect(ast.sourceInfo.location(of: c.accuInit.id)! == (2, 5))
        #expect(ast.sourceInfo.location(of: c.iterRange.id)! == (2, 3))
    }

    static let errorCases: [(String, String, Int)] = [
        ("has(a)", "invalid argument to has() macro: expected a field selection such as has(a.b)", 5),
        ("has(a[0])", "invalid argument to has() macro: expected a field selection such as has(a.b)", 6),
        ("l.all(1, true)", "argument must be a simple name", 7),
        ("l.map(x.y, 1)", "argument must be a simple name", 9),
        ("l.exists(.x, true)", "argument must be a simple name", 10),
        ("m.all(k, k, true)", "duplicate variable name: k", 10),
        ("m.transformMap(k, 2, v)", "argument must be a simple name", 19),
    ]

    @Test("invalid macro arguments", arguments: errorCases)
    func macroErrors(source: String, message: String, column: Int) throws {
        let diags = try parseErrors(source)
        #expect(diags.count == 1)
        #expect(diags.first?.code == "invalid_macro")
        #expect(diags.first?.message == message)
        #expect(diags.first?.column == column)
    }
}
