/// One signature of a function, with its implementation.
public struct Overload: Sendable {
    /// A unique id such as `add_int64` or `size_string`.
    public let id: String
    /// True for receiver-style calls `target.f(args)`; the receiver is `args[0]`.
    public let receiver: Bool
    /// The parameter types (receiver first for receiver-style overloads); may use `.typeParam`.
    public let params: [CELType]
    /// The result type.
    public let result: CELType
    /// The implementation.
    public let impl: @Sendable ([Value]) -> Value

    /// Creates an overload.
    public init(id: String, receiver: Bool = false, params: [CELType], result: CELType,
                impl: @escaping @Sendable ([Value]) -> Value) {
        self.id = id
        self.receiver = receiver
        self.params = params
        self.result = result
        self.impl = impl
    }

    /// True when the run-time kinds of `args` fit the parameter types (type parameters and
    /// `dyn` accept anything; element types of lists and maps are not inspected).
    func accepts(_ args: [Value]) -> Bool {
        guard args.count == params.count else { return false }
        for (a, p) in zip(args, params) where !Overload.kind(a, fits: p) { return false }
        return true
    }

    static func kind(_ v: Value, fits t: CELType) -> Bool {
        switch (t, v) {
        case (.dyn, _), (.typeParam, _): return true
        case (.int, .int), (.uint, .uint), (.double, .double), (.bool, .bool), (.string, .string),
             (.bytes, .bytes), (.null, .null), (.list, .list), (.map, .map), (.type, .type),
             (.timestamp, .timestamp), (.duration, .duration): return true
        case let (.object(ot), .object(ov)): return ot === ov.type || ot.name == ov.type.name
        default: return false
        }
    }
}
