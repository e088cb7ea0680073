/// Turns an expression tree into a tree of evaluator nodes: variables resolved to slots,
/// comprehension variables to local indexes, object fields to indexes, functions to their
/// implementations, constant subexpressions folded, constant regular expressions compiled.
struct Planner {
    /// Functions by name (same-name declarations merged).
    let functions: [String: FunctionDecl]
    /// Checker resolutions by expression id (empty when unchecked).
    let references: [Int: PlanReference]
    /// The slot of a declared variable.
    let slotOf: (String) -> Int?
    /// The value of a declared constant.
    let constantOf: (String) -> Value?
    /// Container-qualified candidate names for a (possibly dotted) name, innermost first.
    let candidateNames: (String) -> [String]
    /// Whether to plan checks for activation-declared unknown attributes.
    let withUnknowns: Bool
    /// Whether common shapes get dedicated nodes (the macros' loops, field reads of variables);
    /// false plans everything generically, the reference the dedicated nodes are tested against.
    let specialised: Bool

    private var scopes: [(name: String, index: Int)] = []
    /// The number of comprehension locals needed.
    private(set) var localCount = 0
    /// The number of hoisted loop-invariant subexpressions.
    private(set) var hoistCount = 0
    /// Hoist slot by expression id, for loop-invariant calls inside comprehension bodies.
    private var hoistSlots: [Int: Int] = [:]

    init(functions: [String: FunctionDecl], references: [Int: PlanReference], slotOf: @escaping (String) -> Int?,
         constantOf: @escaping (String) -> Value?, candidateNames: @escaping (String) -> [String], withUnknowns: Bool,
         specialised: Bool = true) {
        self.functions = functions
        self.references = references
        self.slotOf = slotOf
        self.constantOf = constantOf
        self.candidateNames = candidateNames
        self.withUnknowns = withUnknowns
        self.specialised = specialised
    }

    /// Merges declarations that share a name into one table.
    static func functionTable(_ decls: [FunctionDecl]) -> [String: FunctionDecl] {
        var byName: [String: [FunctionDecl]] = [:]
        var order: [String] = []
        for d in decls {
            if byName[d.name] == nil { order.append(d.name) }
            byName[d.name, default: []].append(d)
        }
        var table: [String: FunctionDecl] = [:]
        for name in order {
            let ds = byName[name]!
            if ds.count == 1 {
                table[name] = ds[0]
            } else {
                table[name] = FunctionDecl(name, overloads: ds.flatMap(\.overloads), nonStrict: ds.contains(where: \.nonStrict))
            }
        }
        return table
    }

    // MARK: Planning

    /// Plans `e`.
    mutating func plan(_ e: Expr) -> EvalNode {
        planWithPath(e).node
    }

    /// Plans `e`, also returning its attribute path (`a.b.c`) when it is a variable or a
    /// field chain rooted at one (for unknown-attribute checks).
    private mutating func planWithPath(_ e: Expr) -> (node: EvalNode, path: String?) {
        switch e.kind {
        case .literal(let lit):
            return (ConstNode(id: e.id, Planner.value(of: lit)), nil)
        case .ident(let name):
            return planIdent(e, name)
        case .select(let operand, let field, let testOnly):
            return planSelect(e, operand, field, testOnly)
        case .call(nil, "_[_]", let args) where args.count == 2 && functions["_[_]"]?.generic != nil:
            // `a["b"]` continues the attribute path of `a` (for unknown-attribute checks).
            if case .literal(.string(let key)) = args[1].kind {
                let (op, opPath) = planWithPath(args[0])
                let path = opPath.map { $0 + "." + key }
                let node = BinaryOpNode(id: e.id, op: .index, lhs: op, rhs: ConstNode(id: args[1].id, .string(key)))
                return (withUnknownCheck(folded(node, [op]), path), path)
            }
            return (planCall(e, nil, "_[_]", args), nil)
        case .call(let target, let function, let args):
            let node = planCall(e, target, function, args)
            if let slot = hoistSlots[e.id], !(node is ConstNode) { return (HoistNode(slot: slot, inner: node), nil) }
            return (node, nil)
        case .list(let elements):
            let nodes = elements.map { plan($0) }
            return (folded(ListNode(id: e.id, elements: nodes), nodes), nil)
        case .map(let entries):
            let keys = entries.map { plan($0.key) }
            let values = entries.map { plan($0.value) }
            return (folded(MapNode(id: e.id, keys: keys, values: values), keys + values), nil)
        case .comprehension(let c):
            return (planComprehension(e, c), nil)
        }
    }

