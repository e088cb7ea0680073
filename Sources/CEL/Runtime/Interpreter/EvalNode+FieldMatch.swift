/// `range.exists(x, x.f == e)` (or `e == x.f`), recognised at plan time: `x` is the loop's
/// variable, `f` a checked field, and `e` a checked field read of another comprehension
/// variable (`m.id`, `r.a.id`), so its value and reads are the same in every iteration.
///
/// Finds `e`'s value once per loop and compares each element's field with it where both are
/// stored, reporting the same reads in the same order as the predicate would (but for those the
/// observer's ``ReadMarks`` spare: most, as the key's reads repeat). An element whose
/// field is not of the key's kind (another type, null, unknown, error, not an object) is
/// evaluated by the predicate itself, and so is every element when `e` is not a string or an
/// int or would not be read from objects of the checked types.
final class FieldMatchNode: QuantifierNode, @unchecked Sendable {
    /// The loop variable's checked type and the compared field.
    let objectType: ObjectType
    let index: Int
    /// True for `x.f == e`: the element's field is read before `e`.
    let keyOnRight: Bool
    /// `e` as ``LocalFieldNode`` reads `m.f` (`middleType` nil), or as ``FieldNode`` over it
    /// reads `m.f.g` (`f` holding an object of `middleType`, `g` its field `next`).
    let keyLocal: Int
    let keyType: ObjectType
    let keyIndex: Int
    let middleType: ObjectType?
    let next: Int

    /// The node for `exists` over `range` with `predicate`, or nil when the predicate is not
    /// such a comparison.
    static func make(id: Int, range: EvalNode, iterVar: Int, predicate: EvalNode) -> FieldMatchNode? {
        guard let node = predicate as? BinaryOpNode, node.op == .equals else { return nil }
        func element(_ n: EvalNode) -> LocalFieldNode? {
            guard let field = n as? LocalFieldNode, field.local == iterVar else { return nil }
            return field
        }
        func key(_ n: EvalNode) -> (LocalFieldNode, FieldNode?)? {
            if let field = n as? LocalFieldNode, field.local != iterVar { return (field, nil) }
            if let outer = n as? FieldNode, let inner = outer.operandRead.localFieldNode, inner.local != iterVar {
                return (inner, outer)
            }
            return nil
        }
        let x: LocalFieldNode, k: (LocalFieldNode, FieldNode?), keyOnRight: Bool
        if let l = element(node.lhs), let r = key(node.rhs) {
            (x, k, keyOnRight) = (l, r, true)
        } else if let r = element(node.rhs), let l = key(node.lhs) {
            (x, k, keyOnRight) = (r, l, false)
        } else {
            return nil
        }
        return FieldMatchNode(id: id, range: range, iterVar: iterVar, predicate: node, objectType: x.objectType,
                              index: x.index, keyOnRight: keyOnRight, key: k.0, outer: k.1)
    }

    private init(id: Int, range: EvalNode, iterVar: Int, predicate: BinaryOpNode, objectType: ObjectType, index: Int,
                 keyOnRight: Bool, key: LocalFieldNode, outer: FieldNode?) {
        self.objectType = objectType
        self.index = index
        self.keyOnRight = keyOnRight
        self.keyLocal = key.local
        self.keyType = key.objectType
        self.keyIndex = key.index
        self.middleType = outer?.objectType
        self.next = outer?.index ?? 0
        super.init(id: id, range: range, iterVar: iterVar, iterVar2: nil, predicate: predicate, isExists: true)
    }

    override func iterate(_ r: UnsafePointer<Value>, _ f: inout Frame) -> Value {
        let stop = rangeFailure(r)
        if let stop { return stop }
        guard let items = LoopNode.listElements(r), let key = key(&f) else { return fold(r, &f) }
        return search(items, key, &f)
    }

    /// `e`'s stored value and the objects it is read from, unretained: the comprehension
    /// variable holds the root for the whole loop, and the root's immutable fields the middle
    /// object. Nil, having reported nothing, when `e` is not a string or an int read from
    /// objects of the checked types.
    struct Key {
        let value: UnsafePointer<Value>
        let root: Unmanaged<ObjectValue>
        let middle: Unmanaged<ObjectValue>?
        /// The observer's marks, read once per loop: after the first element, the key's reads
        /// and most of the elements' are ones it has seen.
        let marks: UnsafePointer<ReadMarks>?
    }

