import CEL
import MDAEngine

/// Compares a fixture's ``Expectations`` with the engine's outcome for its case.
///
/// Every failed expectation becomes an ``ExpectationFailure`` with expected and actual text and
/// the trace entries of the rules that decided it: for the route, the route rules and the
/// criteria, acute flag and profiles they read that were true or unknown; for a criterion,
/// profile, risk factor or action, that rule's own entry (and for criteria and profiles the true
/// or unknown rules it read).
public struct FixtureCheck: Sendable {
    /// The ruleset the decisions come from (rule kinds are taken from it).
    public let ruleset: Ruleset

    /// Creates a checker for decisions of `ruleset`.
    public init(ruleset: Ruleset) { self.ruleset = ruleset }

    /// The failed expectations (empty when the fixture passes).
    public func failures(_ e: Expectations, outcome: Result<Decision, InputErrors>) -> [ExpectationFailure] {
        switch outcome {
        case .failure(let errors):
            let actual = Set(errors.errors.map { Expectations.ExpectedError(path: $0.path, code: $0.code.rawValue) })
            guard let expected = e.errors else {
                return [ExpectationFailure(key: "errors", expected: "the case to be accepted",
                                           actual: "rejected with " + list(actual.sorted().map(errorText)))]
            }
            let want = Set(expected)
            guard want != actual else { return [] }
            return [ExpectationFailure(key: "errors", expected: list(want.sorted().map(errorText)),
                                       actual: setDiff(want: want.map(errorText), got: actual.map(errorText)))]
        case .success(let d):
            if let expected = e.errors {
                return [ExpectationFailure(key: "errors", expected: list(expected.sorted().map(errorText)),
                                           actual: "the case was accepted (no input errors)")]
            }
            return failures(e, decision: d)
        }
    }

    /// The failed expectations for an accepted case.
    public func failures(_ e: Expectations, decision d: Decision) -> [ExpectationFailure] {
        var out: [ExpectationFailure] = []
        var trace = TraceIndex(d)
        if let route = e.route, route != d.route {
            out.append(.init(key: "route", expected: route.rawValue, actual: d.route.rawValue, decidedBy: routeLines(&trace)))
        }
        if let acute = e.acute, acute != Truth(d.acute) {
            out.append(.init(key: "acute", expected: acute.description, actual: Truth(d.acute).description,
                             decidedBy: withInputs(ids(.acute), &trace)))
        }
        if let provisional = e.provisional, provisional != d.provisional {
            out.append(.init(key: "provisional", expected: String(provisional), actual: String(d.provisional),
                             decidedBy: routeLines(&trace)))
        }
        if let raised = e.raisedByJudgement, raised != d.raisedByJudgement {
            out.append(.init(key: "raisedByJudgement", expected: String(raised), actual: String(d.raisedByJudgement),
                             decidedBy: trace.lines(["professional_judgement"] + ids(.decision))))
        }
        if let phase = e.phase, phase != d.phase {
            out.append(.init(key: "phase", expected: phase, actual: d.phase, decidedBy: trace.lines(ids(.phase))))
        }
        if let category = e.problemCategory, category != d.problemCategory {
            out.append(.init(key: "problemCategory", expected: String(category), actual: String(d.problemCategory),
                             decidedBy: trace.lines(ids(.category))))
        }
        for (id, want) in e.criteria {
            guard let got = d.criteria.first(where: { $0.id == id }) else {
                out.append(.init(key: "criteria.\(id)", expected: want.description, actual: "no such criterion in the decision"))
                continue
            }
            if Truth(got.value) != want {
                out.append(.init(key: "criteria.\(id)", expected: want.description, actual: Truth(got.value).description,
                                 decidedBy: withInputs([id], &trace)))
            }
        }
        for (id, want) in e.profiles {
            guard let got = d.profiles.first(where: { $0.id == id }) else {
                out.append(.init(key: "profiles.\(id)", expected: want.rawValue, actual: "no such profile in the decision"))
                continue
            }
            if got.status != want {
                out.append(.init(key: "profiles.\(id)", expected: want.rawValue, actual: got.status.rawValue,
                                 decidedBy: withInputs([id], &trace)))
            }
        }
        let present = d.riskFactors.filter(\.present).map(\.id)
        let unknown = d.riskFactors.filter { !$0.present }.map(\.id)
        if let want = e.factorsPresent { exactSet("riskFactors.present", want, present, &trace, &out) }
        if let want = e.factorsUnknown { exactSet("riskFactors.unknown", want, unknown, &trace, &out) }
        let listed = Set(d.riskFactors.map(\.id))
        let presentSet = Set(present)
        for id in e.factorsIncludes where !presentSet.contains(id) {
            out.append(.init(key: "riskFactors.includes", expected: "\(id) present",
                             actual: listed.contains(id) ? "\(id) unknown" : "\(id) absent", decidedBy: trace.lines([id])))
        }
        for id in e.factorsAbsent where listed.contains(id) {
            out.append(.init(key: "riskFactors.absent", expected: "\(id) absent",
                             actual: presentSet.contains(id) ? "\(id) present" : "\(id) unknown", decidedBy: trace.lines([id])))
        }
        let actions = d.actions.map(\.id)
        if let want = e.actionsPresent { exactSet("actions.present", want, actions, &trace, &out) }
        let actionSet = Set(actions)
        for id in e.actionsIncludes where !actionSet.contains(id) {
            out.append(.init(key: "actions.includes", expected: "\(id) listed", actual: "\(id) not listed", decidedBy: trace.lines([id])))
        }
        for id in e.actionsAbsent where actionSet.contains(id) {
            out.append(.init(key: "actions.absent", expected: "\(id) not listed", actual: "\(id) listed", decidedBy: trace.lines([id])))
        }
        let missing = d.missing.map(\.fact)
        let missingSet = Set(missing)
        for fact in e.missingIncludes where !missingSet.contains(fact) {
            out.append(.init(key: "missing.includes", expected: fact, actual: "not missing; missing is " + list(missing)))
        }
        for fact in e.missingExcludes where missingSet.contains(fact) {
            out.append(.init(key: "missing.excludes", expected: "\(fact) not missing", actual: "\(fact) missing"))
        }
        for entry in e.missingEntries {
            guard let got = d.missing.first(where: { $0.fact == entry.fact }) else {
                out.append(.init(key: "missing.entries", expected: entryText(entry), actual: "not missing; missing is " + list(missing)))
                continue
            }
            var ok = true
            if let raise = entry.couldRaiseRouteTo, raise != got.couldRaiseRouteTo { ok = false }
            if let acute = entry.couldMakeAcute, acute != got.couldMakeAcute { ok = false }
            if !ok { out.append(.init(key: "missing.entries", expected: entryText(entry), actual: entryText(got))) }
        }
        if let warnings = e.warnings {
            if warnings.isEmpty, !d.warnings.isEmpty {
                out.append(.init(key: "warnings", expected: "no warnings", actual: list(d.warnings.map(quoted))))
            }
            for text in warnings where !d.warnings.contains(where: { $0.contains(text) }) {
                out.append(.init(key: "warnings", expected: "a warning containing \(quoted(text))",
                                 actual: d.warnings.isEmpty ? "no warnings" : list(d.warnings.map(quoted))))
            }
        }
        return out
    }

