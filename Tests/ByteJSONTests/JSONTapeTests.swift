import Testing
@testable import ByteJSON

/// ``JSONTape`` against the tree reader: the same documents accepted and rejected with the same
/// errors, and the same values found on the tape as in the tree.
@Suite struct JSONTapeTests {
    /// Rebuilds the tree a tape describes, by walking the tape.
    static func tree(_ view: JSONTape.View, _ index: Int) -> JSONValue {
        switch view.kind(index) {
        case .null: return .null
        case .bool: return .bool(view.bool(index))
        case .number: return .number(view.number(index))
        case .string: return .string(view.string(index))
        case .array: return .array(view.elements(index).map { tree(view, $0) })
        case .object:
            return .object(JSONObject(view.keys(index).map { JSONObject.Member(key: view.string($0), value: tree(view, $0 + 1)) }))
        }
    }

    static func tree(_ tape: JSONTape) -> JSONValue { tape.withView { tree($0, tape.root) } }

    static let corpus = TestFiles.suiteFiles("y_") + TestFiles.suiteFiles("n_") + TestFiles.suiteFiles("i_")

    @Test(arguments: corpus)
    func readsLikeTheTreeReader(_ name: String) throws {
        let bytes = try TestFiles.suiteBytes(name)
        let tree = Result { () throws(JSONError) in try JSONReader().read(bytes) }
        let tape = Result { () throws(JSONError) in try JSONReader().readTape(bytes) }
        switch (tree, tape) {
        case (.success(let value), .success(let tape)):
            #expect(Self.tree(tape) == value)
            #expect(tape.withView { $0.value(tape.root) } == value, "View.value(_:) rebuilds the tree")
            #expect(Self.tree(JSONTape(value)) == value)
        case (.failure(let a), .failure(let b)):
            #expect(a == b)
        default:
            Issue.record("\(name): tree \(tree), tape \(tape)")
        }
    }

    @Test(arguments: ["typical.json", "large.json"])
    func sampleCases(_ name: String) throws {
        let bytes = try TestFiles.caseBytes(name)
        let value = try JSONReader().read(bytes)
        #expect(Self.tree(try JSONReader().readTape(bytes)) == value)
    }

    @Test func whitespaceAnywhereReadsAsCompact() throws {
        let compact = try JSONReader().read(Array(#"{"a":[1,true,"s"],"b":{},"c":[],"d":{"e":null}}"#.utf8))
        for ws in [" ", "\t", "\n", "\r", " \r\n\t "] {
            let text = ["{", #""a""#, ":", "[", "1", ",", "true", ",", #""s""#, "]", ",", #""b""#, ":", "{", "}", ",",
                        #""c""#, ":", "[", "]", ",", #""d""#, ":", "{", #""e""#, ":", "null", "}", "}"].joined(separator: ws)
            let bytes = Array((ws + text + ws).utf8)
            #expect(try JSONReader().read(bytes) == compact)
            #expect(Self.tree(try JSONReader().readTape(bytes)) == compact)
        }
    }

    @Test(arguments: [
        ("[1, ", JSONErrorCode.unexpectedEnd, 4), (#"{"a":1, }"#, .unexpectedByte, 8), (#"{"a" 1}"#, .unexpectedByte, 5),
        ("[1 2]", .unexpectedByte, 3), ("{\"a\": \u{01}}", .unexpectedByte, 6), ("[\u{0B}1]", .unexpectedByte, 1),
        (#"{"a":1 "#, .unexpectedEnd, 7), (#"{ "a": "#, .unexpectedEnd, 7), ("[1]\u{01}", .trailingData, 3),
    ])
    func errorsAfterWhitespaceAreWhereTheyWere(_ text: String, _ code: JSONErrorCode, _ offset: Int) {
        for read in [{ _ = try JSONReader().read($0) }, { _ = try JSONReader().readTape($0) }] as [([UInt8]) throws -> Void] {
            do {
                try read(Array(text.utf8))
                Issue.record("\(text) accepted")
            } catch let error as JSONError {
                #expect(error.code == code && error.offset == offset, "\(text): \(error)")
            } catch {
                Issue.record("\(error)")
            }
        }
    }

    @Test func escapedStringsAndKeysAreDecoded() throws {
        let tape = try JSONReader().readTape(Array(#"{"k\u00e9y":["a\nb","\ud83d\ude00",1.5e3,true,false,null,{},[]],"plain":"x"}"#.utf8))
        tape.withView { view in
            let list = view.member(tape.root, "kéy")!
            let items = Array(view.elements(list))
            #expect(items.count == 8)
            #expect(view.string(items[0]) == "a\nb")
            #expect(view.isASCII(items[0]))
            #expect(view.string(items[1]) == "😀")
            #expect(!view.isASCII(items[1]))
            #expect(view.number(items[2]).text == "1.5e3")
            #expect(view.int64(items[2]) == nil)
            #expect(view.bool(items[3]) && !view.bool(items[4]))
            #expect(view.kind(items[5]) == .null && view.count(items[6]) == 0 && view.count(items[7]) == 0)
            #expect(view.string(view.member(tape.root, "plain")!) == "x")
            #expect(view.member(tape.root, "missing") == nil)
        }
    }

    @Test func stringComparisonIsStringEquality() throws {
        // U+212A KELVIN SIGN is canonically equivalent to "K", so Swift strings compare equal.
        let tape = try JSONReader().readTape(Array(#"["\u212A","K","k","e\u0301","é"]"#.utf8))
        tape.withView { view in
            let items = Array(view.elements(tape.root))
            #expect(view.equals(items[0], "K"))
            #expect(view.equals(items[1], "K"))
            #expect(!view.equals(items[2], "K"))
            #expect(view.equals(items[3], "é"))
            #expect(view.equals(items[4], "e\u{301}"))
            #expect(!view.sameUTF8(items[3], items[4]))
            #expect(view.sameUTF8(items[1], items[1]))
        }
    }

    @Test func depthLimitAndOptionsMatchTheTreeReader() {
        let deep = Array((String(repeating: "[", count: 600) + String(repeating: "]", count: 600)).utf8)
        for reader in [JSONReader(), JSONReader(maxDepth: 10), JSONReader(maxBytes: 100), JSONReader(allowByteOrderMark: true)] {
            for bytes in [deep, [0xEF, 0xBB, 0xBF] + Array("[1]".utf8), [], Array(" ".utf8)] {
                let a = Result { () throws(JSONError) in try reader.read(bytes) }.map { _ in true }
                let b = Result { () throws(JSONError) in try reader.readTape(bytes) }.map { _ in true }
                #expect(a == b)
            }
        }
    }
}
