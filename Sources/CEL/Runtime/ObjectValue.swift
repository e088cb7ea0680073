/// An instance of an ``ObjectType``: immutable (but see ``replaceField(_:with:)``), shared by
/// reference.
///
/// The field values are stored in the object itself, after its header, so a record is one
/// allocation and a field read is one load from the object (no array buffer to follow and no
/// bounds check). Create records with ``make(type:fields:path:)``.
public final class ObjectValue: ManagedBuffer<ObjectHeader, Value> {
    // Not declared Sendable (a ManagedBuffer subclass cannot be), but safe to share between
    // threads: the header and the fields are written once, by `make`, before the object is
    // shared, and never again (``replaceField(_:with:)`` is only for records never shared).
    // `Value` is therefore `@unchecked Sendable`.

    /// Creates a record. `fields.count` must equal `type.fields.count`.
    @inlinable
    public static func make(type: ObjectType, fields: [Value], path: String? = nil, index: Int = -1) -> ObjectValue {
        let count = fields.count
        precondition(count == type.fields.count, "field count does not match \(type.name)")
        let object = unsafeDowncast(create(minimumCapacity: count) { _ in ObjectHeader(type: type, path: path, count: count, index: index) },
                                    to: ObjectValue.self)
        fields.withUnsafeBufferPointer { source in
            object.withUnsafeMutablePointerToElements { $0.initialize(from: source.baseAddress!, count: count) }
        }
        return object
    }

    /// Creates a record of `type` whose fields `body` appends in order, written straight into
    /// the record (no array is made). `body` must append exactly `type.fields.count` values.
    @inlinable
    public static func make(type: ObjectType, path: String? = nil, index: Int = -1, fields body: (inout FieldWriter) -> Void) -> ObjectValue {
        let count = type.fields.count
        let object = unsafeDowncast(create(minimumCapacity: count) { _ in ObjectHeader(type: type, path: path, count: count, index: index) },
                                    to: ObjectValue.self)
        object.withUnsafeMutablePointerToElements { base in
            var writer = FieldWriter(base: base, capacity: count)
            body(&writer)
            // Fewer fields would leave the rest uninitialized for `deinit`: stop here instead.
            precondition(writer.count == count, "field count does not match \(type.name)")
        }
        return object
    }

    /// Appends the fields of a record being made by ``make(type:path:fields:)``.
    public struct FieldWriter {
        @usableFromInline let base: UnsafeMutablePointer<Value>
        @usableFromInline let capacity: Int
        @usableFromInline var appended = 0
        /// The number of fields appended so far.
        @inlinable public var count: Int { appended }

        @inlinable
        init(base: UnsafeMutablePointer<Value>, capacity: Int) {
            self.base = base
            self.capacity = capacity
        }

        /// Appends the next field's value.
        @inlinable
        public mutating func append(_ value: consuming Value) {
            precondition(appended < capacity, "too many fields")
            (base + appended).initialize(to: value)
            appended += 1
        }
    }

    deinit {
        // Field by field: `deinitialize(count:)` calls the runtime's generic array destroy, which
        // destroys each value through its type's witness; a moved-out value is destroyed inline.
        withUnsafeMutablePointers { header, fields in
            for i in 0..<header.pointee.count { _ = (fields + i).move() }
        }
    }

    // The header is read through its pointer: the `header` property is a class `var`, whose
    // reads would each pay a dynamic exclusivity check.

    /// The record's type.
    @inlinable public var type: ObjectType { withUnsafeMutablePointerToHeader { $0.pointee.type } }

    /// An identity chosen by the host (for example a JSON Pointer such as `/incidents/3`);
    /// CEL never interprets it, but reports it to observers via the object.
    @inlinable public var path: String? { withUnsafeMutablePointerToHeader { $0.pointee.path } }

    /// The number of fields (that of `type`).
    @inlinable public var count: Int { withUnsafeMutablePointerToHeader { $0.pointee.count } }

    /// A number chosen by the host, -1 when none; CEL never interprets it. A host that numbers
    /// the records of a graph densely can keep per-record (or per-field) tables in arrays
    /// instead of hashing records.
    @inlinable public var index: Int { withUnsafeMutablePointerToHeader { Int($0.pointee.storedIndex) } }

    /// One value per field of `type`, in the same order, as a new array. A field may hold
    /// `.unknown`. Reads of single fields should use ``field(_:)`` instead.
    public var fields: [Value] {
        withUnsafeMutablePointerToElements { Array(UnsafeBufferPointer(start: $0, count: count)) }
    }

    /// The value of field `index` (`0 <= index < count`, checked in debug builds only).
    @inlinable
    public func field(_ index: Int) -> Value {
        assert(index >= 0 && index < count, "field index out of range")
        return withUnsafeMutablePointerToElements { $0[index] }
    }

    /// The address of field `index` (`0 <= index < count`, checked in debug builds only), for
    /// reading a field in place without copying it. Valid as long as the object is alive: the
    /// fields live inside the object and never move or change.
    @inlinable
    public func fieldPointer(_ index: Int) -> UnsafePointer<Value> {
        assert(index >= 0 && index < count, "field index out of range")
        let base: UnsafeMutablePointer<Value> = withUnsafeMutablePointerToElements { $0 }
        return UnsafePointer(base + index)
    }

    /// Replaces the value of field `index` (`0 <= index < count`, checked in debug builds only)
    /// in place, breaking the record's immutability: only for a record whose every holder
    /// belongs to the caller (its own copy of a record, never shared with another thread), while
    /// no evaluation reads it and no value the caller keeps relies on the field's old value. A
    /// host varying one field of a copied record over many values saves a new copy per value.
    @inlinable
    public func replaceField(_ index: Int, with value: consuming Value) {
        assert(index >= 0 && index < count, "field index out of range")
        withUnsafeMutablePointerToElements { ($0 + index).pointee = value }
    }
}

/// The header of an ``ObjectValue``, stored before its fields.
public struct ObjectHeader: Sendable {
    /// The record's type.
    public let type: ObjectType
    /// The host's identity for the record.
    public let path: String?
    // Count and index as 32 bits each, so the header stays four words.
    @usableFromInline let storedCount: Int32
    @usableFromInline let storedIndex: Int32

    /// The number of fields stored after the header.
    @inlinable public var count: Int { Int(storedCount) }
    /// The host's number for the record (``ObjectValue/index``), -1 when none.
    @inlinable public var index: Int { Int(storedIndex) }

    /// Creates a header.
    @inlinable
    public init(type: ObjectType, path: String?, count: Int, index: Int = -1) {
        self.type = type
        self.path = path
        storedCount = Int32(count)
        storedIndex = Int32(index)
    }
}
