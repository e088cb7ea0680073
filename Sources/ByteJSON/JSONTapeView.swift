extension JSONTape {
    /// Read access to a tape's values, valid only inside ``JSONTape/withView(_:)``: a value is
    /// its index (the top-level value is ``JSONTape/root``).
    ///
    /// Indexes must be ones the view handed out; kinds must match (``bool(_:)`` of a `bool`,
    /// ``int64(_:)`` of a `number`, and so on).
    public struct View {
        @usableFromInline let entries: UnsafePointer<Entry>
        @usableFromInline let count: Int
        @usableFromInline let text: UnsafeBufferPointer<UInt8>

        @inlinable
        init(entries: UnsafePointer<Entry>, count: Int, text: UnsafeBufferPointer<UInt8>) {
            self.entries = entries
            self.count = count
            self.text = text
        }

        /// The entry at `index`, which must be a valid index.
        @inlinable
        func entry(_ index: Int) -> Entry {
            precondition(index >= 0 && index < count, "JSONTape index out of range")
            return entries[index]
        }

        /// The JSON type of the value at `index`.
        @inlinable
        public func kind(_ index: Int) -> JSONTape.Kind { entry(index).kind }

        /// The Boolean at `index` (which must be a `bool`).
        @inlinable
        public func bool(_ index: Int) -> Bool { entry(index).flags & JSONTape.Entry.isTrue != 0 }

        /// The number of elements or members of the array or object at `index`.
        @inlinable
        public func count(_ index: Int) -> Int { entry(index).a }

        /// The index after the value at `index` and all its descendants: its next sibling, if any.
        @inlinable
        public func after(_ index: Int) -> Int {
            let e = entry(index)
            return e.kind.rawValue >= JSONTape.Kind.array.rawValue ? e.b : index + 1
        }

        /// Calls `body` with the UTF-8 of the string, key or number at `index`.
        @inlinable
        public func withUTF8<R>(_ index: Int, _ body: (UnsafeBufferPointer<UInt8>) throws -> R) rethrows -> R {
            let e = entry(index)
            return try body(UnsafeBufferPointer(rebasing: text[e.a..<e.b]))
        }

        /// The string or key at `index` (or a number's text).
        public func string(_ index: Int) -> String { withUTF8(index) { String(decoding: $0, as: UTF8.self) } }

        /// Whether the string or key at `index` is all ASCII.
        @inlinable
        public func isASCII(_ index: Int) -> Bool { entry(index).flags & JSONTape.Entry.isASCII != 0 }

        /// Whether the strings (keys, numbers) at `index` and `other` have the same UTF-8.
        @inlinable
        public func sameUTF8(_ index: Int, _ other: Int) -> Bool {
            let e = entry(index), o = entry(other)
            guard e.b - e.a == o.b - o.a else { return false }
            for i in 0..<(e.b - e.a) where text[e.a + i] != text[o.a + i] { return false }
            return true
        }

        /// Whether the string or key at `index` equals `other` as Swift compares strings (by
        /// canonical equivalence), comparing bytes only when that gives the same answer.
        public func equals(_ index: Int, _ other: String) -> Bool {
            var other = other
            let e = entry(index)
            let same = other.withUTF8 { o in withUTF8(index) { $0.count == o.count && memcmpEqual($0, o) } }
            if same { return true }
            if e.flags & JSONTape.Entry.isASCII != 0 && other.withUTF8({ JSONTape.isASCII($0) }) { return false }
            return string(index) == other
        }

        /// The integer at `index` (which must be a number), as ``JSONNumber/int64`` gives it.
        public func int64(_ index: Int) -> Int64? { withUTF8(index) { JSONNumber.int64($0) } }

        /// The number at `index` (which must be a number).
        public func number(_ index: Int) -> JSONNumber { JSONNumber(uncheckedText: string(index)) }

        /// The indexes of the elements of the array at `index`, in order; none when the value is not an array.
        @inlinable
        public func elements(_ index: Int) -> Children {
            Children(tape: self, position: index + 1, end: kind(index) == .array ? entry(index).b : 0, step: 1)
        }

        /// The members of the object at `index` as key indexes, in order; a member's value is at
        /// key + 1. None when the value is not an object.
        @inlinable
        public func keys(_ index: Int) -> Children {
            Children(tape: self, position: index + 1, end: kind(index) == .object ? entry(index).b : 0, step: 2)
        }

        /// The value of the first member named `key` of the object at `index` (compared as ``equals(_:_:)`` does).
        public func member(_ index: Int, _ key: String) -> Int? {
            for k in keys(index) where equals(k, key) { return k + 1 }
            return nil
        }

        /// The value at `index` and its descendants as a tree, equal to what
        /// ``JSONReader/read(_:)-(UnsafeRawBufferPointer)`` gives for the same text.
        ///
        /// - Parameter index: Any value's index. The walk recurses once per level of nesting,
        ///   which the reader's depth limit bounds.
        public func value(_ index: Int) -> JSONValue {
            switch kind(index) {
            case .null: return .null
            case .bool: return .bool(bool(index))
            case .number: return .number(JSONNumber(uncheckedText: string(index)))
            case .string: return .string(string(index))
            case .array:
                var elements: [JSONValue] = []
                elements.reserveCapacity(count(index))
                for e in self.elements(index) { elements.append(value(e)) }
                return .array(elements)
            case .object:
                var members: [JSONObject.Member] = []
                members.reserveCapacity(count(index))
                for k in keys(index) { members.append(JSONObject.Member(key: string(k), value: value(k + 1))) }
                return .object(JSONObject(members))
            }
        }

        /// The direct children of a container: its elements, or its members' keys.
        public struct Children: Sequence, IteratorProtocol {
            @usableFromInline let tape: View
            @usableFromInline var position: Int
            @usableFromInline let end: Int
            /// 1 over elements; 2 over keys (each key is followed by its value).
            @usableFromInline let step: Int

            @inlinable
            init(tape: View, position: Int, end: Int, step: Int) {
                self.tape = tape
                self.position = position
                self.end = end
                self.step = step
            }

            /// The next child's index.
            @inlinable
            public mutating func next() -> Int? {
                guard position < end else { return nil }
                let index = position
                position = tape.after(index + step - 1)
                return index
            }
        }
    }
}

/// Whether two buffers of equal length hold the same bytes.
@inline(__always)
private func memcmpEqual(_ a: UnsafeBufferPointer<UInt8>, _ b: UnsafeBufferPointer<UInt8>) -> Bool {
    for i in 0..<a.count where a[i] != b[i] { return false }
    return true
}
