import CodeModeCore

/// What the server says to a line it cannot take as a JSON-RPC message, before the SDK sees
/// it: the SDK answers some such lines with no reply at all (an `id` that is an object) and
/// others with "The data isn't in the correct format" (a `tools/call` without `params`).
struct RejectedMessage: Equatable {
    /// The request's id when it could be read, else null (as JSON-RPC 2.0 asks).
    var id: JSONValue
    var code: Int
    var message: String

    static let parseError = -32700
    static let invalidRequest = -32600
    static let invalidParams = -32602

    /// The JSON-RPC error response.
    var response: JSONValue {
        .object([
            JSONMember("jsonrpc", .string("2.0")),
            JSONMember("id", id),
            JSONMember("error", .object([JSONMember("code", .integer(code)), JSONMember("message", .string(message))])),
        ])
    }
}

enum IncomingMessageCheck {
    /// Why `line` cannot be handled, or nil for a message to pass on: a request or
    /// notification of the right shape, a response, or a batch (the SDK checks its items).
    static func rejection(of line: some Collection<UInt8>) -> RejectedMessage? {
        let message: JSONValue
        do {
            message = try JSONParser.parse(data: line)
        } catch {
            return RejectedMessage(id: .null, code: RejectedMessage.parseError, message: "Parse error: the line is not JSON (\(error)); send one JSON-RPC message per line")
        }
        if case .array = message { return nil }
        guard case .object = message else {
            return invalid(.null, "a message must be a JSON object, as {\"jsonrpc\": \"2.0\", \"id\": 1, \"method\": \"tools/list\"}")
        }
        let id = message["id"]
        if let id, !Self.isValidID(id) {
            return invalid(.null, "\"id\" must be a string or an integer, not \(Self.kind(of: id))")
        }
        let replyID = id ?? .null
        guard message["jsonrpc"] == .string("2.0") else { return invalid(replyID, "\"jsonrpc\" must be \"2.0\"") }
        guard let method = message["method"] else {
            // A response to a request of the server's.
            if id != nil, message["result"] != nil || message["error"] != nil { return nil }
            return invalid(replyID, "no \"method\": a request needs {\"jsonrpc\": \"2.0\", \"id\", \"method\", \"params\"}")
        }
        guard case .string(let name) = method else { return invalid(replyID, "\"method\" must be a string, not \(Self.kind(of: method))") }
        let params = message["params"]
        if let params, params != .null, params.objectValue == nil {
            return invalidParams(replyID, "\(name): \"params\" must be an object, not \(Self.kind(of: params))")
        }
        if name == "tools/call", id != nil {
            return toolCallProblem(params, id: replyID)
        }
        return nil
    }

    private static func toolCallProblem(_ params: JSONValue?, id: JSONValue) -> RejectedMessage? {
        let shape = "{\"name\": \"run_code\", \"arguments\": {\"code\": \"1 + 1\"}}"
        guard let params, params != .null else {
            return invalidParams(id, "tools/call needs \"params\": \(shape)")
        }
        guard case .string = params["name"] ?? .null else {
            return invalidParams(id, "tools/call needs \"params.name\", the tool's name as a string: \(shape)")
        }
        if let arguments = params["arguments"], arguments != .null, arguments.objectValue == nil {
            return invalidParams(id, "tools/call: \"params.arguments\" must be an object of the tool's arguments, not \(Self.kind(of: arguments))")
        }
        return nil
    }

    /// MCP ids are strings or integers (JSON-RPC's null is not allowed).
    private static func isValidID(_ id: JSONValue) -> Bool {
        switch id {
        case .string, .integer: true
        default: false
        }
    }

    private static func kind(of value: JSONValue) -> String {
        switch value {
        case .null: "null"
        case .bool: "a boolean"
        case .integer, .number: "a number"
        case .string: "a string"
        case .array: "an array"
        case .object: "an object"
        }
    }

    private static func invalid(_ id: JSONValue, _ message: String) -> RejectedMessage {
        RejectedMessage(id: id, code: RejectedMessage.invalidRequest, message: "Invalid Request: \(message)")
    }

    private static func invalidParams(_ id: JSONValue, _ message: String) -> RejectedMessage {
        RejectedMessage(id: id, code: RejectedMessage.invalidParams, message: "Invalid params: \(message)")
    }
}
