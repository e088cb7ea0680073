import ByteJSON

/// The decoding walk behind ``CaseDecoder``: reads a case off a ``JSONTape``, tracks where it is
/// and collects errors.
///
/// A value is its tape index. The path is kept as tokens (a key's tape index, a schema name or
/// a list index) and becomes a JSON Pointer only for an error or an ignored key. Keys and
/// vocabulary values are looked up as bytes in ``NameTable``s, with the same outcome as
/// comparing strings.
struct CaseTapeReader {
    let tape: JSONTape.View
    var errors: [InputError] = []
    /// Where the walk is (indexes and keys become text only in an error).
    var path: [PathToken] = []
    var ignored: [String] = []
    /// Lists already made for this case, which later incidents with the same list share instead
    /// of allocating their own (keyed as ``memberRefs(_:)`` and ``readIncident(_:)`` pack them),
    /// and the buffers each is gathered in.
    var idLists: [[String]] = [], kindLists: [[IncidentKind]] = []
    var idKeys = SharedLists(), kindKeys = SharedLists()
    var idScratch: [String] = [], kindScratch: [IncidentKind] = []

    /// The decoded members' ids, once all members are read.
    var ids = MemberIDs()
    /// The case's reference date, once read (it is read before every other date).
    var reference: CaseDate?

    static let minDate = CaseDate(year: 1900, month: 1, day: 1)!
    static let maxDate = CaseDate(year: 2199, month: 12, day: 31)!

    init(tape: JSONTape.View) {
        self.tape = tape
        path.reserveCapacity(8)
    }

    enum PathToken {
        /// A key of the document, by its tape index.
        case key(Int)
        /// A key the schema names.
        case name(StaticString)
        case index(Int)
    }

    func text(_ token: PathToken) -> String {
        switch token {
        case .key(let k): return tape.string(k)
        case .name(let n): return n.description
        case .index(let i): return String(i)
        }
    }

    func pointer(_ tokens: [PathToken]) -> String { JSONPointer(tokens: tokens.map(text)).description }

    mutating func fail(_ code: InputError.Code, _ message: String, at extra: StaticString? = nil) {
        fail(code, message, below: extra.map { .name($0) })
    }

    /// Records an error at the current path followed by `token`, if any: readers of list
    /// elements report at the element's index without entering it first (entering costs a
    /// path push and pop per element).
    mutating func fail(_ code: InputError.Code, _ message: String, below token: PathToken?) {
        var p = path
        if let token { p.append(token) }
        errors.append(InputError(path: pointer(p), code: code, message: message))
    }

    mutating func within<T>(_ token: StaticString, _ body: (inout CaseTapeReader) -> T) -> T {
        path.append(.name(token))
        defer { path.removeLast() }
        return body(&self)
    }

    mutating func within<T>(key: Int, _ body: (inout CaseTapeReader) -> T) -> T {
        path.append(.key(key))
        defer { path.removeLast() }
        return body(&self)
    }

    mutating func within<T>(_ index: Int, _ body: (inout CaseTapeReader) -> T) -> T {
        path.append(.index(index))
        defer { path.removeLast() }
        return body(&self)
    }

    /// Whether the key (or string) at `k` is `name` (an ASCII name).
    @inline(__always)
    func `is`(_ k: Int, _ name: StaticString) -> Bool {
        tape.withUTF8(k) { text in
            guard tape.isASCII(k) else { return String(decoding: text, as: UTF8.self) == name.description }
            guard text.count == name.utf8CodeUnitCount else { return false }
            return NameTable<Never>.same(name.utf8Start, text)
        }
    }

    /// The vocabulary value the key (or string) at `k` names.
    @inline(__always)
    func lookup<V: CaseVocabulary>(_ k: Int, _ type: V.Type) -> V? {
        var hint = 0
        return lookup(k, type, hint: &hint)
    }

    /// The vocabulary value the key (or string) at `k` names, trying from position `hint` on;
    /// when found, `hint` becomes the position after it.
    @inline(__always)
    func lookup<V: CaseVocabulary>(_ k: Int, _ type: V.Type, hint: inout Int) -> V? {
        let table = V.table
        guard let index = tape.withUTF8(k, { table.index(of: $0, ascii: tape.isASCII(k), from: hint) }) else { return nil }
        hint = index + 1
        return table.values[index]
    }

