import CEL

/// One evaluation of a ruleset over one case: rule values in evaluation order, plus (when
/// tracing) the event stream of every fact and rule read.
struct Evaluation {
    /// The ruleset evaluated (a rerun under a changed ruleset replaces it; see ``RulesetChange``).
    var ruleset: Ruleset
    var activation: Activation
    /// Each rule's value, by rule index.
    var values: [Value]
    /// Members of each risk factor and domain, by rule index.
    var members: [[String]]
    /// Profile results, by position in the ruleset's `profiles` (see ``profile(at:)``).
    var profileResults: [Decision.ProfileResult?]
    var recorder: TraceRecorder? {
        didSet { observer = recorder.map { Unmanaged.passUnretained($0) } }
    }
    /// `recorder` unretained, for the calls that report reads: loaded from `self` as a
    /// reference it would be retained and released around every CEL call. Sound because
    /// `recorder` holds it strongly, and the two change together.
    private var observer: Unmanaged<TraceRecorder>?
    /// Per rule index: where its reads start and end in the recorder (filled as rules run).
    var spans: [(fields: Range<Int>, slots: Range<Int>)]
    var routeOutcome = RouteOutcome()
    /// Warnings in rule order, each with the index of the rule that raised it.
    var warnings: [(rule: Int, message: String)] = []
    /// Whether profiles list their held and unknown indicators in file order (a decision's
    /// view); counterfactuals need only match values and statuses.
    var details: Bool
    /// Whether profiles store their results in `profileResults`: a counterfactual reads only the
    /// route and the acute flag, so its copies skip them (and keep the run's, never read).
    var keepsProfiles = true
    /// Whether unknown values the engine combines (risk factors, domains, profiles) carry the
    /// facts they hang on. A counterfactual reads only whether its route and acute flag are
    /// known and what they are, never which facts an unknown names (CEL's own operators and the
    /// rule functions decide on known-ness alone too), so its copies leave the facts out.
    var tracksUnknowns = true
    /// Set on a counterfactual copy between values of one leaf: lets
    /// ``reevaluate(case:rules:copies:from:judgement:)`` keep the rules the leaf cannot reach.
    var again: LeafRerun?

    /// The route before and after professional judgement.
    struct RouteOutcome {
        var base: Route = .regularCare
        var final: Route = .regularCare
        var raised = false
        var provisional = false
        var judgementTarget: Route?
    }

    init(ruleset: Ruleset, tracing: Bool) {
        self.ruleset = ruleset
        self.activation = Activation(slots: Evaluation.filled(.null, count: ruleset.slotCount))
        self.values = Evaluation.filled(.null, count: ruleset.rules.count)
        self.members = Evaluation.filled([], count: ruleset.rules.count)
        self.profileResults = Evaluation.filled(nil, count: ruleset.profiles.count)
        let recorder = tracing ? TraceRecorder(slotNames: ruleset.slotNames, slotSetters: ruleset.slotSetters) : nil
        self.recorder = recorder   // an initialiser's assignment runs no didSet
        self.observer = recorder.map { Unmanaged.passUnretained($0) }
        self.details = tracing
        self.spans = []
        if tracing { spans.reserveCapacity(ruleset.rules.count) }
    }

    /// `count` copies of `value`: `Array(repeating:count:)` fills through the element type's
    /// value witness, one call per element; this fill is specialised for each element type.
    @inline(__always)
    private static func filled<T>(_ value: T, count: Int) -> [T] {
        [T](unsafeUninitializedCapacity: count) { buffer, initialized in
            buffer.initialize(repeating: value)
            initialized = count
        }
    }

    /// The result of the profile with rule index `k` (nil for another rule, or when not kept).
    func profile(at k: Int) -> Decision.ProfileResult? {
        let position = ruleset.profilePositions[k]
        return position < 0 ? nil : profileResults[position]
    }

    /// A finished evaluation of every rule for a decision (profiles list their indicators in
    /// file order), traced or not.
    static func decision(ruleset: Ruleset, case graph: Value, judgement: CaseFile.ProfessionalJudgement,
                         tracing: Bool) -> Evaluation {
        var run = Evaluation(ruleset: ruleset, tracing: tracing)
        run.details = true
        run.run(case: graph, judgement: judgement)
        return run
    }

