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
public struct FactGroup<Key: CaseIterable & RawRepresentable & Hashable & Sendable>: Sendable, Hashable
where Key.RawValue == String, Key.AllCases: RandomAccessCollection, Key.AllCases.Index == Int {
    /// Whether the group's object was present in the input.
    public var isPresent: Bool
    /// One fact per key, in `Key.allCases` order.
    public var facts: [Fact<Bool>]

    /// An absent group: every fact unknown.
    public init() {
        isPresent = false
        facts = Array(repeating: .absent, count: Key.allCases.count)
    }

    /// The fact stored for `key`.
    public subscript(key: Key) -> Fact<Bool> {
        get { facts[Key.allCases.firstIndex(of: key)!] }
        set { facts[Key.allCases.firstIndex(of: key)!] = newValue }
    }
}
