/// One lexical token of a CEL expression.
struct Token: Sendable, Hashable {
    /// The token's kind (and payload, for literals and identifiers).
    var kind: TokenKind
    /// The UTF-8 offset of the token's first byte.
    var offset: Int
    /// The UTF-8 offset just past the token's last byte.
    var end: Int

    /// Creates a token.
    init(kind: TokenKind, offset: Int, end: Int) {
        self.kind = kind
        self.offset = offset
        self.end = end
    }
}

/// The kinds of CEL tokens.
enum TokenKind: Sendable, Hashable, CustomStringConvertible {
    /// An identifier (reserved words included; the parser rejects them where needed).
    case identifier(String)
    /// A backquoted field name, e.g. `` `content-type` ``.
    case quotedIdentifier(String)
    /// A decimal or hexadecimal integer literal without sign, as its digits (hex keeps `0x`).
    case intLiteral(String)
    /// An unsigned integer literal (suffix `u`/`U` removed).
    case uintLiteral(String)
    /// A floating-point literal, as written.
    case doubleLiteral(String)
    /// A string literal, escapes already decoded.
    case stringLiteral(String)
    /// A bytes literal, escapes already decoded.
    case bytesLiteral([UInt8])
    /// `true`
    case kwTrue
    /// `false`
    case kwFalse
    /// `null`
    case kwNull
    /// `in`
    case kwIn
    case leftParen, rightParen, leftBracket, rightBracket, leftBrace, rightBrace
    case dot, comma, colon, question
    case plus, minus, star, slash, percent
    case bang, equalEqual, bangEqual, less, lessEqual, greater, greaterEqual
    case ampAmp, pipePipe
    /// A character sequence the lexer could not tokenize (already reported).
    case invalid
    /// The end of the input.
    case eof

    /// How the token is spelled (or described) in messages.
    var description: String {
        switch self {
        case .identifier(let s): return s
        case .quotedIdentifier(let s): return "`\(s)`"
        case .intLiteral(let s), .doubleLiteral(let s): return s
        case .uintLiteral(let s): return s + "u"
        case .stringLiteral: return "string literal"
        case .bytesLiteral: return "bytes literal"
        case .kwTrue: return "true"
        case .kwFalse: return "false"
        case .kwNull: return "null"
        case .kwIn: return "in"
        case .leftParen: return "("
        case .rightParen: return ")"
        case .leftBracket: return "["
        case .rightBracket: return "]"
        case .leftBrace: return "{"
        case .rightBrace: return "}"
        case .dot: return "."
        case .comma: return ","
        case .colon: return ":"
        case .question: return "?"
        case .plus: return "+"
        case .minus: return "-"
        case .star: return "*"
        case .slash: return "/"
        case .percent: return "%"
        case .bang: return "!"
        case .equalEqual: return "=="
        case .bangEqual: return "!="
        case .less: return "<"
        case .lessEqual: return "<="
        case .greater: return ">"
        case .greaterEqual: return ">="
        case .ampAmp: return "&&"
        case .pipePipe: return "||"
        case .invalid: return "invalid token"
        case .eof: return "end of input"
        }
    }
}
