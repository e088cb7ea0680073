import CEL

/// Turns rule files into a ``Ruleset``: parse, validate, order, check and plan.
struct RulesetCompiler {
    var diagnostics: [RuleDiagnostic] = []

    /// A rule block being compiled (or a synthetic rule the engine computes).
    struct Pending {
        var block: RuleBlock?
        var id: String
        var kind: RuleKind
        var position: RulePosition
        var group: String?
        var weight: Double = 1
        var isCore = false
        var level = 0
        var slot = 0
        var secondarySlot: Int?
        var secondaryName: String?
        var loopVar: String?
        /// Parsed expressions by attribute key (`when`/`value`, `for`, `members`, `members.unknown`).
        var parsed: [String: (ParsedAST, RuleAttribute, String)] = [:]
        var deps: Set<Int> = []
        var type: CELType = .bool
        var declaredType: String?
    }

    static let allowedKeys: [RuleKind: Set<String>] = [
        .fact: ["value", "type"],
        .riskFactor: ["domain", "weight", "for", "when", "members", "members.unknown"],
        .domain: [],
        .indicator: ["profile", "core", "weight", "when"],
        .profile: ["implies.nl", "implies.en"],
        .acute: ["when"], .criterion: ["when"], .category: ["level", "when"],
        .route: ["when"], .phase: ["when"], .action: ["when"],
    ]
    static let common: Set<String> = ["label.nl", "label.en", "source", "note"]

    mutating func error(_ pos: RulePosition, _ code: String, _ message: String) {
        diagnostics.append(RuleDiagnostic(file: pos.file, line: pos.line, column: pos.column, code: code, message: message))
    }

