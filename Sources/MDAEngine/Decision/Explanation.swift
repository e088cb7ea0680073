import CEL

/// A human-readable account of a decision, in Dutch or English, for the professional who
/// checks it: the route and why (criteria with the facts behind them), profiles with their
/// evidence, what is still unknown, and the actions with their sources.
///
/// Like the JSON trace, it is a view of the evaluation's event stream; it names facts and rules,
/// never free text from the case.
public enum Explanation {
    /// The explanation of `decision`, evaluated with `ruleset`, in `language`.
    public static func text(_ decision: Decision, ruleset: Ruleset, language: Language) -> String {
        let nl = language == .nl
        func t(_ dutch: String, _ english: String) -> String { nl ? dutch : english }
        func label(_ id: String) -> String { ruleset.rule(id)?.label(language) ?? id }
        func yesNo(_ b: Bool?) -> String {
            switch b {
            case true?: return t("ja", "yes")
            case false?: return t("nee", "no")
            case nil: return t("onbekend", "unknown")
            }
        }
        var out: [String] = []
        let entries = Dictionary(decision.trace.map { ($0.rule, $0) }, uniquingKeysWith: { a, _ in a })

        out.append(t("Advies voor casus ", "Recommendation for case ") + decision.caseId)
        out.append("")
        var routeLine = t("Route: ", "Route: ") + label(decision.route.rawValue)
        if decision.provisional { routeLine += t(" (voorlopig: er ontbreken feiten die de route kunnen verhogen)",
                                                 " (provisional: missing facts could raise the route)") }
        out.append(routeLine)
        if decision.raisedByJudgement {
            out.append(t("  Verhoogd door professioneel oordeel (de reden staat in het dossier, niet hier).",
                         "  Raised by professional judgement (the reason is in the case file, not here)."))
        }
        out.append(t("Acuut: ", "Acute: ") + yesNo(decision.acute)
                   + (decision.acute == true ? t(" — eerst crisisinterventie", " — crisis response first") : ""))
        out.append(t("Fase: ", "Phase: ") + label(decision.phase))
        out.append(t("Probleemcategorie: ", "Problem category: ") + String(decision.problemCategory)
                   + (decision.problemCategory > 0 ? " (" + label("problem_category_\(decision.problemCategory)") + ")" : ""))

        out.append("")
        out.append(t("Criteria:", "Criteria:"))
        for (id, value) in decision.criteria {
            out.append("  " + label(id) + ": " + yesNo(value))
            if value != false, let e = entries[id] {
                for line in because(e, value: value, label: label, t: t) { out.append("    " + line) }
            }
        }

        out.append("")
        out.append(t("Gezinsprofielen:", "Family profiles:"))
        for p in decision.profiles {
            let status: String
            switch p.status {
            case .match: status = t("past", "match")
            case .possible: status = t("mogelijk", "possible")
            case .noMatch: status = t("past niet", "no match")
            }
            var line = "  " + label(p.id) + ": " + status + " (score " + String(p.score) + ")"
            if !p.held.isEmpty { line += t("; aanwezig: ", "; present: ") + p.held.map { label(p.id + "." + $0) }.joined(separator: ", ") }
            if !p.unknown.isEmpty { line += t("; onbekend: ", "; unknown: ") + p.unknown.map { label(p.id + "." + $0) }.joined(separator: ", ") }
            out.append(line)
            if p.status == .match, let rule = ruleset.rule(p.id), let implies = nl ? rule.impliesNL : rule.impliesEN {
                out.append(t("    Betekent: ", "    Implies: ") + implies)
            }
        }

        out.append("")
        out.append(t("Risicofactoren:", "Risk factors:"))
        if decision.riskFactors.isEmpty { out.append(t("  geen", "  none")) }
        for f in decision.riskFactors {
            var line = "  [" + label("domain." + f.domain) + "] " + label(f.id)
            if !f.present { line += t(" (onbekend)", " (unknown)") }
            if !f.members.isEmpty { line += t(" — leden: ", " — members: ") + f.members.joined(separator: ", ") }
            out.append(line)
        }

        if !decision.missing.isEmpty || decision.provisional || decision.acute == nil {
            out.append("")
            out.append(t("Ontbrekende feiten:", "Missing facts:"))
            if decision.missing.isEmpty {
                out.append(t("  geen enkel feit verhoogt de route op zich; alleen in combinatie",
                             "  no single fact raises the route on its own; only in combination"))
            }
            for m in decision.missing {
                var line = "  " + m.fact
                if let r = m.couldRaiseRouteTo { line += t(" — kan leiden tot ", " — could lead to ") + label(r.rawValue) }
                if m.couldMakeAcute { line += t(" — kan de situatie acuut maken", " — could make the case acute") }
                out.append(line)
            }
        }

        out.append("")
        out.append(t("Vereiste acties:", "Required actions:"))
        if decision.actions.isEmpty { out.append(t("  geen", "  none")) }
        for a in decision.actions {
            out.append("  " + label(a.id) + t(" (bron: ", " (source: ") + a.source + ")")
            if !a.because.isEmpty { out.append(t("    omdat: ", "    because: ") + a.because.map(label).joined(separator: ", ")) }
        }
        if !decision.warnings.isEmpty {
            out.append("")
            out.append(t("Waarschuwingen:", "Warnings:"))
            for w in decision.warnings { out.append("  " + w) }
        }
        out.append("")
        out.append(t("Regelset ", "Ruleset ") + decision.ruleset.name + " " + decision.ruleset.version
                   + " (sha256 " + decision.ruleset.sha256.prefix(12) + "…), " + decision.engine)
        return out.joined(separator: "\n") + "\n"
    }

    /// The rules and facts behind a true or unknown criterion, one line each.
    static func because(_ e: TraceEntry, value: Bool?, label: (String) -> String, t: (String, String) -> String) -> [String] {
        var lines: [String] = []
        for read in e.ruleReads {
            switch read.value {
            case .bool(true) where value == true: lines.append("✓ " + label(read.rule))
            case .unknown where value == nil: lines.append("? " + label(read.rule))
            case .int(let n): lines.append("· " + label(read.rule) + " = " + String(n))
            default: break
            }
        }
        var seen = Set<String>()
        for read in e.fieldReads {
            let p = read.pointer
            guard seen.insert(p).inserted else { continue }
            switch read.value {
            case .bool(true) where value == true: lines.append("✓ " + p)
            case .unknown where value == nil: lines.append("? " + p + t(" (onbekend)", " (unknown)"))
            default: break
            }
        }
        return lines
    }
}
