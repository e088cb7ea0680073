import Dispatch
import MDAEngine

/// Runs fixtures against an engine on all cores; results come back in input order.
public enum RegressionSuite {
    /// The outcome of a whole run.
    public struct Result: Sendable {
        /// One result per fixture run (fixtures left out by the filter are not listed), in input order.
        public var fixtures: [FixtureResult]
        /// Rule coverage over the accepted cases' decisions, when asked for.
        public var coverage: RuleCoverage?
        /// Wall-clock seconds for the whole run.
        public var seconds: Double

        /// Creates a result.
        public init(fixtures: [FixtureResult], coverage: RuleCoverage?, seconds: Double) {
            self.fixtures = fixtures
            self.coverage = coverage
            self.seconds = seconds
        }

        /// Fixtures whose expectations all held.
        public var passed: Int { fixtures.filter { $0.passed && !$0.skipped }.count }
        /// Plain `mda-case/1` documents found among the fixtures (not run).
        public var skipped: Int { fixtures.filter(\.skipped).count }
        /// Fixtures with failed expectations.
        public var failed: Int { fixtures.filter { $0.error == nil && !$0.failures.isEmpty }.count }
        /// Fixtures that could not be used.
        public var unusable: Int { fixtures.filter { $0.error != nil }.count }

        /// The closing line: `N passed, N failed` (and `, N unusable` when there are any).
        public var closingLine: String {
            var line = "\(passed) passed, \(failed) failed"
            if unusable > 0 { line += ", \(unusable) unusable" }
            if skipped > 0 { line += ", \(skipped) skipped (plain cases, not fixtures)" }
            return line
        }
    }

    /// Parses, evaluates and checks every source as a fixture.
    /// - Parameters:
    ///   - sources: fixture documents (files or `.jsonl` lines), in the order to report them.
    ///   - engine: the engine (its ruleset) under test.
    ///   - filter: when given, only fixtures whose location or title contains it (ignoring case) run.
    ///   - coverage: whether to collect ``RuleCoverage``.
    ///   - workers: how many cores to use.
    public static func run(_ sources: [CaseSource], engine: Engine, filter: String? = nil, coverage: Bool = false,
                           workers: Int = Parallel.cores) -> Result {
        let start = DispatchTime.now().uptimeNanoseconds
        let check = FixtureCheck(ruleset: engine.ruleset)
        let needle = filter.map { $0.lowercased() }
        let parts = Parallel.chunks(count: sources.count, workers: workers) { range -> ([FixtureResult], RuleCoverage?) in
            var results: [FixtureResult] = []
            results.reserveCapacity(range.count)
            var cov = coverage ? RuleCoverage(ruleset: engine.ruleset) : nil
            for i in range {
                if let r = runOne(sources[i], engine: engine, check: check, filter: needle, coverage: &cov) { results.append(r) }
            }
            return (results, cov)
        }
        var all: [FixtureResult] = []
        all.reserveCapacity(sources.count)
        var total: RuleCoverage? = coverage ? RuleCoverage(ruleset: engine.ruleset) : nil
        for (results, cov) in parts {
            all += results
            if let cov { total?.merge(cov) }
        }
        let seconds = Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
        return Result(fixtures: all, coverage: total, seconds: seconds)
    }

    private static func runOne(_ source: CaseSource, engine: Engine, check: FixtureCheck, filter: String?,
                               coverage: inout RuleCoverage?) -> FixtureResult? {
        let t0 = DispatchTime.now().uptimeNanoseconds
        func elapsed() -> Double { Double(DispatchTime.now().uptimeNanoseconds - t0) / 1e9 }
        let fixture: Fixture
        let parsed = Fixture.parseJSON(source)
        // A plain mda-case/1 document beside the fixtures (an example to try `mda evaluate` on)
        // is not a fixture: it is counted as skipped, not as unusable.
        if case .success(let value) = parsed, value["schema"] != nil, value["case"] == nil, value["expect"] == nil {
            if let filter, !source.location.lowercased().contains(filter) { return nil }
            var skipped = FixtureResult(location: source.location, title: nil, failures: [], error: nil, seconds: elapsed())
            skipped.skipped = true
            return skipped
        }
        switch parsed.flatMap({ Fixture.parse($0, location: source.location) }) {
        case .failure(let error):
            if let filter, !source.location.lowercased().contains(filter) { return nil }
            return FixtureResult(location: source.location, title: nil, failures: [], error: error, seconds: elapsed())
        case .success(let f): fixture = f
        }
        if let filter, !fixture.location.lowercased().contains(filter),
           !(fixture.title?.lowercased().contains(filter) ?? false) { return nil }
        let outcome = engine.evaluate(json: fixture.caseDocument, missingFacts: fixture.expect.readsMissing)
        if case .success(let decision) = outcome { coverage?.record(decision) }
        let failures = check.failures(fixture.expect, outcome: outcome)
        return FixtureResult(location: fixture.location, title: fixture.title, failures: failures, error: nil, seconds: elapsed())
    }
}
