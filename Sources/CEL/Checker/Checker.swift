/// The CEL type checker: infers a type for every node, resolves identifiers (locals, container-
/// qualified variables and constants, type names), record fields and function overloads, and
/// rewrites qualified names, collecting diagnostics with positions.
///
/// Follows cel-go's checker in spirit: `dyn` is compatible with everything, list and map
/// literals with mixed element types get `dyn` elements, overloads come from the environment's
/// ``FunctionDecl`` table.
struct Checker {
    private let env: Environment
    private let sourceInfo: SourceInfo
    private var types: [Int: CELType] = [:]
    private var references: [Int: Reference] = [:]
    private var referencedNames: Set<String> = []
    private(set) var diagnostics: [CELDiagnostic] = []
    /// Local (comprehension) variables, innermost scope last.
    private var scopes: [[String: CELType]] = []
    private var depth = 0
    private var aborted = false

    /// Type names usable as values (`type(x) == int`).
    static let typeNames: [String: CELType] = [
        "int": .int, "uint": .uint, "double": .double, "bool": .bool, "string": .string,
        "bytes": .bytes, "list": .list(.dyn), "map": .map(.dyn, .dyn), "null_type": .null,
        "type": .type(nil), "google.protobuf.Timestamp": .timestamp, "google.protobuf.Duration": .duration,
    ]

    init(environment: Environment, sourceInfo: SourceInfo) {
        self.env = environment
        self.sourceInfo = sourceInfo
    }

    /// Checks `root`, returning the checked AST (meaningful only when ``diagnostics`` is empty).
    mutating func check(_ root: Expr) -> CheckedAST {
        let expr = visit(root)
        return CheckedAST(expr: expr, sourceInfo: sourceInfo, types: types, references: references,
                          referencedNames: referencedNames, outputType: types[expr.id] ?? .dyn, isChecked: true)
    }

    // MARK: - Helpers

    private mutating func report(_ expr: Expr, code: String, _ message: String) {
        guard !aborted else { return }
        if diagnostics.count >= env.options.maxErrors {
            aborted = true
            diagnostics.append(CELDiagnostic(code: "too_many_errors",
                                             message: "too many errors (more than \(env.options.maxErrors)); checking stopped",
                                             offset: sourceInfo.positions[expr.id] ?? 0, in: sourceInfo))
            return
        }
        diagnostics.append(CELDiagnostic(code: code, message: message,
                                         offset: sourceInfo.positions[expr.id] ?? 0, in: sourceInfo))
    }

    private func type(_ expr: Expr) -> CELType { types[expr.id] ?? .dyn }

    private mutating func set(_ expr: Expr, _ type: CELType) -> Expr {
        types[expr.id] = type
        return expr
    }

    private func lookupLocal(_ name: String) -> CELType? {
        for scope in scopes.reversed() {
            if let t = scope[name] { return t }
        }
        return nil
    }

    /// The dotted name spelled by an ident/select chain (`a.b.c`, `.a.b`), or nil if the chain
    /// contains anything else (calls, indexes, `has()` tests).
    static func qualifiedName(_ expr: Expr) -> String? {
        var parts: [String] = []
        var e = expr
        while true {
            switch e.kind {
            case .ident(let name):
                parts.append(name)
                return parts.reversed().joined(separator: ".")
            case .select(let operand, let field, false):
                parts.append(field)
                e = operand
            default:
                return nil
            }
        }
    }

    /// The root identifier of an ident/select chain.
    private static func rootIdent(_ expr: Expr) -> String? {
        var e = expr
        while true {
            switch e.kind {
            case .ident(let name): return name
            case .select(let operand, _, _): e = operand
            default: return nil
            }
        }
    }

    /// Resolves a (possibly qualified, possibly leading-dot) name to a declared variable or
    /// constant: returns the resolved name, reference and type.
    private func resolveGlobal(_ name: String) -> (String, Reference, CELType)? {
        for candidate in env.candidateNames(for: name) {
            if let slot = env.slot(of: candidate), let t = env.variableType(of: candidate) {
                return (candidate, .variable(name: candidate, slot: slot), t)
            }
            if let value = env.constant(named: candidate) {
                return (candidate, .constant(name: candidate), Checker.type(of: value))
            }
        }
        return nil
    }

