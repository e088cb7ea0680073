import MDAEngine

/// How one case's decision differs between a base ruleset and a new one.
public struct CaseChange: Sendable {
    /// A profile whose status changed.
    public struct ProfileChange: Sendable, Equatable {
        /// The profile id.
        public var id: String
        /// The status under the base rules.
        public var base: ProfileStatus
        /// The status under the new rules.
        public var new: ProfileStatus
    }

    /// Where the case is: `file` or `file:line`.
    public var location: String
    /// The case's id, when it has one.
    public var caseId: String?
    /// The route under the base and the new rules.
    public var route: (base: Route, new: Route)
    /// The acute flag under the base and the new rules.
    public var acute: (base: Bool?, new: Bool?)
    /// The provisional flag under the base and the new rules.
    public var provisional: (base: Bool, new: Bool)
    /// Profiles whose status changed.
    public var profiles: [ProfileChange]
    /// The rules whose trace result differs between the two runs, in the new ruleset's order.
    public var rules: [String]

    /// Whether the route changed.
    public var routeChanged: Bool { route.base != route.new }
    /// Whether the acute flag changed.
    public var acuteChanged: Bool { acute.base != acute.new }
    /// Whether the provisional flag changed.
    public var provisionalChanged: Bool { provisional.base != provisional.new }
    /// Whether anything this report counts changed.
    public var changed: Bool { routeChanged || acuteChanged || provisionalChanged || !profiles.isEmpty }

    /// Compares two decisions for the same case.
    public init(location: String, base: Decision, new: Decision) {
        self.location = location
        caseId = new.caseId
        route = (base.route, new.route)
        acute = (base.acute, new.acute)
        provisional = (base.provisional, new.provisional)
        var profiles: [ProfileChange] = []
        for p in new.profiles {
            if let b = base.profiles.first(where: { $0.id == p.id }), b.status != p.status {
                profiles.append(ProfileChange(id: p.id, base: b.status, new: p.status))
            }
        }
        self.profiles = profiles
        rules = CaseChange.differingRules(base.trace, new.trace)
    }

    /// Rules whose result differs, or that appear in only one of the traces.
    static func differingRules(_ base: [TraceEntry], _ new: [TraceEntry]) -> [String] {
        var out: [String] = []
        if base.count == new.count, zip(base, new).allSatisfy({ $0.rule == $1.rule }) {
            for i in new.indices where !TraceValue.same(base[i].result, new[i].result) { out.append(new[i].rule) }
            return out
        }
        var byRule: [String: Int] = [:]
        for (i, e) in base.enumerated() where byRule[e.rule] == nil { byRule[e.rule] = i }
        var seen = Set<String>()
        for e in new {
            seen.insert(e.rule)
            guard let i = byRule[e.rule] else { out.append(e.rule); continue }
            if !TraceValue.same(base[i].result, e.result) { out.append(e.rule) }
        }
        for e in base where !seen.contains(e.rule) { out.append(e.rule) }
        return out
    }

    /// `route veiligheidsteam → regular_care; acute true → false; stalking match → possible`.
    public var summary: String {
        var parts: [String] = []
        if routeChanged { parts.append("route \(route.base.rawValue) → \(route.new.rawValue)") }
        if acuteChanged { parts.append("acute \(Truth(acute.base)) → \(Truth(acute.new))") }
        if provisionalChanged { parts.append("provisional \(provisional.base) → \(provisional.new)") }
        for p in profiles { parts.append("\(p.id) \(p.base.rawValue) → \(p.new.rawValue)") }
        return parts.joined(separator: "; ")
    }
}
