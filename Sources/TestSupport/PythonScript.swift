import CodeModeCore
import Foundation

/// Runs a short Python program as an oracle: what Python itself says about a value.
public enum PythonScript {
    /// Runs `code` with `input` on stdin and returns its stdout; a failure is an error with stderr.
    public static func run(_ code: String, input: [UInt8] = []) throws -> [UInt8] {
        let result = try ProcessRunner.runCapturingBytes(PythonInterpreter.resolve().executable, ["-I", "-c", code], stdin: Data(input))
        guard result.status == 0 else {
            throw PythonError("python oracle failed: \(String(decoding: result.stderr, as: UTF8.self))")
        }
        return Array(result.stdout)
    }
}
