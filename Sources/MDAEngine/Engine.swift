import ByteJSON
import CEL

/// The routing engine: a loaded ruleset that turns cases into decisions.
///
/// An engine is immutable and `Sendable`: load it once and evaluate cases from any number of
/// threads concurrently.
///
/// ```swift
/// let engine = try Engine.bundled()
/// switch engine.evaluate(json: bytes) {
/// case .success(let decision): print(DecisionWriter.json(decision))
/// case .failure(let errors): print(errors.errors)
/// }
/// ```
public final class Engine: Sendable {
    /// The engine's name and version, written into every decision.
    public static let version = "mda/1.0.0"

    /// The ruleset this engine evaluates.
    public let ruleset: Ruleset

    /// Creates an engine for a loaded ruleset.
    public init(ruleset: Ruleset) { self.ruleset = ruleset }

    /// An engine with the rules bundled with the package.
    public static func bundled() throws(RulesetErrors) -> Engine { Engine(ruleset: try Ruleset.bundled()) }

    /// Decodes, validates and evaluates an `mda-case/1` JSON document.
    /// - Parameter missingFacts: compute `missing` (the single-fact counterfactuals); callers
    ///   that never read it (impact analysis, most regression fixtures) may skip that work.
    public func evaluate(json bytes: [UInt8], missingFacts: Bool = true) -> Result<Decision, InputErrors> {
        CaseDecoder.decode(bytes: bytes).map { evaluate($0, missingFacts: missingFacts) }
    }

    /// Evaluates a parsed JSON document.
    public func evaluate(json value: JSONValue, missingFacts: Bool = true) -> Result<Decision, InputErrors> {
        CaseDecoder.decode(value).map { evaluate($0, missingFacts: missingFacts) }
    }

    /// Evaluates a typed case.
    /// - Parameters:
    ///   - missingFacts: compute `missing`; without it `missing` is empty (everything else,
    ///     including `provisional`, is unchanged).
    ///   - traceFacts: record the facts each rule read; without it every trace entry keeps its
    ///     rule and result but has no facts, and actions have no `because` (for impact analysis,
    ///     which compares results only).
    public func evaluate(_ file: CaseFile, missingFacts: Bool = true, traceFacts: Bool = true) -> Decision {
        let run = Evaluation.decision(ruleset: ruleset, case: CaseGraph().build(file), judgement: file.professionalJudgement,
                                      tracing: traceFacts)
        return assemble(run, file: file, missingFacts: missingFacts)
    }

    /// The route, acute flag and provisional flag only: no trace, no missing facts.
    public func route(_ file: CaseFile) -> (route: Route, acute: Bool?, provisional: Bool) {
        var run = Evaluation(ruleset: ruleset, tracing: false)
        run.run(case: CaseGraph().build(file), judgement: file.professionalJudgement, coneOnly: true)
        return (run.routeOutcome.final, Kleene.bool(run.values[ruleset.acuteIndex]), run.routeOutcome.provisional)
    }

