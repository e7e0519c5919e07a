#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import CHiredis

/// One blocking connection to a Redis server; it owns a hiredis `redisContext`.
///
/// Every call blocks the calling thread until the server answers or the command timeout
/// passes, so keep it off the cooperative thread pool (use a dedicated thread or a
/// `DispatchQueue`), and never share a connection between threads.
///
/// Failures come in two sorts. An error reply (`WRONGTYPE`, `NOSCRIPT`, …) throws `.server`
/// from `command`, or comes back as `RedisReply.error` from `pipeline` and `transaction`; the
/// connection stays usable. Any other failure — refused, reset, timed out, not Redis protocol —
/// leaves hiredis's context dead (`err != 0`): the connection frees it at once, `isBroken`
/// turns true, and every later call throws `.connection`. Open a new connection then.
public final class RedisConnection {
    public let url: RedisURL
    public let commandTimeout: Duration
    /// `nil` once a failure has killed it.
    private var context: UnsafeMutablePointer<redisContext>?
    /// What killed `context`, repeated by every later call.
    private var failure: String?

    /// Connects (`redisConnectWithTimeout` or `redisConnectUnixWithTimeout`), sets the command
    /// timeout on the socket (`redisSetTimeout`), then sends `AUTH` when the URL has a password
    /// and `SELECT db` (or `PING`) in one round trip — so an unreachable server or a wrong
    /// password fails here rather than at the first command.
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
        context = try Self.connect(to: url, timeout: connectTimeout)
        // From here on `self` is whole, so a throw runs `deinit`, which frees the context.
        try perform { redisSetTimeout($0, makeTimeval(commandTimeout)) }
        try logIn()
    }

    deinit {
        if let context { redisFree(context) }
    }

    /// True once a failure has closed the connection (hiredis set `err` on its context).
    public var isBroken: Bool { context == nil }

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

    /// Sends the commands without waiting for replies (`redisAppendCommandArgv` for each, at
    /// most `window` awaiting their replies), and reads the replies in order (`redisGetReply`):
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
        var argv = ArgumentVector()
        var sent = 0
        for index in commands.indices {
            while sent < commands.count && sent - index < window {
                try perform { context in
                    argv.withCommand(commands[sent]) { redisAppendCommandArgv(context, $0, $1, $2) }
                }
                sent += 1
            }
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

    // MARK: - Talking to hiredis

    private static func connect(to url: RedisURL, timeout: Duration) throws(RedisError)
        -> UnsafeMutablePointer<redisContext> {
        let context: UnsafeMutablePointer<redisContext>?
        switch url.endpoint {
        case .tcp(let host, let port):
            guard let port = Int32(exactly: port), (1...65535).contains(port) else {
                throw RedisError(kind: .invalidURL, message: "\(url): port \(port) is out of range — use 1 to 65535")
            }
            context = redisConnectWithTimeout(host, port, makeTimeval(timeout))
        case .unix(let path):
            context = redisConnectUnixWithTimeout(path, makeTimeval(timeout))
        }
        guard let context else {
            throw RedisError(kind: .connection, message: "\(url): hiredis could not allocate a connection (out of memory)")
        }
        guard context.pointee.err == 0 else {
            defer { redisFree(context) }
            let (kind, detail) = describeFailure(of: context.pointee, at: url, while: .connecting(timeout: timeout))
            throw RedisError(kind: kind, message: "\(url): \(detail)")
        }
        return context
    }

    /// The funnel for every hiredis call that can fail: runs `call` on the live context and,
    /// when it returns `REDIS_ERR`, turns the context's `err` and `errstr` into a `RedisError`,
    /// frees the dead context and throws.
    private func perform(_ call: (UnsafeMutablePointer<redisContext>) -> Int32) throws(RedisError) {
        guard let context else {
            throw RedisError(kind: .connection, message:
                "\(url): this connection was closed by an earlier error (\(failure ?? "unknown")) — open a new one")
        }
        guard call(context) != REDIS_OK else { return }
        let (kind, detail) = describeFailure(of: context.pointee, at: url, while: .talking(commandTimeout: commandTimeout))
        throw close(kind, detail)
    }

    /// Reads the next reply (`redisGetReply`), copies it, and frees hiredis's copy
    /// (`freeReplyObject` on the top-level reply frees its elements too).
    private func readReply() throws(RedisError) -> RedisReply {
        var raw: UnsafeMutableRawPointer?
        try perform { redisGetReply($0, &raw) }
        let reply = raw.flatMap { pointer in
            defer { freeReplyObject(pointer) }
            return RedisReply(copying: pointer.assumingMemoryBound(to: redisReply.self))
        }
        guard let reply else {
            // The replies that follow can no longer be matched to their commands.
            throw close(.protocolViolation, "hiredis returned no reply or one of an unknown type")
        }
        return reply
    }

    /// Frees the context after a failure that leaves it unusable.
    private func close(_ kind: RedisError.Kind, _ detail: String) -> RedisError {
        if let context { redisFree(context) }
        context = nil
        failure = detail
        return RedisError(kind: kind, message: "\(url): \(detail)")
    }
}

@available(*, unavailable, message: "a hiredis context must stay on one thread")
extension RedisConnection: Sendable {}

/// hiredis writes with `write(2)`, so a server that goes away mid-write would raise SIGPIPE
/// and kill the whole process; ignored, the write fails with EPIPE and becomes a
/// `.connection` error instead. Set once, process-wide, before the first connection.
private let ignoreBrokenPipe: Void = {
    _ = signal(SIGPIPE, SIG_IGN)
}()

/// `duration` as a `timeval`, rounded up to a whole microsecond so that a tiny positive
/// timeout never becomes zero, which hiredis reads as "no timeout".
private func makeTimeval(_ duration: Duration) -> timeval {
    let (seconds, attoseconds) = duration.components
    let microseconds = (attoseconds + 999_999_999_999) / 1_000_000_000_000
    return timeval(tv_sec: time_t(seconds) + time_t(microseconds / 1_000_000),
                   tv_usec: suseconds_t(microseconds % 1_000_000))
}