    // MARK: - Helpers

    private func ids(_ kind: RuleKind) -> [String] { ruleset.rules.filter { $0.kind == kind }.map(\.id) }

    /// Route rules, the final decision rule, the judgement, the criteria and the acute flag, and
    /// any other true or unknown rules the route rules read (profiles, domains).
    private func routeLines(_ trace: inout TraceIndex) -> [TraceLine] {
        var order = ids(.route)
        order += ids(.decision)
        if let judgement = trace.entry("professional_judgement"), !judgement.result.isErrorOrUnknown, judgement.result != .null {
            order.append("professional_judgement")
        }
        order += ids(.criterion) + ids(.acute)
        var lines = trace.lines(order)
        var added = Set(order)
        for id in ids(.route) {
            guard let entry = trace.entry(id) else { continue }
            for read in entry.ruleReads where added.insert(read.rule).inserted {
                if case .bool(false) = read.value { continue }
                lines += trace.lines([read.rule])
            }
        }
        return lines
    }

    /// The entries of `ids` followed by those of the true or unknown Boolean rules they read.
    private func withInputs(_ ids: [String], _ trace: inout TraceIndex) -> [TraceLine] {
        var lines = trace.lines(ids)
        var added = Set(ids)
        for id in ids {
            guard let entry = trace.entry(id) else { continue }
            for read in entry.ruleReads where added.insert(read.rule).inserted {
                switch read.value {
                case .bool(true), .unknown, .error: lines += trace.lines([read.rule])
                default: break
                }
            }
        }
        return lines
    }

    private func exactSet(_ key: String, _ want: [String], _ got: [String], _ trace: inout TraceIndex, _ out: inout [ExpectationFailure]) {
        let w = Set(want), g = Set(got)
        guard w != g else { return }
        let wrong = w.symmetricDifference(g).sorted()
        out.append(.init(key: key, expected: list(want.sorted()), actual: setDiff(want: want, got: got), decidedBy: trace.lines(wrong)))
    }

    private func setDiff(want: [String], got: [String]) -> String {
        let w = Set(want), g = Set(got)
        var parts: [String] = []
        let lacking = w.subtracting(g).sorted(), extra = g.subtracting(w).sorted()
        if !lacking.isEmpty { parts.append("lacks " + lacking.joined(separator: ", ")) }
        if !extra.isEmpty { parts.append("extra " + extra.joined(separator: ", ")) }
        return list(got.sorted()) + " (" + parts.joined(separator: "; ") + ")"
    }

    private func list(_ items: [String]) -> String { "[" + items.joined(separator: ", ") + "]" }
    private func quoted(_ s: String) -> String { "\"" + s + "\"" }
    private func errorText(_ e: Expectations.ExpectedError) -> String { "\(e.code) at \(e.path.isEmpty ? "\"\"" : e.path)" }

    private func entryText(_ e: Expectations.MissingEntry) -> String {
        var parts = [e.fact]
        if let r = e.couldRaiseRouteTo { parts.append("couldRaiseRouteTo=\(r?.rawValue ?? "null")") }
        if let a = e.couldMakeAcute { parts.append("couldMakeAcute=\(a)") }
        return parts.joined(separator: " ")
    }

    private func entryText(_ m: Decision.MissingFact) -> String {
        "\(m.fact) couldRaiseRouteTo=\(m.couldRaiseRouteTo?.rawValue ?? "null") couldMakeAcute=\(m.couldMakeAcute)"
    }
}
