import Testing
@testable import CEL

/// A host record type used by the checker tests.
let personType = ObjectType(name: "test.Person", fields: [("name", .string), ("age", .int), ("tags", .list(.string))])

/// An environment with a few typed variables.
func checkerEnv(container: String = "", extra: [Declaration] = [], functions: [FunctionDecl] = [],
                kleene: Bool = false) throws -> Environment {
    try Environment(declarations: [
        .variable("a", .int), .variable("s", .string), .variable("d", .double), .variable("u", .uint),
        .variable("m", .map(.string, .int)), .variable("l", .list(.int)), .variable("p", .object(personType)),
        .variable("x", .dyn),
    ] + extra, functions: functions, container: container, options: .init(enableKleeneExtensions: kleene))
}

/// Compiles expecting errors; returns the diagnostics.
func checkErrors(_ source: String, env: Environment) -> [CELDiagnostic] {
    do {
        _ = try env.compile(source)
        return []
    } catch {
        return error.diagnostics
    }
}

@Suite("Checker: types")
struct CheckerTypeTests {
    static let cases: [(String, CELType)] = [
        ("1", .int), ("1u", .uint), ("1.0", .double), ("'s'", .string), ("b'b'", .bytes), ("true", .bool),
        ("null", .null), ("a + 1", .int), ("s + 'x'", .string), ("a < 3", .bool), ("!true", .bool),
        ("-d", .double), ("[1, 2]", .list(.int)), ("[1, 'a']", .list(.dyn)), ("[]", .list(.dyn)),
        ("[null, 1]", .list(.int)), ("{'a': 1}", .map(.string, .int)), ("{}", .map(.dyn, .dyn)),
        ("{'a': 1, 2: 'b'}", .map(.dyn, .dyn)), ("m['k']", .int), ("m.k", .int), ("l[0]", .int),
        ("p.name", .string), ("p.tags[0]", .string), ("has(p.name)", .bool), ("has(m.k)", .bool),
        ("x.y.z", .dyn), ("x + 1", .int), ("a == 1", .bool), ("x == 'a'", .bool), ("p == null", .bool),
        ("s == 'x' ? 1 : 2", .int), ("true ? 1 : 2", .int), ("true ? [1] : []", .list(.dyn)),
        ("true ? 1 : x", .dyn), ("size(l)", .int), ("l.size()", .int), ("a in l", .bool),
        ("'k' in m", .bool), ("l + [3]", .list(.int)), ("type(a)", .type(.int)), ("int", .type(.int)),
        ("type(a) == int", .bool), ("list", .type(.list(.dyn))), ("dyn(a)", .dyn),
        ("l.all(e, e > 0)", .bool), ("l.exists(e, e > 0)", .bool), ("l.exists_one(e, e > 0)", .bool),
        ("l.map(e, e * 2)", .list(.int)), ("l.map(e, e > 0, string(e))", .list(.string)),
        ("l.filter(e, e > 0)", .list(.int)), ("m.map(k, k)", .list(.string)), ("m.all(k, v, v > 0)", .bool),
        ("l.transformList(i, v, i + v)", .list(.int)), ("m.transformMap(k, v, v * 2)", .map(.string, .int)),
        ("l.map(e, [e]).map(e2, e2[0])", .list(.int)), ("[[1]].map(e, e)", .list(.list(.int))),
        ("x.map(e, e)", .list(.dyn)),
    ]

    @Test("inferred output types", arguments: cases)
    func outputType(source: String, expected: CELType) throws {
        let ast = try checkerEnv().compile(source)
        #expect(ast.isChecked)
        #expect(ast.outputType == expected)
    }

    @Test("every node has a type")
    func allTyped() throws {
        let ast = try checkerEnv().compile("l.filter(e, e > a).size() + m['k'] > 2 ? p.name : s")
        for id in ExprPrinter.ids(ast.expr) where !isMapEntry(id, ast.expr) {
            #expect(ast.types[id] != nil, "node \(id) has no type")
        }
    }

    private func isMapEntry(_ id: Int, _ root: Expr) -> Bool {
        var stack = [root]
        while let e = stack.popLast() {
            if case .map(let entries) = e.kind, entries.contains(where: { $0.id == id }) { return true }
            stack.append(contentsOf: e.children)
        }
        return false
    }

    @Test("heterogeneous numeric comparisons are allowed")
    func crossNumeric() throws {
        let env = try checkerEnv()
        for source in ["1 < 2.0", "a <= u", "d > a", "2u >= 1.5"] {
            #expect(try env.compile(source).outputType == .bool, "\(source)")
        }
    }

