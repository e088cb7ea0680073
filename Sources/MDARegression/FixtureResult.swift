/// The outcome of one fixture in a suite run.
public struct FixtureResult: Sendable {
    /// Where the fixture is: `file` or `file:line`.
    public var location: String
    /// The fixture's title, when it has one and could be read.
    public var title: String?
    /// The failed expectations (empty when passed or unusable).
    public var failures: [ExpectationFailure]
    /// Why the fixture could not be used, if so.
    public var error: FixtureError?
    /// Wall-clock seconds spent on parsing, evaluating and comparing.
    public var seconds: Double
    /// True for a plain `mda-case/1` document among the fixtures: not run, not a failure.
    public var skipped = false

    /// Creates a result.
    public init(location: String, title: String?, failures: [ExpectationFailure], error: FixtureError?, seconds: Double) {
        self.location = location
        self.title = title
        self.failures = failures
        self.error = error
        self.seconds = seconds
    }

    /// Whether every expectation held.
    public var passed: Bool { error == nil && failures.isEmpty }

    /// The human report of a failed or unusable fixture (empty when it passed):
    ///
    /// ```
    /// FAIL Fixtures/cases/002-window.json — Incident exactly 12 months ago
    ///   route: expected veiligheidsteam, actual regular_care
    ///     decided by:
    ///       veiligheidsteam = false (every input false)
    ///       A = false ← incidents12=1
    /// ```
    public var report: String {
        if let error { return "ERROR \(error.description)\n" }
        guard !failures.isEmpty else { return "" }
        var out = "FAIL \(location)"
        if let title, !title.isEmpty { out += " — \(title)" }
        out += "\n"
        for f in failures {
            out += "  \(f.key): expected \(f.expected), actual \(f.actual)\n"
            if !f.decidedBy.isEmpty {
                out += "    decided by:\n"
                for line in f.decidedBy { out += "      \(line.description)\n" }
            }
        }
        return out
    }
}