    static func value(of lit: Literal) -> Value {
        switch lit {
        case .null: return .null
        case .bool(let b): return .bool(b)
        case .int(let i): return .int(i)
        case .uint(let u): return .uint(u)
        case .double(let d): return .double(d)
        case .string(let s): return .string(s)
        case .bytes(let b): return .bytes(b)
        }
    }

    private func local(_ name: String) -> Int? {
        scopes.last(where: { $0.name == name })?.index
    }

    private func withUnknownCheck(_ node: EvalNode, _ path: String?) -> EvalNode {
        guard withUnknowns, let path else { return node }
        return UnknownAttributeNode(id: node.id, path: path, inner: node)
    }

    private mutating func planIdent(_ e: Expr, _ name: String) -> (node: EvalNode, path: String?) {
        if let ref = references[e.id] {
            switch ref {
            case .variable(let vname, let slot):
                return (withUnknownCheck(SlotNode(id: e.id, slot: slot), vname), vname)
            case .constant(let v):
                return (ConstNode(id: e.id, v), nil)
            case .local(let lname):
                if let i = local(lname) { return (LocalNode(id: e.id, index: i), nil) }
            case .typeName(let t):
                return (ConstNode(id: e.id, .type(t)), nil)
            case .field, .function:
                break
            }
        }
        if let i = local(name) { return (LocalNode(id: e.id, index: i), nil) }
        return resolveQualified(parts: [(name, e.id)])
    }

    /// Resolves a dotted name `parts[0].parts[1]…` (unchecked mode): the longest prefix that
    /// names a declared variable or constant (after container resolution) wins, the rest are
    /// field selects; otherwise run-time lookup in the activation's bindings.
    private mutating func resolveQualified(parts: [(name: String, id: Int)]) -> (node: EvalNode, path: String?) {
        let lastID = parts.last!.id
        var dynamic: [(name: String, rest: [String])] = []
        for n in stride(from: parts.count, through: 1, by: -1) {
            let name = parts[0..<n].map(\.name).joined(separator: ".")
            for cand in candidateNames(name) {
                let rootID = parts[n - 1].id
                var node: EvalNode
                var path: String?
                if let slot = slotOf(cand) {
                    node = withUnknownCheck(SlotNode(id: rootID, slot: slot), cand)
                    path = cand
                } else if let v = constantOf(cand) {
                    node = ConstNode(id: rootID, v)
                } else {
                    dynamic.append((cand, parts[n...].map(\.name)))
                    continue
                }
                for p in parts[n...] {
                    node = SelectNode(id: p.id, operand: node, name: p.name)
                    path = path.map { $0 + "." + p.name }
                    node = withUnknownCheck(node, path)
                }
                return (node, path)
            }
        }
        let full = parts.map(\.name).joined(separator: ".")
        if parts.count == 1, let t = StandardLibrary.typeDenotations[full] {
            return (ConstNode(id: lastID, .type(t)), nil)
        }
        let fallback = Value.error(CELError(code: "undeclared_reference", message: "undeclared reference to '\(full)'", exprID: lastID))
        return (BindingNode(id: lastID, candidates: dynamic, fallback: fallback), nil)
    }

    /// The dotted identifier chain of `e` (`a.b.c` as select/ident nodes), when its root is not a
    /// comprehension variable.
    private func identChain(_ e: Expr) -> [(name: String, id: Int)]? {
        switch e.kind {
        case .ident(let name):
            if local(name) != nil { return nil }
            if references[e.id] != nil { return nil }
            return [(name, e.id)]
        case .select(let operand, let field, false):
            guard references[e.id] == nil, var chain = identChain(operand) else { return nil }
            chain.append((field, e.id))
            return chain
        default:
            return nil
        }
    }

