/// Allocates expression ids (from 1, in creation order) and records each node's source offset.
///
/// Shared by the parser and the macro expander so that every node of a parsed expression,
/// including macro-generated ones, has a unique id and a position.
struct ExprFactory {
    /// The id the next node gets.
    private(set) var nextID = 1
    /// UTF-8 offset per node id.
    private(set) var positions: [Int: Int] = [:]

    /// Reserves a fresh id positioned at `offset`.
    mutating func newID(at offset: Int) -> Int {
        let id = nextID
        nextID += 1
        positions[id] = offset
        return id
    }

    /// Creates a node of `kind` positioned at `offset`.
    mutating func make(_ kind: ExprKind, at offset: Int) -> Expr {
        Expr(id: newID(at: offset), kind)
    }

    /// A call of the global function `function`.
    mutating func call(_ function: String, _ args: [Expr], at offset: Int) -> Expr {
        make(.call(target: nil, function: function, args: args), at: offset)
    }

    /// An identifier node.
    mutating func ident(_ name: String, at offset: Int) -> Expr {
        make(.ident(name), at: offset)
    }

    /// A literal node.
    mutating func literal(_ value: Literal, at offset: Int) -> Expr {
        make(.literal(value), at: offset)
    }

    /// The position of an existing node, if recorded.
    func position(of expr: Expr) -> Int? { positions[expr.id] }
}
