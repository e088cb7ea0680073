/// A hand-written argument reader: options (`--name value`, `--name=value`, flags) and positionals.
///
/// Commands take what they know; ``finish()`` reports anything left over as a usage error.
public struct Arguments {
    private var items: [String]

    /// Wraps raw arguments.
    public init(_ items: [String]) { self.items = items }

    /// Whether `flag` appears (before a `--` separator).
    public func contains(_ flag: String) -> Bool {
        for item in items {
            if item == "--" { return false }
            if item == flag { return true }
        }
        return false
    }

    /// Removes and returns a boolean flag.
    public mutating func flag(_ name: String) -> Bool {
        guard let i = index(of: name) else { return false }
        items.remove(at: i)
        return true
    }

    /// Removes and returns an option's value (`--name value` or `--name=value`), or nil.
    public mutating func option(_ name: String) throws(CLIError) -> String? {
        for (i, item) in items.enumerated() {
            if item == "--" { break }
            if item == name {
                guard i + 1 < items.count, !items[i + 1].hasPrefix("--") else { throw .usage("\(name) needs a value") }
                let value = items[i + 1]
                items.removeSubrange(i...(i + 1))
                return value
            }
            if item.hasPrefix(name + "=") {
                items.remove(at: i)
                return String(item.dropFirst(name.count + 1))
            }
        }
        return nil
    }

    /// Removes and returns a numeric option's value.
    public mutating func number(_ name: String) throws(CLIError) -> Double? {
        guard let text = try option(name) else { return nil }
        guard let v = Double(text), v.isFinite else { throw .usage("\(name) needs a number") }
        return v
    }

    /// Removes and returns the remaining positional arguments; any leftover option is a usage error.
    public mutating func positionals() throws(CLIError) -> [String] {
        var out: [String] = []
        var literal = false
        for item in items {
            if literal { out.append(item); continue }
            if item == "--" { literal = true; continue }
            if item.hasPrefix("--") { throw .usage("unknown option \(item)") }
            if item.hasPrefix("-") && item != "-" { throw .usage("unknown option \(item)") }
            out.append(item)
        }
        items = []
        return out
    }

    private func index(of name: String) -> Int? {
        for (i, item) in items.enumerated() {
            if item == "--" { return nil }
            if item == name { return i }
        }
        return nil
    }
}
