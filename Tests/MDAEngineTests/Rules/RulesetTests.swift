import Foundation
import Testing
@testable import MDAEngine

@Suite("Ruleset loading")
struct RulesetTests {
    /// The real rules with one file replaced or added.
    func load(replacing name: String, with text: String) -> Result<Ruleset, RulesetErrors> {
        var files = TestSupport.ruleFiles().filter { $0.name != name }
        files.append((name, Array(text.utf8)))
        do { return .success(try Ruleset.load(files: files)) } catch { return .failure(error) }
    }

    func diagnostics(_ name: String, _ text: String) -> [String] {
        switch load(replacing: name, with: text) {
        case .success(let r): return r.warnings.map(\.description)
        case .failure(let e): return e.diagnostics.map(\.description)
        }
    }

    @Test("the bundled rules load without errors or warnings")
    func bundled() throws {
        let r = try Ruleset.bundled()
        #expect(r.name == "mda-nl")
        #expect(r.warnings.isEmpty)
        #expect(r.sha256.count == 64)
        #expect(r.rules.filter { $0.kind == .riskFactor }.count == 48)
        #expect(r.rules.filter { $0.kind == .profile }.map(\.id) .count == 6)
        #expect(r.rules.filter { $0.kind == .criterion }.map(\.id).sorted() == ["A", "B", "C", "H", "R"])
        // Every rule cites a source and has both labels.
        for rule in r.rules where rule.kind != .decision {
            #expect(!rule.source.isEmpty && !rule.labelNL.isEmpty && !rule.labelEN.isEmpty, "\(rule.id)")
        }
    }

    @Test("dependencies come before the rules that read them")
    func order() throws {
        let r = try Ruleset.bundled()
        let position = Dictionary(uniqueKeysWithValues: r.rules.enumerated().map { ($1.id, $0) })
        #expect(position["incidents12"]! < position["repeated_incidents"]!)
        #expect(position["A"]! < position["mda_plus_plus"]!)
        #expect(position["route"]! < position["single_coordinator"]!)
        #expect(position["intimate_terror"]! < position["H"]!)
    }

    @Test("the digest covers names and bytes in a defined order")
    func digest() {
        let a = Ruleset.digest(files: [("a.rules", [1, 2]), ("b.rules", [3])])
        let b = Ruleset.digest(files: [("b.rules", [3]), ("a.rules", [1, 2])])
        let c = Ruleset.digest(files: [("a.rules", [1]), ("b.rules", [2, 3])])
        #expect(a == b)
        #expect(a != c)
        #expect(Ruleset.digest(files: []) == "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855")
    }

    @Test("problems are reported with file:line:column", arguments: [
        // A CEL syntax error on the first line of a condition: the column is the file column (end of "1 +").
        ("99-x.rules", "fact broken\n  label.nl: x\n  label.en: x\n  source: test\n  value: 1 +\n",
         "99-x.rules:5:13: error: unexpected end of input"),
        // An undefined name on a continuation line.
        ("99-x.rules", "fact broken\n  label.nl: x\n  label.en: x\n  source: test\n  value: 1 +\n    nosuchfact\n",
         "99-x.rules:6:5: error:"),
        // A type error.
        ("99-x.rules", "fact broken\n  label.nl: x\n  label.en: x\n  source: test\n  value: 1 + \"a\"\n",
         "99-x.rules:5:"),
        // An unknown field of the case.
        ("99-x.rules", "fact broken\n  label.nl: x\n  label.en: x\n  source: test\n  value: case.household.pets\n",
         "99-x.rules:5:"),
        // A duplicate id.
        ("99-x.rules", "fact incidents12\n  label.nl: x\n  label.en: x\n  source: test\n  value: 1\n",
         "99-x.rules:1:6: error: `incidents12` is already defined at 20-derived-facts.rules"),
        // A missing attribute and an unknown one.
        ("99-x.rules", "fact broken\n  label.nl: x\n  source: test\n  valeu: 1\n",
         "99-x.rules:4:3: error: `fact` has no attribute `valeu`"),
        // A cycle.
        ("99-x.rules", "fact p\n  label.nl: x\n  label.en: x\n  source: test\n  value: q\nfact q\n  label.nl: x\n  label.en: x\n  source: test\n  value: p\n",
         "error: rules depend on each other in a cycle: p → q → p"),
        // Tabs.
        ("99-x.rules", "fact broken\n\tvalue: 1\n", "99-x.rules:2:1: error: tabs are not allowed"),
        // An unused parameter is a warning.
        ("99-x.rules", "parameter neverUsed = 3\n  label.nl: x\n  label.en: x\n  source: test\n",
         "99-x.rules:1:1: warning: parameter `neverUsed` is not used by any rule"),
        // A risk factor in a domain nobody defined.
        ("99-x.rules", "risk_factor odd\n  domain: nowhere\n  label.nl: x\n  label.en: x\n  source: test\n  when: true\n",
         "99-x.rules:2:11: error: no `domain nowhere` block"),
    ])
    func diagnostics(file: String, text: String, expected: String) {
        let found = diagnostics(file, text)
        #expect(found.contains { $0.contains(expected) }, "got \(found)")
    }

    @Test("a ruleset with errors never half-loads, and all errors are listed")
    func allOrNothing() {
        let text = "fact e1\n  label.nl: x\n  label.en: x\n  source: t\n  value: nope1\nfact e2\n  label.nl: x\n  label.en: x\n  source: t\n  value: nope2\n"
        guard case .failure(let e) = load(replacing: "99-x.rules", with: text) else {
            Issue.record("the broken ruleset loaded")
            return
        }
        #expect(e.diagnostics.filter { $0.severity == .error }.count == 2)
    }

    @Test("a missing route is an error")
    func missingRoute() {
        let files = TestSupport.ruleFiles().map { f -> (name: String, bytes: [UInt8]) in
            guard f.name.hasPrefix("60-") else { return f }
            let text = String(decoding: f.bytes, as: UTF8.self).replacingOccurrences(of: "route regular_care", with: "route regular_care_x")
            return (f.name, Array(text.utf8))
        }
        #expect(throws: RulesetErrors.self) { try Ruleset.load(files: files) }
    }
}
