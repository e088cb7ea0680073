/// The names of a closed vocabulary (schema keys or enum raw values) as bytes, for finding a
/// document's key or string among them without making a `String`.
///
/// Every name is ASCII, so for ASCII input byte equality is string equality; other input is
/// compared as strings, as `==` does (canonical equivalence), so the answer never differs from
/// comparing `String`s.
struct NameTable<Value>: Sendable where Value: Sendable {
    /// The names, in vocabulary order.
    let names: [String]
    /// The value each name stands for.
    let values: [Value]
    private let bytes: [UInt8]
    /// Name `i` is `bytes[bounds[i]..<bounds[i + 1]]`.
    private let bounds: [Int]

    /// The table of a vocabulary's raw values, in `allCases` order.
    init(_ type: Value.Type) where Value: RawRepresentable & CaseIterable, Value.RawValue == String {
        let values = Array(Value.allCases)
        let names = values.map(\.rawValue)
        precondition(names.allSatisfy { $0.utf8.allSatisfy { $0 < 0x80 } }, "names must be ASCII")
        self.names = names
        self.values = values
        var bytes: [UInt8] = []
        var bounds = [0]
        for name in names {
            bytes.append(contentsOf: name.utf8)
            bounds.append(bytes.count)
        }
        self.bytes = bytes
        self.bounds = bounds
    }

    /// The position of the first name equal to `text`, trying from `hint` onwards (wrapping
    /// around): documents mostly list keys in schema order, so the next key is usually the
    /// name after the last one found.
    ///
    /// - Parameter ascii: Whether `text` is all ASCII (when not, it is compared as a string).
    func index(of text: UnsafeBufferPointer<UInt8>, ascii: Bool, from hint: Int = 0) -> Int? {
        guard ascii else {
            let string = String(decoding: text, as: UTF8.self)
            return names.firstIndex { $0 == string }
        }
        let count = names.count
        guard count > 0 else { return nil }
        return bytes.withUnsafeBufferPointer { b in
            bounds.withUnsafeBufferPointer { o in
                var i = hint < count ? hint : 0
                for _ in 0..<count {
                    let start = o[i]
                    if o[i + 1] - start == text.count && NameTable.same(b.baseAddress! + start, text) { return i }
                    i = i + 1 == count ? 0 : i + 1
                }
                return nil
            }
        }
    }

    /// Whether the name at `name`, as long as `text`, has `text`'s bytes: compared a word at a
    /// time (names are up to ~40 bytes), the last word overlapping the one before, so no load
    /// reaches past either buffer.
    @inline(__always)
    static func same(_ name: UnsafePointer<UInt8>, _ text: UnsafeBufferPointer<UInt8>) -> Bool {
        let n = text.count
        guard n > 0 else { return true }
        let a = UnsafeRawPointer(name), b = UnsafeRawPointer(text.baseAddress!)
        if n >= 8 {
            var i = 0
            while i &+ 8 < n {
                if a.loadUnaligned(fromByteOffset: i, as: UInt64.self) != b.loadUnaligned(fromByteOffset: i, as: UInt64.self) { return false }
                i &+= 8
            }
            return a.loadUnaligned(fromByteOffset: n &- 8, as: UInt64.self) == b.loadUnaligned(fromByteOffset: n &- 8, as: UInt64.self)
        }
        if n >= 4 {
            return a.loadUnaligned(as: UInt32.self) == b.loadUnaligned(as: UInt32.self)
                && a.loadUnaligned(fromByteOffset: n &- 4, as: UInt32.self) == b.loadUnaligned(fromByteOffset: n &- 4, as: UInt32.self)
        }
        for i in 0..<n where name[i] != text[i] { return false }
        return true
    }
}
