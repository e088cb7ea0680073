import Testing
@testable import CEL

/// A nested match over a long range remembers, within one evaluation, how far its runs have
/// searched (``NestedFieldMatchNode/Memo``) and skips reporting those elements' reads, which an
/// observer with ``ReadMarks`` has marked. Against the generic comprehension, with an observer
/// that keeps each rule's first reads as the trace recorder does: the same value and the same
/// first reads in the same order, for keys that match early, late, twice or not at all, of
/// both kinds, and ranges with unclean elements (null, unknown and non-object elements, lists
/// that are not lists, unnumbered records) before, among and after the clean ones.
@Suite("Nested matches with a memo keep the first reads")
struct NestedMatchMemoTests {
    static let item = FieldMatchTests.item
    static let group = FieldMatchTests.group
    static let pair = FieldMatchTests.pair

    /// Records numbered as the case graph numbers them: each its own block of fact numbers.
    final class Numbers {
        var next = 0
        func take() -> Int {
            defer { next += 4 }
            return next
        }
    }

    static func item(_ path: String, _ n: Int64, _ tag: Value, _ numbers: Numbers?) -> Value {
        .object(ObjectValue.make(type: item, fields: [.int(n), tag], path: path, index: numbers?.take() ?? -1))
    }

    static func group(_ path: String, _ xs: Value, _ numbers: Numbers) -> Value {
        .object(ObjectValue.make(type: group, fields: [xs, .int(1)], path: path, index: numbers.take()))
    }

    /// An observer that keeps only the first read of each numbered field (by its marks, which
    /// it sets for every read it is told of, as ``ReadMarks`` asks) and every read of an
    /// unnumbered one, and every slot read.
    final class FirstReads: EvaluationObserver {
        var reads: [String] = []
        let marks: UnsafeMutablePointer<ReadMarks>

        init(facts: Int) {
            let entries = UnsafeMutablePointer<Int32>.allocate(capacity: facts)
            entries.initialize(repeating: 0, count: facts)
            marks = .allocate(capacity: 1)
            marks.initialize(to: ReadMarks(entries: entries, count: facts, mark: 1))
        }

        deinit {
            marks.pointee.entries.deallocate()
            marks.deallocate()
        }

        var readMarks: UnsafePointer<ReadMarks>? { UnsafePointer(marks) }

        func didRead(object: ObjectValue, field: Int, value: Value) {
            let fact = object.index + field
            if object.index >= 0 {
                if marks.pointee.entries[fact] == marks.pointee.mark { return }
                marks.pointee.entries[fact] = marks.pointee.mark
            }
            reads.append("\(object.path ?? "-").\(field)=\(value)")
        }

        func didRead(slot: Int, value: Value) { reads.append("slot \(slot)") }
    }

    static let sources = [
        "ys.filter(y, gs.exists(g, g.xs.exists(x, x.tag == y.tag)))",
        "ys.map(y, gs.exists(g, g.xs.exists(x, y.n == x.n)))",
        "ps.map(p, gs.exists(g, g.xs.exists(x, x.tag == p.a.tag)))",
        "ys.map(y, gs.exists(g, g.xs.exists(x, x.tag == y.tag)) || y.n > 2)",
    ]

    static let declarations: [Declaration] = [.variable("xs", .list(.object(item))), .variable("ys", .list(.object(item))),
                                              .variable("ps", .list(.object(pair))), .variable("gs", .list(.object(group)))]

    /// The activations: for each shape of range, keys and pairs over the range's own records.
    static func activations() -> [(name: String, activation: Activation, facts: Int)] {
        var result: [(String, Activation, Int)] = []
        // Ranges of 20 groups (the memo starts at 16), each holding one or two items tagged
        // t0 … t19 (ints every fifth), with unclean elements at `unclean` positions.
        let shapes: [(String, [Int: Value])] = [
            ("clean", [:]),
            ("null element early", [2: .null]),
            ("unknown xs in the middle", [9: .unknown(UnknownSet(["gs.9.xs"]))]),
            ("non-list xs late", [17: .int(3)]),
            ("non-object element", [5: .string("group")]),
            ("error element", [12: .error("boom", "gs.12")]),
            ("unnumbered item", [7: .list([item("/g/7/x", 7, .string("t7"), nil)])]),
            ("null and unknown tags", [4: .list([item("/g/4/u", 4, .unknown(UnknownSet(["gs.4.xs.0.tag"])), nil)]),
                                       14: .list([item("/g/14/n", 14, .null, nil)])]),
        ]
        for (name, unclean) in shapes {
            let numbers = Numbers()
            let groups: [Value] = (0..<20).map { i in
                let path = "/g/\(i)"
                if let special = unclean[i] {
                    if case .list = special { return group(path, special, numbers) }
                    if case .unknown = special { return group(path, special, numbers) }
                    if case .int = special { return group(path, special, numbers) }
                    return special
                }
                let tag: Value = i % 5 == 3 ? .int(Int64(i)) : .string("t\(i)")
                var xs = [item("\(path)/a", Int64(i), tag, numbers)]
                if i % 3 == 0 { xs.append(item("\(path)/b", Int64(100 + i), .string("t\(i)"), numbers)) }
                return group(path, .list(xs), numbers)
            }
            // Keys: early, late, twice (t0 and t18 are in two groups' second items), int, absent,
            // null, unknown; then again, to run over a searched range.
            let keyTags: [Value] = [.string("t1"), .string("t19"), .string("t0"), .int(8), .string("absent"),
                                    .string("t18"), .null, .unknown(UnknownSet(["ys.tag"])), .int(13), .string("t19"),
                                    .string("t2"), .int(99)]
            let keys: [Value] = keyTags.enumerated().map { item("/y/\($0.offset)", Int64($0.offset * 7 % 23), $0.element, numbers) }
            let pairs: [Value] = keys.prefix(6).enumerated().map {
                .object(ObjectValue.make(type: pair, fields: [$0.element, .null], path: "/p/\($0.offset)", index: numbers.take()))
            }
            result.append((name, Activation(slots: [.list([]), .list(keys), .list(pairs), .list(groups)]), numbers.next + 8))
        }
        return result
    }

