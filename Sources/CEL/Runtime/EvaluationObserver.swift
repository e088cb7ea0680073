/// Receives every variable read and object-field select during an evaluation (for traces).
public protocol EvaluationObserver: AnyObject {
    /// Called after a field of `object` was selected, with the value obtained.
    func didRead(object: ObjectValue, field: Int, value: Value)
    /// Called after field `field` of `object` was selected, when the value obtained is the one
    /// the object stores (``ObjectValue/field(_:)``). The default reports it through
    /// ``didRead(object:field:value:)``; an observer can read it in place instead, sparing the
    /// caller a copy of the value for the call.
    func didRead(object: ObjectValue, field: Int)
    /// Called after the variable in `slot` was read, with its value.
    func didRead(slot: Int, value: Value)
    /// Called after the variable in `slot` was read, with the address of its value, valid until
    /// the call returns. The default reports it through ``didRead(slot:value:)``; an observer
    /// that seldom needs the value can read it in place instead, sparing the caller a copy (a
    /// retain and a release when the variable holds a list, string or object).
    func didRead(slot: Int, at value: UnsafePointer<Value>)
    /// The observer's ``ReadMarks``, or nil (the default) to be told of every field read.
    /// Consulted where reads repeat most, in the loops that match a field of each element
    /// against a key: elsewhere a check per read cost more than the calls it spared.
    var readMarks: UnsafePointer<ReadMarks>? { get }
}

/// A table by which an observer spares the interpreter reports it would ignore: during an
/// evaluation, a read of field `field` of an object whose ``ObjectValue/index`` `i` is not
/// negative need not be reported (through either `didRead(object:field:…)`) when
/// `i + field < count` and `entries[i + field] == mark`.
///
/// The interpreter reads the table through the observer's pointer (which must stay valid for
/// the evaluation) at every such read, so the observer may change any of it, moving `entries`
/// too, in its calls and between evaluations.
/// For an observer that needs only the first read of each field per run of evaluations: it
/// sets the entry of each read it is told of to `mark`, and changes `mark` to start afresh.
/// An observer that gives marks must work that way: within one evaluation, once it was told of
/// a read (or the marks spared it), a repeat of the read need not be reported again, and the
/// interpreter may skip it without consulting the table (``NestedFieldMatchNode``'s memo).
public struct ReadMarks {
    /// One entry per field of the host's numbered objects (`index + field`).
    public var entries: UnsafeMutablePointer<Int32>
    /// The number of entries.
    public var count: Int
    /// The value of an entry whose reads are not reported.
    public var mark: Int32

    /// Marks with `count` entries at `entries` and the value `mark`.
    public init(entries: UnsafeMutablePointer<Int32>, count: Int, mark: Int32) {
        self.entries = entries
        self.count = count
        self.mark = mark
    }
}

extension EvaluationObserver {
    /// None: every field read is reported.
    public var readMarks: UnsafePointer<ReadMarks>? { nil }

    public func didRead(slot: Int, at value: UnsafePointer<Value>) {
        didRead(slot: slot, value: value.pointee)
    }

    /// Reports the stored value through ``didRead(object:field:value:)``.
    public func didRead(object: ObjectValue, field: Int) {
        didRead(object: object, field: field, value: object.field(field))
    }
}
