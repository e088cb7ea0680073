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
}

extension EvaluationObserver {
    public func didRead(slot: Int, at value: UnsafePointer<Value>) {
        didRead(slot: slot, value: value.pointee)
    }

    /// Reports the stored value through ``didRead(object:field:value:)``.
    public func didRead(object: ObjectValue, field: Int) {
        didRead(object: object, field: field, value: object.field(field))
    }
}
