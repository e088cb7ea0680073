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

        // The candidate dates are the same for every date leaf, and needed only by one.
        var dates: [Value]?
        func candidateDatesOnce() -> [Value] {
            if let dates { return dates }
            let made = candidateDates(file)
            dates = made
            return made
        }
        // Whether each rule's value holds records (see `affectedRules`), found when first asked.
        var holdsRecords = [Bool?](repeating: nil, count: rs.rules.count)
        let sites = leafSites(run, leaves: leaves)
        let root = run.activation.slots[0]
        var result: [Decision.MissingFact] = []
        // One copy of the run serves every candidate of every leaf: the rules marked for one
        // leaf are put back (see `restore`) before another leaf's marks are used.
        var scratch: Evaluation?
        var scratchMarks: RerunPlan?
        // The copies of the case graph for each record a leaf sits in: made at the record's
        // first leaf, shared by its others (each value is put into them in place).
        var made: [(record: ObjectIdentifier, copy: CaseGraph.Replacement.Varied)] = []
        func copies(of record: ObjectValue, field: Int) -> CaseGraph.Replacement.Varied? {
            let id = ObjectIdentifier(record)
            if let found = made.first(where: { $0.record == id }) { return found.copy }
            guard let copy = CaseGraph.replacement(of: record, field: field, in: root)?.varied() else { return nil }
            made.append((id, copy))
            return copy
        }
        for leaf in leaves.sorted() {
            var best: Route?
            var makesAcute = false
            // Only the rules that read the leaf, and what depends on them, can change.
            let site = sites[leaf]
            let marked = site.map { affectedRules(readers: $0.readers, run: run, holdsRecords: &holdsRecords) }
            // The final route of a candidate is the base route (a route whose rule is true, or
            // regular care) or the judgement's, which is at most `final`: so at most `ceiling`,
            // the highest of `final` and the routes whose rule may change or is already true.
            // The acute flag can turn acute only when it may change.
            var ceiling = final
            for (route, index) in rs.routes where route > ceiling {
                if marked == nil || marked![index] != .keep || Kleene.bool(run.values[index]) == true { ceiling = route }
            }
            let acuteOpen = acuteUnknown && (marked == nil || marked![rs.acuteIndex] != .keep)
            // No value of the leaf can then add an entry.
            if ceiling == final && !acuteOpen { continue }
            let substitutes = marked?.rules.contains(.substitute) ?? false
            let copy = site.flatMap { copies(of: $0.object, field: $0.field) }
            var firstValue = true
            for value in candidates(for: leaf, file: file, dates: candidateDatesOnce()) {
                // Nothing a further value finds can add to the highest route and the acute flag.
                if (best ?? final) == ceiling && (!acuteOpen || makesAcute) { break }
                let route: Route, acute: Value
                if let marked, let copy, let site {
                    copy.put(value, at: site.field)
                    if firstValue {
                        if scratch == nil {
                            scratch = run.counterfactualCopy()
                        } else if let last = scratchMarks, last != marked {
                            scratch!.restore(rules: last, from: run)
                        }
                        scratchMarks = marked
                        scratch!.again = nil
                    } else if scratch!.again == nil {
                        scratch!.again = leafRerun(site.object.type, field: site.field, plan: marked)
                    }
                    firstValue = false
                    scratch!.reevaluate(case: copy.root, rules: marked, copies: substitutes ? copy.copies : nil, from: run,
                                        judgement: file.professionalJudgement)
                    (route, acute) = (scratch!.routeOutcome.final, scratch!.values[rs.acuteIndex])
                } else {
                    // A leaf the traced run never read (not expected): evaluate from scratch.
                    var graph = CaseGraph()
                    graph.overrides = [leaf: value]
                    var fresh = Evaluation(ruleset: rs, tracing: false)
                    fresh.run(case: graph.build(file), judgement: file.professionalJudgement, coneOnly: true)
                    (route, acute) = (fresh.routeOutcome.final, fresh.values[rs.acuteIndex])
                }
                if route > final, best == nil || route > best! { best = route }
                if acuteUnknown, Kleene.bool(acute) == true { makesAcute = true }
            }
            if best != nil || makesAcute {
                result.append(Decision.MissingFact(fact: leaf, couldRaiseRouteTo: best, couldMakeAcute: makesAcute))
            }
        }
        return result
    }

    /// For a leaf in field `field` of records of `type`, which of the rules `plan` evaluates may
    /// read it: those that select a field of its name or may compare records (the engine itself
    /// reads only a member's id field, through `Evaluation.memberIDs`). The others keep their
    /// values from one value of the leaf to the next while their inputs do.
    func leafRerun(_ type: ObjectType, field: Int, plan: RerunPlan) -> LeafRerun {
        let name = type.fields[field].name
        let all = type === CaseSchema.member && field == 0
        var mayRead = [Bool](repeating: false, count: ruleset.rules.count)
        for k in plan.visited where plan[k] == .evaluate {
            let rule = ruleset.rules[k]
            mayRead[k] = all || rule.comparesRecords || rule.selectedFields.contains(name)
        }
        return LeafRerun(mayRead: mayRead, changed: [Bool](repeating: false, count: ruleset.rules.count))
    }

    /// Where each unknown leaf sits in the case graph and which rules of the route cone read
    /// it in the traced run.
    ///
    /// Only the route cone is searched: a counterfactual evaluates no other rule, and the
    /// leaves are the unknowns of the route and acute flag, which reached them through rules of
    /// the cone, so a rule of the cone read each of them. A leaf is stored in its record as an
    /// unknown naming exactly its own pointer, so a read of it is recognised without building
    /// pointers.
    func leafSites(_ run: Evaluation, leaves: Set<String>) -> [String: (object: ObjectValue, field: Int, readers: [Int])] {
        var sites: [String: (object: ObjectValue, field: Int, readers: [Int])] = [:]
        guard let fields = run.recorder?.fields else { return sites }
        sites.reserveCapacity(leaves.count)
        for k in ruleset.rules.indices where ruleset.routeCone[k] {
            for read in fields[run.spans[k].fields] {
                guard case .unknown(let u) = read.value, u.paths.count == 1, leaves.contains(u.paths[0]) else { continue }
                let leaf = u.paths[0]
                if sites[leaf] != nil {
                    // In place: a copy of the site would copy its readers on every append.
                    if sites[leaf]!.readers.last != k { sites[leaf]!.readers.append(k) }
                } else if Engine.names(leaf, read.object, read.field) {
                    sites[leaf] = (read.object, read.field, [k])
                }
            }
        }
        return sites
    }

    /// Whether `pointer` is the JSON Pointer of field `field` of `record` (its path, a slash and
    /// the field's name), compared without making the pointer.
    static func names(_ pointer: String, _ record: ObjectValue, _ field: Int) -> Bool {
        let path = record.path ?? "", name = record.type.fields[field].name, bytes = pointer.utf8
        guard bytes.count == path.utf8.count + 1 + name.utf8.count, pointer.hasPrefix(path), pointer.hasSuffix(name) else { return false }
        return bytes[bytes.index(bytes.startIndex, offsetBy: path.utf8.count)] == UInt8(ascii: "/")
    }

    /// What a counterfactual for a leaf read by `readers` does with each rule: the rules of
    /// the route cone whose value may change are evaluated again, the decision rule always;
    /// the route-cone rules that hold records the changed rules read are substituted; the
    /// rest are kept. Rules outside the route cone are never needed by a counterfactual.
    /// `holdsRecords` caches, by rule index, whether a rule's value holds records.
    ///
    /// Closed under these steps:
    /// - a rule's value may change when it is a reader, when it depends on a rule whose value
    ///   may change, or when it may compare records (``Rule/comparesRecords``) and depends on,
    ///   or is, a rule of the second kind;
    /// - every input of a rule of either kind whose value holds records is of the second kind:
    ///   it must hand that rule the records of the new case graph, not those of the old. It
    ///   never read the leaf (it is not a reader) and the values it read are unchanged, so on
    ///   the new graph it reads the same fields again and selects the same records, the copies
    ///   in place of the replaced ones: its value with the records swapped
    ///   (``RuleRerun/substitute``).
    ///
    /// A dependent of the second kind alone is kept: the copies differ from the replaced
    /// records only in the leaf, which it never read, and a rule that uses records only
    /// through their fields cannot tell the copies apart. Its value stays right.
    func affectedRules(readers: [Int], run: Evaluation, holdsRecords: inout [Bool?]) -> RerunPlan {
        let rules = ruleset.rules
        let dependents = ruleset.dependents
        // Per rule: `marked` (reached), `changing` (its value may change); the marked rules listed.
        let marked: UInt8 = 1, changing: UInt8 = 2
        var state = [UInt8](repeating: 0, count: rules.count)
        var reached: [Int] = []
        reached.reserveCapacity(32)
        var stack: [(rule: Int, changes: Bool)] = []
        stack.reserveCapacity(32)
        for k in readers { stack.append((k, true)) }
        while let (k, changes) = stack.popLast() {
            // A rule that may compare records can change when only the records it is handed do.
            let changes = changes || rules[k].comparesRecords
            if changes && state[k] & changing == 0 {
                state[k] |= changing
                for d in dependents[k] { stack.append((d, true)) }
            }
            if state[k] & marked != 0 { continue }
            state[k] |= marked
            reached.append(k)
            if !changes {
                for d in dependents[k] where rules[d].comparesRecords { stack.append((d, true)) }
            }
            for i in rules[k].inputs where state[i] & marked == 0 {
                let records = holdsRecords[i] ?? Engine.holdsRecords(run.values[i])
                holdsRecords[i] = records
                if records { stack.append((i, false)) }
            }
        }
        var plan = Array(repeating: RuleRerun.keep, count: rules.count)
        var visited: [Int] = []
        visited.reserveCapacity(reached.count + 1)
        for k in reached where ruleset.routeCone[k] {
            // Only a plain value can be substituted; a rule with a second slot (domains,
            // profiles) or members is evaluated.
            let plain = rules[k].secondarySlot == nil && rules[k].iteration == nil
            plan[k] = state[k] & changing != 0 || !plain ? .evaluate : .substitute
            visited.append(k)
        }
        if plan[ruleset.decisionIndex] == .keep { visited.append(ruleset.decisionIndex) }
        plan[ruleset.decisionIndex] = .evaluate
        // In evaluation order, which is index order.
        visited.sort()
        return RerunPlan(plan, visited: visited)
    }

    /// Whether a value is or contains a record (an object of the case graph).
    static func holdsRecords(_ v: Value) -> Bool {
        switch v {
        case .object: return true
        case .list(let items): return items.contains { holdsRecords($0) }
        default: return false
        }
    }

    /// Every value an unknown leaf could take (reading 24).
    /// `dates` is evaluated only for a date leaf.
    func candidates(for pointer: String, file: CaseFile, dates: @autoclosure () -> [Value]) -> [Value] {
        let name: String
        if let slash = pointer.utf8.lastIndex(of: UInt8(ascii: "/")), pointer.utf8.index(after: slash) != pointer.utf8.endIndex {
            name = String(pointer[pointer.utf8.index(after: slash)...])
        } else {
            name = pointer.split(separator: "/").last.map(String.init) ?? ""   // no slash, or a trailing one
        }
        switch name {
        case "injury": return Injury.allCases.filter { $0 != .unknown }.map { .string($0.rawValue) }
        case "status": return SeparationStatus.allCases.filter { $0 != .unknown }.map { .string($0.rawValue) }
        case "kind": return ReportKind.allCases.map { .string($0.rawValue) }
        case "outcome": return InterventionOutcome.allCases.map { .string($0.rawValue) }
        case "since", "sinceDate", "start", "date": return dates()
        case "previousMdaPlusPlus":
            var out: [Value] = [
                .object(ObjectValue.make(type: CaseSchema.trajectory, fields: [.bool(false), .null, .null], path: pointer)),
                .object(ObjectValue.make(type: CaseSchema.trajectory, fields: [.bool(true), .null, .null], path: pointer)),
            ]
            let start = file.referenceDate.addingMonths(-ruleset.longestMonthWindow)
            for inc in file.incidents where inc.date >= start {
                out.append(.object(ObjectValue.make(type: CaseSchema.trajectory,
                                               fields: [.bool(true), .null, inc.date.addingDays(-1).celValue], path: pointer)))
            }
            return out
        default: return [.bool(true), .bool(false)]
        }
    }

    /// Dates inside and outside every window: each whole-number parameter taken as months and
    /// as days back from the reference date (and the day before), plus each incident's date
    /// and the day before it.
    func candidateDates(_ file: CaseFile) -> [Value] {
        let ref = file.referenceDate
        var days = [ref.daysSinceEpoch, CaseDate(year: 1900, month: 1, day: 1)!.daysSinceEpoch]
        days.reserveCapacity(2 + 4 * ruleset.windowLengths.count + 2 * file.incidents.count)
        for n in ruleset.windowLengths {
            for d in [ref.addingMonths(-n), ref.addingDays(-n)] {
                days.append(d.daysSinceEpoch)
                days.append(d.daysSinceEpoch - 1)
            }
        }
        for inc in file.incidents {
            days.append(inc.date.daysSinceEpoch)
            days.append(inc.date.daysSinceEpoch - 1)
        }
        let low = CaseDate(year: 1900, month: 1, day: 1)!.daysSinceEpoch
        days.removeAll { $0 > ref.daysSinceEpoch || $0 < low }
        days.sort()
        var out: [Value] = []
        out.reserveCapacity(days.count)
        for i in days.indices where i == 0 || days[i - 1] != days[i] { out.append(CaseDate(daysSinceEpoch: days[i]).celValue) }
        return out
    }
}