    private mutating func planSelect(_ e: Expr, _ operand: Expr, _ field: String, _ testOnly: Bool) -> (node: EvalNode, path: String?) {
        if testOnly {
            let op = plan(operand)
            if case .field(let index, let type)? = references[e.id] {
                return (HasNode(id: e.id, operand: op, name: field, objectType: type, index: index), nil)
            }
            return (HasNode(id: e.id, operand: op, name: field, objectType: nil, index: -1), nil)
        }
        if case .field(let index, let type)? = references[e.id] {
            let (op, opPath) = planWithPath(operand)
            let path = opPath.map { $0 + "." + field }
            let node: EvalNode
            if !specialised {
                node = FieldNode(id: e.id, operand: op, index: index, objectType: type, name: field)
            } else if let local = op as? LocalNode {
                node = LocalFieldNode(id: e.id, local: local.index, index: index, objectType: type, name: field)
            } else if let slot = op as? SlotNode {
                node = SlotFieldNode(id: e.id, slot: slot.slot, slotID: slot.id, index: index, objectType: type, name: field)
            } else {
                node = FieldNode(id: e.id, operand: op, index: index, objectType: type, name: field)
            }
            return (withUnknownCheck(node, path), path)
        }
        if references.isEmpty, let chain = identChain(operand) {
            return resolveQualified(parts: chain + [(field, e.id)])
        }
        let (op, opPath) = planWithPath(operand)
        let path = opPath.map { $0 + "." + field }
        return (withUnknownCheck(SelectNode(id: e.id, operand: op, name: field), path), path)
    }

    private mutating func planComprehension(_ e: Expr, _ c: Comprehension) -> EvalNode {
        if specialised, let special = planSpecialComprehension(e, c) { return special }
        let range = plan(c.iterRange)
        let accuInit = plan(c.accuInit)
        let depth = scopes.count
        let accu = newLocal(c.accuVar)
        let iter = newLocal(c.iterVar)
        let iter2 = c.iterVar2.map { newLocal($0) }
        let bound = Set([c.iterVar, c.accuVar] + (c.iterVar2.map { [$0] } ?? []))
        let hoisted = markHoistable([c.loopCondition, c.loopStep], bound: bound)
        let cond = plan(c.loopCondition)
        let step = plan(c.loopStep)
        scopes.removeLast(iter2 == nil ? 1 : 2)
        let result = plan(c.result)
        scopes.removeLast(scopes.count - depth)
        let node = ComprehensionNode(id: e.id, range: range, iterVar: iter, iterVar2: iter2, accuVar: accu,
                                     accuInit: accuInit, condition: cond, step: step, result: result)
        node.resetSlots = hoisted
        return node
    }

