import CEL

/// Builds the CEL value of a case (the `case` variable rules read).
///
/// Every record carries its JSON Pointer as its path, so a trace can name each field a rule
/// read. An unknown fact becomes a CEL unknown carrying its own pointer, which is how unknown
/// facts travel through evaluation into `missing`. `overrides` replaces unknown leaves by
/// pointer, for the single-fact counterfactuals behind `missing` (reading 24).
struct CaseGraph {
    /// Replacement values for unknown leaves, by JSON Pointer.
    var overrides: [String: Value] = [:]

    /// The CEL value of `file`.
    func build(_ file: CaseFile) -> Value {
        var numbers = FactNumbers()
        var members: [Value] = []
        members.reserveCapacity(file.members.count)
        // Records are read in place, by index: a copy (as `enumerated()` makes) retains and
        // later releases each of their strings and lists.
        for i in file.members.indices {
            members.append(member(file.members, at: i, path: CaseGraph.path("/members/", i, CaseGraph.memberPaths),
                                  factorsPath: i < CaseGraph.memberFactorsPaths.count ? CaseGraph.memberFactorsPaths[i] : nil, numbers: &numbers))
        }
        var lists = Lists(ids: file.members.map(\.id), members: members, incidents: file.incidents.count)
        var relationships: [Value] = []
        relationships.reserveCapacity(file.relationships.count)
        for i in file.relationships.indices {
            let a = lists.member(file.relationships[i].a), b = lists.member(file.relationships[i].b)
            let kind = file.relationships[i].kind
            relationships.append(.object(ObjectValue.make(type: CaseSchema.relationship, path: CaseGraph.path("/relationships/", i, CaseGraph.relationshipPaths),
                                                          index: numbers.take(CaseSchema.relationship)) { w in
                w.append(a)
                w.append(b)
                w.append(.string(kind.rawValue))
            }))
        }
        var incidents: [Value] = []
        incidents.reserveCapacity(file.incidents.count)
        let incidentLeaves = CaseGraph.incidentLeaves
        for i in file.incidents.indices {
            let p = CaseGraph.path("/incidents/", i, CaseGraph.incidentPaths)
            // Each field made where it is appended: a local would be one more copy of it (a
            // retain and a release).
            incidents.append(.object(ObjectValue.make(type: CaseSchema.incident, path: p, index: numbers.take(CaseSchema.incident)) { w in
                w.append(file.incidents[i].date.celValue)
                w.append(lists.kinds(file.incidents[i].kinds))
                w.append(lists.people(file.incidents[i].perpetrators))
                w.append(lists.people(file.incidents[i].victims))
                w.append(lists.people(file.incidents[i].witnesses))
                if let v = file.incidents[i].injury.value, v != .unknown { w.append(.string(v.rawValue)) } else { w.append(leaf(incidentLeaves, i, w.count, p)) }
                w.append(tri(file.incidents[i].weapon, incidentLeaves, i, w.count, p))
                w.append(tri(file.incidents[i].policeInvolved, incidentLeaves, i, w.count, p))
                w.append(tri(file.incidents[i].contactBanViolated, incidentLeaves, i, w.count, p))
            }))
        }
        let reports: [Value] = file.reports.enumerated().map { i, r in
            let p = CaseGraph.path("/reports/", i, CaseGraph.reportPaths)
            return .object(ObjectValue.make(type: CaseSchema.report, path: p, index: numbers.take(CaseSchema.report)) { w in
                w.append(r.date.celValue)
                w.append(enumeration(r.kind, CaseGraph.reportLeaves, i, w.count, p))
                w.append(enumeration(r.reporter, CaseGraph.reportLeaves, i, w.count, p))
            })
        }
        let a = file.assessment
        let assessment = ObjectValue.make(type: CaseSchema.assessment, path: "/assessment", index: numbers.take(CaseSchema.assessment)) { w in
            let t = CaseGraph.assessmentLeaves
            w.append(date(a.date, t, 0, w.count, "/assessment"))
            w.append(tri(a.facts[.acuteUnsafety], t, 0, w.count, "/assessment"))
            w.append(tri(a.facts[.structuralUnsafety], t, 0, w.count, "/assessment"))
            w.append(a.safetyScore.value.map { .int(Int64($0)) } ?? leaf(t, 0, w.count, "/assessment"))
            w.append(enumeration(a.triage, t, 0, w.count, "/assessment"))
        }
        let s = file.stalking
        let stalking = ObjectValue.make(type: CaseSchema.stalking, path: "/stalking", index: numbers.take(CaseSchema.stalking)) { w in
            group(s.facts, CaseGraph.stalkingLeaves, 0, "/stalking", into: &w)
            w.append(date(s.sinceDate, CaseGraph.stalkingLeaves, 0, w.count, "/stalking"))
        }
        let sep = file.separation
        let separation = ObjectValue.make(type: CaseSchema.separation, path: "/separation", index: numbers.take(CaseSchema.separation)) { w in
            let t = CaseGraph.separationLeaves
            if let v = sep.status.value, v != .unknown { w.append(.string(v.rawValue)) } else { w.append(leaf(t, 0, w.count, "/separation")) }
            w.append(date(sep.since, t, 0, w.count, "/separation"))
            group(sep.facts, t, 0, "/separation", into: &w)
        }
        let agencies: [Value] = file.care.agencies.enumerated().map { i, ag in
            let p = CaseGraph.path("/care/agencies/", i, CaseGraph.agencyPaths)
            return .object(ObjectValue.make(type: CaseSchema.agency, path: p, index: numbers.take(CaseSchema.agency)) { w in
                w.append(.string(ag.kind.rawValue))
                w.append(date(ag.since, CaseGraph.agencyLeaves, i, w.count, p))
                w.append(ag.until.value.map(\.celValue) ?? .null)   // reading 6: absent reads as null (still involved)
            })
        }
        let interventions: [Value] = file.care.interventions.enumerated().map { i, iv in
            let p = CaseGraph.path("/care/interventions/", i, CaseGraph.interventionPaths)
            return .object(ObjectValue.make(type: CaseSchema.intervention, path: p, index: numbers.take(CaseSchema.intervention)) { w in
                w.append(iv.kind.value.map { .string($0) } ?? .null)
                w.append(date(iv.start, CaseGraph.interventionLeaves, i, w.count, p))
                w.append(iv.end.value.map(\.celValue) ?? .null)
                w.append(enumeration(iv.outcome, CaseGraph.interventionLeaves, i, w.count, p))
            })
        }
        let care = ObjectValue.make(type: CaseSchema.care, path: "/care", index: numbers.take(CaseSchema.care)) { w in
            w.append(.list(agencies))
            w.append(.list(interventions))
            group(file.care.facts, CaseGraph.careLeaves, 0, "/care", into: &w)
        }
        let justice = ObjectValue.make(type: CaseSchema.justice, path: "/justice", index: numbers.take(CaseSchema.justice)) { w in
            w.append(.list(file.justice.restrainingOrders.map(\.celValue)))
            group(file.justice.facts, CaseGraph.justiceLeaves, 0, "/justice", into: &w)
        }
        let previous = trajectory(file.previousMdaPlusPlus, numbers: &numbers)
        let history = ObjectValue.make(type: CaseSchema.history, fields: [previous], path: "/history", index: numbers.take(CaseSchema.history))
        let j = file.professionalJudgement
        let judgement = ObjectValue.make(type: CaseSchema.judgement, fields: [
            j.escalateTo.value.map { .string($0.rawValue) } ?? .null,
            .int(Int64(j.reason.value?.unicodeScalars.count ?? 0)),
        ], path: "/professionalJudgement", index: numbers.take(CaseSchema.judgement))

        let household = ObjectValue.make(type: CaseSchema.household, path: "/household", index: numbers.take(CaseSchema.household)) {
            group(file.household, CaseGraph.householdLeaves, 0, "/household", into: &$0)
        }
        let coercive = ObjectValue.make(type: CaseSchema.coerciveControl, path: "/coerciveControl", index: numbers.take(CaseSchema.coerciveControl)) {
            group(file.coerciveControl, CaseGraph.coerciveControlLeaves, 0, "/coerciveControl", into: &$0)
        }
        // The root last, after every record it holds (see FactNumbers.count(of:)).
        return .object(ObjectValue.make(type: CaseSchema.case, path: "", index: numbers.take(CaseSchema.case)) { w in
            w.append(.string(file.caseId))
            w.append(file.referenceDate.celValue)
            w.append(.list(members))
            w.append(.list(relationships))
            w.append(.list(incidents))
            w.append(.list(reports))
            w.append(.object(assessment))
            w.append(.object(household))
            w.append(.object(coercive))
            w.append(.object(stalking))
            w.append(.object(separation))
            w.append(.object(care))
            w.append(.object(justice))
            w.append(.object(history))
            w.append(.object(judgement))
        })
    }

