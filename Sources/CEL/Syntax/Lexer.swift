/// Splits CEL source text into ``Token``s, decoding literals and reporting lexical errors.
///
/// Works on the UTF-8 bytes of the source, so every token position is a UTF-8 offset (the unit
/// of ``SourceInfo/positions``). Lexical errors are collected, never thrown; the offending
/// characters become `.invalid` tokens so the parser can continue.
struct Lexer {
    /// A lexical problem: where, a code and a message.
    struct Issue: Sendable, Hashable {
        var offset: Int
        var code: String
        var message: String
    }

    private let bytes: [UInt8]
    private var pos = 0
    private(set) var tokens: [Token] = []
    private(set) var issues: [Issue] = []

    /// The words reserved by the CEL grammar that may not be used as identifiers.
    static let reservedWords: Set<String> = [
        "as", "break", "const", "continue", "else", "for", "function", "if", "import", "let",
        "loop", "package", "namespace", "return", "var", "void", "while",
    ]

    /// Tokenizes `text`; the last token is always `.eof`.
    init(_ text: String) {
        self.bytes = Array(text.utf8)
        while let token = nextToken() { tokens.append(token) }
        tokens.append(Token(kind: .eof, offset: bytes.count, end: bytes.count))
    }

    // MARK: - Scanning

    private func peek(_ ahead: Int = 0) -> UInt8? {
        let i = pos + ahead
        return i < bytes.count ? bytes[i] : nil
    }

    private mutating func report(_ offset: Int, _ code: String, _ message: String) {
        issues.append(Issue(offset: offset, code: code, message: message))
    }

    private static func isIdentStart(_ b: UInt8) -> Bool {
        (b >= 0x61 && b <= 0x7A) || (b >= 0x41 && b <= 0x5A) || b == 0x5F
    }
    private static func isDigit(_ b: UInt8) -> Bool { b >= 0x30 && b <= 0x39 }
    private static func isIdentPart(_ b: UInt8) -> Bool { isIdentStart(b) || isDigit(b) }
    private static func hexValue(_ b: UInt8) -> UInt32? {
        switch b {
        case 0x30...0x39: return UInt32(b - 0x30)
        case 0x61...0x66: return UInt32(b - 0x61 + 10)
        case 0x41...0x46: return UInt32(b - 0x41 + 10)
        default: return nil
        }
    }

    private mutating func skipTrivia() {
        while let b = peek() {
            switch b {
            case 0x20, 0x09, 0x0A, 0x0D, 0x0C:
                pos += 1
            case UInt8(ascii: "/") where peek(1) == UInt8(ascii: "/"):
                while let c = peek(), c != 0x0A, c != 0x0D { pos += 1 }
            default:
                return
            }
        }
    }

    private mutating func nextToken() -> Token? {
        skipTrivia()
        guard let b = peek() else { return nil }
        let start = pos
        func single(_ kind: TokenKind, _ length: Int = 1) -> Token {
            pos += length
            return Token(kind: kind, offset: start, end: pos)
        }
        switch b {
        case UInt8(ascii: "("): return single(.leftParen)
        case UInt8(ascii: ")"): return single(.rightParen)
        case UInt8(ascii: "["): return single(.leftBracket)
        case UInt8(ascii: "]"): return single(.rightBracket)
        case UInt8(ascii: "{"): return single(.leftBrace)
        case UInt8(ascii: "}"): return single(.rightBrace)
        case UInt8(ascii: ","): return single(.comma)
        case UInt8(ascii: ":"): return single(.colon)
        case UInt8(ascii: "?"): return single(.question)
        case UInt8(ascii: "+"): return single(.plus)
        case UInt8(ascii: "-"): return single(.minus)
        case UInt8(ascii: "*"): return single(.star)
        case UInt8(ascii: "/"): return single(.slash)
        case UInt8(ascii: "%"): return single(.percent)
        case UInt8(ascii: "!"):
            return peek(1) == UInt8(ascii: "=") ? single(.bangEqual, 2) : single(.bang)
        case UInt8(ascii: "="):
            if peek(1) == UInt8(ascii: "=") { return single(.equalEqual, 2) }
            report(start, "syntax_error", "unexpected '=' (use '==' for equality)")
            return single(.invalid)
        case UInt8(ascii: "<"):
            return peek(1) == UInt8(ascii: "=") ? single(.lessEqual, 2) : single(.less)
        case UInt8(ascii: ">"):
            return peek(1) == UInt8(ascii: "=") ? single(.greaterEqual, 2) : single(.greater)
        case UInt8(ascii: "&"):
            if peek(1) == UInt8(ascii: "&") { return single(.ampAmp, 2) }
            report(start, "syntax_error", "unexpected '&' (use '&&')")
            return single(.invalid)
        case UInt8(ascii: "|"):
            if peek(1) == UInt8(ascii: "|") { return single(.pipePipe, 2) }
            report(start, "syntax_error", "unexpected '|' (use '||')")
            return single(.invalid)
        case UInt8(ascii: "."):
            if let next = peek(1), Lexer.isDigit(next) { return lexNumber() }
            return single(.dot)
        case UInt8(ascii: "`"):
            return lexQuotedIdentifier()
        case UInt8(ascii: "'"), UInt8(ascii: "\""):
            return lexString(start: start, raw: false, isBytes: false)
        default:
            if Lexer.isDigit(b) { return lexNumber() }
            if Lexer.isIdentStart(b) { return lexIdentifierOrPrefixedString() }
            // Skip one whole UTF-8 scalar.
            var length = 1
            if b >= 0xF0 { length = 4 } else if b >= 0xE0 { length = 3 } else if b >= 0xC0 { length = 2 }
            let end = min(pos + length, bytes.count)
            let text = String(decoding: bytes[pos..<end], as: UTF8.self)
            report(start, "syntax_error", "unexpected character '\(text)'")
            return single(.invalid, end - pos)
        }
    }

