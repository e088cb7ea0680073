/// A set of attribute paths (such as `a.b`) whose values are unknown; sorted and deduplicated.
public struct UnknownSet: Sendable, Hashable {
    /// The sorted, deduplicated paths.
    public let paths: [String]

    /// Creates a set from paths (sorted and deduplicated).
    public init(_ paths: [String]) {
        self.paths = Array(Set(paths)).sorted()
    }

    /// The union of two sets.
    public func merged(with other: UnknownSet) -> UnknownSet {
        UnknownSet(paths + other.paths)
    }
}