    mutating func compile(files: [(name: String, bytes: [UInt8])]) throws(RulesetErrors) -> Ruleset {
        let sorted = files.sorted { Array($0.name.utf8).lexicographicallyPrecedes(Array($1.name.utf8)) }
        let sha = Ruleset.digest(files: sorted)
        var blocks: [RuleBlock] = []
        for file in sorted {
            guard let text = String(validating: file.bytes, as: UTF8.self) else {
                error(RulePosition(file: file.name, line: 1, column: 1), "syntax", "the file is not valid UTF-8")
                continue
            }
            let (b, d) = RuleFileParser.parse(text, file: file.name)
            blocks += b
            diagnostics += d
        }
        if blocks.isEmpty && diagnostics.isEmpty {
            error(RulePosition(file: "rules", line: 1, column: 1), "empty", "no rule files (*.rules) found")
        }

        // Ruleset header, parameters and rules.
        var name = "", version = ""
        var parameters: [RuleParameter] = []
        var pending: [Pending] = []
        var firstDefinition: [String: RulePosition] = [:]
        func attr(_ b: RuleBlock, _ k: String) -> String { b.attribute(k)?.value ?? "" }

        for b in blocks {
            if let first = firstDefinition[b.id], b.kind != "ruleset" {
                error(b.idPosition, "duplicate_id", "`\(b.id)` is already defined at \(first.text)")
                continue
            }
            if b.kind != "ruleset" { firstDefinition[b.id] = b.idPosition }
            switch b.kind {
            case "ruleset":
                if !name.isEmpty { error(b.position, "duplicate_id", "only one `ruleset` block is allowed") }
                name = b.id
                version = attr(b, "version")
                if version.isEmpty { error(b.position, "missing_attribute", "`ruleset` needs a `version`") }
                checkKeys(b, allowed: RulesetCompiler.common.union(["version"]), requireLabels: false)
            case "parameter":
                checkKeys(b, allowed: RulesetCompiler.common, requireLabels: true)
                guard let text = b.inlineValue, let pos = b.inlineValuePosition else {
                    error(b.position, "syntax", "a parameter is written `parameter name = value`")
                    continue
                }
                guard let value = RulesetCompiler.literal(text) else {
                    error(pos, "syntax", "a parameter value is a number, a \"string\", true or false")
                    continue
                }
                parameters.append(RuleParameter(name: b.id, value: value, text: text, labelNL: attr(b, "label.nl"),
                                                labelEN: attr(b, "label.en"), source: attr(b, "source"), position: b.position))
            default:
                guard let kind = RuleKind(rawValue: b.kind), kind != .decision else {
                    error(b.position, "unknown_kind", "unknown block kind `\(b.kind)` (expected ruleset, parameter, "
                          + RuleKind.allCases.filter { $0 != .decision }.map(\.rawValue).joined(separator: ", ") + ")")
                    continue
                }
                checkKeys(b, allowed: RulesetCompiler.allowedKeys[kind]! .union(RulesetCompiler.common), requireLabels: true)
                var p = Pending(block: b, id: b.id, kind: kind, position: b.position)
                switch kind {
                case .riskFactor:
                    p.group = b.attribute("domain")?.value
                    if p.group == nil { error(b.position, "missing_attribute", "risk factor `\(b.id)` needs a `domain`") }
                case .indicator:
                    p.group = b.attribute("profile")?.value
                    if p.group == nil { error(b.position, "missing_attribute", "indicator `\(b.id)` needs a `profile`") }
                    if let c = b.attribute("core") {
                        switch c.value {
                        case "true": p.isCore = true
                        case "false": p.isCore = false
                        default: error(c.valuePosition, "syntax", "`core` is true or false")
                        }
                    }
                    if let g = p.group, !b.id.hasPrefix(g + ".") {
                        error(b.idPosition, "naming", "indicator ids are `profile.indicator`; expected the prefix `\(g).`")
                    }
                case .category:
                    if let l = b.attribute("level"), let n = Int(l.value), n >= 1 { p.level = n } else {
                        error(b.position, "missing_attribute", "category `\(b.id)` needs a `level` of 1 or more")
                    }
                case .fact:
                    p.declaredType = b.attribute("type")?.value
                case .route:
                    if Route(rawValue: b.id) == nil {
                        error(b.idPosition, "unknown_route", "a route is one of regular_care, veiligheidsteam, mda_plus_plus")
                    }
                default: break
                }
                if let w = b.attribute("weight") {
                    if let v = Double(w.value), v > 0, v.isFinite { p.weight = v } else {
                        error(w.valuePosition, "syntax", "`weight` is a positive number")
                    }
                }
                pending.append(p)
            }
        }
        if name.isEmpty && !blocks.isEmpty { error(RulePosition(file: sorted.first?.name ?? "rules", line: 1, column: 1), "missing_attribute", "a `ruleset NAME` block is required") }

        // Structure: exactly the routes, one acute, phases, categories 1...n.
        let kinds = pending.map(\.kind)
        let anchor = RulePosition(file: sorted.last?.name ?? "rules", line: 1, column: 1)
        for r in Route.allCases where !pending.contains(where: { $0.kind == .route && $0.id == r.rawValue }) {
            error(anchor, "missing_rule", "the ruleset needs a `route \(r.rawValue)` rule")
        }
        if kinds.filter({ $0 == .acute }).count != 1 { error(anchor, "missing_rule", "the ruleset needs exactly one `acute` rule") }
        if !kinds.contains(.phase) { error(anchor, "missing_rule", "the ruleset needs at least one `phase` rule") }
        let levels = pending.filter { $0.kind == .category }.map(\.level).sorted()
        if levels != Array(1...max(1, levels.count)).prefix(levels.count).map({ $0 }) {
            error(anchor, "category_levels", "category levels must be 1, 2, … without gaps or repeats")
        }

        // Synthetic rules: domain members, profile status, the final route.
        let domainIDs = Set(pending.filter { $0.kind == .domain }.map(\.id))
        let profileIDs = Set(pending.filter { $0.kind == .profile }.map(\.id))
        for i in pending.indices {
            switch pending[i].kind {
            case .domain:
                pending[i].id = "domain." + pending[i].id
                pending[i].secondaryName = pending[i].id + ".members"
            case .profile:
                pending[i].secondaryName = pending[i].id + ".status"
            case .riskFactor:
                if let g = pending[i].group, !domainIDs.contains(g) {
                    error(pending[i].block!.attribute("domain")!.valuePosition, "undefined", "no `domain \(g)` block defines this domain")
                }
            case .indicator:
                if let g = pending[i].group, !profileIDs.contains(g) {
                    error(pending[i].block!.attribute("profile")!.valuePosition, "undefined", "no `profile \(g)` block defines this profile")
                }
            default: break
            }
        }
        pending.append(Pending(block: nil, id: "route", kind: .decision, position: anchor))
        pending[pending.count - 1].type = .string

        // Slots: case, one per rule, secondary ones, then the loop variable.
        var slot = 1
        for i in pending.indices {
            pending[i].slot = slot
            slot += 1
        }
        for i in pending.indices where pending[i].secondaryName != nil {
            pending[i].secondarySlot = slot
            slot += 1
        }
        let loopSlot = slot
        let slotCount = slot + 1
        var index: [String: Int] = [:]
        for (i, p) in pending.enumerated() {
            index[p.id] = i
            if let s = p.secondaryName { index[s] = i }
        }
        let parameterNames = Set(parameters.map(\.name))
        for p in parameters where index[p.name] != nil {
            error(p.position, "duplicate_id", "`\(p.name)` is both a parameter and a rule")
        }

        // Parse every expression and collect dependencies syntactically.
        let parseEnv = try! Environment(options: .init(enableKleeneExtensions: true))
        for i in pending.indices {
            guard let b = pending[i].block else { continue }
            let expressionKey = pending[i].kind == .fact ? "value" : "when"
            let needsCondition = ![.domain, .profile].contains(pending[i].kind)
            if needsCondition && b.attribute(expressionKey) == nil {
                error(b.position, "missing_attribute", "`\(b.id)` needs `\(expressionKey):`")
            }
            for key in [expressionKey, "for", "members", "members.unknown"] {
                guard var a = b.attribute(key) else { continue }
                var source = a.value
                if key == "for" {
                    let parts = source.split(separator: " ", maxSplits: 2, omittingEmptySubsequences: true)
                    guard parts.count == 3, parts[1] == "in", isIdentifier(String(parts[0])) else {
                        error(a.valuePosition, "syntax", "`for` is written `for: name in list`")
                        continue
                    }
                    pending[i].loopVar = String(parts[0])
                    let offset = source.distance(from: source.startIndex, to: parts[2].startIndex)
                    source = String(parts[2])
                    a.valuePosition.column += offset
                }
                do {
                    let parsed = try parseEnv.parse(source)
                    pending[i].parsed[key] = (parsed, a, source)
                    for name in RulesetCompiler.names(in: parsed.expr) {
                        if let dep = RulesetCompiler.resolve(name, index), dep != i || pending[i].kind == .decision { pending[i].deps.insert(dep) }
                        else if let dep = RulesetCompiler.resolve(name, index), dep == i {
                            error(a.valuePosition, "cycle", "`\(pending[i].id)` reads itself")
                        }
                    }
                } catch {
                    report(error, attribute: a)
                }
            }
            if pending[i].parsed["members"] != nil || pending[i].parsed["members.unknown"] != nil, pending[i].loopVar == nil {
                error(b.position, "syntax", "`members` needs `for:` (a household-level factor has no members)")
            }
            if let v = pending[i].loopVar, index[v] != nil || parameterNames.contains(v) || v == "case" {
                error(b.attribute("for")!.valuePosition, "shadowing", "the loop variable `\(v)` hides a rule or parameter of that name")
            }
        }
        for i in pending.indices {
            switch pending[i].kind {
            case .domain:
                let d = String(pending[i].id.dropFirst("domain.".count))
                pending[i].deps.formUnion(pending.indices.filter { pending[$0].kind == .riskFactor && pending[$0].group == d })
            case .profile:
                pending[i].deps.formUnion(pending.indices.filter { pending[$0].kind == .indicator && pending[$0].group == pending[i].id })
            case .decision:
                pending[i].deps.formUnion(pending.indices.filter { pending[$0].kind == .route })
            default: break
            }
        }
        guard !diagnostics.contains(where: { $0.severity == .error }) else { throw RulesetErrors(sortedDiagnostics()) }

        // Order by dependencies (file order among rules that are ready together); report cycles.
        guard let order = topologicalOrder(pending) else { throw RulesetErrors(sortedDiagnostics()) }

        // Check and plan in dependency order, so each fact's type is known before it is read.
        var types = Array(repeating: CELType.bool, count: slotCount)
        var declarationNames = Array(repeating: "", count: slotCount)
        declarationNames[0] = "case"
        types[0] = .object(CaseSchema.case)
        for p in pending {
            declarationNames[p.slot] = p.id
            types[p.slot] = p.kind == .fact ? .dyn : p.type
            if let s = p.secondarySlot, let n = p.secondaryName {
                declarationNames[s] = n
                types[s] = p.kind == .domain ? .list(.string) : .string
            }
        }
        var used: Set<String> = []
        var programs: [Int: [String: Program]] = [:]
        var inputs: [Int: Set<Int>] = [:]
        var parameterReads: [Int: Set<String>] = [:]
        var comparesRecords: Set<Int> = []
        var selectedFields: [Int: Set<String>] = [:]
        // One environment serves every expression: the slots, the parameters and the rule
        // functions are declared once; a fact's slot is retyped when its value has been checked
        // and a loop variable is declared on top for the expressions inside its loop.
        let declarations: [Declaration] = (0..<loopSlot).map { .variable(declarationNames[$0], types[$0]) }
            + parameters.map { .constant($0.name, $0.value) }
        var current = Result { () throws(CELEnvironmentError) in
            try Environment(declarations: declarations, functions: RuleFunctions.all, options: .init(enableKleeneExtensions: true))
        }
        for i in order {
            let p = pending[i]
            var loopType: CELType?
            programs[i] = [:]
            inputs[i] = p.deps
            for key in ["for", "value", "when", "members", "members.unknown"] {
                guard let (parsed, attribute, _) = p.parsed[key] else { continue }
                let env: Environment
                do {
                    let base = try current.get()
                    if let v = p.loopVar, key != "for" { env = try base.declaring([.variable(v, loopType ?? .dyn)]) } else { env = base }
                } catch {
                    self.error(attribute.valuePosition, "environment", error.message)
                    continue
                }
                do {
                    let checked = try env.check(parsed)
                    used.formUnion(checked.referencedNames)
                    if !checked.usesObjectsOnlyThroughFields { comparesRecords.insert(i) }
                    selectedFields[i, default: []].formUnion(checked.selectedFieldNames)
                    parameterReads[i, default: []].formUnion(checked.referencedNames.intersection(parameterNames))
                    let out = checked.outputType
                    switch key {
                    case "for":
                        if case .list(let e) = out { loopType = e } else if out != .dyn {
                            self.error(attribute.valuePosition, "cel_type", "`for` needs a list, not \(out)")
                        }
                    case "value":
                        if let declared = p.declaredType, !RulesetCompiler.matches(declared, out) {
                            self.error(attribute.valuePosition, "cel_type", "the value is \(out), but `type` says \(declared)")
                        }
                        types[p.slot] = out
                        current = current.map { $0.retyping(declarationNames[p.slot], as: out) ?? $0 }
                    case "when":
                        if out != .bool && out != .dyn {
                            self.error(attribute.valuePosition, "cel_type", "`when` must be a condition (bool), not \(out)")
                        }
                    default:
                        if case .list = out {} else if out != .dyn {
                            self.error(attribute.valuePosition, "cel_type", "`\(key)` must be a list of members, not \(out)")
                        }
                    }
                    programs[i]![key] = try env.program(checked)
                } catch let e as CELCompileErrors {
                    report(e, attribute: attribute)
                } catch {
                    self.error(attribute.valuePosition, "cel_plan", "\(error)")
                }
            }
        }
        used.insert("profileSupportingShare")   // read by the profile computation itself
        for p in parameters where !used.contains(p.name) {
            diagnostics.append(RuleDiagnostic(file: p.position.file, line: p.position.line, column: p.position.column,
                                              severity: .warning, code: "unused_parameter",
                                              message: "parameter `\(p.name)` is not used by any rule"))
        }
        guard !diagnostics.contains(where: { $0.severity == .error }) else { throw RulesetErrors(sortedDiagnostics()) }

        // Build the rules in evaluation order.
        var position: [Int: Int] = [:]
        for (k, i) in order.enumerated() { position[i] = k }
        var rules: [Rule] = []
        for i in order {
            let p = pending[i]
            let b = p.block
            let prog = programs[i] ?? [:]
            rules.append(Rule(id: p.id, kind: p.kind, labelNL: b?.attribute("label.nl")?.value ?? "",
                              labelEN: b?.attribute("label.en")?.value ?? "", source: b?.attribute("source")?.value ?? "domain.md",
                              position: p.position, group: p.group, weight: p.weight, isCore: p.isCore, level: p.level,
                              impliesNL: b?.attribute("implies.nl")?.value, impliesEN: b?.attribute("implies.en")?.value,
                              slot: p.slot, secondarySlot: p.secondarySlot, condition: prog["value"] ?? prog["when"],
                              iteration: prog["for"], loopSlot: loopSlot, members: prog["members"],
                              membersUnknown: prog["members.unknown"],
                              inputs: (inputs[i] ?? []).compactMap { position[$0] }.sorted(),
                              definition: RulesetCompiler.definition(p), parameterNames: (parameterReads[i] ?? []).sorted(),
                              comparesRecords: comparesRecords.contains(i), selectedFields: selectedFields[i] ?? []))
        }
        let share: Double
        switch parameters.first(where: { $0.name == "profileSupportingShare" })?.value {
        case .double(let d)?: share = d
        case .int(let n)?: share = Double(n)
        default: share = 0.5
        }
        return Ruleset(name: name, version: version, sha256: sha, rules: rules, parameters: parameters,
                       warnings: sortedDiagnostics(), slotCount: slotCount, supportingShare: share, files: sorted)
    }

