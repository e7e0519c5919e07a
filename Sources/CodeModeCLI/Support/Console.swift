import CodeModeCore
import Foundation

/// Where commands write: results to stdout, messages and progress to stderr.
enum Console {
    static func output(_ text: String) {
        write(text.hasSuffix("\n") || text.isEmpty ? text : text + "\n", to: STDOUT_FILENO)
    }

    /// Writes to stdout as is, without a newline (prompts).
    static func rawOutput(_ text: String) {
        write(text, to: STDOUT_FILENO)
    }

    static func message(_ text: String) {
        write(text.hasSuffix("\n") ? text : text + "\n", to: STDERR_FILENO)
    }

    /// Writes to stderr as is, without a newline (progress lines).
    static func rawMessage(_ text: String) {
        write(text, to: STDERR_FILENO)
    }

    static func warning(_ text: String) {
        message("warning: \(text)")
    }

    /// True when stderr is a terminal, where progress may be shown.
    static var stderrIsTerminal: Bool { isatty(STDERR_FILENO) == 1 }

    /// True when stdout is a terminal, where a person reads long listings as summaries.
    static var stdoutIsTerminal: Bool { isatty(STDOUT_FILENO) == 1 }

    private static func write(_ text: String, to fd: Int32) {
        var text = text
        // A reader that went away (a closed pipe) is not the command's failure.
        _ = text.withUTF8 { FileDescriptor.writeAll(fd, UnsafeRawBufferPointer($0)) }
    }
}
