/// A compiled expression: the (macro-expanded, name-resolved) tree plus everything the checker
/// learned about it. Produced by ``Environment/compile(_:)``; consumed by the planner.
public struct CheckedAST: Sendable {
    /// The expression tree. When checked, qualified variable names are rewritten to single
    /// `.ident` nodes and namespaced function calls to global calls.
    public let expr: Expr
    /// Source text and the position of every node id.
    public let sourceInfo: SourceInfo
    /// The checked type of every node id; empty when unchecked.
    public let types: [Int: CELType]
    /// Resolution of ident, select and call nodes by id; empty when unchecked.
    public let references: [Int: Reference]
    /// The variables, constants and functions the expression refers to (resolved names).
    public let referencedNames: Set<String>
    /// The type of the whole expression (`dyn` when unchecked).
    public let outputType: CELType
    /// False when compiled with ``Environment/Options/disableCheck``.
    public let isChecked: Bool

    /// Creates a compiled expression.
    public init(expr: Expr, sourceInfo: SourceInfo, types: [Int: CELType], references: [Int: Reference],
                referencedNames: Set<String>, outputType: CELType, isChecked: Bool) {
        self.expr = expr
        self.sourceInfo = sourceInfo
        self.types = types
        self.references = references
        self.referencedNames = referencedNames
        self.outputType = outputType
        self.isChecked = isChecked
    }

    /// The checked type of the node with `id`, if known.
    public func type(of id: Int) -> CELType? { types[id] }
}
