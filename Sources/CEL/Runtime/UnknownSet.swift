/// A set of attribute paths (such as `a.b`) whose values are unknown; sorted and deduplicated.
public struct UnknownSet: Sendable, Hashable {
    /// The sorted, deduplicated paths.
    public let paths: [String]

    /// Creates a set from paths (sorted and deduplicated).
    public init(_ paths: [String]) {
        // One path (every unknown leaf starts as one) or an already sorted list needs no set.
        if UnknownSet.isStrictlyIncreasing(paths) {
            self.paths = paths
        } else {
            // Sorting brings equal paths together (String's order agrees with its equality), so
            // dropping adjacent repeats deduplicates without hashing every path.
            var sorted = paths.sorted()
            var kept = 0
            for k in sorted.indices where kept == 0 || sorted[kept - 1] != sorted[k] {
                sorted.swapAt(kept, k)
                kept += 1
            }
            sorted.removeLast(sorted.count - kept)
            self.paths = sorted
        }
    }

    private init(sortedUnique paths: [String]) { self.paths = paths }

    /// The union of two sets: one linear merge of the two sorted lists.
    public func merged(with other: UnknownSet) -> UnknownSet {
        let a = paths, b = other.paths
        if b.isEmpty { return self }
        if a.isEmpty { return other }
        // A set merged with a copy of itself shares its storage: no path needs comparing.
        if a.count == b.count && a.withUnsafeBufferPointer({ $0.baseAddress }) == b.withUnsafeBufferPointer({ $0.baseAddress }) {
            return self
        }
        // The larger set is walked as `x`: the union is `x` itself (its storage kept, nothing
        // allocated) until an element of `y` turns out missing from it — merging a set with a
        // subset is common in and/or chains over one record.
        let swapped = a.count < b.count
        let x = swapped ? b : a, y = swapped ? a : b
        var out: [String]? = nil
        var i = 0, j = 0
        while i < x.count && j < y.count {
            if x[i] < y[j] {
                out?.append(x[i]); i += 1
            } else if y[j] < x[i] {
                if out == nil { out = Self.prefix(x, i, capacity: x.count + y.count) }
                out!.append(y[j]); j += 1
            } else {
                out?.append(x[i]); i += 1; j += 1
            }
        }
        if j < y.count {
            if out == nil { out = Self.prefix(x, i, capacity: x.count + y.count) }
            out!.append(contentsOf: y[j...])
        }
        if i < x.count { out?.append(contentsOf: x[i...]) }
        guard let union = out else { return swapped ? other : self }
        return UnknownSet(sortedUnique: union)
    }

    /// The first `count` paths of `paths`, with room for `capacity`.
    private static func prefix(_ paths: [String], _ count: Int, capacity: Int) -> [String] {
        var p: [String] = []
        p.reserveCapacity(capacity)
        p.append(contentsOf: paths[..<count])
        return p
    }

    private static func isStrictlyIncreasing(_ paths: [String]) -> Bool {
        var k = 1
        while k < paths.count {
            guard paths[k - 1] < paths[k] else { return false }
            k += 1
        }
        return true
    }
}
