import CEL
import Foundation

/// Runs conformance tests against the `CEL` module and reports failures.
public enum ConformanceRunner {
    /// The outcome of a whole run.
    public struct Report: Sendable {
        /// Ids (`file/section/name`) of passing tests.
        public var passed: [String] = []
        /// Failing tests: id and `expected … got …` message.
        public var failures: [(id: String, message: String)] = []

        /// One line per failure (`file/section/name: expected … got …`) and a final
        /// `N passed, N failed` line.
        public var text: String {
            var lines = failures.map { "\($0.id): \($0.message)" }
            lines.append("\(passed.count) passed, \(failures.count) failed")
            return lines.joined(separator: "\n")
        }
    }

    /// Runs every test of `cases`.
    public static func run(_ cases: [ConformanceCase]) -> Report {
        var report = Report()
        for c in cases {
            if let failure = run(c) {
                report.failures.append((c.id, failure))
            } else {
                report.passed.append(c.id)
            }
        }
        return report
    }

    /// Loads and runs every test file of `directory`.
    public static func run(directory: URL) throws -> Report {
        run(try ConformanceLoader.loadDirectory(directory))
    }

    /// Runs one test: nil when it passes, otherwise `expected … got …`.
    public static func run(_ c: ConformanceCase) -> String? {
        let outcome = evaluate(c)
        switch c.expected {
        case .error(let message):
            switch outcome {
            case .failure: return nil
            case .success(let v):
                if case .error = v { return nil }
                return "expected error (\(message)) got \(v)"
            }
        case .value(let expected):
            return check(outcome, against: [expected])
        case .anyOf(let values):
            return check(outcome, against: values)
        }
    }

    private static func check(_ outcome: Result<Value, CompileFailure>, against expected: [Value]) -> String? {
        let want = expected.count == 1 ? "\(expected[0])" : "any of \(expected.map(\.description).joined(separator: ", "))"
        switch outcome {
        case .failure(let f): return "expected \(want) got compile error: \(f.message)"
        case .success(let v):
            if expected.contains(where: { $0 == v && sameDoubleSign($0, v) }) { return nil }
            return "expected \(want) got \(v)"
        }
    }

    /// Distinguishes 0.0 from -0.0 only when both are plain doubles.
    private static func sameDoubleSign(_ a: Value, _ b: Value) -> Bool {
        if case .double(let x) = a, case .double(let y) = b, x == 0, y == 0 { return x.sign == y.sign }
        return true
    }

    /// A parse, check or planning failure.
    public struct CompileFailure: Error {
        /// The rendered diagnostics.
        public let message: String
    }

    /// Compiles and evaluates a test's expression.
    public static func evaluate(_ c: ConformanceCase) -> Result<Value, CompileFailure> {
        var declarations: [Declaration] = []
        var declared = Set<String>()
        for (name, type) in c.typeEnv where !declared.contains(name) {
            declarations.append(.variable(name, type))
            declared.insert(name)
        }
        for name in c.bindings.keys.sorted() where !declared.contains(name) {
            declarations.append(.variable(name, .dyn))
            declared.insert(name)
        }
        do {
            let env = try Environment(declarations: declarations, container: c.container,
                                      options: .init(disableCheck: c.disableCheck))
            let ast = try env.compile(c.expr)
            let program = try env.program(ast)
            let slots = env.variableNames.map { c.bindings[$0] ?? .error(CELError(code: "no_such_attribute", message: "unbound \($0)")) }
            return .success(program.evaluate(Activation(slots: slots)))
        } catch let e as CELCompileErrors {
            return .failure(CompileFailure(message: e.diagnostics.map(\.message).joined(separator: "; ")))
        } catch {
            return .failure(CompileFailure(message: "\(error)"))
        }
    }
}
