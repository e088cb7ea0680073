import ByteJSON
@testable import MDAEngine

/// The case decoder as it was before it read tapes (it walked `JSONValue` trees), kept as the
/// oracle of `CaseDecoderDifferentialTests`: the tape decoder must give exactly its results
/// and errors.
enum ReferenceCaseDecoder {

    /// Decodes a parsed JSON document.
    /// - Returns: the case, or every input error found.
    static func decode(_ json: JSONValue) -> Result<CaseFile, InputErrors> {
        var reader = ReferenceReader()
        let file = reader.readCase(json)
        if reader.errors.isEmpty, let file { return .success(file) }
        return .failure(InputErrors(reader.errors))
    }

    /// Parses and decodes JSON bytes. Text that is not RFC 8259 JSON is a `not_json` error at `""`.
    static func decode(bytes: [UInt8]) -> Result<CaseFile, InputErrors> {
        switch parse(bytes: bytes) {
        case .success(let json): return decode(json)
        case .failure(let e): return .failure(e)
        }
    }

    /// Parses JSON bytes, mapping a syntax error to a `not_json` input error.
    static func parse(bytes: [UInt8]) -> Result<JSONValue, InputErrors> {
        do {
            return .success(try JSONReader().read(bytes))
        } catch {
            return .failure(InputErrors([InputError(path: "", code: .notJSON,
                message: "the document is not valid JSON (\(error.description))")]))
        }
    }
}

/// The decoding walk: tracks the current JSON Pointer and collects errors.
private struct ReferenceReader {
    var errors: [InputError] = []
    /// Where the walk is: object keys and list indexes (indexes become text only in an error).
    var path: [PathToken] = []
    var ignored: [String] = []
    /// The case's reference date, once read (it is read before every other date).
    var reference: CaseDate?

    static let minDate = CaseDate(year: 1900, month: 1, day: 1)!
    static let maxDate = CaseDate(year: 2199, month: 12, day: 31)!

    enum PathToken {
        case key(String)
        case index(Int)

        var text: String {
            switch self {
            case .key(let k): return k
            case .index(let i): return String(i)
            }
        }
    }

    func pointer(_ tokens: [PathToken]) -> String { JSONPointer(tokens: tokens.map(\.text)).description }

    mutating func fail(_ code: InputError.Code, _ message: String, at extra: String? = nil) {
        var p = path
        if let extra { p.append(.key(extra)) }
        errors.append(InputError(path: pointer(p), code: code, message: message))
    }

    mutating func within<T>(_ token: String, _ body: (inout ReferenceReader) -> T) -> T {
        path.append(.key(token))
        defer { path.removeLast() }
        return body(&self)
    }

    mutating func within<T>(_ index: Int, _ body: (inout ReferenceReader) -> T) -> T {
        path.append(.index(index))
        defer { path.removeLast() }
        return body(&self)
    }

    // MARK: Scalars

    /// Reads an object's members, reporting a type error when `value` is not an object.
    mutating func object(_ value: JSONValue, what: String) -> JSONObject? {
        if case .object(let o) = value { return o }
        fail(.type, "expected \(what) (a JSON object)")
        return nil
    }

    mutating func string(_ value: JSONValue, field: String, required: Bool = false, maxLength: Int? = nil) -> Fact<String> {
        switch value {
        case .null:
            if required { fail(.missing, "required field is null") }
            return .null
        case .string(let s):
            if let maxLength {
                let n = s.unicodeScalars.count
                if n < 1 || n > maxLength { fail(.range, "length must be 1–\(maxLength) characters") }
            }
            return .known(s)
        default:
            fail(.type, "expected a string")
            return .null
        }
    }

    mutating func tri(_ value: JSONValue) -> Fact<Bool> {
        switch value {
        case .null: return .null
        case .bool(let b): return .known(b)
        default:
            fail(.type, "expected true, false or null")
            return .null
        }
    }