    /// The value of the first member of object `o` named `name`.
    @inline(__always)
    func member(_ o: Int, _ name: StaticString) -> Int? {
        for k in tape.keys(o) where `is`(k, name) { return k + 1 }
        return nil
    }

    // MARK: Scalars

    /// Reports a type error when `value` is not an object.
    mutating func object(_ value: Int, what: String) -> Int? {
        if tape.kind(value) == .object { return value }
        fail(.type, "expected \(what) (a JSON object)")
        return nil
    }

    mutating func string(_ value: Int, required: Bool = false, maxLength: Int? = nil) -> Fact<String> {
        switch tape.kind(value) {
        case .null:
            if required { fail(.missing, "required field is null") }
            return .null
        case .string:
            if let maxLength {
                let n = tape.withUTF8(value) { bytes in bytes.reduce(0) { $0 + ($1 & 0xC0 == 0x80 ? 0 : 1) } }
                if n < 1 || n > maxLength { fail(.range, "length must be 1–\(maxLength) characters") }
            }
            return .known(tape.string(value))
        default:
            fail(.type, "expected a string")
            return .null
        }
    }

    mutating func tri(_ value: Int) -> Fact<Bool> {
        switch tape.kind(value) {
        case .null: return .null
        case .bool: return .known(tape.bool(value))
        default:
            fail(.type, "expected true, false or null")
            return .null
        }
    }

    /// ``tri(_:)`` for the value of key `k`, entering the key only to report an error.
    @inline(__always)
    mutating func tri(_ value: Int, key k: Int) -> Fact<Bool> {
        switch tape.kind(value) {
        case .null: return .null
        case .bool: return .known(tape.bool(value))
        default: return within(key: k) { $0.tri(value) }
        }
    }

    mutating func int(_ value: Int, range: ClosedRange<Int>, required: Bool) -> Fact<Int> {
        switch tape.kind(value) {
        case .null:
            if required { fail(.missing, "required field is null") }
            return .null
        case .number:
            guard let i = tape.int64(value) else {
                fail(.type, "expected a whole number")
                return .null
            }
            guard range.contains(Int(clamping: i)) else {
                fail(.range, "must be between \(range.lowerBound) and \(range.upperBound)")
                return .null
            }
            return .known(Int(i))
        default:
            fail(.type, "expected a whole number")
            return .null
        }
    }

    /// The vocabulary value at `value`; errors are reported below the current path by `token`.
    mutating func enumValue<E: CaseVocabulary>(_ value: Int, _ type: E.Type, required: Bool = false, below token: PathToken? = nil) -> Fact<E> {
        switch tape.kind(value) {
        case .null:
            if required { fail(.missing, "required field is null", below: token) }
            return .null
        case .string:
            if let e = lookup(value, E.self) { return .known(e) }
            let allowed = E.table.names.joined(separator: ", ")
            fail(.enum, "not one of the allowed values (\(allowed))", below: token)
            return .null
        default:
            fail(.type, "expected a string", below: token)
            return .null
        }
    }

    /// Reads a date; with `bounded`, a date after the reference date is a `date_after_reference` error.
    /// Errors are reported below the current path by `token`.
    mutating func date(_ value: Int, required: Bool = false, bounded: Bool = false, below token: PathToken? = nil) -> Fact<CaseDate> {
        switch tape.kind(value) {
        case .null:
            if required { fail(.missing, "required field is null", below: token) }
            return .null
        case .string:
            guard let d = tape.withUTF8(value, { CaseDate(utf8: $0) }) else {
                fail(.date, "not an existing date of the form YYYY-MM-DD", below: token)
                return .null
            }
            guard d >= CaseTapeReader.minDate && d <= CaseTapeReader.maxDate else {
                fail(.range, "date must lie between 1900-01-01 and 2199-12-31", below: token)
                return .null
            }
            if bounded, let reference, d > reference { fail(.dateAfterReference, "date lies after the reference date", below: token) }
            return .known(d)
        default:
            fail(.type, "expected a date string YYYY-MM-DD", below: token)
            return .null
        }
    }

