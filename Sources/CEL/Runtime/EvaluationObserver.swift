/// Receives every variable read and object-field select during an evaluation (for traces).
public protocol EvaluationObserver: AnyObject {
    /// Called after a field of `object` was selected, with the value obtained.
    func didRead(object: ObjectValue, field: Int, value: Value)
    /// Called after the variable in `slot` was read, with its value.
    func didRead(slot: Int, value: Value)
}
