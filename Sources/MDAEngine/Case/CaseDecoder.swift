import ByteJSON

/// Decodes and validates an `mda-case/1` document into a ``CaseFile``.
///
/// Validation is complete: every problem is collected with its JSON Pointer path, and a case
/// with any problem is rejected whole (nothing is half-evaluated). Keys the schema does not
/// define are ignored and listed in ``CaseFile/ignoredKeys``.
///
/// Decoding walks a ``JSONTape``: read from bytes, that is the document's own text with an index
/// of where each value lies, so no tree is built; a parsed ``JSONValue`` is first put on a tape.
public enum CaseDecoder {
    /// The schema identifier this decoder accepts.
    public static let schema = "mda-case/1"

    /// Decodes a parsed JSON document.
    /// - Returns: the case, or every input error found.
    public static func decode(_ json: JSONValue) -> Result<CaseFile, InputErrors> {
        decode(tape: JSONTape(json))
    }

    /// Decodes a document read onto a tape (``JSONReader/readTape(_:)``).
    /// - Returns: the case, or every input error found.
    public static func decode(tape: JSONTape) -> Result<CaseFile, InputErrors> {
        decode(tape: tape, at: tape.root)
    }

    /// Decodes the value at `index` of a tape, such as the case inside a request read onto one
    /// tape. Error paths are relative to that value, as if it were the whole document.
    /// - Returns: the case, or every input error found.
    public static func decode(tape: JSONTape, at index: Int) -> Result<CaseFile, InputErrors> {
        tape.withView { view in
            var reader = CaseTapeReader(tape: view)
            let file = reader.readCase(index)
            if reader.errors.isEmpty, let file { return .success(file) }
            return .failure(InputErrors(reader.errors))
        }
    }

    /// Parses and decodes JSON bytes. Text that is not RFC 8259 JSON is a `not_json` error at `""`.
    public static func decode(bytes: [UInt8]) -> Result<CaseFile, InputErrors> {
        do {
            return decode(tape: try JSONReader().readTape(bytes))
        } catch {
            return .failure(notJSON(error))
        }
    }

    /// Parses JSON bytes, mapping a syntax error to a `not_json` input error.
    public static func parse(bytes: [UInt8]) -> Result<JSONValue, InputErrors> {
        do {
            return .success(try JSONReader().read(bytes))
        } catch {
            return .failure(notJSON(error))
        }
    }

    private static func notJSON(_ error: JSONError) -> InputErrors {
        InputErrors([InputError(path: "", code: .notJSON,
            message: "the document is not valid JSON (\(error.description))")])
    }
}