    @inline(__always)
    final func key(_ f: inout Frame) -> Key? {
        guard let root = FieldNode.object(f.locals[keyLocal], keyType) else { return nil }
        var middle: Unmanaged<ObjectValue>?
        let key: UnsafePointer<Value>
        if let middleType {
            guard let m = root._withUnsafeGuaranteedRef({ FieldNode.object($0.fieldPointer(keyIndex).pointee, middleType) })
            else { return nil }
            middle = m
            key = m._withUnsafeGuaranteedRef { $0.fieldPointer(next) }
        } else {
            key = root._withUnsafeGuaranteedRef { $0.fieldPointer(keyIndex) }
        }
        switch key.pointee {
        case .string, .int: return Key(value: key, root: root, middle: middle, marks: f.observer?.readMarks)
        default: return nil
        }
    }

    /// The loop over `items` (the range's elements, alive for the call) against `key`: the
    /// node's value.
    @inline(__always)
    final func search(_ items: UnsafeBufferPointer<Value>, _ key: Key, _ f: inout Frame) -> Value {
        // The predicate out of line: inlined, it cost more per call than the one iteration a
        // call usually has.
        var accu = Value.bool(false)
        let found = anyElement(items, &f) { element, f, lend in
            if let same = matches(element, key, &f) { return same }
            lend()
            return evalPredicate(&f, &accu)
        }
        return found ? .bool(true) : tagged(accu)
    }

    /// The predicate for the current element: true when it holds, else false with a non-bool
    /// result or-ed into `accu`.
    @inline(never)
    private func evalPredicate(_ f: inout Frame, _ accu: inout Value) -> Bool {
        let p = predicateRef.eval(&f)
        if case .bool(let b) = p { return b }
        accu = StandardLibrary.logicalOr(accu, p)
        return false
    }

    /// Whether the field of the element at `element` equals the key, with the reads reported as
    /// the predicate reports them; nil, having reported nothing, when the element is not an
    /// object of the checked type or its field is not of the key's kind.
    @inline(__always)
    private func matches(_ element: UnsafePointer<Value>, _ key: Key, _ f: inout Frame) -> Bool? {
        guard let o = FieldNode.object(element.pointee, objectType) else { return nil }
        let field = o._withUnsafeGuaranteedRef { $0.fieldPointer(index) }
        // The key is a string or an int (see ``key(_:)``): the equality ``BinaryOpNode`` decides.
        guard let same = BinaryOpNode.sameKindEquality(field, key.value) else { return nil }
        if f.observer != nil {
            // Unretained: the range holds the element, and the variables the key's objects, until
            // the observer returns. Each value read is the one its object stores.
            let marks = key.marks
            if keyOnRight { f.report(o, index, marks) }
            f.report(key.root, keyIndex, marks)
            if let middle = key.middle { f.report(middle, next, marks) }
            if !keyOnRight { f.report(o, index, marks) }
        }
        return same
    }

}

/// `range.exists(x, x.g.exists(y, y.f == e))`, recognised at plan time: the predicate a
/// ``FieldMatchNode`` over the loop variable's checked field `g`, with `e` not read from `x`, so
/// its value and reads are the same for every element.
///
/// Finds `e` once for the whole loop and, for each element, reads its field `g` in place
/// (reported as the inner range reports it) and runs the inner match without entering the
/// inner node. An element that is not an object of the checked type, or whose field is not a
/// list, is evaluated by the inner node itself, and so is every element when `e` does not suit
/// the match.
///
/// The loop is usually run once per element of an enclosing loop (`members.filter(m,
/// incidents.exists(i, i.perpetrators.exists(p, p.id == m.id)))`), over the same range, and
/// after the first run the elements' reads are all marked (``ReadMarks``): a later run reports
/// nothing for them but the key's reads. So each evaluation remembers (in three hoisted slots
/// from ``memoSlot``) how many leading elements of a range of at least ``memoMinimum`` earlier
/// runs searched through without a match, each clean (an object of the checked type whose
/// field is a list of objects of the inner type with a field of the key's kind, all of them
/// numbered records), with an index of their fields (a flat list of each field's hash and
/// place, scanned for the key's hash: one word compared per field instead of a field read and
/// an equality per comparison); a later run looks the key up in the index instead of searching
/// those elements again, and goes on as before after them. The reads
/// reported are the same, in the same order.
final class NestedFieldMatchNode: QuantifierNode, @unchecked Sendable {
    let inner: FieldMatchNode
    /// The inner range, `x.g`.
    let field: LocalFieldNode
    /// `inner` unretained (the property above keeps it).
    private let innerRef: Unmanaged<FieldMatchNode>
    /// `field`'s checked type and field index.
    let fieldType: ObjectType
    let fieldIndex: Int
    /// The first of three hoisted slots for this node's memo (set by the planner, which gives them
    /// only to ranges read where they are stored, so that a range's address names one list for
    /// the whole evaluation), or -1 for none.
    var memoSlot = -1
    /// The shortest range that gets a memo.
    static let memoMinimum = 16

