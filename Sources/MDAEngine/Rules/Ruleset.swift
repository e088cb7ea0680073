import CEL
import Foundation

/// A loaded, checked and planned ruleset: immutable, `Sendable`, shared by every evaluation.
///
/// Loading reads every `*.rules` file of a directory in byte-wise name order, parses the
/// blocks, checks every CEL expression against the case schema, orders the rules by their
/// dependencies and plans each expression once. Any error refuses the whole ruleset with every
/// diagnostic positioned as `file:line:column` (see ``RulesetErrors``).
public final class Ruleset: Sendable {
    /// The ruleset's name (`ruleset NAME` block).
    public let name: String
    /// The ruleset's version.
    public let version: String
    /// Hex SHA-256 over the rule files (see ``Ruleset/digest(files:)``).
    public let sha256: String
    /// The rules in evaluation order (dependencies first; file order among equals).
    public let rules: [Rule]
    /// The tunable parameters, in file order.
    public let parameters: [RuleParameter]
    /// Warnings found while loading (for example unused parameters).
    public let warnings: [RuleDiagnostic]

    let slotCount: Int
    /// The CEL variable name of each slot (rule ids, `domain.x.members`, `profile.status`).
    let slotNames: [String]
    /// Per activation slot, the index of the rule whose evaluation sets it (its own slot or
    /// its secondary one), -1 for the case and loop slots: a read of the slot after that rule
    /// saw its final value (``TraceRecorder``).
    let slotSetters: [Int32]
    let ruleIndex: [String: Int]
    /// Each rule's id, by rule index (read without retaining the rule).
    let ruleIDs: [String]
    /// The trace's text of each rule id and slot name, escaped once (``TraceText``).
    let traceText: TraceText
    /// Each rule's activation slot, kind and condition, by rule index (read per evaluated rule
    /// without retaining the rule).
    let slotOfRule: [Int]
    let kinds: [RuleKind]
    let conditions: [Program?]
    /// Each rule's weight and core flag, by rule index (a profile reads them per indicator).
    let weights: [Double]
    let isCore: [Bool]
    /// Indexes into `rules` by role.
    let riskFactors: [Int]
    let profiles: [Int]
    let criteria: [Int]
    let categories: [Int]
    let actions: [Int]
    let phases: [Int]
    let routes: [(route: Route, index: Int)]
    let acuteIndex: Int
    let decisionIndex: Int
    let supportingShare: Double
    /// Rules the route and acute flag depend on (for counterfactual re-evaluation).
    let routeCone: [Bool]
    /// Per rule index: a profile's indicators in file order (the order a decision lists them);
    /// the rule's inputs for every other rule.
    let indicatorsInFileOrder: [[Int]]
    /// Per rule index: the rules that take its value as an input, in evaluation order.
    let dependents: [[Int]]
    /// The whole-number parameters from 1 to 1200, in file order: the windows the candidate
    /// dates of `missing` fall inside and outside of (``Engine/candidateDates(_:)``).
    let windowLengths: [Int]
    /// The longest month window among the parameters (those named `…Months`), else 12.
    let longestMonthWindow: Int
    /// Per rule index: a profile's position in `profiles`, -1 for every other rule.
    let profilePositions: [Int]
    /// Per rule index: an indicator's id without its profile prefix (`jealousy`), else "".
    let indicatorNames: [String]

    /// The rule files this ruleset was compiled from (in byte-wise name order), kept for ``replica()``.
    let files: [(name: String, bytes: [UInt8])]

