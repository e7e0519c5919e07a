import CodeModeCore
import CodeModeRedis
import Foundation
import Synchronization
#if canImport(Glibc)
import Glibc
#endif

/// A private `redis-server` that CodeMode starts itself — the demo's embedded default, and
/// every test's: on a free TCP port of 127.0.0.1 or on a unix socket in its own temporary
/// folder, with no persistence (`--save "" --appendonly no`) unless asked for an append-only
/// file. Going away stops the server by its pid and deletes its folder.
public final class LocalRedisServer: Sendable {
    /// Where to connect, with the password when the server has one.
    public let url: RedisURL
    /// The running server's pid; changes when `restart()` starts a new one.
    public var pid: pid_t { currentPID.withLock { $0 } }
    private let currentPID: Mutex<pid_t>
    private let executable: String
    private let arguments: [String]
    /// The server's working folder: its log (`redis.log`) and socket live here.
    public let directory: String

    /// Starts the server and returns once it answers `PING`.
    /// - Parameters:
    ///   - password: set as `requirepass`, and put into `url`.
    ///   - unixSocket: listen on `<directory>/redis.sock` only, instead of TCP.
    ///   - appendOnly: keep every write in an append-only file, flushed to disk before each
    ///     reply (`--appendonly yes --appendfsync always`), so `restart()` after a crash finds
    ///     every acknowledged write.
    ///   - tls: serve TLS only, with these files (and ask for a client certificate when
    ///     `requireClientCertificate`); `url` is then a `rediss://` URL trusting `caFile`.
    public init(password: String? = nil, unixSocket: Bool = false, appendOnly: Bool = false, tls: TLS? = nil) throws {
        let executable = try Self.findExecutable()
        let directory = try Self.makeDirectory(unixSocket: unixSocket)
        let persistence = appendOnly ? ["--appendonly", "yes", "--appendfsync", "always"] : ["--appendonly", "no"]
        do {
            let pid: pid_t
            (pid, url, arguments) = try Self.start(executable, in: directory, password: password, unixSocket: unixSocket,
                                                   persistence: persistence, tls: tls)
            currentPID = Mutex(pid)
        } catch {
            try? FileManager.default.removeItem(atPath: directory)
            throw error
        }
        self.executable = executable
        self.directory = directory
    }

    deinit {
        Self.stop(pid)
        try? FileManager.default.removeItem(atPath: directory)
    }

    /// Kills the server with `signal` (SIGKILL: a crash, nothing flushed on the way out) and
    /// reaps it.
    public func crash(_ signal: Int32 = SIGKILL) {
        let pid = self.pid
        Glibc.kill(pid, signal)
        while waitpid(pid, nil, 0) == -1 && errno == EINTR {}
    }

    /// Starts the server again, on the same address, in the same folder (so from its
    /// append-only file), after `crash`. Returns once it answers `PING`.
    public func restart() throws {
        let log = directory + "/redis.log"
        let pid = try Self.spawn(executable, arguments, output: log)
        guard try Self.waitUntilReady(pid, url, log: log) else {
            throw LocalRedisServerError("redis-server could not take its address again. Its log ends:\n\(Self.logTail(log))")
        }
        currentPID.withLock { $0 = pid }
    }

    /// A new connection to this server.
    public func connect(commandTimeout: Duration = .seconds(10)) throws -> RedisConnection {
        try RedisConnection(url: url, commandTimeout: commandTimeout)
    }

    // MARK: - Starting

    private static func start(_ executable: String, in directory: String, password: String?,
                              unixSocket: Bool, persistence: [String], tls: TLS?) throws -> (pid_t, RedisURL, [String]) {
        let log = directory + "/redis.log"
        // A probed port can be taken by someone else before the server binds it; try again.
        for _ in 1...5 {
            let endpoint: RedisURL.Endpoint = unixSocket
                ? .unix(path: directory + "/redis.sock")
                : .tcp(host: "127.0.0.1", port: try freePort())
            var arguments = ["--save", "", "--dir", directory] + persistence
            var options: RedisTLSOptions?
            switch endpoint {
            case .tcp(let host, let port) where tls != nil:
                let tls = tls!
                arguments += ["--bind", host, "--port", "0", "--tls-port", String(port), "--tls-cert-file", tls.certificate,
                              "--tls-key-file", tls.key, "--tls-ca-cert-file", tls.caFile,
                              "--tls-auth-clients", tls.requireClientCertificate ? "yes" : "no"]
                options = RedisTLSOptions(caCertificates: tls.caFile, certificateFile: tls.clientCertificate, keyFile: tls.clientKey)
            case .tcp(let host, let port):
                arguments += ["--bind", host, "--port", String(port)]
            case .unix(let path):
                arguments += ["--port", "0", "--unixsocket", path, "--unixsocketperm", "700"]
            }
            if let password { arguments += ["--requirepass", password] }
            let url = RedisURL(endpoint: endpoint, password: password, tls: options)
            // A server with a certificate made to fail checks (expired, another host) must
            // still be seen to be up.
            var probe = url
            probe.tls?.verifiesCertificates = false
            let pid = try spawn(executable, arguments, output: log)
            if try waitUntilReady(pid, probe, log: log) { return (pid, url, arguments) }
        }
        throw LocalRedisServerError("redis-server found no free port in 5 attempts. Its log ends:\n\(logTail(log))")
    }

