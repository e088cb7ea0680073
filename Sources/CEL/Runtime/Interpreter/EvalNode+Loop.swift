/// The part every comprehension-shaped node shares: the range, one or two iteration variables,
/// the hoisted body values to clear, and the walk over a list or map that binds the variables.
class LoopNode: EvalNode, @unchecked Sendable {
    let range: EvalNode
    let iterVar: Int
    /// The second variable of two-variable forms (list: index and element; map: key and value).
    let iterVar2: Int?
    /// Hoisted-value slots of this comprehension's body, cleared before each evaluation.
    var resetSlots: [Int] = []

    /// `range`, read where it is stored when it is a variable or field read.
    let rangeRead: Operand

    init(id: Int, range: EvalNode, iterVar: Int, iterVar2: Int?) {
        self.range = range
        rangeRead = Operand(range)
        self.iterVar = iterVar
        self.iterVar2 = iterVar2
        super.init(id: id)
    }

    /// Clears the hoisted body values, evaluates the range and runs ``iterate(_:_:)`` over it.
    ///
    /// A range that is a variable or a field of an object a variable holds is lent where it is
    /// stored (see ``Operand/storedAddress(_:)``: it stays there unchanged for the whole loop):
    /// evaluating it copied the list, a retain and a release per loop. Any other range is
    /// evaluated into a local the loop borrows. By address, also to ``iterate(_:_:)``: a value
    /// passed to the overridden method was copied.
    override final func eval(_ f: inout Frame) -> Value {
        clearHoisted(&f)
        if let stored = rangeRead.storedAddress(&f) { return iterate(stored, &f) }
        var r = range.eval(&f)
        return withUnsafePointer(to: &r) { iterate($0, &f) }
    }

    /// Clears the hoisted body values. By index, reading the property anew for each slot: a
    /// `for in` over it retained and released the array around the walk (a cleared value's
    /// release could, for all the compiler knows, reassign the property).
    @inline(__always)
    final func clearHoisted(_ f: inout Frame) {
        var i = 0
        while i < resetSlots.count {
            f.hoisted[resetSlots[i]] = nil
            i += 1
        }
    }

    /// The node's value for the range's value at `r` (any value: see ``rangeFailure(_:)``),
    /// which stays alive and unchanged during the call.
    func iterate(_ r: UnsafePointer<Value>, _ f: inout Frame) -> Value { fatalError("abstract") }

    /// The node's value when the range at `r` cannot be iterated: its own error or unknown, or
    /// a type error; nil for a list or a map.
    @inline(__always)
    final func rangeFailure(_ r: UnsafePointer<Value>) -> Value? {
        switch r.pointee {
        case .list, .map: return nil
        case .error, .unknown: return r.pointee
        default:
            return .error(CELError(code: "no_matching_overload",
                                   message: "cannot iterate over a value of type '\(r.pointee.kindName)'", exprID: id))
        }
    }

    /// The elements of the list at `r`, unretained; nil when it is not a list. Valid as long as
    /// the value at `r` lives unchanged (the caller's range, slot, object field or local holds
    /// it for the whole loop). A leaf with no call between the list's load and its end, so the
    /// optimiser drops the copy's retain and release; an array here is always native and
    /// contiguous, so its buffer is its storage.
    @inline(__always)
    static func listElements(_ r: UnsafePointer<Value>) -> UnsafeBufferPointer<Value>? {
        guard case .list(let items) = r.pointee else { return nil }
        return items.withUnsafeBufferPointer { $0 }
    }

    /// Binds the iteration variables to each element of `r` in turn (a list's element, or index
    /// and element; a map's key, or key and value) and calls `body` with the element (list) or
    /// key (map), until `body` returns false.
    @inline(__always)
    final func forEach(_ r: UnsafePointer<Value>, _ f: inout Frame, _ body: (inout Frame, Value) -> Bool) {
        if let elements = LoopNode.listElements(r) {
            // Each element is lent to its local bit for bit, without a retain of its own (an
            // assignment retained it and released the previous one, per element): the list, kept
            // alive by the caller's `r` for the whole walk, owns the elements, and no node but
            // this one writes an iteration variable (locals are never reused across
            // comprehensions). Reads of the local copy (retain) as before. The local is reset to
            // null without a release before returning, so the frame never releases a lent value.
            let element = f.locals.baseAddress! + (iterVar2 ?? iterVar)
            element.deinitialize(count: 1)
            defer { element.initialize(to: .null) }
            guard let first = elements.baseAddress else { return }
            let raw = UnsafeMutableRawPointer(element)
            for i in elements.indices {
                if iterVar2 != nil { f.locals[iterVar] = .int(Int64(i)) }
                raw.copyMemory(from: first + i, byteCount: MemoryLayout<Value>.size)
                if !body(&f, elements[i]) { return }
            }
        } else if case .map(let m) = r.pointee {
            for (k, v) in m.entries {
                f.locals[iterVar] = k
                if let i2 = iterVar2 { f.locals[i2] = v }
                if !body(&f, k) { return }
            }
        }
    }
}
