@testable import CEL

/// Renders an ``Expr`` as compact text for assertions: calls as `f(a, b)`, receiver calls as
/// `t.f(a)`, selects as `a.b`, presence tests as `has(a.b)`, comprehensions as
/// `__comprehension__(iterVar[, iterVar2], range, accuVar, init, condition, step, result)`.
enum ExprPrinter {
    static func render(_ e: Expr) -> String {
        switch e.kind {
        case .literal(let l): return render(l)
        case .ident(let name): return name
        case .select(let operand, let field, let testOnly):
            let isPlain = field.allSatisfy { $0.isLetter || $0.isNumber || $0 == "_" }
            let f = isPlain ? field : "`\(field)`"
            return testOnly ? "has(\(render(operand)).\(f))" : "\(render(operand)).\(f)"
        case .call(let target, let function, let args):
            let a = args.map(render).joined(separator: ", ")
            if let target { return "\(render(target)).\(function)(\(a))" }
            return "\(function)(\(a))"
        case .list(let elements):
            return "[" + elements.map(render).joined(separator: ", ") + "]"
        case .map(let entries):
            return "{" + entries.map { "\(render($0.key)): \(render($0.value))" }.joined(separator: ", ") + "}"
        case .comprehension(let c):
            let vars = [c.iterVar] + (c.iterVar2.map { [$0] } ?? [])
            let parts = vars + [render(c.iterRange), c.accuVar, render(c.accuInit), render(c.loopCondition),
                                render(c.loopStep), render(c.result)]
            return "__comprehension__(" + parts.joined(separator: ", ") + ")"
        }
    }

    static func render(_ l: Literal) -> String {
        switch l {
        case .null: return "null"
        case .bool(let b): return String(b)
        case .int(let i): return String(i)
        case .uint(let u): return "\(u)u"
        case .double(let d): return "\(d)"
        case .string(let s): return "\"\(s)\""
        case .bytes(let b): return "b\"" + b.map { String($0) }.joined(separator: ",") + "\""
        }
    }

    /// Every node id (including map entry ids) in the tree, in pre-order.
    static func ids(_ root: Expr) -> [Int] {
        var out: [Int] = []
        var stack = [root]
        while let e = stack.popLast() {
            out.append(e.id)
            if case .map(let entries) = e.kind { out.append(contentsOf: entries.map(\.id)) }
            stack.append(contentsOf: e.children.reversed())
        }
        return out
    }
}

/// Parses with a fresh environment, failing the test on errors.
func parseOK(_ source: String, kleene: Bool = false, maxDepth: Int = 250) throws -> ParsedAST {
    let env = try Environment(options: .init(enableKleeneExtensions: kleene, maxNestingDepth: maxDepth))
    return try env.parse(source)
}

/// Parses `source` expecting failure; returns the diagnostics (empty if it parsed).
func parseErrors(_ source: String, kleene: Bool = false, maxDepth: Int = 250) throws -> [CELDiagnostic] {
    let env = try Environment(options: .init(enableKleeneExtensions: kleene, maxNestingDepth: maxDepth))
    do {
        _ = try env.parse(source)
        return []
    } catch {
        return error.diagnostics
    }
}
