/// Signature-only declarations of the internal functions that macro expansion and the
/// operators rely on, used by the checker **only** for names missing from the environment's
/// function table (the runtime's ``StandardLibrary`` / ``KleeneLibrary`` win when present).
///
/// The implementations here are never meant to run: they return an error value.
enum BuiltinSignatures {
    /// The fallback declaration for `name`, or nil.
    static func decl(named name: String) -> FunctionDecl? { table[name] }

    private static let table: [String: FunctionDecl] = {
        let a = CELType.typeParam("A"), k = CELType.typeParam("K"), v = CELType.typeParam("V")
        func decl(_ name: String, _ sigs: [(String, [CELType], CELType)]) -> FunctionDecl {
            FunctionDecl(name, overloads: sigs.map { sig in
                Overload(id: sig.0, params: sig.1, result: sig.2) { _ in
                    .error(CELError(code: "unimplemented", message: "'\(name)' has no runtime implementation"))
                }
            }, nonStrict: true)
        }
        let decls = [
            decl("_&&_", [("logical_and", [.bool, .bool], .bool)]),
            decl("_||_", [("logical_or", [.bool, .bool], .bool)]),
            decl("!_", [("logical_not", [.bool], .bool)]),
            decl("_?_:_", [("conditional", [.bool, a, a], a)]),
            decl("@not_strictly_false", [("not_strictly_false", [.bool], .bool)]),
            decl("cel.@mapInsert", [("cel_@mapInsert_map_key_value", [.map(k, v), k, v], .map(k, v)),
                                    ("cel_@mapInsert_map_map", [.map(k, v), .map(k, v)], .map(k, v))]),
            decl("@kleene_new", [("kleene_new", [.int], .dyn)]),
            decl("@kleene_add", [("kleene_add", [.dyn, .bool], .dyn)]),
            decl("@kleene_result", [("kleene_result", [.dyn], .bool)]),
        ]
        return Dictionary(uniqueKeysWithValues: decls.map { ($0.name, $0) })
    }()
}