    /// A rule's definition apart from its inputs and parameters (see ``Rule/definition``).
    static func definition(_ p: Pending) -> String {
        var parts = [p.kind.rawValue, p.group ?? "", "\(p.weight)", "\(p.isCore)", "\(p.level)", p.loopVar ?? "", p.declaredType ?? ""]
        for key in ["for", "value", "when", "members", "members.unknown"] {
            parts.append(key + "=" + (p.parsed[key]?.2 ?? ""))
        }
        return parts.joined(separator: "\u{1F}")
    }

    func sortedDiagnostics() -> [RuleDiagnostic] {
        diagnostics.enumerated().sorted { a, b in
            let pa = RulePosition(file: a.element.file, line: a.element.line, column: a.element.column)
            let pb = RulePosition(file: b.element.file, line: b.element.line, column: b.element.column)
            return pa == pb ? a.offset < b.offset : pa < pb
        }.map(\.element)
    }

    mutating func checkKeys(_ b: RuleBlock, allowed: Set<String>, requireLabels: Bool) {
        for a in b.attributes where !allowed.contains(a.key) {
            error(a.keyPosition, "unknown_attribute", "`\(b.kind)` has no attribute `\(a.key)` (allowed: \(allowed.sorted().joined(separator: ", ")))")
        }
        if requireLabels {
            for k in ["label.nl", "label.en", "source"] where b.attribute(k)?.value.isEmpty ?? true {
                error(b.position, "missing_attribute", "`\(b.id)` needs `\(k):`")
            }
        }
    }