    /// The elements of a list; a non-list is a type error (and reads as empty), `null` is empty.
    mutating func list(_ value: Int) -> EnumeratedSequence<JSONTape.View.Children> {
        switch tape.kind(value) {
        case .array, .null: break
        default: fail(.type, "expected a list")
        }
        return tape.elements(value).enumerated()
    }

    /// How many elements the value at `v` has when it is a list (else none).
    func elementCount(_ v: Int) -> Int { tape.kind(v) == .array ? tape.count(v) : 0 }

    mutating func group<K: CaseVocabulary>(_ value: Int?, _ group: inout FactGroup<K>, extra: (inout CaseTapeReader, Int, Int) -> Bool = { _, _, _ in false }) {
        guard let value else { return }
        if tape.kind(value) == .null { return }
        guard let o = object(value, what: "an object") else { return }
        group.isPresent = true
        let table = K.table
        var hint = 0
        for k in tape.keys(o) {
            let v = k + 1
            if let index = tape.withUTF8(k, { table.index(of: $0, ascii: tape.isASCII(k), from: hint) }) {
                hint = index + 1
                group[index: index] = tri(v, key: k)
            } else if !within(key: k, { extra(&$0, k, v) }) {
                ignore(k)
            }
        }
    }

    mutating func ignore(_ key: Int) {
        var p = path
        p.append(.key(key))
        ignored.append(pointer(p))
    }

    /// Records the current path as a key the schema does not define.
    mutating func ignoreHere() { ignored.append(pointer(path)) }

    // MARK: The case

    mutating func readCase(_ json: Int) -> CaseFile? {
        guard let o = object(json, what: "a case") else { return nil }
        // Required fields first.
        if let v = member(o, "schema") {
            switch tape.kind(v) {
            case .null: fail(.missing, "required field is missing", at: "schema")
            case .string: if !tape.equals(v, CaseDecoder.schema) { fail(.schema, "schema must be \(CaseDecoder.schema)", at: "schema") }
            default: fail(.type, "expected a string", at: "schema")
            }
        } else { fail(.missing, "required field is missing", at: "schema") }
        var caseId = ""
        if let v = member(o, "caseId") {
            caseId = within("caseId") { $0.string(v, required: true, maxLength: 128) }.value ?? ""
        } else { fail(.missing, "required field is missing", at: "caseId") }
        var reference = CaseDate(daysSinceEpoch: 0)
        if let v = member(o, "referenceDate") {
            if let d = within("referenceDate", { $0.date(v, required: true) }).value {
                reference = d
                self.reference = d
            }
        } else { fail(.missing, "required field is missing", at: "referenceDate") }

        var file = CaseFile(caseId: caseId, referenceDate: reference, members: [])
        var memberPositions: [Int] = []         // each decoded member's index in the input list

        // Members.
        if let a = member(o, "members") {
            switch tape.kind(a) {
            case .null: fail(.missing, "required field is missing", at: "members")
            case .array:
                if tape.count(a) == 0 { fail(.range, "at least one member is required", at: "members") }
                file.members.reserveCapacity(tape.count(a))
                ids.reserve(tape.count(a))
                memberPositions.reserveCapacity(tape.count(a))
                within("members") { r in
                    for (i, m) in r.tape.elements(a).enumerated() {
                        if let idEntry = r.within(i, { $0.readMember(m, into: &file.members) }) {
                            r.ids.add(file.members[file.members.count - 1].id, at: idEntry, in: r.tape)
                            memberPositions.append(i)
                        }
                    }
                }
            default: fail(.type, "expected a list", at: "members")
            }
        } else { fail(.missing, "required field is missing", at: "members") }
        for i in ids.repeated(in: tape) {
            errors.append(InputError(path: "/members/\(memberPositions[i])/id", code: .duplicateId, message: "member id is used more than once"))
        }

        var hint = 0
        for key in tape.keys(o) {
            let value = key + 1
            guard let name = lookup(key, CaseKeys.Case.self, hint: &hint) else {
                ignore(key)
                continue
            }
            switch name {
            case .schema, .caseId, .referenceDate, .members: continue
            case .relationships:
                file.relationships.reserveCapacity(file.relationships.count + elementCount(value))
                within(key: key) { r in
                    for (i, v) in r.list(value) {
                        if let rel = r.within(i, { $0.readRelationship(v) }) { file.relationships.append(rel) }
                    }
                }
            case .incidents:
                file.incidents.reserveCapacity(file.incidents.count + elementCount(value))
                // Room for a list of people and of kinds per incident (most repeat).
                idKeys.reserve(elementCount(value))
                kindKeys.reserve(elementCount(value))
                within(key: key) { r in
                    for (i, v) in r.list(value) {
                        r.within(i) { $0.readIncident(v, into: &file.incidents) }
                    }
                }
            case .reports:
                file.reports.reserveCapacity(file.reports.count + elementCount(value))
                within(key: key) { r in
                    for (i, v) in r.list(value) {
                        if let rep = r.within(i, { $0.readReport(v) }) { file.reports.append(rep) }
                    }
                }
            case .assessment:
                within(key: key) { r in r.readAssessment(value, into: &file.assessment) }
            case .household:
                within(key: key) { r in r.group(value, &file.household) }
            case .coerciveControl:
                within(key: key) { r in r.group(value, &file.coerciveControl) }
            case .stalking:
                within(key: key) { r in
                    r.group(value, &file.stalking.facts) { r, k, v in
                        guard r.is(k, "sinceDate") else { return false }
                        file.stalking.sinceDate = r.date(v, bounded: true)
                        return true
                    }
                }
            case .separation:
                within(key: key) { r in
                    r.group(value, &file.separation.facts) { r, k, v in
                        switch r.lookup(k, CaseKeys.Separation.self) {
                        case .status?: file.separation.status = r.enumValue(v, SeparationStatus.self)
                        case .since?: file.separation.since = r.date(v, bounded: true)
                        case nil: return false
                        }
                        return true
                    }
                }
            case .care:
                within(key: key) { r in r.readCare(value, into: &file.care) }
            case .justice:
                within(key: key) { r in
                    r.group(value, &file.justice.facts) { r, k, v in
                        guard r.is(k, "restrainingOrders") else { return false }
                        for (i, d) in r.list(v) {
                            if let date = r.within(i, { $0.date(d, required: true, bounded: true) }).value {
                                file.justice.restrainingOrders.append(date)
                            }
                        }
                        return true
                    }
                }
            case .history:
                within(key: key) { r in file.previousMdaPlusPlus = r.readHistory(value) }
            case .professionalJudgement:
                within(key: key) { r in r.readJudgement(value, into: &file.professionalJudgement) }
            }
        }
        file.ignoredKeys = ignored
        // Moved out by a swap with an empty case: `file` is captured by the closures above,
        // and returned as it is, it was copied whole (every list and string retained) and the
        // original released.
        var result = CaseFile(caseId: "", referenceDate: reference, members: [])
        swap(&result, &file)
        return result
    }

