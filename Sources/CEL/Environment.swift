/// Everything an expression may refer to (variables, constants, functions, the container used
/// for name resolution) plus compile options; compiles source text into a ``CheckedAST``.
///
/// ```swift
/// let env = try Environment(declarations: [.variable("a", .int)])
/// let ast = try env.compile("a > 3")
/// ```
public struct Environment: Sendable {
    /// Compile options.
    public struct Options: Sendable, Hashable {
        /// Parse only; no type checking. Identifiers and functions are resolved at run time.
        public var disableCheck: Bool
        /// Enable the `atLeast` macros (Kleene logic extensions).
        public var enableKleeneExtensions: Bool
        /// Maximum expression nesting (parser recursion and tree depth); deeper expressions are
        /// rejected with a `nesting_limit` diagnostic instead of overflowing the stack.
        public var maxNestingDepth: Int
        /// Stop collecting diagnostics after this many.
        public var maxErrors: Int

        /// Creates options.
        public init(disableCheck: Bool = false, enableKleeneExtensions: Bool = false,
                    maxNestingDepth: Int = 250, maxErrors: Int = 100) {
            self.disableCheck = disableCheck
            self.enableKleeneExtensions = enableKleeneExtensions
            self.maxNestingDepth = maxNestingDepth
            self.maxErrors = maxErrors
        }
    }

    /// The declarations, in the order given.
    public let declarations: [Declaration]
    /// The namespace used to resolve unqualified names (e.g. `com.example`), or `""`.
    public let container: String
    /// Compile options.
    public let options: Options
    /// All functions: the standard library, the Kleene functions when enabled, then the host's
    /// functions; declarations with the same name are merged.
    public let functions: [String: FunctionDecl]
    /// Declared variable names by slot (declaration order).
    public let variableNames: [String]

    private let variableSlots: [String: Int]
    private let variableTypes: [String: CELType]
    private let constants: [String: Value]

    /// Creates an environment.
    ///
    /// - Throws: ``CELEnvironmentError`` when a name is declared twice or an overload id repeats.
    public init(declarations: [Declaration] = [], functions: [FunctionDecl] = [], container: String = "",
                options: Options = Options()) throws(CELEnvironmentError) {
        self.declarations = declarations
        self.container = container
        self.options = options
        var names: [String] = []
        var slots: [String: Int] = [:]
        var types: [String: CELType] = [:]
        var constants: [String: Value] = [:]
        try Environment.declare(declarations, names: &names, slots: &slots, types: &types, constants: &constants)
        self.variableNames = names
        self.variableSlots = slots
        self.variableTypes = types
        self.constants = constants

        // The standard (and Kleene) tables are merged once per process; an environment only
        // adds its host functions to a copy.
        var table = options.enableKleeneExtensions ? Environment.standardWithKleene : Environment.standardOnly
        try Environment.merge(functions, into: &table)
        self.functions = table
    }

    private init(declarations: [Declaration], container: String, options: Options, functions: [String: FunctionDecl],
                 variableNames: [String], variableSlots: [String: Int], variableTypes: [String: CELType],
                 constants: [String: Value]) {
        self.declarations = declarations
        self.container = container
        self.options = options
        self.functions = functions
        self.variableNames = variableNames
        self.variableSlots = variableSlots
        self.variableTypes = variableTypes
        self.constants = constants
    }

    /// This environment with `more` declared after the existing declarations (new variables
    /// take the next slots). Equal to an environment built with all the declarations, but the
    /// existing tables and the function table are reused rather than built again.
    ///
    /// - Throws: ``CELEnvironmentError`` when a name is declared twice or is invalid.
    public func declaring(_ more: [Declaration]) throws(CELEnvironmentError) -> Environment {
        var names = variableNames, slots = variableSlots, types = variableTypes, constants = self.constants
        try Environment.declare(more, names: &names, slots: &slots, types: &types, constants: &constants)
        return Environment(declarations: declarations + more, container: container, options: options, functions: functions,
                           variableNames: names, variableSlots: slots, variableTypes: types, constants: constants)
    }

    /// This environment with the declared variable `name` given the type `type` (its slot is
    /// kept), or `nil` when no variable has that name.
    public func retyping(_ name: String, as type: CELType) -> Environment? {
        guard variableSlots[name] != nil else { return nil }
        var types = variableTypes
        types[name] = type
        var declarations = self.declarations
        if let k = declarations.firstIndex(where: { if case .variable(name, _) = $0 { return true } else { return false } }) {
            declarations[k] = .variable(name, type)
        }
        return Environment(declarations: declarations, container: container, options: options, functions: functions,
                           variableNames: variableNames, variableSlots: variableSlots, variableTypes: types, constants: constants)
    }

    /// Enters `declarations` into the tables (variables take the next slots).
    /// - Throws: ``CELEnvironmentError`` when a name is invalid or declared twice.
    private static func declare(_ declarations: [Declaration], names: inout [String], slots: inout [String: Int],
                                types: inout [String: CELType], constants: inout [String: Value]) throws(CELEnvironmentError) {
        for declaration in declarations {
            let name = declaration.name
            guard !name.isEmpty, !name.hasPrefix("."), !name.hasSuffix(".") else {
                throw CELEnvironmentError(code: "invalid_name", message: "invalid declaration name '\(name)'")
            }
            guard slots[name] == nil, constants[name] == nil else {
                throw CELEnvironmentError(code: "duplicate_declaration", message: "'\(name)' is declared more than once")
            }
            switch declaration {
            case .variable(_, let type):
                slots[name] = names.count
                names.append(name)
                types[name] = type
            case .constant(_, let value):
                constants[name] = value
            }
        }
    }

