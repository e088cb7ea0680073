/// One problem in a case document, at a JSON Pointer path.
///
/// Messages describe the problem without quoting the offending value: case data is personal
/// data and must not leak into logs through error messages.
public struct InputError: Error, Sendable, Hashable {
    /// RFC 6901 JSON Pointer to the offending element (`""` is the whole document).
    public var path: String
    /// A stable machine-readable code (see ``Code``).
    public var code: Code
    /// A human-readable explanation that names no input value.
    public var message: String

    /// Creates an input error.
    public init(path: String, code: Code, message: String) {
        self.path = path
        self.code = code
        self.message = message
    }

    /// The error codes of the input contract (case-schema.md).
    public enum Code: String, Sendable, CaseIterable {
        case missing, type, `enum`, date, range
        case duplicateId = "duplicate_id", unknownMember = "unknown_member"
        case dateAfterReference = "date_after_reference", schema
        case notJSON = "not_json"
    }
}

/// Every problem found in one case document; a case with any is rejected whole.
public struct InputErrors: Error, Sendable, Hashable {
    /// The problems, in document order.
    public var errors: [InputError]

    /// Wraps a list of problems.
    public init(_ errors: [InputError]) { self.errors = errors }
}