    mutating func required(_ o: Int, _ key: StaticString) -> Int? {
        guard let v = member(o, key) else {
            fail(.missing, "required field is missing", at: key)
            return nil
        }
        return v
    }

    /// Reads the member at `v` and appends it to `members` when it defines an id; returns the
    /// tape index of the id then. The member is appended first and filled in place (as
    /// incidents are, see ``readIncident(_:into:)``): returned, it was copied on its way out.
    mutating func readMember(_ v: Int, into members: inout [CaseFile.Member]) -> Int? {
        guard let o = object(v, what: "a member") else { return nil }
        let idEntry = required(o, "id")
        let id = idEntry.map { v in within("id") { $0.string(v, required: true, maxLength: 128) } }?.value
        let age = required(o, "age").map { v in within("age") { $0.int(v, range: 0...120, required: true) } }?.value
        let n = members.count
        members.append(CaseFile.Member(id: id ?? "", age: age ?? 0))
        var hint = 0
        for key in tape.keys(o) {
            let value = key + 1
            let name = lookup(key, CaseKeys.Member.self, hint: &hint)
            switch name {
            case .id?, .age?: break
            case .gender?: members[n].gender = enumValue(value, Gender.self, below: .key(key))
            case .victim?: members[n].victim = tri(value, key: key)
            case .perpetrator?: members[n].perpetrator = tri(value, key: key)
            case .pregnant?: members[n].pregnant = tri(value, key: key)
            case .factors?: within(key: key) { r in r.group(value, &members[n].factors) }
            case .aces?:
                within(key: key) { r in
                    for (i, a) in r.list(value) {
                        if let ace = r.enumValue(a, AceKind.self, required: true, below: .index(i)).value { members[n].aces.append(ace) }
                    }
                }
            case nil:
                ignore(key)
            }
        }
        // A member with a bad age still defines its id, so references to it stay valid.
        guard id != nil, let idEntry else {
            members.removeLast()
            return nil
        }
        return idEntry
    }

