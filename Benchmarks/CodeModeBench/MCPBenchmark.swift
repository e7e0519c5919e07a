import CodeModeCore
import Foundation
import TestSupport

/// `codemode mcp` as a client sees it, over its stdin and stdout with plain JSON-RPC lines:
/// from the process start to the answer to `initialize`, and `run_code("1+1")` round trips.
/// The server is started as `--print-config` tells clients to: with `CODEMODE_PYTHON` set to
/// the resolved interpreter, so no start pays for a version manager's shim.
func measureMCP(_ options: Options) throws -> [Measurement] {
    let library = try generateLibrary(size: 100)
    if !options.json { FileHandle.standardError.write(Data("  mcp…\n".utf8)) }
    var starts: [Double] = []
    var roundTrips: [Double] = []
    for _ in 0..<max(options.repetitions, 5) {
        let server = try MCPServerProcess(codemode: options.codemode, library: library.url)
        starts.append(server.startToFirstAnswer)
        for _ in 0..<100 { roundTrips.append(try server.roundTrip(code: "1+1")) }
        server.stop()
    }
    return [
        Measurement(operation: "mcp: server start to first answer", skills: 100, seconds: starts.sorted()[starts.count / 2]),
        Measurement(operation: "mcp: run_code(\"1+1\") round trip", skills: 100, seconds: roundTrips.sorted()[roundTrips.count / 2]),
    ]
}

private final class MCPServerProcess {
    let process = Process()
    let toServer = Pipe()
    let fromServer = Pipe()
    private var buffer = Data()
    private var nextID = 2
    private(set) var startToFirstAnswer = 0.0

    init(codemode: URL, library: URL) throws {
        process.executableURL = codemode
        process.arguments = ["mcp", "--base", library.path]
        process.standardInput = toServer
        process.standardOutput = fromServer
        process.standardError = FileHandle.nullDevice
        var environment = ProcessInfo.processInfo.environment
        environment["CODEMODE_PYTHON"] = try PythonInterpreter.resolve().executable.path
        process.environment = environment
        let start = DispatchTime.now().uptimeNanoseconds
        try process.run()
        send(#"{"jsonrpc":"2.0","id":1,"method":"initialize","params":{"protocolVersion":"2025-06-18","capabilities":{},"clientInfo":{"name":"bench","version":"1"}}}"#)
        _ = try readLine()
        startToFirstAnswer = Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
        send(#"{"jsonrpc":"2.0","method":"notifications/initialized"}"#)
    }

    func roundTrip(code: String) throws -> Double {
        let id = nextID
        nextID += 1
        let start = DispatchTime.now().uptimeNanoseconds
        send(#"{"jsonrpc":"2.0","id":\#(id),"method":"tools/call","params":{"name":"run_code","arguments":{"code":"\#(code)"}}}"#)
        let answer = try readLine()
        let seconds = Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
        guard answer.contains("\"isError\":false") else { throw UsageError("run_code failed in the benchmark: \(answer.prefix(300))") }
        return seconds
    }

    func stop() {
        try? toServer.fileHandleForWriting.close()
        process.waitUntilExit()
    }

    private func send(_ line: String) {
        toServer.fileHandleForWriting.write(Data((line + "\n").utf8))
    }

    private func readLine() throws -> String {
        while true {
            if let newline = buffer.firstIndex(of: UInt8(ascii: "\n")) {
                let line = String(decoding: buffer[..<newline], as: UTF8.self)
                buffer.removeSubrange(...newline)
                return line
            }
            let chunk = fromServer.fileHandleForReading.availableData
            guard !chunk.isEmpty else { throw UsageError("codemode mcp closed its output") }
            buffer.append(chunk)
        }
    }
}
