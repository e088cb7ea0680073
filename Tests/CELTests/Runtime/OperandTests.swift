import Testing
@testable import CEL

/// Operands called directly (`Operand`) against the node's own `eval`: the same kind is chosen
/// for each leaf class, and the same value and reads result, for objects of the checked type,
/// of another type, errors and missing slots.
@Suite("Direct operands evaluate as their nodes")
struct OperandTests {
    static let person = ObjectType(name: "Person", fields: [("name", .string), ("age", .int)])
    static let other = ObjectType(name: "Other", fields: [("age", .int)])

    /// Evaluates `inner` with local 0 set to `local`, through ``Operand`` or directly.
    final class Probe: EvalNode, @unchecked Sendable {
        let inner: EvalNode
        let local: Value
        let direct: Bool
        init(_ inner: EvalNode, local: Value, direct: Bool) {
            self.inner = inner
            self.local = local
            self.direct = direct
            super.init(id: 99)
        }
        override func eval(_ f: inout Frame) -> Value {
            f.locals[0] = local
            let v = direct ? Operand(inner).eval(&f) : inner.eval(&f)
            f.locals[0] = .null
            return v
        }
    }

    static func run(_ node: EvalNode, slots: [Value], local: Value, direct: Bool) -> (Value, [String]) {
        let obs = OrderedObserver()
        let v = Frame.evaluate(Probe(node, local: local, direct: direct), Activation(slots: slots), localCount: 1,
                               hoistCount: 0, observer: obs)
        return (v, obs.reads)
    }

    static func kind(_ o: Operand) -> String {
        switch o {
        case .localField: return "localField"
        case .slotField: return "slotField"
        case .local: return "local"
        case .slot: return "slot"
        case .node: return "node"
        }
    }

    @Test func sameValueAndReads() {
        let ann = Value.object(ObjectValue.make(type: Self.person, fields: [.string("Ann"), .int(40)], path: "/ann"))
        let odd = Value.object(ObjectValue.make(type: Self.other, fields: [.int(7)], path: "/odd"))
        let nodes: [(EvalNode, String)] = [
            (LocalFieldNode(id: 1, local: 0, index: 1, objectType: Self.person, name: "age"), "localField"),
            (SlotFieldNode(id: 2, slot: 0, slotID: 3, index: 0, objectType: Self.person, name: "name"), "slotField"),
            (SlotFieldNode(id: 4, slot: 5, slotID: 5, index: 0, objectType: Self.person, name: "name"), "slotField"),
            (LocalNode(id: 6, index: 0), "local"),
            (SlotNode(id: 7, slot: 0), "slot"),
            (SlotNode(id: 8, slot: 9), "slot"),
            (ConstNode(id: 10, .int(3)), "node"),
        ]
        let values: [Value] = [ann, odd, .error("boom", "x"), .unknown(UnknownSet(["x"])), .int(1)]
        var outcomes: Set<String> = []
        for (node, expected) in nodes {
            #expect(Self.kind(Operand(node)) == expected)
            for slot in values {
                for local in values {
                    let direct = Self.run(node, slots: [slot], local: local, direct: true)
                    let generic = Self.run(node, slots: [slot], local: local, direct: false)
                    #expect(direct.0 == generic.0, "node \(node.id)")
                    #expect(direct.1 == generic.1, "node \(node.id)")
                    outcomes.insert(direct.0.isError ? "error" : direct.0.isUnknown ? "unknown" : "value")
                    if !direct.1.isEmpty { outcomes.insert("reads") }
                }
            }
        }
        #expect(outcomes == ["error", "unknown", "value", "reads"])
    }
}
