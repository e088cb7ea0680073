/// A recursive-descent parser for CEL (grammar and precedence of the CEL language definition),
/// producing an ``Expr`` tree with macros expanded.
///
/// Precedence, lowest first: `?:`, `||`, `&&`, relations (`< <= >= > == != in`), `+ -`,
/// `* / %`, unary `! -`, then member access, calls and indexing. Errors are collected (up to
/// ``Options/maxErrors``), never thrown; after an error the parser recovers and continues.
struct Parser {
    /// Parser settings, taken from the environment.
    struct Options: Sendable {
        /// Maximum nesting (parenthesised / bracketed / argument / conditional recursion, and
        /// the depth of the final expression tree).
        var maxNestingDepth: Int = 250
        /// Expand the `atLeast` macros.
        var enableKleeneExtensions: Bool = false
        /// Stop after this many errors.
        var maxErrors: Int = 100
    }

    private let tokens: [Token]
    private let sourceInfo: SourceInfo
    private let options: Options
    private var index = 0
    private var depth = 0
    private var aborted = false
    private var factory = ExprFactory()
    private var diagnostics: [CELDiagnostic] = []
    private var lastErrorOffset = -1

    /// Parses `text`. Returns the expanded expression (nil if there were errors) and all
    /// diagnostics in source order.
    static func parse(_ text: String, options: Options = Options()) -> (ast: ParsedAST?, diagnostics: [CELDiagnostic]) {
        let lexer = Lexer(text)
        var parser = Parser(tokens: lexer.tokens, sourceInfo: SourceInfo(text: text), options: options)
        for issue in lexer.issues { parser.report(issue.offset, code: issue.code, issue.message, force: true) }
        let expr = parser.parseExpr()
        if !parser.aborted, parser.current.kind != .eof {
            parser.report(parser.current.offset, code: "syntax_error", "unexpected \(parser.describe(parser.current)) after the end of the expression")
        }
        if !parser.aborted, parser.diagnostics.isEmpty {
            let depth = Parser.treeDepth(expr)
            if depth > options.maxNestingDepth {
                parser.report(0, code: "nesting_limit",
                              "expression nesting depth \(depth) exceeds the maximum of \(options.maxNestingDepth)", force: true)
            }
        }
        let diagnostics = CELCompileErrors(diagnostics: parser.diagnostics, source: text).diagnostics
        if !diagnostics.isEmpty { return (nil, diagnostics) }
        var info = SourceInfo(text: text)
        info.positions = parser.factory.positions
        return (ParsedAST(expr: expr, sourceInfo: info, maxID: parser.factory.nextID - 1), [])
    }

    private init(tokens: [Token], sourceInfo: SourceInfo, options: Options) {
        self.tokens = tokens
        self.sourceInfo = sourceInfo
        self.options = options
    }

    // MARK: - Token helpers

    private var current: Token {
        aborted ? tokens[tokens.count - 1] : tokens[index]
    }

    private func peekKind(_ ahead: Int) -> TokenKind {
        aborted ? .eof : tokens[min(index + ahead, tokens.count - 1)].kind
    }

    @discardableResult
    private mutating func advance() -> Token {
        let token = current
        if index < tokens.count - 1 { index += 1 }
        return token
    }

    private mutating func accept(_ kind: TokenKind) -> Token? {
        current.kind == kind ? advance() : nil
    }

    private func describe(_ token: Token) -> String {
        switch token.kind {
        case .eof: return "end of input"
        case .stringLiteral, .bytesLiteral, .invalid: return token.kind.description
        default: return "'\(token.kind)'"
        }
    }

    private mutating func expect(_ kind: TokenKind, _ context: String) {
        if accept(kind) != nil { return }
        if current.kind == .invalid { advance(); if accept(kind) != nil { return } }
        report(current.offset, code: "syntax_error", "expected '\(kind)' \(context), found \(describe(current))")
    }

