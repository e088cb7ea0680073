/// A JSON value as defined by RFC 8259.
///
/// Numbers keep their exact source text (see ``JSONNumber``) and objects keep their members in
/// source order, duplicates included (see ``JSONObject``), so a value read by ``JSONReader`` and
/// written again by ``JSONWriter`` reproduces every number and string exactly.
///
/// Equality is structural and exact: numbers compare by their text (`1.0` is not `1`) and
/// objects compare member by member, in order.
public enum JSONValue: Sendable, Equatable {
    /// The literal `null`.
    case null
    /// The literal `true` or `false`.
    case bool(Bool)
    /// A number, kept as its exact text.
    case number(JSONNumber)
    /// A string.
    case string(String)
    /// An array of values.
    case array([JSONValue])
    /// An object: members in order, duplicate keys preserved.
    case object(JSONObject)

    /// Whether the value is `null`.
    public var isNull: Bool {
        if case .null = self { return true }
        return false
    }

    /// The Boolean, when the value is `true` or `false`; otherwise `nil`.
    public var boolValue: Bool? {
        if case .bool(let value) = self { return value }
        return nil
    }

    /// The number, when the value is a number; otherwise `nil`.
    public var numberValue: JSONNumber? {
        if case .number(let value) = self { return value }
        return nil
    }

    /// The string, when the value is a string; otherwise `nil`.
    public var stringValue: String? {
        if case .string(let value) = self { return value }
        return nil
    }

    /// The elements, when the value is an array; otherwise `nil`.
    public var arrayValue: [JSONValue]? {
        if case .array(let value) = self { return value }
        return nil
    }

    /// The object, when the value is an object; otherwise `nil`.
    public var objectValue: JSONObject? {
        if case .object(let value) = self { return value }
        return nil
    }

    /// The value of the first member named `key`, when the value is an object that has one.
    ///
    /// - Parameter key: The member name, compared exactly (no Unicode normalisation).
    /// - Returns: The member's value, or `nil` when the value is not an object or has no such member.
    public subscript(key: String) -> JSONValue? {
        if case .object(let object) = self { return object[key] }
        return nil
    }

    /// The element at `index`, when the value is an array and the index is in range.
    ///
    /// - Parameter index: A zero-based index.
    /// - Returns: The element, or `nil` when the value is not an array or the index is out of range.
    public subscript(index: Int) -> JSONValue? {
        if case .array(let elements) = self, elements.indices.contains(index) { return elements[index] }
        return nil
    }

    /// The name of the value's JSON type: `null`, `boolean`, `number`, `string`, `array` or `object`.
    public var typeName: String {
        switch self {
        case .null: return "null"
        case .bool: return "boolean"
        case .number: return "number"
        case .string: return "string"
        case .array: return "array"
        case .object: return "object"
        }
    }
}
