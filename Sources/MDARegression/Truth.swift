/// A three-valued expectation: `true`, `false`, or unknown (`null` in JSON).
public enum Truth: String, Sendable, Hashable, CustomStringConvertible {
    /// Known true.
    case `true`
    /// Known false.
    case `false`
    /// Unknown (written `null`).
    case unknown = "null"

    /// Converts an optional Boolean (`nil` is unknown).
    public init(_ value: Bool?) {
        switch value {
        case .some(true): self = .true
        case .some(false): self = .false
        case .none: self = .unknown
        }
    }

    /// `true`, `false` or `null`, as in the fixture.
    public var description: String { rawValue }
}
