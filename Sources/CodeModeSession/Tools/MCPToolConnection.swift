import CodeModeCore
import Foundation
import MCP
import SystemPackage

/// A `type: mcp` tool's server, started on first use and kept for the session: the process,
/// and the swift-sdk client talking to it over its stdin and stdout.
final class MCPToolConnection {
    let name: String
    /// The server's tools, as it listed them when the connection was made.
    let tools: [MCP.Tool]
    private let process: Process
    private let client: Client
    private let log: URL
    private let descriptors: TransportDescriptors

    /// Seconds a server may take to start and answer (`uvx` fetching a server on its first
    /// run takes a while), and a call to return.
    static let startTimeout = 120.0
    static let callTimeout = 300.0

    init(name: String, command: String, arguments: [String], environment: [String: String]) throws(NamespaceCallError) {
        self.name = name
        guard let executable = ToolProcess.locate(command) else {
            throw NamespaceCallError("ToolCallError", "MCP server of tool '\(name)': command '\(command)' not found on PATH; install it or fix 'command' in the tool's YAML")
        }
        let toServer = Pipe(), fromServer = Pipe()
        log = FileManager.default.temporaryDirectory.appendingPathComponent("codemode-mcp-\(name)-\(UUID().uuidString).log")
        _ = FileManager.default.createFile(atPath: log.path, contents: nil)
        process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        process.environment = ProcessInfo.processInfo.environment.merging(environment) { _, configured in configured }
        process.standardInput = toServer
        process.standardOutput = fromServer
        process.standardError = try? FileHandle(forWritingTo: log)
        do {
            try process.run()
        } catch {
            throw NamespaceCallError("ToolCallError", "MCP server of tool '\(name)': cannot start \(executable): \(error.localizedDescription)")
        }
        // The transport gets descriptors of its own, closed only once the client has let go
        // of them: a number closed while the client could still write to it may by then be
        // another connection's.
        descriptors = TransportDescriptors(input: dup(fromServer.fileHandleForReading.fileDescriptor),
                                           output: dup(toServer.fileHandleForWriting.fileDescriptor))
        try? toServer.fileHandleForWriting.close()
        try? fromServer.fileHandleForReading.close()
        client = Client(name: "codemode", version: "0.1.0")
        let transport = StdioTransport(input: FileDescriptor(rawValue: descriptors.input), output: FileDescriptor(rawValue: descriptors.output))
        let client = self.client
        do {
            tools = try Self.wait(seconds: Self.startTimeout, while: process) {
                _ = try await client.connect(transport: transport)
                return try await client.listTools().tools
            }
        } catch {
            let output = (try? String(contentsOf: log, encoding: .utf8)) ?? ""
            Self.shutDown(client, process, log, descriptors)
            throw NamespaceCallError("ToolCallError", "MCP server of tool '\(name)' did not start (\(error))"
                + (output.isEmpty ? "" : ": " + output.split(separator: "\n").suffix(5).joined(separator: "\n")))
        }
    }

    /// Calls one of the server's tools; its text contents joined by newlines.
    func call(_ tool: String, arguments: [String: Value]) throws(NamespaceCallError) -> String {
        guard tools.contains(where: { $0.name == tool }) else {
            throw NamespaceCallError("ToolNotFoundError", "MCP tool '\(tool)' not found in '\(name)'; its tools: \(tools.map(\.name).joined(separator: ", "))")
        }
        let client = self.client
        let (content, isError): ([MCP.Tool.Content], Bool?)
        do {
            (content, isError) = try Self.wait(seconds: Self.callTimeout, while: process) { try await client.callTool(name: tool, arguments: arguments) }
        } catch {
            throw NamespaceCallError("ToolCallError", "Tool '\(name).\(tool)' failed: \(error)")
        }
        let text = content.compactMap { item -> String? in
            if case .text(let text, _, _) = item { return text }
            return nil
        }.joined(separator: "\n")
        if isError == true { throw NamespaceCallError("ToolCallError", "Tool '\(name).\(tool)' failed: \(text)") }
        return text
    }

    func close() {
        Self.shutDown(client, process, log, descriptors)
    }

    /// Stops the server; the client's descriptors are closed after it has disconnected
    /// (and its reading loop, which polls every 10 ms, has seen it), whenever that is.
    private static func shutDown(_ client: Client, _ process: Process, _ log: URL, _ descriptors: TransportDescriptors) {
        if process.isRunning { process.terminate() }
        process.waitUntilExit()
        try? FileManager.default.removeItem(at: log)
        Task(executorPreference: MCPClientExecutor.shared) {
            await client.disconnect()
            try? await Task.sleep(for: .milliseconds(100))
            descriptors.close()
        }
    }

    /// Runs async work to its end from the session's queue (not a pool thread, so blocking
    /// here starves no task), giving up after `seconds`, or as soon as `server` has exited:
    /// the client would wait the whole time for the answer of a server that is gone.
    private static func wait<T: Sendable>(seconds: Double, while server: Process,
                                          _ operation: @escaping @Sendable () async throws -> T) throws -> T {
        let done = DispatchSemaphore(value: 0)
        let outcome = ResultSlots<Result<T, any Error>>(count: 1)
        let task = Task(executorPreference: MCPClientExecutor.shared) {
            do {
                outcome.fill(0, with: .success(try await operation()))
            } catch {
                outcome.fill(0, with: .failure(error))
            }
            done.signal()
        }
        let deadline = DispatchTime.now() + seconds
        while done.wait(timeout: min(deadline, .now() + .milliseconds(50))) == .timedOut {
            if !server.isRunning {
                task.cancel()
                throw MCPServerExited(status: server.terminationStatus)
            }
            if DispatchTime.now() >= deadline {
                task.cancel()
                throw MCPWaitTimeout(seconds: seconds)
            }
        }
        guard let result = outcome.values[0] else { throw MCPWaitTimeout(seconds: seconds) }
        return try result.get()
    }
}

/// The two descriptors a client's transport reads and writes.
struct TransportDescriptors: Sendable {
    var input: Int32
    var output: Int32

    func close() {
        _ = Glibc.close(input)
        _ = Glibc.close(output)
    }
}

/// The MCP clients' tasks run on a thread of their own, not on the shared pool: the session's
/// queue waits for them, and a pool kept busy by other work must not keep them waiting.
final class MCPClientExecutor: TaskExecutor {
    static let shared = MCPClientExecutor()
    private let queue = DispatchQueue(label: "codemode.mcp-clients")

    func enqueue(_ job: consuming ExecutorJob) {
        let job = UnownedJob(job)
        queue.async { job.runSynchronously(on: self.asUnownedTaskExecutor()) }
    }
}

struct MCPServerExited: Error, CustomStringConvertible {
    var status: Int32
    var description: String { "the server exited (status \(status)) without answering" }
}

struct MCPWaitTimeout: Error, CustomStringConvertible {
    var seconds: Double
    var description: String { "no answer within \(SubprocessExecutor.seconds(seconds))" }
}
