/// A JSON Pointer (RFC 6901): a path to a value inside a JSON document, such as `/members/0/age`.
///
/// A pointer is a list of reference tokens. In its text form each token follows a `/`, with
/// `~` written as `~0` and `/` as `~1`; the empty string points at the whole document.
///
/// ```swift
/// let pointer = JSONPointer().appending("members").appending(0).appending("age")
/// pointer.description            // "/members/0/age"
/// try JSONPointer(parsing: "/a~1b").tokens   // ["a/b"]
/// ```
public struct JSONPointer: Sendable, Hashable, CustomStringConvertible {
    /// The reference tokens, unescaped.
    public var tokens: [String]

    /// Creates a pointer from unescaped tokens; no tokens points at the whole document.
    ///
    /// - Parameter tokens: The reference tokens, unescaped.
    public init(tokens: [String] = []) {
        self.tokens = tokens
    }

    /// Parses the text form of a pointer.
    ///
    /// - Parameter text: The empty string, or `/`-separated tokens with `~0` and `~1` escapes.
    /// - Throws: ``JSONError`` with code ``JSONErrorCode/invalidPointer`` when `text` is not
    ///   empty and does not start with `/`, or has a `~` not followed by `0` or `1`. The
    ///   position is within `text`.
    public init(parsing text: String) throws(JSONError) {
        let utf8 = Array(text.utf8)
        func failure(at offset: Int) -> JSONError {
            utf8.withUnsafeBufferPointer { JSONError(code: .invalidPointer, offset: offset, in: $0) }
        }
        var tokens: [String] = []
        guard !utf8.isEmpty else {
            self.tokens = tokens
            return
        }
        guard utf8[0] == UInt8(ascii: "/") else { throw failure(at: 0) }
        var token: [UInt8] = []
        var index = 1
        while index <= utf8.count {
            if index == utf8.count || utf8[index] == UInt8(ascii: "/") {
                tokens.append(String(decoding: token, as: UTF8.self))
                token.removeAll(keepingCapacity: true)
            } else if utf8[index] == UInt8(ascii: "~") {
                guard index + 1 < utf8.count else { throw failure(at: index) }
                switch utf8[index + 1] {
                case UInt8(ascii: "0"): token.append(UInt8(ascii: "~"))
                case UInt8(ascii: "1"): token.append(UInt8(ascii: "/"))
                default: throw failure(at: index)
                }
                index += 1
            } else {
                token.append(utf8[index])
            }
            index += 1
        }
        self.tokens = tokens
    }

    /// Escapes one reference token for the text form: `~` becomes `~0`, `/` becomes `~1`.
    ///
    /// - Parameter token: An unescaped token.
    /// - Returns: The escaped token.
    public static func escape(_ token: String) -> String {
        guard token.utf8.contains(where: { $0 == UInt8(ascii: "~") || $0 == UInt8(ascii: "/") }) else { return token }
        var escaped: [UInt8] = []
        escaped.reserveCapacity(token.utf8.count + 2)
        for byte in token.utf8 {
            switch byte {
            case UInt8(ascii: "~"): escaped.append(contentsOf: [UInt8(ascii: "~"), UInt8(ascii: "0")])
            case UInt8(ascii: "/"): escaped.append(contentsOf: [UInt8(ascii: "~"), UInt8(ascii: "1")])
            default: escaped.append(byte)
            }
        }
        return String(decoding: escaped, as: UTF8.self)
    }

    /// The pointer extended by one token.
    ///
    /// - Parameter token: An unescaped token (an object key).
    /// - Returns: The longer pointer.
    public func appending(_ token: String) -> JSONPointer {
        JSONPointer(tokens: tokens + [token])
    }

    /// The pointer extended by an array index.
    ///
    /// - Parameter index: A zero-based array index.
    /// - Returns: The longer pointer.
    public func appending(_ index: Int) -> JSONPointer {
        JSONPointer(tokens: tokens + [String(index)])
    }

    /// The text form, for example `/members/0/a~1b`; empty for the whole document.
    public var description: String {
        tokens.map { "/" + JSONPointer.escape($0) }.joined()
    }

    /// The value this pointer refers to inside `document`.
    ///
    /// Object tokens select the first member with that key; array tokens must be `0` or a
    /// decimal index without leading zeros that is in range (`-` refers to no element).
    ///
    /// - Parameter document: The document to resolve against.
    /// - Returns: The value, or `nil` when the path does not exist.
    public func resolve(in document: JSONValue) -> JSONValue? {
        var current = document
        for token in tokens {
            switch current {
            case .object(let object):
                guard let next = object[token] else { return nil }
                current = next
            case .array(let elements):
                guard let index = JSONPointer.arrayIndex(token), index < elements.count else { return nil }
                current = elements[index]
            default:
                return nil
            }
        }
        return current
    }

    /// The array index a token denotes: `0` or digits without a leading zero.
    private static func arrayIndex(_ token: String) -> Int? {
        let utf8 = token.utf8
        guard let first = utf8.first, utf8.allSatisfy({ $0 &- UInt8(ascii: "0") < 10 }),
              first != UInt8(ascii: "0") || utf8.count == 1 else { return nil }
        return Int(token)
    }
}
