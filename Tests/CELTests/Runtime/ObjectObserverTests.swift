import Testing
@testable import CEL

/// Records every read (the observer protocol requires a class).
final class RecordingObserver: EvaluationObserver {
    var fieldReads: [(path: String?, field: Int, value: Value)] = []
    var slotReads: [(slot: Int, value: Value)] = []
    func didRead(object: ObjectValue, field: Int, value: Value) { fieldReads.append((object.path, field, value)) }
    func didRead(slot: Int, value: Value) { slotReads.append((slot, value)) }
}

@Suite struct ObjectObserverTests {
    static let person = ObjectType(name: "Person", fields: [("name", .string), ("age", .int), ("partner", .dyn)])

    static func make(_ name: String, _ age: Value, partner: Value = .null, path: String? = nil) -> Value {
        .object(ObjectValue.make(type: person, fields: [.string(name), age, partner], path: path))
    }

    static var vars: [(String, CELType, Value)] {
        [("p", .object(person), make("Ann", .int(40), partner: make("Bob", .int(41), path: "/partner"), path: "/")),
         ("q", .object(person), make("Cy", .unknown(UnknownSet(["q.age"]))))]
    }

    /// An observer without its own in-place form is told the stored value.
    @Test func inPlaceReadDefault() {
        let obs = RecordingObserver()
        guard case .object(let p) = Self.vars[0].2 else { Issue.record("p is an object"); return }
        obs.didRead(object: p, field: 0)
        obs.didRead(object: p, field: 2)
        #expect(obs.fieldReads.map(\.field) == [0, 2])
        #expect(obs.fieldReads.map(\.value) == [.string("Ann"), p.field(2)])
    }

    /// An observer without its own in-place slot form is told the slot's value, and operands
    /// read in place (a variable compared with a constant, a loop's range) report their slot
    /// read through it like any other read.
    @Test func inPlaceSlotReadDefault() throws {
        let obs = RecordingObserver()
        var v = Value.string("x")
        withUnsafePointer(to: &v) { obs.didRead(slot: 3, at: $0) }
        #expect(obs.slotReads.map(\.slot) == [3])
        #expect(obs.slotReads.map(\.value) == [.string("x")])

        let vars: [(String, CELType, Value)] = [("s", .string, .string("a")), ("xs", .list(.int), .list([.int(1), .int(2)]))]
        let env = try Environment(declarations: vars.map { .variable($0.0, $0.1) })
        let program = try env.program(try env.compile("s == 'a' && xs.exists(x, x > 1)"))
        let seen = RecordingObserver()
        #expect(program.evaluate(Activation(slots: vars.map(\.2)), observer: seen) == .bool(true))
        #expect(seen.slotReads.map(\.slot) == [0, 1])
        #expect(seen.slotReads.map(\.value) == [.string("a"), .list([.int(1), .int(2)])])
    }

    @Test func fieldSelectByIndex() {
        #expect(evalCEL("p.name == 'Ann' && p.age > 30", Self.vars) == .bool(true))
        #expect(evalCEL("p.age + 1", Self.vars) == .int(41))
        #expect(evalCEL("p.nope", Self.vars).isError)
    }

    @Test func storedUnknownAndHas() {
        #expect(evalCEL("q.age", Self.vars) == .unknown(UnknownSet(["q.age"])))
        #expect(evalCEL("q.age > 3 || true", Self.vars) == .bool(true))
        #expect(evalCEL("has(q.age)", Self.vars) == .unknown(UnknownSet(["q.age"])))
        #expect(evalCEL("has(q.partner)", Self.vars) == .bool(false))
        #expect(evalCEL("has(p.partner)", Self.vars) == .bool(true))
        #expect(evalCEL("has(q.name)", Self.vars) == .bool(true))
    }

    @Test func objectEquality() {
        #expect(evalCEL("p == p", Self.vars) == .bool(true))
        #expect(evalCEL("p == q", Self.vars) == .bool(false))
    }

    @Test func observerSeesReads() throws {
        let env = try Environment(declarations: Self.vars.map { .variable($0.0, $0.1) })
        let program = try env.program(try env.compile("p.age > 30 && p.partner.name == 'Bob'"))
        let obs = RecordingObserver()
        let v = program.evaluate(Activation(slots: Self.vars.map(\.2)), observer: obs)
        #expect(v == .bool(true))
        #expect(obs.slotReads.map(\.slot) == [0, 0])
        #expect(obs.fieldReads.map(\.field) == [1, 2, 0])
        #expect(obs.fieldReads.map(\.path) == ["/", "/", "/partner"])
        #expect(obs.fieldReads.last?.value == .string("Bob"))
        // Without an observer the same program gives the same value.
        #expect(program.evaluate(Activation(slots: Self.vars.map(\.2))) == .bool(true))
    }

    @Test func objectsInComprehensions() {
        let list: Value = .list([Self.make("A", .int(1)), Self.make("B", .int(5))])
        let vars: [(String, CELType, Value)] = [("ps", .list(.object(Self.person)), list)]
        #expect(evalCEL("ps.exists(x, x.age > 3)", vars) == .bool(true))
        #expect(evalCEL("ps.map(x, x.name)", vars) == .list([.string("A"), .string("B")]))
    }

    @Test func hostFunctions() {
        let addDays = FunctionDecl("addDays", overloads: [
            Overload(id: "add_days_timestamp_int", receiver: true, params: [.timestamp, .int], result: .timestamp) { args in
                guard case .timestamp(let t) = args[0], case .int(let n) = args[1] else { return .error("invalid_argument", "") }
                return .timestamp(Timestamp(seconds: t.seconds + n * 86_400, nanos: t.nanos))
            },
        ])
        let v = evalCEL("timestamp('2020-01-01T00:00:00Z').addDays(2) == timestamp('2020-01-03T00:00:00Z')", functions: [addDays])
        #expect(v == .bool(true))
    }

    @Test func uncheckedBindingsByName() throws {
        let env = try Environment(options: .init(disableCheck: true))
        let program = try env.program(try env.compile("a.b + x"))
        let v = program.evaluate(Activation(bindings: ["a": .map(MapValue(strings: [("b", .int(2))])), "x": .int(3)]))
        #expect(v == .int(5))
        #expect(program.evaluate(Activation(bindings: [:])).isError)
    }
}
