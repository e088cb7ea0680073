/// The mutable state of one evaluation, passed `inout` through the node tree: the activation's
/// slot values, the comprehension locals, and the optional observer.
///
/// Everything but `observer` is borrowed for the duration of
/// ``Frame/evaluate(_:slots:activation:localCount:hoistCount:observer:)`` and valid only during that call:
/// `slots` and the activation are the caller's (not retained), `locals` and `hoisted` are
/// temporary buffers (on the stack when small). They are plain buffers and a pointer rather
/// than arrays: a program is evaluated about a thousand times per decision, a program without
/// comprehensions allocates nothing, array writes paid a uniqueness check each, and every
/// retain or allocation made per evaluation was paid a thousand times.
struct Frame {
    /// Values of declared variables, by slot.
    let slots: UnsafeBufferPointer<Value>
    /// Comprehension variables and accumulators, by local index assigned at plan time.
    let locals: UnsafeMutableBufferPointer<Value>
    /// Loop-invariant subexpressions of comprehension bodies, computed on first use in each
    /// evaluation of their comprehension (nil = not yet computed).
    let hoisted: UnsafeMutableBufferPointer<Value?>
    /// The activation, when it has bindings or unknown patterns (nil: it has neither).
    let activation: UnsafePointer<Activation>?
    /// The observer of reads, or nil. Strong, unlike the rest: one retain per evaluation, while
    /// an `unowned(unsafe)` reference was retained and released around every reported read
    /// (a strong property of the `inout` frame is lent to the call as it is).
    let observer: EvaluationObserver?

    /// Variables bound by name (unchecked, dynamic evaluation only).
    var bindings: [String: Value] { activation?.pointee.bindings ?? [:] }
    /// Attribute paths declared unknown (consulted only by the unknown-aware plan).
    var unknownPatterns: [String] { activation?.pointee.unknownPatterns ?? [] }

    /// Evaluates `node` against `slots` and, when it has bindings or unknown patterns,
    /// `activation`, with a frame whose `localCount` locals (initially null) and `hoistCount`
    /// hoisted values (initially not computed) exist for the duration of the call.
    @inline(__always)
    static func evaluate(_ node: EvalNode, slots: UnsafeBufferPointer<Value>, activation: UnsafePointer<Activation>?,
                         localCount: Int, hoistCount: Int, observer: EvaluationObserver?) -> Value {
        withBuffer(of: Value.self, count: localCount, initializedTo: .null) { locals in
            withBuffer(of: Value?.self, count: hoistCount, initializedTo: nil) { hoisted in
                var frame = Frame(slots: slots, locals: locals, hoisted: hoisted, activation: activation, observer: observer)
                return node.eval(&frame)
            }
        }
    }

    /// Evaluates `node` against `activation` (as above).
    static func evaluate(_ node: EvalNode, _ activation: Activation, localCount: Int, hoistCount: Int,
                         observer: EvaluationObserver?) -> Value {
        var a = activation
        let plain = a.bindings.isEmpty && a.unknownPatterns.isEmpty
        return withUnsafePointer(to: &a) { a in
            a.pointee.slots.withUnsafeBufferPointer { slots in
                evaluate(node, slots: slots, activation: plain ? nil : a, localCount: localCount, hoistCount: hoistCount,
                         observer: observer)
            }
        }
    }

    /// Calls `body` with a temporary buffer of `count` copies of `value` (on the stack when
    /// small; no allocation when `count` is 0), deinitialized afterwards.
    @inline(__always)
    private static func withBuffer<T>(of: T.Type, count: Int, initializedTo value: T,
                                      _ body: (UnsafeMutableBufferPointer<T>) -> Value) -> Value {
        guard count > 0 else { return body(UnsafeMutableBufferPointer(start: nil, count: 0)) }
        return withUnsafeTemporaryAllocation(of: T.self, capacity: count) { b in
            b.initialize(repeating: value)
            defer { b.deinitialize() }
            return body(b)
        }
    }
}
