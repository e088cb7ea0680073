import CEL

/// The single-fact counterfactuals behind `missing` (domain.md "Provisional and missing";
/// readings 24 and 25).
extension Engine {
    func missing(_ run: Evaluation, file: CaseFile) -> [Decision.MissingFact] {
        let rs = ruleset
        let final = run.routeOutcome.final
        let acuteUnknown = Kleene.bool(run.values[rs.acuteIndex]) == nil
        guard run.routeOutcome.provisional || acuteUnknown else { return [] }

        // The unknown leaves a higher route's condition (or the acute flag) hangs on.
        var leaves = Set<String>()
        for (route, index) in rs.routes where route > final {
            leaves.formUnion(Kleene.unknowns(run.values[index]))
        }
        if acuteUnknown { leaves.formUnion(Kleene.unknowns(run.values[rs.acuteIndex])) }
        leaves = leaves.filter { !$0.hasSuffix("/safetyScore") && !$0.hasSuffix("/triage") }

        let dates = candidateDates(file)
        var result: [Decision.MissingFact] = []
        for leaf in leaves.sorted() {
            var best: Route?
            var makesAcute = false
            for value in candidates(for: leaf, file: file, dates: dates) {
                var graph = CaseGraph()
                graph.overrides = [leaf: value]
                var alt = Evaluation(ruleset: rs, tracing: false)
                alt.run(case: graph.build(file), judgement: file.professionalJudgement, coneOnly: true)
                let route = alt.routeOutcome.final
                if route > final, best == nil || route > best! { best = route }
                if acuteUnknown, Kleene.bool(alt.values[rs.acuteIndex]) == true { makesAcute = true }
            }
            if best != nil || makesAcute {
                result.append(Decision.MissingFact(fact: leaf, couldRaiseRouteTo: best, couldMakeAcute: makesAcute))
            }
        }
        return result
    }

    /// Every value an unknown leaf could take (reading 24).
    func candidates(for pointer: String, file: CaseFile, dates: [Value]) -> [Value] {
        let name = pointer.split(separator: "/").last.map(String.init) ?? ""
        switch name {
        case "injury": return Injury.allCases.filter { $0 != .unknown }.map { .string($0.rawValue) }
        case "status": return SeparationStatus.allCases.filter { $0 != .unknown }.map { .string($0.rawValue) }
        case "kind": return ReportKind.allCases.map { .string($0.rawValue) }
        case "outcome": return InterventionOutcome.allCases.map { .string($0.rawValue) }
        case "since", "sinceDate", "start", "date": return dates
        case "previousMdaPlusPlus":
            var out: [Value] = [
                .object(ObjectValue(type: CaseSchema.trajectory, fields: [.bool(false), .null, .null], path: pointer)),
                .object(ObjectValue(type: CaseSchema.trajectory, fields: [.bool(true), .null, .null], path: pointer)),
            ]
            let start = file.referenceDate.addingMonths(-ruleWindowMonths)
            for inc in file.incidents where inc.date >= start {
                out.append(.object(ObjectValue(type: CaseSchema.trajectory,
                                               fields: [.bool(true), .null, CaseGraph.date(inc.date.addingDays(-1))], path: pointer)))
            }
            return out
        default: return [.bool(true), .bool(false)]
        }
    }

    /// The longest month window among the parameters (for closed-trajectory candidates).
    var ruleWindowMonths: Int {
        ruleset.parameters.compactMap { p -> Int? in
            if p.name.hasSuffix("Months"), case .int(let n) = p.value { return Int(n) }
            return nil
        }.max() ?? 12
    }

    /// Dates inside and outside every window: each whole-number parameter taken as months and
    /// as days back from the reference date (and the day before), plus each incident's date
    /// and the day before it.
    func candidateDates(_ file: CaseFile) -> [Value] {
        let ref = file.referenceDate
        var days = Set<Int>([ref.daysSinceEpoch, CaseDate(year: 1900, month: 1, day: 1)!.daysSinceEpoch])
        for p in ruleset.parameters {
            guard case .int(let n) = p.value, n > 0, n <= 1200 else { continue }
            for d in [ref.addingMonths(-Int(n)), ref.addingDays(-Int(n))] {
                days.insert(d.daysSinceEpoch)
                days.insert(d.daysSinceEpoch - 1)
            }
        }
        for inc in file.incidents {
            days.insert(inc.date.daysSinceEpoch)
            days.insert(inc.date.daysSinceEpoch - 1)
        }
        let low = CaseDate(year: 1900, month: 1, day: 1)!.daysSinceEpoch
        return days.filter { $0 <= ref.daysSinceEpoch && $0 >= low }.sorted().map { CaseGraph.date(CaseDate(daysSinceEpoch: $0)) }
    }
}
