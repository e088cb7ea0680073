/// Expands CEL macros into ``Comprehension`` nodes (or internal calls), with the same shapes as
/// cel-go, at parse time.
///
/// Supported: `has(e.f)`; `e.all(x, p)`, `e.exists(x, p)`, `e.exists_one(x, p)`, `e.map(x, t)`,
/// `e.map(x, p, t)`, `e.filter(x, p)`; the two-variable forms `e.all(i, v, p)`,
/// `e.exists(i, v, p)`, `e.existsOne(i, v, p)` (also spelled `exists_one`),
/// `e.transformList(i, v, [p,] t)`, `e.transformMap(k, v, [p,] t)`,
/// `e.transformMapEntry(k, v, [p,] m)`; and, with the Kleene extensions, the global
/// `atLeast(k, e1, …, en)` and the receiver `e.atLeast(k, x, p)`.
enum MacroExpander {
    /// The accumulator variable of every generated comprehension.
    static let accumulatorName = "@result"

    /// The outcome of trying to expand a call as a macro.
    enum Outcome {
        /// The call is not a macro (wrong name, arity or call style): keep it as a call.
        case notAMacro
        /// The macro's expansion.
        case expanded(Expr)
        /// The call is a macro but its arguments are invalid.
        case failed(offset: Int, message: String)
    }

    /// Tries to expand `target.function(args)` (or `function(args)` when `target` is nil).
    /// Generated nodes are positioned at `offset` (the macro name).
    static func expand(function: String, target: Expr?, args: [Expr], at offset: Int,
                       kleene: Bool, factory: inout ExprFactory) -> Outcome {
        guard let target else {
            switch function {
            case "has" where args.count == 1:
                return expandHas(args[0], at: offset, factory: &factory)
            case "atLeast" where kleene && args.count >= 2:
                var acc = factory.call("@kleene_new", [args[0]], at: offset)
                for arg in args.dropFirst() {
                    acc = factory.call("@kleene_add", [acc, arg], at: offset)
                }
                return .expanded(factory.call("@kleene_result", [acc], at: offset))
            default:
                return .notAMacro
            }
        }
        switch (function, args.count) {
        case ("all", 2), ("exists", 2), ("exists_one", 2):
            return quantifier(function, target: target, iterVar: args[0], iterVar2: nil,
                              predicate: args[1], at: offset, factory: &factory)
        case ("all", 3), ("exists", 3), ("existsOne", 3), ("exists_one", 3):
            return quantifier(function, target: target, iterVar: args[0], iterVar2: args[1],
                              predicate: args[2], at: offset, factory: &factory)
        case ("map", 2), ("map", 3):
            return transform(.list, target: target, iterVar: args[0], iterVar2: nil,
                             filter: args.count == 3 ? args[1] : nil, value: args[args.count - 1],
                             at: offset, factory: &factory)
        case ("filter", 2):
            return filter(target: target, iterVar: args[0], predicate: args[1], at: offset, factory: &factory)
        case ("transformList", 3), ("transformList", 4):
            return transform(.list, target: target, iterVar: args[0], iterVar2: args[1],
                             filter: args.count == 4 ? args[2] : nil, value: args[args.count - 1],
                             at: offset, factory: &factory)
        case ("transformMap", 3), ("transformMap", 4):
            return transform(.map, target: target, iterVar: args[0], iterVar2: args[1],
                             filter: args.count == 4 ? args[2] : nil, value: args[args.count - 1],
                             at: offset, factory: &factory)
        case ("transformMapEntry", 3), ("transformMapEntry", 4):
            return transform(.mapEntry, target: target, iterVar: args[0], iterVar2: args[1],
                             filter: args.count == 4 ? args[2] : nil, value: args[args.count - 1],
                             at: offset, factory: &factory)
        case ("atLeast", 3) where kleene:
            return atLeast(target: target, count: args[0], iterVar: args[1], predicate: args[2],
                           at: offset, factory: &factory)
        default:
            return .notAMacro
        }
    }

    // MARK: - Individual macros

    private static func expandHas(_ arg: Expr, at offset: Int, factory: inout ExprFactory) -> Outcome {
        guard case .select(let operand, let field, false) = arg.kind else {
            return .failed(offset: factory.position(of: arg) ?? offset,
                           message: "invalid argument to has() macro: expected a field selection such as has(a.b)")
        }
        return .expanded(factory.make(.select(operand: operand, field: field, testOnly: true), at: offset))
    }

    /// Extracts the variable name(s) of a macro, checking they are simple, distinct names that
    /// do not collide with the accumulator.
    private static func iterVars(_ first: Expr, _ second: Expr?, at offset: Int,
                                 factory: ExprFactory) -> Result<(String, String?), MacroFailure> {
        func name(_ e: Expr) -> Result<String, MacroFailure> {
            guard case .ident(let n) = e.kind, !n.hasPrefix(".") else {
                return .failure(MacroFailure(offset: factory.position(of: e) ?? offset,
                                             message: "argument must be a simple name"))
            }
            if n == accumulatorName {
                return .failure(MacroFailure(offset: factory.position(of: e) ?? offset,
                                             message: "iteration variable overwrites accumulator variable"))
            }
            return .success(n)
        }
        switch name(first) {
        case .failure(let f): return .failure(f)
        case .success(let v1):
            guard let second else { return .success((v1, nil)) }
            switch name(second) {
            case .failure(let f): return .failure(f)
            case .success(let v2):
                if v1 == v2 {
                    return .failure(MacroFailure(offset: factory.position(of: second) ?? offset,
                                                 message: "duplicate variable name: \(v1)"))
                }
                return .success((v1, v2))
            }
        }
    }

    /// A macro argument error.
    private struct MacroFailure: Error {
        var offset: Int
        var message: String
    }

