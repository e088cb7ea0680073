/// A CEL runtime value.
///
/// Errors and unknowns are ordinary values: evaluation never throws. CEL equality is
/// ``Value/celEquals(_:)`` (heterogeneous numeric equality, NaN never equal); Swift `==` on
/// `Value` is structural sameness (for tests): same case and same contents, NaN equal to NaN.
// Unchecked only because of `.object`: ``ObjectValue`` is immutable once made but, as a
// ManagedBuffer subclass, cannot declare Sendable. Every other payload is Sendable.
public enum Value: @unchecked Sendable {
    /// The `null` value.
    case null
    /// A boolean.
    case bool(Bool)
    /// A 64-bit signed integer.
    case int(Int64)
    /// A 64-bit unsigned integer.
    case uint(UInt64)
    /// An IEEE 754 double.
    case double(Double)
    /// A Unicode string.
    case string(String)
    /// A byte sequence.
    case bytes([UInt8])
    /// A list of values.
    case list([Value])
    /// A map with bool, int, uint or string keys.
    case map(MapValue)
    /// A typed host record.
    case object(ObjectValue)
    /// A type value, as produced by `type(x)` or a type name such as `int`.
    case type(CELType)
    /// A point in time (UTC).
    case timestamp(Timestamp)
    /// A signed span of time.
    case duration(Duration)
    /// A runtime error (stored out of line to keep `Value` small).
    indirect case error(CELError)
    /// A set of attribute paths whose values are not known.
    case unknown(UnknownSet)
}

extension Value {
    /// True for `.error` and `.unknown` values, which strict functions propagate.
    @inlinable public var isErrorOrUnknown: Bool {
        switch self {
        case .error, .unknown: return true
        default: return false
        }
    }

    /// True for `.error` values.
    @inlinable public var isError: Bool {
        if case .error = self { return true }
        return false
    }

    /// True for `.unknown` values.
    @inlinable public var isUnknown: Bool {
        if case .unknown = self { return true }
        return false
    }

    /// The runtime type of the value, as returned by `type(x)`.
    public var celType: CELType {
        switch self {
        case .null: return .null
        case .bool: return .bool
        case .int: return .int
        case .uint: return .uint
        case .double: return .double
        case .string: return .string
        case .bytes: return .bytes
        case .list: return .list(.dyn)
        case .map: return .map(.dyn, .dyn)
        case .object(let o): return .object(o.type)
        case .type: return .type(nil)
        case .timestamp: return .timestamp
        case .duration: return .duration
        case .error: return .error
        case .unknown: return .dyn
        }
    }

    /// A short name of the value's kind for error messages, e.g. `int` or `list`.
    public var kindName: String { celType.runtimeName }

    /// Creates an error value.
    @inlinable public static func error(_ code: String, _ message: String, exprID: Int? = nil) -> Value {
        .error(CELError(code: code, message: message, exprID: exprID))
    }

    /// The standard "no matching overload" error for `function` applied to `args`.
    public static func noMatchingOverload(_ function: String, _ args: [Value]) -> Value {
        .error(CELError(code: "no_matching_overload",
                        message: "no matching overload for '\(function)' applied to (\(args.map(\.kindName).joined(separator: ", ")))"))
    }

    /// The standard "no matching overload" error for `function` applied to one argument.
    public static func noMatchingOverload(_ function: String, _ a: Value) -> Value {
        noMatchingOverload(function, [a])
    }

    /// The standard "no matching overload" error for `function` applied to two arguments.
    public static func noMatchingOverload(_ function: String, _ a: Value, _ b: Value) -> Value {
        noMatchingOverload(function, [a, b])
    }

    /// The integer overflow error.
    public static func overflow(_ what: String = "integer overflow") -> Value {
        .error(CELError(code: "overflow", message: what))
    }
}

extension Value: Equatable {
    /// Structural sameness (not CEL equality): same case, same contents; NaN equals NaN;
    /// maps compare regardless of entry order; errors compare by code.
    public static func == (lhs: Value, rhs: Value) -> Bool {
        switch (lhs, rhs) {
        case (.null, .null): return true
        case let (.bool(a), .bool(b)): return a == b
        case let (.int(a), .int(b)): return a == b
        case let (.uint(a), .uint(b)): return a == b
        case let (.double(a), .double(b)): return a == b || (a.isNaN && b.isNaN)
        case let (.string(a), .string(b)): return Value.sameScalars(a, b)
        case let (.bytes(a), .bytes(b)): return a == b
        case let (.list(a), .list(b)): return a == b
        case let (.map(a), .map(b)):
            guard a.count == b.count else { return false }
            for (k, v) in a.entries {
                guard let w = b.lookup(k), v == w else { return false }
            }
            return true
        case let (.object(a), .object(b)): return a === b || (a.type === b.type && (0..<a.count).allSatisfy { a.field($0) == b.field($0) })
        case let (.type(a), .type(b)): return a.runtimeName == b.runtimeName
        case let (.timestamp(a), .timestamp(b)): return a == b
        case let (.duration(a), .duration(b)): return a == b
        case let (.error(a), .error(b)): return a.code == b.code
        case let (.unknown(a), .unknown(b)): return a == b
        default: return false
        }
    }
}

extension Value: CustomStringConvertible {
    /// A CEL-like rendering of the value, for messages and debugging.
    public var description: String {
        switch self {
        case .null: return "null"
        case .bool(let b): return b ? "true" : "false"
        case .int(let i): return String(i)
        case .uint(let u): return "\(u)u"
        case .double(let d): return d.isNaN ? "NaN" : (d.isInfinite ? (d < 0 ? "-Infinity" : "Infinity") : String(d))
        case .string(let s): return celQuoted(s)
        case .bytes(let b): return "b\"" + b.map { $0 >= 0x20 && $0 < 0x7f && $0 != 0x22 && $0 != 0x5c ? String(UnicodeScalar($0)) : "\\x" + String($0, radix: 16) }.joined() + "\""
        case .list(let l): return "[" + l.map(\.description).joined(separator: ", ") + "]"
        case .map(let m): return "{" + m.entries.map { "\($0.key): \($0.value)" }.joined(separator: ", ") + "}"
        case .object(let o):
            return o.type.name + "{" + zip(o.type.fields, o.fields).map { "\($0.0.name): \($0.1)" }.joined(separator: ", ") + "}"
        case .type(let t): return t.runtimeName
        case .timestamp(let t): return "timestamp(\"\(t.rfc3339)\")"
        case .duration(let d): return "duration(\"\(d.celString)\")"
        case .error(let e): return "error(\(e.code): \(e.message))"
        case .unknown(let u): return "unknown(\(u.paths.joined(separator: ", ")))"
        }
    }
}

/// Quotes a string as a CEL string literal (for messages).
func celQuoted(_ s: String) -> String {
    var out = "\""
    for ch in s.unicodeScalars {
        switch ch {
        case "\\": out += "\\\\"
        case "\"": out += "\\\""
        case "\n": out += "\\n"
        default: out.unicodeScalars.append(ch)
        }
    }
    return out + "\""
}