    /// Evaluates every rule (or, with `coneOnly`, only those the route and acute flag need).
    mutating func run(case value: Value, judgement: CaseFile.ProfessionalJudgement, coneOnly: Bool = false) {
        activation.slots[0] = value
        let count = ruleset.rules.count
        guard let recorder else {
            for k in 0..<count where !coneOnly || ruleset.routeCone[k] { evaluateRule(k, judgement: judgement) }
            return
        }
        spans.removeAll(keepingCapacity: true)
        recorder.reserveFacts(CaseGraph.FactNumbers.count(of: value))
        for k in 0..<count {
            let fieldStart = recorder.startRule(), slotStart = recorder.slotCount
            if !coneOnly || ruleset.routeCone[k] { evaluateRule(k, judgement: judgement) }
            spans.append((fieldStart..<recorder.fieldCount, slotStart..<recorder.slotCount))
        }
    }

    /// An untraced copy of this (finished) run, to be varied by
    /// ``reevaluate(case:rules:copies:from:judgement:)`` into counterfactuals: the case
    /// replaced and only the rules planned for it evaluated again or substituted. Sound when
    /// the plan covers every rule whose value could change (see `Engine.affectedRules`).
    func counterfactualCopy() -> Evaluation {
        var alt = self
        alt.recorder = nil
        alt.spans = []
        alt.warnings = []
        alt.keepsProfiles = false
        alt.tracksUnknowns = false
        return alt
    }

    /// Puts back the state of `original` (the run this copy was made from) for the rules
    /// `plan` does not keep, the only rules ``reevaluate(case:rules:copies:from:judgement:)``
    /// with that plan changed: afterwards the copy equals a fresh ``counterfactualCopy()``
    /// and serves other plans. A rule's evaluation writes only its value, its slots and its
    /// members (its loop slot ends as `.null` again); the decision rule, always evaluated,
    /// sets `routeOutcome` whole.
    mutating func restore(rules plan: RerunPlan, from original: Evaluation) {
        let rules = ruleset.rules
        for k in plan.visited {
            let rule = rules[k]
            values[k] = original.values[k]
            activation.slots[rule.slot] = original.activation.slots[rule.slot]
            if let s = rule.secondarySlot { activation.slots[s] = original.activation.slots[s] }
            members[k] = original.members[k]
        }
    }

    /// Replaces the case by `value` and carries out `plan` in place: evaluates the rules to
    /// evaluate, and sets each rule to substitute to its value in `original` (the run this copy
    /// was made from) with the records `copies` replaced.
    ///
    /// Calling it again with another value and the *same* plan needs no reset: every planned
    /// rule is evaluated or substituted again before any planned rule reads it (evaluation
    /// order), substitutions start from `original`, and the kept rules were never changed. So
    /// one copy serves all the candidate values of a leaf.
    ///
    /// With ``again`` set, the call follows one with the same plan and the same copies for
    /// another value of the same leaf (the case is that one's, with the new value put into the
    /// copied records: ``CaseGraph/Replacement/Varied``). A rule to substitute already holds
    /// its value with these copies. A rule to evaluate that cannot read the leaf
    /// (`again.mayRead`), holds no records and whose inputs all kept their values
    /// (``unchanged(_:_:)``, second slots and members included) keeps its value from that call:
    /// every value and field it reads is the same as then. Such a rule's warnings are not
    /// raised again.
    mutating func reevaluate(case value: Value, rules plan: RerunPlan, copies: RecordCopies?, from original: Evaluation,
                             judgement: CaseFile.ProfessionalJudgement) {
        warnings.removeAll(keepingCapacity: true)
        activation.slots[0] = value
        let incremental = again != nil
        for k in plan.visited {
            if plan[k] == .substitute, let copies {
                if incremental {
                    again!.changed[k] = true   // its records' leaf changed
                    continue
                }
                let v = copies.substituted(in: original.values[k])
                activation.slots[ruleset.slotOfRule[k]] = v
                values[k] = consume v
                continue
            }
            guard incremental else {
                evaluateRule(k, judgement: judgement)
                continue
            }
            let rule = ruleset.rules[k]
            if !again!.mayRead[k] && !Engine.holdsRecords(values[k]) && !rule.inputs.contains(where: { again!.changed[$0] }) {
                again!.changed[k] = false
                continue
            }
            let value = values[k], members = members[k], second = rule.secondarySlot.map { activation.slots[$0] }
            evaluateRule(k, judgement: judgement)
            again!.changed[k] = !Evaluation.unchanged(value, values[k]) || members != self.members[k]
                || second.map { !Evaluation.unchanged($0, activation.slots[rule.secondarySlot!]) } ?? false
        }
    }

