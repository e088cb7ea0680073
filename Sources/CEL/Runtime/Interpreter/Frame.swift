/// The mutable state of one evaluation, passed `inout` through the node tree: the activation's
/// slot values, the comprehension locals, and the optional observer.
struct Frame {
    /// Values of declared variables, by slot.
    let slots: [Value]
    /// Comprehension variables and accumulators, by local index assigned at plan time.
    var locals: [Value]
    /// Loop-invariant subexpressions of comprehension bodies, computed on first use in each
    /// evaluation of their comprehension (nil = not yet computed).
    var hoisted: [Value?]
    /// Variables bound by name (unchecked, dynamic evaluation only).
    let bindings: [String: Value]
    /// Attribute paths declared unknown (consulted only by the unknown-aware plan).
    let unknownPatterns: [String]
    /// The observer of reads, or nil.
    let observer: EvaluationObserver?

    init(slots: [Value], localCount: Int, hoistCount: Int = 0, bindings: [String: Value], unknownPatterns: [String],
         observer: EvaluationObserver?) {
        self.slots = slots
        self.locals = [Value](repeating: .null, count: localCount)
        self.hoisted = [Value?](repeating: nil, count: hoistCount)
        self.bindings = bindings
        self.unknownPatterns = unknownPatterns
        self.observer = observer
    }
}
