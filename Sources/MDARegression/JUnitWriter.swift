import Foundation

/// Writes a suite run as JUnit XML for CI systems.
///
/// One `<testsuite name="mda test">` inside `<testsuites>`; one `<testcase>` per fixture with
/// `classname` its folder (or `.jsonl` file) and `name` its file name (or `file:line`). A failed
/// fixture has one `<failure>` whose `message` is the first failed expectation and whose text is
/// the full report; an unusable fixture has an `<error>`. Text is escaped for XML 1.0: the five
/// markup characters become entities and characters XML cannot carry are replaced by U+FFFD.
public enum JUnitWriter {
    /// The XML document (UTF-8 text, ending in a newline).
    public static func xml(_ result: RegressionSuite.Result, suiteName: String = "mda test") -> String {
        var out = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
        let tests = result.fixtures.count, failures = result.failed, errors = result.unusable
        let time = seconds(result.seconds)
        out += "<testsuites name=\"\(escape(suiteName))\" tests=\"\(tests)\" failures=\"\(failures)\" errors=\"\(errors)\" time=\"\(time)\">\n"
        out += "  <testsuite name=\"\(escape(suiteName))\" tests=\"\(tests)\" failures=\"\(failures)\" errors=\"\(errors)\" skipped=\"\(result.skipped)\" time=\"\(time)\">\n"
        for f in result.fixtures {
            let (classname, name) = names(f.location)
            out += "    <testcase classname=\"\(escape(classname))\" name=\"\(escape(name))\" time=\"\(seconds(f.seconds))\""
            if let error = f.error {
                out += ">\n      <error type=\"\(escape(error.code.rawValue))\" message=\"\(escape(error.message))\">"
                out += escape(error.description, attribute: false) + "</error>\n    </testcase>\n"
            } else if f.skipped {
                out += ">\n      <skipped message=\"a plain mda-case/1 document, not a fixture\"/>\n    </testcase>\n"
            } else if let first = f.failures.first {
                out += ">\n      <failure type=\"expectation\" message=\"\(escape(first.description))\">"
                out += escape(f.report, attribute: false) + "</failure>\n    </testcase>\n"
            } else {
                out += "/>\n"
            }
        }
        out += "  </testsuite>\n</testsuites>\n"
        return out
    }

    /// Escapes text for an XML attribute value (`attribute`, the default: tabs and line breaks
    /// become character references so they survive attribute normalisation) or element content.
    public static func escape(_ text: String, attribute: Bool = true) -> String {
        var out = ""
        out.reserveCapacity(text.utf8.count)
        for scalar in text.unicodeScalars {
            switch scalar {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&apos;"
            case "\t": out += attribute ? "&#9;" : "\t"
            case "\n": out += attribute ? "&#10;" : "\n"
            case "\r": out += "&#13;"
            default:
                let v = scalar.value
                if v < 0x20 || v == 0xFFFE || v == 0xFFFF || (0x7F...0x84).contains(v) || (0x86...0x9F).contains(v) {
                    out.unicodeScalars.append("\u{FFFD}")
                } else {
                    out.unicodeScalars.append(scalar)
                }
            }
        }
        return out
    }

    /// `(classname, name)` for a location: the folder and the file name; for `file.jsonl:12`,
    /// the `.jsonl` file and `line 12`.
    static func names(_ location: String) -> (String, String) {
        var path = location
        var line: String?
        if let colon = location.lastIndex(of: ":"), location[location.index(after: colon)...].allSatisfy(\.isNumber),
           location.index(after: colon) < location.endIndex {
            path = String(location[..<colon])
            line = String(location[location.index(after: colon)...])
        }
        if let line { return (path, "line \(line)") }
        guard let slash = path.lastIndex(of: "/") else { return (".", path) }
        return (String(path[..<slash]), String(path[path.index(after: slash)...]))
    }

    private static func seconds(_ s: Double) -> String { String(format: "%.3f", s) }
}
