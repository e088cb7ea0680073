/// An invalid ``Environment`` configuration, such as a name declared twice.
public struct CELEnvironmentError: Error, Sendable, Hashable, CustomStringConvertible {
    /// A stable code: `duplicate_declaration`, `duplicate_overload` or `invalid_name`.
    public var code: String
    /// A human-readable description.
    public var message: String

    /// Creates the error.
    public init(code: String, message: String) {
        self.code = code
        self.message = message
    }

    /// `code: message`.
    public var description: String { "\(code): \(message)" }
}
