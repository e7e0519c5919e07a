#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
internal import CHiredis

/// One blocking connection to a Redis server: a stream (a socket) that carries the bytes, the
/// commands written in Redis protocol straight into the bytes to send, and hiredis, which
/// parses the replies (its `redisReader`).
///
/// Every call blocks the calling thread until the server answers or the command timeout
/// passes, so keep it off the cooperative thread pool (use a dedicated thread or a
/// `DispatchQueue`), and never share a connection between threads.
///
/// Failures come in two sorts. An error reply (`WRONGTYPE`, `NOSCRIPT`, …) throws `.server`
/// from `command`, or comes back as `RedisReply.error` from `pipeline` and `transaction`; the
/// connection stays usable. Any other failure — refused, reset, timed out, not Redis protocol —
/// closes the stream at once: `isBroken` turns true, and every later call throws
/// `.connection`. Open a new connection then.
public final class RedisConnection {
    public let url: RedisURL
    public let commandTimeout: Duration
    /// `nil` once a failure has closed it.
    private var stream: (any RedisStream)?
    /// What closed `stream`, repeated by every later call.
    private var failure: String?
    /// The stream's own failure that closed it, when it was one.
    private var streamFailure: StreamFailure?
    /// hiredis's reply parser, fed with what the stream reads.
    private let reader: UnsafeMutablePointer<redisReader>
    /// Commands formatted and not yet written: a pipeline goes out in one write.
    private var pending: [UInt8] = []
    private var readBuffer = [UInt8](repeating: 0, count: 1 << 18)

    /// Connects, with the command timeout on the socket, then sends `AUTH` when the URL has a
    /// password and `SELECT db` (or `PING`) in one round trip — so an unreachable server or a
    /// wrong password fails here rather than at the first command.
    ///
    /// - Parameters:
    ///   - connectTimeout: how long to wait for the TCP or unix socket connection.
    ///   - commandTimeout: how long any single read or write may wait for the server.
    /// - Precondition: both timeouts are positive (hiredis reads zero as "no timeout" or
    ///   "fail at once").
    public init(url: RedisURL, connectTimeout: Duration = .seconds(2),
                commandTimeout: Duration = .seconds(10)) throws(RedisError) {
        precondition(connectTimeout > .zero && commandTimeout > .zero, "Redis timeouts must be positive")
        _ = ignoreBrokenPipe
        self.url = url
        self.commandTimeout = commandTimeout
        let socket: SocketStream
        do {
            socket = try SocketStream.connect(to: url.endpoint, connectTimeout: connectTimeout, commandTimeout: commandTimeout)
        } catch {
            let (kind, detail) = error.describe(at: url, while: .connecting(timeout: connectTimeout))
            throw RedisError(kind: kind, message: "\(url): \(detail)")
        }
        if let tls = url.tls, case .tcp(let host, _) = url.endpoint {
            if !tls.verifiesCertificates { warnUnverified(url) }
            do {
                stream = try TLSStream.start(on: socket, host: host, options: tls, handshakeTimeout: connectTimeout, commandTimeout: commandTimeout)
            } catch {
                socket.close()
                throw RedisError(kind: .connection, message: "\(url): \(error.sentence)")
            }
        } else {
            stream = socket
        }
        guard let reader = redisReaderCreate() else {
            throw RedisError(kind: .connection, message: "\(url): hiredis could not allocate a reply reader (out of memory)")
        }
        self.reader = reader
        // From here on `self` is whole, so a throw runs `deinit`, which closes the stream.
        do {
            try logIn()
        } catch where streamFailure == .closed {
            throw RedisError(kind: .connection, message: "\(url): \(Self.closedAtOnce(url))")
        }
    }

    /// What a server that closes a new connection at once most likely wants: a TLS port closes
    /// a plain connection that sends a command instead of a handshake, and a server that
    /// requires client certificates closes a TLS 1.3 connection without one (its alert may be
    /// lost with the connection).
    private static func closedAtOnce(_ url: RedisURL) -> String {
        guard let tls = url.tls else { return "the server closed the connection at once — if it expects TLS, use rediss://" }
        guard tls.certificateFile != nil else {
            return "the server closed the connection at once — if it requires a client certificate, pass ssl_certfile and ssl_keyfile in the URL"
        }
        return "the server closed the connection at once — check that it accepts this client certificate (ssl_certfile)"
    }

