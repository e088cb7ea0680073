import CEL

/// The unknown leaves of one kind of record, made once for its first records (those with a
/// precomputed path): building a case takes an unknown fact's value from here instead of
/// making its pointer string and its unknown set, two allocations per leaf.
///
/// A leaf's pointer is its record's path, a slash and its field's name, as
/// ``CaseGraph/leaf(_:_:)`` makes it for records past the table.
struct LeafTable: Sendable {
    /// The records' type: the leaves' keys are its field names.
    let type: ObjectType
    /// How many records the table covers (the first ones, by index).
    let records: Int
    private let fieldCount: Int
    /// Field `f` of record `r` at `r * fieldCount + f`: the unknown of its pointer for a field
    /// that can be an unknown leaf, null (never read) for the others.
    private let values: [Value]

    /// The leaves of the records at `paths` (record `r` at `paths[r]`).
    /// - Parameter fields: The fields that can be unknown leaves; nil for all of them.
    init(_ type: ObjectType, paths: [String], fields: [String]? = nil) {
        let names = type.fields.map(\.name)
        precondition(fields?.allSatisfy(names.contains) ?? true, "a leaf is a field of \(type.name)")
        let isLeaf = names.map { fields?.contains($0) ?? true }
        // Made as a build makes a leaf past the table, so both are the same value.
        let graph = CaseGraph()
        var values: [Value] = []
        values.reserveCapacity(paths.count * names.count)
        for path in paths {
            for (name, leaf) in zip(names, isLeaf) { values.append(leaf ? graph.leaf(path, name) : .null) }
        }
        self.type = type
        self.records = paths.count
        self.fieldCount = names.count
        self.values = values
    }

    /// The unknown leaf of field `field` of record `record` (below ``records``).
    @inline(__always)
    subscript(record: Int, field: Int) -> Value {
        values[record &* fieldCount &+ field]
    }
}
