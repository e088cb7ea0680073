/// The result of parsing (and macro-expanding) a CEL expression, before type checking.
public struct ParsedAST: Sendable {
    /// The expression tree; macros are already expanded.
    public let expr: Expr
    /// Source text and the position of every node id.
    public let sourceInfo: SourceInfo
    /// The largest node id in use (ids run from 1 to `maxID`).
    public let maxID: Int

    /// Creates a parsed expression.
    public init(expr: Expr, sourceInfo: SourceInfo, maxID: Int) {
        self.expr = expr
        self.sourceInfo = sourceInfo
        self.maxID = maxID
    }
}
