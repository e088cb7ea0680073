import ByteJSON

/// A validated JSON-RPC 2.0 request object.
struct RPCRequest: Sendable {
    /// The request id (string, number or null), or `nil` for a notification.
    var id: JSONValue?
    /// The method name.
    var method: String
    /// The params (an array or object), or `nil` when absent.
    var params: JSONValue?

    /// Whether no answer is expected.
    var isNotification: Bool { id == nil }

    /// Validates a request object.
    ///
    /// Members other than `jsonrpc`, `method`, `params` and `id` are ignored; any of those four
    /// occurring twice makes the request invalid.
    ///
    /// - Parameter value: One element of a batch, or the whole message.
    /// - Returns: The request, or the id to answer with (the request's id when it is valid,
    ///   otherwise `null`) and an invalid-request error.
    static func parse(_ value: JSONValue) -> Result<RPCRequest, RequestFailure> {
        guard case .object(let object) = value else {
            return .failure(RequestFailure(id: .null, error: RPCError(.invalidRequest, "a request must be an object")))
        }
        var id: JSONValue?
        var version: JSONValue?
        var method: JSONValue?
        var params: JSONValue?
        var duplicate: String?
        for member in object.members {
            switch member.key {
            case "id": if id != nil { duplicate = "id" }; id = member.value
            case "jsonrpc": if version != nil { duplicate = "jsonrpc" }; version = member.value
            case "method": if method != nil { duplicate = "method" }; method = member.value
            case "params": if params != nil { duplicate = "params" }; params = member.value
            default: continue
            }
        }
        var answerID: JSONValue = .null
        if let id {
            switch id {
            case .string, .number, .null: answerID = id
            default:
                return .failure(RequestFailure(id: .null, error: RPCError(.invalidRequest, "id must be a string, number or null")))
            }
        }
        if let duplicate {
            return .failure(RequestFailure(id: .null, error: RPCError(.invalidRequest, "member \(duplicate) occurs twice")))
        }
        guard version == .string("2.0") else {
            return .failure(RequestFailure(id: answerID, error: RPCError(.invalidRequest, "jsonrpc must be \"2.0\"")))
        }
        guard case .string(let name)? = method else {
            return .failure(RequestFailure(id: answerID, error: RPCError(.invalidRequest, "method must be a string")))
        }
        switch params {
        case nil, .array?, .object?: break
        default:
            return .failure(RequestFailure(id: answerID, error: RPCError(.invalidRequest, "params must be an array or object")))
        }
        return .success(RPCRequest(id: id, method: name, params: params))
    }

    /// Why a request object is invalid, and the id to answer with.
    struct RequestFailure: Error, Sendable {
        /// The id of the error response.
        var id: JSONValue
        /// The invalid-request error.
        var error: RPCError
    }
}