    /// The shapes of `exists`, `all` and `atLeast` expansions, planned as dedicated loops.
    private mutating func planSpecialComprehension(_ e: Expr, _ c: Comprehension) -> EvalNode? {
        func isAccu(_ x: Expr) -> Bool {
            if case .ident(let n) = x.kind, n == c.accuVar { return true }
            return false
        }
        func call(_ x: Expr, _ name: String, _ arity: Int) -> [Expr]? {
            guard case .call(nil, let f, let args) = x.kind, f == name, args.count == arity else { return nil }
            if case .function(let resolved, _)? = references[x.id], resolved != name { return nil }
            return args
        }
        func uses(_ x: Expr, _ name: String) -> Bool {
            switch x.kind {
            case .ident(let n): return n == name
            case .literal: return false
            case .select(let o, _, _): return uses(o, name)
            case .call(let t, _, let args): return (t.map { uses($0, name) } ?? false) || args.contains { uses($0, name) }
            case .list(let xs): return xs.contains { uses($0, name) }
            case .map(let es): return es.contains { uses($0.key, name) || uses($0.value, name) }
            case .comprehension(let d):
                // A nested comprehension's variables shadow `name` in its loop; its accumulator
                // (every macro's is `@result`) also in its result.
                if uses(d.iterRange, name) || uses(d.accuInit, name) { return true }
                if d.iterVar != name, d.iterVar2 != name, d.accuVar != name,
                   uses(d.loopCondition, name) || uses(d.loopStep, name) { return true }
                return d.accuVar != name && uses(d.result, name)
            }
        }
        func nests(_ x: Expr) -> Bool {
            switch x.kind {
            case .ident, .literal: return false
            case .select(let o, _, _): return nests(o)
            case .call(let t, _, let args): return (t.map(nests) ?? false) || args.contains(where: nests)
            case .list(let xs): return xs.contains(where: nests)
            case .map(let es): return es.contains { nests($0.key) || nests($0.value) }
            case .comprehension: return true
            }
        }
        enum Shape { case exists, all, atLeast(Expr) }
        var shape: Shape?
        var predicate: Expr?
        if isAccu(c.result), case .literal(.bool(let initial)) = c.accuInit.kind {
            if !initial, let step = call(c.loopStep, "_||_", 2), isAccu(step[0]),
               let cond = call(c.loopCondition, "@not_strictly_false", 1), let neg = call(cond[0], "!_", 1), isAccu(neg[0]) {
                shape = .exists
                predicate = step[1]
            } else if initial, let step = call(c.loopStep, "_&&_", 2), isAccu(step[0]),
                      let cond = call(c.loopCondition, "@not_strictly_false", 1), isAccu(cond[0]) {
                shape = .all
                predicate = step[1]
            }
        } else if let res = call(c.result, "@kleene_result", 1), isAccu(res[0]),
                  let initial = call(c.accuInit, "@kleene_new", 1),
                  let step = call(c.loopStep, "@kleene_add", 2), isAccu(step[0]),
                  case .literal(.bool(true)) = c.loopCondition.kind, functions["@kleene_new"] != nil {
            shape = .atLeast(initial[0])
            predicate = step[1]
        }
        if shape == nil, isAccu(c.result), case .list(let initial) = c.accuInit.kind, initial.isEmpty,
           case .literal(.bool(true)) = c.loopCondition.kind {
            // filter / map / transformList: `@result + [t]`, optionally guarded by `p ? … : @result`.
            var guardExpr: Expr?
            var add = c.loopStep
            if let guarded = call(c.loopStep, "_?_:_", 3), isAccu(guarded[2]) {
                guardExpr = guarded[0]
                add = guarded[1]
            }
            if let sum = call(add, "_+_", 2), isAccu(sum[0]), case .list(let one) = sum[1].kind, one.count == 1,
               !uses(one[0], c.accuVar), !(guardExpr.map { uses($0, c.accuVar) } ?? false) {
                let asGeneric = nests(one[0]) || (guardExpr.map(nests) ?? false)
                return planCollect(e, c, predicate: guardExpr, element: one[0], conditionID: c.loopStep.id, asGeneric: asGeneric)
            }
        }
        guard let shape, let predicate, !uses(predicate, c.accuVar) else { return nil }
        let range = plan(c.iterRange)
        var countNode: EvalNode?
        if case .atLeast(let k) = shape { countNode = plan(k) }
        let depth = scopes.count
        let iter = newLocal(c.iterVar)
        let iter2 = c.iterVar2.map { newLocal($0) }
        let bound = Set([c.iterVar, c.accuVar] + (c.iterVar2.map { [$0] } ?? []))
        // Loops over predicates that nest comprehensions were planned generically before the
        // nested accumulator stopped counting as a use of this one; they keep the generic
        // expansion's reads (no early stop for atLeast, nothing hoisted from its predicate).
        let asGeneric = nests(predicate)
        let hoisted = markHoistable(asGeneric ? [c.loopCondition, c.loopStep] : [predicate], bound: bound)
        let pred = plan(predicate)
        scopes.removeLast(scopes.count - depth)
        switch shape {
        case .exists, .all:
            // The fused nested match first: its predicate is itself a field match.
            if case .exists = shape, iter2 == nil,
               let node: QuantifierNode = NestedFieldMatchNode.make(id: e.id, range: range, iterVar: iter, predicate: pred)
                   ?? FieldMatchNode.make(id: e.id, range: range, iterVar: iter, predicate: pred) {
                node.resetSlots = hoisted
                // A memo of how far its runs searched, for a range read where it is stored (a
                // computed list could be freed and another one made at its address).
                if let nested = node as? NestedFieldMatchNode, range is SlotNode || range is SlotFieldNode || range is LocalFieldNode {
                    nested.memoSlot = hoistCount
                    hoistCount += 3
                }
                return node
            }
            let node = QuantifierNode(id: e.id, range: range, iterVar: iter, iterVar2: iter2, predicate: pred,
                                      isExists: { if case .exists = shape { return true } else { return false } }())
            node.resetSlots = hoisted
            return node
        case .atLeast:
            let node = AtLeastNode(id: e.id, range: range, count: countNode!, iterVar: iter, iterVar2: iter2, predicate: pred,
                                   exhaustive: asGeneric)
            node.resetSlots = hoisted
            return node
        }
    }

