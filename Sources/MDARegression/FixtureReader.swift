import ByteJSON
import MDAEngine

/// The typed walk over a fixture document; every failure names a JSON Pointer.
struct FixtureReader {
    let location: String

    func error(_ code: FixtureError.Code, _ pointer: JSONPointer, _ message: String) -> FixtureError {
        FixtureError(code: code, location: location, pointer: pointer.description, message: message)
    }

    func object(_ value: JSONValue, at pointer: JSONPointer, checkDuplicates: Bool = true) throws(FixtureError) -> JSONObject {
        guard case .object(let o) = value else { throw error(.type, pointer, "expected an object, found \(value.typeName)") }
        if checkDuplicates, let duplicate = o.duplicateKeys.first {
            throw error(.value, pointer.appending(duplicate), "the key \"\(duplicate)\" appears more than once")
        }
        return o
    }

    func onlyKeys(_ object: JSONObject, _ allowed: Set<String>, at pointer: JSONPointer) throws(FixtureError) {
        for member in object.members where !allowed.contains(member.key) {
            let list = allowed.sorted().joined(separator: ", ")
            throw error(.unknownKey, pointer.appending(member.key), "unknown key \"\(member.key)\" (allowed: \(list))")
        }
    }

    func string(_ value: JSONValue, at pointer: JSONPointer) throws(FixtureError) -> String {
        guard case .string(let s) = value else { throw error(.type, pointer, "expected a string, found \(value.typeName)") }
        return s
    }

    func bool(_ value: JSONValue, at pointer: JSONPointer) throws(FixtureError) -> Bool {
        guard case .bool(let b) = value else { throw error(.type, pointer, "expected true or false, found \(value.typeName)") }
        return b
    }

    func truth(_ value: JSONValue, at pointer: JSONPointer) throws(FixtureError) -> Truth {
        switch value {
        case .bool(let b): return Truth(b)
        case .null: return .unknown
        default: throw error(.type, pointer, "expected true, false or null, found \(value.typeName)")
        }
    }

    func int(_ value: JSONValue, at pointer: JSONPointer) throws(FixtureError) -> Int {
        guard case .number(let n) = value, let i = n.int64, let v = Int(exactly: i) else {
            throw error(.type, pointer, "expected an integer, found \(value.typeName)")
        }
        return v
    }

    func strings(_ value: JSONValue, at pointer: JSONPointer) throws(FixtureError) -> [String] {
        guard case .array(let items) = value else { throw error(.type, pointer, "expected an array of strings, found \(value.typeName)") }
        var out: [String] = []
        for (i, item) in items.enumerated() { out.append(try string(item, at: pointer.appending(i))) }
        return out
    }

    func route(_ value: JSONValue, at pointer: JSONPointer) throws(FixtureError) -> Route {
        let s = try string(value, at: pointer)
        guard let r = Route(rawValue: s) else {
            throw error(.value, pointer, "unknown route (expected one of \(Route.allCases.map(\.rawValue).joined(separator: ", ")))")
        }
        return r
    }

