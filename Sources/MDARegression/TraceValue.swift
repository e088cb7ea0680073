import CEL
import MDAEngine

/// Short, content-safe text for trace values, and a cheap sameness test between two runs.
///
/// Texts never contain free text from a case: strings are shown only when they look like an
/// enum value or a date (letters, digits, `_`, `-`, `.`, at most 40 characters), otherwise as
/// `(text)`; records are shown by their JSON Pointer or member id; lists by their size when long.
public enum TraceValue {
    /// The value as a short text: `true`, `false`, `unknown`, `3`, `2025-03-01`, `[/incidents/0]`.
    public static func text(_ value: Value) -> String {
        switch value {
        case .bool(let b): return b ? "true" : "false"
        case .unknown, .error: return "unknown"
        case .null: return "null"
        case .int(let i): return String(i)
        case .uint(let u): return String(u)
        case .double(let d): return String(d)
        case .string(let s): return safe(s) ? s : "(text)"
        case .timestamp(let t):
            let days = Int((t.seconds >= 0 ? t.seconds : t.seconds - 86_399) / 86_400)
            return CaseDate(daysSinceEpoch: days).description
        case .object(let o):
            if o.type === CaseSchema.member, case .string(let id) = o.fields.first { return safe(id) ? id : "(member)" }
            return o.path ?? "(record)"
        case .list(let items):
            if items.count > 6 { return "[\(items.count) items]" }
            return "[" + items.map(text).joined(separator: ", ") + "]"
        case .map, .bytes, .type, .duration: return "(\(value.kindName))"
        }
    }

    /// The three-valued reading of a rule result: `true`, `false`, unknown, or `nil` for a value
    /// that is not a Boolean (a count, a date, a list).
    public static func truth(_ value: Value) -> Truth? {
        switch value {
        case .bool(let b): return Truth(b)
        case .unknown, .error: return .unknown
        default: return nil
        }
    }

    /// Whether two results (from evaluations of the same case by two rulesets) are the same:
    /// records compare by JSON Pointer, unknowns and errors are equal to each other.
    public static func same(_ a: Value, _ b: Value) -> Bool {
        switch (a, b) {
        case (.unknown, .unknown), (.error, .error), (.unknown, .error), (.error, .unknown), (.null, .null): return true
        case let (.bool(x), .bool(y)): return x == y
        case let (.int(x), .int(y)): return x == y
        case let (.uint(x), .uint(y)): return x == y
        case let (.double(x), .double(y)): return x == y || (x.isNaN && y.isNaN)
        case let (.string(x), .string(y)): return x == y
        case let (.timestamp(x), .timestamp(y)): return x == y
        case let (.object(x), .object(y)):
            if x === y { return true }
            if x.type === CaseSchema.member || y.type === CaseSchema.member { return x.type === y.type && x.fields.first == y.fields.first }
            return x.path != nil && x.path == y.path
        case let (.list(x), .list(y)):
            guard x.count == y.count else { return false }
            for i in x.indices where !same(x[i], y[i]) { return false }
            return true
        default: return a == b
        }
    }

    private static func safe(_ s: String) -> Bool {
        guard !s.isEmpty, s.utf8.count <= 40 else { return false }
        for b in s.utf8 {
            switch b {
            case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "0")...UInt8(ascii: "9"),
                 UInt8(ascii: "_"), UInt8(ascii: "-"), UInt8(ascii: "."), UInt8(ascii: "/"):
                continue
            default: return false
            }
        }
        return true
    }
}