    deinit {
        stream?.close()
        redisReaderFree(reader)
    }

    /// True once a failure has closed the connection.
    public var isBroken: Bool { stream == nil }

    /// Sends one command and waits for its reply (`redisAppendCommandArgv` then
    /// `redisGetReply`, as `redisCommandArgv` does). Arguments are binary: NUL bytes are fine.
    ///
    /// - Throws: `.server` for an error reply — the connection stays usable —
    ///   (`.authentication` for `NOAUTH`); `.connection`, `.timeout` or `.protocolViolation`
    ///   when the connection died.
    /// - Precondition: `arguments` holds at least the command name.
    @discardableResult
    public func command(_ arguments: [[UInt8]]) throws(RedisError) -> RedisReply {
        let reply = try pipeline([arguments])[0]
        if case .error(let message) = reply {
            throw replyError(message, to: arguments)
        }
        return reply
    }

    /// `command` with UTF-8 text arguments: `try connection.command("HGET", key, field)`.
    @discardableResult
    public func command(_ arguments: String...) throws(RedisError) -> RedisReply {
        try command(arguments.map { Array($0.utf8) })
    }

    /// Sends the commands without waiting for replies (at most `window` awaiting their
    /// replies), and reads the replies in order:
    /// one round trip however many commands. An error reply to one command does not stop the
    /// others; it comes back as `.error` in its place.
    ///
    /// The command timeout applies to each read and write, not to the whole pipeline.
    /// - Precondition: every command holds at least its name.
    public func pipeline(_ commands: [[[UInt8]]], window: Int = .max) throws(RedisError) -> [RedisReply] {
        var replies: [RedisReply] = []
        replies.reserveCapacity(commands.count)
        try pipeline(commands, window: window) { _, reply in replies.append(reply) }
        return replies
    }

    /// Like `pipeline(_:)`, but hands each reply to `handle` as soon as it is read, in order,
    /// so the caller can work on early replies while later ones are still on their way.
    ///
    /// - Parameter window: how many commands may await their replies at once. Redis answers
    ///   everything it has read before it sends any of it, so for commands with large replies
    ///   a small window brings the first reply sooner; further commands are sent as replies
    ///   come in, so the window stays full and there is still one round trip in all.
    public func pipeline(_ commands: [[[UInt8]]], window: Int = .max, eachReply handle: (Int, RedisReply) -> Void) throws(RedisError) {
        precondition(commands.allSatisfy { !$0.isEmpty }, "a Redis command needs at least its name")
        precondition(window > 0, "a pipeline window holds at least one command")
        var sent = 0
        for index in commands.indices {
            while sent < commands.count && sent - index < window {
                try format(commands[sent])
                sent += 1
            }
            try flush()
            handle(index, try readReply())
        }
    }

