/// What the checker resolved an expression node to, in the planner's terms (converted from
/// the front end's `Reference`).
enum PlanReference: Sendable {
    /// A declared variable and its activation slot.
    case variable(name: String, slot: Int)
    /// A declared constant's value (folded).
    case constant(Value)
    /// A comprehension variable or accumulator.
    case local(name: String)
    /// An identifier denoting a type value (`int`, `list`, …).
    case typeName(CELType)
    /// A stored field of an object type, by index.
    case field(index: Int, objectType: ObjectType)
    /// A call's resolved function name and the overloads matching its argument types.
    case function(name: String, overloadIDs: [String])
}
