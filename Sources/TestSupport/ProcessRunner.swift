import CodeModeCore
import Foundation

/// The result of a finished child process.
public struct ProcessResult: Sendable {
    public var status: Int32
    public var stdout: String
    public var stderr: String
}

/// Runs programs the way a user would, for tests that check exit codes and output.
public enum ProcessRunner {
    /// Runs `executable` with `arguments`, feeding `stdin`, and waits for it.
    public static func run(_ executable: URL, _ arguments: [String], in directory: URL? = nil,
                           stdin: String? = nil, environment: [String: String]? = nil) throws -> ProcessResult {
        let raw = try runCapturingBytes(executable, arguments, in: directory, stdin: Data((stdin ?? "").utf8), environment: environment)
        return ProcessResult(status: raw.status,
                             stdout: String(decoding: raw.stdout, as: UTF8.self),
                             stderr: String(decoding: raw.stderr, as: UTF8.self))
    }

    /// The same with bytes in and out. Both pipes are drained on their own threads before
    /// waiting, so a chatty child cannot deadlock.
    public static func runCapturingBytes(_ executable: URL, _ arguments: [String], in directory: URL? = nil,
                                         stdin: Data, environment: [String: String]? = nil) throws -> (status: Int32, stdout: Data, stderr: Data) {
        let process = Process()
        process.executableURL = executable
        process.arguments = arguments
        if let directory { process.currentDirectoryURL = directory }
        if let environment { process.environment = environment }
        let output = Pipe(), errors = Pipe(), input = Pipe()
        process.standardOutput = output
        process.standardError = errors
        process.standardInput = input
        try process.run()
        let group = DispatchGroup()
        let read = ResultSlots<Data>(count: 2)
        for (index, pipe) in [output, errors].enumerated() {
            DispatchQueue.global().async(group: group) { read.fill(index, with: pipe.fileHandleForReading.readDataToEndOfFile()) }
        }
        input.fileHandleForWriting.write(stdin)
        try input.fileHandleForWriting.close()
        group.wait()
        process.waitUntilExit()
        return (process.terminationStatus, read.values[0] ?? Data(), read.values[1] ?? Data())
    }

    /// The `codemode` executable built beside the test bundle.
    public static var codemodeExecutable: URL {
        productsDirectory.appendingPathComponent("codemode")
    }

    /// The build products folder (`.build/<triple>/debug`), where the test binary runs from.
    public static var productsDirectory: URL {
        let executable = URL(fileURLWithPath: "/proc/self/exe").resolvingSymlinksInPath()
        var folder = executable.deletingLastPathComponent()
        // On Linux the tests run from `<products>/CodeModePackageTests.xctest`, a plain file;
        // on macOS from inside a bundle. Walk up to the folder that holds `codemode`.
        while folder.path != "/" && !FileManager.default.fileExists(atPath: folder.appendingPathComponent("codemode").path) {
            folder.deleteLastPathComponent()
        }
        return folder
    }

    /// Runs the built `codemode` with `arguments` in `directory`.
    public static func codemode(_ arguments: [String], in directory: URL? = nil, stdin: String? = nil) throws -> ProcessResult {
        try run(codemodeExecutable, arguments, in: directory, stdin: stdin)
    }
}