    /// The error for an error reply to `arguments`. It names the command but never its
    /// arguments, which may hold secrets (`AUTH`, `CONFIG SET requirepass`).
    func replyError(_ message: String, to arguments: [[UInt8]]) -> RedisError {
        let name = arguments.first.map { String(decoding: $0, as: UTF8.self).uppercased() } ?? ""
        let isName = name.count <= 32 && name.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber || "._-".contains($0)) }
        let shownName = isName ? name : "command"
        if message.hasPrefix("NOAUTH") {
            return RedisError(kind: .authentication, message:
                "\(url): \(shownName) refused: \(message) — put the password in the URL, as in redis://:PASSWORD@host:port")
        }
        return RedisError(kind: .server, message: "\(url): \(shownName) failed: \(message)")
    }

    // MARK: - The stream and hiredis

    /// Appends the command in Redis protocol (`*N`, then `$LENGTH` and the bytes of each
    /// argument) to what is pending. A big command (a push of 100,000 skills is one of some
    /// 450 MB) goes out as it is written, a few megabytes at a time, so it is never held
    /// twice.
    private func format(_ arguments: [[UInt8]]) throws(RedisError) {
        Self.appendLine(UInt8(ascii: "*"), arguments.count, to: &pending)
        for argument in arguments {
            Self.appendLine(UInt8(ascii: "$"), argument.count, to: &pending)
            pending.append(contentsOf: argument)
            pending.append(contentsOf: [UInt8(ascii: "\r"), UInt8(ascii: "\n")])
            if pending.count >= Self.sendingThreshold { try flush() }
        }
    }

    /// Bytes of commands gathered before they are sent while a command is still being written.
    private static let sendingThreshold = 4 << 20

    /// `*3\r\n` or `$5\r\n`: a marker, a count in decimal, the line end.
    private static func appendLine(_ marker: UInt8, _ count: Int, to bytes: inout [UInt8]) {
        bytes.append(marker)
        bytes.append(contentsOf: String(count).utf8)
        bytes.append(contentsOf: [UInt8(ascii: "\r"), UInt8(ascii: "\n")])
    }

    /// Writes what is pending.
    private func flush() throws(RedisError) {
        guard !pending.isEmpty else { return }
        let stream = try liveStream()
        do {
            try pending.withUnsafeBytes { try stream.write($0) }
        } catch let failure as StreamFailure {
            throw close(failure)
        } catch {
            throw close(.connection, "\(error)")
        }
        pending.removeAll(keepingCapacity: pending.capacity <= 2 * Self.sendingThreshold)
    }

    /// The next reply, read from the stream as far as needed, copied out of hiredis's.
    private func readReply() throws(RedisError) -> RedisReply {
        while true {
            var raw: UnsafeMutableRawPointer?
            guard redisReaderGetReply(reader, &raw) == REDIS_OK else {
                let reason = withUnsafeBytes(of: reader.pointee.errstr) { String(decoding: $0.prefix { $0 != 0 }, as: UTF8.self) }
                // The replies that follow can no longer be matched to their commands.
                throw close(.protocolViolation, "the reply is not Redis protocol (\(reason)) — is this address really a Redis server?")
            }
            if let raw {
                defer { freeReplyObject(raw) }
                guard let reply = RedisReply(copying: raw.assumingMemoryBound(to: redisReply.self)) else {
                    throw close(.protocolViolation, "hiredis returned a reply of an unknown type")
                }
                return reply
            }
            let stream = try liveStream()
            let count: Int
            do {
                count = try readBuffer.withUnsafeMutableBytes { try stream.read(into: $0) }
            } catch let failure as StreamFailure {
                throw close(failure)
            } catch {
                throw close(.connection, "\(error)")
            }
            _ = readBuffer.withUnsafeBytes { redisReaderFeed(reader, $0.baseAddress!.assumingMemoryBound(to: CChar.self), count) }
        }
    }

    private func liveStream() throws(RedisError) -> any RedisStream {
        guard let stream else {
            throw RedisError(kind: .connection, message:
                "\(url): this connection was closed by an earlier error (\(failure ?? "unknown")) — open a new one")
        }
        return stream
    }

    private func close(_ failure: StreamFailure) -> RedisError {
        streamFailure = failure
        let (kind, detail) = failure.describe(at: url, while: .talking(commandTimeout: commandTimeout))
        return close(kind, detail)
    }

    /// Closes the stream after a failure that leaves it unusable.
    private func close(_ kind: RedisError.Kind, _ detail: String) -> RedisError {
        stream?.close()
        stream = nil
        failure = detail
        return RedisError(kind: kind, message: "\(url): \(detail)")
    }
}

@available(*, unavailable, message: "a connection must stay on one thread")
extension RedisConnection: Sendable {}

/// Writes to a socket whose server went away raise SIGPIPE, which would end the process; the
/// socket stream sends with MSG_NOSIGNAL, and TLS writes cannot, so the signal is ignored,
/// process-wide, before the first connection: the write fails with EPIPE instead.
private let ignoreBrokenPipe: Void = {
    _ = signal(SIGPIPE, SIG_IGN)
}()

/// One warning line on stderr for a connection that does not check the server's certificate.
private func warnUnverified(_ url: RedisURL) {
    let line = "warning: \(url): ssl_cert_reqs=none — the server's certificate is not checked; anyone on the path can read and change the data\n"
    _ = Array(line.utf8).withUnsafeBytes { write(STDERR_FILENO, $0.baseAddress, $0.count) }
}
