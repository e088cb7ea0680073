import ByteJSON
import Foundation
import MDAEngine

/// The result of ``ImpactAnalysis``: counts, route transitions and the changed cases.
public struct ImpactReport: Sendable {
    /// A changed ruleset parameter.
    public struct ParameterChange: Sendable, Equatable {
        /// The parameter name.
        public var name: String
        /// Its text in the base ruleset (`nil`: not there).
        public var base: String?
        /// Its text in the new ruleset (`nil`: not there).
        public var new: String?
    }

    /// The base ruleset's name, version and digest.
    public var base: (name: String, version: String, sha256: String)
    /// The new ruleset's name, version and digest.
    public var new: (name: String, version: String, sha256: String)
    /// Parameters whose value differs between the rulesets.
    public var parameters: [ParameterChange]
    /// Rule ids only in the base ruleset.
    public var rulesRemoved: [String]
    /// Rule ids only in the new ruleset.
    public var rulesAdded: [String]
    /// All input documents.
    public var cases = 0
    /// Cases evaluated with both rulesets.
    public var evaluated = 0
    /// Locations of cases rejected with input errors (they do not depend on the rules).
    public var rejected: [String] = []
    /// Documents that could not be read as a case.
    public var unusable: [FixtureError] = []
    /// The changed decisions, in input order.
    public var changes: [CaseChange] = []
    /// Wall-clock seconds.
    public var seconds = 0.0

    /// An empty report comparing `base` with `new`.
    public init(base: Ruleset, new: Ruleset) {
        self.base = (base.name, base.version, base.sha256)
        self.new = (new.name, new.version, new.sha256)
        var params: [ParameterChange] = []
        let baseParams = Dictionary(base.parameters.map { ($0.name, $0.text) }, uniquingKeysWith: { a, _ in a })
        let newNames = Set(new.parameters.map(\.name))
        for p in new.parameters where baseParams[p.name] != p.text {
            params.append(ParameterChange(name: p.name, base: baseParams[p.name], new: p.text))
        }
        for p in base.parameters where !newNames.contains(p.name) {
            params.append(ParameterChange(name: p.name, base: p.text, new: nil))
        }
        parameters = params
        let baseIds = Set(base.rules.map(\.id)), newIds = Set(new.rules.map(\.id))
        rulesRemoved = base.rules.map(\.id).filter { !newIds.contains($0) }
        rulesAdded = new.rules.map(\.id).filter { !baseIds.contains($0) }
    }

    /// Decisions whose route changed.
    public var routeChanges: Int { changes.filter(\.routeChanged).count }
    /// Decisions whose acute flag changed.
    public var acuteChanges: Int { changes.filter(\.acuteChanged).count }
    /// Decisions whose provisional flag changed.
    public var provisionalChanges: Int { changes.filter(\.provisionalChanged).count }
    /// Decisions with at least one changed profile status.
    public var profileChanges: Int { changes.filter { !$0.profiles.isEmpty }.count }

    /// Route transitions with their counts, most frequent first (ties by route order).
    public var transitions: [(from: Route, to: Route, count: Int)] {
        var counts: [String: (Route, Route, Int)] = [:]
        for c in changes where c.routeChanged {
            let key = c.route.base.rawValue + ">" + c.route.new.rawValue
            counts[key, default: (c.route.base, c.route.new, 0)].2 += 1
        }
        return counts.values.map { (from: $0.0, to: $0.1, count: $0.2) }.sorted {
            if $0.count != $1.count { return $0.count > $1.count }
            if $0.from != $1.from { return $0.from < $1.from }
            return $0.to < $1.to
        }
    }

    /// The human report.
    public var text: String {
        var out = "base: \(base.name) \(base.version) (\(base.sha256.prefix(12)))\n"
        out += "new:  \(new.name) \(new.version) (\(new.sha256.prefix(12)))\n"
        for p in parameters { out += "parameter \(p.name): \(p.base ?? "(none)") → \(p.new ?? "(none)")\n" }
        if !rulesAdded.isEmpty { out += "rules added: \(rulesAdded.joined(separator: ", "))\n" }
        if !rulesRemoved.isEmpty { out += "rules removed: \(rulesRemoved.joined(separator: ", "))\n" }
        out += "\(cases) case\(cases == 1 ? "" : "s"): \(evaluated) evaluated, \(rejected.count) rejected with input errors"
        if !unusable.isEmpty { out += ", \(unusable.count) unusable" }
        out += "\n"
        out += "changed decisions: \(changes.count)\n"
        out += "  route:          \(routeChanges)\n"
        out += "  acute:          \(acuteChanges)\n"
        out += "  provisional:    \(provisionalChanges)\n"
        out += "  profile status: \(profileChanges)\n"
        let t = transitions
        if !t.isEmpty {
            out += "route transitions:\n"
            for x in t { out += "  \(x.from.rawValue) → \(x.to.rawValue): \(x.count)\n" }
        }
        if !changes.isEmpty {
            out += "changed cases:\n"
            for c in changes {
                out += "  \(c.location)"
                if let id = c.caseId { out += " (\(id))" }
                out += ": \(c.summary)\n"
                out += "    rules: \(c.rules.joined(separator: ", "))\n"
            }
        }
        for e in unusable { out += "unusable: \(e.description)\n" }
        return out
    }

