/// What an identifier, selection or call in a checked expression refers to (keyed by node id in
/// ``CheckedAST/references``); the planner uses it instead of resolving names at run time.
public enum Reference: Sendable, Hashable {
    /// A declared variable, by fully qualified name and slot. The node is an `.ident` whose
    /// name is the resolved variable name (qualified selections like `a.b` are rewritten).
    case variable(name: String, slot: Int)
    /// A declared constant (see ``Environment/constant(named:)``).
    case constant(name: String)
    /// A comprehension variable (iteration variable or accumulator) of an enclosing
    /// comprehension.
    case local(name: String)
    /// A type name used as a value, such as `int` in `type(x) == int`.
    case typeName(CELType)
    /// A stored field of a host record: `index` into ``ObjectValue/fields``.
    case field(index: Int, objectType: ObjectType)
    /// A function call: the resolved function name and the ids of the overloads whose
    /// signatures match the argument types.
    case function(name: String, overloadIDs: [String])
}
