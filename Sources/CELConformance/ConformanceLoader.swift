import CEL
import Foundation

/// Reads conformance test files (JSON arrays of test objects, see the suite's README).
public enum ConformanceLoader {
    /// A malformed test file or value.
    public struct LoadError: Error, CustomStringConvertible {
        /// What was wrong.
        public let description: String
    }

    /// Loads every `*.json` file of `directory`, sorted by file name.
    public static func loadDirectory(_ directory: URL) throws -> [ConformanceCase] {
        let files = try FileManager.default.contentsOfDirectory(atPath: directory.path)
            .filter { $0.hasSuffix(".json") }.sorted()
        var cases: [ConformanceCase] = []
        for f in files {
            cases += try loadFile(directory.appendingPathComponent(f))
        }
        return cases
    }

    /// Loads one test file.
    public static func loadFile(_ url: URL) throws -> [ConformanceCase] {
        let data = try Data(contentsOf: url)
        guard let array = try JSONSerialization.jsonObject(with: data) as? [[String: Any]] else {
            throw LoadError(description: "\(url.lastPathComponent): not an array of objects")
        }
        return try array.map(parseCase)
    }

    static func parseCase(_ o: [String: Any]) throws -> ConformanceCase {
        let file = o["file"] as? String ?? ""
        let section = o["section"] as? String ?? ""
        let name = o["name"] as? String ?? ""
        var bindings: [String: Value] = [:]
        for (k, v) in o["bindings"] as? [String: Any] ?? [:] { bindings[k] = try value(v) }
        var typeEnv: [(name: String, type: CELType)] = []
        for entry in o["typeEnv"] as? [[String: Any]] ?? [] {
            guard let n = entry["name"] as? String, let t = entry["type"] as? String else { continue }
            typeEnv.append((n, try parseType(t)))
        }
        guard let exp = o["expected"] as? [String: Any] else {
            throw LoadError(description: "\(file)/\(section)/\(name): no expected outcome")
        }
        let expected: ConformanceCase.Expected
        if let v = exp["value"] {
            expected = .value(try value(v))
        } else if let e = exp["error"] {
            expected = .error(e as? String ?? "")
        } else if let any = exp["anyOf"] as? [Any] {
            expected = .anyOf(try any.map(value))
        } else {
            throw LoadError(description: "\(file)/\(section)/\(name): unknown expected form")
        }
        return ConformanceCase(file: file, section: section, name: name, expr: o["expr"] as? String ?? "",
                               disableCheck: o["disableCheck"] as? Bool ?? false,
                               container: o["container"] as? String ?? "",
                               bindings: bindings, typeEnv: typeEnv, expected: expected)
    }

    /// Converts a typed JSON value (`{"int": "-12"}`, `{"list": [...]}`, …) to a ``Value``.
    public static func value(_ any: Any) throws -> Value {
        guard let o = any as? [String: Any], o.count == 1, let (kind, v) = o.first else {
            throw LoadError(description: "typed value must be a one-key object: \(any)")
        }
        switch kind {
        case "int":
            guard let s = v as? String, let i = Int64(s) else { throw LoadError(description: "bad int \(v)") }
            return .int(i)
        case "uint":
            guard let s = v as? String, let u = UInt64(s) else { throw LoadError(description: "bad uint \(v)") }
            return .uint(u)
        case "double":
            if let s = v as? String {
                switch s {
                case "NaN": return .double(.nan)
                case "Infinity": return .double(.infinity)
                case "-Infinity": return .double(-.infinity)
                default: throw LoadError(description: "bad double \(s)")
                }
            }
            guard let n = v as? NSNumber else { throw LoadError(description: "bad double \(v)") }
            return .double(n.doubleValue)
        case "string":
            guard let s = v as? String else { throw LoadError(description: "bad string \(v)") }
            return .string(s)
        case "bytes":
            guard let s = v as? String, let d = Data(base64Encoded: s) else { throw LoadError(description: "bad bytes \(v)") }
            return .bytes([UInt8](d))
        case "bool":
            guard let n = v as? Bool else { throw LoadError(description: "bad bool \(v)") }
            return .bool(n)
        case "null":
            return .null
        case "list":
            guard let items = v as? [Any] else { throw LoadError(description: "bad list \(v)") }
            return .list(try items.map(value))
        case "map":
            guard let pairs = v as? [[Any]] else { throw LoadError(description: "bad map \(v)") }
            let entries = try pairs.map { p -> (key: Value, value: Value) in
                guard p.count == 2 else { throw LoadError(description: "bad map entry \(p)") }
                return (try value(p[0]), try value(p[1]))
            }
            return .map(MapValue(entries))
        case "type":
            guard let s = v as? String else { throw LoadError(description: "bad type \(v)") }
            return .type(try parseType(s))
        case "timestamp":
            guard let s = v as? String, let t = Timestamp.parse(s) else { throw LoadError(description: "bad timestamp \(v)") }
            return .timestamp(t)
        case "duration":
            guard let s = v as? String, let d = Duration.parse(s) else { throw LoadError(description: "bad duration \(v)") }
            return .duration(d)
        default:
            throw LoadError(description: "unknown typed value kind '\(kind)'")
        }
    }

    /// Parses a type name such as `int`, `list(int)`, `map(string, int)`, `null_type`, `dyn`.
    public static func parseType(_ text: String) throws -> CELType {
        var p = TypeNameParser(Array(text.unicodeScalars))
        let t = try p.parse()
        guard p.atEnd else { throw LoadError(description: "bad type name '\(text)'") }
        return t
    }

    private struct TypeNameParser {
        let s: [Unicode.Scalar]
        var i = 0
        init(_ s: [Unicode.Scalar]) { self.s = s }
        var atEnd: Bool { skipSpacesCount == s.count }
        var skipSpacesCount: Int {
            var j = i
            while j < s.count, s[j] == " " { j += 1 }
            return j
        }
        mutating func skip() { i = skipSpacesCount }
        mutating func ident() -> String {
            skip()
            var out = ""
            while i < s.count, s[i].properties.isAlphabetic || s[i] == "_" || s[i] == "." || ("0"..."9").contains(s[i]) {
                out.unicodeScalars.append(s[i])
                i += 1
            }
            return out
        }
        mutating func expect(_ c: Unicode.Scalar) throws {
            skip()
            guard i < s.count, s[i] == c else { throw LoadError(description: "expected '\(c)' in type name") }
            i += 1
        }
        mutating func peek(_ c: Unicode.Scalar) -> Bool {
            skip()
            return i < s.count && s[i] == c
        }
        mutating func parse() throws -> CELType {
            let name = ident()
            switch name {
            case "int": return .int
            case "uint": return .uint
            case "double": return .double
            case "bool": return .bool
            case "string": return .string
            case "bytes": return .bytes
            case "null_type": return .null
            case "dyn": return .dyn
            case "google.protobuf.Timestamp", "timestamp": return .timestamp
            case "google.protobuf.Duration", "duration": return .duration
            case "list":
                guard peek("(") else { return .list(.dyn) }
                try expect("(")
                let e = try parse()
                try expect(")")
                return .list(e)
            case "map":
                guard peek("(") else { return .map(.dyn, .dyn) }
                try expect("(")
                let k = try parse()
                try expect(",")
                let v = try parse()
                try expect(")")
                return .map(k, v)
            case "type":
                guard peek("(") else { return .type(nil) }
                try expect("(")
                let t = try parse()
                try expect(")")
                return .type(t)
            default:
                throw LoadError(description: "unknown type name '\(name)'")
            }
        }
    }
}