    struct Outcome: Equatable {
        let value: Value
        let reads: [String]
    }

    static func run(_ source: String, specialised: Bool, _ a: Activation, facts: Int) throws -> Outcome {
        let env = try Environment(declarations: declarations)
        let program = env.program(try env.compile(source), specialised: specialised)
        let observer = FirstReads(facts: facts)
        let value = program.evaluate(a, observer: observer)
        #expect(value == program.evaluate(a), "\(source): traced and untraced values differ")
        return Outcome(value: value, reads: observer.reads)
    }

    @Test(arguments: sources)
    func sameValueAndFirstReads(source: String) throws {
        for (name, a, facts) in Self.activations() {
            let special = try Self.run(source, specialised: true, a, facts: facts)
            let generic = try Self.run(source, specialised: false, a, facts: facts)
            #expect(special == generic, "\(source), \(name)")
        }
    }

    /// The table is not vacuous: keys match and miss, and a run over a searched range reports
    /// the key's read.
    @Test func tableCoversOutcomes() throws {
        let (_, a, facts) = Self.activations()[0]
        let mapped = try Self.run(Self.sources[1], specialised: true, a, facts: facts).value
        guard case .list(let found) = mapped else { #expect(Bool(false), "not a list: \(mapped)"); return }
        #expect(found.contains(.bool(true)) && found.contains(.bool(false)))
        // Without the key whose tag is unknown (which makes the whole list unknown).
        guard case .list(let keys) = a.slots[1] else { Issue.record("keys not a list"); return }
        let known = keys.filter { if case .object(let o) = $0 { return !o.field(1).isUnknown } else { return true } }
        let b = Activation(slots: [a.slots[0], .list(known), a.slots[2], a.slots[3]])
        let byTag = try Self.run("ys.map(y, gs.exists(g, g.xs.exists(x, x.tag == y.tag)))", specialised: true, b, facts: facts)
        guard case .list(let tagged) = byTag.value else { Issue.record("not a list: \(byTag.value)"); return }
        // t1, t19, t0, 8, t18, 13, t19 (again), t2 hold; "absent", null and 99 do not.
        #expect(tagged.filter { $0 == .bool(true) }.count == 8)
        #expect(tagged.filter { $0 == .bool(false) }.count == 3)
        // Every key's tag is read once, the last ones after the whole range was searched.
        for i in 0..<12 where i != 7 { #expect(byTag.reads.contains { $0.hasPrefix("/y/\(i).1=") }, "key \(i)") }
    }

    /// The planner gives the memo to ranges read where they are stored, not to computed ones.
    @Test func memoOnlyForStoredRanges() throws {
        let env = try Environment(declarations: Self.declarations)
        func nested(_ source: String) throws -> NestedFieldMatchNode? {
            let program = env.program(try env.compile(source), specialised: true)
            return (Mirror(reflecting: program).descendant("root") as? EvalNode).flatMap(Self.find)
        }
        #expect(try nested(Self.sources[0])?.memoSlot ?? -1 >= 0)
        #expect(try nested("ys.filter(y, gs.filter(g, true).exists(g, g.xs.exists(x, x.tag == y.tag)))")?.memoSlot == -1)
    }

    static func find(_ node: EvalNode) -> NestedFieldMatchNode? {
        if let n = node as? NestedFieldMatchNode { return n }
        for child in Mirror(reflecting: node).children.compactMap({ $0.value as? EvalNode }) {
            if let n = find(child) { return n }
        }
        var mirror = Mirror(reflecting: node).superclassMirror
        while let m = mirror {
            for child in m.children.compactMap({ $0.value as? EvalNode }) { if let n = find(child) { return n } }
            mirror = m.superclassMirror
        }
        return nil
    }
}
