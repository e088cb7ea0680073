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
        var out: [String] = []
        out.reserveCapacity(a.count + b.count)
        var i = 0, j = 0
        while i < a.count && j < b.count {
            if a[i] < b[j] {
                out.append(a[i]); i += 1
            } else if b[j] < a[i] {
                out.append(b[j]); j += 1
            } else {
                out.append(a[i]); i += 1; j += 1
            }
        }
        if i < a.count { out.append(contentsOf: a[i...]) }
        if j < b.count { out.append(contentsOf: b[j...]) }
        // Merging a set with itself or a subset (common in and/or chains over one record)
        // keeps the existing storage.
        if out.count == a.count { return self }
        if out.count == b.count { return other }
        return UnknownSet(sortedUnique: out)
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
