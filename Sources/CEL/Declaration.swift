/// A name made available to expressions by an ``Environment``.
public enum Declaration: Sendable {
    /// A variable with its declared type. Variables get slots in declaration order.
    case variable(String, CELType)
    /// A constant whose value is folded at plan time; its type is taken from the value.
    case constant(String, Value)

    /// The declared (possibly qualified, e.g. `a.b`) name.
    public var name: String {
        switch self {
        case .variable(let name, _), .constant(let name, _): return name
        }
    }
}
