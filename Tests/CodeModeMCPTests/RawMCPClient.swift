import CodeModeCore
import Foundation
import TestSupport

/// `codemode mcp` driven line by line with hand-written JSON-RPC, for what the SDK's client
/// would never send (malformed requests) and to see exactly which answer follows which request.
final class RawMCPClient {
    let child: LineChild
    private var nextID = 100

    init(_ arguments: [String], in folder: URL) throws {
        child = try LineChild(ProcessRunner.codemodeExecutable, ["mcp"] + arguments, in: folder)
        let initialize = #"{"jsonrpc": "2.0", "id": 1, "method": "initialize", "params": {"protocolVersion": "2025-03-26", "capabilities": {}, "clientInfo": {"name": "raw", "version": "1"}}}"#
        guard let answer = try child.ask(initialize), answer.contains("\"serverInfo\"") else {
            throw RawMCPError("no answer to initialize")
        }
        try child.send(#"{"jsonrpc": "2.0", "method": "notifications/initialized"}"#)
    }

    /// Sends a raw line and parses the answer; nil when none came within `seconds`.
    func ask(_ line: String, within seconds: Double = 30) throws -> JSONValue? {
        try child.ask(line, within: seconds).map { try JSONParser.parse($0) }
    }

    /// Calls a tool; returns the whole JSON-RPC answer.
    func call(_ tool: String, _ arguments: JSONValue) throws -> JSONValue? {
        nextID += 1
        let request: JSONValue = .object([
            JSONMember("jsonrpc", .string("2.0")), JSONMember("id", .integer(nextID)), JSONMember("method", .string("tools/call")),
            JSONMember("params", .object([JSONMember("name", .string(tool)), JSONMember("arguments", arguments)])),
        ])
        return try ask(PythonJSONEncoder().encode(request))
    }

    /// The text of a tool call's result.
    static func text(of answer: JSONValue?) -> String? {
        answer?["result"]?["content"]?.arrayValue?.first?["text"]?.stringValue
    }
}

struct RawMCPError: Error, CustomStringConvertible {
    var description: String
    init(_ description: String) { self.description = description }
}