    /// The report as JSON: `{"base", "new", "parameters", "rulesAdded", "rulesRemoved", "cases",
    /// "evaluated", "rejected", "unusable", "changed": {"decisions", "route", "acute", "provisional",
    /// "profileStatus"}, "transitions": [{"from", "to", "count"}], "changes": [{"location", "caseId",
    /// "route": {"base", "new"}?, "acute"?, "provisional"?, "profiles": [{"id", "base", "new"}], "rules"}]}`.
    public var json: [UInt8] {
        var w = JSONWriter(capacity: 4096)
        func ruleset(_ r: (name: String, version: String, sha256: String)) {
            w.beginObject()
            w.key(raw: "name"); w.string(r.name)
            w.key(raw: "version"); w.string(r.version)
            w.key(raw: "sha256"); w.string(r.sha256)
            w.endObject()
        }
        func optionalBool(_ b: Bool?) { if let b { w.bool(b) } else { w.null() } }
        w.beginObject()
        w.key(raw: "base"); ruleset(base)
        w.key(raw: "new"); ruleset(new)
        w.key(raw: "parameters")
        w.beginArray()
        for p in parameters {
            w.beginObject()
            w.key(raw: "name"); w.string(p.name)
            w.key(raw: "base"); if let b = p.base { w.string(b) } else { w.null() }
            w.key(raw: "new"); if let n = p.new { w.string(n) } else { w.null() }
            w.endObject()
        }
        w.endArray()
        w.key(raw: "rulesAdded"); w.beginArray(); for r in rulesAdded { w.string(r) }; w.endArray()
        w.key(raw: "rulesRemoved"); w.beginArray(); for r in rulesRemoved { w.string(r) }; w.endArray()
        w.key(raw: "cases"); w.int(cases)
        w.key(raw: "evaluated"); w.int(evaluated)
        w.key(raw: "rejected"); w.beginArray(); for r in rejected { w.string(r) }; w.endArray()
        w.key(raw: "unusable")
        w.beginArray()
        for e in unusable {
            w.beginObject()
            w.key(raw: "location"); w.string(e.location)
            w.key(raw: "pointer"); w.string(e.pointer)
            w.key(raw: "code"); w.string(e.code.rawValue)
            w.key(raw: "message"); w.string(e.message)
            w.endObject()
        }
        w.endArray()
        w.key(raw: "changed")
        w.beginObject()
        w.key(raw: "decisions"); w.int(changes.count)
        w.key(raw: "route"); w.int(routeChanges)
        w.key(raw: "acute"); w.int(acuteChanges)
        w.key(raw: "provisional"); w.int(provisionalChanges)
        w.key(raw: "profileStatus"); w.int(profileChanges)
        w.endObject()
        w.key(raw: "transitions")
        w.beginArray()
        for t in transitions {
            w.beginObject()
            w.key(raw: "from"); w.string(t.from.rawValue)
            w.key(raw: "to"); w.string(t.to.rawValue)
            w.key(raw: "count"); w.int(t.count)
            w.endObject()
        }
        w.endArray()
        w.key(raw: "changes")
        w.beginArray()
        for c in changes {
            w.beginObject()
            w.key(raw: "location"); w.string(c.location)
            w.key(raw: "caseId"); if let id = c.caseId { w.string(id) } else { w.null() }
            if c.routeChanged {
                w.key(raw: "route"); w.beginObject()
                w.key(raw: "base"); w.string(c.route.base.rawValue); w.key(raw: "new"); w.string(c.route.new.rawValue)
                w.endObject()
            }
            if c.acuteChanged {
                w.key(raw: "acute"); w.beginObject()
                w.key(raw: "base"); optionalBool(c.acute.base); w.key(raw: "new"); optionalBool(c.acute.new)
                w.endObject()
            }
            if c.provisionalChanged {
                w.key(raw: "provisional"); w.beginObject()
                w.key(raw: "base"); w.bool(c.provisional.base); w.key(raw: "new"); w.bool(c.provisional.new)
                w.endObject()
            }
            w.key(raw: "profiles")
            w.beginArray()
            for p in c.profiles {
                w.beginObject()
                w.key(raw: "id"); w.string(p.id)
                w.key(raw: "base"); w.string(p.base.rawValue)
                w.key(raw: "new"); w.string(p.new.rawValue)
                w.endObject()
            }
            w.endArray()
            w.key(raw: "rules"); w.beginArray(); for r in c.rules { w.string(r) }; w.endArray()
            w.endObject()
        }
        w.endArray()
        w.key(raw: "seconds"); w.double((seconds * 1000).rounded() / 1000)
        w.endObject()
        return w.bytes
    }
}