    /// The shapes of `filter`, `map` (two and three arguments) and `transformList` over a list:
    /// accumulator `[]`, condition `true`, step `@result + [t]` optionally guarded by
    /// `p ? @result + [t] : @result`, result `@result`. `asGeneric` keeps the generic
    /// expansion's failure results and hoisting (see ``CollectNode/sequentialFailures``).
    private mutating func planCollect(_ e: Expr, _ c: Comprehension, predicate: Expr?, element: Expr,
                                      conditionID: Int, asGeneric: Bool) -> EvalNode {
        let range = plan(c.iterRange)
        let depth = scopes.count
        let iter = newLocal(c.iterVar)
        let iter2 = c.iterVar2.map { newLocal($0) }
        let bound = Set([c.iterVar, c.accuVar] + (c.iterVar2.map { [$0] } ?? []))
        let hoisted = markHoistable(asGeneric ? [c.loopCondition, c.loopStep] : [predicate, element].compactMap { $0 },
                                    bound: bound)
        let pred = predicate.map { plan($0) }
        // Collecting the iteration value itself (filter) needs no transform node. Only with one
        // variable: the loop hands over a list's element or a map's key, which is then the
        // variable, while with two a map's value (the second variable) is not what it hands over.
        var transform: EvalNode?
        if c.iterVar2 == nil, case .ident(let n) = element.kind, n == c.iterVar {} else { transform = plan(element) }
        scopes.removeLast(scopes.count - depth)
        let node = CollectNode(id: e.id, range: range, iterVar: iter, iterVar2: iter2, predicate: pred, transform: transform,
                               sequentialFailures: asGeneric, conditionID: conditionID)
        node.resetSlots = hoisted
        return node
    }

    /// Assigns hoist slots to the maximal calls inside `body` that use none of the `bound`
    /// comprehension variables (so their value is the same in every iteration); returns the
    /// slots, which the comprehension clears before each evaluation.
    private mutating func markHoistable(_ body: [Expr], bound: Set<String>) -> [Int] {
        var found: [Int] = []
        for b in body where invariant(b, bound, &found) {
            if case .call = b.kind { found.append(b.id) }
        }
        var slots: [Int] = []
        for id in found where hoistSlots[id] == nil {
            hoistSlots[id] = hoistCount
            slots.append(hoistCount)
            hoistCount += 1
        }
        return slots
    }

    /// True when `e` uses none of `bound`; collects maximal invariant calls below a variant node.
    private func invariant(_ e: Expr, _ bound: Set<String>, _ found: inout [Int]) -> Bool {
        func children(_ xs: [Expr], _ bound: Set<String>, _ found: inout [Int]) -> Bool {
            var flags: [Bool] = []
            for x in xs { flags.append(invariant(x, bound, &found)) }
            if flags.allSatisfy({ $0 }) { return true }
            for (x, inv) in zip(xs, flags) where inv {
                if case .call = x.kind { found.append(x.id) }
            }
            return false
        }
        switch e.kind {
        case .literal: return true
        case .ident(let n): return !bound.contains(n)
        case .select(let o, _, _): return invariant(o, bound, &found)
        case .call(let t, let f, let args):
            if f.hasPrefix("@kleene") { return false }
            return children((t.map { [$0] } ?? []) + args, bound, &found)
        case .list(let xs): return children(xs, bound, &found)
        case .map(let es): return children(es.flatMap { [$0.key, $0.value] }, bound, &found)
        case .comprehension(let d):
            // Conservative: a nested comprehension is not hoisted as a whole, but invariant calls
            // inside it are.
            let inner = bound.union([d.iterVar, d.accuVar]).union(d.iterVar2.map { [$0] } ?? [])
            _ = children([d.iterRange, d.accuInit], bound, &found)
            _ = children([d.loopCondition, d.loopStep, d.result], inner, &found)
            return false
        }
    }