    private func containerText() -> String { "(in container '\(env.container)')" }

    // MARK: - Visiting

    private mutating func visit(_ expr: Expr) -> Expr {
        if aborted { return set(expr, .error) }
        depth += 1
        defer { depth -= 1 }
        if depth > env.options.maxNestingDepth + 16 {
            report(expr, code: "nesting_limit",
                   "expression nesting exceeds the maximum depth of \(env.options.maxNestingDepth)")
            aborted = true
            return set(expr, .error)
        }
        switch expr.kind {
        case .literal(let literal):
            return set(expr, Checker.type(of: literal))
        case .ident(let name):
            return visitIdent(expr, name)
        case .select(let operand, let field, let testOnly):
            return visitSelect(expr, operand: operand, field: field, testOnly: testOnly)
        case .call(let target, let function, let args):
            return visitCall(expr, target: target, function: function, args: args)
        case .list(let elements):
            let checked = elements.map { visit($0) }
            let elem = join(checked.map { type($0) })
            return set(Expr(id: expr.id, .list(checked)), .list(elem))
        case .map(let entries):
            var checked: [MapEntry] = []
            for entry in entries {
                let key = visit(entry.key)
                let value = visit(entry.value)
                switch type(key) {
                case .int, .uint, .string, .bool, .dyn, .error: break
                default:
                    report(key, code: "type_mismatch", "unsupported map key type '\(type(key))' (keys must be int, uint, string or bool)")
                }
                checked.append(MapEntry(id: entry.id, key: key, value: value))
            }
            let keyType = join(checked.map { type($0.key) })
            let valueType = join(checked.map { type($0.value) })
            return set(Expr(id: expr.id, .map(checked)), .map(keyType, valueType))
        case .comprehension(let comprehension):
            return visitComprehension(expr, comprehension)
        }
    }

    /// The common element type of a literal's elements: their type when all agree, else `dyn`.
    private func join(_ elementTypes: [CELType]) -> CELType {
        var result: CELType?
        for t in elementTypes where t != .error {
            if let r = result, r != t {
                if r == .null { result = t; continue }
                if t == .null { continue }
                return .dyn
            }
            result = t
        }
        return result ?? .dyn
    }

    private mutating func visitIdent(_ expr: Expr, _ name: String) -> Expr {
        if !name.hasPrefix("."), let t = lookupLocal(name) {
            references[expr.id] = .local(name: name)
            return set(expr, t)
        }
        if let (resolved, reference, t) = resolveGlobal(name) {
            references[expr.id] = reference
            referencedNames.insert(resolved)
            return set(Expr(id: expr.id, .ident(resolved)), t)
        }
        let bare = name.hasPrefix(".") ? String(name.dropFirst()) : name
        if let t = Checker.typeNames[bare] {
            references[expr.id] = .typeName(t)
            return set(Expr(id: expr.id, .ident(bare)), .type(t))
        }
        report(expr, code: "undeclared_reference", "undeclared reference to '\(bare)' \(containerText())")
        return set(expr, .error)
    }

    private mutating func visitSelect(_ expr: Expr, operand: Expr, field: String, testOnly: Bool) -> Expr {
        // A qualified name such as `a.b.c` may name a declared variable (longest match first).
        if !testOnly, let qualified = Checker.qualifiedName(expr),
           let root = Checker.rootIdent(expr), root.hasPrefix(".") || lookupLocal(root) == nil,
           let (resolved, reference, t) = resolveGlobal(qualified) {
            references[expr.id] = reference
            referencedNames.insert(resolved)
            return set(Expr(id: expr.id, .ident(resolved)), t)
        }
        let checkedOperand = visit(operand)
        let rebuilt = Expr(id: expr.id, .select(operand: checkedOperand, field: field, testOnly: testOnly))
        let operandType = type(checkedOperand)
        var resultType: CELType
        switch operandType {
        case .object(let objectType):
            guard let index = objectType.index(of: field) else {
                report(expr, code: "undefined_field", "undefined field '\(field)' on type '\(objectType.name)'")
                return set(rebuilt, .error)
            }
            references[expr.id] = .field(index: index, objectType: objectType)
            resultType = objectType.fields[index].type
        case .map(_, let valueType):
            resultType = valueType
        case .dyn, .typeParam:
            resultType = .dyn
        case .error:
            return set(rebuilt, .error)
        default:
            report(expr, code: "unsupported_field_selection",
                   "type '\(operandType)' does not support field selection (field '\(field)')")
            return set(rebuilt, .error)
        }
        if testOnly { resultType = .bool }
        return set(rebuilt, resultType)
    }