    /// The member id a reference at `v` names; errors are reported below the current path by `token`.
    mutating func memberRef(_ v: Int, below token: PathToken? = nil) -> String? {
        switch tape.kind(v) {
        case .string:
            guard let id = ids.find(v, in: tape) else { fail(.unknownMember, "no member has this id", below: token) ; return nil }
            return id
        case .null:
            fail(.missing, "required field is null", below: token)
            return nil
        default:
            fail(.type, "expected a member id (a string)", below: token)
            return nil
        }
    }

    /// The ids the list of member references at `value`, the value of key `key`, names,
    /// reporting errors below the key. A list of up to 8 ASCII references that all match ids by
    /// their bytes is shared with every earlier such list naming the same members in the same
    /// order (such a list has no errors, so the key is entered only for other lists).
    mutating func memberRefs(_ value: Int, key: Int) -> [String] {
        if tape.kind(value) == .array, let key = CaseTapeReader.packedRefs(value, tape: tape, ids: ids) {
            if key == 0 { return [] }
            if let shared = idKeys.position(of: key) { return idLists[shared] }
            var j = tape.count(value)
            var list: [String] = []
            list.reserveCapacity(j)
            while j > 0 {
                j -= 1
                list.append(ids.id(at: Int(truncatingIfNeeded: key >> UInt64(8 * j)) & 0xFF - 1))
            }
            if idKeys.add(key, at: idLists.count) { idLists.append(list) }
            return list
        }
        return within(key: key) { r in
            r.idScratch.removeAll(keepingCapacity: true)
            for (i, m) in r.list(value) {
                if let id = r.memberRef(m, below: .index(i)) { r.idScratch.append(id) }
            }
            return r.idScratch
        }
    }

    /// The positions plus one of the members the list at `value` (an array) names, eight bits
    /// each (0 for an empty list): nil unless every element is an ASCII string with the bytes
    /// of an ASCII id, which is then the member it names, and the list and positions fit.
    // Static, taking what it reads: a method on `self`, called where `self` is inout, would
    // work on a copy of the whole reader.
    static func packedRefs(_ value: Int, tape: JSONTape.View, ids: borrowing MemberIDs) -> UInt64? {
        guard tape.count(value) <= 8, ids.count < 255 else { return nil }
        var key: UInt64 = 0
        for e in tape.elements(value) {
            guard tape.kind(e) == .string, tape.isASCII(e), let p = ids.position(byBytes: e, in: tape) else { return nil }
            key = key << 8 | UInt64(p + 1)
        }
        return key
    }

    mutating func readRelationship(_ v: Int) -> CaseFile.Relationship? {
        guard let o = object(v, what: "a relationship") else { return nil }
        let a = required(o, "a").flatMap { v in memberRef(v, below: .name("a")) }
        let b = required(o, "b").flatMap { v in memberRef(v, below: .name("b")) }
        let kind = required(o, "kind").flatMap { v in enumValue(v, RelationshipKind.self, required: true, below: .name("kind")).value }
        for key in tape.keys(o) where lookup(key, CaseKeys.Relationship.self) == nil { ignore(key) }
        guard let a, let b, let kind else { return nil }
        return CaseFile.Relationship(a: a, b: b, kind: kind)
    }

