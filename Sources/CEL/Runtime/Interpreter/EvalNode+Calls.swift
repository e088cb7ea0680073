/// A strict one-argument call of a function implementation.
final class Call1Node: EvalNode, @unchecked Sendable {
    let arg: EvalNode
    let fn: @Sendable (Value) -> Value
    init(id: Int, arg: EvalNode, fn: @escaping @Sendable (Value) -> Value) {
        self.arg = arg
        self.fn = fn
        super.init(id: id)
    }
    override func eval(_ f: inout Frame) -> Value {
        let a = arg.eval(&f)
        if a.isErrorOrUnknown { return a }
        return tagged(fn(a))
    }
}

/// A strict two-argument call of a function implementation.
final class Call2Node: EvalNode, @unchecked Sendable {
    let lhs: EvalNode
    let rhs: EvalNode
    let fn: @Sendable (Value, Value) -> Value
    init(id: Int, lhs: EvalNode, rhs: EvalNode, fn: @escaping @Sendable (Value, Value) -> Value) {
        self.lhs = lhs
        self.rhs = rhs
        self.fn = fn
        super.init(id: id)
    }
    override func eval(_ f: inout Frame) -> Value {
        let a = lhs.eval(&f)
        let b = rhs.eval(&f)
        if a.isErrorOrUnknown || b.isErrorOrUnknown { return StandardLibrary.strictFailure(a, b) }
        return tagged(fn(a, b))
    }
}

/// A call with any number of arguments; strict unless `nonStrict`.
final class CallNNode: EvalNode, @unchecked Sendable {
    let args: [EvalNode]
    let fn: @Sendable ([Value]) -> Value
    let nonStrict: Bool
    /// `args` unretained.
    private let argList: ChildList
    init(id: Int, args: [EvalNode], nonStrict: Bool, fn: @escaping @Sendable ([Value]) -> Value) {
        self.args = args
        self.fn = fn
        self.nonStrict = nonStrict
        argList = ChildList(args)
        super.init(id: id)
    }
    deinit { argList.deallocate() }
    override func eval(_ f: inout Frame) -> Value {
        var values: [Value] = []
        values.reserveCapacity(argList.count)
        var failed = false
        for i in 0..<argList.count {
            let v = argList[i].eval(&f)
            failed = failed || v.isErrorOrUnknown
            values.append(v)
        }
        if failed && !nonStrict, let failure = StandardLibrary.strictFailure(values) { return failure }
        return tagged(fn(values))
    }
}

/// A non-strict one- or two-argument call (arguments passed as they are).
final class NonStrict1Node: EvalNode, @unchecked Sendable {
    let arg: EvalNode
    let fn: @Sendable (Value) -> Value
    init(id: Int, arg: EvalNode, fn: @escaping @Sendable (Value) -> Value) {
        self.arg = arg
        self.fn = fn
        super.init(id: id)
    }
    override func eval(_ f: inout Frame) -> Value { tagged(fn(arg.eval(&f))) }
}

/// A non-strict two-argument call.
final class NonStrict2Node: EvalNode, @unchecked Sendable {
    let lhs: EvalNode
    let rhs: EvalNode
    let fn: @Sendable (Value, Value) -> Value
    init(id: Int, lhs: EvalNode, rhs: EvalNode, fn: @escaping @Sendable (Value, Value) -> Value) {
        self.lhs = lhs
        self.rhs = rhs
        self.fn = fn
        super.init(id: id)
    }
    override func eval(_ f: inout Frame) -> Value {
        let a = lhs.eval(&f)
        return tagged(fn(a, rhs.eval(&f)))
    }
}

/// A call of a host function with several candidate overloads, chosen at run time by the
/// argument kinds.
final class DispatchNode: EvalNode, @unchecked Sendable {
    let args: [EvalNode]
    let name: String
    let overloads: [Overload]
    let nonStrict: Bool
    init(id: Int, name: String, args: [EvalNode], overloads: [Overload], nonStrict: Bool) {
        self.args = args
        self.name = name
        self.overloads = overloads
        self.nonStrict = nonStrict
        super.init(id: id)
    }
    override func eval(_ f: inout Frame) -> Value {
        var values: [Value] = []
        values.reserveCapacity(args.count)
        for a in args { values.append(a.eval(&f)) }
        if !nonStrict, let failure = StandardLibrary.strictFailure(values) { return failure }
        for o in overloads where o.accepts(values) { return tagged(o.impl(values)) }
        if overloads.count == 1 && nonStrict { return tagged(overloads[0].impl(values)) }
        return tagged(Value.noMatchingOverload(name, values))
    }
}

/// `text.matches(pattern)` with a constant pattern compiled once at plan time.
final class MatchesConstNode: EvalNode, @unchecked Sendable {
    let text: EvalNode
    let regex: CompiledRegex
    init(id: Int, text: EvalNode, regex: CompiledRegex) {
        self.text = text
        self.regex = regex
        super.init(id: id)
    }
    override func eval(_ f: inout Frame) -> Value {
        let v = text.eval(&f)
        if case .string(let s) = v { return .bool(regex.matches(s)) }
        if v.isErrorOrUnknown { return v }
        return tagged(Value.noMatchingOverload("matches", v, .string(regex.pattern)))
    }
}