    /// The members by id and the CEL lists of incidents' kinds and people.
    ///
    /// Incidents mostly repeat a few lists of people and of kinds, and the decoder gives equal
    /// lists one buffer (``SharedLists``); each buffer's CEL list is built once and shared
    /// (lists are values: sharing one is as good as copies). Lists in buffers of their own,
    /// as in a case built by hand, are built each time.
    struct Lists {
        /// The members' ids, in member order, and the members' records.
        let ids: [String]
        let members: [Value]
        /// From each member's id, for cases with many members.
        private let byId: [String: Value]?
        private var kindLists: [Value] = [], peopleLists: [Value] = []
        private var kindKeys = SharedLists(), peopleKeys = SharedLists()

        /// - Parameter incidents: The number of incidents, whose lists are looked up.
        init(ids: [String], members: [Value], incidents: Int) {
            self.ids = ids
            self.members = members
            // Room for a distinct list per incident from the start: each regrowth of a table
            // re-adds every list so far.
            kindKeys.reserve(incidents)
            peopleKeys.reserve(incidents)
            // A household's few members are found by comparing ids faster than by hashing them.
            byId = members.count > 16 ? Dictionary(zip(ids, members), uniquingKeysWith: { $1 }) : nil
        }

        /// The member with an id (the last, should ids repeat), or null.
        func member(_ id: String) -> Value {
            if let byId { return byId[id] ?? .null }
            var i = ids.count - 1
            while i >= 0 {
                if ids[i] == id { return members[i] }
                i -= 1
            }
            return .null
        }