    private mutating func visitCall(_ expr: Expr, target: Expr?, function: String, args: [Expr]) -> Expr {
        // `ns.f(x)` where `ns.f` is a declared function: a namespaced global call.
        if let target, let prefix = Checker.qualifiedName(target),
           let root = Checker.rootIdent(target), root.hasPrefix(".") || lookupLocal(root) == nil {
            for candidate in env.candidateNames(for: prefix + "." + function) where lookupFunction(candidate) != nil {
                return visitCall(expr, target: nil, function: "." + candidate, args: args)
            }
        }
        let checkedTarget = target.map { visit($0) }
        let checkedArgs = args.map { visit($0) }
        var resolvedName = function
        var decl: FunctionDecl?
        for candidate in env.candidateNames(for: function) {
            if let d = lookupFunction(candidate) {
                decl = d
                resolvedName = candidate
                break
            }
        }
        let rebuilt = Expr(id: expr.id, .call(target: checkedTarget, function: resolvedName, args: checkedArgs))
        guard let decl else {
            let bare = function.hasPrefix(".") ? String(function.dropFirst()) : function
            report(expr, code: "undeclared_reference", "undeclared reference to '\(bare)' \(containerText())")
            return set(rebuilt, .error)
        }
        referencedNames.insert(resolvedName)
        let argTypes = (checkedTarget.map { [type($0)] } ?? []) + checkedArgs.map { type($0) }
        if argTypes.contains(.error) { return set(rebuilt, .error) }

        let isReceiver = checkedTarget != nil
        var matched: [String] = []
        var resultType: CELType?
        for overload in decl.overloads where overload.receiver == isReceiver && overload.params.count == argTypes.count {
            var substitution = TypeSubstitution()
            var ok = true
            for (param, arg) in zip(overload.params, argTypes) where !substitution.isAssignable(param, arg) {
                ok = false
                break
            }
            guard ok else { continue }
            matched.append(overload.id)
            let t = substitution.substitute(overload.result)
            if let r = resultType, r != t { resultType = .dyn } else if resultType == nil { resultType = t }
        }
        guard let resultType else {
            let shown: String
            if isReceiver {
                shown = "\(argTypes[0]).(\(argTypes.dropFirst().map(\.description).joined(separator: ", ")))"
            } else {
                shown = "(\(argTypes.map(\.description).joined(separator: ", ")))"
            }
            report(expr, code: "no_matching_overload",
                   "found no matching overload for '\(Checker.displayName(resolvedName))' applied to '\(shown)'")
            return set(rebuilt, .error)
        }
        references[expr.id] = .function(name: resolvedName, overloadIDs: matched)
        return set(rebuilt, resultType)
    }

    /// The environment's declaration of `name`, or the built-in signature shim for internal names.
    private func lookupFunction(_ name: String) -> FunctionDecl? {
        env.function(named: name) ?? BuiltinSignatures.decl(named: name)
    }

    /// How an operator function is shown in messages (`_+_` stays as is, like cel-go).
    private static func displayName(_ name: String) -> String { name }