    /// The node for `exists` over `range` with `predicate`, or nil when the predicate is not
    /// such an inner match.
    static func make(id: Int, range: EvalNode, iterVar: Int, predicate: EvalNode) -> NestedFieldMatchNode? {
        guard let inner = predicate as? FieldMatchNode, inner.keyLocal != iterVar,
              let field = inner.range as? LocalFieldNode, field.local == iterVar else { return nil }
        return NestedFieldMatchNode(id: id, range: range, iterVar: iterVar, inner: inner, field: field)
    }

    private init(id: Int, range: EvalNode, iterVar: Int, inner: FieldMatchNode, field: LocalFieldNode) {
        self.inner = inner
        self.field = field
        innerRef = .passUnretained(inner)
        fieldType = field.objectType
        fieldIndex = field.index
        super.init(id: id, range: range, iterVar: iterVar, iterVar2: nil, predicate: inner, isExists: true)
    }

    override func iterate(_ r: UnsafePointer<Value>, _ f: inout Frame) -> Value {
        let stop = rangeFailure(r)
        if let stop { return stop }
        guard let items = LoopNode.listElements(r), let key = innerRef._withUnsafeGuaranteedRef({ $0.key(&f) }) else { return fold(r, &f) }
        // Short ranges are searched as they are: their index would cost more than it spares.
        var memo = memoSlot >= 0 && items.count >= NestedFieldMatchNode.memoMinimum
            ? Memo(items, key, node: self, f.hoisted, slot: memoSlot) : nil
        defer { memo?.store(in: f.hoisted, slot: memoSlot) }
        var start = 0
        if let searched = memo?.searched, searched > 0 {
            if memo!.contains(key, in: items, node: self, &f) { return .bool(true) }
            start = searched
        }
        var accu = Value.bool(false)
        var position = start
        let found = anyElement(UnsafeBufferPointer(rebasing: items[start...]), &f) { element, f, lend in
            let p = innerValue(element, key, &f, lend)
            defer { position &+= 1 }
            if case .bool(let b) = p {
                // Searched through: its reads are marked now, so a later run need not report them.
                if !b, memo?.searched == position { memo!.add(element, at: position, key, node: self) }
                return b
            }
            accu = StandardLibrary.logicalOr(accu, p)
            return false
        }
        return found ? .bool(true) : tagged(accu)
    }

    /// How far the runs of one evaluation have searched a range: ``searched`` leading elements,
    /// each clean and without a match, for keys of one kind, under the observer's current
    /// `mark`; and an index of their fields. Kept in the frame's hoisted slots `slot` (the
    /// range's address), `slot + 1` (the rest) and `slot + 2` (the index).
    struct Memo {
        var searched = 0
        let address: UInt64
        let mark: Int32
        let kind: UInt64
        /// Per inner element of the searched elements, in order: a hash of its field's value
        /// (``hash(_:)``) and where it is (outer position << 32 | inner position), as two
        /// `.uint`s.
        var index: [Value] = []

