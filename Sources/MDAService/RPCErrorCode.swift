/// The JSON-RPC 2.0 error codes the service answers with.
///
/// The raw value is the wire code. `-32700 … -32603` are the codes of the JSON-RPC 2.0
/// specification; ``rulesetRejected`` is in the range the specification reserves for
/// implementation-defined server errors (`-32000 … -32099`).
public enum RPCErrorCode: Int, Sendable, CaseIterable {
    /// The line is not JSON (including invalid UTF-8 and nesting deeper than the limit).
    case parseError = -32700
    /// The JSON is not a valid request object (or the line is longer than the limit, or the batch is empty).
    case invalidRequest = -32600
    /// The method does not exist (or is not enabled).
    case methodNotFound = -32601
    /// The method's parameters are wrong, including a case with input errors.
    case invalidParams = -32602
    /// The service failed unexpectedly while handling a valid request.
    case internalError = -32603
    /// `ruleset.reload` found errors in the rules; the previous ruleset keeps serving.
    case rulesetRejected = -32000

    /// The standard message for the code, e.g. `Parse error`.
    public var message: String {
        switch self {
        case .parseError: return "Parse error"
        case .invalidRequest: return "Invalid Request"
        case .methodNotFound: return "Method not found"
        case .invalidParams: return "Invalid params"
        case .internalError: return "Internal error"
        case .rulesetRejected: return "Ruleset rejected"
        }
    }
}
