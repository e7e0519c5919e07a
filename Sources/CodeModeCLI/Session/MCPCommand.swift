import ArgumentParser
import CodeModeCore
import CodeModeMCP
import CodeModeSession
import CodeModeStorage
import Foundation
import MCP

/// `codemode mcp`: the agent-facing MCP server, over stdio.
struct MCPCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "mcp",
        abstract: "Serve a session to an MCP client over stdio: run_code, skills, tools, artifacts, deps.",
        discussion: """
            Takes py-code-mode-mcp's flags (--base, --storage, --tools, --redis, --prefix, --no-runtime-deps, --timeout, \
            --no-sync-deps) and --env, --rev. The session starts before the server answers; stdout carries only \
            protocol messages. --print-config prints what to paste into a client's configuration. See docs/mcp.md.
            """
    )

    @OptionGroup var sessionOptions: SessionOptions

    @Option(name: .long, help: ArgumentHelp("The library folder to keep skills and artifacts in, when it is not --base.", valueName: "path"))
    var storage: String?

    @Option(name: .long, help: ArgumentHelp("A folder of tool YAML files (default: the library's tools).", valueName: "path"))
    var tools: String?

    @Flag(name: .long, help: "Print the client configuration for this server and exit.")
    var printConfig = false

    func validate() throws {
        if storage != nil && (sessionOptions.library.redis != nil || sessionOptions.env != nil || sessionOptions.rev != nil) {
            throw ValidationError("use --storage or one of --redis, --env and --rev, not both")
        }
        var isFolder: ObjCBool = false
        if let tools, !(FileManager.default.fileExists(atPath: tools, isDirectory: &isFolder) && isFolder.boolValue) {
            throw ValidationError("--tools \(tools): no such folder; give a folder of tool YAML files (tools/*.yaml), or leave it out for the library's tools")
        }
    }

    func run() async throws {
        if printConfig { return try printClientConfiguration() }
        let toolsPath = tools.map { URL(fileURLWithPath: $0) }
        let session: Session
        if let storage {
            let library = try LibraryFolderOption.fileStorage(base: storage)
            session = Session(storage: library, executor: SubprocessExecutor(try sessionOptions.config(toolsPath: toolsPath, serving: true, libraryFolder: library.base)))
        } else {
            session = try sessionOptions.session(toolsPath: toolsPath, serving: true)
        }
        try await session.start()
        try await CodeModeMCPServer(session: session, runtimeDeps: !sessionOptions.noRuntimeDeps).serveStdio()
    }

    /// The `mcpServers` entry of Claude Desktop, Cursor and others, and the one-line command.
    private func printClientConfiguration() throws {
        let executable = RunningExecutable.path
        var arguments = ["mcp"]
        if let redis = sessionOptions.library.redis {
            arguments += ["--redis", redis, "--prefix", sessionOptions.library.prefix]
        } else {
            arguments += ["--base", try LibraryFolderOption.fileStorage(base: sessionOptions.library.folder.base ?? storage).base.path]
            if let env = sessionOptions.env { arguments += ["--env", env] }
            if let rev = sessionOptions.rev { arguments += ["--rev", rev] }
        }
        if let tools { arguments += ["--tools", URL(fileURLWithPath: tools).standardizedFileURL.path] }
        if sessionOptions.noRuntimeDeps { arguments.append("--no-runtime-deps") }
        if let sandbox = sessionOptions.sandbox { arguments += ["--sandbox", sandbox.rawValue] }
        // Resolved once here, so no server start pays for a version manager's shim (~0.1 s).
        let python = try PythonInterpreter.resolve().executable.path
        let entry: JSONValue = .object([JSONMember("mcpServers", .object([JSONMember("codemode", .object([
            JSONMember("command", .string(executable)),
            JSONMember("args", .array(arguments.map(JSONValue.string))),
            JSONMember("env", .object([JSONMember("CODEMODE_PYTHON", .string(python))])),
        ]))]))])
        Console.output(PythonJSONEncoder(indent: 2).encode(entry))
        Console.output("\n# or, for clients that take a command:\n"
            + (["env", "CODEMODE_PYTHON=\(python)", executable] + arguments).map(Self.shellQuoted).joined(separator: " "))
    }

    private static func shellQuoted(_ argument: String) -> String {
        argument.allSatisfy { $0.isLetter || $0.isNumber || "-_./:=@".contains($0) } ? argument : "'" + argument.replacingOccurrences(of: "'", with: "'\\''") + "'"
    }
}
