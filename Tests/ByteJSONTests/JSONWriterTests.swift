import Testing
@testable import ByteJSON

/// Writing: structure and commas, escaping, numbers, and exact round trips.
@Suite struct JSONWriterTests {
    @Test func structureAndCommas() {
        var writer = JSONWriter()
        writer.beginObject()
        writer.key(raw: "caseId")
        writer.string("SY-1")
        writer.key("list")
        writer.beginArray()
        writer.int(1)
        writer.int(Int64(-2))
        writer.uint(UInt64.max)
        writer.double(0.25)
        writer.bool(true)
        writer.bool(false)
        writer.null()
        writer.beginObject()
        writer.endObject()
        writer.beginArray()
        writer.endArray()
        writer.number(JSONNumber("1.50")!)
        writer.endArray()
        writer.key(raw: "empty")
        writer.beginArray()
        writer.endArray()
        writer.endObject()
        #expect(writer.string == #"{"caseId":"SY-1","list":[1,-2,18446744073709551615,0.25,true,false,null,{},[],1.50],"empty":[]}"#)
        #expect(writer.bytes == Array(writer.string.utf8))
    }

    @Test func topLevelScalars() {
        var writer = JSONWriter()
        writer.string("x")
        #expect(writer.string == #""x""#)
        var empty = JSONWriter()
        #expect(empty.bytes.isEmpty)
        empty.null()
        #expect(empty.string == "null")
    }