    private mutating func report(_ offset: Int, code: String, _ message: String, force: Bool = false) {
        if aborted { return }
        if !force && offset == lastErrorOffset { return }
        if diagnostics.count >= options.maxErrors {
            if !aborted {
                aborted = true
                diagnostics.append(CELDiagnostic(code: "too_many_errors",
                                                 message: "too many errors (more than \(options.maxErrors)); parsing stopped",
                                                 offset: offset, in: sourceInfo))
            }
            return
        }
        lastErrorOffset = offset
        diagnostics.append(CELDiagnostic(code: code, message: message, offset: offset, in: sourceInfo))
    }

    /// A placeholder for a subexpression that could not be parsed (only ever seen with errors).
    private mutating func errorExpr(at offset: Int) -> Expr {
        factory.literal(.null, at: offset)
    }

    // MARK: - Expressions

    /// `Expr = ConditionalOr ["?" ConditionalOr ":" Expr]`
    private mutating func parseExpr() -> Expr {
        let start = current.offset
        if aborted { return errorExpr(at: start) }
        depth += 1
        defer { depth -= 1 }
        if depth > options.maxNestingDepth {
            report(start, code: "nesting_limit",
                   "expression nesting exceeds the maximum depth of \(options.maxNestingDepth)", force: true)
            aborted = true
            return errorExpr(at: start)
        }
        let condition = parseLogical(or: true)
        guard let question = accept(.question) else { return condition }
        let then = parseLogical(or: true)
        expect(.colon, "in conditional expression")
        let otherwise = parseExpr()
        return factory.call("_?_:_", [condition, then, otherwise], at: question.offset)
    }

    /// `ConditionalOr = ConditionalAnd {"||" ConditionalAnd}` and
    /// `ConditionalAnd = Relation {"&&" Relation}`; chains are built as balanced trees (as cel-go
    /// does) so long chains stay shallow.
    private mutating func parseLogical(or: Bool) -> Expr {
        let opKind: TokenKind = or ? .pipePipe : .ampAmp
        var terms = [or ? parseLogical(or: false) : parseRelation()]
        var ops: [Int] = []
        while let op = accept(opKind) {
            ops.append(op.offset)
            terms.append(or ? parseLogical(or: false) : parseRelation())
        }
        if ops.isEmpty { return terms[0] }
        return balanced(terms, ops, function: or ? "_||_" : "_&&_", lo: 0, hi: ops.count - 1)
    }

    /// Builds a balanced tree over `ops[lo...hi]` (operator `i` joins `terms[i]` and `terms[i+1]`).
    private mutating func balanced(_ terms: [Expr], _ ops: [Int], function: String, lo: Int, hi: Int) -> Expr {
        let mid = (lo + hi + 1) / 2
        let left = mid == lo ? terms[mid] : balanced(terms, ops, function: function, lo: lo, hi: mid - 1)
        let right = mid == hi ? terms[mid + 1] : balanced(terms, ops, function: function, lo: mid + 1, hi: hi)
        return factory.call(function, [left, right], at: ops[mid])
    }

    /// `Relation = Addition {RelOp Addition}` (left-associative).
    private mutating func parseRelation() -> Expr {
        var left = parseAddition()
        while true {
            let function: String
            switch current.kind {
            case .less: function = "_<_"
            case .lessEqual: function = "_<=_"
            case .greater: function = "_>_"
            case .greaterEqual: function = "_>=_"
            case .equalEqual: function = "_==_"
            case .bangEqual: function = "_!=_"
            case .kwIn: function = "@in"
            default: return left
            }
            let op = advance()
            let right = parseAddition()
            left = factory.call(function, [left, right], at: op.offset)
        }
    }

    /// `Addition = Multiplication {("+" | "-") Multiplication}`.
    private mutating func parseAddition() -> Expr {
        var left = parseMultiplication()
        while true {
            let function: String
            switch current.kind {
            case .plus: function = "_+_"
            case .minus: function = "_-_"
            default: return left
            }
            let op = advance()
            let right = parseMultiplication()
            left = factory.call(function, [left, right], at: op.offset)
        }
    }

    /// `Multiplication = Unary {("*" | "/" | "%") Unary}`.
    private mutating func parseMultiplication() -> Expr {
        var left = parseUnary()
        while true {
            let function: String
            switch current.kind {
            case .star: function = "_*_"
            case .slash: function = "_/_"
            case .percent: function = "_%_"
            default: return left
            }
            let op = advance()
            let right = parseUnary()
            left = factory.call(function, [left, right], at: op.offset)
        }
    }