        /// The address of a list's buffer: lists alive at once share one exactly when they
        /// are the same list.
        @inline(__always)
        static func identity<T>(_ list: [T]) -> UInt64 {
            list.withUnsafeBufferPointer { UInt64(UInt(bitPattern: $0.baseAddress)) }
        }

        mutating func kinds(_ kinds: [IncidentKind]) -> Value {
            if kinds.isEmpty { return .list([]) }
            let key = Lists.identity(kinds)
            if let position = kindKeys.position(of: key) { return kindLists[position] }
            let value = Value.list(kinds.map { .string($0.rawValue) })
            if kindKeys.add(key, at: kindLists.count) { kindLists.append(value) }
            return value
        }

        mutating func people(_ people: [String]) -> Value {
            if people.isEmpty { return .list([]) }
            let key = Lists.identity(people)
            if let position = peopleKeys.position(of: key) { return peopleLists[position] }
            var out: [Value] = []
            out.reserveCapacity(people.count)
            for id in people { out.append(member(id)) }
            let value = Value.list(out)
            if peopleKeys.add(key, at: peopleLists.count) { peopleLists.append(value) }
            return value
        }
    }

    /// The record of member `i` of `members`, read in place (a copy of the member, passed by
    /// value, retained and released its id and lists).
    /// - Parameter factorsPath: The pointer of the member's factors, when precomputed.
    func member(_ members: [CaseFile.Member], at i: Int, path p: String, factorsPath: String? = nil, numbers: inout FactNumbers) -> Value {
        let factorsPath = factorsPath ?? p + "/factors"
        let group = members[i].factors
        let factors = ObjectValue.make(type: CaseSchema.factors, path: factorsPath, index: numbers.take(CaseSchema.factors)) {
            self.group(group, CaseGraph.factorsLeaves, i, factorsPath, into: &$0)
        }
        return .object(ObjectValue.make(type: CaseSchema.member, path: p, index: numbers.take(CaseSchema.member)) { w in
            w.append(.string(members[i].id))
            w.append(.int(Int64(members[i].age)))
            w.append(members[i].gender.value.map { .string($0.rawValue) } ?? .null)
            w.append(tri(members[i].victim, CaseGraph.memberLeaves, i, w.count, p))
            w.append(tri(members[i].perpetrator, CaseGraph.memberLeaves, i, w.count, p))
            w.append(tri(members[i].pregnant, CaseGraph.memberLeaves, i, w.count, p))
            w.append(.object(factors))
            w.append(.list(members[i].aces.map { .string($0.rawValue) }))
        })
    }

