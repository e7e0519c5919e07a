import Foundation
import MCP
import SystemPackage
import TestSupport

/// `codemode mcp` started as a real process, and the swift-sdk `Client` talking to it over
/// its stdin and stdout.
final class MCPServerFixture {
    let process = Process()
    let client = Client(name: "codemode-tests", version: "1.0")
    private let toServer = Pipe()
    private let fromServer = Pipe()

    private init(_ arguments: [String], in folder: URL) async throws {
        process.executableURL = ProcessRunner.codemodeExecutable
        process.arguments = ["mcp"] + arguments
        process.currentDirectoryURL = folder
        process.standardInput = toServer
        process.standardOutput = fromServer
        process.standardError = FileHandle.nullDevice
        try process.run()
        let transport = StdioTransport(input: FileDescriptor(rawValue: fromServer.fileHandleForReading.fileDescriptor),
                                       output: FileDescriptor(rawValue: toServer.fileHandleForWriting.fileDescriptor))
        _ = try await client.connect(transport: transport)
    }

    /// Runs `body` with a server, then disconnects the client (its reading task would spin on
    /// the closed pipe otherwise) and stops the server, also when `body` throws.
    static func with<T>(_ arguments: [String], in folder: URL, _ body: (MCPServerFixture) async throws -> T) async throws -> T {
        let server = try await MCPServerFixture(arguments, in: folder)
        do {
            let result = try await body(server)
            await server.close()
            return result
        } catch {
            await server.close()
            throw error
        }
    }

    func close() async {
        await client.disconnect()
        // The transport's reading loop polls every 10 ms; the pipes close when this goes away.
        try? await Task.sleep(for: .milliseconds(50))
        process.terminate()
        process.waitUntilExit()
    }

    /// The text of a tool's result, and whether it is flagged as an error.
    func call(_ tool: String, _ arguments: [String: Value] = [:]) async throws -> (text: String, isError: Bool) {
        let (content, isError) = try await client.callTool(name: tool, arguments: arguments)
        let text = content.map { item -> String in
            if case .text(let text, _, _) = item { return text }
            return ""
        }.joined()
        return (text, isError ?? false)
    }

    func toolNames() async throws -> [String] {
        try await client.listTools().tools.map(\.name)
    }
}
