import CodeModeCore
import CodeModeRedis
import CodeModeStorage
import Foundation

/// A TCP proxy on a free port of 127.0.0.1 in front of a Redis server that forwards one
/// connection both ways and drops it — both sockets closed — once `cutAfter` bytes have come
/// back from the server: a connection lost in the middle of a reply, at a chosen byte.
public final class CuttingProxy: Sendable {
    /// The proxy's address, with the server's password.
    public let url: RedisURL
    private let listener: Int32

    public init(to server: RedisURL, cutAfter: Int) throws {
        guard case .tcp(let host, let port) = server.endpoint else { throw LocalRedisServerError("CuttingProxy needs a TCP server") }
        let (listener, proxyPort) = try LoopbackSocket.bind()
        guard listen(listener, 1) == 0 else { throw LocalRedisServerError("listen failed: \(errno)") }
        self.listener = listener
        url = RedisURL(endpoint: .tcp(host: "127.0.0.1", port: proxyPort), password: server.password)
        Thread.detachNewThread { Self.serve(listener, host: host, port: port, cutAfter: cutAfter) }
    }

    deinit {
        shutdown(listener, Int32(SHUT_RDWR))
        close(listener)
    }

    private static func serve(_ listener: Int32, host: String, port: Int, cutAfter: Int) {
        let client = accept(listener, nil, nil)
        guard client >= 0 else { return }
        let upstream = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = UInt16(port).bigEndian
        inet_pton(AF_INET, host, &address.sin_addr)
        let connected = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { connect(upstream, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
        guard connected == 0 else {
            close(client)
            return
        }
        Thread.detachNewThread { pump(from: client, to: upstream, limit: .max) }
        pump(from: upstream, to: client, limit: cutAfter)
        // Both directions end here: the client sees its connection reset mid-reply.
        shutdown(client, Int32(SHUT_RDWR))
        shutdown(upstream, Int32(SHUT_RDWR))
        close(client)
        close(upstream)
    }

    /// Copies bytes until either side closes or `limit` bytes have passed.
    private static func pump(from source: Int32, to destination: Int32, limit: Int) {
        var buffer = [UInt8](repeating: 0, count: 16_384)
        var passed = 0
        while passed < limit {
            let count = buffer.withUnsafeMutableBytes { read(source, $0.baseAddress, min($0.count, limit - passed)) }
            guard count > 0 else { return }
            let written = buffer.withUnsafeBytes { send(destination, $0.baseAddress, count, Int32(MSG_NOSIGNAL)) }
            guard written == count else { return }
            passed += count
        }
    }
}