    @Test("Kleene helper functions type-check")
    func kleene() throws {
        let env = try checkerEnv(kleene: true)
        #expect(try env.compile("atLeast(2, a > 1, s == 'x', p.age > 3)").outputType == .bool)
        #expect(try env.compile("l.atLeast(1, e, e > 2)").outputType == .bool)
        #expect(checkErrors("atLeast('2', true)", env: env).first?.code == "no_matching_overload")
    }

    @Test("unchecked compile keeps the tree and has no types")
    func unchecked() throws {
        let env = try Environment(declarations: [.variable("a.b", .int)], options: .init(disableCheck: true))
        let ast = try env.compile("a.b.c + undefined(1) + zz")
        #expect(!ast.isChecked)
        #expect(ast.types.isEmpty)
        #expect(ast.references.isEmpty)
        #expect(ast.outputType == .dyn)
        #expect(ast.referencedNames.contains("a.b"))
        #expect(ast.referencedNames.contains("undefined"))
        #expect(ExprPrinter.render(ast.expr) == "_+_(_+_(a.b.c, undefined(1)), zz)")
    }
}

@Suite("Checker: errors")
struct CheckerErrorTests {
    static let cases: [(source: String, code: String, line: Int, column: Int, message: String)] = [
        ("zz + 1", "undeclared_reference", 1, 1, "undeclared reference to 'zz' (in container '')"),
        ("a +\n  nope", "undeclared_reference", 2, 3, "undeclared reference to 'nope' (in container '')"),
        ("nofn(1)", "undeclared_reference", 1, 1, "undeclared reference to 'nofn' (in container '')"),
        ("p.nme", "undefined_field", 1, 3, "undefined field 'nme' on type 'test.Person'"),
        ("has(p.nme)", "undefined_field", 1, 1, "undefined field 'nme' on type 'test.Person'"),
        ("a + 1.0", "no_matching_overload", 1, 3, "found no matching overload for '_+_' applied to '(int, double)'"),
        ("a + s", "no_matching_overload", 1, 3, "found no matching overload for '_+_' applied to '(int, string)'"),
        ("1 == 'a'", "no_matching_overload", 1, 3, "found no matching overload for '_==_' applied to '(int, string)'"),
        ("-u", "no_matching_overload", 1, 1, "found no matching overload for '-_' applied to '(uint)'"),
        ("!0", "no_matching_overload", 1, 1, "found no matching overload for '!_' applied to '(int)'"),
        ("s.size(1)", "no_matching_overload", 1, 3, "found no matching overload for 'size' applied to 'string.(int)'"),
        ("'cows' ? 1 : 2", "no_matching_overload", 1, 8, "found no matching overload for '_?_:_' applied to '(string, int, int)'"),
        ("a.b", "unsupported_field_selection", 1, 3, "type 'int' does not support field selection (field 'b')"),
        ("l.f", "unsupported_field_selection", 1, 3, "type 'list(int)' does not support field selection (field 'f')"),
        ("a.all(e, e)", "invalid_comprehension_range", 1, 1,
         "expression of type 'int' cannot be the range of a comprehension (must be list, map, or dynamic)"),
        ("{[1]: 2}", "type_mismatch", 1, 2, "unsupported map key type 'list(int)' (keys must be int, uint, string or bool)"),
        ("l.all(e, e + 1)", "no_matching_overload", 1, 3,
         "found no matching overload for '_&&_' applied to '(bool, int)'"),
    ]

    @Test("diagnostic code, position and message", arguments: cases)
    func error(source: String, code: String, line: Int, column: Int, message: String) throws {
        let diags = checkErrors(source, env: try checkerEnv())
        #expect(diags.count == 1)
        #expect(diags.first?.code == code)
        #expect(diags.first?.line == line)
        #expect(diags.first?.column == column)
        #expect(diags.first?.message == message)
    }

    @Test("errors do not cascade, several independent errors are all reported")
    func several() throws {
        let diags = checkErrors("(zz + 1) * 2 == 3 && p.nme == 'x' || q", env: try checkerEnv())
        #expect(diags.map(\.code) == ["undeclared_reference", "undefined_field", "undeclared_reference"])
        #expect(diags.map(\.column) == [2, 24, 38])
    }

