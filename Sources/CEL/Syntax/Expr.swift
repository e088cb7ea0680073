/// A node of a parsed CEL expression.
///
/// Every node carries an `id` unique within its expression. The id is the join key for source
/// positions (``SourceInfo``), checked types, recorded values during evaluation, traces and
/// coverage. Operators are calls of the standard operator functions (`_+_`, `_&&_`, `_?_:_`,
/// `_[_]`, `!_`, `-_`, `@in`, `_==_`, …) as in the CEL specification; macros are already
/// expanded (into comprehensions, or into calls of internal functions whose names start with `@`).
public struct Expr: Sendable, Hashable {
    /// The node's id, unique within one parsed expression; 0 is never used.
    public var id: Int
    /// What the node is.
    public var kind: ExprKind

    /// Creates a node.
    public init(id: Int, _ kind: ExprKind) {
        self.id = id
        self.kind = kind
    }
}

/// The shape of an ``Expr`` node.
public indirect enum ExprKind: Sendable, Hashable {
    /// A constant written in the source.
    case literal(Literal)
    /// A (possibly dotted, after resolution) identifier, e.g. `x`, or `a.b.c` once the checker
    /// resolved a qualified name.
    case ident(String)
    /// Field selection `operand.field`; `testOnly` is true for the `has(operand.field)` macro.
    case select(operand: Expr, field: String, testOnly: Bool)
    /// A function call: `function(args)` or, with a target, `target.function(args)`.
    case call(target: Expr?, function: String, args: [Expr])
    /// A list literal `[e1, e2, …]`.
    case list([Expr])
    /// A map literal `{k1: v1, …}`.
    case map([MapEntry])
    /// A comprehension produced by macro expansion.
    case comprehension(Comprehension)
}

/// One `key: value` entry of a map literal.
public struct MapEntry: Sendable, Hashable {
    /// The entry's id (for positions of duplicate-key errors).
    public var id: Int
    /// The key expression.
    public var key: Expr
    /// The value expression.
    public var value: Expr

    /// Creates an entry.
    public init(id: Int, key: Expr, value: Expr) {
        self.id = id
        self.key = key
        self.value = value
    }
}

/// A fold over a list or map, the target of every iterating macro.
///
/// Semantics (CEL specification): `accuVar = accuInit`; for each element of `iterRange`
/// (for a list: `iterVar` = element, or with two variables `iterVar` = index and `iterVar2` =
/// element; for a map: `iterVar` = key, or `iterVar` = key and `iterVar2` = value), while
/// `loopCondition` is not strictly false, `accuVar = loopStep`; finally the value of `result`.
public struct Comprehension: Sendable, Hashable {
    /// The first iteration variable.
    public var iterVar: String
    /// The second iteration variable of two-variable macros, or nil.
    public var iterVar2: String?
    /// The list or map iterated over.
    public var iterRange: Expr
    /// The accumulator's name.
    public var accuVar: String
    /// The accumulator's initial value.
    public var accuInit: Expr
    /// Evaluated before each step; iteration stops when it is `false`.
    public var loopCondition: Expr
    /// The accumulator's next value.
    public var loopStep: Expr
    /// The comprehension's value, computed from the accumulator.
    public var result: Expr

    /// Creates a comprehension.
    public init(iterVar: String, iterVar2: String? = nil, iterRange: Expr, accuVar: String, accuInit: Expr,
                loopCondition: Expr, loopStep: Expr, result: Expr) {
        self.iterVar = iterVar
        self.iterVar2 = iterVar2
        self.iterRange = iterRange
        self.accuVar = accuVar
        self.accuInit = accuInit
        self.loopCondition = loopCondition
        self.loopStep = loopStep
        self.result = result
    }
}

/// A literal constant.
public enum Literal: Sendable, Hashable {
    case null
    case bool(Bool)
    case int(Int64)
    case uint(UInt64)
    case double(Double)
    case string(String)
    case bytes([UInt8])
}
