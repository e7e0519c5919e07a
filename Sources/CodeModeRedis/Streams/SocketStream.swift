#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A blocking socket to a Redis server, TCP or unix, whose reads and writes give up after the
/// command timeout (`SO_RCVTIMEO`, `SO_SNDTIMEO`).
final class SocketStream: RedisStream {
    let fd: Int32

    private init(fd: Int32) {
        self.fd = fd
    }

    deinit { close() }

    /// Connects within `connectTimeout`, trying each address the name resolves to.
    static func connect(to endpoint: RedisURL.Endpoint, connectTimeout: Duration, commandTimeout: Duration) throws(StreamFailure) -> SocketStream {
        let stream: SocketStream
        switch endpoint {
        case .tcp(let host, let port):
            stream = try connectTCP(host: host, port: port, timeout: connectTimeout)
            var on: Int32 = 1
            // Pipelines send many small commands: no waiting to fill a segment.
            setsockopt(stream.fd, Int32(IPPROTO_TCP), TCP_NODELAY, &on, socklen_t(MemoryLayout<Int32>.size))
        case .unix(let path):
            stream = try connectUnix(path: path)
        }
        stream.setTimeout(commandTimeout)
        return stream
    }

    /// How long each read and write may wait (`SO_RCVTIMEO`, `SO_SNDTIMEO`).
    func setTimeout(_ timeout: Duration) {
        var limit = timeval(timeout)
        setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &limit, socklen_t(MemoryLayout<timeval>.size))
        setsockopt(fd, SOL_SOCKET, SO_SNDTIMEO, &limit, socklen_t(MemoryLayout<timeval>.size))
    }

    func write(_ bytes: UnsafeRawBufferPointer) throws(StreamFailure) {
        var offset = 0
        while offset < bytes.count {
            let written = Glibc.send(fd, bytes.baseAddress! + offset, bytes.count - offset, Int32(MSG_NOSIGNAL))
            if written < 0 {
                if errno == EINTR { continue }
                throw Self.failure(errno)
            }
            offset += written
        }
    }

    func read(into buffer: UnsafeMutableRawBufferPointer) throws(StreamFailure) -> Int {
        while true {
            let count = recv(fd, buffer.baseAddress, buffer.count, 0)
            if count > 0 { return count }
            if count == 0 { throw .closed }
            if errno == EINTR { continue }
            throw Self.failure(errno)
        }
    }

    private var isClosed = false

    func close() {
        guard !isClosed else { return }
        isClosed = true
        _ = Glibc.close(fd)
    }

    static func failure(_ code: Int32) -> StreamFailure {
        switch code {
        case EAGAIN, ETIMEDOUT: .timedOut
        case ECONNREFUSED: .refused
        case ECONNRESET, EPIPE: .closed
        default: .system(code)
        }
    }

    private static func connectTCP(host: String, port: Int, timeout: Duration) throws(StreamFailure) -> SocketStream {
        var hints = addrinfo()
        hints.ai_family = AF_UNSPEC
        hints.ai_socktype = Int32(SOCK_STREAM.rawValue)
        var found: UnsafeMutablePointer<addrinfo>?
        let status = getaddrinfo(host, String(port), &hints, &found)
        guard status == 0, let first = found else {
            throw .lookup(String(cString: gai_strerror(status)))
        }
        defer { freeaddrinfo(first) }
        var lastFailure = StreamFailure.refused
        var address: UnsafeMutablePointer<addrinfo>? = first
        while let candidate = address {
            address = candidate.pointee.ai_next
            let fd = socket(candidate.pointee.ai_family, Int32(SOCK_STREAM.rawValue) | Int32(SOCK_CLOEXEC.rawValue), candidate.pointee.ai_protocol)
            guard fd >= 0 else { lastFailure = failure(errno); continue }
            do throws(StreamFailure) {
                try connectWithin(timeout, fd: fd, address: candidate.pointee.ai_addr, length: candidate.pointee.ai_addrlen)
                return SocketStream(fd: fd)
            } catch {
                _ = Glibc.close(fd)
                lastFailure = error
            }
        }
        throw lastFailure
    }

    /// A non-blocking connect, waited for with `poll`, then back to blocking mode.
    private static func connectWithin(_ timeout: Duration, fd: Int32, address: UnsafePointer<sockaddr>, length: socklen_t) throws(StreamFailure) {
        let flags = fcntl(fd, F_GETFL)
        _ = fcntl(fd, F_SETFL, flags | O_NONBLOCK)
        if Glibc.connect(fd, address, length) != 0 {
            guard errno == EINPROGRESS else { throw failure(errno) }
            var poller = pollfd(fd: fd, events: Int16(POLLOUT), revents: 0)
            let milliseconds = Int32(min(Double(Int32.max), (timeout / .milliseconds(1)).rounded(.up)))
            var ready: Int32
            repeat { ready = poll(&poller, 1, milliseconds) } while ready < 0 && errno == EINTR
            guard ready > 0 else { throw ready == 0 ? .timedOut : failure(errno) }
            var error: Int32 = 0
            var size = socklen_t(MemoryLayout<Int32>.size)
            getsockopt(fd, SOL_SOCKET, SO_ERROR, &error, &size)
            guard error == 0 else { throw failure(error) }
        }
        _ = fcntl(fd, F_SETFL, flags)
    }

    private static func connectUnix(path: String) throws(StreamFailure) -> SocketStream {
        var address = sockaddr_un()
        address.sun_family = sa_family_t(AF_UNIX)
        let bytes = Array(path.utf8)
        guard bytes.count < MemoryLayout.size(ofValue: address.sun_path) else { throw .system(ENAMETOOLONG) }
        withUnsafeMutableBytes(of: &address.sun_path) { $0.copyBytes(from: bytes + [0]) }
        let fd = socket(AF_UNIX, Int32(SOCK_STREAM.rawValue) | Int32(SOCK_CLOEXEC.rawValue), 0)
        guard fd >= 0 else { throw failure(errno) }
        let connected = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { Glibc.connect(fd, $0, socklen_t(MemoryLayout<sockaddr_un>.size)) }
        }
        guard connected == 0 else {
            let code = errno
            _ = Glibc.close(fd)
            switch code {
            case ENOENT: throw .noSocketFile
            case EACCES: throw .permissionDenied
            default: throw failure(code)
            }
        }
        return SocketStream(fd: fd)
    }
}

extension timeval {
    /// `duration`, rounded up to a whole microsecond so a tiny positive timeout never becomes
    /// zero, which the socket options read as "no timeout".
    init(_ duration: Duration) {
        let (seconds, attoseconds) = duration.components
        let microseconds = (attoseconds + 999_999_999_999) / 1_000_000_000_000
        self.init(tv_sec: time_t(seconds) + time_t(microseconds / 1_000_000), tv_usec: suseconds_t(microseconds % 1_000_000))
    }
}
