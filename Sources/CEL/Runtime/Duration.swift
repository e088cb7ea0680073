/// A CEL duration: a signed span of seconds and nanoseconds (same sign), within ±10000 years.
public struct Duration: Sendable, Hashable {
    /// Whole seconds.
    public var seconds: Int64
    /// Nanoseconds, with the same sign as `seconds`, |nanos| < 1_000_000_000.
    public var nanos: Int32

    /// Creates a duration (not range-checked).
    public init(seconds: Int64, nanos: Int32 = 0) {
        self.seconds = seconds
        self.nanos = nanos
    }
}
