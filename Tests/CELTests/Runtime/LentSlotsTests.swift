import Testing
@testable import CEL

/// `Program.evaluate(slots:observer:)` evaluates like an activation holding the same slots, and
/// reports the same reads, when a host rewrites one slot in place between evaluations.
@Suite("Programs evaluated over lent slots")
struct LentSlotsTests {
    static let item = ObjectType(name: "Item", fields: [("n", .int), ("flag", .dyn)])

    static let sources = ["x.n > limit", "x.flag", "x.flag && x.n == limit", "[x, x].exists(y, y.n >= limit)", "limit"]

    @Test(arguments: sources)
    func matchesActivation(source: String) throws {
        let env = try Environment(declarations: [.variable("x", .object(Self.item)), .variable("limit", .int)],
                                  options: .init(enableKleeneExtensions: true))
        let program = try env.program(try env.compile(source))
        let elements: [Value] = [
            .object(ObjectValue.make(type: Self.item, fields: [.int(1), .bool(true)], path: "/xs/0")),
            .object(ObjectValue.make(type: Self.item, fields: [.int(2), .unknown(UnknownSet(["xs.1.flag"]))], path: "/xs/1")),
            .object(ObjectValue.make(type: Self.item, fields: [.int(3), .bool(false)], path: "/xs/2")),
        ]
        var slots: [Value] = [.null, .int(2)]
        for element in elements {
            let expected = RecordingObserver(), got = RecordingObserver()
            let want = program.evaluate(Activation(slots: [element, .int(2)]), observer: expected)
            slots[0] = element
            let value = slots.withUnsafeBufferPointer { program.evaluate(slots: $0, observer: got) }
            #expect(value == want, "\(source)")
            #expect(got.slotReads.map(\.slot) == expected.slotReads.map(\.slot))
            #expect(got.slotReads.map(\.value) == expected.slotReads.map(\.value))
            #expect(got.fieldReads.map(\.path) == expected.fieldReads.map(\.path))
            #expect(got.fieldReads.map(\.field) == expected.fieldReads.map(\.field))
            let unobserved = slots.withUnsafeBufferPointer { program.evaluate(slots: $0, observer: nil) }
            #expect(unobserved == program.evaluate(Activation(slots: [element, .int(2)])))
        }
    }
}
