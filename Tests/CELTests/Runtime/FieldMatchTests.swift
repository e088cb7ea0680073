import Testing
@testable import CEL

/// `exists(x, x.f == e)` with the comparison in place (``FieldMatch``) against the generic
/// comprehension: same value, error and unknown, and the same reads in the same order, for
/// lists that are empty, hold non-objects, unknown, error and null elements, fields of other
/// kinds, duplicates, and an early, late or no match; and keys that are strings, ints, null,
/// unknown, errors, or objects of another type.
@Suite("Field matches in place match the generic comprehension")
struct FieldMatchTests {
    static let item = ObjectType(name: "Item", fields: [("n", .int), ("tag", .dyn)])
    static let pair = ObjectType(name: "Pair", fields: [("a", .object(item)), ("b", .dyn)])
    static let other = ObjectType(name: "Other", fields: [("tag", .dyn), ("n", .int)])

    static func item(_ path: String, _ n: Int64, _ tag: Value) -> Value {
        .object(ObjectValue.make(type: item, fields: [.int(n), tag], path: path))
    }

    static let sources = [
        "ys.filter(y, xs.exists(x, x.tag == y.tag))",
        "ys.map(y, xs.exists(x, y.tag == x.tag))",
        "ys.map(y, xs.exists(x, x.n == y.n))",
        "ys.map(y, xs.exists(x, y.n == x.n) || y.n > 2)",
        "ps.map(p, xs.exists(x, x.tag == p.a.tag) && xs.exists(x, x.n == p.a.n))",
        "ps.filter(p, xs.exists(x, p.a.tag == x.tag))",
        "ys.exists(y, xs.exists(x, x.tag == y.tag))",
        "ys.all(y, xs.exists(x, x.tag == y.tag))",
    ]

    static let x = (a: item("/x/a", 1, .string("a")), b: item("/x/b", 2, .string("b")), c: item("/x/c", 3, .string("c")))

    /// Ranges for `xs`.
    static let ranges: [Value] = [
        .list([]),
        .list([x.a, x.b, x.c]),
        .list([x.c, x.b, x.a]),
        .list([x.b, x.b, x.b]),
        .list([.int(1), .string("a"), x.a]),
        .list([.null, x.a]),
        .list([.unknown(UnknownSet(["xs.0"])), x.c, x.a]),
        .list([.error("boom", "element"), x.a]),
        .list([item("/x/u", 9, .unknown(UnknownSet(["xs.0.tag"]))), item("/x/e", 8, .error("boom", "tag")), x.b]),
        .list([item("/x/null", 0, .null), item("/x/int", 2, .int(2)), x.c]),
        .list([.object(ObjectValue.make(type: other, fields: [.string("a"), .int(1)], path: "/x/other")), x.a]),
        .unknown(UnknownSet(["xs"])),
        .error("boom", "xs"),
        .int(3),
    ]

    /// Values for `ys` (keys): strings, ints, null, unknown, error and objects of another type.
    static let keys: Value = .list([
        item("/y/a", 1, .string("a")),
        item("/y/z", 7, .string("z")),
        item("/y/int", 2, .int(2)),
        item("/y/null", 0, .null),
        item("/y/u", 3, .unknown(UnknownSet(["ys.4.tag"]))),
        item("/y/e", 4, .error("boom", "key")),
        item("/y/c", 3, .string("c")),
    ])

    static let pairs: Value = .list([
        .object(ObjectValue.make(type: pair, fields: [item("/p/a", 1, .string("a")), .null], path: "/p/0")),
        .object(ObjectValue.make(type: pair, fields: [.null, .null], path: "/p/1")),
        .object(ObjectValue.make(type: pair, fields: [.unknown(UnknownSet(["ps.2.a"])), .null], path: "/p/2")),
        .object(ObjectValue.make(type: pair, fields: [item("/p/c", 3, .string("c")), .null], path: "/p/3")),
    ])

    static let declarations: [Declaration] = [.variable("xs", .list(.object(item))), .variable("ys", .list(.object(item))),
                                              .variable("ps", .list(.object(pair)))]

    static func run(_ source: String, specialised: Bool, _ activation: Activation) throws -> FieldReadTests.Run {
        try FieldReadTests.run(source, specialised: specialised, activation, declarations: declarations)
    }

    static let activations: [Activation] = ranges.map { Activation(slots: [$0, keys, pairs]) }
        + [Activation(slots: [ranges[1], keys, pairs], unknownPatterns: ["ys"])]

    @Test(arguments: sources)
    func sameValueAndReads(source: String) throws {
        try FieldReadTests.expectSamePlans(source, declarations: Self.declarations, activations: Self.activations)
    }

    /// The table reaches the outcomes it is meant to (guards against a vacuous table).
    @Test func tableCoversOutcomes() throws {
        let values = try Self.activations.map { try Self.run(Self.sources[1], specialised: true, $0).value }
        #expect(values.contains { $0.isUnknown })
        #expect(values.contains { $0.isError })
        #expect(values.contains { if case .list = $0 { return true } else { return false } })
        let ya = Self.item("/y/a", 1, .string("a"))
        let early = try Self.run(Self.sources[1], specialised: true, Activation(slots: [Self.ranges[1], .list([ya]), Self.pairs]))
        #expect(early.value == .list([.bool(true)]))
        #expect(early.reads.count == 4 && early.reads.prefix(2) == ["slot 1", "slot 0"])
        #expect(early.reads[2].hasPrefix("/y/a.1=") && early.reads[3].hasPrefix("/x/a.1="))
        let none = try Self.run(Self.sources[1], specialised: true, Activation(slots: [Self.ranges[3], .list([ya]), Self.pairs]))
        #expect(none.value == .list([.bool(false)]))
        #expect(none.reads.count == 8)
    }

    /// The shapes planned with a match: an element's field against another variable's field
    /// (either side), directly or through an object field; nothing else.
    @Test func recognisedShapes() {
        let xf = LocalFieldNode(id: 1, local: 1, index: 1, objectType: Self.item, name: "tag")
        let yf = LocalFieldNode(id: 2, local: 0, index: 1, objectType: Self.item, name: "tag")
        let pa = LocalFieldNode(id: 3, local: 0, index: 0, objectType: Self.pair, name: "a")
        let paTag = FieldNode(id: 4, operand: pa, index: 1, objectType: Self.item, name: "tag")
        func node(_ op: BinaryOperator, _ lhs: EvalNode, _ rhs: EvalNode) -> FieldMatchNode? {
            FieldMatchNode.make(id: 7, range: SlotNode(id: 8, slot: 0), iterVar: 1,
                                predicate: BinaryOpNode(id: 5, op: op, lhs: lhs, rhs: rhs))
        }
        #expect(node(.equals, xf, yf)?.keyOnRight == true)
        #expect(node(.equals, yf, xf)?.keyOnRight == false)
        #expect(node(.equals, xf, paTag)?.middleType === Self.item)
        #expect(node(.notEquals, xf, yf) == nil)
        #expect(node(.equals, xf, xf) == nil)
        #expect(node(.equals, yf, yf) == nil)
        #expect(node(.equals, xf, ConstNode(id: 6, .string("a"))) == nil)
    }
}