    /// `Unary = Member | "!" {"!"} Member | "-" {"-"} Member`. A `-` directly before a numeric
    /// literal is part of the literal (so `-9223372036854775808` is representable).
    private mutating func parseUnary() -> Expr {
        var ops: [(function: String, offset: Int)] = []
        if current.kind == .bang {
            while let op = accept(.bang) { ops.append(("!_", op.offset)) }
        } else if current.kind == .minus {
            while current.kind == .minus {
                switch peekKind(1) {
                case .intLiteral, .doubleLiteral: break
                default:
                    ops.append(("-_", advance().offset))
                    continue
                }
                break
            }
        }
        if ops.count > options.maxNestingDepth {
            report(ops[0].offset, code: "nesting_limit",
                   "expression nesting exceeds the maximum depth of \(options.maxNestingDepth)", force: true)
            aborted = true
            return errorExpr(at: ops[0].offset)
        }
        var expr = parseMember()
        for op in ops.reversed() {
            expr = factory.call(op.function, [expr], at: op.offset)
        }
        return expr
    }

    /// `Member = Primary {"." SELECTOR ["(" [ExprList] ")"] | "[" Expr "]"}`.
    private mutating func parseMember() -> Expr {
        var expr = parsePrimary()
        while !aborted {
            switch current.kind {
            case .dot:
                advance()
                if current.kind == .question {
                    report(current.offset, code: "unsupported_syntax", "optional field selection '.?' is not supported")
                    advance()
                }
                let nameToken = current
                switch nameToken.kind {
                case .identifier(let name):
                    advance()
                    if let open = accept(.leftParen) {
                        let args = parseArguments(closing: .rightParen, open: open)
                        expr = makeCall(target: expr, function: name, args: args, at: nameToken.offset)
                    } else if current.kind == .leftBrace {
                        expr = rejectMessageConstruction()
                    } else {
                        expr = factory.make(.select(operand: expr, field: name, testOnly: false), at: nameToken.offset)
                    }
                case .quotedIdentifier(let name):
                    advance()
                    if current.kind == .leftParen {
                        report(current.offset, code: "syntax_error", "a quoted name cannot be called as a function")
                    }
                    expr = factory.make(.select(operand: expr, field: name, testOnly: false), at: nameToken.offset)
                default:
                    report(nameToken.offset, code: "syntax_error",
                           "expected a field name after '.', found \(describe(nameToken))")
                    return expr
                }
            case .leftBracket:
                let open = advance()
                if current.kind == .question {
                    report(current.offset, code: "unsupported_syntax", "optional index '[?' is not supported")
                    advance()
                }
                let index = parseExpr()
                expect(.rightBracket, "to close the index")
                expr = factory.call("_[_]", [expr, index], at: open.offset)
            case .leftBrace where isQualifiedName(expr):
                expr = rejectMessageConstruction()
            default:
                return expr
            }
        }
        return expr
    }

    private func isQualifiedName(_ expr: Expr) -> Bool {
        switch expr.kind {
        case .ident: return true
        case .select(let operand, _, false): return isQualifiedName(operand)
        default: return false
        }
    }

    /// Reports `Name{...}` message construction (unsupported without protobuf) and skips it.
    private mutating func rejectMessageConstruction() -> Expr {
        let open = current
        report(open.offset, code: "unsupported_syntax",
               "message construction 'Type{...}' is not supported (no protobuf message types)")
        var level = 0
        repeat {
            switch current.kind {
            case .leftBrace: level += 1
            case .rightBrace: level -= 1
            case .eof: return errorExpr(at: open.offset)
            default: break
            }
            advance()
        } while level > 0
        return errorExpr(at: open.offset)
    }

