import Foundation
import Testing
@testable import ByteJSON

/// Reading: values, numbers, strings, error codes and positions, limits and options.
@Suite struct JSONReaderTests {
    /// Reads `text`, failing the test on error.
    func read(_ text: String, _ reader: JSONReader = JSONReader()) throws -> JSONValue {
        try reader.read(text)
    }

    /// The error reading `bytes` produces, or `nil` when it parses.
    func failure(_ bytes: [UInt8], _ reader: JSONReader = JSONReader()) -> JSONError? {
        do {
            _ = try reader.read(bytes)
            return nil
        } catch {
            return error
        }
    }

    @Test func scalarsAndStructure() throws {
        let value = try read(#" { "a" : [1, -2.5e3, true, false, null, "x"], "b": {}, "c": [] } "#)
        let expected: JSONValue = .object([
            "a": .array([.number(JSONNumber("1")!), .number(JSONNumber("-2.5e3")!), .bool(true), .bool(false), .null, .string("x")]),
            "b": .object([:]),
            "c": .array([]),
        ])
        #expect(value == expected)
        #expect(value["a"]?[1]?.numberValue?.double == -2500)
        #expect(value["a"]?[5]?.stringValue == "x")
        #expect(value["missing"] == nil)
        #expect(value["a"]?[6] == nil)
        #expect(try read("7") == .number(JSONNumber("7")!))
        #expect(try read("\"s\"") == .string("s"))
    }

    @Test func inputKinds() throws {
        let text = #"{"k":[1,"é"]}"#
        let expected = try read(text)
        #expect(try JSONReader().read(Array(text.utf8)) == expected)
        #expect(try JSONReader().read(Data(text.utf8)) == expected)
        #expect(try Array(text.utf8).withUnsafeBytes { try JSONReader().read($0) } == expected)
    }

    @Test func membersKeepOrderAndDuplicates() throws {
        let object = try #require(try read(#"{"b":1,"a":2,"b":3}"#).objectValue)
        #expect(object.keys == ["b", "a", "b"])
        #expect(object["b"] == .number(JSONNumber("1")!))
        #expect(object.hasDuplicateKeys)
        #expect(object.duplicateKeys == ["b"])
        let unique = try #require(try read(#"{"b":1,"a":2}"#).objectValue)
        #expect(!unique.hasDuplicateKeys && unique.duplicateKeys.isEmpty)
    }

    @Test func rejectDuplicateKeysOption() throws {
        let reader = JSONReader(rejectDuplicateKeys: true)
        let error = try #require(failure(Array(#"{"a":{"x":1,"y":2},"b":[{"x":1}],"a":3}"#.utf8), reader))
        #expect(error.code == .duplicateKey)
        #expect(error.offset == 33)
        // The same key in different objects is fine.
        #expect(throws: Never.self) { try reader.read(#"{"a":{"a":{"a":1}},"b":[{"a":1},{"a":2}]}"#) }
    }

    @Test(arguments: [
        ("0", Int64(0)), ("-0", 0), ("42", 42), ("-17", -17),
        ("9223372036854775807", .max), ("-9223372036854775808", .min),
    ])
    func integerAccessor(_ text: String, _ expected: Int64) throws {
        #expect(try read(text).numberValue?.int64 == expected)
        #expect(try read(text).numberValue?.isInteger == true)
    }

    @Test(arguments: ["1.0", "1e2", "1E+2", "-0.5", "9223372036854775808", "-9223372036854775809", "100000000000000000000000"])
    func nonIntegerAccessor(_ text: String) throws {
        #expect(try read(text).numberValue?.int64 == nil)
    }

    @Test func doubleAccessor() throws {
        #expect(try read("0.1").numberValue?.double == 0.1)
        #expect(try read("-2.5E-3").numberValue?.double == -0.0025)
        #expect(try read("1e400").numberValue?.double == .infinity)
        #expect(try read("-1e400").numberValue?.double == -.infinity)
        #expect(try read("1e-400").numberValue?.double == 0)
        #expect(try read("123456789012345678901234567890").numberValue?.double == 1.2345678901234568e29)
    }

    @Test func numbersKeepTheirText() throws {
        for text in ["1.0", "-0", "-0.0", "1E400", "1e-07", "0.10", "123456789012345678901234567890", "2.5E+3"] {
            #expect(try read("[\(text)]")[0]?.numberValue?.text == text)
        }
        #expect(JSONNumber("01") == nil && JSONNumber("+1") == nil && JSONNumber("1.") == nil && JSONNumber(".5") == nil)
        #expect(JSONNumber("NaN") == nil && JSONNumber("1e") == nil && JSONNumber("") == nil && JSONNumber("-") == nil)
        #expect(JSONNumber("-0.5e+10")?.text == "-0.5e+10")
        #expect(JSONNumber(Int64.min).text == "-9223372036854775808")
        #expect(JSONNumber(0.1)?.text == "0.1" && JSONNumber(Double.nan) == nil)
    }

    @Test func stringEscapes() throws {
        #expect(try read(#""\" \\ \/ \b \f \n \r \t""#) == .string("\" \\ / \u{8} \u{C} \n \r \t"))
        #expect(try read(#""\u0041\u00e9\u20AC""#) == .string("Aé€"))
        #expect(try read(#""\u0000""#) == .string("\u{0}"))
        #expect(try read(#""\ud83d\ude00 and \uD834\uDD1E""#) == .string("😀 and 𝄞"))
        #expect(try read("\"é€😀\"") == .string("é€😀"))
        #expect(try read(#""a\nb"  "#) == .string("a\nb"))
    }

    /// Input, expected code, byte offset, line and column.
    static let errorCases: [(String, JSONErrorCode, Int, Int, Int)] = [
        ("", .unexpectedEnd, 0, 1, 1),
        ("   ", .unexpectedEnd, 3, 1, 4),
        ("[1,2", .unexpectedEnd, 4, 1, 5),
        ("[1,]", .unexpectedByte, 3, 1, 4),
        ("{\"a\":1,}", .unexpectedByte, 7, 1, 8),
        ("{\n  \"a\": tru\n}", .unexpectedByte, 12, 2, 11),
        ("[1]\n  x", .trailingData, 6, 2, 3),
        ("[01]", .invalidNumber, 2, 1, 3),
        ("[-]", .invalidNumber, 2, 1, 3),
        ("[1.]", .invalidNumber, 3, 1, 4),
        ("[1e]", .invalidNumber, 3, 1, 4),
        ("[+1]", .unexpectedByte, 1, 1, 2),
        ("[NaN]", .unexpectedByte, 1, 1, 2),
        ("1.", .unexpectedEnd, 2, 1, 3),
        ("\"ab", .unexpectedEnd, 3, 1, 4),
        ("\"a\\x\"", .invalidEscape, 3, 1, 4),
        ("\"\\u12G4\"", .invalidEscape, 5, 1, 6),
        ("\"\\uD800\"", .invalidSurrogate, 1, 1, 2),
        ("\"\\uDC00\"", .invalidSurrogate, 1, 1, 2),
        ("\"x\\uD800\\u0041\"", .invalidSurrogate, 2, 1, 3),
        ("\"é\ta\"", .controlCharacter, 3, 1, 3),
        ("[\n\"ok\",\n\"é\u{1}\"]", .controlCharacter, 11, 3, 3),
        ("/* c */ 1", .unexpectedByte, 0, 1, 1),
        ("{\"a\" 1}", .unexpectedByte, 5, 1, 6),
        ("{1:1}", .unexpectedByte, 1, 1, 2),
    ]

    @Test(arguments: errorCases)
    func errorPositions(_ testCase: (String, JSONErrorCode, Int, Int, Int)) throws {
        let (text, code, offset, line, column) = testCase
        let error = try #require(failure(Array(text.utf8)))
        #expect(error == JSONError(code: code, offset: offset, line: line, column: column))
    }

    /// Byte sequences, the offset of the error and its code.
    static let utf8Cases: [([UInt8], Int, JSONErrorCode)] = [
        ([0x22, 0x80, 0x22], 1, .invalidUTF8),                 // lone continuation byte
        ([0x22, 0xC0, 0xAF, 0x22], 1, .invalidUTF8),           // overlong "/"
        ([0x22, 0xE0, 0x80, 0xAF, 0x22], 1, .invalidUTF8),     // overlong, 3 bytes
        ([0x22, 0xF0, 0x80, 0x80, 0xAF, 0x22], 1, .invalidUTF8), // overlong, 4 bytes
        ([0x22, 0xED, 0xA0, 0x80, 0x22], 1, .invalidUTF8),     // encoded surrogate U+D800
        ([0x22, 0xF4, 0x90, 0x80, 0x80, 0x22], 1, .invalidUTF8), // above U+10FFFF
        ([0x22, 0xF8, 0x88, 0x80, 0x80, 0x80, 0x22], 1, .invalidUTF8),
        ([0x22, 0xFF, 0x22], 1, .invalidUTF8),
        ([0x22, 0x61, 0xC3, 0x22], 2, .invalidUTF8),           // truncated before the quote
        ([0x22, 0xE2, 0x82], 3, .unexpectedEnd),               // truncated by the end of input
        ([0xEF, 0xBB, 0xBF, 0x7B, 0x7D], 0, .unexpectedByte),  // byte order mark
        ([0x5B, 0xC3, 0xA9, 0x5D], 1, .unexpectedByte),        // non-ASCII outside a string
    ]

    @Test(arguments: utf8Cases)
    func strictUTF8(_ testCase: ([UInt8], Int, JSONErrorCode)) throws {
        let error = try #require(failure(testCase.0))
        #expect(error.code == testCase.2)
        #expect(error.offset == testCase.1)
    }

    @Test func validUTF8Boundaries() throws {
        // U+0080, U+07FF, U+0800, U+D7FF, U+E000, U+FFFF, U+10000, U+10FFFF.
        let text = "\u{80}\u{7FF}\u{800}\u{D7FF}\u{E000}\u{FFFF}\u{10000}\u{10FFFF}"
        #expect(try read("\"\(text)\"") == .string(text))
    }

    @Test func byteOrderMarkOption() throws {
        let bytes: [UInt8] = [0xEF, 0xBB, 0xBF, 0x5B, 0x5D]
        #expect(try JSONReader(allowByteOrderMark: true).read(bytes) == .array([]))
        // Positions still count from the start of the input.
        let error = try #require(failure([0xEF, 0xBB, 0xBF, 0x5B], JSONReader(allowByteOrderMark: true)))
        #expect(error.code == .unexpectedEnd && error.offset == 4)
        #expect(failure([0xEF, 0xBB, 0xBF], JSONReader(allowByteOrderMark: true))?.code == .unexpectedEnd)
    }

    @Test func depthLimit() throws {
        let deep = [UInt8](repeating: UInt8(ascii: "["), count: 100_000)
        let error = try #require(failure(deep))
        #expect(error.code == .tooDeep)
        #expect(error.offset == 512)

        func nested(_ depth: Int) -> [UInt8] {
            Array(String(repeating: "[", count: depth).utf8) + Array(String(repeating: "]", count: depth).utf8)
        }
        #expect(failure(nested(512)) == nil)
        #expect(failure(nested(513))?.code == .tooDeep)
        #expect(failure(nested(3), JSONReader(maxDepth: 3)) == nil)
        #expect(failure(Array(#"{"a":[{"b":1}]}"#.utf8), JSONReader(maxDepth: 2))?.code == .tooDeep)
        #expect(failure(Array("7".utf8), JSONReader(maxDepth: 0)) == nil)
    }

    /// A deep document read with a raised limit is parsed and written without recursion.
    /// (The depth stays moderate because Swift releases nested arrays recursively.)
    @Test func deepValueWithRaisedLimit() throws {
        let depth = 4_000
        let bytes = Array(String(repeating: "[", count: depth).utf8) + Array(String(repeating: "]", count: depth).utf8)
        let value = try JSONReader(maxDepth: depth).read(bytes)
        var writer = JSONWriter()
        writer.value(value)
        #expect(writer.bytes == bytes)
    }

    @Test func sizeLimit() throws {
        let bytes = Array("[1, 2, 3]".utf8)
        #expect(failure(bytes, JSONReader(maxBytes: 9)) == nil)
        let error = try #require(failure(bytes, JSONReader(maxBytes: 8)))
        #expect(error.code == .tooLarge && error.offset == 8)
    }

    /// Many distinct and repeated strings of every length up to 40 bytes, some differing only
    /// in the middle, all come back exactly.
    @Test func repeatedAndSimilarStrings() throws {
        var keys: [String] = []
        for length in 1...40 {
            for variant in 0..<12 {
                var bytes = [UInt8](repeating: UInt8(ascii: "k"), count: length)
                bytes[length / 2] = UInt8(ascii: "a") + UInt8(variant)
                keys.append(String(decoding: bytes, as: UTF8.self))
            }
        }
        var writer = JSONWriter()
        writer.beginArray()
        for round in 0..<3 {
            writer.beginObject()
            for (index, key) in keys.enumerated() {
                writer.key(key)
                writer.string(round == 1 ? key : "v\(index % 7)")
            }
            writer.endObject()
        }
        writer.endArray()
        let value = try JSONReader().read(writer.bytes)
        for round in 0..<3 {
            let object = try #require(value[round]?.objectValue)
            #expect(object.keys == keys)
            #expect(!object.hasDuplicateKeys)
            for (index, key) in keys.enumerated() {
                #expect(object[key] == .string(round == 1 ? key : "v\(index % 7)"))
            }
        }
    }

    @Test func sampleCases() throws {
        for name in ["typical.json", "large.json"] {
            let bytes = try TestFiles.caseBytes(name)
            let value = try JSONReader().read(bytes)
            #expect(value["schema"] == .string("mda-case/1"))
            #expect(value["members"]?.arrayValue?.isEmpty == false)
        }
    }
}
