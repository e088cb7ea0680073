/// A source position inside a rule file.
public struct RulePosition: Sendable, Hashable {
    /// The rule file's name relative to the rules directory.
    public var file: String
    /// 1-based line.
    public var line: Int
    /// 1-based column.
    public var column: Int
}

/// One attribute (`key: value`) of a rule block, with where its value starts.
public struct RuleAttribute: Sendable {
    public var key: String
    /// The value text; continuation lines are kept whole (with their indentation) and joined
    /// with newlines, so a CEL position on line k > 1 maps to the file line directly.
    public var value: String
    /// Position of the key.
    public var keyPosition: RulePosition
    /// Position of the value's first character.
    public var valuePosition: RulePosition
}

/// A block of a rule file: `kind id [= value]` followed by indented attributes.
public struct RuleBlock: Sendable {
    public var kind: String
    public var id: String
    /// For `parameter id = value`: the value text.
    public var inlineValue: String?
    public var inlineValuePosition: RulePosition?
    public var position: RulePosition
    public var idPosition: RulePosition
    public var attributes: [RuleAttribute]

    /// The attribute called `key`, if present.
    public func attribute(_ key: String) -> RuleAttribute? { attributes.first { $0.key == key } }
}

/// Splits rule-file text into blocks. See `docs/rules-language.md` for the format.
public enum RuleFileParser {
    /// Parses one file's text.
    /// - Returns: the blocks, and diagnostics for lines that do not fit the format.
    public static func parse(_ text: String, file: String) -> (blocks: [RuleBlock], diagnostics: [RuleDiagnostic]) {
        var blocks: [RuleBlock] = []
        var diagnostics: [RuleDiagnostic] = []
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false).map { line -> Substring in
            line.hasSuffix("\r") ? line.dropLast() : line
        }
        var current: RuleBlock?
        // The attribute being read and the indentation of its key (continuations are deeper).
        var attributeIndent = -1

        func pos(_ line: Int, _ col: Int) -> RulePosition { RulePosition(file: file, line: line, column: col) }
        func finish() {
            if var b = current {
                for i in b.attributes.indices {
                    while b.attributes[i].value.last == "\n" { b.attributes[i].value.removeLast() }
                }
                blocks.append(b)
            }
            current = nil
            attributeIndent = -1
        }

        for (index, raw) in lines.enumerated() {
            let lineNo = index + 1
            let indent = raw.prefix { $0 == " " }.count
            if raw.contains("\t") {
                diagnostics.append(RuleDiagnostic(file: file, line: lineNo, column: (raw.firstIndex(of: "\t").map { raw.distance(from: raw.startIndex, to: $0) } ?? 0) + 1,
                                                  code: "syntax", message: "tabs are not allowed; indent with spaces"))
                continue
            }
            let body = raw.dropFirst(indent)
            if body.isEmpty || body.hasPrefix("#") {
                // Keep line numbering inside a multi-line value: blank and comment lines become empty lines.
                if attributeIndent >= 0, current != nil, !current!.attributes.isEmpty {
                    current!.attributes[current!.attributes.count - 1].value += "\n"
                }
                continue
            }

            if indent == 0 {
                finish()
                // Header: kind id [= value]
                let parts = body.split(separator: " ", maxSplits: 1, omittingEmptySubsequences: true)
                guard parts.count == 2 else {
                    diagnostics.append(RuleDiagnostic(file: file, line: lineNo, column: 1, code: "syntax",
                                                      message: "expected a block header `kind id`"))
                    continue
                }
                let kind = String(parts[0])
                var rest = parts[1]
                let restColumn = body.distance(from: body.startIndex, to: rest.startIndex) + 1
                var inline: String?
                var inlinePos: RulePosition?
                if let eq = rest.firstIndex(of: "=") {
                    let valueStart = rest.index(after: eq)
                    let value = rest[valueStart...]
                    let lead = value.prefix { $0 == " " }.count
                    inline = String(value.dropFirst(lead)).trimmingTrailingSpaces()
                    inlinePos = pos(lineNo, restColumn + rest.distance(from: rest.startIndex, to: valueStart) + lead)
                    rest = rest[..<eq]
                }
                let id = String(rest).trimmingTrailingSpaces()
                if id.isEmpty || id.contains(" ") || !id.allSatisfy({ $0.isLetter || $0.isNumber || $0 == "_" || $0 == "." || $0 == "-" }) {
                    diagnostics.append(RuleDiagnostic(file: file, line: lineNo, column: restColumn, code: "syntax",
                                                      message: "a block id is one word of letters, digits, `_`, `.` or `-`"))
                }
                current = RuleBlock(kind: kind, id: id, inlineValue: inline, inlineValuePosition: inlinePos,
                                    position: pos(lineNo, 1), idPosition: pos(lineNo, restColumn), attributes: [])
                continue
            }
            guard current != nil else {
                diagnostics.append(RuleDiagnostic(file: file, line: lineNo, column: indent + 1, code: "syntax",
                                                  message: "indented line outside a block"))
                continue
            }
            if attributeIndent >= 0 && indent > attributeIndent {
                // Continuation of the previous attribute's value: keep the whole raw line.
                let last = current!.attributes.count - 1
                current!.attributes[last].value += "\n" + String(raw).trimmingTrailingSpaces()
                continue
            }
            guard let colon = body.firstIndex(of: ":") else {
                diagnostics.append(RuleDiagnostic(file: file, line: lineNo, column: indent + 1, code: "syntax",
                                                  message: "expected `key: value`"))
                continue
            }
            let key = String(body[..<colon])
            if key.isEmpty || key.contains(" ") {
                diagnostics.append(RuleDiagnostic(file: file, line: lineNo, column: indent + 1, code: "syntax",
                                                  message: "an attribute key is one word"))
                continue
            }
            let after = body[body.index(after: colon)...]
            let lead = after.prefix { $0 == " " }.count
            let value = String(after.dropFirst(lead)).trimmingTrailingSpaces()
            let valueColumn = indent + key.count + 1 + lead + 1
            if current!.attributes.contains(where: { $0.key == key }) {
                diagnostics.append(RuleDiagnostic(file: file, line: lineNo, column: indent + 1, code: "duplicate_attribute",
                                                  message: "attribute `\(key)` is given twice in `\(current!.id)`"))
            }
            current!.attributes.append(RuleAttribute(key: key, value: value, keyPosition: pos(lineNo, indent + 1),
                                                     valuePosition: pos(lineNo, valueColumn)))
            attributeIndent = indent
        }
        finish()
        return (blocks, diagnostics)
    }
}

extension String {
    func trimmingTrailingSpaces() -> String {
        var s = Substring(self)
        while let last = s.last, last == " " { s = s.dropLast() }
        return String(s)
    }
}
