/// An immutable CEL map. Keys are bool, int, uint or string values; int, uint and integral
/// double keys address the same entry when numerically equal (`m[1]`, `m[1u]`, `m[1.0]`).
public struct MapValue: Sendable {
    /// The entries in insertion order (keys unique in the CEL sense).
    public let entries: [(key: Value, value: Value)]
    private let index: [MapKey: Int]

    /// Creates a map from entries; a later entry whose key equals an earlier one replaces it.
    /// Entries with unsupported key kinds are dropped (use ``MapValue/make(_:)`` to validate).
    public init(_ entries: [(key: Value, value: Value)]) {
        var kept: [(key: Value, value: Value)] = []
        kept.reserveCapacity(entries.count)
        var index: [MapKey: Int] = [:]
        for entry in entries {
            guard let k = MapKey(entry.key) else { continue }
            if let at = index[k] {
                kept[at] = entry
            } else {
                index[k] = kept.count
                kept.append(entry)
            }
        }
        self.entries = kept
        self.index = index
    }

    /// Creates a map from string keys (a convenience for hosts).
    public init(strings: [(String, Value)]) {
        self.init(strings.map { (key: Value.string($0.0), value: $0.1) })
    }

    /// Builds a map as a map literal does: an error value for unsupported key kinds or
    /// repeated keys, otherwise `.map`.
    public static func make(_ entries: [(key: Value, value: Value)]) -> Value {
        var index: [MapKey: Int] = [:]
        index.reserveCapacity(entries.count)
        for (i, entry) in entries.enumerated() {
            guard let k = MapKey(entry.key) else {
                return .error("invalid_argument", "unsupported map key type: \(entry.key.kindName)")
            }
            if index[k] != nil {
                return .error("invalid_argument", "Failed with repeated key: \(entry.key)")
            }
            index[k] = i
        }
        return .map(MapValue(uncheckedEntries: entries, index: index))
    }

    private init(uncheckedEntries: [(key: Value, value: Value)], index: [MapKey: Int]) {
        self.entries = uncheckedEntries
        self.index = index
    }

    /// The number of entries.
    public var count: Int { entries.count }

    /// The value stored under `key` (numeric keys compare by value), or nil.
    public func lookup(_ key: Value) -> Value? {
        guard let k = MapKey(lookup: key), let at = index[k] else { return nil }
        return entries[at].value
    }

    /// The value stored under the string `key`, or nil.
    public func lookup(_ key: String) -> Value? {
        guard let at = index[.string(key)] else { return nil }
        return entries[at].value
    }

    /// True when `key` is present (numeric keys compare by value).
    public func contains(_ key: Value) -> Bool { lookup(key) != nil }
}

/// A normalized map key: uints that fit in Int64 are stored as ints, integral doubles as
/// ints or uints.
enum MapKey: Hashable, Sendable {
    case bool(Bool)
    case int(Int64)
    case bigUint(UInt64)
    case string(String)

    /// The key for a stored entry; nil for unsupported key kinds (double keys are rejected).
    init?(_ v: Value) {
        switch v {
        case .bool(let b): self = .bool(b)
        case .int(let i): self = .int(i)
        case .uint(let u): self = u <= UInt64(Int64.max) ? .int(Int64(u)) : .bigUint(u)
        case .string(let s): self = .string(s)
        default: return nil
        }
    }

    /// The key for a lookup, which also accepts integral doubles.
    init?(lookup v: Value) {
        if case .double(let d) = v {
            guard d.rounded(.towardZero) == d else { return nil }
            if d >= -9_223_372_036_854_775_808.0 && d < 9_223_372_036_854_775_808.0 {
                self = .int(Int64(d))
            } else if d >= 0 && d < 18_446_744_073_709_551_616.0 {
                self = .bigUint(UInt64(d))
            } else {
                return nil
            }
            return
        }
        self.init(v)
    }
}
