/// A CEL timestamp: seconds and nanoseconds since the Unix epoch, UTC, within
/// 0001-01-01T00:00:00Z ... 9999-12-31T23:59:59.999999999Z.
public struct Timestamp: Sendable, Hashable {
    /// Whole seconds since 1970-01-01T00:00:00Z.
    public var seconds: Int64
    /// Nanoseconds within the second, 0..<1_000_000_000.
    public var nanos: Int32

    /// Creates a timestamp (not range-checked).
    public init(seconds: Int64, nanos: Int32 = 0) {
        self.seconds = seconds
        self.nanos = nanos
    }
}
