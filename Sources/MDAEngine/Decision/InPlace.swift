import ByteJSON
import CEL

/// Reading strings, lists and records in place for the writers, without copying them.
///
/// Loading a string (or a value holding one) out of memory copies it, which retains its storage
/// and releases it afterwards: two atomic operations per string, and a decision's JSON holds
/// thousands of strings. Matching a ``Value`` with a payload binding copies it the same way, and
/// so does passing a string on to a function that might need its own copy. These helpers avoid
/// all three:
///
/// - Strings are taken `inout` only to be read where they lie, and never written: a
///   contiguous string's UTF-8 is lent by `withUTF8`, which writes only to make a string that is
///   not contiguous (a foreign one) native, and such strings take the separate, copying path.
///   Those paths are out of line: in line, they would make the compiler copy the string up front.
/// - Values are matched by case only (no payload bound); the payload is then read at the
///   value's own address (``payload(_:as:)``).
///
/// Callers pass memory that stays alive and unchanged while it is written: a decision's, a
/// trace's or a record's.
enum InPlace {
    /// The payload of the value at `v`, whose case is one with a payload of type `T`.
    ///
    /// `Value` is a multi-payload enum whose `Int64`, `UInt64` and `Double` payloads have no
    /// spare bits, so its case is kept in tag bytes after the payload, and every payload lies
    /// unchanged at the value's address (the Swift ABI's layout of such enums).
    @inline(__always)
    static func payload<T>(_ v: UnsafePointer<Value>, as: T.Type) -> UnsafeMutablePointer<T> {
        UnsafeMutableRawPointer(mutating: v).assumingMemoryBound(to: T.self)
    }

    /// The first element and count of the list at `v`, whose case is `.list`; the elements stay
    /// where they are as long as the list is alive, and `v` keeps it alive.
    @inline(__always)
    static func elements(_ v: UnsafePointer<Value>) -> (first: UnsafePointer<Value>?, count: Int) {
        let items = payload(v, as: [Value].self)
        let count = items.pointee.count
        return count == 0 ? (nil, 0) : (items.pointee.withUnsafeBufferPointer { $0.baseAddress }, count)
    }

    /// The record at `v`, whose case is `.object`, unretained: `v` holds it.
    @inline(__always)
    static func record(_ v: UnsafePointer<Value>) -> Unmanaged<ObjectValue> {
        Unmanaged.fromOpaque(UnsafeRawPointer(v).load(as: UnsafeRawPointer.self))
    }

    /// Writes `s` as a string value.
    @inline(__always)
    static func string(_ s: inout String, _ w: inout JSONWriter) {
        if s.isContiguousUTF8 { s.withUTF8 { w.string(utf8: $0) } } else { copiedString(&s, &w) }
    }

    /// Writes `s`, `""` for nil, as a string value.
    ///
    /// `s!` as the target of `withUTF8` projects the payload in place; an optional string keeps
    /// its nil in the string's extra inhabitants, so that stores no tag either.
    @inline(__always)
    static func string(_ s: inout String?, _ w: inout JSONWriter) {
        if s?.isContiguousUTF8 == true { s!.withUTF8 { w.string(utf8: $0) } } else { copiedString(&s, &w) }
    }

    /// Writes `s` as an object key.
    @inline(__always)
    static func key(_ s: inout String, _ w: inout JSONWriter) {
        if s.isContiguousUTF8 { s.withUTF8 { w.key(utf8: $0) } } else { copiedKey(&s, &w) }
    }

    /// Writes the key `s` (`""` for nil) followed by bytes already escaped.
    @inline(__always)
    static func key(_ s: inout String?, escapedTail: UnsafeBufferPointer<UInt8>, _ w: inout JSONWriter) {
        if s?.isContiguousUTF8 == true {
            s!.withUTF8 { w.key(utf8: $0, escapedTail: escapedTail) }
        } else {
            copiedKey(&s, escapedTail: escapedTail, &w)
        }
    }

    /// Writes the strings of `items` as an array.
    @inline(__always)
    static func strings(_ items: [String], _ w: inout JSONWriter) {
        w.beginArray()
        each(items) { string(&$0.pointee, &w) }
        w.endArray()
    }

    /// Writes the strings of `items` as an array, the array itself read in place too.
    @inline(__always)
    static func strings(_ items: inout [String], _ w: inout JSONWriter) {
        w.beginArray()
        let count = items.count
        if count > 0, let first = items.withUnsafeBufferPointer({ $0.baseAddress }) {
            for i in 0..<count { string(&UnsafeMutablePointer(mutating: first + i).pointee, &w) }
        }
        w.endArray()
    }

    /// Calls `body` with the address of each element of `items`, in order; `body` only reads
    /// (the elements stay where they are: the array is alive and not changed meanwhile).
    @inline(__always)
    static func each<T>(_ items: [T], _ body: (UnsafeMutablePointer<T>) -> Void) {
        let count = items.count
        guard count > 0, let first = items.withUnsafeBufferPointer({ $0.baseAddress }) else { return }
        for i in 0..<count { body(UnsafeMutablePointer(mutating: first + i)) }
    }

    /// Writes the trace JSON of a record (``DecisionWriter/value(_:_:)``): a member as its id,
    /// any other record as its JSON Pointer; the header and fields are read in place.
    static func record(_ record: Unmanaged<ObjectValue>, _ w: inout JSONWriter) {
        let layout = InPlace.recordLayout
        record._withUnsafeGuaranteedRef { o in
            o.withUnsafeMutablePointers { header, fields in
                let raw = UnsafeMutableRawPointer(header)
                // The type's address, compared without retaining the type.
                if raw.load(fromByteOffset: layout.type, as: UInt.self) == layout.member, header.pointee.count > 0,
                   case .string = fields.pointee {
                    return string(&payload(fields, as: String.self).pointee, &w)
                }
                string(&raw.advanced(by: layout.path).assumingMemoryBound(to: String?.self).pointee, &w)
            }
        }
    }

    /// The offset of a record header's path.
    static var pathOffset: Int { recordLayout.path }

    /// Where a record's header keeps its type and path, and the member type's address (the
    /// schema keeps the type alive).
    private static let recordLayout = (type: MemoryLayout<ObjectHeader>.offset(of: \ObjectHeader.type)!,
                                       path: MemoryLayout<ObjectHeader>.offset(of: \ObjectHeader.path)!,
                                       member: UInt(bitPattern: Unmanaged.passUnretained(CaseSchema.member).toOpaque()))

    // The copying paths, out of line.

    @inline(never)
    private static func copiedString(_ s: inout String, _ w: inout JSONWriter) { w.string(s) }

    @inline(never)
    private static func copiedString(_ s: inout String?, _ w: inout JSONWriter) { w.string(s ?? "") }

    @inline(never)
    private static func copiedKey(_ s: inout String, _ w: inout JSONWriter) { w.key(s) }

    @inline(never)
    private static func copiedKey(_ s: inout String?, escapedTail: UnsafeBufferPointer<UInt8>, _ w: inout JSONWriter) {
        w.key(s ?? "", escapedTail: escapedTail)
    }
}