    private mutating func visitComprehension(_ expr: Expr, _ c: Comprehension) -> Expr {
        let range = visit(c.iterRange)
        let rangeType = type(range)
        var first: CELType = .dyn, second: CELType = .dyn
        switch rangeType {
        case .list(let element):
            if c.iterVar2 != nil { first = .int; second = element } else { first = element }
        case .map(let key, let value):
            first = key
            second = value
        case .dyn, .error, .typeParam:
            break
        default:
            report(range, code: "invalid_comprehension_range",
                   "expression of type '\(rangeType)' cannot be the range of a comprehension (must be list, map, or dynamic)")
        }
        let accuInit = visit(c.accuInit)
        let accuType = type(accuInit)
        scopes.append([c.accuVar: accuType])
        var iterScope = [c.iterVar: first]
        if let v2 = c.iterVar2 { iterScope[v2] = second }
        scopes.append(iterScope)
        let condition = visit(c.loopCondition)
        switch type(condition) {
        case .bool, .dyn, .error: break
        default:
            report(condition, code: "type_mismatch", "comprehension loop condition must be bool, found '\(type(condition))'")
        }
        let step = visit(c.loopStep)
        var substitution = TypeSubstitution()
        if !substitution.isAssignable(accuType, type(step)) {
            report(step, code: "type_mismatch",
                   "comprehension step of type '\(type(step))' does not match the accumulator type '\(accuType)'")
        }
        scopes.removeLast()
        // An empty-literal accumulator (`map`, `filter`, `transform*` macros) starts as
        // list(dyn) / map(dyn, dyn); the result sees the element type the step appends.
        if let refined = refinedAccumulatorType(initial: accuInit, accuType: accuType, step: step, accuVar: c.accuVar) {
            scopes[scopes.count - 1][c.accuVar] = refined
        }
        let result = visit(c.result)
        scopes.removeLast()
        let rebuilt = Expr(id: expr.id, .comprehension(Comprehension(
            iterVar: c.iterVar, iterVar2: c.iterVar2, iterRange: range, accuVar: c.accuVar, accuInit: accuInit,
            loopCondition: condition, loopStep: step, result: result)))
        return set(rebuilt, type(result))
    }

    /// The accumulator type implied by a step that appends `[e]` to (or inserts `k: v` into)
    /// an accumulator initialised with an empty list (map) literal, or nil.
    private func refinedAccumulatorType(initial: Expr, accuType: CELType, step: Expr, accuVar: String) -> CELType? {
        func isAccu(_ e: Expr) -> Bool {
            if case .ident(let name) = e.kind { return name == accuVar }
            return false
        }
        /// Looks through `p ? X : accu` guards to the accumulating call.
        func accumulating(_ e: Expr) -> (String, [Expr])? {
            guard case .call(nil, let function, let args) = e.kind else { return nil }
            if function == "_?_:_", args.count == 3, isAccu(args[2]) { return accumulating(args[1]) }
            guard let first = args.first, isAccu(first) else { return nil }
            return (function, args)
        }
        guard let (function, args) = accumulating(step) else { return nil }
        switch (initial.kind, accuType, function, args.count) {
        case (.list(let elements), .list(.dyn), "_+_", 2) where elements.isEmpty:
            if case .list(let appended) = args[1].kind, appended.count == 1 { return .list(type(appended[0])) }
            return nil
        case (.map(let entries), .map(.dyn, .dyn), "cel.@mapInsert", 3) where entries.isEmpty:
            return .map(type(args[1]), type(args[2]))
        case (.map(let entries), .map(.dyn, .dyn), "cel.@mapInsert", 2) where entries.isEmpty:
            if case .map = type(args[1]) { return type(args[1]) }
            return nil
        default:
            return nil
        }
    }

    // MARK: - Types of constants

    static func type(of literal: Literal) -> CELType {
        switch literal {
        case .null: return .null
        case .bool: return .bool
        case .int: return .int
        case .uint: return .uint
        case .double: return .double
        case .string: return .string
        case .bytes: return .bytes
        }
    }

    /// The static type of a constant's value (aggregate element types when uniform, else `dyn`).
    static func type(of value: Value) -> CELType {
        switch value {
        case .null: return .null
        case .bool: return .bool
        case .int: return .int
        case .uint: return .uint
        case .double: return .double
        case .string: return .string
        case .bytes: return .bytes
        case .list(let elements):
            let ts = Set(elements.map { type(of: $0) })
            return .list(ts.count == 1 ? ts.first! : .dyn)
        case .map:
            return .map(.dyn, .dyn)
        case .object(let o): return .object(o.type)
        case .type(let t): return .type(t)
        case .timestamp: return .timestamp
        case .duration: return .duration
        case .error, .unknown: return .dyn
        }
    }
}