    func expectations(_ value: JSONValue, at p: JSONPointer) throws(FixtureError) -> Expectations {
        let o = try object(value, at: p)
        try onlyKeys(o, ["route", "acute", "provisional", "raisedByJudgement", "phase", "problemCategory", "criteria",
                         "profiles", "riskFactors", "actions", "missing", "warnings", "errors"], at: p)
        var e = Expectations()
        if let v = o["route"] { e.route = try route(v, at: p.appending("route")) }
        if let v = o["acute"] { e.acute = try truth(v, at: p.appending("acute")) }
        if let v = o["provisional"] { e.provisional = try bool(v, at: p.appending("provisional")) }
        if let v = o["raisedByJudgement"] { e.raisedByJudgement = try bool(v, at: p.appending("raisedByJudgement")) }
        if let v = o["phase"] { e.phase = try string(v, at: p.appending("phase")) }
        if let v = o["problemCategory"] { e.problemCategory = try int(v, at: p.appending("problemCategory")) }
        if let v = o["criteria"] {
            let cp = p.appending("criteria")
            for m in try object(v, at: cp).members { e.criteria.append((m.key, try truth(m.value, at: cp.appending(m.key)))) }
        }
        if let v = o["profiles"] {
            let pp = p.appending("profiles")
            for m in try object(v, at: pp).members {
                let s = try string(m.value, at: pp.appending(m.key))
                guard let status = ProfileStatus(rawValue: s) else {
                    throw error(.value, pp.appending(m.key), "unknown profile status (expected match, possible or no_match)")
                }
                e.profiles.append((m.key, status))
            }
        }
        if let v = o["riskFactors"] {
            let rp = p.appending("riskFactors")
            let r = try object(v, at: rp)
            try onlyKeys(r, ["present", "unknown", "includes", "absent"], at: rp)
            if let x = r["present"] { e.factorsPresent = try strings(x, at: rp.appending("present")) }
            if let x = r["unknown"] { e.factorsUnknown = try strings(x, at: rp.appending("unknown")) }
            if let x = r["includes"] { e.factorsIncludes = try strings(x, at: rp.appending("includes")) }
            if let x = r["absent"] { e.factorsAbsent = try strings(x, at: rp.appending("absent")) }
        }
        if let v = o["actions"] {
            let ap = p.appending("actions")
            let a = try object(v, at: ap)
            try onlyKeys(a, ["present", "includes", "absent"], at: ap)
            if let x = a["present"] { e.actionsPresent = try strings(x, at: ap.appending("present")) }
            if let x = a["includes"] { e.actionsIncludes = try strings(x, at: ap.appending("includes")) }
            if let x = a["absent"] { e.actionsAbsent = try strings(x, at: ap.appending("absent")) }
        }
        if let v = o["missing"] {
            let mp = p.appending("missing")
            let m = try object(v, at: mp)
            try onlyKeys(m, ["includes", "excludes", "entries"], at: mp)
            if let x = m["includes"] { e.missingIncludes = try strings(x, at: mp.appending("includes")) }
            if let x = m["excludes"] { e.missingExcludes = try strings(x, at: mp.appending("excludes")) }
            if let x = m["entries"] {
                let ep = mp.appending("entries")
                guard case .array(let items) = x else { throw error(.type, ep, "expected an array of objects, found \(x.typeName)") }
                for (i, item) in items.enumerated() { e.missingEntries.append(try missingEntry(item, at: ep.appending(i))) }
            }
        }
        if let v = o["warnings"] { e.warnings = try strings(v, at: p.appending("warnings")) }
        if let v = o["errors"] {
            let ep = p.appending("errors")
            guard case .array(let items) = v else { throw error(.type, ep, "expected an array of {path, code} objects, found \(v.typeName)") }
            var list: [Expectations.ExpectedError] = []
            for (i, item) in items.enumerated() {
                let ip = ep.appending(i)
                let eo = try object(item, at: ip)
                try onlyKeys(eo, ["path", "code"], at: ip)
                guard let path = eo["path"] else { throw error(.missing, ip, "an expected error needs \"path\"") }
                guard let code = eo["code"] else { throw error(.missing, ip, "an expected error needs \"code\"") }
                let codeText = try string(code, at: ip.appending("code"))
                guard InputError.Code(rawValue: codeText) != nil else {
                    let known = InputError.Code.allCases.map(\.rawValue).joined(separator: ", ")
                    throw error(.value, ip.appending("code"), "unknown input error code (expected one of \(known))")
                }
                list.append(.init(path: try string(path, at: ip.appending("path")), code: codeText))
            }
            e.errors = list
        }
        return e
    }

    func missingEntry(_ value: JSONValue, at p: JSONPointer) throws(FixtureError) -> Expectations.MissingEntry {
        let o = try object(value, at: p)
        try onlyKeys(o, ["fact", "couldRaiseRouteTo", "couldMakeAcute"], at: p)
        guard let fact = o["fact"] else { throw error(.missing, p, "a missing entry needs \"fact\" (a JSON Pointer into the case)") }
        var entry = Expectations.MissingEntry(fact: try string(fact, at: p.appending("fact")))
        if let r = o["couldRaiseRouteTo"] {
            entry.couldRaiseRouteTo = r.isNull ? .some(nil) : .some(try route(r, at: p.appending("couldRaiseRouteTo")))
        }
        if let a = o["couldMakeAcute"] { entry.couldMakeAcute = try bool(a, at: p.appending("couldMakeAcute")) }
        return entry
    }
}
