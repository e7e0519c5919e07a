public import Foundation

/// The python3 interpreter CodeMode runs: a real executable, never a wrapper script.
public struct PythonInterpreter: Hashable, Sendable {
    /// The interpreter binary. Symbolic links are kept as found: a virtualenv's `python3`
    /// is a link, and resolving it would lose the virtualenv.
    public let executable: URL

    public init(executable: URL) {
        self.executable = executable
    }

    /// Resolves the real interpreter once per process: `$CODEMODE_PYTHON` if set (a path,
    /// or a name looked up on `PATH`), else the `python3` found on `PATH`. When that file
    /// is a script (starts with `#!`, e.g. a pyenv shim) it is asked once for
    /// `sys.executable`, so later runs skip the wrapper's start-up cost.
    ///
    /// The outcome, failure included, is cached for the life of the process.
    public static func resolve() throws(PythonError) -> PythonInterpreter {
        try resolved.get()
    }

    // A static `let` is initialized exactly once, thread-safely.
    private static let resolved = Result { () throws(PythonError) in
        try locate(environment: ProcessInfo.processInfo.environment)
    }

    /// The uncached resolution, for a given environment.
    static func locate(environment: [String: String]) throws(PythonError) -> PythonInterpreter {
        let searchPath = environment["PATH"] ?? ""
        let found: URL
        if let configured = environment["CODEMODE_PYTHON"], !configured.isEmpty {
            guard let url = ExecutableSearch.find(configured, searchPath: searchPath) else {
                throw PythonError("CODEMODE_PYTHON=\(configured): no executable file there; "
                    + "point it at a python3 interpreter")
            }
            found = url
        } else {
            guard let url = ExecutableSearch.find("python3", searchPath: searchPath) else {
                throw PythonError("python3 not found on PATH; install python3 (apt-get install python3) "
                    + "or set CODEMODE_PYTHON")
            }
            found = url
        }
        guard isScript(found) else { return PythonInterpreter(executable: found) }
        return PythonInterpreter(executable: try askForExecutable(script: found))
    }

    private static func isScript(_ url: URL) -> Bool {
        guard let handle = try? FileHandle(forReadingFrom: url) else { return false }
        defer { try? handle.close() }
        return (try? handle.read(upToCount: 2)) == Data("#!".utf8)
    }

    private static func askForExecutable(script: URL) throws(PythonError) -> URL {
        let failure = "\(script.path) is a script (a pyenv shim?) and did not report its interpreter"
        let output: ChildProcess.Output
        do {
            output = try ChildProcess.run(
                script,
                arguments: ["-I", "-S", "-c", "import sys; sys.stdout.write(sys.executable or '')"],
                input: Data()
            )
        } catch {
            throw PythonError("\(failure): \(error.localizedDescription)")
        }
        let path = String(decoding: output.stdout, as: UTF8.self).trimmingWhitespace()
        guard output.status == 0, !output.killedBySignal, path.hasPrefix("/"),
              FileManager.default.isExecutableFile(atPath: path)
        else {
            let detail = String(decoding: output.stderr, as: UTF8.self).trimmingWhitespace()
            throw PythonError(detail.isEmpty ? failure : "\(failure): \(detail)")
        }
        return URL(fileURLWithPath: path)
    }
}
