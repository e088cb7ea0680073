/// Type conversions: `int`, `uint`, `double`, `string`, `bytes`, `bool`, `dyn`, `type`,
/// `timestamp`, `duration`.
extension StandardLibrary {
    static func toInt(_ a: Value) -> Value {
        switch a {
        case .int: return a
        case .uint(let u):
            return u <= UInt64(Int64.max) ? .int(Int64(u)) : .error("range", "integer overflow converting \(u)u to int")
        case .double(let d):
            guard d.isFinite, d > -9_223_372_036_854_775_808.0, d < 9_223_372_036_854_775_807.0 else {
                return .error("range", "double \(d) out of int range")
            }
            return .int(Int64(d))
        case .string(let s):
            guard let i = Int64(s) else { return .error("invalid_argument", "cannot convert \(celQuoted(s)) to int") }
            return .int(i)
        case .timestamp(let t): return .int(t.seconds)
        default: return .noMatchingOverload("int", a)
        }
    }

    static func toUint(_ a: Value) -> Value {
        switch a {
        case .uint: return a
        case .int(let i):
            return i >= 0 ? .uint(UInt64(i)) : .error("range", "negative int \(i) out of uint range")
        case .double(let d):
            guard d.isFinite, d >= 0, d < 18_446_744_073_709_551_616.0 else {
                return .error("range", "double \(d) out of uint range")
            }
            return .uint(UInt64(d))
        case .string(let s):
            guard let u = UInt64(s) else { return .error("invalid_argument", "cannot convert \(celQuoted(s)) to uint") }
            return .uint(u)
        default: return .noMatchingOverload("uint", a)
        }
    }

    static func toDouble(_ a: Value) -> Value {
        switch a {
        case .double: return a
        case .int(let i): return .double(Double(i))
        case .uint(let u): return .double(Double(u))
        case .string(let s):
            guard let d = Double(s) else { return .error("invalid_argument", "cannot convert \(celQuoted(s)) to double") }
            return .double(d)
        default: return .noMatchingOverload("double", a)
        }
    }

    static func toString(_ a: Value) -> Value {
        switch a {
        case .string: return a
        case .int(let i): return .string(String(i))
        case .uint(let u): return .string(String(u))
        case .double(let d): return .string(formatDouble(d))
        case .bool(let b): return .string(b ? "true" : "false")
        case .bytes(let b):
            guard let s = String(validating: b, as: UTF8.self) else {
                return .error("invalid_argument", "invalid UTF-8 in bytes")
            }
            return .string(s)
        case .timestamp(let t): return .string(t.rfc3339)
        case .duration(let d): return .string(d.celString)
        default: return .noMatchingOverload("string", a)
        }
    }

    static func toBytes(_ a: Value) -> Value {
        switch a {
        case .bytes: return a
        case .string(let s): return .bytes(Array(s.utf8))
        default: return .noMatchingOverload("bytes", a)
        }
    }

    static func toBool(_ a: Value) -> Value {
        switch a {
        case .bool: return a
        case .string(let s):
            switch s {
            case "1", "t", "T", "true", "TRUE", "True": return .bool(true)
            case "0", "f", "F", "false", "FALSE", "False": return .bool(false)
            default: return .error("invalid_argument", "cannot convert \(celQuoted(s)) to bool")
            }
        default: return .noMatchingOverload("bool", a)
        }
    }

    static func typeOf(_ a: Value) -> Value { .type(a.celType) }

    static func toTimestamp(_ a: Value) -> Value {
        switch a {
        case .timestamp: return a
        case .string(let s):
            guard let t = Timestamp.parse(s) else { return .error("invalid_argument", "invalid timestamp \(celQuoted(s))") }
            return t.checked
        case .int(let i): return Timestamp(seconds: i).checked
        default: return .noMatchingOverload("timestamp", a)
        }
    }

    static func toDuration(_ a: Value) -> Value {
        switch a {
        case .duration: return a
        case .string(let s):
            guard let d = Duration.parse(s) else { return .error("invalid_argument", "invalid duration \(celQuoted(s))") }
            return d.isValid ? .duration(d) : .error("range", "duration out of range")
        case .int(let i): return Duration.normalized(seconds: i, nanos: 0)
        default: return .noMatchingOverload("duration", a)
        }
    }

    /// Formats a double like Go's `%g` (as cel-go's `string(double)` does): the shortest
    /// round-trip digits, in exponent form when the decimal exponent is < -4 or >= 6.
    static func formatDouble(_ d: Double) -> String {
        if d.isNaN { return "NaN" }
        if d.isInfinite { return d < 0 ? "-Inf" : "+Inf" }
        if d == 0 { return d.sign == .minus ? "-0" : "0" }
        // Shortest round-trip digits and decimal exponent from Swift's description.
        let text = "\(d.magnitude)"
        var mantissa = text
        var exp = 0
        if let e = text.firstIndex(where: { $0 == "e" || $0 == "E" }) {
            mantissa = String(text[..<e])
            exp = Int(text[text.index(after: e)...]) ?? 0
        }
        let parts = mantissa.split(separator: ".", omittingEmptySubsequences: false)
        let intPart = String(parts[0])
        let fracPart = parts.count > 1 ? String(parts[1]) : ""
        var digits = intPart + fracPart
        var pointPos = intPart.count + exp // digits before the decimal point
        // Strip leading zeros.
        while digits.hasPrefix("0") && digits.count > 1 { digits.removeFirst(); pointPos -= 1 }
        while digits.hasSuffix("0") && digits.count > 1 { digits.removeLast() }
        let sign = d < 0 ? "-" : ""
        let x = pointPos - 1 // scientific exponent
        if x < -4 || x >= 6 {
            var m = String(digits.first!)
            if digits.count > 1 { m += "." + digits.dropFirst() }
            let ex = abs(x) < 10 ? "0\(abs(x))" : "\(abs(x))"
            return sign + m + "e" + (x < 0 ? "-" : "+") + ex
        }
        if pointPos <= 0 {
            return sign + "0." + String(repeating: "0", count: -pointPos) + digits
        }
        if pointPos >= digits.count {
            return sign + digits + String(repeating: "0", count: pointPos - digits.count)
        }
        let idx = digits.index(digits.startIndex, offsetBy: pointPos)
        return sign + digits[..<idx] + "." + digits[idx...]
    }
}