    /// Parses `expr {"," expr} [","]` up to `closing` (the opening token already consumed).
    private mutating func parseArguments(closing: TokenKind, open: Token, allowTrailingComma: Bool = false) -> [Expr] {
        var args: [Expr] = []
        if accept(closing) != nil { return args }
        while !aborted {
            args.append(parseExpr())
            if accept(.comma) != nil {
                if allowTrailingComma, accept(closing) != nil { return args }
                continue
            }
            break
        }
        expect(closing, "to close the '\(open.kind)' at \(locationText(open.offset))")
        return args
    }

    private func locationText(_ offset: Int) -> String {
        let l = sourceInfo.location(ofOffset: offset)
        return "\(l.line):\(l.column)"
    }

    /// `Primary = ["."] IDENT ["(" [ExprList] ")"] | "(" Expr ")" | "[" [ExprList] [","] "]"
    ///          | "{" [MapInits] [","] "}" | LITERAL`
    private mutating func parsePrimary() -> Expr {
        let token = current
        switch token.kind {
        case .dot:
            advance()
            guard case .identifier(let name) = current.kind else {
                report(current.offset, code: "syntax_error", "expected an identifier after a leading '.', found \(describe(current))")
                return errorExpr(at: token.offset)
            }
            let nameToken = advance()
            return identOrGlobalCall("." + name, token: nameToken, start: token.offset)
        case .identifier(let name):
            advance()
            return identOrGlobalCall(name, token: token, start: token.offset)
        case .leftParen:
            advance()
            let inner = parseExpr()
            expect(.rightParen, "to close the '(' at \(locationText(token.offset))")
            return inner
        case .leftBracket:
            advance()
            let elements = parseArguments(closing: .rightBracket, open: token, allowTrailingComma: true)
            return factory.make(.list(elements), at: token.offset)
        case .leftBrace:
            advance()
            return parseMapEntries(open: token)
        case .minus:
            advance()
            return parseNumber(current, negative: true, start: token.offset)
        case .intLiteral, .uintLiteral, .doubleLiteral:
            return parseNumber(token, negative: false, start: token.offset)
        case .stringLiteral(let s):
            advance()
            return factory.literal(.string(s), at: token.offset)
        case .bytesLiteral(let b):
            advance()
            return factory.literal(.bytes(b), at: token.offset)
        case .kwTrue:
            advance()
            return factory.literal(.bool(true), at: token.offset)
        case .kwFalse:
            advance()
            return factory.literal(.bool(false), at: token.offset)
        case .kwNull:
            advance()
            return factory.literal(.null, at: token.offset)
        case .invalid:
            advance()  // already reported by the lexer
            return errorExpr(at: token.offset)
        case .eof:
            report(token.offset, code: "syntax_error", "unexpected end of input, expected an expression")
            return errorExpr(at: token.offset)
        case .quotedIdentifier:
            report(token.offset, code: "syntax_error", "quoted names are only allowed as field selectors (a.`name`)")
            advance()
            return errorExpr(at: token.offset)
        default:
            report(token.offset, code: "syntax_error", "unexpected \(describe(token)), expected an expression")
            // Operators, separators and closers are left for the enclosing loop to consume, so
            // parsing resynchronises right after the missing operand.
            return errorExpr(at: token.offset)
        }
    }

    private mutating func identOrGlobalCall(_ name: String, token: Token, start: Int) -> Expr {
        let bare = name.hasPrefix(".") ? String(name.dropFirst()) : name
        if Lexer.reservedWords.contains(bare) {
            report(token.offset, code: "reserved_identifier", "reserved identifier: \(bare)")
        }
        if let open = accept(.leftParen) {
            let args = parseArguments(closing: .rightParen, open: open)
            return makeCall(target: nil, function: name, args: args, at: token.offset)
        }
        return factory.ident(name, at: start)
    }