    /// Maps a CEL compile error's position (inside the expression) to the rule file.
    mutating func report(_ errors: CELCompileErrors, attribute a: RuleAttribute) {
        for d in errors.diagnostics {
            let line = a.valuePosition.line + d.line - 1
            let column = d.line == 1 ? a.valuePosition.column + d.column - 1 : d.column
            let code = d.code == "undeclared_reference" ? "undefined" : (["syntax_error", "invalid_literal", "reserved_identifier", "nesting_limit", "invalid_macro", "unsupported_syntax"].contains(d.code) ? "cel_parse" : "cel_type")
            diagnostics.append(RuleDiagnostic(file: a.valuePosition.file, line: line, column: column, code: code, message: d.message))
        }
    }

    /// Dependency order: Kahn's algorithm taking the earliest-defined ready rule first.
    mutating func topologicalOrder(_ pending: [Pending]) -> [Int]? {
        var remaining = pending.map { $0.deps.count }
        var dependents = Array(repeating: [Int](), count: pending.count)
        for (i, p) in pending.enumerated() { for d in p.deps { dependents[d].append(i) } }
        var ready = pending.indices.filter { remaining[$0] == 0 }
        var order: [Int] = []
        while !ready.isEmpty {
            ready.sort(by: >)
            let next = ready.removeLast()
            order.append(next)
            for d in dependents[next] {
                remaining[d] -= 1
                if remaining[d] == 0 { ready.append(d) }
            }
        }
        guard order.count < pending.count else { return order }
        // Report one cycle: walk dependencies among the unordered rules until one repeats.
        let left = Set(pending.indices).subtracting(order)
        var path: [Int] = []
        var current = left.min()!
        while !path.contains(current) {
            path.append(current)
            current = pending[current].deps.filter { left.contains($0) }.min()!
        }
        let cycle = path[path.firstIndex(of: current)!...] + [current]
        let start = pending[cycle.first!]
        error(start.position, "cycle", "rules depend on each other in a cycle: " + cycle.map { pending[$0].id }.joined(separator: " → "))
        return nil
    }

