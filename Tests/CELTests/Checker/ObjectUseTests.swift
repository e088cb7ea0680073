import Testing
@testable import CEL

/// `CheckedAST.usesObjectsOnlyThroughFields`: which expressions could tell two objects with
/// equal read fields apart.
@Suite("Checker: objects used only through their fields")
struct ObjectUseTests {
    static let people: [Declaration] = [.variable("ps", .list(.object(personType))), .variable("q", .object(personType))]

    static let cases: [(String, Bool)] = [
        // Fields, iteration, passing on, counting.
        ("p.name == 'a'", true),
        ("has(p.name) && p.age > 3", true),
        ("ps.exists(x, x.name == p.name)", true),
        ("ps.filter(x, x.age >= 18)", true),
        ("ps.map(x, x.tags)", true),
        ("size(ps.filter(x, x.age > a)) > 1", true),
        ("a > 1 ? ps : []", true),
        ("ps + [q]", true),
        ("ps[0].name", true),
        ("[p, q].all(x, x.age > 0)", true),
        ("'x' in p.tags", true),
        ("l.exists(i, i > a)", true),
        // Whole objects compared, searched for, converted, or in a map key.
        ("p == q", false),
        ("p != q", false),
        ("q in ps", false),
        ("ps.exists(x, x == p)", false),
        ("ps.filter(x, x.age > 1) == ps", false),
        ("dyn(p).name == 'a'", false),
        ("x == 1", false),
        ("x.y.exists(v, v == 1)", false),
    ]

    @Test("table", arguments: cases)
    func table(_ source: String, _ expected: Bool) throws {
        let env = try checkerEnv(extra: ObjectUseTests.people)
        #expect(try env.compile(source).usesObjectsOnlyThroughFields == expected, "\(source)")
    }

    @Test("an unchecked expression is assumed to compare objects")
    func unchecked() throws {
        let env = try Environment(declarations: [], options: .init(disableCheck: true))
        #expect(try env.compile("1 + 1 == 2").usesObjectsOnlyThroughFields == false)
    }
}
