import Foundation

/// Where commands write: results to stdout, messages and progress to stderr.
enum Console {
    static func output(_ text: String) {
        write(text.hasSuffix("\n") || text.isEmpty ? text : text + "\n", to: STDOUT_FILENO)
    }

    static func message(_ text: String) {
        write(text.hasSuffix("\n") ? text : text + "\n", to: STDERR_FILENO)
    }

    static func warning(_ text: String) {
        message("warning: \(text)")
    }

    /// True when stderr is a terminal, where progress may be shown.
    static var stderrIsTerminal: Bool { isatty(STDERR_FILENO) == 1 }

    private static func write(_ text: String, to fd: Int32) {
        var text = text
        text.withUTF8 { buffer in
            var offset = 0
            while offset < buffer.count {
                let written = Foundation.write(fd, buffer.baseAddress! + offset, buffer.count - offset)
                if written < 0 {
                    if errno == EINTR { continue }
                    return
                }
                offset += written
            }
        }
    }
}