    private mutating func lexIdentifierOrPrefixedString() -> Token {
        let start = pos
        while let b = peek(), Lexer.isIdentPart(b) { pos += 1 }
        let text = String(decoding: bytes[start..<pos], as: UTF8.self)
        if let q = peek(), q == UInt8(ascii: "'") || q == UInt8(ascii: "\""), text.count <= 2 {
            let lower = text.lowercased()
            if ["r", "b", "br", "rb"].contains(lower) {
                return lexString(start: start, raw: lower.contains("r"), isBytes: lower.contains("b"))
            }
        }
        let kind: TokenKind
        switch text {
        case "true": kind = .kwTrue
        case "false": kind = .kwFalse
        case "null": kind = .kwNull
        case "in": kind = .kwIn
        default: kind = .identifier(text)
        }
        return Token(kind: kind, offset: start, end: pos)
    }

    private mutating func lexQuotedIdentifier() -> Token {
        let start = pos
        pos += 1
        let nameStart = pos
        while let b = peek(), b != UInt8(ascii: "`") {
            let allowed = Lexer.isIdentPart(b) || b == UInt8(ascii: ".") || b == UInt8(ascii: "-")
                || b == UInt8(ascii: "/") || b == UInt8(ascii: " ")
            if !allowed { break }
            pos += 1
        }
        guard peek() == UInt8(ascii: "`"), pos > nameStart else {
            report(start, "syntax_error", "invalid quoted identifier: expected letters, digits, '_', '.', '-', '/' or ' ' and a closing '`'")
            return Token(kind: .invalid, offset: start, end: pos)
        }
        let name = String(decoding: bytes[nameStart..<pos], as: UTF8.self)
        pos += 1
        return Token(kind: .quotedIdentifier(name), offset: start, end: pos)
    }

    private mutating func lexNumber() -> Token {
        let start = pos
        if peek() == UInt8(ascii: "0"), let x = peek(1), x == UInt8(ascii: "x") || x == UInt8(ascii: "X"),
           let h = peek(2), Lexer.hexValue(h) != nil {
            pos += 2
            while let b = peek(), Lexer.hexValue(b) != nil { pos += 1 }
            let text = "0x" + String(decoding: bytes[(start + 2)..<pos], as: UTF8.self)
            if let u = peek(), u == UInt8(ascii: "u") || u == UInt8(ascii: "U") {
                pos += 1
                return Token(kind: .uintLiteral(text), offset: start, end: pos)
            }
            return Token(kind: .intLiteral(text), offset: start, end: pos)
        }
        var isDouble = false
        while let b = peek(), Lexer.isDigit(b) { pos += 1 }
        if peek() == UInt8(ascii: "."), let d = peek(1), Lexer.isDigit(d) {
            isDouble = true
            pos += 1
            while let b = peek(), Lexer.isDigit(b) { pos += 1 }
        }
        if let e = peek(), e == UInt8(ascii: "e") || e == UInt8(ascii: "E") {
            var ahead = 1
            if let s = peek(1), s == UInt8(ascii: "+") || s == UInt8(ascii: "-") { ahead = 2 }
            if let d = peek(ahead), Lexer.isDigit(d) {
                isDouble = true
                pos += ahead
                while let b = peek(), Lexer.isDigit(b) { pos += 1 }
            }
        }
        let text = String(decoding: bytes[start..<pos], as: UTF8.self)
        if isDouble { return Token(kind: .doubleLiteral(text), offset: start, end: pos) }
        if let u = peek(), u == UInt8(ascii: "u") || u == UInt8(ascii: "U") {
            pos += 1
            return Token(kind: .uintLiteral(text), offset: start, end: pos)
        }
        return Token(kind: .intLiteral(text), offset: start, end: pos)
    }

    // MARK: - Strings and bytes

