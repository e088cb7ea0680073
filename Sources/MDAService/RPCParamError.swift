/// One problem with a request's `params` (not with the case inside them), written like a case
/// input error as `{"path", "code", "message"}` with a JSON Pointer into the request (`/params/lang`).
public struct RPCParamError: Sendable, Equatable {
    /// The codes of parameter problems; the raw value is the wire code.
    public enum Code: String, Sendable, CaseIterable {
        /// A required parameter is absent or `null`.
        case missing
        /// A parameter has the wrong JSON type (or `params` is a non-empty array).
        case type
        /// A string parameter is not one of its allowed values.
        case `enum`
        /// A number parameter is out of range.
        case range
        /// The method does not take a parameter of this name.
        case unknownParam = "unknown_param"
        /// A parameter name occurs twice in `params`.
        case duplicateParam = "duplicate_param"
    }

    /// JSON Pointer into the request object, starting with `/params`.
    public var path: String
    /// What is wrong.
    public var code: Code
    /// A message that names no input value.
    public var message: String

    /// Creates a parameter problem.
    ///
    /// - Parameters:
    ///   - path: JSON Pointer into the request object.
    ///   - code: What is wrong.
    ///   - message: A message that names no input value.
    public init(path: String, code: Code, message: String) {
        self.path = path
        self.code = code
        self.message = message
    }
}