    private static func quantifier(_ kind: String, target: Expr, iterVar: Expr, iterVar2: Expr?,
                                   predicate: Expr, at offset: Int, factory: inout ExprFactory) -> Outcome {
        let names: (String, String?)
        switch iterVars(iterVar, iterVar2, at: offset, factory: factory) {
        case .failure(let f): return .failed(offset: f.offset, message: f.message)
        case .success(let n): names = n
        }
        func accu(_ f: inout ExprFactory) -> Expr { f.ident(accumulatorName, at: offset) }
        let initial: Expr, condition: Expr, step: Expr, result: Expr
        switch kind {
        case "all":
            initial = factory.literal(.bool(true), at: offset)
            condition = factory.call("@not_strictly_false", [accu(&factory)], at: offset)
            step = factory.call("_&&_", [accu(&factory), predicate], at: offset)
            result = accu(&factory)
        case "exists":
            initial = factory.literal(.bool(false), at: offset)
            let notAccu = factory.call("!_", [accu(&factory)], at: offset)
            condition = factory.call("@not_strictly_false", [notAccu], at: offset)
            step = factory.call("_||_", [accu(&factory), predicate], at: offset)
            result = accu(&factory)
        default:  // exists_one / existsOne
            initial = factory.literal(.int(0), at: offset)
            condition = factory.literal(.bool(true), at: offset)
            let plusOne = factory.call("_+_", [accu(&factory), factory.literal(.int(1), at: offset)], at: offset)
            step = factory.call("_?_:_", [predicate, plusOne, accu(&factory)], at: offset)
            result = factory.call("_==_", [accu(&factory), factory.literal(.int(1), at: offset)], at: offset)
        }
        return .expanded(factory.make(.comprehension(Comprehension(
            iterVar: names.0, iterVar2: names.1, iterRange: target, accuVar: accumulatorName,
            accuInit: initial, loopCondition: condition, loopStep: step, result: result)), at: offset))
    }

    /// What a transforming macro accumulates.
    private enum TransformKind { case list, map, mapEntry }

    private static func transform(_ kind: TransformKind, target: Expr, iterVar: Expr, iterVar2: Expr?,
                                  filter: Expr?, value: Expr, at offset: Int,
                                  factory: inout ExprFactory) -> Outcome {
        let names: (String, String?)
        switch iterVars(iterVar, iterVar2, at: offset, factory: factory) {
        case .failure(let f): return .failed(offset: f.offset, message: f.message)
        case .success(let n): names = n
        }
        let initial: Expr
        var step: Expr
        switch kind {
        case .list:
            initial = factory.make(.list([]), at: offset)
            let single = factory.make(.list([value]), at: offset)
            step = factory.call("_+_", [factory.ident(accumulatorName, at: offset), single], at: offset)
        case .map:
            initial = factory.make(.map([]), at: offset)
            step = factory.call("cel.@mapInsert", [factory.ident(accumulatorName, at: offset),
                                                   factory.ident(names.0, at: offset), value], at: offset)
        case .mapEntry:
            initial = factory.make(.map([]), at: offset)
            step = factory.call("cel.@mapInsert", [factory.ident(accumulatorName, at: offset), value], at: offset)
        }
        if let filter {
            step = factory.call("_?_:_", [filter, step, factory.ident(accumulatorName, at: offset)], at: offset)
        }
        let condition = factory.literal(.bool(true), at: offset)
        let result = factory.ident(accumulatorName, at: offset)
        return .expanded(factory.make(.comprehension(Comprehension(
            iterVar: names.0, iterVar2: names.1, iterRange: target, accuVar: accumulatorName,
            accuInit: initial, loopCondition: condition, loopStep: step, result: result)), at: offset))
    }

    private static func filter(target: Expr, iterVar: Expr, predicate: Expr, at offset: Int,
                               factory: inout ExprFactory) -> Outcome {
        let name: String
        switch iterVars(iterVar, nil, at: offset, factory: factory) {
        case .failure(let f): return .failed(offset: f.offset, message: f.message)
        case .success(let n): name = n.0
        }
        let initial = factory.make(.list([]), at: offset)
        let single = factory.make(.list([iterVar]), at: offset)
        let append = factory.call("_+_", [factory.ident(accumulatorName, at: offset), single], at: offset)
        let step = factory.call("_?_:_", [predicate, append, factory.ident(accumulatorName, at: offset)], at: offset)
        let condition = factory.literal(.bool(true), at: offset)
        let result = factory.ident(accumulatorName, at: offset)
        return .expanded(factory.make(.comprehension(Comprehension(
            iterVar: name, iterRange: target, accuVar: accumulatorName, accuInit: initial,
            loopCondition: condition, loopStep: step, result: result)), at: offset))
    }

    private static func atLeast(target: Expr, count: Expr, iterVar: Expr, predicate: Expr, at offset: Int,
                                factory: inout ExprFactory) -> Outcome {
        let name: String
        switch iterVars(iterVar, nil, at: offset, factory: factory) {
        case .failure(let f): return .failed(offset: f.offset, message: f.message)
        case .success(let n): name = n.0
        }
        let initial = factory.call("@kleene_new", [count], at: offset)
        let condition = factory.literal(.bool(true), at: offset)
        let step = factory.call("@kleene_add", [factory.ident(accumulatorName, at: offset), predicate], at: offset)
        let result = factory.call("@kleene_result", [factory.ident(accumulatorName, at: offset)], at: offset)
        return .expanded(factory.make(.comprehension(Comprehension(
            iterVar: name, iterRange: target, accuVar: accumulatorName, accuInit: initial,
            loopCondition: condition, loopStep: step, result: result)), at: offset))
    }
}