    /// Identifier and dotted-name uses in an expression (for dependency ordering).
    static func names(in expr: Expr) -> [String] {
        var out: [String] = []
        var stack = [expr]
        while let e = stack.popLast() {
            switch e.kind {
            case .ident(let n): out.append(n)
            case .select(let operand, let field, _):
                // A dotted name resolves as a whole (longest declared prefix); anything else is an operand.
                if let q = qualified(operand) { out.append(q + "." + field) } else { stack.append(operand) }
            case .call(let target, _, let args):
                if let t = target { stack.append(t) }
                stack.append(contentsOf: args)
            case .list(let items): stack.append(contentsOf: items)
            case .map(let entries): for en in entries { stack.append(en.key); stack.append(en.value) }
            case .comprehension(let c):
                stack.append(contentsOf: [c.iterRange, c.accuInit, c.loopCondition, c.loopStep, c.result])
            case .literal: break
            }
        }
        return out
    }

    static func qualified(_ e: Expr) -> String? {
        switch e.kind {
        case .ident(let n): return n
        case .select(let o, let f, false): return qualified(o).map { $0 + "." + f }
        default: return nil
        }
    }

    /// The longest declared rule name that `name` starts with.
    static func resolve(_ name: String, _ index: [String: Int]) -> Int? {
        var candidate = Substring(name)
        while true {
            if let i = index[String(candidate)] { return i }
            guard let dot = candidate.lastIndex(of: ".") else { return nil }
            candidate = candidate[..<dot]
        }
    }

    static func matches(_ declared: String, _ type: CELType) -> Bool {
        switch (declared, type) {
        case ("dyn", _), (_, .dyn): return true
        case ("list", .list): return true
        case ("map", .map): return true
        default: return declared == type.description || (declared == "timestamp" && type == .timestamp)
        }
    }

    static func literal(_ text: String) -> Value? {
        if let i = Int64(text) { return .int(i) }
        if let d = Double(text), d.isFinite, text.contains(".") { return .double(d) }
        if text == "true" { return .bool(true) }
        if text == "false" { return .bool(false) }
        if text.count >= 2, text.hasPrefix("\""), text.hasSuffix("\"") { return .string(String(text.dropFirst().dropLast())) }
        return nil
    }

    func isIdentifier(_ s: String) -> Bool {
        guard let f = s.first, f.isLetter || f == "_" else { return false }
        return s.allSatisfy { $0.isLetter || $0.isNumber || $0 == "_" }
    }
}
