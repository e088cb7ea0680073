/// A CEL type, as used by the checker and as the value of `type(x)`.
public indirect enum CELType: Sendable, Hashable, CustomStringConvertible {
    case int, uint, double, bool, string, bytes, null
    /// The dynamic type: anything, checked at run time.
    case dyn
    case list(CELType)
    case map(CELType, CELType)
    /// The type of types; `type(int)` is `.type(.int)`; the bare type `type` is `.type(nil)`.
    case type(CELType?)
    case timestamp, duration
    /// A host record type (see ``ObjectType``).
    case object(ObjectType)
    /// A type parameter of a generic overload, e.g. `A` in `size(list(A)) -> int`.
    case typeParam(String)
    /// The type of an erroneous expression (checker only).
    case error

    /// The CEL name of the type, e.g. `list(int)`, `map(string, dyn)`, `null_type`.
    public var description: String {
        switch self {
        case .int: return "int"
        case .uint: return "uint"
        case .double: return "double"
        case .bool: return "bool"
        case .string: return "string"
        case .bytes: return "bytes"
        case .null: return "null_type"
        case .dyn: return "dyn"
        case .list(let e): return "list(\(e))"
        case .map(let k, let v): return "map(\(k), \(v))"
        case .type(let t): return t.map { "type(\($0))" } ?? "type"
        case .timestamp: return "google.protobuf.Timestamp"
        case .duration: return "google.protobuf.Duration"
        case .object(let o): return o.name
        case .typeParam(let n): return n
        case .error: return "*error*"
        }
    }

    /// The runtime type name used by `type(x)` values and their equality: `int`, `list`, `map`, …
    public var runtimeName: String {
        switch self {
        case .list: return "list"
        case .map: return "map"
        case .type: return "type"
        default: return description
        }
    }
}

/// A host-defined record type with a fixed, ordered list of fields.
///
/// The checker resolves `x.field` on a value of this type to a field index at compile time, so
/// evaluation selects by index without any string lookup.
public final class ObjectType: Sendable, Hashable, CustomStringConvertible {
    /// The type's qualified name.
    public let name: String
    /// The fields, in storage order.
    public let fields: [(name: String, type: CELType)]
    private let indexByName: [String: Int]

    /// Creates a record type. Field names must be unique.
    public init(name: String, fields: [(name: String, type: CELType)]) {
        self.name = name
        self.fields = fields
        var index: [String: Int] = [:]
        for (i, field) in fields.enumerated() { index[field.name] = i }
        self.indexByName = index
    }

    /// The storage index of the field called `name`, or nil.
    public func index(of name: String) -> Int? { indexByName[name] }

    public var description: String { name }

    public static func == (lhs: ObjectType, rhs: ObjectType) -> Bool { lhs === rhs }
    public func hash(into hasher: inout Hasher) { hasher.combine(ObjectIdentifier(self)) }
}