    /// True once the server answers `PING`; false when it exited because its port was taken.
    private static func waitUntilReady(_ pid: pid_t, _ url: RedisURL, log: String) throws -> Bool {
        let deadline = ContinuousClock.now + .seconds(10)
        var lastError = "none"
        while ContinuousClock.now < deadline {
            if waitpid(pid, nil, WNOHANG) == pid {
                let tail = logTail(log)
                if tail.contains("Address already in use") { return false }
                throw LocalRedisServerError("redis-server exited before answering PING. Its log ends:\n\(tail)")
            }
            do {
                let connection = try RedisConnection(url: url, connectTimeout: .milliseconds(500))
                // Another suite's server may hold the port we probed: only ours counts.
                if try serverPID(connection) == pid { return true }
            } catch {
                lastError = "\(error)"
            }
            usleep(20_000)
        }
        stop(pid)
        throw LocalRedisServerError("redis-server did not answer PING within 10 seconds (last error: \(lastError))."
            + " Its log ends:\n\(logTail(log))")
    }

    private static func serverPID(_ connection: RedisConnection) throws -> pid_t? {
        guard case .string(let info) = try connection.command("INFO", "server") else { return nil }
        let line = String(decoding: info, as: UTF8.self).split(whereSeparator: \.isNewline)
            .first { $0.hasPrefix("process_id:") }
        return line.flatMap { pid_t($0.dropFirst("process_id:".count)) }
    }

    /// Starts `executable` with stdin from /dev/null and stdout and stderr appended to
    /// `output`, with no other descriptor of the test process (a server that inherited other
    /// tests' pipes and sockets would keep them open) and default signal handling, or
    /// SIGTERM would not stop it.
    private static func spawn(_ executable: String, _ arguments: [String], output: String) throws -> pid_t {
        do {
            return try ChildSpawn.spawn(executable, arguments, environment: ProcessInfo.processInfo.environment) { actions in
                posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
                posix_spawn_file_actions_addopen(&actions, 1, output, O_WRONLY | O_CREAT | O_APPEND, 0o600)
                posix_spawn_file_actions_adddup2(&actions, 1, 2)
            }
        } catch {
            throw LocalRedisServerError("cannot start \(executable): \(error.message)")
        }
    }

    /// SIGTERM, up to 5 seconds to exit, then SIGKILL; always reaped with `waitpid`.
    private static func stop(_ pid: pid_t) {
        kill(pid, SIGTERM)
        let deadline = ContinuousClock.now + .seconds(5)
        while ContinuousClock.now < deadline {
            let reaped = waitpid(pid, nil, WNOHANG)
            if reaped == pid || (reaped == -1 && errno == ECHILD) { return }
            usleep(10_000)
        }
        kill(pid, SIGKILL)
        while waitpid(pid, nil, 0) == -1 && errno == EINTR {}
    }

    // MARK: - Helpers

    private static func findExecutable() throws -> String {
        let path = ProcessInfo.processInfo.environment["PATH"] ?? ""
        let candidates = path.split(separator: ":").map { "\($0)/redis-server" } + ["/usr/bin/redis-server"]
        guard let found = candidates.first(where: { FileManager.default.isExecutableFile(atPath: $0) }) else {
            throw LocalRedisServerError("redis-server is not installed (looked on PATH and at /usr/bin/redis-server)"
                + " — install it: apt-get install redis-server")
        }
        return found
    }

    private static func makeDirectory(unixSocket: Bool) throws -> String {
        var template = Array((FileManager.default.temporaryDirectory.path + "/codemode-redis-XXXXXX").utf8CString)
        guard let made = mkdtemp(&template) else {
            throw LocalRedisServerError("cannot create a temporary folder: \(String(cString: strerror(errno)))")
        }
        let directory = String(cString: made)
        // sun_path holds 108 bytes on Linux (104 on macOS), terminating NUL included.
        if unixSocket && (directory + "/redis.sock").utf8.count >= 104 {
            try? FileManager.default.removeItem(atPath: directory)
            throw LocalRedisServerError("the temporary folder \(directory) is too deep for a unix socket path — set TMPDIR to a shorter one")
        }
        return directory
    }

    /// A port of 127.0.0.1 that was free a moment ago: bind port 0 and read what the kernel chose.
    private static func freePort() throws -> Int {
        do {
            let (descriptor, port) = try LoopbackSocket.bind()
            close(descriptor)
            return port
        } catch {
            throw LocalRedisServerError("cannot find a free port: \(error)")
        }
    }

    private static func logTail(_ log: String, lines: Int = 20) -> String {
        let text = (try? String(contentsOfFile: log, encoding: .utf8)) ?? "(no log at \(log))"
        return text.split(whereSeparator: \.isNewline).suffix(lines).joined(separator: "\n")
    }
}

extension LocalRedisServer {
    /// The files of a TLS-only server.
    public struct TLS: Sendable {
        public var certificate: String
        public var key: String
        public var caFile: String
        public var requireClientCertificate: Bool
        /// What the server's `url` presents: a client certificate signed by `caFile`.
        public var clientCertificate: String?
        public var clientKey: String?

        public init(certificate: String, key: String, caFile: String, requireClientCertificate: Bool = false,
                    clientCertificate: String? = nil, clientKey: String? = nil) {
            self.certificate = certificate
            self.key = key
            self.caFile = caFile
            self.requireClientCertificate = requireClientCertificate
            self.clientCertificate = clientCertificate
            self.clientKey = clientKey
        }
    }
}

/// Why a `LocalRedisServer` could not start.
public struct LocalRedisServerError: Error, CustomStringConvertible {
    public var description: String

    public init(_ description: String) {
        self.description = description
    }
}
