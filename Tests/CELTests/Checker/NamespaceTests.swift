import Testing
@testable import CEL

@Suite("Checker: container and qualified-name resolution")
struct NamespaceTests {
    private func env(_ decls: [Declaration], container: String = "", functions: [FunctionDecl] = []) throws -> Environment {
        try Environment(declarations: decls, functions: functions, container: container)
    }

    @Test("candidate names, innermost container first")
    func candidates() throws {
        let e = try env([], container: "com.example")
        #expect(e.candidateNames(for: "y") == ["com.example.y", "com.y", "y"])
        #expect(e.candidateNames(for: "a.b") == ["com.example.a.b", "com.a.b", "a.b"])
        #expect(e.candidateNames(for: ".y") == ["y"])
        #expect(try env([]).candidateNames(for: "y") == ["y"])
    }

    static let cases: [(decls: [Declaration], container: String, source: String, rendered: String, type: CELType)] = [
        ([.variable("x.y", .bool)], "", "x.y", "x.y", .bool),
        ([.variable("x.y", .bool), .variable("y", .string)], "x", "y", "x.y", .bool),
        ([.variable("com.example.y", .bool), .variable("y", .string)], "com.example", "y", "com.example.y", .bool),
        ([.variable("com.example.y", .string), .variable("y", .int)], "com.example", ".y", "y", .int),
        ([.variable("a.b.c", .string)], "", "a.b.c", "a.b.c", .string),
        ([.variable("a.b", .map(.string, .string))], "", "a.b.c", "a.b.c", .string),
        ([.variable("a.b.c", .string), .variable("a.b", .map(.string, .int))], "", "a.b.c", "a.b.c", .string),
        ([.variable("a.b", .map(.string, .int))], "", "a.b.c + 1", "_+_(a.b.c, 1)", .int),
        ([.variable("com.y", .int)], "com.example", "y", "com.y", .int),
        ([.variable("com.example.y", .int)], "com.example", "[0].exists(y, y == 0)",
         "__comprehension__(y, [0], @result, false, @not_strictly_false(!_(@result)), _||_(@result, _==_(y, 0)), @result)", .bool),
        ([.variable("y.z", .int)], "", "[{'z': 0}].exists(y, y.z == 0)",
         "__comprehension__(y, [{\"z\": 0}], @result, false, @not_strictly_false(!_(@result)), _||_(@result, _==_(y.z, 0)), @result)", .bool),
        ([.variable("com.example.y.z", .string), .variable("y.z", .string)], "com.example",
         "[{'z': 'compre'}].exists(y, .y.z == 'y.z')",
         "__comprehension__(y, [{\"z\": \"compre\"}], @result, false, @not_strictly_false(!_(@result)), _||_(@result, _==_(y.z, \"y.z\")), @result)", .bool),
        ([.variable("com.example.y", .int), .variable("y", .int)], "com.example", "[1].exists(y, [0].exists(y, y == 0))",
         "__comprehension__(y, [1], @result, false, @not_strictly_false(!_(@result)), _||_(@result, __comprehension__(y, [0], @result, false, @not_strictly_false(!_(@result)), _||_(@result, _==_(y, 0)), @result)), @result)", .bool),
        ([.variable("true", .bool), .variable("null", .bool)], "", "null", "null", .null),
    ]

    @Test("resolution and rewriting", arguments: cases)
    func resolution(decls: [Declaration], container: String, source: String, rendered: String, type: CELType) throws {
        let ast = try env(decls, container: container).compile(source)
        #expect(ExprPrinter.render(ast.expr) == rendered)
        #expect(ast.outputType == type)
    }

    @Test("a rewritten qualified name keeps the outer select's id and gets a variable reference")
    func rewrittenReference() throws {
        let e = try env([.variable("q", .int), .variable("a.b", .map(.string, .int))])
        let ast = try e.parse("a.b.c")
        let checked = try e.check(ast)
        guard case .select(let operand, "c", false) = checked.expr.kind, case .ident("a.b") = operand.kind else {
            Issue.record("unexpected \(ExprPrinter.render(checked.expr))")
            return
        }
        guard case .select(let original, _, _) = ast.expr.kind else { Issue.record("bad parse"); return }
        #expect(operand.id == original.id)
        #expect(checked.references[operand.id] == .variable(name: "a.b", slot: 1))
        #expect(checked.sourceInfo.positions[operand.id] != nil)
        #expect(checked.referencedNames == ["a.b"])
    }

    @Test("locals shadow container-qualified globals; leading dot bypasses locals")
    func shadowingReferences() throws {
        let e = try env([.variable("com.example.y", .int), .variable("y.z", .string)], container: "com.example")
        let ast = try e.compile("[{'z': 'v'}].exists(y, y.z == .y.z)")
        let refs = Set(ast.references.values)
        #expect(refs.contains(.local(name: "y")))
        #expect(refs.contains(.variable(name: "y.z", slot: 1)))
        #expect(!refs.contains(.variable(name: "com.example.y", slot: 0)))
    }

    @Test("namespaced functions")
    func namespacedFunctions() throws {
        let twice = FunctionDecl("math.twice", overloads: [
            Overload(id: "math_twice_int", params: [.int], result: .int) { $0[0] },
        ])
        let root = try env([.variable("math", .map(.string, .int))], functions: [twice])
        let ast = try root.compile("math.twice(2)")
        #expect(ExprPrinter.render(ast.expr) == "math.twice(2)")
        guard case .call(nil, "math.twice", _) = ast.expr.kind else {
            Issue.record("not rewritten to a global call")
            return
        }
        #expect(ast.references[ast.expr.id] == .function(name: "math.twice", overloadIDs: ["math_twice_int"]))
        let inContainer = try env([], container: "math", functions: [twice])
        #expect(try inContainer.compile("twice(3)").outputType == .int)
        #expect(try inContainer.compile(".math.twice(3)").outputType == .int)
    }

    @Test("undeclared names mention the container")
    func undeclared() throws {
        let e = try env([.variable("com.example.y", .int)], container: "com.example")
        do {
            _ = try e.compile("z")
            Issue.record("expected an error")
        } catch {
            #expect(error.diagnostics.first?.message == "undeclared reference to 'z' (in container 'com.example')")
        }
        do {
            _ = try e.compile(".y")
            Issue.record("expected an error")
        } catch {
            #expect(error.diagnostics.first?.code == "undeclared_reference")
        }
    }
}
