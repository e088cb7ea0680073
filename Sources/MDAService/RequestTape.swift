import ByteJSON

/// Splits a message read onto a tape into the JSON-RPC envelope, as a tree, and the cases it
/// carries, left on the tape.
///
/// A case is most of a request's bytes. Building it as a tree only to decode it again costs
/// more than the rest of the request, so the case decoder reads it straight off the tape.
enum RequestTape {
    /// The message as a tree in which each request's case (the first `case` member of its
    /// first `params` member, when that case is an object) is replaced by `{}`, and per request
    /// the tape index of that case: one entry for a single request, one per element for a
    /// batch, none for anything else. Everything else is exactly the tree the reader makes.
    static func split(_ view: JSONTape.View) -> (message: JSONValue, cases: [Int?]) {
        let root = 0
        switch view.kind(root) {
        case .object:
            let (request, at) = requestTree(view, root)
            return (request, [at])
        case .array:
            var elements: [JSONValue] = []
            var cases: [Int?] = []
            elements.reserveCapacity(view.count(root))
            for e in view.elements(root) {
                if view.kind(e) == .object {
                    let (request, at) = requestTree(view, e)
                    elements.append(request)
                    cases.append(at)
                } else {
                    elements.append(view.value(e))
                    cases.append(nil)
                }
            }
            return (.array(elements), cases)
        default:
            return (view.value(root), [])
        }
    }

    /// One request object as a tree, with its case (if an object) left out, and the case's index.
    private static func requestTree(_ view: JSONTape.View, _ request: Int) -> (JSONValue, Int?) {
        guard let params = view.member(request, "params"), view.kind(params) == .object,
              let found = view.member(params, "case"), view.kind(found) == .object else {
            return (view.value(request), nil)
        }
        var members: [JSONObject.Member] = []
        for k in view.keys(request) {
            guard k + 1 == params else {
                members.append(JSONObject.Member(key: view.string(k), value: view.value(k + 1)))
                continue
            }
            var inner: [JSONObject.Member] = []
            for p in view.keys(params) {
                inner.append(JSONObject.Member(key: view.string(p), value: p + 1 == found ? .object(JSONObject()) : view.value(p + 1)))
            }
            members.append(JSONObject.Member(key: view.string(k), value: .object(JSONObject(inner))))
        }
        return (.object(JSONObject(members)), found)
    }
}
