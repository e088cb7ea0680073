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
}