    func trajectory(_ fact: Fact<CaseFile.PreviousTrajectory>, numbers: inout FactNumbers) -> Value {
        switch fact {
        case .known(.none):
            return .object(ObjectValue.make(type: CaseSchema.trajectory, fields: [.bool(false), .null, .null], path: "/history/previousMdaPlusPlus",
                                             index: numbers.take(CaseSchema.trajectory)))
        case .known(.trajectory(let start, let closed)):
            return .object(ObjectValue.make(type: CaseSchema.trajectory, fields: [
                .bool(true), start.value.map(\.celValue) ?? .null, closed.map(\.celValue) ?? .null,
            ], path: "/history/previousMdaPlusPlus", index: numbers.take(CaseSchema.trajectory)))
        case .absent, .null:
            return leaf(CaseGraph.historyLeaves, 0, 0, "/history")
        }
    }

    // MARK: Counterfactual copies

    /// `root` with field `field` of the record `target` replaced by `value`: the record and
    /// every record and list that contains it are copied, everything else is shared. A record
    /// reachable along several paths (a member, referenced by incidents and relationships)
    /// becomes one new record, so identity is kept. Equivalent to building the case again
    /// with `overrides` for that leaf. Nil when `target` is not in `root`.
    static func replacing(_ target: ObjectValue, field: Int, with value: Value, in root: Value) -> Value? {
        replacement(of: target, field: field, in: root)?.applied(value)
    }

    /// The copies ``replacing(_:field:with:in:)`` makes, found once for a leaf and applied to
    /// each of its candidate values: which records and lists contain the target does not
    /// depend on the value put in. Nil when `target` is not in `root`.
    static func replacement(of target: ObjectValue, field: Int, in root: Value) -> Replacement? {
        let containers = containerTable.first { $0.type === target.type }?.containers ?? containers(of: target.type)
        var rewriter = Rewriter(target: target, field: field, containers: containers)
        guard rewriter.rewrite(root) != nil else { return nil }
        return Replacement(steps: rewriter.steps, target: target, field: field)
    }

    /// The records and lists to copy for one leaf, children before the records and lists
    /// holding them; the last is the root.
    struct Replacement {
        fileprivate let steps: [Step]
        /// The record whose field is replaced, and the field.
        fileprivate let target: ObjectValue
        fileprivate let field: Int

        /// One record or list to copy, and which of its fields or elements change: each to
        /// the copy made by an earlier step, or (step -1) to the value put in.
        fileprivate struct Step {
            let original: Value
            let changes: [(index: Int, step: Int)]
        }

        /// The root with `value` put in. A record shared by several paths is one step, copied
        /// once, so every path holds the same new record.
        func applied(_ value: Value) -> Value {
            let built = build(value)
            return built[built.count - 1]
        }

        /// The copies ``applied(_:)`` makes, holding the target's own value, for values to be
        /// put into in place (``Varied/put(_:at:)``), with each record copied paired with its copy.
        func varied() -> Varied {
            let built = build(target.field(field))
            var pairs: [(original: ObjectIdentifier, copy: Value)] = []
            var targets: [ObjectValue] = []
            for (i, step) in steps.enumerated() {
                guard case .object(let o) = step.original, case .object(let copy) = built[i] else { continue }
                pairs.append((ObjectIdentifier(o), built[i]))
                if o === target { targets.append(copy) }
            }
            return Varied(root: built[built.count - 1], copies: RecordCopies(pairs: pairs), original: target, targets: targets)
        }