    private mutating func newLocal(_ name: String) -> Int {
        let i = localCount
        localCount += 1
        scopes.append((name, i))
        return i
    }

    // MARK: Calls

    /// The standard and Kleene declarations with their generic implementations, by name.
    static let builtins: [String: FunctionDecl] = {
        var m = StandardLibrary.byName
        for f in KleeneLibrary.functions { m[f.name] = f }
        return m
    }()

    private mutating func planCall(_ e: Expr, _ target: Expr?, _ function: String, _ args: [Expr]) -> EvalNode {
        var name = function
        var target = target
        var overloadIDs: [String]?
        if case .function(let n, let ids)? = references[e.id] {
            name = n
            overloadIDs = ids
        } else if let t = target, references.isEmpty, let chain = identChain(t) {
            // Unchecked `ns.f(x)`: a namespaced global function.
            let qualified = chain.map(\.name).joined(separator: ".") + "." + function
            for cand in candidateNames(qualified) where functions[cand] != nil {
                name = cand
                target = nil
                break
            }
        }
        if specialised, target == nil, name == "@kleene_result", args.count == 1, let node = planAtLeastArgs(e, args[0]) {
            return node
        }
        guard let decl = functions[name] ?? functions[function] else {
            return ConstNode(id: e.id, .error("no_such_function", "unknown function '\(name)'"))
        }
        let receiver = target != nil
        let argExprs = (target.map { [$0] } ?? []) + args
        let nodes = argExprs.map { plan($0) }
        guard decl.hasOverload(argCount: nodes.count, receiver: receiver) else {
            return ConstNode(id: e.id, .error("no_matching_overload",
                                              "no overload of '\(name)' takes \(args.count) argument(s)\(receiver ? " with a receiver" : "")"))
        }
        if let generic = decl.generic {
            return folded(genericCall(e.id, decl, generic, nodes), nodes)
        }
        // A standard function merged with host overloads: calls that resolve only to standard
        // overloads (or a table holding nothing else) still use the standard implementation.
        if let builtin = Planner.builtins[name], let generic = builtin.generic {
            let builtinIDs = Set(builtin.overloads.map(\.id))
            let onlyBuiltin = overloadIDs.map { !$0.isEmpty && $0.allSatisfy(builtinIDs.contains) }
                ?? decl.overloads.allSatisfy { builtinIDs.contains($0.id) }
            if onlyBuiltin { return folded(genericCall(e.id, builtin, generic, nodes), nodes) }
        }
        var candidates = decl.overloads.filter { $0.params.count == nodes.count && $0.receiver == receiver }
        if let ids = overloadIDs {
            let chosen = candidates.filter { ids.contains($0.id) }
            if !chosen.isEmpty { candidates = chosen }
        }
        if candidates.count == 1, !references.isEmpty {
            return CallNNode(id: e.id, args: nodes, nonStrict: decl.nonStrict, fn: candidates[0].impl)
        }
        return DispatchNode(id: e.id, name: name, args: nodes, overloads: candidates, nonStrict: decl.nonStrict)
    }