    /// Adds declarations to a function table, merging overloads of the same name.
    /// - Throws: ``CELEnvironmentError`` when an overload id is declared twice.
    private static func merge(_ decls: [FunctionDecl], into table: inout [String: FunctionDecl]) throws(CELEnvironmentError) {
        for decl in decls {
            if let existing = table[decl.name] {
                let ids = Set(existing.overloads.map(\.id))
                if let clash = decl.overloads.first(where: { ids.contains($0.id) }) {
                    throw CELEnvironmentError(code: "duplicate_overload",
                                              message: "overload '\(clash.id)' of '\(decl.name)' is declared more than once")
                }
                table[decl.name] = FunctionDecl(decl.name, overloads: existing.overloads + decl.overloads,
                                                nonStrict: existing.nonStrict || decl.nonStrict)
            } else {
                table[decl.name] = decl
            }
        }
    }

    private static let standardOnly: [String: FunctionDecl] = {
        var table: [String: FunctionDecl] = [:]
        try! merge(StandardLibrary.functions, into: &table)
        return table
    }()

    private static let standardWithKleene: [String: FunctionDecl] = {
        var table = standardOnly
        try! merge(KleeneLibrary.functions, into: &table)
        return table
    }()

    // MARK: - Lookup

    /// The slot of the declared variable `name`, or nil.
    public func slot(of name: String) -> Int? { variableSlots[name] }

    /// The declared type of variable `name`, or nil.
    public func variableType(of name: String) -> CELType? { variableTypes[name] }

    /// Every declared constant by name.
    var constantValues: [String: Value] { constants }

    /// The value of the declared constant `name`, or nil.
    public func constant(named name: String) -> Value? { constants[name] }

    /// The function called `name`, or nil.
    public func function(named name: String) -> FunctionDecl? { functions[name] }

    /// The fully qualified names `name` may refer to from this environment's container,
    /// innermost namespace first (CEL name resolution). A leading dot means "from the root":
    /// `.a.b` yields only `a.b`.
    ///
    /// With container `com.example`, `y` yields `com.example.y`, `com.y`, `y`.
    public func candidateNames(for name: String) -> [String] {
        if name.hasPrefix(".") { return [String(name.dropFirst())] }
        guard !container.isEmpty else { return [name] }
        var result: [String] = []
        var prefix = Substring(container)
        while true {
            result.append(prefix + "." + name)
            guard let dot = prefix.lastIndex(of: ".") else { break }
            prefix = prefix[..<dot]
        }
        result.append(name)
        return result
    }

    // MARK: - Compiling

    /// Parses and macro-expands `source` (no type checking).
    ///
    /// - Throws: ``CELCompileErrors`` with every syntax error found.
    public func parse(_ source: String) throws(CELCompileErrors) -> ParsedAST {
        let options = Parser.Options(maxNestingDepth: options.maxNestingDepth,
                                     enableKleeneExtensions: options.enableKleeneExtensions,
                                     maxErrors: options.maxErrors)
        let (ast, diagnostics) = Parser.parse(source, options: options)
        guard let ast else { throw CELCompileErrors(diagnostics: diagnostics, source: source) }
        return ast
    }

    /// Type-checks a parsed expression against this environment.
    ///
    /// - Throws: ``CELCompileErrors`` with every type error found.
    public func check(_ parsed: ParsedAST) throws(CELCompileErrors) -> CheckedAST {
        var checker = Checker(environment: self, sourceInfo: parsed.sourceInfo)
        let result = checker.check(parsed.expr)
        if !checker.diagnostics.isEmpty {
            throw CELCompileErrors(diagnostics: checker.diagnostics, source: parsed.sourceInfo.text)
        }
        return result
    }

    /// Parses, macro-expands and (unless ``Options/disableCheck``) type-checks `source`.
    ///
    /// - Throws: ``CELCompileErrors`` with every syntax or type error found.
    public func compile(_ source: String) throws(CELCompileErrors) -> CheckedAST {
        let parsed = try parse(source)
        if options.disableCheck { return unchecked(parsed) }
        return try check(parsed)
    }

    /// Wraps a parsed expression without type information (``Options/disableCheck``).
    public func unchecked(_ parsed: ParsedAST) -> CheckedAST {
        var names: Set<String> = []
        var stack = [parsed.expr]
        while let expr = stack.popLast() {
            switch expr.kind {
            case .ident, .select:
                guard let name = Checker.qualifiedName(expr) else { break }
                for candidate in candidateNames(for: name) {
                    var prefix = Substring(candidate)
                    while true {
                        let p = String(prefix)
                        if variableSlots[p] != nil || constants[p] != nil { names.insert(p) }
                        guard let dot = prefix.lastIndex(of: ".") else { break }
                        prefix = prefix[..<dot]
                    }
                }
            case .call(_, let function, _):
                names.insert(function.hasPrefix(".") ? String(function.dropFirst()) : function)
            default:
                break
            }
            stack.append(contentsOf: expr.children)
        }
        return CheckedAST(expr: parsed.expr, sourceInfo: parsed.sourceInfo, types: [:], references: [:],
                          referencedNames: names, outputType: .dyn, isChecked: false)
    }
}