    /// Reads the incident at `v` and appends it to `incidents` when valid. The incident is
    /// appended first and filled in place: built in a local and then appended (or returned as
    /// an optional), it was copied whole on its way out, its four lists retained and released.
    mutating func readIncident(_ v: Int, into incidents: inout [CaseFile.Incident]) {
        guard let o = object(v, what: "an incident") else { return }
        // Incidents usually begin with `date` and `kinds`: then the walk's own lookups find
        // them, with no search of their own, and the walk goes on after them.
        var hint = 0
        var keys = tape.keys(o)
        var leading = keys
        var dateValue: Int?, kindsValue: Int?
        if let k = leading.next(), lookup(k, CaseKeys.Incident.self, hint: &hint) == .date,
           let l = leading.next(), lookup(l, CaseKeys.Incident.self, hint: &hint) == .kinds {
            (dateValue, kindsValue, keys) = (k + 1, l + 1, leading)
        } else {
            hint = 0
        }
        let date = (dateValue ?? required(o, "date")).flatMap { v in self.date(v, required: true, bounded: true, below: .name("date")).value }
        var kinds: [IncidentKind] = []
        var kindsOK = false
        if let kv = kindsValue ?? required(o, "kinds") { (kinds, kindsOK) = incidentKinds(kv) }
        let n = incidents.count
        incidents.append(CaseFile.Incident(date: date ?? CaseDate(daysSinceEpoch: 0), kinds: consume kinds))   // moved, not copied
        for key in keys {
            let value = key + 1
            let name = lookup(key, CaseKeys.Incident.self, hint: &hint)
            switch name {
            case .date?, .kinds?: break
            case .perpetrators?: incidents[n].perpetrators = memberRefs(value, key: key)
            case .victims?: incidents[n].victims = memberRefs(value, key: key)
            case .witnesses?: incidents[n].witnesses = memberRefs(value, key: key)
            case .injury?: incidents[n].injury = enumValue(value, Injury.self, below: .key(key))
            case .weapon?: incidents[n].weapon = tri(value, key: key)
            case .policeInvolved?: incidents[n].policeInvolved = tri(value, key: key)
            case .contactBanViolated?: incidents[n].contactBanViolated = tri(value, key: key)
            case nil:
                ignore(key)
            }
        }
        if date == nil || !kindsOK { incidents.removeLast() }
    }

    /// An incident's kinds at `kv`, and whether they are a non-empty list of valid kinds. Errors
    /// are reported below `kinds`, entered only for an error (valid kinds have none).
    mutating func incidentKinds(_ kv: Int) -> (list: [IncidentKind], ok: Bool) {
        switch tape.kind(kv) {
        case .null:
            fail(.missing, "required field is null", at: "kinds")
            return ([], false)
        case .array:
            let n = tape.count(kv)
            if n == 0 { fail(.range, "at least one kind is required", at: "kinds") }
            var ok = n != 0
            kindScratch.removeAll(keepingCapacity: true)
            // The kinds' positions in the vocabulary plus one, four bits each: equal exactly
            // for equal lists (of up to 16 kinds from a vocabulary under 16).
            var key: UInt64 = 0
            for (i, k) in tape.elements(kv).enumerated() {
                var next = 0
                if tape.kind(k) == .string, let kind = lookup(k, IncidentKind.self, hint: &next) {
                    kindScratch.append(kind)
                    key = key << 4 | UInt64(next)
                } else {
                    within("kinds") { _ = $0.enumValue(k, IncidentKind.self, required: true, below: .index(i)) }
                    ok = false
                }
            }
            guard ok && n <= 16 && IncidentKind.table.values.count < 16 else { return (kindScratch, ok) }
            if let shared = kindKeys.position(of: key) { return (kindLists[shared], true) }
            if kindKeys.add(key, at: kindLists.count) { kindLists.append(kindScratch) }
            return (kindScratch, true)
        default:
            fail(.type, "expected a list", at: "kinds")
            return ([], false)
        }
    }

    mutating func readReport(_ v: Int) -> CaseFile.Report? {
        guard let o = object(v, what: "a report") else { return nil }
        let date = required(o, "date").flatMap { v in self.date(v, required: true, bounded: true, below: .name("date")).value }
        var rep = CaseFile.Report(date: date ?? CaseDate(daysSinceEpoch: 0))
        for key in tape.keys(o) {
            let value = key + 1
            switch lookup(key, CaseKeys.Report.self) {
            case .date?: break
            case .kind?: rep.kind = enumValue(value, ReportKind.self, below: .key(key))
            case .reporter?: rep.reporter = enumValue(value, Reporter.self, below: .key(key))
            case nil: ignore(key)
            }
        }
        return date != nil ? rep : nil
    }

    mutating func readAssessment(_ value: Int, into a: inout CaseFile.Assessment) {
        group(value, &a.facts) { r, k, v in
            switch r.lookup(k, CaseKeys.Assessment.self) {
            case .date?: a.date = r.date(v, bounded: true)
            case .safetyScore?: a.safetyScore = r.int(v, range: 0...10, required: false)
            case .triage?: a.triage = r.enumValue(v, Triage.self)
            case nil: return false
            }
            return true
        }
    }