    /// Whether `new` is `old` for every rule that reads it: equal and holding no records (the
    /// copies of a record differ from it), maps or errors (whose messages may differ).
    static func unchanged(_ old: Value, _ new: Value) -> Bool {
        switch (old, new) {
        case (.object, _), (.map, _), (.error, _): return false
        case let (.list(a), .list(b)): return a.count == b.count && zip(a, b).allSatisfy { unchanged($0, $1) }
        default: return old == new
        }
    }

    /// This (finished, untraced) run carried over to `changed`, a ruleset laid out like this
    /// one: the rules marked in `rules` are evaluated again under `changed`, in evaluation
    /// order; every other rule keeps its value. Sound when the marked rules include every rule
    /// whose definition, parameters or inputs differ (see ``RulesetChange``). The result equals
    /// a full evaluation under `changed`, warnings included.
    func rerun(under changed: Ruleset, rules marked: [Bool], judgement: CaseFile.ProfessionalJudgement) -> Evaluation {
        var alt = self
        alt.ruleset = changed
        alt.recorder = nil
        alt.spans = []
        alt.warnings.removeAll { marked[$0.rule] }
        let kept = alt.warnings.count
        for k in changed.rules.indices where marked[k] { alt.evaluateRule(k, judgement: judgement) }
        if kept > 0 && alt.warnings.count > kept {
            // Back into rule order, as a full run would raise them (each rule's own stay in order).
            alt.warnings = alt.warnings.enumerated().sorted { ($0.element.rule, $0.offset) < ($1.element.rule, $1.offset) }.map(\.element)
        }
        return alt
    }

    /// Evaluates rule `k` and stores its value (and its rule slot).
    mutating func evaluateRule(_ k: Int, judgement: CaseFile.ProfessionalJudgement) {
        let v: Value
        switch ruleset.kinds[k] {
        case .riskFactor: v = factor(k)
        case .domain: v = domain(k)
        case .profile: v = profile(k)
        case .decision: v = decide(k, judgement: judgement)
        default:
            // Borrowed, as in ``factor(_:)``: the ruleset owns its programs for the whole run.
            v = Unmanaged.passUnretained(ruleset.conditions[k]!)._withUnsafeGuaranteedRef { evaluate($0) }
        }
        activation.slots[ruleset.slotOfRule[k]] = v
        values[k] = consume v   // moved: one copy of the value, not two
    }

    func evaluate(_ program: Program) -> Value {
        if let observer { return observer._withUnsafeGuaranteedRef { program.evaluate(activation, observer: $0) } }
        return program.evaluate(activation)
    }

    /// Reads another rule's value for a computed rule, recording the read like CEL does.
    func read(_ index: Int) -> Value {
        let v = values[index]
        observer?._withUnsafeGuaranteedRef { $0.didRead(slot: ruleset.slotOfRule[index], value: v) }
        return v
    }

    // MARK: Risk factors and domains

    static func memberIDs(_ v: Value, into out: inout [String]) {
        switch v {
        case .list(let items): for item in items { memberIDs(item, into: &out) }
        case .object(let o): if o.type === CaseSchema.member, case .string(let id) = o.field(0) { add(id, to: &out) }
        case .string(let id): add(id, to: &out)
        default: break
        }
    }

    /// Appends `id` to `out` unless it is there; the first id reserves room for a few more,
    /// which an append would otherwise grow to one reallocation at a time.
    @inline(__always)
    private static func add(_ id: String, to out: inout [String]) {
        if out.isEmpty { out.reserveCapacity(8) } else if out.contains(id) { return }
        out.append(id)
    }

    mutating func factor(_ k: Int) -> Value {
        // Borrowed: the ruleset owns the rule for the whole run, and with the rule retained
        // each of its programs bound below was retained and released too.
        Unmanaged.passUnretained(ruleset.rules[k])._withUnsafeGuaranteedRef { factor(k, rule: $0) }
    }

