import Testing
@testable import CEL

/// `declaring` and `retyping` must give the environment that building from all declarations gives.
@Suite struct EnvironmentDerivationTests {
    static let base: [Declaration] = [.variable("a", .int), .variable("f", .dyn), .constant("limit", .int(3))]

    func result(_ env: Environment, _ source: String, _ slots: [Value]) throws -> Value {
        try env.program(try env.compile(source)).evaluate(Activation(slots: slots))
    }

    @Test func declaringAddsVariablesAtTheNextSlots() throws {
        let derived = try Environment(declarations: Self.base).declaring([.variable("x", .int), .constant("k", .int(2))])
        let built = try Environment(declarations: Self.base + [.variable("x", .int), .constant("k", .int(2))])
        #expect(derived.variableNames == built.variableNames)
        #expect(derived.slot(of: "x") == 2 && derived.constant(named: "k") == .int(2))
        for source in ["a + x * k", "x > limit", "f == x"] {
            let slots: [Value] = [.int(5), .int(7), .int(4)]
            #expect(try result(derived, source, slots) == result(built, source, slots), "\(source)")
        }
    }

    @Test func declaringRefusesWhatBuildingRefuses() throws {
        let env = try Environment(declarations: Self.base)
        #expect(throws: CELEnvironmentError.self) { try env.declaring([.variable("a", .string)]) }
        #expect(throws: CELEnvironmentError.self) { try env.declaring([.variable("limit", .int)]) }
        #expect(throws: CELEnvironmentError.self) { try env.declaring([.variable(".x", .int)]) }
    }

    @Test func retypingChangesTheCheckedTypeOnly() throws {
        let env = try Environment(declarations: Self.base)
        // As `dyn`, `f + 1` checks; as a string it is a type error, exactly as if declared so.
        _ = try env.compile("f + 1")
        let retyped = try #require(env.retyping("f", as: .string))
        #expect(retyped.slot(of: "f") == 1)
        #expect(throws: CELCompileErrors.self) { try retyped.compile("f + 1") }
        #expect(try retyped.compile("f + 'x'").outputType == .string)
        let built = try Environment(declarations: [.variable("a", .int), .variable("f", .string), .constant("limit", .int(3))])
        #expect(try result(retyped, "size(f) > a", [.int(1), .string("ab")]) == result(built, "size(f) > a", [.int(1), .string("ab")]))
        #expect(env.retyping("nope", as: .int) == nil)
        #expect(env.retyping("limit", as: .int) == nil, "a constant is not a variable")
    }
}