    mutating func readCare(_ value: Int, into care: inout CaseFile.Care) {
        group(value, &care.facts) { r, k, v in
            switch r.lookup(k, CaseKeys.Care.self) {
            case .agencies?:
                care.agencies.reserveCapacity(care.agencies.count + r.elementCount(v))
                for (i, a) in r.list(v) {
                    r.within(i) { r in
                        guard let o = r.object(a, what: "an agency") else { return }
                        guard let kv = r.required(o, "kind"),
                              let kind = r.within("kind", { $0.enumValue(kv, AgencyKind.self, required: true) }).value else {
                            for key in r.tape.keys(o) {
                                let name = r.lookup(key, CaseKeys.Agency.self)
                                guard name != .kind else { continue }
                                r.within(key: key) { r in
                                    if name == .since || name == .until { _ = r.date(key + 1) }
                                }
                            }
                            return
                        }
                        var agency = CaseFile.Agency(kind: kind)
                        for key in r.tape.keys(o) {
                            switch r.lookup(key, CaseKeys.Agency.self) {
                            case .kind?: break
                            case .since?: agency.since = r.within(key: key) { $0.date(key + 1, bounded: true) }
                            case .until?: agency.until = r.within(key: key) { $0.date(key + 1) }
                            case nil: r.ignore(key)
                            }
                        }
                        care.agencies.append(agency)
                    }
                }
            case .interventions?:
                care.interventions.reserveCapacity(care.interventions.count + r.elementCount(v))
                for (i, a) in r.list(v) {
                    r.within(i) { r in
                        guard let o = r.object(a, what: "an intervention") else { return }
                        var iv = CaseFile.Intervention()
                        for key in r.tape.keys(o) {
                            let x = key + 1
                            let name = r.lookup(key, CaseKeys.Intervention.self)
                            r.within(key: key) { r in
                                switch name {
                                case .kind?: iv.kind = r.string(x)
                                case .start?: iv.start = r.date(x, bounded: true)
                                case .end?: iv.end = r.date(x)
                                case .outcome?: iv.outcome = r.enumValue(x, InterventionOutcome.self)
                                case nil: r.ignoreHere()
                                }
                            }
                        }
                        care.interventions.append(iv)
                    }
                }
            case nil:
                return false
            }
            return true
        }
    }

    mutating func readHistory(_ value: Int) -> Fact<CaseFile.PreviousTrajectory> {
        if tape.kind(value) == .null { return .null }
        guard let o = object(value, what: "history") else { return .null }
        var result: Fact<CaseFile.PreviousTrajectory> = .absent
        for key in tape.keys(o) {
            let v = key + 1
            guard `is`(key, "previousMdaPlusPlus") else { ignore(key); continue }
            within(key: key) { r in
                switch r.tape.kind(v) {
                case .null: result = .null
                case .bool where !r.tape.bool(v): result = .known(.none)
                case .object:
                    var start: Fact<CaseDate> = .absent
                    var closed: CaseDate?
                    for k in r.tape.keys(v) {
                        let name = r.lookup(k, CaseKeys.Trajectory.self)
                        r.within(key: k) { r in
                            switch name {
                            case .start?: start = r.date(k + 1, bounded: true)
                            case .closed?: closed = r.date(k + 1, bounded: true).value
                            case nil: r.ignoreHere()
                            }
                        }
                    }
                    result = .known(.trajectory(start: start, closed: closed))
                default: r.fail(.type, "expected false, an object or null")
                }
            }
        }
        return result
    }

    mutating func readJudgement(_ value: Int, into j: inout CaseFile.ProfessionalJudgement) {
        if tape.kind(value) == .null { return }
        guard let o = object(value, what: "a professional judgement") else { return }
        for key in tape.keys(o) {
            let v = key + 1
            let name = lookup(key, CaseKeys.Judgement.self)
            within(key: key) { r in
                switch name {
                case .escalateTo?: j.escalateTo = r.enumValue(v, JudgementTarget.self)
                case .reason?: j.reason = r.string(v)
                case nil: r.ignoreHere()
                }
            }
        }
    }
}
