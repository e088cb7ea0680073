import CEL

/// One conformance test: an expression, its environment and the expected outcome.
public struct ConformanceCase: Sendable {
    /// The expected outcome of a test.
    public enum Expected: Sendable {
        /// Evaluation succeeds with this value.
        case value(Value)
        /// Parsing, checking or evaluation fails (the message is informative only).
        case error(String)
        /// Any of these values.
        case anyOf([Value])
    }

    /// Source file name without extension, e.g. `basic`.
    public let file: String
    /// Section inside the file.
    public let section: String
    /// Test name (unique within file and section).
    public let name: String
    /// The CEL source.
    public let expr: String
    /// Evaluate without type-checking.
    public let disableCheck: Bool
    /// Container for name resolution ("" for none).
    public let container: String
    /// Variable values by name.
    public let bindings: [String: Value]
    /// Declared variable types (in file order).
    public let typeEnv: [(name: String, type: CELType)]
    /// The expected outcome.
    public let expected: Expected

    /// `file/section/name`.
    public var id: String { "\(file)/\(section)/\(name)" }

    /// Creates a test case.
    public init(file: String, section: String, name: String, expr: String, disableCheck: Bool, container: String,
                bindings: [String: Value], typeEnv: [(name: String, type: CELType)], expected: Expected) {
        self.file = file
        self.section = section
        self.name = name
        self.expr = expr
        self.disableCheck = disableCheck
        self.container = container
        self.bindings = bindings
        self.typeEnv = typeEnv
        self.expected = expected
    }
}
