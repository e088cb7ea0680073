import ByteJSON
import MDAEngine

/// The `data` member of an error response: structured detail that never contains input values.
public enum RPCErrorData: Sendable, Equatable {
    /// Where and why the JSON could not be read: `{"code", "line", "column", "offset"}`.
    case json(JSONError)
    /// The case's input errors as a list of `{"path", "code", "message"}`, paths relative to the case.
    case inputErrors([InputError])
    /// Parameter problems as a list of `{"path", "code", "message"}`, paths relative to the request.
    case paramErrors([RPCParamError])
    /// A ruleset's diagnostics as a list of `{"file", "line", "column", "severity", "code", "message"}`.
    case diagnostics([RuleDiagnostic])
    /// A limit that was exceeded: `{"limit": name, "value": n}`.
    case limit(name: String, value: Int)

    /// Writes the data as JSON.
    ///
    /// - Parameter w: The writer, positioned where a value is expected.
    func write(to w: inout JSONWriter) {
        switch self {
        case .json(let error):
            w.beginObject()
            w.key(raw: "code"); w.string(error.code.rawValue)
            w.key(raw: "line"); w.int(error.line)
            w.key(raw: "column"); w.int(error.column)
            w.key(raw: "offset"); w.int(error.offset)
            w.endObject()
        case .inputErrors(let errors):
            DecisionWriter.write(InputErrors(errors), to: &w)
        case .paramErrors(let errors):
            w.beginArray()
            for e in errors {
                w.beginObject()
                w.key(raw: "path"); w.string(e.path)
                w.key(raw: "code"); w.string(e.code.rawValue)
                w.key(raw: "message"); w.string(e.message)
                w.endObject()
            }
            w.endArray()
        case .diagnostics(let diagnostics):
            w.beginArray()
            for d in diagnostics {
                w.beginObject()
                w.key(raw: "file"); w.string(d.file)
                w.key(raw: "line"); w.int(d.line)
                w.key(raw: "column"); w.int(d.column)
                w.key(raw: "severity"); w.string(d.severity.rawValue)
                w.key(raw: "code"); w.string(d.code)
                w.key(raw: "message"); w.string(d.message)
                w.endObject()
            }
            w.endArray()
        case .limit(let name, let value):
            w.beginObject()
            w.key(raw: "limit"); w.string(name)
            w.key(raw: "value"); w.int(value)
            w.endObject()
        }
    }
}
