/// A runtime error carried as a value: a stable code, a human message and the id of the
/// expression node that produced it.
public struct CELError: Error, Sendable, Hashable {
    /// A stable, machine-readable code such as `division_by_zero` or `no_matching_overload`.
    public var code: String
    /// A human-readable description.
    public var message: String
    /// The id of the expression node that raised the error, when known.
    public var exprID: Int?

    /// Creates an error.
    public init(code: String, message: String, exprID: Int? = nil) {
        self.code = code
        self.message = message
        self.exprID = exprID
    }
}
