/// String functions: `contains`, `startsWith`, `endsWith`, `matches` (compared by code
/// points, not by Unicode canonical equivalence).
extension StandardLibrary {
    static func contains(_ a: Value, _ b: Value) -> Value {
        guard case .string(let s) = a, case .string(let t) = b else { return .noMatchingOverload("contains", a, b) }
        return .bool(utf8Contains(s, t))
    }

    static func startsWith(_ a: Value, _ b: Value) -> Value {
        guard case .string(let s) = a, case .string(let t) = b else { return .noMatchingOverload("startsWith", a, b) }
        return .bool(s.utf8.starts(with: t.utf8))
    }

    static func endsWith(_ a: Value, _ b: Value) -> Value {
        guard case .string(let s) = a, case .string(let t) = b else { return .noMatchingOverload("endsWith", a, b) }
        return .bool(s.utf8.reversed().starts(with: t.utf8.reversed()))
    }

    static func matches(_ a: Value, _ b: Value) -> Value {
        guard case .string(let s) = a, case .string(let p) = b else { return .noMatchingOverload("matches", a, b) }
        switch CompiledRegex.cached(p) {
        case .success(let re): return .bool(re.matches(s))
        case .failure(let e): return .error(e)
        }
    }

    /// Byte-wise substring search over UTF-8 (equivalent to code-point search for valid UTF-8).
    static func utf8Contains(_ s: String, _ t: String) -> Bool {
        if t.isEmpty { return true }
        var hay = s
        var needle = t
        return hay.withUTF8 { h in
            needle.withUTF8 { n in
                guard n.count <= h.count else { return false }
                let first = n[0]
                var i = 0
                let last = h.count - n.count
                while i <= last {
                    if h[i] == first {
                        var j = 1
                        while j < n.count && h[i + j] == n[j] { j += 1 }
                        if j == n.count { return true }
                    }
                    i += 1
                }
                return false
            }
        }
    }
}
