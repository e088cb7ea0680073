/// The difference between a base ruleset and a changed one, worked out once, so that impact
/// analysis evaluates each case in full only under the base ruleset and re-evaluates under
/// the changed one just the rules the change can reach.
///
/// A rule of the changed ruleset is *affected* when its definition differs from the base rule
/// of the same id (kind, group, weight, core flag, level, loop variable or the source of any
/// expression), when a parameter it reads has another value, when it is a profile and the
/// supporting share changed, or when it reads an affected rule. Every other rule has the same
/// value on every case under both rulesets. When the two rulesets are not laid out alike (rules
/// added, removed or reordered), every rule counts as affected and both runs are full ones.
///
/// ```swift
/// let change = RulesetChange(base: old, new: edited)
/// let (before, after) = change.evaluate(caseFile)
/// ```
public struct RulesetChange: Sendable {
    /// The base ruleset.
    public let base: Ruleset
    /// The changed ruleset.
    public let new: Ruleset
    /// Per rule of ``new`` (evaluation order): whether it is re-evaluated.
    let affected: [Bool]
    /// Whether the rulesets are laid out alike, so base runs can be carried over.
    let aligned: Bool

    /// Works out which rules of `new` a case must be re-evaluated for.
    public init(base: Ruleset, new: Ruleset) {
        self.base = base
        self.new = new
        let aligned = RulesetChange.laidOutAlike(base, new)
        self.aligned = aligned
        guard aligned else {
            affected = Array(repeating: true, count: new.rules.count)
            return
        }
        let oldValues = Dictionary(base.parameters.map { ($0.name, $0.text) }, uniquingKeysWith: { a, _ in a })
        let changedParameters = Set(new.parameters.filter { oldValues[$0.name] != $0.text }.map(\.name))
        let shareChanged = base.supportingShare != new.supportingShare
        var affected = Array(repeating: false, count: new.rules.count)
        // Evaluation order puts every input before its reader, so one pass propagates.
        for (k, rule) in new.rules.enumerated() {
            let old = base.rules[k]
            affected[k] = rule.definition != old.definition
                || rule.inputs != old.inputs
                || rule.parameterNames.contains(where: changedParameters.contains)
                || (rule.kind == .profile && shareChanged)
                || rule.inputs.contains { affected[$0] }
        }
        self.affected = affected
    }

    /// The ids of the rules re-evaluated under the changed ruleset, in evaluation order.
    public var affectedRuleIDs: [String] {
        new.rules.indices.filter { affected[$0] }.map { new.rules[$0].id }
    }

    /// Whether both rulesets have the same rules in the same evaluation order with the same
    /// activation slots: the condition for carrying a base run over.
    static func laidOutAlike(_ a: Ruleset, _ b: Ruleset) -> Bool {
        guard a.rules.count == b.rules.count, a.slotCount == b.slotCount else { return false }
        for (x, y) in zip(a.rules, b.rules) {
            guard x.id == y.id, x.kind == y.kind, x.slot == y.slot, x.secondarySlot == y.secondarySlot,
                  x.loopSlot == y.loopSlot else { return false }
        }
        return true
    }

    /// The decisions for `file` under the base and the changed ruleset, without `missing` and
    /// without the facts each rule read (trace entries keep rule and result; actions have no
    /// `because`), exactly as ``Engine/evaluate(_:missingFacts:traceFacts:)`` with both flags
    /// off would return them. The case graph is built once; the changed run re-evaluates only
    /// the affected rules.
    public func evaluate(_ file: CaseFile) -> (base: Decision, new: Decision) {
        let (run, changed) = runs(file)
        return decisions(run, changed, file)
    }

    /// Like ``evaluate(_:)``, but `nil` when every rule has the same value and every profile
    /// the same status under both rulesets, so that the two decisions agree on route, acute,
    /// provisional, profile statuses and every trace result (they may still differ in what
    /// the change touched without changing a value: a profile's score, a factor's members).
    /// Impact analysis builds decisions only for the cases the change reaches.
    public func evaluateIfChanged(_ file: CaseFile) -> (base: Decision, new: Decision)? {
        let (run, changed) = runs(file)
        if aligned {
            var differs = false
            for k in affected.indices where affected[k] {
                if run.values[k] != changed.values[k] || run.profile(at: k)?.status != changed.profile(at: k)?.status {
                    differs = true
                    break
                }
            }
            if !differs { return nil }
        }
        return decisions(run, changed, file)
    }

    private func runs(_ file: CaseFile) -> (base: Evaluation, new: Evaluation) {
        let graph = CaseGraph().build(file), judgement = file.professionalJudgement
        let run = Evaluation.decision(ruleset: base, case: graph, judgement: judgement, tracing: false)
        if aligned { return (run, run.rerun(under: new, rules: affected, judgement: judgement)) }
        return (run, Evaluation.decision(ruleset: new, case: graph, judgement: judgement, tracing: false))
    }

    private func decisions(_ run: Evaluation, _ changed: Evaluation, _ file: CaseFile) -> (base: Decision, new: Decision) {
        (Engine(ruleset: base).assemble(run, file: file, missingFacts: false),
         Engine(ruleset: new).assemble(changed, file: file, missingFacts: false))
    }
}
