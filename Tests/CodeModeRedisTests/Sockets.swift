import CodeModeCore
import Foundation
import TestSupport
#if canImport(Glibc)
import Glibc
#endif

// Peers that are not working Redis servers, for the failure tests.

/// A TCP socket bound to a free port of 127.0.0.1, listening when `backlog` is given.
/// Bound but not listening, it holds a port that refuses connections and that no other test
/// can take meanwhile.
final class Listener: Sendable {
    let descriptor: Int32
    let port: Int

    init(backlog: Int32?) throws {
        let (descriptor, port) = try LoopbackSocket.bind()
        if let backlog, listen(descriptor, backlog) != 0 {
            let code = errno
            close(descriptor)
            throw POSIXError(POSIXErrorCode(rawValue: code) ?? .EIO)
        }
        self.descriptor = descriptor
        self.port = port
    }

    deinit {
        // Wakes a thread blocked in accept(2), which close(2) alone does not do on Linux.
        shutdown(descriptor, Int32(SHUT_RDWR))
        close(descriptor)
    }

    /// Connects to itself without blocking, to fill the backlog.
    func connectClient() -> Int32 {
        let client = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        _ = fcntl(client, F_SETFL, fcntl(client, F_GETFL) | O_NONBLOCK)
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = in_addr_t(INADDR_LOOPBACK).bigEndian
        address.sin_port = UInt16(port).bigEndian
        _ = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                connect(client, $0, socklen_t(MemoryLayout<sockaddr_in>.size))
            }
        }
        return client
    }
}

/// A listener that never accepts, with its backlog full: Linux then drops new SYNs, so a
/// connection attempt hangs the way it does to a firewalled host.
final class SilentListener {
    private let listener: Listener
    private let clients: [Int32]
    var port: Int { listener.port }

    init() throws {
        let listener = try Listener(backlog: 0)
        // Backlog 0 holds one connection; the extra attempts make that independent of kernel
        // rounding, and the pause lets their handshakes land.
        clients = (0..<4).map { _ in listener.connectClient() }
        self.listener = listener
        usleep(100_000)
    }

    deinit {
        clients.forEach { close($0) }
    }
}

/// Accepts one connection, answers whatever comes with an HTTP response, and keeps the
/// connection open until it goes away.
final class HTTPLookalike: Sendable {
    private let listener: Listener
    var port: Int { listener.port }

    init() throws {
        listener = try Listener(backlog: 1)
        let descriptor = listener.descriptor
        Thread.detachNewThread {
            let client = accept(descriptor, nil, nil)
            guard client >= 0 else { return }
            var buffer = [UInt8](repeating: 0, count: 1024)
            _ = read(client, &buffer, buffer.count)
            let response = Array("HTTP/1.1 400 Bad Request\r\n\r\n".utf8)
            _ = write(client, response, response.count)
            _ = read(client, &buffer, buffer.count)
            close(client)
        }
    }
}
