import ArgumentParser
import CodeModeCore
import CodeModeSession
import Foundation

/// `codemode run`: one cell in a fresh session.
struct RunCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "run",
        abstract: "Run Python code in a session with the namespaces skills, artifacts (and tools, deps).",
        discussion: """
            The code comes from CODE, from --file, or from stdin. Its stdout and stderr are printed as they were \
            captured, then the value of its last expression (as JSON, or as its repr). \
            Exit status 1 when the code raised (the traceback goes to stderr). See docs/sessions.md.
            """
    )

    @Argument(help: "The code to run; '-' or nothing reads it from stdin.")
    var code: String?

    @Option(name: [.customShort("f"), .long], help: ArgumentHelp("Run the code in this file.", valueName: "file"), completion: .file())
    var file: String?

    @Flag(name: .long, help: "Report what the kernel can see and do (sandbox, environment, files, network, limits) instead of running code.")
    var sandboxInfo = false

    @OptionGroup var sessionOptions: SessionOptions
    @OptionGroup var output: OutputOptions

    func validate() throws {
        if code != nil && file != nil { throw ValidationError("give the code or --file, not both") }
        if sandboxInfo && (code != nil || file != nil) { throw ValidationError("--sandbox-info runs no code of its own; leave out the code and --file") }
    }

    func run() async throws {
        if sandboxInfo {
            let config = try sessionOptions.config()
            let session = Session(storage: try sessionOptions.storage(), executor: SubprocessExecutor(config))
            return try await SandboxInfo.report(session, settings: config, output: output)
        }
        let source = try readCode()
        let session = try sessionOptions.session()
        let result = try await session.run(source)
        await session.close()
        if output.json {
            output.printJSON(result.jsonValue)
        } else {
            Self.show(result)
        }
        if result.error != nil { throw CommandFailure(message: nil) }
    }

    private func readCode() throws -> String {
        if let file {
            guard let data = FileManager.default.contents(atPath: file) else {
                throw CommandFailure(message: "--file \(file): cannot read it")
            }
            return String(decoding: data, as: UTF8.self)
        }
        if let code, code != "-" { return code }
        return String(decoding: FileHandle.standardInput.readDataToEndOfFile(), as: UTF8.self)
    }

    /// A cell's stdout, its stderr (to stderr), its value, then its traceback (to stderr).
    static func show(_ result: ExecutionResult) {
        Console.output(result.stdout)
        if !result.stderr.isEmpty { Console.rawMessage(result.stderr) }
        if let value = result.value { Console.output(text(of: value)) }
        if let error = result.error { Console.message(error) }
    }

    /// A string as itself, anything else as JSON.
    static func text(of value: JSONValue) -> String {
        if case .string(let text) = value { return text }
        return PythonJSONEncoder().encode(value)
    }
}