    @Test(arguments: [
        ("plain", #""plain""#),
        ("quote \" backslash \\ slash /", #""quote \" backslash \\ slash /""#),
        ("\n\t\r\u{8}\u{C}", #""\n\t\r\b\f""#),
        ("\u{0}\u{1}\u{1F}\u{7F}", #""\u0000\u0001\u001f\#u{7F}""#),
        ("é € 😀 \u{2028}", "\"é € 😀 \u{2028}\""),
        ("", #""""#),
    ])
    func stringEscaping(_ input: String, _ expected: String) throws {
        var writer = JSONWriter()
        writer.string(input)
        #expect(writer.string == expected)
        #expect(try JSONReader().read(writer.bytes) == .string(input))
        var keyed = JSONWriter()
        keyed.beginObject()
        keyed.key(input)
        keyed.int(1)
        keyed.endObject()
        #expect(keyed.string == "{\(expected):1}")
    }

    /// A character needing escape at every position of strings of every short length, which
    /// exercises the word-at-a-time scan and copy.
    @Test func escapingAtEveryPosition() throws {
        for length in 1...40 {
            for position in 0..<length {
                for special in ["\"", "\\", "\n", "\u{1}"] {
                    var characters = Array(repeating: "x", count: length)
                    characters[position] = special
                    let text = characters.joined()
                    var writer = JSONWriter()
                    writer.string(text)
                    #expect(try JSONReader().read(writer.bytes) == .string(text))
                    #expect(writer.count == text.utf8.count + 2 + (special == "\u{1}" ? 5 : 1))
                }
            }
            var writer = JSONWriter()
            writer.key(String(repeating: "é", count: length))
            #expect(writer.string == "\"" + String(repeating: "é", count: length) + "\":")
        }
    }

    /// A writer whose initial buffer is too small grows without losing bytes.
    @Test func growsFromASmallBuffer() throws {
        var writer = JSONWriter(capacity: 1)
        writer.beginArray()
        for index in 0..<1000 { writer.string("item \(index)") }
        writer.endArray()
        let value = try JSONReader().read(writer.bytes)
        #expect(value.arrayValue?.count == 1000)
        #expect(value[999] == .string("item 999"))
    }

    @Test(arguments: [
        (0.0, "0.0"), (-0.0, "-0.0"), (1.0, "1.0"), (0.1, "0.1"), (-2.5, "-2.5"),
        (0.1 + 0.2, "0.30000000000000004"), (1e16, "1e+16"), (1e-7, "1e-07"),
        (Double.greatestFiniteMagnitude, "1.7976931348623157e+308"),
        (Double.leastNonzeroMagnitude, "5e-324"),
        (Double.infinity, "null"), (-Double.infinity, "null"), (Double.nan, "null"),
    ])
    func doubles(_ value: Double, _ expected: String) throws {
        var writer = JSONWriter()
        writer.double(value)
        #expect(writer.string == expected)
        if value.isFinite {
            let back = try #require(try JSONReader().read(writer.bytes).numberValue?.double)
            #expect(back == value && back.sign == value.sign)
        }
    }

    @Test(arguments: [Int64.min, -1, 0, 9, 10, 1234567890, Int64.max])
    func integers(_ value: Int64) {
        var writer = JSONWriter()
        writer.int(value)
        #expect(writer.string == String(value))
    }

    @Test func numbersAndStringsRoundTripExactly() throws {
        let text = #"{"n":[1.0,-0,1E400,0.10,123456789012345678901234567890,-1.5e-7],"s":["\ud83d\ude00","é","a\u0000b","\/"]}"#
        let value = try JSONReader().read(text)
        var writer = JSONWriter()
        writer.value(value)
        #expect(writer.string == #"{"n":[1.0,-0,1E400,0.10,123456789012345678901234567890,-1.5e-7],"s":["😀","é","a\u0000b","/"]}"#)
        #expect(try JSONReader().read(writer.bytes) == value)
        #expect(value["s"]?[0] == .string("\u{1F600}"))
    }

    @Test func sampleCasesRoundTripByteForByte() throws {
        for name in ["typical.json", "large.json"] {
            var bytes = try TestFiles.caseBytes(name)
            // The files are compact JSON with a final newline.
            if bytes.last == UInt8(ascii: "\n") { bytes.removeLast() }
            var writer = JSONWriter()
            writer.value(try JSONReader().read(bytes))
            #expect(writer.bytes == bytes, "\(name)")
        }
    }

    @Test func literalValues() {
        let value: JSONValue = .object(["a": .array([.null, .bool(true), .number(JSONNumber(3)), .string("x")]), "b": .object([:])])
        var writer = JSONWriter()
        writer.value(value)
        #expect(writer.string == #"{"a":[null,true,3,"x"],"b":{}}"#)
    }

    static let awkwardStrings = ["", "plain", "quote \" backslash \\ slash /", "\n\t\r\u{8}\u{C}", "\u{0}\u{1}\u{1F}\u{7F}",
                                 "é € 😀 \u{2028}", "a long plain string of more than thirty-two bytes", "/members/0/factors"]

    /// `escaped(_:)` is exactly what `string(_:)` writes between the quotes.
    @Test(arguments: awkwardStrings)
    func escapedIsTheQuotedText(_ text: String) {
        var writer = JSONWriter()
        writer.string(text)
        #expect(JSONWriter.escaped(text) == Array(writer.bytes.dropFirst().dropLast()))
    }

    /// `appendEscaped(_:to:)` appends what `escaped(_:)` returns, and `string(escapedUTF8:)` of
    /// those bytes writes what `string(_:)` writes.
    @Test(arguments: awkwardStrings)
    func appendEscapedAndEscapedStrings(_ text: String) {
        var bytes: [UInt8] = [1, 2]
        JSONWriter.appendEscaped(text, to: &bytes)
        #expect(bytes == [1, 2] + JSONWriter.escaped(text))
        var plain = JSONWriter(), escaped = JSONWriter()
        plain.beginArray(); plain.string(text); plain.string(text); plain.endArray()
        escaped.beginArray()
        JSONWriter.escaped(text).withUnsafeBufferPointer { escaped.string(escapedUTF8: $0); escaped.string(escapedUTF8: $0) }
        escaped.endArray()
        #expect(escaped.bytes == plain.bytes)
    }

    /// A key from a head and a pre-escaped tail equals the key of the joined string, and so does
    /// the two-string form.
    @Test(arguments: awkwardStrings)
    func keysFromParts(_ tail: String) {
        for head in ["", "/incidents/0", "é\"\u{1}", "a head of more than thirty-two bytes, to be sure"] {
            var joined = JSONWriter()
            joined.beginObject(); joined.key("x"); joined.null(); joined.key(head + tail); joined.int(1); joined.endObject()
            var parts = JSONWriter()
            parts.beginObject(); parts.key("x"); parts.null()
            JSONWriter.escaped(tail).withUnsafeBufferPointer { parts.key(head, escapedTail: $0) }
            parts.int(1); parts.endObject()
            var strings = JSONWriter()
            strings.beginObject(); strings.key("x"); strings.null(); strings.key(head, tail); strings.int(1); strings.endObject()
            #expect(parts.string == joined.string)
            #expect(strings.string == joined.string)
        }
    }

    /// A key that repeats an earlier key's head, with another pre-escaped tail, equals the key
    /// of the joined string, in an object and nested deeper, also after the buffer grew.
    @Test(arguments: awkwardStrings)
    func keysRepeatingAHead(_ tail: String) {
        for head in ["", "/incidents/0", "é\"\u{1}", "a head of more than thirty-two bytes, to be sure"] {
            var joined = JSONWriter()
            joined.beginObject(); joined.key(head + "/a"); joined.int(1); joined.key(head + tail); joined.int(2)
            joined.key("x"); joined.beginObject(); joined.key(head + tail); joined.null(); joined.endObject(); joined.endObject()
            var parts = JSONWriter(capacity: 1)
            parts.beginObject()
            let start = parts.beginSpan()
            parts.key(head, "/a")
            let first = start..<parts.count - 4
            parts.int(1)
            JSONWriter.escaped(tail).withUnsafeBufferPointer { tail in
                parts.key(repeatingHead: first, escapedTail: tail); parts.int(2)
                parts.key("x"); parts.beginObject(); parts.key(repeatingHead: first, escapedTail: tail); parts.null(); parts.endObject()
            }
            parts.endObject()
            #expect(parts.string == joined.string)
        }
    }

    /// `string(utf8:)` writes the same as `string(_:)`, escapes included.
    @Test(arguments: awkwardStrings)
    func stringFromUTF8(_ text: String) {
        var expected = JSONWriter()
        expected.beginArray(); expected.string(text); expected.string(text); expected.endArray()
        var writer = JSONWriter()
        writer.beginArray()
        for _ in 0..<2 { Array(text.utf8).withUnsafeBufferPointer { writer.string(utf8: $0) } }
        writer.endArray()
        #expect(writer.string == expected.string)
    }

    /// A repeated span is the same text again, with the comma its new place needs.
    @Test func repeatedSpans() throws {
        var writer = JSONWriter()
        writer.beginObject()
        let first = writer.beginSpan()
        writer.key("a"); writer.beginArray(); writer.int(1); writer.string("x\n"); writer.endArray()
        let a = first..<writer.count
        let second = writer.beginSpan()
        writer.key("b"); writer.bool(false)
        let b = second..<writer.count
        writer.key("inner")
        writer.beginObject()
        writer.repeatSpan(b)
        writer.repeatSpan(a)
        writer.endObject()
        writer.repeatSpan(b)
        writer.endObject()
        #expect(writer.string == #"{"a":[1,"x\n"],"b":false,"inner":{"b":false,"a":[1,"x\n"]},"b":false}"#)

        var values = JSONWriter()
        values.beginArray()
        let start = values.beginSpan()
        values.null(); values.double(0.5)
        let pair = start..<values.count
        values.repeatSpan(pair)
        values.beginArray(); values.repeatSpan(pair); values.endArray()
        values.endArray()
        #expect(values.string == "[null,0.5,null,0.5,[null,0.5]]")
    }

    /// A fragment is written as it is, with the comma its place needs, and the next key or
    /// value gets a comma unless the fragment ends with `{`, `[` or `:`; the result is what
    /// the separate primitives write.
    @Test func fragmentsMatchThePrimitives() throws {
        var pieces = JSONWriter()
        pieces.beginArray()
        pieces.beginObject(); pieces.key(raw: "rule"); pieces.string("a\"b")
        pieces.key(raw: "facts"); pieces.beginObject()
        pieces.key(raw: "x"); pieces.bool(true)
        pieces.endObject(); pieces.endObject()
        pieces.beginObject(); pieces.key(raw: "status"); pieces.string("present"); pieces.key(raw: "n"); pieces.int(1); pieces.endObject()
        pieces.key(raw: "list"); pieces.beginArray(); pieces.null(); pieces.endArray()
        pieces.endArray()

        var fragments = JSONWriter()
        fragments.fragment("[")
        fragments.fragment(#"{"rule":"#); fragments.string("a\"b")
        fragments.fragment(#""facts":{"#)
        fragments.key(raw: "x"); fragments.bool(true)
        fragments.fragment("}}")
        fragments.fragment(#"{"status":"present""#); fragments.key(raw: "n"); fragments.int(1); fragments.fragment("}")
        fragments.fragment(#""list":["#); fragments.null(); fragments.fragment("]")
        fragments.fragment("")
        fragments.endArray()
        #expect(fragments.string == pieces.string)
        #expect(fragments.string.hasPrefix(#"[{"rule":"a\"b","facts":{"x":true}},{"status":"present","n":1},"list":[null]"#))
    }

    /// A fragment made at run time (`fragment(escaped:)`) is written like the same text known
    /// at compile time: the commas before and after it follow its first and last byte.
    @Test func runtimeFragmentsMatchStaticOnes() throws {
        var literal = JSONWriter()
        literal.beginArray()
        literal.fragment(#"{"rule":"a\"b","result":"#); literal.bool(true); literal.fragment("}")
        literal.fragment(#"{"rule":"c","result":"#); literal.null(); literal.fragment("}")
        literal.endArray()

        var made = JSONWriter()
        made.beginArray()
        for (id, write) in [("a\"b", { (w: inout JSONWriter) in w.bool(true) }), ("c", { (w: inout JSONWriter) in w.null() })] {
            let text = Array(#"{"rule":""#.utf8) + JSONWriter.escaped(id) + Array(#"","result":"#.utf8)
            text.withUnsafeBufferPointer { made.fragment(escaped: $0) }
            write(&made)
            made.fragment("}")
        }
        made.fragment(escaped: UnsafeBufferPointer(start: nil, count: 0))
        made.endArray()
        #expect(made.string == literal.string)
        #expect(made.string == #"[{"rule":"a\"b","result":true},{"rule":"c","result":null}]"#)
    }

    /// Fragments longer than the spare capacity grow the buffer.
    @Test func fragmentsGrowTheBuffer() throws {
        var writer = JSONWriter(capacity: 1)
        writer.beginArray()
        for _ in 0..<300 { writer.fragment(#"{"a long key for growth":["#); writer.int(7); writer.fragment("]}") }
        writer.endArray()
        let value = try JSONReader().read(writer.bytes)
        #expect(value.arrayValue?.count == 300)
        #expect(value[299]?["a long key for growth"]?[0] == JSONValue.number(JSONNumber("7")!))
    }

    /// A span begun where a comma is due starts after that comma, which the next key writes.
    @Test func spanStartsAfterItsComma() throws {
        var writer = JSONWriter()
        writer.beginObject()
        writer.key(raw: "first"); writer.int(1)
        let start = writer.beginSpan()
        #expect(start == writer.count + 1)
        writer.key("é\u{1}"); writer.string("x")
        let span = start..<writer.count
        #expect(String(decoding: writer.bytes[span], as: UTF8.self) == #""é\u0001":"x""#)
        writer.key(raw: "inner"); writer.beginObject(); writer.repeatSpan(span); writer.endObject()
        writer.endObject()
        #expect(writer.string == #"{"first":1,"é\u0001":"x","inner":{"é\u0001":"x"}}"#)
    }

    /// Spans stay valid when the buffer grows between writing and repeating them.
    @Test func repeatedSpansSurviveGrowth() throws {
        var writer = JSONWriter(capacity: 1)
        writer.beginArray()
        let start = writer.beginSpan()
        writer.string("first")
        let span = start..<writer.count
        for index in 0..<500 { writer.string("item \(index)"); writer.repeatSpan(span) }
        writer.endArray()
        let value = try JSONReader().read(writer.bytes)
        #expect(value.arrayValue?.count == 1001)
        #expect(value[1000] == .string("first"))
    }

    /// `takeBytes()` hands over exactly `bytes` and leaves an empty writer that works as new.
    @Test func takeBytesEmptiesTheWriter() {
        var writer = JSONWriter(capacity: 4)
        writer.reserveCapacity(100)
        writer.beginArray(); writer.bool(true); writer.endArray()
        let copy = writer.bytes
        #expect(writer.takeBytes() == copy)
        #expect(writer.count == 0)
        writer.beginArray(); writer.null(); writer.endArray()
        #expect(writer.string == "[null]")
    }

    /// Characters needing escape scattered through a long string, with plain runs of every
    /// length between them (the escaper copies those runs a word at a time).
    @Test func scatteredEscapesInALongString() throws {
        var text = "", expected = "\""
        for run in 0..<20 {
            let plain = String(repeating: "é", count: run % 5) + String(repeating: "a", count: run)
            text += plain + (run % 2 == 0 ? "\"" : "\u{1}")
            expected += plain + (run % 2 == 0 ? "\\\"" : "\\u0001")
        }
        expected += "\""
        var writer = JSONWriter()
        writer.string(text)
        #expect(writer.string == expected)
        #expect(try JSONReader().read(writer.bytes) == .string(text))
    }
}