        /// A replacement's copies, made once for a record and given one value after another in
        /// one field after another: a candidate's case graph without a new copy of every record
        /// on the path to the leaf.
        ///
        /// The copies are the caller's alone (``ObjectValue/replaceField(_:with:)``): between
        /// two values no evaluation may read them, and values computed from them before hold
        /// the new value afterwards.
        final class Varied {
            /// The copy of the root: the case with the value put in last.
            let root: Value
            /// Each record copied, paired with its copy.
            let copies: RecordCopies
            /// The record varied, and its copies (one per path to it).
            private let original: ObjectValue
            private let targets: [ObjectValue]
            /// The field that holds the value put in last, if any.
            private var field: Int?

            fileprivate init(root: Value, copies: RecordCopies, original: ObjectValue, targets: [ObjectValue]) {
                self.root = root
                self.copies = copies
                self.original = original
                self.targets = targets
            }

            /// Puts `value` in field `field` of the record, every other field back to the
            /// original's: ``root`` then equals ``Replacement/applied(_:)`` of `value` for a
            /// replacement of that field.
            func put(_ value: Value, at field: Int) {
                if let last = self.field, last != field {
                    for t in targets { t.replaceField(last, with: original.field(last)) }
                }
                self.field = field
                for t in targets { t.replaceField(field, with: value) }
            }
        }

        /// The copy of each step, in step order (the root last).
        private func build(_ value: Value) -> [Value] {
            var built: [Value] = []
            built.reserveCapacity(steps.count)
            for step in steps {
                switch step.original {
                case .object(let o):
                    // The record's fields copied in place, the changed ones (in field order, as
                    // the rewriter finds them) replaced.
                    var next = 0
                    let copy = ObjectValue.make(type: o.type, path: o.path, index: o.index) { w in
                        for i in 0..<o.count {
                            if next < step.changes.count && step.changes[next].index == i {
                                let c = step.changes[next]
                                next += 1
                                w.append(c.step < 0 ? value : built[c.step])
                            } else {
                                w.append(o.field(i))
                            }
                        }
                    }
                    precondition(next == step.changes.count, "a replacement step's changes are in field order")
                    built.append(.object(copy))
                case .list(let items):
                    var copy = items
                    for c in step.changes { copy[c.index] = c.step < 0 ? value : built[c.step] }
                    built.append(.list(copy))
                default:
                    preconditionFailure("a replacement step copies a record or a list")
                }
            }
            return built
        }
    }

    /// ``containers(of:)`` for every record type of the schema, computed once.
    static let containerTable: [(type: ObjectType, containers: [ObjectType])] =
        schemaTypes.map { ($0, containers(of: $0)) }

    /// The record types of the case schema.
    static let schemaTypes = [
        CaseSchema.case, CaseSchema.member, CaseSchema.factors, CaseSchema.relationship, CaseSchema.incident,
        CaseSchema.report, CaseSchema.assessment, CaseSchema.household, CaseSchema.coerciveControl,
        CaseSchema.stalking, CaseSchema.separation, CaseSchema.agency, CaseSchema.intervention, CaseSchema.care,
        CaseSchema.justice, CaseSchema.trajectory, CaseSchema.history, CaseSchema.judgement,
    ]

    /// The record types whose fields can hold, directly or through lists and other records,
    /// a record of type `type` (from the field types of the case schema's records).
    static func containers(of type: ObjectType) -> [ObjectType] {
        let all = schemaTypes
        func holds(_ t: CELType, _ targets: [ObjectType]) -> Bool {
            switch t {
            case .object(let o): return targets.contains { $0 === o }
            case .list(let e): return holds(e, targets)
            case .map(_, let v): return holds(v, targets)
            case .dyn: return true
            default: return false
            }
        }
        var found: [ObjectType] = []
        var changed = true
        while changed {
            changed = false
            for t in all where !found.contains(where: { $0 === t }) {
                let targets = [type] + found   // once per type, not per field
                if t.fields.contains(where: { holds($0.type, targets) }) {
                    found.append(t)
                    changed = true
                }
            }
        }
        return found
    }

