/// A CEL runtime value.
///
/// Errors and unknowns are ordinary values: evaluation never throws. Equality between values
/// follows CEL (see ``Value/celEquals(_:)``); Swift `==` on `Value` is structural identity used
/// for tests and hashing of constants.
public enum Value: Sendable {
    /// The `null` value.
    case null
    /// A boolean.
    case bool(Bool)
    /// A 64-bit signed integer.
    case int(Int64)
    /// A 64-bit unsigned integer.
    case uint(UInt64)
    /// An IEEE 754 double.
    case double(Double)
    /// A Unicode string.
    case string(String)
    /// A byte sequence.
    case bytes([UInt8])
    /// A list of values.
    case list([Value])
    /// A map with bool, int, uint or string keys.
    case map(MapValue)
    /// A typed host record.
    case object(ObjectValue)
    /// A type value, as produced by `type(x)` or a type name such as `int`.
    case type(CELType)
    /// A point in time (UTC).
    case timestamp(Timestamp)
    /// A signed span of time.
    case duration(Duration)
    /// A runtime error.
    case error(CELError)
    /// A set of attribute paths whose values are not known.
    case unknown(UnknownSet)
}
