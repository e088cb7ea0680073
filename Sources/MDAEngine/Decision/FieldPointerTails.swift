import ByteJSON
import CEL

/// The escaped `/name` tail of every field's JSON Pointer, per record type: the trace writes a
/// field read's key as its record's path followed by these bytes, without building a string.
///
/// ``schema`` covers every record type of the case schema and is built once per process; a
/// writer works on a copy and adds any other type it meets (which copies the tables once).
struct FieldPointerTails: Sendable {
    /// The tails of every record type reachable from the case, built once.
    static let schema = FieldPointerTails(reachableFrom: CaseSchema.case)

    /// The known types, in the order they were added (kept alive here, so their addresses
    /// cannot come to name other types).
    private var types: [ObjectType] = []
    /// The address of each of ``types``: lookups compare these, which unlike comparing the
    /// references themselves retains nothing.
    private var addresses: [UInt] = []
    /// Per type, the index in ``offsets`` of its first field.
    private var firstField: [Int] = []
    /// Field `f` of type `t` is `bytes[offsets[firstField[t] + f] ..< offsets[firstField[t] + f + 1]]`.
    private var offsets: [Int] = [0]
    /// The escaped tails, back to back.
    private(set) var bytes: [UInt8] = []
    /// The type found by the previous lookup (reads of one record come in runs), by address,
    /// and the index in ``offsets`` of its first field. ``types`` retains every type found, so
    /// the address cannot come to name another type.
    private var lastType: UInt = 0
    private var lastFirstField = 0

    /// Tables for `root` and every record type its fields lead to.
    init(reachableFrom root: ObjectType) {
        var pending = [root]
        while let type = pending.popLast() {
            if addresses.contains(UInt(bitPattern: Unmanaged.passUnretained(type).toOpaque())) { continue }
            add(type)
            for field in type.fields { if let child = FieldPointerTails.recordType(field.type) { pending.append(child) } }
        }
    }

    /// The record type a field of type `type` holds, directly or as list elements.
    private static func recordType(_ type: CELType) -> ObjectType? {
        switch type {
        case .object(let o): return o
        case .list(let element): return recordType(element)
        default: return nil
        }
    }

    private mutating func add(_ type: ObjectType) {
        types.append(type)
        addresses.append(UInt(bitPattern: Unmanaged.passUnretained(type).toOpaque()))
        firstField.append(offsets.count - 1)
        for field in type.fields {
            bytes.append(UInt8(ascii: "/"))
            JSONWriter.appendEscaped(field.name, to: &bytes)
            offsets.append(bytes.count)
        }
    }

    /// The range in ``bytes`` of the tail of `field` of `type`, adding the type when it is new.
    mutating func range(_ type: ObjectType, _ field: Int) -> Range<Int> {
        range(Unmanaged.passUnretained(type), field)
    }

    /// The range in ``bytes`` of the tail of `field` of `type`, adding the type when it is new;
    /// `type` is passed unretained because the trace writer looks up every field it writes and
    /// the caller keeps the type alive.
    mutating func range(_ unretained: Unmanaged<ObjectType>, _ field: Int) -> Range<Int> {
        if _slowPath(UInt(bitPattern: unretained.toOpaque()) != lastType) { find(unretained) }
        let first = lastFirstField + field
        return offsets[first]..<offsets[first + 1]
    }

    /// Makes the type at `unretained` the last one found, adding it when it is new.
    private mutating func find(_ unretained: Unmanaged<ObjectType>) {
        let address = UInt(bitPattern: unretained.toOpaque())
        let i = addresses.firstIndex(of: address) ?? types.count
        if i == types.count { add(unretained.takeUnretainedValue()) }
        lastType = address
        lastFirstField = firstField[i]
    }
}
