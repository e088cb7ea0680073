/// Rules exempt from the coverage requirement, each with the reason it cannot be covered.
///
/// File format (e.g. `Fixtures/coverage-exceptions.txt`): one rule per line,
/// `RULE_ID: reason`; blank lines and lines starting with `#` are ignored. A reason is required.
public struct CoverageExceptions: Sendable {
    /// The exceptions in file order: rule id and reason.
    public private(set) var entries: [(rule: String, reason: String)] = []

    /// No exceptions.
    public init() {}

    /// Parses the file's text.
    /// - Throws: ``FixtureError`` (code `value`) naming `location:line` for a line without a reason.
    public init(text: String, location: String) throws(FixtureError) {
        var number = 0
        for raw in text.split(separator: "\n", omittingEmptySubsequences: false) {
            number += 1
            let line = String(raw.trimmed())
            if line.isEmpty || line.hasPrefix("#") { continue }
            guard let colon = line.firstIndex(of: ":") else {
                throw FixtureError(code: .value, location: "\(location):\(number)", pointer: "",
                                   message: "expected `RULE_ID: reason`")
            }
            let rule = String(line[..<colon].trimmed())
            let reason = String(line[line.index(after: colon)...].trimmed())
            guard !rule.isEmpty, !reason.isEmpty else {
                throw FixtureError(code: .value, location: "\(location):\(number)", pointer: "",
                                   message: "an exception needs a rule id and a reason (`RULE_ID: reason`)")
            }
            entries.append((rule, reason))
        }
    }

    /// The reason a rule is excepted, or `nil`.
    public func reason(for rule: String) -> String? { entries.first { $0.rule == rule }?.reason }
}

private extension Substring {
    /// Without leading and trailing spaces, tabs and carriage returns.
    func trimmed() -> Substring {
        var s = self
        while let f = s.first, f == " " || f == "\t" || f == "\r" { s = s.dropFirst() }
        while let l = s.last, l == " " || l == "\t" || l == "\r" { s = s.dropLast() }
        return s
    }
}
