/// Planning checked (or unchecked) expressions into programs.
extension Environment {
    /// Plans `ast` into an immutable, thread-safe ``Program``: variables resolved to slots,
    /// object fields to indexes, overloads to implementations, constants folded, constant
    /// regular expressions compiled.
    ///
    /// Planning does not fail for ASTs produced by this environment; the `throws` leaves room
    /// for stricter planning checks.
    public func program(_ ast: CheckedAST) throws -> Program {
        program(ast, specialised: true)
    }

    /// Plans `ast`; `specialised` false plans without the dedicated nodes for common shapes (for
    /// tests comparing those nodes with the generic ones).
    func program(_ ast: CheckedAST, specialised: Bool) -> Program {
        var refs: [Int: PlanReference] = [:]
        refs.reserveCapacity(ast.references.count)
        for (id, r) in ast.references {
            switch r {
            case .variable(let name, let slot): refs[id] = .variable(name: name, slot: slot)
            case .constant(let name):
                refs[id] = .constant(constant(named: name)
                    ?? .error("undeclared_reference", "undeclared constant '\(name)'"))
            case .local(let name): refs[id] = .local(name: name)
            case .typeName(let t): refs[id] = .typeName(t)
            case .field(let index, let type): refs[id] = .field(index: index, objectType: type)
            case .function(let name, let ids): refs[id] = .function(name: name, overloadIDs: ids)
            }
        }
        let env = self
        return Program(expr: ast.expr, functions: Array(functions.values), references: refs,
                       slotNames: variableNames, constants: constantValues,
                       candidateNames: { env.candidateNames(for: $0) }, outputType: ast.outputType,
                       specialised: specialised)
    }
}