    func assemble(_ run: Evaluation, file: CaseFile, missingFacts: Bool) -> Decision {
        let rs = ruleset
        let rules = rs.rules
        // An untraced run has no reads: every entry's ranges are empty. The judgement's
        // escalateTo is listed like a rule read, after the run's reads.
        let j = file.professionalJudgement
        // The slot of TraceReads.facts[0], just past the ruleset's slots.
        let escalateTo: Value = j.escalateTo.value.map { .string($0.rawValue) } ?? .null
        let outcome = run.routeOutcome
        let target: Value = outcome.judgementTarget.map { .string($0.rawValue) } ?? .null
        let reads: TraceReads
        if let recorder = run.recorder {
            recorder.record(own: escalateTo, slot: recorder.slotNames.count)
            recorder.owns.append(target)
            reads = TraceReads(fields: recorder.fields, rules: recorder.slots, owns: recorder.owns, names: recorder.slotNames,
                               ruleIDs: rs.ruleIDs, text: rs.traceText, slotValues: run.activation.slots, loops: recorder.loops,
                               results: run.values, judgementPosition: recorder.owns.count - 1, root: run.activation.slots[0],
                               factCount: recorder.factCapacity)
        } else {
            reads = TraceReads(fields: ReadList(), rules: ReadList([RuleRead.Recorded(own: 0, slot: 0)]), owns: ReadList([escalateTo, target]),
                               names: [], ruleIDs: rs.ruleIDs, results: run.values, judgementPosition: 1, root: .null,
                               factCount: 0)
        }
        let escalateToRange = reads.rules.count - 1 ..< reads.rules.count
        let spans = run.recorder == nil ? Array(repeating: (fields: 0..<0, slots: 0..<0), count: rules.count) : run.spans
        let acute = Kleene.bool(run.values[rs.acuteIndex])

        var phase = rules[rs.phases.last!].id
        for i in rs.phases where Kleene.bool(run.values[i]) == true {
            phase = rules[i].id
            break
        }
        var category = 0
        for i in rs.categories {
            guard Kleene.bool(run.values[i]) == true else { break }
            category = rules[i].level
        }
        var riskFactors: [Decision.RiskFactorResult] = []
        riskFactors.reserveCapacity(rs.riskFactors.count)
        for i in rs.riskFactors {
            let present: Bool
            switch run.values[i] {
            case .bool(true): present = true
            case .bool(false): continue
            default: present = false
            }
            let rule = rules[i]
            riskFactors.append(Decision.RiskFactorResult(id: rule.id, domain: rule.group ?? "", present: present,
                                                         members: run.members[i], source: rule.source))
        }
        var actions: [Decision.ActionResult] = []
        actions.reserveCapacity(rs.actions.count)
        // One action's `because` at a time, gathered here so that each action's array is
        // allocated once, at its size, rather than grown from empty.
        var because: [String] = []
        for i in rs.actions {
            guard Kleene.bool(run.values[i]) == true else { continue }
            because.removeAll(keepingCapacity: true)
            for r in spans[i].slots {
                let name = reads.name(reads.rules[r].slot)
                let counts: Bool
                switch reads.value(at: r) {
                case .bool(true): counts = true
                case .string: counts = name == "route" || name.hasSuffix(".status")
                case .list(let l): counts = name.hasSuffix(".members") && !l.isEmpty
                default: counts = false
                }
                if counts && !because.contains(name) { because.append(name) }
            }
            actions.append(Decision.ActionResult(id: rules[i].id, because: Array(because[...]), source: rules[i].source))
        }

        // One entry per rule plus the judgement's, right after the decision rule's, written in
        // place: no uniqueness or capacity test per entry, and no test for the judgement's place.
        let trace = [TraceEntry](unsafeUninitializedCapacity: rules.count + 1) { buffer, initialized in
            let judgement = rs.decisionIndex + 1
            precondition(judgement <= rules.count, "the decision rule is not a rule")
            /// Writes rule `k`'s entry at `position`.
            func entry(_ k: Int, at position: Int) {
                let span = spans[k]
                buffer.initializeElement(at: position, to: TraceEntry(rule: k, reads: reads, fields: span.fields, rules: span.slots,
                                                                      reasonLength: nil))
            }
            for k in 0..<judgement { entry(k, at: k) }
            buffer.initializeElement(at: judgement, to: TraceEntry(rule: -1, reads: reads, fields: 0..<0, rules: escalateToRange,
                                                                   reasonLength: j.reason.value?.unicodeScalars.count ?? 0))
            for k in judgement..<rules.count { entry(k, at: k &+ 1) }
            initialized = rules.count + 1
        }

        var warnings = run.warnings.map(\.message)
        warnings += file.ignoredKeys.map { "ignored unknown field \($0)" }
        if file.professionalJudgement.reason.value.map({ !$0.isEmpty }) == true && file.professionalJudgement.escalateTo.value == nil {
            warnings.append("professionalJudgement.reason is given without escalateTo")
        }

        // Not compactMap, which grows its array from empty.
        var profiles: [Decision.ProfileResult] = []
        profiles.reserveCapacity(run.profileResults.count)
        for case let profile? in run.profileResults { profiles.append(profile) }

        return Decision(
            caseId: file.caseId, route: outcome.final, acute: acute, provisional: outcome.provisional,
            raisedByJudgement: outcome.raised, phase: phase, problemCategory: category,
            profiles: profiles, riskFactors: riskFactors,
            criteria: rs.criteria.map { (rules[$0].id, Kleene.bool(run.values[$0])) }, actions: actions,
            missing: missingFacts ? missing(run, file: file) : [], trace: trace,
            ruleset: (rs.name, rs.version, rs.sha256), engine: Engine.version, warnings: warnings)
    }
}