    /// Finds the steps of a ``Replacement``.
    private struct Rewriter {
        let target: ObjectValue
        let field: Int
        /// Record types that can contain the target; other records are not searched.
        let containers: [ObjectType]
        /// The steps found, children first.
        var steps: [Replacement.Step] = []
        /// Results for shared records (members) already visited: their step, or nil when unchanged.
        var shared: [(ObjectIdentifier, Int?)] = []

        /// The step that copies `v`, or nil when `v` does not contain the target.
        mutating func rewrite(_ v: Value) -> Int? {
            switch v {
            case .object(let o):
                if o === target { return add(v, [(field, -1)]) }
                guard containers.contains(where: { $0 === o.type }) else { return nil }
                let isShared = o.type === CaseSchema.member
                if isShared {
                    let id = ObjectIdentifier(o)
                    for (seen, result) in shared where seen == id { return result }
                }
                var changes: [(index: Int, step: Int)] = []
                for i in 0..<o.count {
                    if let y = rewrite(o.field(i)) { changes.append((i, y)) }
                }
                let result = changes.isEmpty ? nil : add(v, changes)
                if isShared { shared.append((ObjectIdentifier(o), result)) }
                return result
            case .list(let items):
                // Lists of the case graph are built from one typed array each, so the first
                // element tells whether any element can hold the target.
                switch items.first {
                case .object(let first)?:
                    if first.type !== target.type && !containers.contains(where: { $0 === first.type }) { return nil }
                case .list?: break
                default: return nil
                }
                var changes: [(index: Int, step: Int)] = []
                for (i, x) in items.enumerated() {
                    if let y = rewrite(x) { changes.append((i, y)) }
                }
                return changes.isEmpty ? nil : add(v, changes)
            default:
                return nil
            }
        }

        private mutating func add(_ original: Value, _ changes: [(index: Int, step: Int)]) -> Int {
            steps.append(Replacement.Step(original: original, changes: changes))
            return steps.count - 1
        }
    }

    // MARK: Leaves

    /// An unknown leaf, or its counterfactual override.
    @inline(__always)
    func leaf(_ base: String, _ key: String) -> Value {
        // One allocation for the pointer, its bytes copied in place (`initialize(from:)` copies
        // a native string's UTF-8 in one move): string appends, even into reserved room, cost
        // more than the allocation.
        let pointer = String(unsafeUninitializedCapacity: base.utf8.count + 1 + key.utf8.count) { bytes in
            var n = UnsafeMutableBufferPointer(rebasing: bytes[...]).initialize(from: base.utf8).1
            bytes[n] = UInt8(ascii: "/")
            n &+= 1
            n &+= UnsafeMutableBufferPointer(rebasing: bytes[n...]).initialize(from: key.utf8).1
            return n
        }
        if !overrides.isEmpty, let v = overrides[pointer] { return v }
        return .unknown(UnknownSet([pointer]))
    }

    /// The unknown leaf of field `field` of record `record` of `table`'s records, whose path is
    /// `base`, or its counterfactual override. Taken from the table when it covers the record.
    @inline(__always)
    func leaf(_ table: LeafTable, _ record: Int, _ field: Int, _ base: String) -> Value {
        guard record < table.records else { return leaf(base, table.type.fields[field].name) }
        let value = table[record, field]
        if !overrides.isEmpty, case .unknown(let u) = value, let v = overrides[u.paths[0]] { return v }
        return value
    }

    /// A tri-state fact's value, or the unknown leaf it is (see ``leaf(_:_:_:_:)``).
    func tri(_ fact: Fact<Bool>, _ table: LeafTable, _ record: Int, _ field: Int, _ base: String) -> Value {
        if case .known(let b) = fact { return .bool(b) }
        return leaf(table, record, field, base)
    }

    /// A date fact's value, or the unknown leaf it is (see ``leaf(_:_:_:_:)``).
    func date(_ fact: Fact<CaseDate>, _ table: LeafTable, _ record: Int, _ field: Int, _ base: String) -> Value {
        if case .known(let d) = fact { return d.celValue }
        return leaf(table, record, field, base)
    }

    /// A vocabulary fact's value, or the unknown leaf it is (see ``leaf(_:_:_:_:)``).
    func enumeration<E: RawRepresentable>(_ fact: Fact<E>, _ table: LeafTable, _ record: Int, _ field: Int, _ base: String) -> Value
    where E.RawValue == String {
        if case .known(let e) = fact { return .string(e.rawValue) }
        return leaf(table, record, field, base)
    }

