import Foundation

/// A compiled regular expression (RE2-like syntax, run by Foundation's ICU engine), shared
/// across threads: `NSRegularExpression` is immutable and thread-safe once built.
final class CompiledRegex: @unchecked Sendable {
    /// The pattern as written in CEL.
    let pattern: String
    private let regex: NSRegularExpression

    /// Compiles `pattern`; nil when it is not a valid regular expression.
    init?(_ pattern: String) {
        // RE2 spells named groups `(?P<name>…)`; ICU wants `(?<name>…)`.
        let translated = pattern.isEmpty ? "(?:)" : pattern.replacingOccurrences(of: "(?P<", with: "(?<")
        guard let re = try? NSRegularExpression(pattern: translated, options: []) else { return nil }
        self.pattern = pattern
        self.regex = re
    }

    /// True when the pattern matches some substring of `text` (RE2 partial-match semantics).
    func matches(_ text: String) -> Bool {
        if pattern.isEmpty { return true }
        let ns = NSRange(text.startIndex..<text.endIndex, in: text)
        return regex.firstMatch(in: text, options: [], range: ns) != nil
    }

    /// Compiles `pattern` into a value usable by `matches`, or the error value for a bad pattern.
    static func compile(_ pattern: String) -> Result<CompiledRegex, CELError> {
        if let re = CompiledRegex(pattern) { return .success(re) }
        return .failure(CELError(code: "invalid_argument", message: "invalid regular expression: \(pattern)"))
    }

    /// Like ``compile(_:)`` but remembers recent patterns (for patterns only known at run time;
    /// constant patterns are compiled once at plan time instead).
    static func cached(_ pattern: String) -> Result<CompiledRegex, CELError> {
        if let hit = cache.get(pattern) { return .success(hit) }
        let result = compile(pattern)
        if case .success(let re) = result { cache.put(pattern, re) }
        return result
    }

    private static let cache = RegexCache()
}

/// A small lock-protected pattern cache, cleared when full.
private final class RegexCache: @unchecked Sendable {
    private var entries: [String: CompiledRegex] = [:]
    private let lock = NSLock()
    private let limit = 128

    func get(_ pattern: String) -> CompiledRegex? {
        lock.lock()
        defer { lock.unlock() }
        return entries[pattern]
    }

    func put(_ pattern: String, _ re: CompiledRegex) {
        lock.lock()
        defer { lock.unlock() }
        if entries.count >= limit { entries.removeAll(keepingCapacity: true) }
        entries[pattern] = re
    }
}
