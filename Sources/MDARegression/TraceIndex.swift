import MDAEngine

/// A decision's trace entries by rule id, built on first use (only failing fixtures need it).
struct TraceIndex {
    private let decision: Decision
    private var index: [String: Int]?

    init(_ decision: Decision) { self.decision = decision }

    mutating func entry(_ rule: String) -> TraceEntry? {
        if index == nil {
            var map: [String: Int] = [:]
            map.reserveCapacity(decision.trace.count)
            for (i, e) in decision.trace.enumerated() where map[e.rule] == nil { map[e.rule] = i }
            index = map
        }
        return index![rule].map { decision.trace[$0] }
    }

    mutating func lines(_ rules: [String]) -> [TraceLine] {
        rules.compactMap { entry($0).map(TraceLine.init) }
    }
}