    private mutating func factor(_ k: Int, rule: Rule) -> Value {
        // The rule's programs are borrowed (unretained) too: `rule` holds them for the run.
        guard let iteration = rule.iteration.map(Unmanaged.passUnretained) else {
            return Unmanaged.passUnretained(rule.condition!)._withUnsafeGuaranteedRef { evaluate($0) }
        }
        // Switched on as a temporary, so the elements are moved out of it rather than copied.
        let elements: [Value]
        switch iteration._withUnsafeGuaranteedRef({ evaluate($0) }) {
        case .list(let items): elements = items
        case let other:
            if case .unknown = other { return other }
            warnings.append((k, "rule \(rule.id): its `for` list could not be evaluated"))
            return .unknown(UnknownSet([]))
        }
        // The loop's evaluations borrow the recorder (unretained, as in ``evaluate(_:)``).
        // The recorder refers its reads of the loop variable to the elements, which it keeps.
        if let observer {
            return observer._withUnsafeGuaranteedRef { recorder in
                recorder.startLoop(over: elements, slot: rule.loopSlot)
                defer { recorder.endLoop() }
                return factor(k, rule: rule, over: elements, observer: recorder, recorder: recorder)
            }
        }
        return factor(k, rule: rule, over: elements, observer: nil, recorder: nil)
    }

    /// Rule `k`'s value over the elements of its `for` list, each lent to its loop slot.
    /// - Parameter recorder: `observer` when tracing, told the position of each element.
    private mutating func factor(_ k: Int, rule: Rule, over elements: [Value], observer: EvaluationObserver?,
                                 recorder: TraceRecorder?) -> Value {
        var any = Kleene.Fold(deciding: true, merging: tracksUnknowns)   // Kleene OR over the elements' values
        var trueMembers: [String] = []
        var unknownMembers: [String] = []
        let condition = Unmanaged.passUnretained(rule.condition!), loopSlot = rule.loopSlot
        let trueMembersOf = rule.members.map(Unmanaged.passUnretained)
        let unknownMembersOf = (rule.membersUnknown ?? rule.members).map(Unmanaged.passUnretained)
        activation.slots.withUnsafeMutableBufferPointer { slots in
            // Each element is lent to the loop slot bit for bit, as CEL's own loops lend theirs
            // (an assignment retained it, released the previous one and checked the array's
            // uniqueness, per element): `elements` owns them for the whole loop, and nothing
            // else writes the slots meanwhile. The slot is reset to null without a release.
            let element = slots.baseAddress! + loopSlot
            element.deinitialize(count: 1)
            defer { element.initialize(to: .null) }
            let lent = UnsafeBufferPointer(slots), raw = UnsafeMutableRawPointer(element)
            elements.withUnsafeBufferPointer { items in
                for i in items.indices {
                    raw.copyMemory(from: items.baseAddress! + i, byteCount: MemoryLayout<Value>.size)
                    recorder?.element = Int32(i)
                    let v = condition._withUnsafeGuaranteedRef { $0.evaluate(slots: lent, observer: observer) }
                    any.add(v)
                    switch v {
                    case .bool(true):
                        if let m = trueMembersOf { Evaluation.memberIDs(m._withUnsafeGuaranteedRef { $0.evaluate(slots: lent, observer: observer) }, into: &trueMembers) } else { Evaluation.memberIDs(items[i], into: &trueMembers) }
                    case .bool(false): break
                    default:
                        if let m = unknownMembersOf { Evaluation.memberIDs(m._withUnsafeGuaranteedRef { $0.evaluate(slots: lent, observer: observer) }, into: &unknownMembers) } else { Evaluation.memberIDs(items[i], into: &unknownMembers) }
                    }
                }
            }
        }
        let v = any.value
        switch v {
        case .bool(true): members[k] = consume trueMembers
        case .bool(false): members[k] = []
        default: members[k] = consume unknownMembers
        }
        return v
    }

    mutating func domain(_ k: Int) -> Value {
        // Borrowed, as in ``factor(_:)``.
        Unmanaged.passUnretained(ruleset.rules[k])._withUnsafeGuaranteedRef { domain(k, rule: $0) }
    }

    private mutating func domain(_ k: Int, rule: Rule) -> Value {
        var ids: [String] = []
        var any = Kleene.Fold(deciding: true, merging: tracksUnknowns)   // Kleene OR over the inputs
        for i in rule.inputs {
            let v = read(i)
            any.add(v)
            guard case .bool(true) = v else { continue }
            // Each member list holds an id once, so the first is taken whole, without a copy.
            if ids.isEmpty { ids = members[i] } else { for m in members[i] where !ids.contains(m) { ids.append(m) } }
        }
        members[k] = ids
        activation.slots[rule.secondarySlot!] = .list(ids.map { .string($0) })
        return any.value
    }

    // MARK: Profiles (domain.md "Family profiles"; reading 17)