    /// `MapInits = Expr ":" Expr {"," Expr ":" Expr}` followed by an optional `,` and `}`.
    private mutating func parseMapEntries(open: Token) -> Expr {
        var entries: [MapEntry] = []
        if accept(.rightBrace) != nil { return factory.make(.map([]), at: open.offset) }
        while !aborted {
            if current.kind == .question {
                report(current.offset, code: "unsupported_syntax", "optional map entries '?key: value' are not supported")
                advance()
            }
            let key = parseExpr()
            let colon = current
            expect(.colon, "between map key and value")
            let value = parseExpr()
            entries.append(MapEntry(id: factory.newID(at: colon.offset), key: key, value: value))
            if accept(.comma) != nil {
                if accept(.rightBrace) != nil { return factory.make(.map(entries), at: open.offset) }
                continue
            }
            break
        }
        expect(.rightBrace, "to close the '{' at \(locationText(open.offset))")
        return factory.make(.map(entries), at: open.offset)
    }

    /// Parses a numeric literal token (optionally preceded by a consumed `-`).
    private mutating func parseNumber(_ token: Token, negative: Bool, start: Int) -> Expr {
        switch token.kind {
        case .intLiteral(let text):
            advance()
            let magnitude: UInt64?
            if text.hasPrefix("0x") {
                magnitude = UInt64(text.dropFirst(2), radix: 16)
            } else {
                magnitude = UInt64(text, radix: 10)
            }
            guard let magnitude else { return invalidLiteral(text, negative, "int", start) }
            if negative {
                if magnitude == UInt64(Int64.max) + 1 { return factory.literal(.int(Int64.min), at: start) }
                guard magnitude <= UInt64(Int64.max) else { return invalidLiteral(text, negative, "int", start) }
                return factory.literal(.int(-Int64(magnitude)), at: start)
            }
            guard magnitude <= UInt64(Int64.max) else { return invalidLiteral(text, negative, "int", start) }
            return factory.literal(.int(Int64(magnitude)), at: start)
        case .uintLiteral(let text):
            advance()
            let value = text.hasPrefix("0x") ? UInt64(text.dropFirst(2), radix: 16) : UInt64(text, radix: 10)
            guard let value, !negative else { return invalidLiteral(text + "u", negative, "uint", start) }
            return factory.literal(.uint(value), at: start)
        case .doubleLiteral(let text):
            advance()
            guard let value = Double(text), value.isFinite else {
                return invalidLiteral(text, negative, "double", start)
            }
            return factory.literal(.double(negative ? -value : value), at: start)
        default:
            report(token.offset, code: "syntax_error", "unexpected \(describe(token)), expected an expression")
            return errorExpr(at: start)
        }
    }

    private mutating func invalidLiteral(_ text: String, _ negative: Bool, _ kind: String, _ start: Int) -> Expr {
        report(start, code: "invalid_literal", "invalid \(kind) literal '\(negative ? "-" : "")\(text)': out of range")
        return errorExpr(at: start)
    }

    /// Builds a call node, expanding it if it is a macro.
    private mutating func makeCall(target: Expr?, function: String, args: [Expr], at offset: Int) -> Expr {
        switch MacroExpander.expand(function: function, target: target, args: args, at: offset,
                                    kleene: options.enableKleeneExtensions, factory: &factory) {
        case .notAMacro:
            return factory.make(.call(target: target, function: function, args: args), at: offset)
        case .expanded(let expr):
            return expr
        case .failed(let errorOffset, let message):
            report(errorOffset, code: "invalid_macro", message, force: true)
            return errorExpr(at: offset)
        }
    }

    // MARK: - Tree depth

    /// The depth of `root` (a leaf has depth 1), computed without recursion.
    static func treeDepth(_ root: Expr) -> Int {
        var stack: [(Expr, Int)] = [(root, 1)]
        var maxDepth = 0
        while let (expr, d) = stack.popLast() {
            maxDepth = max(maxDepth, d)
            for child in expr.children { stack.append((child, d + 1)) }
        }
        return maxDepth
    }
}

extension Expr {
    /// The direct subexpressions of this node, in source order (map entries as key, value).
    var children: [Expr] {
        switch kind {
        case .literal, .ident: return []
        case .select(let operand, _, _): return [operand]
        case .call(let target, _, let args): return (target.map { [$0] } ?? []) + args
        case .list(let elements): return elements
        case .map(let entries): return entries.flatMap { [$0.key, $0.value] }
        case .comprehension(let c): return [c.iterRange, c.accuInit, c.loopCondition, c.loopStep, c.result]
        }
    }
}