    /// Appends the values of a group's facts to a record being made, from its next field on
    /// (the record's fields there are the group's keys, in order).
    func group<K>(_ g: FactGroup<K>, _ table: LeafTable, _ record: Int, _ base: String, into out: inout ObjectValue.FieldWriter) {
        for i in 0..<g.count {
            if case .known(let b) = g[index: i] { out.append(.bool(b)) } else { out.append(leaf(table, record, out.count, base)) }
        }
    }

    /// Numbers a graph's records so that each (record, field) has its own fact number: a
    /// record's ``ObjectValue/index`` is the number of its first field, the others follow
    /// (traces keep per-fact tables in arrays indexed by `index + field`).
    struct FactNumbers {
        /// The number the next record's first field gets.
        private(set) var next = 0

        /// The index of a new record of `type`.
        mutating func take(_ type: ObjectType) -> Int {
            defer { next += type.fields.count }
            return next
        }

        /// The number of facts in the graph whose root record is `root`: the root is numbered
        /// last, after every record it holds. 0 for another value.
        static func count(of root: Value) -> Int {
            guard case .object(let o) = root, o.index >= 0 else { return 0 }
            return o.index + o.count
        }
    }

    // Precomputed record paths, so building a case makes no strings for ordinary sizes.
    static let memberPaths = (0..<64).map { "/members/\($0)" }
    static let relationshipPaths = (0..<64).map { "/relationships/\($0)" }
    static let incidentPaths = (0..<512).map { "/incidents/\($0)" }
    static let reportPaths = (0..<128).map { "/reports/\($0)" }
    static let memberFactorsPaths = (0..<64).map { "/members/\($0)/factors" }
    static let agencyPaths = (0..<32).map { "/care/agencies/\($0)" }
    static let interventionPaths = (0..<32).map { "/care/interventions/\($0)" }

    // The unknown leaves of the first records of each kind (each table is made whole on first
    // use, so they cover what cases usually hold rather than every precomputed path). Members'
    // factors for the first 16 members: a leaf per factor makes theirs the largest per record.
    static let memberLeaves = LeafTable(CaseSchema.member, paths: Array(memberPaths.prefix(32)), fields: ["victim", "perpetrator", "pregnant"])
    static let factorsLeaves = LeafTable(CaseSchema.factors, paths: Array(memberFactorsPaths.prefix(16)))
    static let incidentLeaves = LeafTable(CaseSchema.incident, paths: Array(incidentPaths.prefix(256)),
                                          fields: ["injury", "weapon", "policeInvolved", "contactBanViolated"])
    static let reportLeaves = LeafTable(CaseSchema.report, paths: Array(reportPaths.prefix(64)), fields: ["kind", "reporter"])
    static let agencyLeaves = LeafTable(CaseSchema.agency, paths: agencyPaths, fields: ["since"])
    static let interventionLeaves = LeafTable(CaseSchema.intervention, paths: interventionPaths, fields: ["start", "outcome"])
    static let assessmentLeaves = LeafTable(CaseSchema.assessment, paths: ["/assessment"])
    static let householdLeaves = LeafTable(CaseSchema.household, paths: ["/household"])
    static let coerciveControlLeaves = LeafTable(CaseSchema.coerciveControl, paths: ["/coerciveControl"])
    static let stalkingLeaves = LeafTable(CaseSchema.stalking, paths: ["/stalking"])
    static let separationLeaves = LeafTable(CaseSchema.separation, paths: ["/separation"])
    static let careLeaves = LeafTable(CaseSchema.care, paths: ["/care"], fields: CareFact.allCases.map(\.rawValue))
    static let justiceLeaves = LeafTable(CaseSchema.justice, paths: ["/justice"], fields: JusticeFact.allCases.map(\.rawValue))
    static let historyLeaves = LeafTable(CaseSchema.history, paths: ["/history"])
    static func path(_ prefix: String, _ i: Int, _ cache: [String]) -> String {
        i < cache.count ? cache[i] : prefix + String(i)
    }
}