        /// The memo of the range `items` for `key` in `hoisted`, a fresh one when the slots hold
        /// another range's, another mark's or another key kind's; nil when the observer keeps no
        /// marks (every read is then reported again, and none can be skipped). Takes the index
        /// out of its slot (so that it is appended to in place): ``store(in:slot:)`` puts it back.
        init?(_ items: UnsafeBufferPointer<Value>, _ key: FieldMatchNode.Key, node: NestedFieldMatchNode,
              _ hoisted: UnsafeMutableBufferPointer<Value?>, slot: Int) {
            // The key's records numbered too: their reads are then reported once per run,
            // whatever the runs skip.
            let inner = node.inner
            guard let marks = key.marks, let base = items.baseAddress,
                  NestedFieldMatchNode.isNumbered(key.root, inner.keyIndex, marks),
                  key.middle.map({ NestedFieldMatchNode.isNumbered($0, inner.next, marks) }) ?? true else { return nil }
            address = UInt64(UInt(bitPattern: base))
            mark = marks.pointee.mark
            if case .string = key.value.pointee { kind = 1 } else { kind = 2 }
            guard case .uint(let stored)? = hoisted[slot], stored == address, case .uint(let packed)? = hoisted[slot &+ 1],
                  UInt32(truncatingIfNeeded: packed) == UInt32(bitPattern: mark), (packed >> 32) & 3 == kind,
                  case .list(let entries)? = hoisted[slot &+ 2]
            else { return }
            hoisted[slot &+ 2] = nil
            index = entries
            searched = Swift.min(Int(truncatingIfNeeded: packed >> 34), items.count)
        }

        /// Stores the memo in `slot` ... `slot + 2` of `hoisted`.
        func store(in hoisted: UnsafeMutableBufferPointer<Value?>, slot: Int) {
            hoisted[slot] = .uint(address)
            hoisted[slot &+ 1] = .uint(UInt64(searched) << 34 | kind << 32 | UInt64(UInt32(bitPattern: mark)))
            hoisted[slot &+ 2] = .list(index)
        }

        /// Whether a field of the searched elements of `items` matches `key`, their reads (all
        /// marked) not reported, the key's reported as at the inner match's first comparison.
        func contains(_ key: FieldMatchNode.Key, in items: UnsafeBufferPointer<Value>, node: NestedFieldMatchNode,
                      _ f: inout Frame) -> Bool {
            guard !index.isEmpty else { return false }
            let inner = node.inner
            f.report(key.root, inner.keyIndex, key.marks)
            if let middle = key.middle { f.report(middle, inner.next, key.marks) }
            let hash = Memo.hash(key.value)
            return index.withUnsafeBufferPointer { entries in
                var i = 0
                while i &+ 1 < entries.count {
                    if case .uint(let h) = entries[i], h == hash, case .uint(let at) = entries[i &+ 1],
                       let field = node.field(items, Int(truncatingIfNeeded: at >> 32), Int(truncatingIfNeeded: at & 0xFFFF_FFFF)),
                       BinaryOpNode.sameKindEquality(field, key.value) == true {
                        return true
                    }
                    i &+= 2
                }
                return false
            }
        }

        /// Counts the element at `element` (position `position`, just searched through without
        /// a match) as searched when it is clean for `key` (see the node), and indexes its fields.
        mutating func add(_ element: UnsafePointer<Value>, at position: Int, _ key: FieldMatchNode.Key, node: NestedFieldMatchNode) {
            guard let marks = key.marks, let o = FieldNode.object(element.pointee, node.fieldType),
                  NestedFieldMatchNode.isNumbered(o, node.fieldIndex, marks),
                  let list = LoopNode.listElements(o._withUnsafeGuaranteedRef({ $0.fieldPointer(node.fieldIndex) })) else { return }
            let inner = node.inner
            let before = index.count
            for (j, e) in list.enumerated() {
                guard let x = FieldNode.object(e, inner.objectType), NestedFieldMatchNode.isNumbered(x, inner.index, marks),
                      case let field = x._withUnsafeGuaranteedRef({ $0.fieldPointer(inner.index) }),
                      BinaryOpNode.sameKindEquality(field, key.value) != nil else {
                    // Not clean: the element stays unsearched, and so does every later one.
                    index.removeLast(index.count - before)
                    return
                }
                index.append(.uint(Memo.hash(field)))
                index.append(.uint(UInt64(position) << 32 | UInt64(j)))
            }
            searched = position &+ 1
        }

        /// FNV-1a of a string's UTF-8 bytes, or of an int's bits: equal values (by
        /// ``BinaryOpNode/sameKindEquality(_:_:)``, code point by code point) hash the same.
        static func hash(_ v: UnsafePointer<Value>) -> UInt64 {
            var h: UInt64 = 0xcbf2_9ce4_8422_2325
            switch v.pointee {
            case .string(let s):
                for byte in s.utf8 { h = (h ^ UInt64(byte)) &* 0x100_0000_01b3 }
            case .int(let n):
                h = (h ^ UInt64(bitPattern: n)) &* 0x100_0000_01b3
            default:
                break
            }
            return h
        }
    }