    @Test("rendering checker errors")
    func render() throws {
        let env = try checkerEnv()
        do {
            _ = try env.compile("p.age > 3 &&\n  p.nme == 'x'")
            Issue.record("expected an error")
        } catch {
            #expect(error.render(sourceName: "rules/r1.cel") == """
                rules/r1.cel:2:5: undefined field 'nme' on type 'test.Person'
                  p.nme == 'x'
                    ^
                """)
            #expect(error.description == "2:5: undefined field 'nme' on type 'test.Person'")
        }
    }

    @Test("environment errors")
    func environmentErrors() {
        #expect(throws: CELEnvironmentError.self) {
            try Environment(declarations: [.variable("a", .int), .constant("a", .int(1))])
        }
        #expect(throws: CELEnvironmentError.self) {
            try Environment(declarations: [.variable(".a", .int)])
        }
        let f = FunctionDecl("f", overloads: [Overload(id: "size_string", params: [.int], result: .int) { $0[0] }])
        let g = FunctionDecl("size", overloads: [Overload(id: "size_string", params: [.int], result: .int) { $0[0] }])
        #expect((try? Environment(functions: [f])) != nil)
        #expect(throws: CELEnvironmentError.self) { try Environment(functions: [g]) }
    }

    @Test("too deep trees built by hand are rejected by the checker, not crashing")
    func deepHandBuiltTree() throws {
        var expr = Expr(id: 1, .literal(.int(1)))
        for i in 2...2000 { expr = Expr(id: i, .call(target: nil, function: "-_", args: [expr])) }
        let env = try checkerEnv()
        let parsed = ParsedAST(expr: expr, sourceInfo: SourceInfo(text: "1"), maxID: 2000)
        #expect(throws: CELCompileErrors.self) { try env.check(parsed) }
        do { _ = try env.check(parsed) } catch { #expect(error.diagnostics.first?.code == "nesting_limit") }
    }
}

@Suite("Checker: references and resolution")
struct CheckerReferenceTests {
    @Test("variables, fields, functions, locals and type names are resolved")
    func references() throws {
        let env = try checkerEnv()
        let ast = try env.compile("p.age > a && l.exists(e, e == p.age) && type(s) == string")
        var found: [Reference] = []
        var stack = [ast.expr]
        while let e = stack.popLast() {
            if let r = ast.references[e.id] { found.append(r) }
            stack.append(contentsOf: e.children)
        }
        #expect(found.contains(.variable(name: "a", slot: 0)))
        #expect(found.contains(.variable(name: "p", slot: 6)))
        #expect(found.contains(.field(index: 1, objectType: personType)))
        #expect(found.contains(.local(name: "e")))
        #expect(found.contains(.local(name: "@result")))
        #expect(found.contains(.typeName(.string)))
        #expect(found.contains { if case .function("_>_", let ids) = $0 { return ids == ["greater_int64"] }; return false })
        #expect(ast.referencedNames.isSuperset(of: ["a", "p", "l", "s", "_>_", "type"]))
        #expect(!ast.referencedNames.contains("e"))
    }

    @Test("constants")
    func constants() throws {
        let env = try checkerEnv(extra: [.constant("limit", .int(5)), .constant("names", .list([.string("x")]))])
        let ast = try env.compile("a < limit && 'x' in names")
        #expect(ast.referencedNames.isSuperset(of: ["limit", "names"]))
        #expect(ast.references.values.contains(.constant(name: "limit")))
        #expect(checkErrors("limit + 'x'", env: env).first?.code == "no_matching_overload")
    }

    @Test("custom functions, global and receiver style")
    func customFunctions() throws {
        let addMonths = FunctionDecl("addMonths", overloads: [
            Overload(id: "add_months_timestamp_int", params: [.timestamp, .int], result: .timestamp) { $0[0] },
        ])
        let twice = FunctionDecl("twice", overloads: [
            Overload(id: "twice_int", receiver: true, params: [.int], result: .int) { $0[0] },
        ])
        let first = FunctionDecl("firstOf", overloads: [
            Overload(id: "first_of_list", params: [.list(.typeParam("T"))], result: .typeParam("T")) { $0[0] },
        ])
        let env = try checkerEnv(extra: [.variable("t", .timestamp)], functions: [addMonths, twice, first])
        #expect(try env.compile("addMonths(t, 3)").outputType == .timestamp)
        #expect(try env.compile("a.twice()").outputType == .int)
        #expect(try env.compile("firstOf(l)").outputType == .int)
        #expect(try env.compile("firstOf(['a'])").outputType == .string)
        #expect(checkErrors("twice(a)", env: env).first?.code == "no_matching_overload")
        #expect(checkErrors("addMonths(t, 'x')", env: env).first?.message ==
                "found no matching overload for 'addMonths' applied to '(google.protobuf.Timestamp, string)'")
    }
}
