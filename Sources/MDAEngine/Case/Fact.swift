/// A scalar case fact that may be unknown.
///
/// The input contract distinguishes a field that is absent from one that is `null`; both mean
/// *unknown* (domain.md, "Three values"), and the model keeps which one it was so case systems
/// and traces can tell them apart.
public enum Fact<Value: Sendable & Hashable>: Sendable, Hashable {
    /// The field was not in the input.
    case absent
    /// The field was `null`.
    case null
    /// The field has this value.
    case known(Value)

    /// The value when known, else nil.
    public var value: Value? {
        if case .known(let v) = self { return v }
        return nil
    }

    /// Wraps an optional as known or absent.
    public init(_ value: Value?) { self = value.map { .known($0) } ?? .absent }
}

/// A fixed group of tri-state booleans (a member's `factors`, `household`, `coerciveControl`, …).
///
/// `Key` enumerates the group's JSON keys in schema order; an absent group has every fact absent.
/// The facts are packed two bits each into one word (no array to allocate per group), so a
/// group has at most 32 keys.
public struct FactGroup<Key: CaseIterable & RawRepresentable & Hashable & Sendable>: Sendable, Hashable
where Key.RawValue == String, Key.AllCases: RandomAccessCollection, Key.AllCases.Index == Int {
    /// Whether the group's object was present in the input.
    public var isPresent: Bool
    /// Fact `i` in bits `2i` and `2i + 1`: 0 absent, 1 null, 2 false, 3 true.
    private var bits: UInt64

    /// An absent group: every fact unknown.
    public init() {
        isPresent = false
        bits = 0
    }

    /// How many facts the group has (its number of keys).
    public var count: Int { Key.allCases.count }

    /// One fact per key, in `Key.allCases` order.
    public var facts: [Fact<Bool>] {
        get { (0..<count).map { self[index: $0] } }
        set {
            precondition(newValue.count == count, "a fact group has one fact per key")
            for (i, fact) in newValue.enumerated() { self[index: i] = fact }
        }
    }

    /// The fact of the key at position `index` of `Key.allCases`.
    public subscript(index index: Int) -> Fact<Bool> {
        @inline(__always) get {
            assert(index >= 0 && index < 32, "fact index out of range")
            switch bits >> UInt64(2 * index) & 3 {
            case 0: return .absent
            case 1: return .null
            case 2: return .known(false)
            default: return .known(true)
            }
        }
        @inline(__always) set {
            let code: UInt64
            switch newValue {
            case .absent: code = 0
            case .null: code = 1
            case .known(let b): code = b ? 3 : 2
            }
            let shift = UInt64(2 * index)
            bits = bits & ~(3 << shift) | code << shift
        }
    }

    /// The fact stored for `key`.
    public subscript(key: Key) -> Fact<Bool> {
        get { self[index: Key.allCases.firstIndex(of: key)!] }
        set { self[index: Key.allCases.firstIndex(of: key)!] = newValue }
    }
}
