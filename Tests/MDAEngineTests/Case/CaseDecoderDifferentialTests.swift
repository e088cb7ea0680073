import Foundation
import Testing
import ByteJSON
@testable import MDAEngine

/// The tape decoder against ``ReferenceCaseDecoder`` (the tree walker it replaced) on thousands
/// of mutated documents: the same cases, the same ignored keys and the same errors, whether it
/// reads bytes or a parsed tree.
@Suite struct CaseDecoderDifferentialTests {
    /// A small deterministic generator (SplitMix64).
    struct Random {
        var state: UInt64
        mutating func next() -> UInt64 {
            state &+= 0x9E37_79B9_7F4A_7C15
            var z = state
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return z ^ (z >> 31)
        }
        mutating func below(_ n: Int) -> Int { Int(next() % UInt64(n)) }
        mutating func pick<T>(_ items: [T]) -> T { items[below(items.count)] }
    }

    /// The cases of the fixtures and the examples.
    static let documents: [JSONValue] = {
        var result: [JSONValue] = []
        for dir in ["Fixtures/cases", "Fixtures/examples"] {
            let url = TestSupport.root.appendingPathComponent(dir)
            let names = (try? FileManager.default.contentsOfDirectory(atPath: url.path))?.filter { $0.hasSuffix(".json") }.sorted() ?? []
            for name in names {
                guard let data = FileManager.default.contents(atPath: url.appendingPathComponent(name).path),
                      let value = try? JSONReader().read(data) else { continue }
                result.append(value["case"] ?? value)
            }
        }
        return result
    }()

    /// Replacement values: every JSON type, vocabulary and non-vocabulary strings, edge dates
    /// and numbers, strings that equal vocabulary only by canonical equivalence.
    static let pool: [JSONValue] = [
        .null, .bool(true), .bool(false), .number(JSONNumber(0)), .number(JSONNumber(-1)), .number(JSONNumber(121)),
        .number(JSONNumber("3.5")!), .number(JSONNumber("1e2")!), .number(JSONNumber("99999999999999999999")!),
        .string(""), .string("x"), .string("2025-01-01"), .string("2030-01-01"), .string("1899-12-31"), .string("2200-01-01"),
        .string("2024-02-29"), .string("2023-02-29"), .string("2025-13-01"), .string("2025-1-01"), .string("２０２５-01-01"),
        .string("female"), .string("unknown"), .string("none"), .string("physical"), .string("melding"), .string("partner"),
        .string("mda_plus_plus"), .string("ongoing"), .string("police"), .string("MO"), .string("p1"), .string("c1"), .string("zz"),
        .string("é"), .string("e\u{301}"), .string("\u{212A}"), .string(String(repeating: "ü", count: 129)),
        .array([]), .array([.null]), .array([.string("physical"), .number(JSONNumber(1))]), .object([:]),
        .object(["a": .number(JSONNumber(1))]),
    ]

    static let keys = ["zz", "a/b~c", "é", "id", "age", "date", "kind", "kinds", "since", "status", "start", "schema", "members"]

    /// Every value in `value` with the path to it.
    static func paths(_ value: JSONValue, _ prefix: [JSONPathStep] = []) -> [[JSONPathStep]] {
        var result = [prefix]
        switch value {
        case .array(let a): for (i, v) in a.enumerated() { result += paths(v, prefix + [.index(i)]) }
        case .object(let o): for (i, m) in o.members.enumerated() { result += paths(m.value, prefix + [.member(i)]) }
        default: break
        }
        return result
    }

    enum JSONPathStep { case index(Int), member(Int) }

    /// Applies `change` to the value at `path` (removing it when `change` returns nil) and
    /// gives the parent the chance to gain a member.
    static func edit(_ value: inout JSONValue, _ path: ArraySlice<JSONPathStep>, _ change: (inout JSONValue) -> Void) {
        guard let step = path.first else { change(&value); return }
        switch (step, value) {
        case (.index(let i), .array(var a)):
            edit(&a[i], path.dropFirst(), change)
            value = .array(a)
        case (.member(let i), .object(var o)):
            edit(&o.members[i].value, path.dropFirst(), change)
            value = .object(o)
        default: break
        }
    }

