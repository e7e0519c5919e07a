import CodeModeCore
import Foundation
import Logging
import MCP

/// The server's stdio: newline-delimited JSON-RPC, read by a thread blocked in `read(2)`, so
/// a request is handled the moment it arrives (the SDK's `StdioTransport` polls every 10 ms,
/// which would be most of a `run_code` round trip). A line that is not a well-formed message
/// is answered here with a JSON-RPC error that says what is wrong (``IncomingMessageCheck``)
/// and never reaches the SDK.
actor LineTransport: Transport {
    // Nothing may reach stdout but protocol messages: the SDK's log lines go nowhere.
    nonisolated let logger = Logger(label: "codemode.mcp") { _ in SwiftLogNoOpLogHandler() }
    private let input: Int32
    private let output: Int32
    private let messages: AsyncThrowingStream<Data, any Error>
    private let continuation: AsyncThrowingStream<Data, any Error>.Continuation

    init(input: Int32 = STDIN_FILENO, output: Int32 = STDOUT_FILENO) {
        self.input = input
        self.output = output
        (messages, continuation) = AsyncThrowingStream.makeStream()
    }

    func connect() async throws {
        let input = self.input
        let continuation = self.continuation
        Thread {
            var pending = Data()
            var chunk = [UInt8](repeating: 0, count: 1 << 16)
            while true {
                let count = chunk.withUnsafeMutableBytes { read(input, $0.baseAddress, $0.count) }
                if count < 0 && errno == EINTR { continue }
                guard count > 0 else { break }
                pending.append(contentsOf: chunk[..<count])
                while let newline = pending.firstIndex(of: UInt8(ascii: "\n")) {
                    let line = pending[pending.startIndex..<newline]
                    if line.contains(where: { !Self.isWhitespace($0) }) {
                        if let rejected = IncomingMessageCheck.rejection(of: line) {
                            Task { await self.answer(rejected) }
                        } else {
                            continuation.yield(Data(line))
                        }
                    }
                    pending.removeSubrange(pending.startIndex...newline)
                }
            }
            continuation.finish()
        }.start()
    }

    func disconnect() async {
        continuation.finish()
    }

    /// Writes the error response to a line the SDK never saw, between the SDK's own messages.
    private func answer(_ rejected: RejectedMessage) {
        try? write(Data(PythonJSONEncoder().encode(rejected.response).utf8))
    }

    private static func isWhitespace(_ byte: UInt8) -> Bool {
        byte == UInt8(ascii: " ") || byte == UInt8(ascii: "\t") || byte == UInt8(ascii: "\r")
    }

    func send(_ data: Data) async throws {
        try write(data)
    }

    private func write(_ data: Data) throws {
        var line = data
        line.append(UInt8(ascii: "\n"))
        let failure = line.withUnsafeBytes { FileDescriptor.writeAll(output, $0) }
        if failure != 0 { throw MCPError.internalError("cannot write to stdout: \(String(cString: strerror(failure)))") }
    }

    nonisolated func receive() -> AsyncThrowingStream<Data, any Error> {
        messages
    }
}