    mutating func int(_ value: JSONValue, range: ClosedRange<Int>, required: Bool) -> Fact<Int> {
        switch value {
        case .null:
            if required { fail(.missing, "required field is null") }
            return .null
        case .number(let n):
            guard let i = n.int64 else {
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

    mutating func enumValue<E: RawRepresentable & CaseIterable>(_ value: JSONValue, _ type: E.Type, required: Bool = false) -> Fact<E>
    where E.RawValue == String {
        switch value {
        case .null:
            if required { fail(.missing, "required field is null") }
            return .null
        case .string(let s):
            if let e = E(rawValue: s) { return .known(e) }
            let allowed = E.allCases.map(\.rawValue).joined(separator: ", ")
            fail(.enum, "not one of the allowed values (\(allowed))")
            return .null
        default:
            fail(.type, "expected a string")
            return .null
        }
    }

    /// Reads a date; with `bounded`, a date after the reference date is a `date_after_reference` error.
    mutating func date(_ value: JSONValue, required: Bool = false, bounded: Bool = false) -> Fact<CaseDate> {
        switch value {
        case .null:
            if required { fail(.missing, "required field is null") }
            return .null
        case .string(let s):
            guard let d = CaseDate(parsing: s) else {
                fail(.date, "not an existing date of the form YYYY-MM-DD")
                return .null
            }
            guard d >= ReferenceReader.minDate && d <= ReferenceReader.maxDate else {
                fail(.range, "date must lie between 1900-01-01 and 2199-12-31")
                return .null
            }
            if bounded, let reference, d > reference { fail(.dateAfterReference, "date lies after the reference date") }
            return .known(d)
        default:
            fail(.type, "expected a date string YYYY-MM-DD")
            return .null
        }
    }

    /// Reads an optional list; a non-list is a type error (and reads as empty).
    mutating func list(_ value: JSONValue?) -> [JSONValue] {
        guard let value else { return [] }
        switch value {
        case .null: return []
        case .array(let a): return a
        default:
            fail(.type, "expected a list")
            return []
        }
    }

    mutating func group<K>(_ value: JSONValue?, _ group: inout FactGroup<K>, extra: (inout ReferenceReader, String, JSONValue) -> Bool = { _, _, _ in false }) {
        guard let value else { return }
        if case .null = value { return }
        guard let o = object(value, what: "an object") else { return }
        group.isPresent = true
        let keys = K.allCases
        for (key, v) in o.pairs {
            if let index = keys.firstIndex(where: { $0.rawValue == key }) {
                group.facts[index] = within(key) { $0.tri(v) }
            } else if !within(key, { extra(&$0, key, v) }) {
                ignore(key)
            }
        }
    }

    mutating func ignore(_ key: String) {
        var p = path
        p.append(.key(key))
        ignored.append(pointer(p))
    }

    /// Records the current path as a key the schema does not define.
    mutating func ignoreHere() { ignored.append(pointer(path)) }

    // MARK: The case

    mutating func readCase(_ json: JSONValue) -> CaseFile? {
        guard let o = object(json, what: "a case") else { return nil }
        // Required fields first.
        switch o["schema"] {
        case nil, .null?: fail(.missing, "required field is missing", at: "schema")
        case .string(let s)?: if s != CaseDecoder.schema { fail(.schema, "schema must be \(CaseDecoder.schema)", at: "schema") }
        default: fail(.type, "expected a string", at: "schema")
        }
        var caseId = ""
        if let v = o["caseId"] {
            caseId = within("caseId") { $0.string(v, field: "caseId", required: true, maxLength: 128) }.value ?? ""
        } else { fail(.missing, "required field is missing", at: "caseId") }
        var reference = CaseDate(daysSinceEpoch: 0)
        if let v = o["referenceDate"] {
            if let d = within("referenceDate", { $0.date(v, required: true) }).value {
                reference = d
                self.reference = d
            }
        } else { fail(.missing, "required field is missing", at: "referenceDate") }

        var file = CaseFile(caseId: caseId, referenceDate: reference, members: [])
        var memberPositions: [Int] = []         // each decoded member's index in the input list

        // Members.
        switch o["members"] {
        case nil, .null?: fail(.missing, "required field is missing", at: "members")
        case .array(let a)?:
            if a.isEmpty { fail(.range, "at least one member is required", at: "members") }
            within("members") { r in
                for (i, m) in a.enumerated() {
                    if let member = r.within(i, { $0.readMember(m) }) {
                        file.members.append(member)
                        memberPositions.append(i)
                    }
                }
            }
        default: fail(.type, "expected a list", at: "members")
        }
        var ids: [String: Int] = [:]
        for (i, m) in file.members.enumerated() {
            if ids[m.id] != nil {
                errors.append(InputError(path: "/members/\(memberPositions[i])/id", code: .duplicateId, message: "member id is used more than once"))
            } else {
                ids[m.id] = i
            }
        }

        for (key, value) in o.pairs {
            switch key {
            case "schema", "caseId", "referenceDate", "members": continue
            case "relationships":
                within(key) { r in
                    for (i, v) in r.list(value).enumerated() {
                        if let rel = r.within(i, { $0.readRelationship(v, ids: ids) }) { file.relationships.append(rel) }
                    }
                }
            case "incidents":
                within(key) { r in
                    for (i, v) in r.list(value).enumerated() {
                        if let inc = r.within(i, { $0.readIncident(v, ids: ids) }) {
                            file.incidents.append(inc)
                        }
                    }
                }
            case "reports":
                within(key) { r in
                    for (i, v) in r.list(value).enumerated() {
                        if let rep = r.within(i, { $0.readReport(v) }) {
                            file.reports.append(rep)
                        }
                    }
                }
            case "assessment":
                within(key) { r in r.readAssessment(value, into: &file.assessment) }
            case "household":
                within(key) { r in r.group(value, &file.household) }
            case "coerciveControl":
                within(key) { r in r.group(value, &file.coerciveControl) }
            case "stalking":
                within(key) { r in
                    r.group(value, &file.stalking.facts) { r, k, v in
                        guard k == "sinceDate" else { return false }
                        file.stalking.sinceDate = r.date(v, bounded: true)
                        return true
                    }
                }
            case "separation":
                within(key) { r in
                    r.group(value, &file.separation.facts) { r, k, v in
                        switch k {
                        case "status": file.separation.status = r.enumValue(v, SeparationStatus.self)
                        case "since":
                            file.separation.since = r.date(v, bounded: true)
                        default: return false
                        }
                        return true
                    }
                }
            case "care":
                within(key) { r in r.readCare(value, into: &file.care) }
            case "justice":
                within(key) { r in
                    r.group(value, &file.justice.facts) { r, k, v in
                        guard k == "restrainingOrders" else { return false }
                        for (i, d) in r.list(v).enumerated() {
                            if let date = r.within(i, { $0.date(d, required: true, bounded: true) }).value {
                                file.justice.restrainingOrders.append(date)
                            }
                        }
                        return true
                    }
                }
            case "history":
                within(key) { r in file.previousMdaPlusPlus = r.readHistory(value) }
            case "professionalJudgement":
                within(key) { r in r.readJudgement(value, into: &file.professionalJudgement) }
            default:
                ignore(key)
            }
        }
        file.ignoredKeys = ignored
        return file
    }

    mutating func required(_ o: JSONObject, _ key: String) -> JSONValue? {
        guard let v = o[key] else {
            fail(.missing, "required field is missing", at: key)
            return nil
        }
        return v
    }

    mutating func readMember(_ v: JSONValue) -> CaseFile.Member? {
        guard let o = object(v, what: "a member") else { return nil }
        let id = required(o, "id").map { v in within("id") { $0.string(v, field: "id", required: true, maxLength: 128) } }?.value
        let age = required(o, "age").map { v in within("age") { $0.int(v, range: 0...120, required: true) } }?.value
        var m = CaseFile.Member(id: id ?? "", age: age ?? 0)
        for (key, value) in o.pairs {
            within(key) { r in
                switch key {
                case "id", "age": break
                case "gender": m.gender = r.enumValue(value, Gender.self)
                case "victim": m.victim = r.tri(value)
                case "perpetrator": m.perpetrator = r.tri(value)
                case "pregnant": m.pregnant = r.tri(value)
                case "factors":
                    r.group(value, &m.factors)
                case "aces":
                    for (i, a) in r.list(value).enumerated() {
                        if let ace = r.within(i, { $0.enumValue(a, AceKind.self, required: true) }).value { m.aces.append(ace) }
                    }
                default:
                    r.ignoreHere()
                }
            }
        }
        // A member with a bad age still defines its id, so references to it stay valid.
        return id != nil ? m : nil
    }

    mutating func memberRef(_ v: JSONValue, ids: [String: Int]) -> String? {
        switch v {
        case .string(let s):
            if ids[s] == nil { fail(.unknownMember, "no member has this id") ; return nil }
            return s
        case .null:
            fail(.missing, "required field is null")
            return nil
        default:
            fail(.type, "expected a member id (a string)")
            return nil
        }
    }

    mutating func readRelationship(_ v: JSONValue, ids: [String: Int]) -> CaseFile.Relationship? {
        guard let o = object(v, what: "a relationship") else { return nil }
        let a = required(o, "a").flatMap { v in within("a") { $0.memberRef(v, ids: ids) } }
        let b = required(o, "b").flatMap { v in within("b") { $0.memberRef(v, ids: ids) } }
        let kind = required(o, "kind").flatMap { v in within("kind") { $0.enumValue(v, RelationshipKind.self, required: true) }.value }
        for key in o.keys where !["a", "b", "kind"].contains(key) { ignore(key) }
        guard let a, let b, let kind else { return nil }
        return CaseFile.Relationship(a: a, b: b, kind: kind)
    }

    mutating func readIncident(_ v: JSONValue, ids: [String: Int]) -> CaseFile.Incident? {
        guard let o = object(v, what: "an incident") else { return nil }
        let date = required(o, "date").flatMap { v in within("date") { $0.date(v, required: true, bounded: true) }.value }
        var kinds: [IncidentKind] = []
        var kindsOK = false
        if let kv = required(o, "kinds") {
            within("kinds") { r in
                switch kv {
                case .null: r.fail(.missing, "required field is null")
                case .array(let a):
                    if a.isEmpty { r.fail(.range, "at least one kind is required") }
                    kindsOK = !a.isEmpty
                    for (i, k) in a.enumerated() {
                        if let kind = r.within(i, { $0.enumValue(k, IncidentKind.self, required: true) }).value { kinds.append(kind) }
                        else { kindsOK = false }
                    }
                default: r.fail(.type, "expected a list")
                }
            }
        }
        var inc = CaseFile.Incident(date: date ?? CaseDate(daysSinceEpoch: 0), kinds: kinds)
        for (key, value) in o.pairs {
            within(key) { r in
                switch key {
                case "date", "kinds": break
                case "perpetrators", "victims", "witnesses":
                    var refs: [String] = []
                    for (i, m) in r.list(value).enumerated() {
                        if let id = r.within(i, { $0.memberRef(m, ids: ids) }) { refs.append(id) }
                    }
                    switch key {
                    case "perpetrators": inc.perpetrators = refs
                    case "victims": inc.victims = refs
                    default: inc.witnesses = refs
                    }
                case "injury": inc.injury = r.enumValue(value, Injury.self)
                case "weapon": inc.weapon = r.tri(value)
                case "policeInvolved": inc.policeInvolved = r.tri(value)
                case "contactBanViolated": inc.contactBanViolated = r.tri(value)
                default:
                    r.ignoreHere()
                }
            }
        }
        return (date != nil && kindsOK) ? inc : nil
    }

    mutating func readReport(_ v: JSONValue) -> CaseFile.Report? {
        guard let o = object(v, what: "a report") else { return nil }
        let date = required(o, "date").flatMap { v in within("date") { $0.date(v, required: true, bounded: true) }.value }
        var rep = CaseFile.Report(date: date ?? CaseDate(daysSinceEpoch: 0))
        for (key, value) in o.pairs {
            switch key {
            case "date": break
            case "kind": rep.kind = within(key) { $0.enumValue(value, ReportKind.self) }
            case "reporter": rep.reporter = within(key) { $0.enumValue(value, Reporter.self) }
            default: ignore(key)
            }
        }
        return date != nil ? rep : nil
    }

    mutating func readAssessment(_ value: JSONValue, into a: inout CaseFile.Assessment) {
        group(value, &a.facts) { r, k, v in
            switch k {
            case "date":
                a.date = r.date(v, bounded: true)
            case "safetyScore": a.safetyScore = r.int(v, range: 0...10, required: false)
            case "triage": a.triage = r.enumValue(v, Triage.self)
            default: return false
            }
            return true
        }
    }

    mutating func readCare(_ value: JSONValue, into care: inout CaseFile.Care) {
        group(value, &care.facts) { r, k, v in
            switch k {
            case "agencies":
                for (i, a) in r.list(v).enumerated() {
                    r.within(i) { r in
                        guard let o = r.object(a, what: "an agency") else { return }
                        guard let kv = r.required(o, "kind"),
                              let kind = r.within("kind", { $0.enumValue(kv, AgencyKind.self, required: true) }).value else {
                            for (key, x) in o.pairs where key != "kind" { r.within(key) { r in
                                if key == "since" || key == "until" { _ = r.date(x) } } }
                            return
                        }
                        var agency = CaseFile.Agency(kind: kind)
                        for (key, x) in o.pairs {
                            switch key {
                            case "kind": break
                            case "since":
                                agency.since = r.within(key) { $0.date(x, bounded: true) }
                            case "until": agency.until = r.within(key) { $0.date(x) }
                            default: r.ignore(key)
                            }
                        }
                        care.agencies.append(agency)
                    }
                }
            case "interventions":
                for (i, a) in r.list(v).enumerated() {
                    r.within(i) { r in
                        guard let o = r.object(a, what: "an intervention") else { return }
                        var iv = CaseFile.Intervention()
                        for (key, x) in o.pairs {
                            r.within(key) { r in
                                switch key {
                                case "kind": iv.kind = r.string(x, field: key)
                                case "start":
                                    iv.start = r.date(x, bounded: true)
                                case "end": iv.end = r.date(x)
                                case "outcome": iv.outcome = r.enumValue(x, InterventionOutcome.self)
                                default:
                                    r.ignoreHere()
                                }
                            }
                        }
                        care.interventions.append(iv)
                    }
                }
            default: return false
            }
            return true
        }
    }

    mutating func readHistory(_ value: JSONValue) -> Fact<CaseFile.PreviousTrajectory> {
        if case .null = value { return .null }
        guard let o = object(value, what: "history") else { return .null }
        var result: Fact<CaseFile.PreviousTrajectory> = .absent
        for (key, v) in o.pairs {
            guard key == "previousMdaPlusPlus" else { ignore(key); continue }
            within(key) { r in
                switch v {
                case .null: result = .null
                case .bool(false): result = .known(.none)
                case .object(let t):
                    var start: Fact<CaseDate> = .absent
                    var closed: CaseDate?
                    for (k, x) in t.pairs {
                        r.within(k) { r in
                            switch k {
                            case "start":
                                start = r.date(x, bounded: true)
                            case "closed":
                                closed = r.date(x, bounded: true).value
                            default:
                                r.ignoreHere()
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

    mutating func readJudgement(_ value: JSONValue, into j: inout CaseFile.ProfessionalJudgement) {
        if case .null = value { return }
        guard let o = object(value, what: "a professional judgement") else { return }
        for (key, v) in o.pairs {
            within(key) { r in
                switch key {
                case "escalateTo": j.escalateTo = r.enumValue(v, JudgementTarget.self)
                case "reason": j.reason = r.string(v, field: key)
                default:
                    r.ignoreHere()
                }
            }
        }
    }
}

private extension JSONObject {
    /// The members as `(key, value)` pairs, in document order.
    var pairs: [(String, JSONValue)] { members.map { ($0.key, $0.value) } }
}
