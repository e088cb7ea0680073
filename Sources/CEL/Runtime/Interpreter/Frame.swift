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
    private(set) var locals: UnsafeMutableBufferPointer<Value>
    /// Loop-invariant subexpressions of comprehension bodies, computed on first use in each
    /// evaluation of their comprehension (nil = not yet computed).
    private(set) var hoisted: UnsafeMutableBufferPointer<Value?>
    /// The activation, when it has bindings or unknown patterns (nil: it has neither).
    let activation: UnsafePointer<Activation>?
    /// The observer of reads, or nil. A strong property, because a strong property of the
    /// `inout` frame is lent to each call as it is (an `unowned(unsafe)` one was retained and
    /// released around every reported read); but it does not own the observer:
    /// ``evaluate(_:slots:activation:localCount:hoistCount:observer:)`` lends the caller's
    /// reference to it bit for bit and clears it again without a release (see there).
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
        return withUnsafeTemporaryAllocation(of: Frame.self, capacity: 1) { buffer in
            let frame = buffer.baseAddress!
            frame.initialize(to: Frame(slots: slots, locals: UnsafeMutableBufferPointer(start: nil, count: 0),
                                       hoisted: UnsafeMutableBufferPointer(start: nil, count: 0), activation: activation,
                                       observer: nil))
            // The observer is lent to the frame bit for bit, without a retain (storing it retained
            // it, and destroying the frame released it, once per evaluation: about a tenth of all
            // retains and releases of a decision). The caller holds `observer` for the whole call,
            // nodes only read the frame's `observer` (it is a `let`), and the field is reset to nil
            // without a release before returning. The frame then holds nothing to release (its
            // other fields are trivial), so it is not deinitialized: that was a release call.
            let field = Frame.observerField(frame)
            field.deinitialize(count: 1)
            UnsafeMutableRawPointer(field).storeBytes(of: unsafeBitCast(observer, to: ObserverBits.self),
                                                      as: ObserverBits.self)
            defer { field.initialize(to: nil) }
            if localCount == 0 && hoistCount == 0 { return node.eval(&frame.pointee) }
            return evaluateWithBuffers(node, &frame.pointee, localCount: localCount, hoistCount: hoistCount)
        }
    }

    /// The bits of an optional observer reference (a class existential: the object and its
    /// conformance), to copy one without retaining it.
    private typealias ObserverBits = (UnsafeRawPointer?, UnsafeRawPointer?)

    /// The address of `frame`'s observer field.
    @inline(__always)
    private static func observerField(_ frame: UnsafeMutablePointer<Frame>) -> UnsafeMutablePointer<EvaluationObserver?> {
        (UnsafeMutableRawPointer(frame) + MemoryLayout<Frame>.offset(of: \Frame.observer)!)
            .assumingMemoryBound(to: EvaluationObserver?.self)
    }

    /// Evaluates `node` with `frame`'s locals and hoisted values in one temporary buffer (on the
    /// stack when small). Out of line, and with the frame and an unretained node as the only
    /// things the buffer's closure reaches: closures that captured the node and the observer
    /// retained and released both, several times per evaluation.
    @inline(never)
    private static func evaluateWithBuffers(_ node: EvalNode, _ frame: inout Frame, localCount: Int, hoistCount: Int) -> Value {
        let localBytes = localCount * MemoryLayout<Value>.stride
        let bytes = localBytes + hoistCount * MemoryLayout<Value?>.stride
        let unretained = Unmanaged.passUnretained(node)
        return withUnsafeTemporaryAllocation(byteCount: bytes, alignment: max(MemoryLayout<Value>.alignment,
                                                                              MemoryLayout<Value?>.alignment)) { raw in
            // Both regions are bound to their types for the call only; `Value?` is as aligned as
            // `Value`, and `localBytes` is a multiple of the stride.
            let locals = raw.baseAddress!.bindMemory(to: Value.self, capacity: localCount)
            locals.initialize(repeating: .null, count: localCount)
            let hoisted = (raw.baseAddress! + localBytes).bindMemory(to: Value?.self, capacity: hoistCount)
            hoisted.initialize(repeating: nil, count: hoistCount)
            frame.locals = UnsafeMutableBufferPointer(start: locals, count: localCount)
            frame.hoisted = UnsafeMutableBufferPointer(start: hoisted, count: hoistCount)
            // The node is owned by the caller's program for the whole call.
            let result = unretained._withUnsafeGuaranteedRef { $0.eval(&frame) }
            // Element by element: `deinitialize(count:)` of a buffer went through the runtime's
            // generic array destroy.
            for i in 0..<localCount { (locals + i).deinitialize(count: 1) }
            for i in 0..<hoistCount { (hoisted + i).deinitialize(count: 1) }
            return result
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
}
