import CEL
import MDAEngine

/// One rule's trace entry as shown to a person: `A = unknown ← /assessment/structuralUnsafety=unknown, incidents12=1`.
///
/// Inputs that read `false` are left out (they cannot have made a condition true or unknown);
/// when every input was false the line says so. At most ``maxInputs`` inputs are shown.
public struct TraceLine: Sendable, Equatable, CustomStringConvertible {
    /// The rule id.
    public var rule: String
    /// The rule's result as text (see ``TraceValue/text(_:)``).
    public var result: String
    /// Inputs (`name=value`): other rules' values and case fields (by JSON Pointer).
    public var inputs: [String]
    /// How many further inputs were left out for length.
    public var more: Int
    /// Whether the entry read inputs that were all `false` (and therefore none are listed).
    public var allInputsFalse: Bool

    /// The most inputs listed on one line.
    public static let maxInputs = 8

    /// Creates a line from its parts.
    public init(rule: String, result: String, inputs: [String], more: Int = 0, allInputsFalse: Bool = false) {
        self.rule = rule
        self.result = result
        self.inputs = inputs
        self.more = more
        self.allInputsFalse = allInputsFalse
    }

    /// Renders a decision's trace entry.
    public init(_ entry: TraceEntry) {
        var seen = Set<String>()
        var shown: [String] = []
        var total = 0
        var any = false
        for read in entry.ruleReads where !read.rule.isEmpty && seen.insert(read.rule).inserted {
            any = true
            if case .bool(false) = read.value { continue }
            total += 1
            if shown.count < TraceLine.maxInputs { shown.append("\(read.rule)=\(TraceValue.text(read.value))") }
        }
        for read in entry.fieldReads {
            let pointer = read.pointer
            guard seen.insert(pointer).inserted else { continue }
            any = true
            if case .bool(false) = read.value { continue }
            total += 1
            if shown.count < TraceLine.maxInputs { shown.append("\(pointer)=\(TraceValue.text(read.value))") }
        }
        if let n = entry.reasonLength { shown.append("reason length=\(n)"); total += 1 }
        self.init(rule: entry.rule, result: TraceValue.text(entry.result), inputs: shown, more: total - shown.count,
                  allInputsFalse: any && total == 0)
    }

    /// `rule = result ← inputs`.
    public var description: String {
        var text = "\(rule) = \(result)"
        if !inputs.isEmpty {
            text += " ← " + inputs.joined(separator: ", ")
            if more > 0 { text += ", +\(more) more" }
        } else if allInputsFalse {
            text += " (every input false)"
        }
        return text
    }
}
