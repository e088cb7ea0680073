import Foundation

/// CEL equality and ordering of values.
extension Value {
    /// CEL equality: numbers compare by numeric value across int, uint and double (NaN is
    /// never equal), lists and maps element-wise, objects field-wise, types by name; values
    /// of different kinds are unequal.
    public func celEquals(_ other: Value) -> Bool {
        // Strings first, without building the `(self, other)` tuple below: switching over the
        // tuple copies (retains and releases) both payloads, and string comparisons (`==`, `in`
        // on lists of codes) are the most frequent ones in rules.
        if case .string(let a) = self {
            if case .string(let b) = other { return Value.sameScalars(a, b) }
            return false
        }
        switch (self, other) {
        case (.null, .null): return true
        case let (.bool(a), .bool(b)): return a == b
        case let (.int(a), .int(b)): return a == b
        case let (.uint(a), .uint(b)): return a == b
        case let (.double(a), .double(b)): return a == b
        case (.int, .uint), (.uint, .int), (.int, .double), (.double, .int), (.uint, .double), (.double, .uint):
            return Value.compareNumbers(self, other) == 0
        case let (.string(a), .string(b)): return Value.sameScalars(a, b)
        case let (.bytes(a), .bytes(b)): return a == b
        case let (.list(a), .list(b)):
            guard a.count == b.count else { return false }
            for i in a.indices where !a[i].celEquals(b[i]) { return false }
            return true
        case let (.map(a), .map(b)):
            guard a.count == b.count else { return false }
            for (k, v) in a.entries {
                guard let w = b.lookup(k), v.celEquals(w) else { return false }
            }
            return true
        case let (.object(a), .object(b)):
            if a === b { return true }
            guard a.type === b.type else { return false }
            for i in 0..<a.count where !a.field(i).celEquals(b.field(i)) { return false }
            return true
        case let (.type(a), .type(b)): return a.runtimeName == b.runtimeName && Value.sameTypeIdentity(a, b)
        case let (.timestamp(a), .timestamp(b)): return a == b
        case let (.duration(a), .duration(b)): return a == b
        default: return false
        }
    }

    /// String equality by code points (no Unicode normalization, unlike Swift's `==`).
    @inline(__always)
    static func sameScalars(_ a: String, _ b: String) -> Bool {
        // The UTF-8 count is stored in native and small strings: unequal lengths need no bytes.
        let n = a.utf8.count
        guard n == b.utf8.count else { return false }
        if n == 0 { return true }
        // Native and small strings lend their bytes as they are (`withUTF8` on copies of the
        // arguments retained and released both).
        let same = a.utf8.withContiguousStorageIfAvailable { p in
            b.utf8.withContiguousStorageIfAvailable { q in memcmp(p.baseAddress!, q.baseAddress!, n) == 0 }
        }
        if let same, let same { return same }
        return a.utf8.elementsEqual(b.utf8)
    }

    private static func sameTypeIdentity(_ a: CELType, _ b: CELType) -> Bool {
        if case .object(let x) = a, case .object(let y) = b { return x.name == y.name }
        return true
    }

    /// Compares two numbers (int, uint, double) by value: -1, 0 or 1; nil when either is
    /// NaN or not a number.
    public static func compareNumbers(_ a: Value, _ b: Value) -> Int? {
        switch (a, b) {
        case let (.int(x), .int(y)): return x < y ? -1 : (x == y ? 0 : 1)
        case let (.uint(x), .uint(y)): return x < y ? -1 : (x == y ? 0 : 1)
        case let (.double(x), .double(y)):
            if x.isNaN || y.isNaN { return nil }
            return x < y ? -1 : (x == y ? 0 : 1)
        case let (.int(x), .uint(y)):
            if x < 0 { return -1 }
            let ux = UInt64(x)
            return ux < y ? -1 : (ux == y ? 0 : 1)
        case let (.uint(x), .int(y)):
            if y < 0 { return 1 }
            let uy = UInt64(y)
            return x < uy ? -1 : (x == uy ? 0 : 1)
        case let (.int(x), .double(y)): return compareIntDouble(x, y)
        case let (.double(x), .int(y)): return compareIntDouble(y, x).map { -$0 }
        case let (.uint(x), .double(y)): return compareUintDouble(x, y)
        case let (.double(x), .uint(y)): return compareUintDouble(y, x).map { -$0 }
        default: return nil
        }
    }

    /// int vs double compares the int converted to double (as cel-go does: lossy for
    /// magnitudes above 2^53, which the conformance suite expects).
    static func compareIntDouble(_ i: Int64, _ d: Double) -> Int? {
        if d.isNaN { return nil }
        let x = Double(i)
        return x < d ? -1 : (x == d ? 0 : 1)
    }

    /// uint vs double compares the uint converted to double (as cel-go does).
    static func compareUintDouble(_ u: UInt64, _ d: Double) -> Int? {
        if d.isNaN { return nil }
        let x = Double(u)
        return x < d ? -1 : (x == d ? 0 : 1)
    }

    /// CEL ordering for `<`, `<=`, `>`, `>=`: -1, 0 or 1 for comparable values (numbers across
    /// kinds, strings, bytes, bools, timestamps, durations); nil when NaN is involved; an error
    /// value (via `.failure`) when the kinds are not comparable.
    static func order(_ a: Value, _ b: Value) -> OrderResult {
        switch (a, b) {
        case (.int, _), (.uint, _), (.double, _):
            switch b {
            case .int, .uint, .double:
                guard let c = compareNumbers(a, b) else { return .unordered }
                return .ordered(c)
            default: return .incomparable
            }
        case let (.string(x), .string(y)):
            // CEL orders strings by Unicode code points.
            if x == y { return .ordered(0) }
            return .ordered(x.unicodeScalars.lexicographicallyPrecedes(y.unicodeScalars, by: { $0.value < $1.value }) ? -1 : 1)
        case let (.bytes(x), .bytes(y)):
            if x == y { return .ordered(0) }
            return .ordered(x.lexicographicallyPrecedes(y) ? -1 : 1)
        case let (.bool(x), .bool(y)):
            return .ordered(x == y ? 0 : (!x ? -1 : 1))
        case let (.timestamp(x), .timestamp(y)):
            return .ordered(x < y ? -1 : (x == y ? 0 : 1))
        case let (.duration(x), .duration(y)):
            return .ordered(x < y ? -1 : (x == y ? 0 : 1))
        default:
            return .incomparable
        }
    }

    /// The outcome of ``Value/order(_:_:)``.
    enum OrderResult {
        case ordered(Int)
        case unordered
        case incomparable
    }
}
