import CodeModeRedis
import Foundation

/// A `redis-server` of the demo's own: on a free port of 127.0.0.1, nothing written to disk,
/// stopped by `stop()` (or when the value goes away).
final class EmbeddedRedisServer {
    let url: RedisURL
    private let process: Process

    private init(url: RedisURL, process: Process) {
        self.url = url
        self.process = process
    }

    deinit { stop() }

    /// Starts the server and returns once it answers; a port taken between finding it and
    /// binding it is tried again.
    static func start() throws -> EmbeddedRedisServer {
        let executable = try findExecutable()
        var lastError = "no attempt"
        for _ in 1...5 {
            let port = try freePort()
            let process = Process()
            process.executableURL = URL(fileURLWithPath: executable)
            process.arguments = ["--bind", "127.0.0.1", "--port", String(port), "--save", "", "--appendonly", "no",
                                 "--dir", FileManager.default.temporaryDirectory.path]
            process.standardOutput = FileHandle.nullDevice
            process.standardError = FileHandle.nullDevice
            try process.run()
            let url = RedisURL(endpoint: .tcp(host: "127.0.0.1", port: port))
            let deadline = ContinuousClock.now + .seconds(5)
            while process.isRunning && ContinuousClock.now < deadline {
                do {
                    _ = try RedisConnection(url: url, connectTimeout: .milliseconds(200)).command("PING")
                    return EmbeddedRedisServer(url: url, process: process)
                } catch {
                    lastError = "\(error)"
                    usleep(20_000)
                }
            }
            if process.isRunning { kill(process.processIdentifier, SIGKILL) }
            process.waitUntilExit()
        }
        throw CommandFailure(message: "redis-server did not start (\(lastError))")
    }

    /// Asks the server to shut down (`SHUTDOWN NOSAVE`): a signal could go unheard, as the
    /// server inherits the signal mask of the thread that started it.
    func stop() {
        guard process.isRunning else { return }
        if (try? RedisConnection(url: url, connectTimeout: .seconds(1)).command("SHUTDOWN", "NOSAVE")) == nil, process.isRunning {
            kill(process.processIdentifier, SIGKILL)
        }
        process.waitUntilExit()
    }

    private static func findExecutable() throws -> String {
        let path = ProcessInfo.processInfo.environment["PATH"] ?? ""
        let candidates = path.split(separator: ":").map { "\($0)/redis-server" } + ["/usr/bin/redis-server"]
        guard let found = candidates.first(where: { FileManager.default.isExecutableFile(atPath: $0) }) else {
            throw CommandFailure(message: "the demo needs redis-server and found none on PATH — install it: apt-get install redis-server")
        }
        return found
    }

    /// A port of 127.0.0.1 that was free a moment ago: bind port 0 and read what the kernel chose.
    private static func freePort() throws -> Int {
        let descriptor = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard descriptor >= 0 else { throw CommandFailure(message: "cannot open a socket to find a free port") }
        defer { close(descriptor) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = in_addr_t(INADDR_LOOPBACK).bigEndian
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let bound = withUnsafeMutablePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(descriptor, $0, length) == 0 && getsockname(descriptor, $0, &length) == 0 }
        }
        guard bound else { throw CommandFailure(message: "cannot find a free port on 127.0.0.1") }
        return Int(UInt16(bigEndian: address.sin_port))
    }
}
