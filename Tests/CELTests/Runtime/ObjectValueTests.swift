import Testing
@testable import CEL

/// Records store their fields inline: both ways of making one give the same fields, and the
/// in-place accessors read what was stored, including reference-counted values.
@Suite("Records with inline fields")
struct ObjectValueTests {
    static let type = ObjectType(name: "T", fields: [("a", .int), ("b", .string), ("c", .dyn)])

    @Test("an array and a field writer make the same record")
    func bothWaysAgree() {
        let fields: [Value] = [.int(7), .string("seven and some more text"), .list([.bool(true), .null])]
        let fromArray = ObjectValue.make(type: Self.type, fields: fields, path: "/x")
        let written = ObjectValue.make(type: Self.type, path: "/x") { w in
            #expect(w.count == 0)
            for v in fields { w.append(v) }
            #expect(w.count == 3)
        }
        for o in [fromArray, written] {
            #expect(o.type === Self.type)
            #expect(o.path == "/x")
            #expect(o.count == 3)
            #expect(o.fields == fields)
            for i in 0..<3 {
                #expect(o.field(i) == fields[i])
                #expect(o.fieldPointer(i).pointee == fields[i])
            }
        }
        #expect(Value.object(fromArray) == Value.object(written))
        #expect(Value.object(fromArray).celEquals(.object(written)))
    }

    @Test("a record keeps the host's index, -1 when none is given")
    func index() {
        #expect(ObjectValue.make(type: Self.type, fields: [.int(1), .null, .null]).index == -1)
        #expect(ObjectValue.make(type: Self.type, path: "/x") { w in for _ in 0..<3 { w.append(.null) } }.index == -1)
        let numbered = ObjectValue.make(type: Self.type, fields: [.int(1), .null, .null], path: "/x", index: 42)
        #expect(numbered.index == 42 && numbered.count == 3 && numbered.path == "/x")
        #expect(ObjectValue.make(type: Self.type, path: nil, index: 7) { w in for _ in 0..<3 { w.append(.null) } }.index == 7)
    }

    @Test("a record without a path or fields")
    func emptyRecord() {
        let empty = ObjectType(name: "E", fields: [])
        let o = ObjectValue.make(type: empty, path: nil) { _ in }
        #expect(o.count == 0)
        #expect(o.path == nil)
        #expect(o.fields.isEmpty)
        #expect(Value.object(o).description == "E{}")
    }

    @Test("fields outlive the array they were copied from and are released with the record")
    func fieldLifetimes() {
        weak var watched: ObjectValue?
        do {
            var o: ObjectValue?
            do {
                let inner = ObjectValue.make(type: Self.type, fields: [.int(2), .string("inner"), .null])
                watched = inner
                o = ObjectValue.make(type: Self.type, fields: [.int(1), .string("s"), .object(inner)])
            }
            #expect(watched != nil)
            if case .object(let m)? = o?.field(2) { #expect(m === watched) } else { Issue.record("field 2 is not the record") }
            o = nil
            #expect(o == nil)
        }
        #expect(watched == nil)
    }
}
