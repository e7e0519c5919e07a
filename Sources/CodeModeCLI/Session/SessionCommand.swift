import ArgumentParser
import CodeModeCore
import CodeModeSession
import Foundation

/// `codemode session`: one long-lived session driven by JSON lines, for any program.
struct SessionCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "session",
        abstract: "Serve one session over JSON lines on stdin and stdout.",
        discussion: """
            Each line in is a request {"id": any, "code": "...", "timeout": seconds (optional)}; each line out is its \
            response {"id", "value", "stdout", "stderr", "error", "duration_ms"}, in order. A line that is not such a \
            request gets a response with its error. The session ends at the end of stdin. See docs/sessions.md.
            """
    )

    @OptionGroup var sessionOptions: SessionOptions

    func run() async throws {
        let session = try sessionOptions.session()
        try await session.start()
        while let line = readLine(strippingNewline: true) {
            if line.allSatisfy(\.isWhitespace) { continue }
            Console.output(PythonJSONEncoder().encode(await Self.respond(to: line, in: session)))
        }
        await session.close()
    }

    static func respond(to line: String, in session: Session) async -> JSONValue {
        let request: JSONValue
        do {
            request = try JSONParser.parse(line)
        } catch {
            return failure(id: .null, "the request is not JSON (\(error)); send {\"id\": 1, \"code\": \"1 + 1\"}")
        }
        let id = request["id"] ?? .null
        guard case .string(let code) = request["code"] ?? .null else {
            return failure(id: id, "the request has no \"code\" string; send {\"id\": 1, \"code\": \"1 + 1\"}")
        }
        var timeout: Double?
        if let given = request["timeout"], given != .null {
            guard let seconds = given.doubleValue else { return failure(id: id, "\"timeout\" must be a number of seconds (0: no limit)") }
            timeout = seconds
        }
        do {
            // Session.run checks the timeout as --timeout is checked: 0 means no limit.
            let result = try await session.run(code, timeout: timeout)
            guard case .object(let members) = result.jsonValue else { return result.jsonValue }
            return .object([JSONMember("id", id)] + members)
        } catch {
            return failure(id: id, "\(error)")
        }
    }

    private static func failure(id: JSONValue, _ message: String) -> JSONValue {
        .object([
            JSONMember("id", id), JSONMember("value", .null), JSONMember("stdout", .string("")), JSONMember("stderr", .string("")),
            JSONMember("error", .string(message)), JSONMember("duration_ms", .number(0)),
        ])
    }
}