    /// The field compared of inner element `j` of element `i` of `items`, nil when either is
    /// not there (an index entry always is: the range does not change during an evaluation).
    @inline(__always)
    private func field(_ items: UnsafeBufferPointer<Value>, _ i: Int, _ j: Int) -> UnsafePointer<Value>? {
        guard i < items.count, let o = FieldNode.object(items[i], fieldType),
              let list = LoopNode.listElements(o._withUnsafeGuaranteedRef({ $0.fieldPointer(fieldIndex) })), j < list.count,
              let x = FieldNode.object(list[j], inner.objectType) else { return nil }
        return x._withUnsafeGuaranteedRef { $0.fieldPointer(inner.index) }
    }

    /// Whether field `field` of `object` has an entry in `marks` (a numbered record's field).
    @inline(__always)
    static func isNumbered(_ object: Unmanaged<ObjectValue>, _ field: Int, _ marks: UnsafePointer<ReadMarks>) -> Bool {
        let index = object._withUnsafeGuaranteedRef { $0.index }
        return index >= 0 && index &+ field < marks.pointee.count
    }

    /// The inner node's value for the element at `element`, its range read in place; `lend`
    /// lends the element to the loop variable, which only the inner node's own evaluation reads
    /// (the inner match reads the element in place, and its predicate not at all).
    @inline(__always)
    private func innerValue(_ element: UnsafePointer<Value>, _ key: FieldMatchNode.Key, _ f: inout Frame,
                            _ lend: () -> Void) -> Value {
        innerRef._withUnsafeGuaranteedRef { inner in
            let field = fieldIndex
            // The element's list in place: the element holds its object, whose fields never
            // change, for the whole inner search (a copy of the list was a retain and release).
            guard let o = FieldNode.object(element.pointee, fieldType),
                  let items = LoopNode.listElements(o._withUnsafeGuaranteedRef({ $0.fieldPointer(field) }))
            else {
                lend()
                return inner.eval(&f)
            }
            inner.clearHoisted(&f)
            // Unretained: the range holds the element until the observer returns.
            if f.observer != nil { f.report(o, field, key.marks) }
            return inner.search(items, key, &f)
        }
    }
}

extension Frame {
    /// Reports a read of the stored value of field `field` of `object` (alive for the call) to
    /// the observer, unless `marks` (its ``EvaluationObserver/readMarks``) spare the report.
    @inline(__always)
    func report(_ object: Unmanaged<ObjectValue>, _ field: Int, _ marks: UnsafePointer<ReadMarks>?) {
        if let marks {
            let index = object._withUnsafeGuaranteedRef { $0.index }, entry = index &+ field
            if index >= 0, entry < marks.pointee.count, marks.pointee.entries[entry] == marks.pointee.mark { return }
        }
        object._withUnsafeGuaranteedRef { observer?.didRead(object: $0, field: field) }
    }
}

extension LoopNode {
    /// Calls `body` with the address of each element of `elements` in turn until it returns
    /// true; whether one did. `body` reads the element where it is, and calls `lend` before
    /// evaluating a node that may read the loop variable: that lends the element to the
    /// variable as ``forEach(_:_:_:)`` does (bit for bit, reset to null without a release at
    /// the end). A plain loop for one variable over a list: `forEach`'s element copy and
    /// variable checks cost more per call than the one iteration a call usually has, and the
    /// matches that read elements in place need no variable at all.
    @inline(__always)
    final func anyElement(_ elements: UnsafeBufferPointer<Value>, _ f: inout Frame,
                          _ body: (UnsafePointer<Value>, inout Frame, _ lend: () -> Void) -> Bool) -> Bool {
        guard let first = elements.baseAddress else { return false }
        let variable = f.locals.baseAddress! + iterVar
        var lent = false
        defer { if lent { variable.initialize(to: .null) } }
        for i in elements.indices {
            let element = first + i
            let found = body(element, &f) {
                // The variable holds null or an owned value (a map's key) until the first lend.
                if !lent {
                    variable.deinitialize(count: 1)
                    lent = true
                }
                UnsafeMutableRawPointer(variable).copyMemory(from: element, byteCount: MemoryLayout<Value>.size)
            }
            if found { return true }
        }
        return false
    }
}