    /// Lexes a (possibly raw, possibly bytes) string literal; `pos` is at the prefix or quote,
    /// `start` at the token start.
    private mutating func lexString(start: Int, raw: Bool, isBytes: Bool) -> Token {
        let quote = bytes[pos]
        let triple = peek(1) == quote && peek(2) == quote
        pos += triple ? 3 : 1
        var out: [UInt8] = []
        var ok = true
        while true {
            guard let b = peek() else {
                report(start, "syntax_error", "unterminated \(isBytes ? "bytes" : "string") literal")
                return Token(kind: .invalid, offset: start, end: pos)
            }
            if triple {
                if b == quote && peek(1) == quote && peek(2) == quote { pos += 3; break }
            } else {
                if b == quote { pos += 1; break }
                if b == 0x0A || b == 0x0D {
                    report(start, "syntax_error", "unterminated \(isBytes ? "bytes" : "string") literal (newline in a single-quoted literal; use triple quotes)")
                    return Token(kind: .invalid, offset: start, end: pos)
                }
            }
            if b == UInt8(ascii: "\\") && !raw {
                if !lexEscape(into: &out, isBytes: isBytes) { ok = false }
            } else {
                out.append(b)
                pos += 1
            }
        }
        guard ok else { return Token(kind: .invalid, offset: start, end: pos) }
        if isBytes { return Token(kind: .bytesLiteral(out), offset: start, end: pos) }
        return Token(kind: .stringLiteral(String(decoding: out, as: UTF8.self)), offset: start, end: pos)
    }

    /// Decodes one escape sequence at `pos` (a backslash), appending its UTF-8 (strings) or
    /// byte (bytes) encoding. Reports and returns false on an invalid escape.
    private mutating func lexEscape(into out: inout [UInt8], isBytes: Bool) -> Bool {
        let escapeStart = pos
        guard let c = peek(1) else {
            pos += 1
            return true  // the unterminated-literal error follows
        }
        pos += 2
        func appendScalar(_ value: UInt32) {
            if isBytes && value <= 0xFF {
                out.append(UInt8(value))
            } else if let scalar = Unicode.Scalar(value) {
                out.append(contentsOf: Array(String(Character(scalar)).utf8))
            }
        }
        func readHex(_ count: Int) -> UInt32? {
            var value: UInt32 = 0
            for i in 0..<count {
                guard let b = peek(i), let h = Lexer.hexValue(b) else { return nil }
                value = value << 4 | h
            }
            pos += count
            return value
        }
        switch c {
        case UInt8(ascii: "a"): out.append(0x07)
        case UInt8(ascii: "b"): out.append(0x08)
        case UInt8(ascii: "f"): out.append(0x0C)
        case UInt8(ascii: "n"): out.append(0x0A)
        case UInt8(ascii: "r"): out.append(0x0D)
        case UInt8(ascii: "t"): out.append(0x09)
        case UInt8(ascii: "v"): out.append(0x0B)
        case UInt8(ascii: "\\"), UInt8(ascii: "'"), UInt8(ascii: "\""), UInt8(ascii: "`"), UInt8(ascii: "?"):
            out.append(c)
        case UInt8(ascii: "x"), UInt8(ascii: "X"):
            guard let v = readHex(2) else {
                report(escapeStart, "invalid_literal", "invalid escape sequence: \\\(Character(Unicode.Scalar(c))) needs 2 hex digits")
                return false
            }
            appendScalar(v)
        case UInt8(ascii: "u"), UInt8(ascii: "U"):
            let count = c == UInt8(ascii: "u") ? 4 : 8
            let name = c == UInt8(ascii: "u") ? "\\u" : "\\U"
            if isBytes {
                report(escapeStart, "invalid_literal", "\(name) escapes are not allowed in bytes literals")
                _ = readHex(count)
                return false
            }
            guard let v = readHex(count) else {
                report(escapeStart, "invalid_literal", "invalid escape sequence: \(name) needs \(count) hex digits")
                return false
            }
            if (0xD800...0xDFFF).contains(v) || v > 0x10FFFF {
                report(escapeStart, "invalid_literal", "invalid escape sequence: \(name) code point \(String(v, radix: 16, uppercase: true)) is not a Unicode scalar value")
                return false
            }
            appendScalar(v)
        case UInt8(ascii: "0")...UInt8(ascii: "3"):
            guard let d1 = peek(), let d2 = peek(1),
                  (0x30...0x37).contains(d1), (0x30...0x37).contains(d2) else {
                report(escapeStart, "invalid_literal", "invalid octal escape: expected \\ followed by three octal digits (\\000 to \\377)")
                return false
            }
            pos += 2
            appendScalar(UInt32(c - 0x30) << 6 | UInt32(d1 - 0x30) << 3 | UInt32(d2 - 0x30))
        default:
            let shown = c < 0x80 ? String(Character(Unicode.Scalar(c))) : "…"
            report(escapeStart, "invalid_literal", "invalid escape sequence '\\\(shown)'")
            return false
        }
        return true
    }
}
