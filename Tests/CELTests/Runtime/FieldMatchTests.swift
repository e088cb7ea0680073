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

    // MARK: `gs.exists(g, g.xs.exists(x, x.f == e))` (``NestedFieldMatchNode``)

    static let group = ObjectType(name: "Group", fields: [("xs", .list(.object(item))), ("n", .int)])

    static func group(_ path: String, _ xs: Value, _ n: Int64 = 1) -> Value {
        .object(ObjectValue.make(type: group, fields: [xs, .int(n)], path: path))
    }

    static let nestedSources = [
        "ys.filter(y, gs.exists(g, g.xs.exists(x, x.tag == y.tag)))",
        "ys.map(y, gs.exists(g, g.xs.exists(x, y.n == x.n)))",
        "ps.map(p, gs.exists(g, g.xs.exists(x, x.tag == p.a.tag)))",
        "ys.map(y, gs.exists(g, g.xs.exists(x, x.tag == y.tag)) || y.n > 2)",
        "ys.all(y, gs.exists(g, g.xs.exists(x, x.n == y.n)) && gs.exists(g, g.xs.exists(x, x.tag == y.tag)))",
        // The key read from the outer variable: not fused, and the same as generic either way.
        "gs.map(h, gs.exists(g, g.xs.exists(x, x.n == g.n)))",
    ]

    /// Ranges for `gs`: empty, groups with each of the `xs` ranges above (empty, non-objects,
    /// unknown, error, null elements and fields; unknown, error and non-list ranges), an early,
    /// late or no match, and non-group elements; unknown, error and non-list ranges.
    static let groupRanges: [Value] = [
        .list([]),
        .list([group("/g/empty", .list([]))]),
        .list([group("/g/c", .list([x.c])), group("/g/b", .list([x.b])), group("/g/a", .list([x.a]))]),
        .list([group("/g/ab", .list([x.a, x.b])), group("/g/c", .list([x.c]))]),
        .list(ranges.enumerated().map { group("/g/\($0.offset)", $0.element, Int64($0.offset)) }),
        .list(ranges.reversed().enumerated().map { group("/g/r\($0.offset)", $0.element, Int64($0.offset)) }),
        .list([group("/g/b", .list([x.b])), group("/g/null", .null), group("/g/u", .unknown(UnknownSet(["gs.1.xs"])))]),
        .list([group("/g/e", .error("boom", "xs")), group("/g/a", .list([x.a]))]),
        .list([.null, .int(1), group("/g/a", .list([x.a]))]),
        .list([.unknown(UnknownSet(["gs.0"])), group("/g/b", .list([x.b]))]),
        .list([.error("boom", "group"), group("/g/a", .list([x.a]))]),
        .list([x.a, group("/g/c", .list([x.c]))]),
        .unknown(UnknownSet(["gs"])),
        .error("boom", "gs"),
        .int(3),
    ]

    static let nestedDeclarations = declarations + [.variable("gs", .list(.object(group)))]

    static let nestedActivations: [Activation] = groupRanges.map { Activation(slots: [.list([]), keys, pairs, $0]) }
        + [Activation(slots: [.list([]), keys, pairs, groupRanges[2]], unknownPatterns: ["ys"])]

    @Test(arguments: nestedSources)
    func nestedSameValueAndReads(source: String) throws {
        try FieldReadTests.expectSamePlans(source, declarations: Self.nestedDeclarations, activations: Self.nestedActivations)
    }

    /// The nested table reaches the outcomes it is meant to.
    @Test func nestedTableCoversOutcomes() throws {
        func run(_ a: Activation) throws -> FieldReadTests.Run {
            try FieldReadTests.run(Self.nestedSources[1], specialised: true, a, declarations: Self.nestedDeclarations)
        }
        let values = try Self.nestedActivations.map { try run($0).value }
        #expect(values.contains { $0.isUnknown })
        #expect(values.contains { $0.isError })
        #expect(values.contains { if case .list(let l) = $0 { l.contains(.bool(true)) && l.contains(.bool(false)) } else { false } })
        let ya = Self.item("/y/a", 1, .string("a"))
        let late = try run(Activation(slots: [.list([]), .list([ya]), Self.pairs, Self.groupRanges[2]]))
        #expect(late.value == .list([.bool(true)]))
        // ys, gs, then per group its xs and per element the key and the element's field.
        #expect(late.reads.count == 2 + 3 * 3)
        #expect(late.reads.prefix(2) == ["slot 1", "slot 3"])
        #expect(late.reads[2].hasPrefix("/g/c.0=") && late.reads[3] == "/y/a.0=1" && late.reads[4] == "/x/c.0=3")
        #expect(late.reads[8].hasPrefix("/g/a.0=") && late.reads[10] == "/x/a.0=1")
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

    /// The shapes planned as a nested match: an outer `exists` whose predicate is a match over
    /// the outer variable's field, keyed by another variable; nothing else.
    @Test func recognisedNestedShapes() {
        let gxs = LocalFieldNode(id: 1, local: 0, index: 0, objectType: Self.group, name: "xs")
        let xf = LocalFieldNode(id: 2, local: 1, index: 1, objectType: Self.item, name: "tag")
        let yf = LocalFieldNode(id: 3, local: 2, index: 1, objectType: Self.item, name: "tag")
        let gn = LocalFieldNode(id: 4, local: 0, index: 1, objectType: Self.group, name: "n")
        func match(_ range: EvalNode, _ key: EvalNode) -> FieldMatchNode? {
            FieldMatchNode.make(id: 5, range: range, iterVar: 1, predicate: BinaryOpNode(id: 6, op: .equals, lhs: xf, rhs: key))
        }
        func node(_ predicate: EvalNode?) -> NestedFieldMatchNode? {
            predicate.flatMap { NestedFieldMatchNode.make(id: 7, range: SlotNode(id: 8, slot: 3), iterVar: 0, predicate: $0) }
        }
        #expect(node(match(gxs, yf))?.field === gxs)
        #expect(node(match(gxs, gn)) == nil)
        #expect(match(gxs, gn) != nil)
        #expect(node(match(SlotNode(id: 9, slot: 0), yf)) == nil)
        #expect(node(BinaryOpNode(id: 6, op: .equals, lhs: xf, rhs: yf)) == nil)
    }
}
