import CEL
import MDAEngine

/// Rule coverage of a suite, read from the decisions' traces.
///
/// Per rule: how often it was evaluated and how often its result was `true`, `false` or
/// unknown. A rule whose results include a non-Boolean value (a count, a date, a list: derived
/// facts and the final route) is a *value rule*: only its evaluations are counted and it is never
/// flagged. A Boolean rule is *covered* when it was seen both true and false; otherwise it is
/// flagged, unless it is listed in ``CoverageExceptions``.
public struct RuleCoverage: Sendable {
    /// The counts of one rule.
    public struct Counts: Sendable, Equatable {
        /// Trace entries for the rule.
        public var evaluated = 0
        /// Results `true`.
        public var `true` = 0
        /// Results `false`.
        public var `false` = 0
        /// Results unknown.
        public var unknown = 0
        /// Results that are not Booleans.
        public var values = 0

        /// Creates zero counts.
        public init() {}

        /// Whether the rule's results are values rather than truth values.
        public var isValueRule: Bool { values > 0 }

        /// Whether the rule was seen both true and false.
        public var isCovered: Bool { self.true > 0 && self.false > 0 }
    }

    /// The rule ids, in ruleset order.
    public let rules: [String]
    /// The rule kinds, parallel to ``rules``.
    public let kinds: [RuleKind]
    /// The counts, parallel to ``rules``.
    public private(set) var counts: [Counts]
    /// The number of decisions recorded.
    public private(set) var decisions = 0
    private let index: [String: Int]

    /// Empty coverage for `ruleset`.
    public init(ruleset: Ruleset) {
        rules = ruleset.rules.map(\.id)
        kinds = ruleset.rules.map(\.kind)
        counts = Array(repeating: Counts(), count: rules.count)
        var map: [String: Int] = [:]
        for (i, id) in rules.enumerated() where map[id] == nil { map[id] = i }
        index = map
    }

    /// Adds one decision's trace.
    public mutating func record(_ decision: Decision) {
        decisions += 1
        var guess = 0
        for entry in decision.trace {
            let i: Int
            if guess < rules.count && rules[guess] == entry.rule {
                i = guess
            } else if let found = index[entry.rule] {
                i = found
            } else {
                continue  // the professional-judgement entry is not a rule
            }
            guess = i + 1
            counts[i].evaluated += 1
            switch entry.result {
            case .bool(true): counts[i].true += 1
            case .bool(false): counts[i].false += 1
            case .unknown, .error: counts[i].unknown += 1
            default: counts[i].values += 1
            }
        }
    }

    /// Adds the counts of another coverage of the same ruleset.
    public mutating func merge(_ other: RuleCoverage) {
        precondition(other.rules == rules, "coverage of different rulesets")
        decisions += other.decisions
        for i in counts.indices {
            counts[i].evaluated += other.counts[i].evaluated
            counts[i].true += other.counts[i].true
            counts[i].false += other.counts[i].false
            counts[i].unknown += other.counts[i].unknown
            counts[i].values += other.counts[i].values
        }
    }

    /// The counts of one rule, by id.
    public func counts(of rule: String) -> Counts? { index[rule].map { counts[$0] } }

    /// Indexes of the Boolean rules (not value rules).
    public var booleanRules: [Int] { counts.indices.filter { !counts[$0].isValueRule } }

    /// Indexes of Boolean rules never seen true or never seen false and not excepted.
    public func flagged(except exceptions: CoverageExceptions = CoverageExceptions()) -> [Int] {
        booleanRules.filter { !counts[$0].isCovered && exceptions.reason(for: rules[$0]) == nil }
    }

    /// The share (0…100) of Boolean rules seen both true and false; excepted rules count as
    /// covered. 100 when there are no Boolean rules.
    public func percentage(except exceptions: CoverageExceptions = CoverageExceptions()) -> Double {
        let boolean = booleanRules
        guard !boolean.isEmpty else { return 100 }
        let covered = boolean.filter { counts[$0].isCovered || exceptions.reason(for: rules[$0]) != nil }.count
        return Double(covered) * 100 / Double(boolean.count)
    }

    /// The coverage report: one line per rule, the flagged rules, the exceptions, and a summary.
    public func report(except exceptions: CoverageExceptions = CoverageExceptions()) -> String {
        let width = max(24, (rules.map(\.count).max() ?? 0) + 2)
        func pad(_ s: String, _ n: Int) -> String { s.count >= n ? s : s + String(repeating: " ", count: n - s.count) }
        func num(_ v: Int, _ n: Int) -> String { let s = String(v); return String(repeating: " ", count: max(0, n - s.count)) + s }
        var out = "Rule coverage over \(decisions) decision\(decisions == 1 ? "" : "s"):\n"
        out += pad("rule", width) + pad("kind", 12) + "  evaluated      true     false   unknown  note\n"
        for (i, id) in rules.enumerated() {
            let c = counts[i]
            var line = pad(id, width) + pad(kinds[i].rawValue, 12) + num(c.evaluated, 11)
            if c.isValueRule {
                line += "         -         -         -  value"
            } else {
                line += num(c.true, 10) + num(c.false, 10) + num(c.unknown, 10)
                if !c.isCovered {
                    let gap = c.true == 0 && c.false == 0 ? "never true, never false" : c.true == 0 ? "never true" : "never false"
                    line += exceptions.reason(for: id) != nil ? "  \(gap) (excepted)" : "  FLAGGED: \(gap)"
                }
            }
            out += line + "\n"
        }
        for (id, reason) in exceptions.entries {
            if index[id] == nil {
                out += "exception for unknown rule \(id) (not in the ruleset)\n"
            } else if counts(of: id)?.isCovered == true {
                out += "exception for \(id) is not needed: it was seen both true and false\n"
            } else {
                out += "excepted \(id): \(reason)\n"
            }
        }
        out += summary(except: exceptions) + "\n"
        return out
    }

    /// One line: `rule coverage: 100.0% of 131 Boolean rules seen both true and false (…)`.
    public func summary(except exceptions: CoverageExceptions = CoverageExceptions()) -> String {
        let boolean = booleanRules
        let flaggedCount = flagged(except: exceptions).count
        let excepted = boolean.filter { !counts[$0].isCovered && exceptions.reason(for: rules[$0]) != nil }.count
        let pct = percentage(except: exceptions)
        var text = "rule coverage: \(formatPercent(pct))% of \(boolean.count) Boolean rules seen both true and false"
        var notes: [String] = []
        if excepted > 0 { notes.append("\(excepted) excepted") }
        notes.append("\(flaggedCount) flagged")
        notes.append("\(rules.count - boolean.count) value rules")
        text += " (" + notes.joined(separator: ", ") + ")"
        return text
    }

    private func formatPercent(_ p: Double) -> String {
        let tenths = (p * 10).rounded(.down) / 10
        return String(format: "%.1f", tenths)
    }
}
