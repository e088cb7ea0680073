import ByteJSON

/// A regression fixture: a case and what its decision must say.
///
/// On disk a fixture is `{"title"?, "notes"?, "case": {…mda-case/1…}, "expect": {…}}`
/// (see `docs/regression-suites.md`). Parsing uses ByteJSON; every problem is a
/// ``FixtureError`` with the document's location and a JSON Pointer.
public struct Fixture: Sendable {
    /// Where the fixture came from: `file` or `file:line`.
    public var location: String
    /// The optional short title.
    public var title: String?
    /// The optional notes (how the expectations were derived).
    public var notes: String?
    /// The case document, exactly as written.
    public var caseDocument: JSONValue
    /// What the decision must say.
    public var expect: Expectations

    /// Creates a fixture from its parts.
    public init(location: String, title: String? = nil, notes: String? = nil, caseDocument: JSONValue, expect: Expectations) {
        self.location = location
        self.title = title
        self.notes = notes
        self.caseDocument = caseDocument
        self.expect = expect
    }

    /// The top-level keys a fixture may have.
    public static let keys: Set<String> = ["title", "notes", "case", "expect"]

    /// Parses a fixture document.
    public static func parse(_ source: CaseSource) -> Result<Fixture, FixtureError> {
        let value: JSONValue
        switch parseJSON(source) {
        case .success(let v): value = v
        case .failure(let e): return .failure(e)
        }
        return parse(value, location: source.location)
    }

    /// Reads a document's bytes as JSON with the same reader settings the engine uses for cases.
    public static func parseJSON(_ source: CaseSource) -> Result<JSONValue, FixtureError> {
        let result: Result<JSONValue, JSONError> = source.bytes.withUnsafeBytes { buffer in
            do throws(JSONError) {
                return .success(try JSONReader().read(buffer))
            } catch {
                return .failure(error)
            }
        }
        switch result {
        case .success(let value): return .success(value)
        case .failure(let error):
            return .failure(FixtureError(code: .notJSON, location: source.location, pointer: "",
                                         message: "not valid JSON (\(error.description))"))
        }
    }

    /// Interprets a parsed document as a fixture.
    public static func parse(_ value: JSONValue, location: String) -> Result<Fixture, FixtureError> {
        let reader = FixtureReader(location: location)
        do throws(FixtureError) {
            let root = try reader.object(value, at: JSONPointer())
            try reader.onlyKeys(root, keys, at: JSONPointer())
            guard let caseValue = root["case"] else {
                throw reader.error(.missing, JSONPointer(), "a fixture needs a \"case\" object (the mda-case/1 document)")
            }
            _ = try reader.object(caseValue, at: JSONPointer(tokens: ["case"]), checkDuplicates: false)
            guard let expectValue = root["expect"] else {
                throw reader.error(.missing, JSONPointer(), "a fixture needs an \"expect\" object (it may be empty)")
            }
            var title: String?
            var notes: String?
            if let v = root["title"] { title = try reader.string(v, at: JSONPointer(tokens: ["title"])) }
            if let v = root["notes"] { notes = try reader.string(v, at: JSONPointer(tokens: ["notes"])) }
            let expect = try reader.expectations(expectValue, at: JSONPointer(tokens: ["expect"]))
            return .success(Fixture(location: location, title: title, notes: notes, caseDocument: caseValue, expect: expect))
        } catch {
            return .failure(error)
        }
    }
}
