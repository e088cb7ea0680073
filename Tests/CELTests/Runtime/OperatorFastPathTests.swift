import Testing
@testable import CEL

/// The operators' inline paths (`BinaryOpNode.apply`): ordering of two ints or two timestamps
/// (`sameKindOrder`) and equality of two strings, ints or bools (`sameKindEquality`) agree with
/// the general ones and decline every other pair; every operator, with a string in a list among
/// the operands, gives the same results as the library function.
@Suite("Operator fast paths match the library")
struct OperatorFastPathTests {
    static let values: [Value] = [
        .int(-3), .int(0), .int(0), .int(7), .int(.max), .int(.min),
        .timestamp(Timestamp(seconds: 10, nanos: 5)), .timestamp(Timestamp(seconds: 10, nanos: 6)),
        .timestamp(Timestamp(seconds: 9, nanos: 999)), .timestamp(Timestamp(seconds: 10, nanos: 5)),
        .uint(7), .double(7), .double(.nan), .string("a"), .bool(true), .null,
    ]

    @Test func agreesWithOrder() {
        var decided = 0
        for a in Self.values {
            for b in Self.values {
                let quick = BinaryOpNode.sameKindOrder(a, b)
                switch (a, b) {
                case (.int, .int), (.timestamp, .timestamp):
                    guard case .ordered(let c) = Value.order(a, b) else {
                        Issue.record("\(a) and \(b) are ordered")
                        continue
                    }
                    #expect(quick == c, "\(a) vs \(b)")
                    decided += 1
                default:
                    #expect(quick == nil, "\(a) vs \(b)")
                }
            }
        }
        #expect(decided == 6 * 6 + 4 * 4)
    }

    @Test func equalityAgreesWithCelEquals() {
        let values = Self.values + [.string(""), .string("a"), .string("é"), .string("e\u{301}"), .bool(false),
                                    .string("a longer string than fifteen bytes"), .string("a longer string than fifteen bytez")]
        var decided = 0
        for a in values {
            for b in values {
                guard let same = BinaryOpNode.sameKindEquality(a, b) else { continue }
                #expect(same == a.celEquals(b), "\(a) == \(b)")
                decided += 1
            }
        }
        // 6 ints, 7 strings, 2 bools.
        #expect(decided == 6 * 6 + 7 * 7 + 2 * 2)
    }

    @Test func operatorsMatchLibrary() {
        let node = BinaryOpNode(id: 1, op: .less, lhs: ConstNode(id: 2, .null), rhs: ConstNode(id: 3, .null))
        let ops: [(BinaryOperator, (Value, Value) -> Value)] = [
            (.less, StandardLibrary.less), (.lessEquals, StandardLibrary.lessEquals),
            (.greater, StandardLibrary.greater), (.greaterEquals, StandardLibrary.greaterEquals),
            (.equals, StandardLibrary.equals), (.notEquals, StandardLibrary.notEquals),
            (.inContainer, StandardLibrary.inContainer),
        ]
        let lists: [Value] = [.list([]), .list([.string("a"), .string("b")]), .list([.int(7), .string("é")]),
                              .list([.string("e\u{301}")]), MapValue.make([(key: .string("a"), value: .int(1))])]
        let strings: [Value] = [.string("a"), .string("é"), .string("e\u{301}"), .string("c")]
        #expect(node.apply(.inContainer, .string("a"), lists[1]) == .bool(true))
        #expect(node.apply(.inContainer, .string("é"), lists[2]) == .bool(true))
        #expect(node.apply(.inContainer, .string("é"), lists[3]) == .bool(false), "code points, not canonical equivalence")
        for (op, library) in ops {
            for a in Self.values + strings {
                for b in Self.values + lists {
                    #expect(node.apply(op, a, b) == node.tagged(library(a, b)), "\(op) \(a) \(b)")
                }
            }
        }
    }
}
