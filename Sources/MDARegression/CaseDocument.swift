import ByteJSON

/// A case to evaluate, read from a plain `mda-case/1` document or taken from a fixture.
///
/// `mda diff` and `mda record` accept both: a document that is an object with a `case` member
/// and no `schema` member is a fixture, and its `case` is used; anything else is the case itself.
public struct CaseDocument: Sendable {
    /// Where the document is: `file` or `file:line`.
    public var location: String
    /// The case as parsed JSON.
    public var value: JSONValue
    /// Whether the document was a fixture.
    public var fromFixture: Bool

    /// Creates a case document.
    public init(location: String, value: JSONValue, fromFixture: Bool) {
        self.location = location
        self.value = value
        self.fromFixture = fromFixture
    }

    /// The case's `caseId` when it is a string, else `nil`.
    public var caseId: String? {
        if case .string(let id) = value["caseId"] { return id }
        return nil
    }

    /// Where the case is in a document read onto a tape, by the rule ``read(_:)`` applies to a
    /// tree: a fixture's `case` value, else the document itself.
    public static func caseIndex(on tape: JSONTape) -> Int {
        tape.withView { view in
            if view.kind(tape.root) == .object, let inner = view.member(tape.root, "case"),
               view.member(tape.root, "schema") == nil { return inner }
            return tape.root
        }
    }

    /// Reads a source as a case or a fixture.
    public static func read(_ source: CaseSource) -> Result<CaseDocument, FixtureError> {
        switch Fixture.parseJSON(source) {
        case .failure(let e): return .failure(e)
        case .success(let value):
            if case .object(let o) = value, let inner = o["case"], o["schema"] == nil {
                return .success(CaseDocument(location: source.location, value: inner, fromFixture: true))
            }
            return .success(CaseDocument(location: source.location, value: value, fromFixture: false))
        }
    }
}
