import Testing
@testable import ByteJSON

/// JSON Pointer (RFC 6901): escaping, parsing and resolution.
@Suite struct JSONPointerTests {
    @Test func escaping() {
        #expect(JSONPointer.escape("plain") == "plain")
        #expect(JSONPointer.escape("a/b") == "a~1b")
        #expect(JSONPointer.escape("m~n") == "m~0n")
        #expect(JSONPointer.escape("~/") == "~0~1")
        #expect(JSONPointer.escape("~1") == "~01")
        #expect(JSONPointer(tokens: ["members", "0", "a/b", "c~d", ""]).description == "/members/0/a~1b/c~0d/")
        #expect(JSONPointer().description == "")
        #expect(JSONPointer().appending("members").appending(2).appending("age").description == "/members/2/age")
    }

    @Test func parsing() throws {
        #expect(try JSONPointer(parsing: "").tokens == [])
        #expect(try JSONPointer(parsing: "/").tokens == [""])
        #expect(try JSONPointer(parsing: "/a~1b/m~0n/~01").tokens == ["a/b", "m~n", "~1"])
        #expect(try JSONPointer(parsing: "/é//x").tokens == ["é", "", "x"])
        for text in ["", "/", "/a~1b/m~0n", "/members/0/age", "/~0~1"] {
            #expect(try JSONPointer(parsing: text).description == text)
        }
    }

    @Test(arguments: [("a", 0), ("/a~", 2), ("/a~2", 2), ("/ok/~x", 4)])
    func invalidPointers(_ text: String, _ offset: Int) {
        #expect(throws: JSONError(code: .invalidPointer, offset: offset, line: 1, column: offset + 1)) {
            try JSONPointer(parsing: text)
        }
    }

    /// The examples of RFC 6901, section 5.
    @Test func resolution() throws {
        let document = try JSONReader().read(#"""
        {"foo": ["bar", "baz"], "": 0, "a/b": 1, "c%d": 2, "e^f": 3, "g|h": 4, "i\\j": 5,
         "k\"l": 6, " ": 7, "m~n": 8}
        """#)
        let cases: [(String, JSONValue)] = [
            ("", document), ("/foo", .array([.string("bar"), .string("baz")])), ("/foo/0", .string("bar")),
            ("/", 0), ("/a~1b", 1), ("/c%d", 2), ("/e^f", 3), ("/g|h", 4), ("/i\\j", 5),
            ("/k\"l", 6), ("/ ", 7), ("/m~0n", 8),
        ].map { ($0.0, $0.1 as JSONValue) }
        for (pointer, expected) in cases {
            #expect(try JSONPointer(parsing: pointer).resolve(in: document) == expected, "\(pointer)")
        }
        for missing in ["/foo/2", "/foo/-", "/foo/01", "/foo/x", "/nope", "/foo/0/deeper"] {
            #expect(try JSONPointer(parsing: missing).resolve(in: document) == nil, "\(missing)")
        }
    }
}
