import ByteJSON
import MDAEngine

/// Turns a case and today's outcome into a fixture that pins it (`mda record`).
///
/// An accepted case gets every expectation key: route, acute, provisional, raisedByJudgement,
/// phase, problemCategory, all criteria and profiles, the complete present and unknown risk
/// factor lists, the complete action list, `missing.entries` (and `missing.includes`), and
/// `warnings` (each warning in full; `[]` when there are none). A rejected case gets `errors`.
/// The title names the case id only; the notes name the ruleset. No case content is copied
/// anywhere but into `case`.
public enum FixtureRecorder {
    /// The fixture document for `document` and its outcome under `ruleset`.
    public static func fixture(_ document: JSONValue, outcome: Result<Decision, InputErrors>, ruleset: Ruleset) -> JSONValue {
        var expect = JSONObject()
        switch outcome {
        case .failure(let errors):
            let list: [JSONValue] = errors.errors.map { .object(["path": .string($0.path), "code": .string($0.code.rawValue)]) }
            expect.append(key: "errors", value: .array(list))
        case .success(let d):
            func truth(_ b: Bool?) -> JSONValue { b.map(JSONValue.bool) ?? .null }
            expect.append(key: "route", value: .string(d.route.rawValue))
            expect.append(key: "acute", value: truth(d.acute))
            expect.append(key: "provisional", value: .bool(d.provisional))
            expect.append(key: "raisedByJudgement", value: .bool(d.raisedByJudgement))
            expect.append(key: "phase", value: .string(d.phase))
            expect.append(key: "problemCategory", value: .number(JSONNumber(d.problemCategory)))
            var criteria = JSONObject()
            for c in d.criteria { criteria.append(key: c.id, value: truth(c.value)) }
            expect.append(key: "criteria", value: .object(criteria))
            var profiles = JSONObject()
            for p in d.profiles { profiles.append(key: p.id, value: .string(p.status.rawValue)) }
            expect.append(key: "profiles", value: .object(profiles))
            expect.append(key: "riskFactors", value: .object([
                "present": strings(d.riskFactors.filter(\.present).map(\.id)),
                "unknown": strings(d.riskFactors.filter { !$0.present }.map(\.id)),
            ]))
            expect.append(key: "actions", value: .object(["present": strings(d.actions.map(\.id))]))
            let entries: [JSONValue] = d.missing.map { m in
                .object(["fact": .string(m.fact), "couldRaiseRouteTo": m.couldRaiseRouteTo.map { .string($0.rawValue) } ?? .null,
                         "couldMakeAcute": .bool(m.couldMakeAcute)])
            }
            expect.append(key: "missing", value: .object(["includes": strings(d.missing.map(\.fact)), "entries": .array(entries)]))
            expect.append(key: "warnings", value: strings(d.warnings))
        }
        var root = JSONObject()
        let id: String
        if case .string(let s) = document["caseId"] { id = s } else { id = "(no caseId)" }
        root.append(key: "title", value: .string("Recorded: \(id)"))
        root.append(key: "notes", value: .string("Recorded by `mda record` with ruleset \(ruleset.name) \(ruleset.version) "
            + "(sha256 \(ruleset.sha256)); the expectations are that ruleset's outcome, not a hand derivation."))
        root.append(key: "case", value: document)
        root.append(key: "expect", value: .object(expect))
        return .object(root)
    }

    /// A safe file name for a case id: ASCII letters, digits, `.`, `_` and `-` are kept, any
    /// other character becomes `_`; leading dots are dropped; at most 100 characters; `case`
    /// when nothing is left. The `.json` extension is added.
    public static func fileName(caseId: String?) -> String {
        var name = ""
        for scalar in (caseId ?? "").unicodeScalars {
            switch scalar {
            case "a"..."z", "A"..."Z", "0"..."9", ".", "_", "-": name.unicodeScalars.append(scalar)
            default: name += "_"
            }
        }
        while name.hasPrefix(".") { name.removeFirst() }
        if name.count > 100 { name = String(name.prefix(100)) }
        if name.isEmpty || name.allSatisfy({ $0 == "_" }) { name = "case" }
        return name + ".json"
    }

    private static func strings(_ items: [String]) -> JSONValue { .array(items.map(JSONValue.string)) }
}
