/// The mutable state of one evaluation, passed `inout` through the node tree: the activation's
/// slot values, the comprehension locals, and the optional observer.
///
/// `locals` and `hoisted` are owned by ``Frame/evaluate(_:slots:localCount:hoistCount:bindings:unknownPatterns:observer:)``
/// and valid only during that call, as is `slots`, which is borrowed from the caller's
/// activation without retaining it. They are plain buffers rather than arrays: a program is
/// evaluated about a thousand times per decision, a program without comprehensions allocates
/// nothing, array writes paid a uniqueness check each, and every retain made per evaluation was
/// paid a thousand times.
struct Frame {
    /// Values of declared variables, by slot.
    let slots: UnsafeBufferPointer<Value>
    /// Comprehension variables and accumulators, by local index assigned at plan time.
    let locals: UnsafeMutableBufferPointer<Value>
    /// Loop-invariant subexpressions of comprehension bodies, computed on first use in each
    /// evaluation of their comprehension (nil = not yet computed).
    let hoisted: UnsafeMutableBufferPointer<Value?>
    /// Variables bound by name (unchecked, dynamic evaluation only).
    let bindings: [String: Value]
    /// Attribute paths declared unknown (consulted only by the unknown-aware plan).
    let unknownPatterns: [String]
    /// The observer of reads, or nil. Strong, unlike `slots`: one retain per evaluation, while
    /// an `unowned(unsafe)` reference was retained and released around every reported read
    /// (a strong property of the `inout` frame is lent to the call as it is).
    let observer: EvaluationObserver?

    /// Evaluates `node` with a frame whose `localCount` locals (initially null) and `hoistCount`
    /// hoisted values (initially not computed) exist for the duration of the call.
    @inline(__always)
    static func evaluate(_ node: EvalNode, slots: [Value], localCount: Int, hoistCount: Int, bindings: [String: Value],
                         unknownPatterns: [String], observer: EvaluationObserver?) -> Value {
        let locals = buffer(of: Value.self, count: localCount, initializedTo: .null)
        let hoisted = buffer(of: Value?.self, count: hoistCount, initializedTo: nil)
        defer {
            release(locals)
            release(hoisted)
        }
        return slots.withUnsafeBufferPointer { slots in
            var frame = Frame(slots: slots, locals: locals, hoisted: hoisted, bindings: bindings,
                              unknownPatterns: unknownPatterns, observer: observer)
            return node.eval(&frame)
        }
    }

    /// A buffer of `count` copies of `value`; empty (no allocation) when `count` is 0.
    @inline(__always)
    private static func buffer<T>(of: T.Type, count: Int, initializedTo value: T) -> UnsafeMutableBufferPointer<T> {
        guard count > 0 else { return UnsafeMutableBufferPointer(start: nil, count: 0) }
        let b = UnsafeMutableBufferPointer<T>.allocate(capacity: count)
        b.initialize(repeating: value)
        return b
    }

    /// Deinitializes and frees a buffer made by `buffer(of:count:initializedTo:)`.
    @inline(__always)
    private static func release<T>(_ b: UnsafeMutableBufferPointer<T>) {
        guard b.count > 0 else { return }
        b.deinitialize()
        b.deallocate()
    }
}
