import Testing
@testable import CEL

/// The inline ordering of two ints or two timestamps (`BinaryOpNode.sameKindOrder`) and equality
/// of two strings, ints or bools (`sameKindEquality`) agree with the general ones, decline every
/// other pair, and the operators give the same results through them as the library functions.
@Suite("Same-kind ordering matches the general ordering")
struct SameKindOrderTests {
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
        ]
        for (op, library) in ops {
            for a in Self.values {
                for b in Self.values {
                    #expect(node.apply(op, a, b) == node.tagged(library(a, b)), "\(op) \(a) \(b)")
                }
            }
        }
    }
}
