/// Equality, ordering, membership and indexing: `_==_`, `_!=_`, `_<_`, `_<=_`, `_>_`, `_>=_`,
/// `@in`, `_[_]`, `size`.
extension StandardLibrary {
    static func equals(_ a: Value, _ b: Value) -> Value { .bool(a.celEquals(b)) }
    static func notEquals(_ a: Value, _ b: Value) -> Value { .bool(!a.celEquals(b)) }

    @inline(__always)
    static func compare(_ a: Value, _ b: Value, _ name: String, _ test: (Int) -> Bool) -> Value {
        switch Value.order(a, b) {
        case .ordered(let c): return .bool(test(c))
        case .unordered: return .bool(false)
        case .incomparable: return .noMatchingOverload(name, a, b)
        }
    }

    static func less(_ a: Value, _ b: Value) -> Value { compare(a, b, "_<_") { $0 < 0 } }
    static func lessEquals(_ a: Value, _ b: Value) -> Value { compare(a, b, "_<=_") { $0 <= 0 } }
    static func greater(_ a: Value, _ b: Value) -> Value { compare(a, b, "_>_") { $0 > 0 } }
    static func greaterEquals(_ a: Value, _ b: Value) -> Value { compare(a, b, "_>=_") { $0 >= 0 } }

    /// `elem in container`.
    static func inContainer(_ elem: Value, _ container: Value) -> Value {
        switch container {
        case .list(let items):
            // Only strings equal a string: compare those directly (`celEquals` per element
            // otherwise). `contains` lends each element to the predicate (a `for` loop copied each).
            if case .string(let s) = elem {
                return .bool(items.contains {
                    if case .string(let t) = $0 { return Value.sameScalars(t, s) }
                    return false
                })
            }
            return .bool(items.contains { $0.celEquals(elem) })
        case .map(let m):
            return .bool(m.contains(elem))
        default:
            return .noMatchingOverload("@in", elem, container)
        }
    }

    /// `container[key]`.
    static func index(_ container: Value, _ key: Value) -> Value {
        switch container {
        case .list(let items):
            let i: Int64
            switch key {
            case .int(let x): i = x
            case .uint(let x):
                guard x <= UInt64(Int64.max) else { return .error("index_out_of_range", "index out of bounds: \(x)") }
                i = Int64(x)
            case .double(let d):
                guard d.rounded(.towardZero) == d, abs(d) < 9.2e18 else {
                    return .error("invalid_argument", "unsupported index value: \(d)")
                }
                i = Int64(d)
            default: return .noMatchingOverload("_[_]", container, key)
            }
            guard i >= 0, i < Int64(items.count) else {
                return .error("index_out_of_range", "index out of bounds: \(i)")
            }
            return items[Int(i)]
        case .map(let m):
            switch key {
            case .bool, .int, .uint, .string, .double:
                if let v = m.lookup(key) { return v }
                return .error("no_such_key", "no such key: \(key)")
            default:
                return .noMatchingOverload("_[_]", container, key)
            }
        default:
            return .noMatchingOverload("_[_]", container, key)
        }
    }

    static func size(_ a: Value) -> Value {
        switch a {
        case .string(let s): return .int(Int64(s.unicodeScalars.count))
        case .bytes(let b): return .int(Int64(b.count))
        case .list(let l): return .int(Int64(l.count))
        case .map(let m): return .int(Int64(m.count))
        default: return .noMatchingOverload("size", a)
        }
    }
}

extension StandardLibrary {
    /// `cel.@mapInsert(map, key, value)` and `cel.@mapInsert(map, otherMap)`: a new map with the
    /// entries added; an error when a key is already present.
    static func mapInsert(_ args: [Value]) -> Value {
        guard case .map(let m) = args.first else { return .noMatchingOverload("cel.@mapInsert", args) }
        var added: [(key: Value, value: Value)]
        switch args.count {
        case 3: added = [(args[1], args[2])]
        case 2:
            guard case .map(let other) = args[1] else { return .noMatchingOverload("cel.@mapInsert", args) }
            added = other.entries
        default: return .noMatchingOverload("cel.@mapInsert", args)
        }
        for (k, _) in added where m.contains(k) {
            return .error("invalid_argument", "insert failed: key \(k) already exists")
        }
        return MapValue.make(m.entries + added)
    }
}