    init(name: String, version: String, sha256: String, rules: [Rule], parameters: [RuleParameter], warnings: [RuleDiagnostic],
         slotCount: Int, supportingShare: Double, files: [(name: String, bytes: [UInt8])]) {
        self.files = files
        self.name = name
        self.version = version
        self.sha256 = sha256
        self.rules = rules
        self.parameters = parameters
        windowLengths = parameters.compactMap { p in
            guard case .int(let n) = p.value, n > 0, n <= 1200 else { return nil }
            return Int(n)
        }
        longestMonthWindow = parameters.compactMap { p -> Int? in
            if p.name.hasSuffix("Months"), case .int(let n) = p.value { return Int(n) }
            return nil
        }.max() ?? 12
        self.warnings = warnings
        self.slotCount = slotCount
        var names = Array(repeating: "", count: slotCount)
        var setters = Array(repeating: Int32(-1), count: slotCount)
        names[0] = "case"
        for (k, r) in rules.enumerated() {
            names[r.slot] = r.id
            setters[r.slot] = Int32(k)
            if let s = r.secondarySlot {
                names[s] = r.id + (r.kind == .domain ? ".members" : ".status")
                setters[s] = Int32(k)
            }
        }
        self.slotNames = names
        slotSetters = setters
        self.supportingShare = supportingShare
        var index: [String: Int] = [:]
        for (i, r) in rules.enumerated() { index[r.id] = i }
        self.ruleIndex = index
        ruleIDs = rules.map(\.id)
        traceText = TraceText(ruleIDs: ruleIDs, slotNames: names)
        slotOfRule = rules.map(\.slot)
        kinds = rules.map(\.kind)
        conditions = rules.map(\.condition)
        weights = rules.map(\.weight)
        isCore = rules.map(\.isCore)
        // The rules of one kind in file order (evaluation order follows dependencies instead).
        func of(_ kind: RuleKind) -> [Int] {
            rules.indices.filter { rules[$0].kind == kind }.sorted { rules[$0].position < rules[$1].position }
        }
        riskFactors = of(.riskFactor)
        profiles = of(.profile)
        var positions = Array(repeating: -1, count: rules.count)
        for (p, i) in profiles.enumerated() { positions[i] = p }
        profilePositions = positions
        criteria = of(.criterion)
        categories = of(.category).sorted { rules[$0].level < rules[$1].level }
        actions = of(.action)
        phases = of(.phase)
        routes = of(.route).compactMap { i in Route(rawValue: rules[i].id).map { (route: $0, index: i) } }
            .sorted { $0.route.rank > $1.route.rank }
        acuteIndex = of(.acute).first!
        decisionIndex = of(.decision).first!
        var cone = Array(repeating: false, count: rules.count)
        var stack = routes.map(\.index) + [acuteIndex, decisionIndex]
        while let i = stack.popLast() {
            if cone[i] { continue }
            cone[i] = true
            stack.append(contentsOf: rules[i].inputs)
        }
        routeCone = cone
        var ordered = rules.map(\.inputs)
        for i in profiles { ordered[i] = rules[i].inputs.sorted { rules[$0].position < rules[$1].position } }
        indicatorsInFileOrder = ordered
        var dependents = Array(repeating: [Int](), count: rules.count)
        for (k, rule) in rules.enumerated() {
            for i in rule.inputs { dependents[i].append(k) }
        }
        self.dependents = dependents
        indicatorNames = rules.map { r in
            guard r.kind == .indicator, let g = r.group, r.id.hasPrefix(g + ".") else { return "" }
            return String(r.id.dropFirst(g.count + 1))
        }
    }

    /// An equal ruleset compiled again from the same files: same rules, plans and SHA-256,
    /// sharing no objects with this one.
    ///
    /// Evaluation retains and releases the ruleset's objects (programs, rules, constant values)
    /// all the time; threads evaluating with one shared ruleset make those reference counts
    /// move between cores. Giving each thread its own replica (see ``EnginePool``, which says
    /// what that cost) keeps every count core-local.
    public func replica() -> Ruleset {
        // The files compiled once without errors, so they compile again; should that ever fail,
        // sharing this ruleset is still correct, only slower.
        (try? Ruleset.load(files: files)) ?? self
    }

    /// The rule with `id`, if any.
    public func rule(_ id: String) -> Rule? { ruleIndex[id].map { rules[$0] } }

    /// Loads the rules bundled with the package.
    public static func bundled() throws(RulesetErrors) -> Ruleset {
        guard let url = Bundle.module.url(forResource: "rules", withExtension: nil) else {
            throw RulesetErrors([RuleDiagnostic(file: "rules", line: 1, column: 1, code: "io", message: "the bundled rules are missing")])
        }
        return try load(directory: url)
    }

    /// Loads every `*.rules` file of `directory`.
    public static func load(directory: URL) throws(RulesetErrors) -> Ruleset {
        let fm = FileManager.default
        guard let names = try? fm.contentsOfDirectory(atPath: directory.path) else {
            throw RulesetErrors([RuleDiagnostic(file: directory.path, line: 1, column: 1, code: "io",
                                                message: "cannot read the rules directory")])
        }
        var files: [(name: String, bytes: [UInt8])] = []
        for name in names where name.hasSuffix(".rules") {
            guard let data = fm.contents(atPath: directory.appendingPathComponent(name).path) else {
                throw RulesetErrors([RuleDiagnostic(file: name, line: 1, column: 1, code: "io", message: "cannot read the file")])
            }
            files.append((name, [UInt8](data)))
        }
        return try load(files: files)
    }

    /// The SHA-256 of a ruleset's files: over the files in byte-wise name order, each
    /// contributing `name`, a newline, its byte count in decimal, a newline, and its bytes.
    public static func digest(files: [(name: String, bytes: [UInt8])]) -> String {
        var hash = SHA256()
        for file in files.sorted(by: { Array($0.name.utf8).lexicographicallyPrecedes(Array($1.name.utf8)) }) {
            hash.update(Array("\(file.name)\n\(file.bytes.count)\n".utf8))
            hash.update(file.bytes)
        }
        return SHA256.hex(hash.finalize())
    }

    /// Loads a ruleset from file contents (names relative to the rules directory).
    public static func load(files: [(name: String, bytes: [UInt8])]) throws(RulesetErrors) -> Ruleset {
        var compiler = RulesetCompiler()
        return try compiler.compile(files: files)
    }
}

extension RulePosition: Comparable {
    public static func < (a: RulePosition, b: RulePosition) -> Bool {
        if a.file != b.file { return Array(a.file.utf8).lexicographicallyPrecedes(Array(b.file.utf8)) }
        return (a.line, a.column) < (b.line, b.column)
    }

    /// `file:line:column`.
    public var text: String { "\(file):\(line):\(column)" }
}
