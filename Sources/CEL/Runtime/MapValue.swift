/// An immutable CEL map. Keys are bool, int, uint or string values; int, uint and integral
/// double keys address the same entry when numerically equal.
public struct MapValue: Sendable {
    /// The entries in insertion order.
    public let entries: [(key: Value, value: Value)]

    /// Creates a map from entries; later duplicates replace earlier ones.
    public init(_ entries: [(key: Value, value: Value)]) {
        self.entries = entries
    }
}