    static func mutate(_ document: JSONValue, _ random: inout Random) -> JSONValue {
        var doc = document
        for _ in 0...random.below(3) {
            let all = paths(doc)
            let path = random.pick(all)
            let choice = random.below(10)
            edit(&doc, path[...]) { v in
                switch (choice, v) {
                case (0, .object(var o)) where !o.members.isEmpty:
                    o.members.remove(at: random.below(o.members.count))
                    v = .object(o)
                case (1, .object(var o)):
                    o.append(key: random.pick(keys), value: random.pick(pool))
                    v = .object(o)
                case (2, .object(var o)) where !o.members.isEmpty:
                    let m = o.members[random.below(o.members.count)]
                    o.append(key: m.key, value: random.pick(pool))   // a duplicate key
                    v = .object(o)
                case (3, .array(var a)) where !a.isEmpty:
                    a.append(a[random.below(a.count)])
                    v = .array(a)
                default:
                    v = random.pick(pool)
                }
            }
        }
        return doc
    }

    static func bytes(_ value: JSONValue) -> [UInt8] {
        var writer = JSONWriter()
        writer.value(value)
        return writer.bytes
    }

    /// Byte-level damage: truncation, a changed byte, a key written with an escape.
    static func damage(_ bytes: [UInt8], _ random: inout Random) -> [UInt8] {
        var b = bytes
        switch random.below(4) {
        case 0: b.removeLast(random.below(b.count))
        case 1: b[random.below(b.count)] = UInt8(truncatingIfNeeded: random.next())
        case 2: b.insert(random.pick([0x80, 0xFF, 0xC3, 0x22, 0x5C, 0x2C, 0x7B]), at: random.below(b.count))
        default:
            // "ab… → "\u0061b…: the same string, spelt with an escape.
            let quotes = b.indices.filter { b[$0] == 0x22 && $0 + 1 < b.count && b[$0 + 1] >= 0x61 && b[$0 + 1] <= 0x7A }
            if let q = quotes.isEmpty ? nil : random.pick(quotes) {
                let hex = Array(String(b[q + 1], radix: 16).utf8)
                b.replaceSubrange((q + 1)...(q + 1), with: Array("\\u00".utf8) + hex)
            }
        }
        return b
    }

    static func check(_ bytes: [UInt8], _ note: @autoclosure () -> String) {
        let expected = ReferenceCaseDecoder.decode(bytes: bytes)
        let fromBytes = CaseDecoder.decode(bytes: bytes)
        #expect(fromBytes == expected, "bytes: \(note())")
        if case .success(let value) = CaseDecoder.parse(bytes: bytes) {
            #expect(CaseDecoder.decode(value) == ReferenceCaseDecoder.decode(value), "tree: \(note())")
        }
    }

    @Test func documentsArePresent() { #expect(Self.documents.count >= 50) }

    @Test func unchangedDocuments() {
        for (i, d) in Self.documents.enumerated() { Self.check(Self.bytes(d), "document \(i)") }
    }

    @Test func mutatedDocuments() {
        var random = Random(state: 2026)
        var rejected = 0
        for (i, d) in Self.documents.enumerated() {
            for j in 0..<40 {
                let bytes = Self.bytes(Self.mutate(d, &random))
                if case .failure = ReferenceCaseDecoder.decode(bytes: bytes) { rejected += 1 }
                Self.check(bytes, "document \(i), mutation \(j)")
            }
        }
        // The mutations must exercise the error paths, not only pass through.
        #expect(rejected > Self.documents.count * 10)
    }

    @Test func damagedBytes() {
        var random = Random(state: 7)
        for (i, d) in Self.documents.enumerated() {
            let bytes = Self.bytes(d)
            for j in 0..<20 { Self.check(Self.damage(bytes, &random), "document \(i), damage \(j)") }
        }
    }
}
