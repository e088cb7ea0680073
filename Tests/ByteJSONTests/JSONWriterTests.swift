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
}
