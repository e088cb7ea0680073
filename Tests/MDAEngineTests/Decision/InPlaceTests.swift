import ByteJSON
import CEL
import Testing
@testable import MDAEngine

/// ``InPlace`` reads values where they lie; these tests hold its layout assumption (a value's
/// payload at the value's address) and its writes to the plain encoding.
@Suite("In-place reading")
struct InPlaceTests {
    @Test("a value's string, list and record payloads lie at its address")
    func payloads() {
        var s = Value.string("a string long enough to have native storage")
        withUnsafePointer(to: &s) { #expect(InPlace.payload($0, as: String.self).pointee == "a string long enough to have native storage") }
        var l = Value.list([.int(1), .string("x")])
        withUnsafePointer(to: &l) { v in
            let items = InPlace.elements(v)
            #expect(items.count == 2)
            if case .int(1)? = items.first?.pointee {} else { Issue.record("first element") }
        }
        let o = ObjectValue.make(type: CaseSchema.case, fields: Array(repeating: .null, count: CaseSchema.case.fields.count), path: "/")
        var r = Value.object(o)
        withUnsafePointer(to: &r) { #expect(InPlace.record($0).takeUnretainedValue() === o) }
    }

    @Test("strings written in place are the plain encoding", arguments: ["", "short", "quote \" and \\ and \u{1}", "é and e\u{301}, long enough to be native"])
    func strings(_ text: String) {
        var plain = JSONWriter(), inPlace = JSONWriter()
        plain.beginArray(); plain.string(text); plain.endArray()
        plain.beginObject(); plain.key(text); plain.null(); plain.endObject()
        var copy = text
        inPlace.beginArray(); InPlace.string(&copy, &inPlace); inPlace.endArray()
        inPlace.beginObject(); InPlace.key(&copy, &inPlace); inPlace.null(); inPlace.endObject()
        var optional: String? = text, none: String? = nil
        plain.beginArray(); plain.string(text); plain.string(""); plain.endArray()
        inPlace.beginArray(); InPlace.string(&optional, &inPlace); InPlace.string(&none, &inPlace); inPlace.endArray()
        #expect(plain.bytes == inPlace.bytes)
    }
}
