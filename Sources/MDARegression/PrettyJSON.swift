import ByteJSON

/// Writes a JSON value indented by two spaces, one member or element per line, keys in
/// document order, ending in a newline: the layout of the checked-in fixtures.
///
/// Scalars are written by ByteJSON's ``JSONWriter`` (exact numbers, RFC 8259 escapes).
public enum PrettyJSON {
    /// The indented bytes of `value`.
    public static func bytes(_ value: JSONValue) -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(8192)
        write(value, indent: 0, &out)
        out.append(0x0A)
        return out
    }

    private static func write(_ value: JSONValue, indent: Int, _ out: inout [UInt8]) {
        switch value {
        case .array(let items):
            if items.isEmpty { out += Array("[]".utf8); return }
            out += Array("[\n".utf8)
            for (i, item) in items.enumerated() {
                pad(indent + 2, &out)
                write(item, indent: indent + 2, &out)
                if i < items.count - 1 { out.append(UInt8(ascii: ",")) }
                out.append(0x0A)
            }
            pad(indent, &out)
            out.append(UInt8(ascii: "]"))
        case .object(let o):
            if o.members.isEmpty { out += Array("{}".utf8); return }
            out += Array("{\n".utf8)
            for (i, m) in o.members.enumerated() {
                pad(indent + 2, &out)
                var w = JSONWriter(capacity: 64)
                w.string(m.key)
                out += w.bytes
                out += Array(": ".utf8)
                write(m.value, indent: indent + 2, &out)
                if i < o.members.count - 1 { out.append(UInt8(ascii: ",")) }
                out.append(0x0A)
            }
            pad(indent, &out)
            out.append(UInt8(ascii: "}"))
        default:
            var w = JSONWriter(capacity: 64)
            w.value(value)
            out += w.bytes
        }
    }

    private static func pad(_ n: Int, _ out: inout [UInt8]) { out += repeatElement(UInt8(ascii: " "), count: n) }
}
