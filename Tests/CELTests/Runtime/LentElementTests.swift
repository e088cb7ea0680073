import Testing
@testable import CEL

/// List loops lend each element to its iteration variable without retaining it: results that
/// keep elements stay valid after the loop, and no element is leaked or over-released.
@Suite("Loop elements lent to iteration variables")
struct LentElementTests {
    static let item = ObjectType(name: "Item", fields: [("n", .int), ("flag", .dyn)])

    static func makeObjects() -> [ObjectValue] {
        [ObjectValue.make(type: item, fields: [.int(1), .bool(true)], path: "/xs/0"),
         ObjectValue.make(type: item, fields: [.int(2), .unknown(UnknownSet(["xs.1.flag"]))], path: "/xs/1"),
         ObjectValue.make(type: item, fields: [.int(3), .bool(false)], path: "/xs/2"),
         ObjectValue.make(type: item, fields: [.int(4), .string("oops")], path: "/xs/3")]
    }

    /// Loops that keep, return, nest, stop early on, or walk by index their elements.
    static let sources = [
        "xs.map(x, x)",
        "xs.filter(x, x.n > 1)",
        "xs.map(x, xs.filter(y, y.n < x.n))",
        "xs.exists(x, x.n == 2)",
        "xs.all(x, x.flag)",
        "xs.exists(x, x.n > 3 && x.flag)",
        "xs.all(x, x.n == 3 || x.flag)",
        "xs.filter(x, x.n != 4).all(x, x.n == 3 || x.flag)",
        "xs.exists(i, x, i == 2 && x.n == 3)",
        "xs.all(i, x, x.n > i)",
        "xs.map(x, [x, x])",
        "[].map(x, x)",
        "xs.exists(x, x.flag)",
        "xs.atLeast(2, x, x.flag == true || x.n > 2)",
    ]

    static func run(_ source: String, _ xs: Value, specialised: Bool) throws -> Value {
        let env = try Environment(declarations: [.variable("xs", .list(.object(item)))],
                                  options: .init(enableKleeneExtensions: true))
        let program = env.program(try env.compile(source), specialised: specialised)
        var last: Value = .null
        // Repeated evaluations: an unbalanced retain or release per element would show as a
        // leak below or a crash here.
        for _ in 0..<50 { last = program.evaluate(Activation(slots: [xs])) }
        return last
    }

    @Test(arguments: sources)
    func resultsSurviveAndNothingLeaks(source: String) throws {
        var objects = Self.makeObjects()
        var results: [Value] = []
        do {
            let xs = Value.list(objects.map { .object($0) })
            results.append(try Self.run(source, xs, specialised: true))
            results.append(try Self.run(source, xs, specialised: false))
            // The results are rebuilt from fresh elements by the unspecialised plan too.
            let fresh = Value.list(Self.makeObjects().map { .object($0) })
            #expect(results[0] == (try Self.run(source, fresh, specialised: true)))
        }
        #expect(results[0] == results[1], "\(source)")
        // Results that keep elements still read them after the list is gone.
        _ = "\(results[0])"
        results.removeAll()
        for i in objects.indices {
            #expect(isKnownUniquelyReferenced(&objects[i]), "\(source): element \(i) leaked")
        }
    }

    /// The table covers early stops, unknown and error predicate results, and kept elements.
    @Test func tableCoversShapes() throws {
        let xs = Value.list(Self.makeObjects().map { .object($0) })
        let values = try Self.sources.map { try Self.run($0, xs, specialised: true) }
        #expect(values.contains(.bool(true)))
        #expect(values.contains { $0.isUnknown })
        #expect(values.contains { $0.isError })
        #expect(values.contains { if case .list(let l) = $0, case .object = l.first { return true } else { return false } })
    }
}
