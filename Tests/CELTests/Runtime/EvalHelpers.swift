@testable import CEL

/// Compiles and evaluates `source` with the given variables (declared in order), unknown
/// patterns and options; compile failures are returned as an error value with code `compile`.
func evalCEL(_ source: String, _ vars: [(String, CELType, Value)] = [], unknowns: [String] = [],
             kleene: Bool = false, disableCheck: Bool = false, functions: [FunctionDecl] = []) -> Value {
    do {
        let env = try Environment(declarations: vars.map { .variable($0.0, $0.1) }, functions: functions,
                                  options: .init(disableCheck: disableCheck, enableKleeneExtensions: kleene))
        let program = try env.program(try env.compile(source))
        return program.evaluate(Activation(slots: vars.map(\.2), unknownPatterns: unknowns))
    } catch {
        return .error(CELError(code: "compile", message: "\(error)"))
    }
}

/// The error code of an error value, or nil.
func errorCode(_ v: Value) -> String? {
    if case .error(let e) = v { return e.code }
    return nil
}

/// One table row: an expression and the expected value (`.error(code)` compares codes).
struct Row: Sendable, CustomTestStringConvertible {
    let source: String
    let expected: Value
    init(_ source: String, _ expected: Value) {
        self.source = source
        self.expected = expected
    }
    var testDescription: String { source }
}

import Testing

/// Checks one row: values compare structurally; expected errors compare by code (an empty
/// expected code accepts any error, including compile errors).
func check(_ row: Row, _ vars: [(String, CELType, Value)] = [], unknowns: [String] = [], kleene: Bool = false,
           sourceLocation: SourceLocation = #_sourceLocation) {
    let got = evalCEL(row.source, vars, unknowns: unknowns, kleene: kleene)
    if case .error(let want) = row.expected {
        guard case .error(let e) = got else {
            Issue.record("\(row.source): expected error \(want.code), got \(got)", sourceLocation: sourceLocation)
            return
        }
        if !want.code.isEmpty && want.code != e.code {
            Issue.record("\(row.source): expected error \(want.code), got \(e.code): \(e.message)", sourceLocation: sourceLocation)
        }
        return
    }
    #expect(got == row.expected, "\(row.source)", sourceLocation: sourceLocation)
}

/// An expected error with `code` ("" = any error).
func err(_ code: String = "") -> Value { .error(CELError(code: code, message: "")) }
