import Testing
@testable import CEL

/// Field reads of variables and comprehension variables (`LocalFieldNode`, `SlotFieldNode`)
/// against the generic field node: same value and the same reads, in the same order, for
/// objects of the checked type, of another type, unknown and error operands, and missing slots.
@Suite("Field reads match the generic field node")
struct FieldReadTests {
    static let pet = ObjectType(name: "Pet", fields: [("name", .string), ("age", .int)])
    static let person = ObjectType(name: "Person", fields: [("name", .string), ("age", .int), ("partner", .dyn),
                                                            ("pet", .object(pet))])
    static let other = ObjectType(name: "Other", fields: [("age", .int), ("name", .string)])

    static func make(_ name: String, _ age: Value, partner: Value = .null, pet: Value = .null, path: String) -> Value {
        .object(ObjectValue.make(type: person, fields: [.string(name), age, partner, pet], path: path))
    }

    static let sources = [
        "p.name == 'Ann' && p.age > 30",
        "p.partner.name",
        "has(p.partner) && p.age > 0",
        "ps.exists(x, x.age > 40 && x.name != 'Bob')",
        "ps.all(x, x.age > 0)",
        "ps.map(x, x.age)",
        "ps.filter(x, x.age > 1).map(x, x.name)",
        "ps.exists(x, x.partner.age > 1)",
        "p.pet.age > 1 && p.pet.name != 'Rex'",
        "p.pet.name",
        "ps.map(x, x.pet.name)",
        "ps.exists(x, x.pet.age > 3)",
        "ps.filter(x, x.pet.name == 'Rex').map(x, x.pet.age)",
    ]

    /// Activations: slots for `p` and `ps`, with unknown, error and other-type operands.
    static let activations: [Activation] = {
        let odd = Value.object(ObjectValue.make(type: other, fields: [.int(50), .string("Odd")], path: "/odd"))
        let rex = Value.object(ObjectValue.make(type: pet, fields: [.string("Rex"), .int(4)], path: "/rex"))
        // Bob's pet is of another type (the generic select by name), Cy's unknown.
        let bob = make("Bob", .int(41), pet: odd, path: "/bob")
        let ann = make("Ann", .int(40), partner: bob, pet: rex, path: "/ann")
        let cy = make("Cy", .unknown(UnknownSet(["ps.1.age"])), pet: .unknown(UnknownSet(["ps.1.pet"])), path: "/cy")
        let lists: [Value] = [
            .list([ann, bob]),
            .list([bob, cy, ann]),
            .list([odd, ann]),
            .list([ann, .unknown(UnknownSet(["ps.1"])), bob]),
            .list([.error("boom", "element"), ann]),
            .list([.int(3)]),
        ]
        let ps: [Value] = [ann, cy, odd, .unknown(UnknownSet(["p"])), .error("boom", "p"), .int(1)]
        var out: [Activation] = []
        for p in ps {
            for l in lists { out.append(Activation(slots: [p, l])) }
        }
        out.append(Activation(slots: []))
        var withPatterns = Activation(slots: [ann, lists[1]])
        withPatterns.unknownPatterns = ["p.age"]
        out.append(withPatterns)
        return out
    }()

    struct Run: Equatable {
        var value: Value
        var reads: [String]
        /// The values reported with slot reads, in order (a slot holding an object is reported
        /// as that object, not a copy of another value).
        var slotValues: [Value]
    }

    static let declarations: [Declaration] = [.variable("p", .object(person)), .variable("ps", .list(.object(person)))]

    static func run(_ source: String, specialised: Bool, _ activation: Activation,
                    declarations: [Declaration] = declarations) throws -> Run {
        let env = try Environment(declarations: declarations)
        let program = env.program(try env.compile(source), specialised: specialised)
        let obs = OrderedObserver()
        let traced = program.evaluate(activation, observer: obs)
        let untraced = program.evaluate(activation)
        #expect(traced == untraced, "\(source): traced and untraced values differ")
        return Run(value: traced, reads: obs.reads, slotValues: obs.slotValues)
    }

    /// Expects `source` planned with and without the dedicated nodes to give the same value and
    /// the same reads in every activation.
    static func expectSamePlans(_ source: String, declarations: [Declaration] = declarations,
                                activations: [Activation] = activations) throws {
        for (i, a) in activations.enumerated() {
            let special = try run(source, specialised: true, a, declarations: declarations)
            let generic = try run(source, specialised: false, a, declarations: declarations)
            #expect(special == generic, "\(source) activation \(i)")
        }
    }

    @Test(arguments: sources)
    func sameValueAndReads(source: String) throws {
        try Self.expectSamePlans(source)
    }

    /// The activations reach the paths they are meant to (guards against a vacuous table).
    @Test func tableCoversFailures() throws {
        let values = try Self.activations.map { try Self.run("p.age", specialised: true, $0).value }
        #expect(values.contains(.int(40)))
        #expect(values.contains(.int(50)))
        #expect(values.contains { $0.isUnknown })
        #expect(values.contains { $0.isError })
        let reads = try Self.run("ps.exists(x, x.age > 40)", specialised: true, Self.activations[0]).reads
        #expect(reads == ["slot 1", "/ann.1=40", "/bob.1=41"])
        let petName = try Self.run("p.pet.name", specialised: true, Self.activations[0])
        #expect(petName.value == .string("Rex"))
        #expect(petName.reads.count == 3 && petName.reads.first == "slot 0" && petName.reads.last == "/rex.0=\"Rex\"")
        let slotValues = try Self.run("p.age", specialised: true, Self.activations[0]).slotValues
        #expect(slotValues.count == 1)
        if case .object(let o)? = slotValues.first, case .object(let ann) = Self.activations[0].slots[0] {
            #expect(o === ann, "the slot's own object is reported")
        } else {
            Issue.record("p.age reports the object in slot 0")
        }
    }
}

/// Records slot and field reads in one sequence, in the order they were reported.
final class OrderedObserver: EvaluationObserver {
    var reads: [String] = []
    var slotValues: [Value] = []
    func didRead(object: ObjectValue, field: Int, value: Value) { reads.append("\(object.path ?? "-").\(field)=\(value)") }
    func didRead(slot: Int, value: Value) {
        reads.append("slot \(slot)")
        slotValues.append(value)
    }
}