    mutating func profile(_ k: Int) -> Value {
        // Borrowed, as in ``factor(_:)``.
        Unmanaged.passUnretained(ruleset.rules[k])._withUnsafeGuaranteedRef { profile(k, rule: $0) }
    }

    private mutating func profile(_ k: Int, rule: Rule) -> Value {
        // Without a trace (counterfactuals, route only) the indicator order and the held and
        // unknown id lists are never read: the match value and status do not depend on order.
        let indicators = details ? ruleset.indicatorsInFileOrder[k] : rule.inputs
        let tracing = details && keepsProfiles
        var core = Kleene.Fold(deciding: false, merging: tracksUnknowns)   // Kleene AND over the core indicators
        var held = 0.0, unknownWeight = 0.0, supportTotal = 0.0, allTotal = 0.0, trueTotal = 0.0
        var supportUnknowns: [UnknownSet] = []
        var anyCoreTrue = false, anySupportTrue = false
        var heldIDs: [String] = [], unknownIDs: [String] = []
        for i in indicators {
            let weight = ruleset.weights[i]
            let v = read(i)
            allTotal += weight
            switch v {
            // Reserved at the first id: at most one per indicator, and most lists stay empty.
            case .bool(true):
                trueTotal += weight
                if tracing {
                    if heldIDs.isEmpty { heldIDs.reserveCapacity(indicators.count) }
                    heldIDs.append(ruleset.indicatorNames[i])
                }
            case .bool(false): break
            default:
                if tracing {
                    if unknownIDs.isEmpty { unknownIDs.reserveCapacity(indicators.count) }
                    unknownIDs.append(ruleset.indicatorNames[i])
                }
            }
            if ruleset.isCore[i] {
                core.add(v)
                if case .bool(true) = v { anyCoreTrue = true }
            } else {
                supportTotal += weight
                switch v {
                case .bool(true): held += weight; anySupportTrue = true
                case .bool(false): break
                default:
                    unknownWeight += weight
                    if tracksUnknowns, case .unknown(let u) = v { supportUnknowns.append(u) }
                }
            }
        }
        let threshold = ruleset.supportingShare * supportTotal
        let coreValue = core.value
        let match: Value
        if case .bool(false) = coreValue {
            match = coreValue   // AND with a false core, whatever the support (its unknowns are never merged)
        } else {
            let support: Value
            if held >= threshold { support = .bool(true) }
            else if held + unknownWeight < threshold { support = .bool(false) }
            else { support = .unknown(Kleene.union(supportUnknowns)) }
            match = Kleene.and(coreValue, support)
        }
        let status: ProfileStatus
        if case .bool(true) = match { status = .match }
        else if anyCoreTrue { status = .possible }
        else if Kleene.bool(coreValue) == nil && anySupportTrue { status = .possible }   // core unknown (reading 17)
        else { status = .noMatch }
        if keepsProfiles {
            let score = allTotal > 0 ? (trueTotal / allTotal * 10_000).rounded() / 10_000 : 0
            profileResults[ruleset.profilePositions[k]] = Decision.ProfileResult(id: rule.id, status: status, score: score, held: heldIDs, unknown: unknownIDs)
        }
        activation.slots[rule.secondarySlot!] = .string(status.rawValue)
        return match
    }

    // MARK: Route and professional judgement (domain.md "Route criteria"; readings 23 and 26)

    mutating func decide(_ k: Int, judgement: CaseFile.ProfessionalJudgement) -> Value {
        var outcome = RouteOutcome()
        var found = false
        var unknownRanks: [Int] = []
        for (route, index) in ruleset.routes {
            let v = read(index)
            if found { continue }
            switch v {
            case .bool(true):
                outcome.base = route
                found = true
            case .bool(false): break
            default: unknownRanks.append(route.rank)
            }
        }
        if !found { outcome.base = .regularCare }
        outcome.final = outcome.base
        if let target = judgement.escalateTo.value {
            let length = judgement.reason.value?.unicodeScalars.count ?? 0
            if length > 0 {
                let route: Route = target == .mdaPlusPlus ? .mdaPlusPlus : .veiligheidsteam
                outcome.judgementTarget = route
                if route > outcome.final {
                    outcome.final = route
                    outcome.raised = true
                }
            } else {
                warnings.append((k, "professionalJudgement.escalateTo is ignored: it needs a non-empty reason"))
            }
        }
        outcome.provisional = unknownRanks.contains { $0 > outcome.final.rank }
        routeOutcome = outcome
        return .string(outcome.final.rawValue)
    }
}