    /// `@kleene_result(acc)` over `acc` = `@kleene_add(… @kleene_add(@kleene_new(k), a) …)` (the
    /// `atLeast(k, a, …)` expansion) as one ``AtLeastArgsNode``; nil for any other shape.
    private mutating func planAtLeastArgs(_ e: Expr, _ acc: Expr) -> EvalNode? {
        func call(_ x: Expr, _ name: String, _ arity: Int) -> [Expr]? {
            guard case .call(nil, let f, let args) = x.kind, f == name, args.count == arity else { return nil }
            if case .function(let resolved, _)? = references[x.id], resolved != name { return nil }
            return args
        }
        guard ["@kleene_new", "@kleene_add", "@kleene_result"].allSatisfy({ functions[$0]?.generic != nil }) else { return nil }
        var operands: [Expr] = []
        var addIDs: [Int] = []
        var x = acc
        while let add = call(x, "@kleene_add", 2) {
            operands.append(add[1])
            addIDs.append(x.id)
            x = add[0]
        }
        guard !operands.isEmpty, let new = call(x, "@kleene_new", 1) else { return nil }
        let count = plan(new[0])
        let nodes = operands.reversed().map { plan($0) }
        let node = AtLeastArgsNode(id: e.id, count: count, operands: nodes, newID: x.id, addIDs: addIDs.reversed())
        return folded(node, [count] + nodes)
    }

    private func genericCall(_ id: Int, _ decl: FunctionDecl, _ g: FunctionImpl, _ nodes: [EvalNode]) -> EvalNode {
        switch (decl.name, nodes.count) {
        case ("_&&_", 2): return AndNode(id: id, lhs: nodes[0], rhs: nodes[1])
        case ("_||_", 2): return OrNode(id: id, lhs: nodes[0], rhs: nodes[1])
        case ("_?_:_", 3): return ConditionalNode(id: id, cond: nodes[0], then: nodes[1], otherwise: nodes[2])
        case ("matches", 2):
            if case .string(let pattern)? = nodes[1].constantValue {
                switch CompiledRegex.compile(pattern) {
                case .success(let re): return MatchesConstNode(id: id, text: nodes[0], regex: re)
                case .failure(let err): return ConstNode(id: id, .error(err))
                }
            }
        case ("!_", 1): return NotNode(id: id, operand: nodes[0])
        case ("size", 1):
            // size(range.filter(…)) counts instead of building the list (a strict call passes
            // the loop's failures on unchanged, and a list's size is its count).
            if specialised, let collect = nodes[0] as? CollectNode, !collect.countOnly { return collect.counting() }
        default: break
        }
        if nodes.count == 2, let op = BinaryOperator(function: decl.name), Planner.builtins[decl.name]?.generic != nil {
            let node = BinaryOpNode(id: id, op: op, lhs: nodes[0], rhs: nodes[1])
            guard specialised else { return node }
            switch (nodes[0].constantValue, nodes[1].constantValue) {
            case (nil, let c?) where !c.isErrorOrUnknown:
                return ConstOperandOpNode(node, operand: nodes[0], constant: c, constantOnRight: true)
            case (let c?, nil) where !c.isErrorOrUnknown:
                return ConstOperandOpNode(node, operand: nodes[1], constant: c, constantOnRight: false)
            default:
                return node
            }
        }
        if decl.nonStrict {
            if nodes.count == 1, let u = g.unary { return NonStrict1Node(id: id, arg: nodes[0], fn: u) }
            if nodes.count == 2, let b = g.binary { return NonStrict2Node(id: id, lhs: nodes[0], rhs: nodes[1], fn: b) }
            return CallNNode(id: id, args: nodes, nonStrict: true, fn: g.nary)
        }
        if nodes.count == 1, let u = g.unary { return Call1Node(id: id, arg: nodes[0], fn: u) }
        if nodes.count == 2, let b = g.binary { return Call2Node(id: id, lhs: nodes[0], rhs: nodes[1], fn: b) }
        return CallNNode(id: id, args: nodes, nonStrict: false, fn: g.nary)
    }

    /// Replaces `node` by its value when all `inputs` are constants (pure standard functions only).
    private func folded(_ node: EvalNode, _ inputs: [EvalNode]) -> EvalNode {
        guard !(node is ConstNode), inputs.allSatisfy({ $0.constantValue != nil }) else { return node }
        let value = Frame.evaluate(node, Activation(slots: []), localCount: 0, hoistCount: 0, observer: nil)
        return ConstNode(id: node.id, value)
    }
}
