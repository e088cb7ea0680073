/// A planned expression: immutable, `Sendable`, evaluated any number of times from any thread.
///
/// Planning produces two evaluator trees from the same expression: a fast one (no
/// unknown-attribute checks) used when the activation declares no unknown patterns, and one
/// that checks every variable and field-select path against the activation's unknown
/// patterns. Both report reads to an observer when one is given.
public final class Program: Sendable {
    private let root: EvalNode
    private let unknownAwareRoot: EvalNode
    private let localCount: Int
    private let hoistCount: Int
    /// Declared variable names by slot (to fill slots from name bindings).
    private let slotNames: [String]
    /// The checked output type (`.dyn` when unchecked).
    public let outputType: CELType

    /// Plans `expr` (internal; hosts use `Environment.program(_:)`).
    init(expr: Expr, functions: [FunctionDecl], references: [Int: PlanReference], slotNames: [String],
         constants: [String: Value], candidateNames: @escaping (String) -> [String], outputType: CELType = .dyn,
         specialised: Bool = true) {
        let table = Planner.functionTable(functions)
        var slots: [String: Int] = [:]
        for (i, n) in slotNames.enumerated() where slots[n] == nil { slots[n] = i }
        var fast = Planner(functions: table, references: references, slotOf: { slots[$0] }, constantOf: { constants[$0] },
                           candidateNames: candidateNames, withUnknowns: false, specialised: specialised)
        self.root = fast.plan(expr)
        var full = Planner(functions: table, references: references, slotOf: { slots[$0] }, constantOf: { constants[$0] },
                           candidateNames: candidateNames, withUnknowns: true, specialised: specialised)
        self.unknownAwareRoot = full.plan(expr)
        self.localCount = max(fast.localCount, full.localCount)
        self.hoistCount = max(fast.hoistCount, full.hoistCount)
        self.slotNames = slotNames
        self.outputType = outputType
    }

    /// Plans an unchecked expression over the standard library with variables bound by name or
    /// declared in `variables` (slot order) — a convenience for tests and tools.
    convenience init(expr: Expr, variables: [String] = [], functions: [FunctionDecl] = []) {
        self.init(expr: expr, functions: StandardLibrary.functions + KleeneLibrary.functions + functions,
                  references: [:], slotNames: variables, constants: [:],
                  candidateNames: { name in name.hasPrefix(".") ? [String(name.dropFirst())] : [name] })
    }

    /// Evaluates the expression against `activation`. Never throws: errors are values.
    public func evaluate(_ activation: Activation) -> Value {
        run(activation, observer: nil)
    }

    /// Evaluates the expression, reporting variable reads and field selects to `observer`.
    public func evaluate(_ activation: Activation, observer: EvaluationObserver) -> Value {
        run(activation, observer: observer)
    }

    /// Evaluates the expression against slot values lent as a buffer, as for an activation with
    /// these slots and neither bindings nor unknown patterns, reporting reads to `observer` when
    /// given. For hosts that rebind one slot many times (once per element of a list): they
    /// write the slot in place instead of assigning into an activation's array each time.
    /// - Precondition: `slots` holds a value for every declared variable.
    public func evaluate(slots: UnsafeBufferPointer<Value>, observer: EvaluationObserver?) -> Value {
        Frame.evaluate(root, slots: slots, activation: nil, localCount: localCount, hoistCount: hoistCount,
                       observer: observer)
    }

    @inline(__always)
    private func run(_ activation: Activation, observer: EvaluationObserver?) -> Value {
        if activation.unknownPatterns.isEmpty && activation.bindings.isEmpty {
            // The common case: slots only, lent to the frame without copying the activation.
            return activation.slots.withUnsafeBufferPointer { slots in
                Frame.evaluate(root, slots: slots, activation: nil, localCount: localCount, hoistCount: hoistCount,
                               observer: observer)
            }
        }
        let node = activation.unknownPatterns.isEmpty ? root : unknownAwareRoot
        if activation.slots.count < slotNames.count && !activation.bindings.isEmpty {
            var filled = activation
            filled.slots = slotNames.enumerated().map { i, name in
                i < activation.slots.count ? activation.slots[i]
                    : activation.bindings[name] ?? .error("no_such_attribute", "no value bound for '\(name)'")
            }
            return Frame.evaluate(node, filled, localCount: localCount, hoistCount: hoistCount, observer: observer)
        }
        return Frame.evaluate(node, activation, localCount: localCount, hoistCount: hoistCount, observer: observer)
    }
}
