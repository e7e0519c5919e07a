/// Where a Redis server is and how to log in to it: `redis://[user:password@]host[:port][/db]`,
/// `rediss://...` for TLS, or `unix://[user:password@]/path/to.sock[?db=N]`.
///
/// The password is kept for `AUTH` but never shown: `description`, `debugDescription` and the
/// reflection used by `dump` all print `***` in its place, and every `RedisError` names the
/// server by `description`.
public struct RedisURL: Hashable, Sendable {
    public enum Endpoint: Hashable, Sendable {
        /// A TCP server; `host` is a name, an IPv4 address or a bare IPv6 address (`::1`).
        case tcp(host: String, port: Int)
        /// A server listening on a unix domain socket at an absolute `path`.
        case unix(path: String)
    }

    public static let defaultPort = 6379

    public var endpoint: Endpoint
    /// The logical database chosen with `SELECT` after connecting.
    public var database: Int
    /// An ACL user (Redis 6+), used only with `password`; `nil` logs in as the default user.
    public var username: String?
    /// Sent with `AUTH`; never printed.
    public var password: String?
    /// TLS (`rediss://`), or nil for a plain connection.
    public var tls: RedisTLSOptions?

    public init(endpoint: Endpoint, database: Int = 0, username: String? = nil, password: String? = nil, tls: RedisTLSOptions? = nil) {
        self.endpoint = endpoint
        self.database = database
        self.username = username
        self.password = password
        self.tls = tls
    }
}

extension RedisURL: CustomStringConvertible, CustomDebugStringConvertible, CustomReflectable {
    /// The URL with the password replaced by `***` — the only form of it ever printed.
    /// Without a password it parses back to an equal `RedisURL`.
    public var description: String {
        var userInfo = ""
        if let username { userInfo += percentEncoded(username, keeping: userInfoCharacters) }
        if password != nil { userInfo += ":***" }
        if !userInfo.isEmpty { userInfo += "@" }
        switch endpoint {
        case .tcp(let host, let port):
            let hostText = host.contains(":") ? "[\(host)]" : host
            let query = tls?.query ?? []
            return (tls == nil ? "redis://" : "rediss://") + "\(userInfo)\(hostText):\(port)" + (database == 0 ? "" : "/\(database)")
                + (query.isEmpty ? "" : "?" + query.joined(separator: "&"))
        case .unix(let path):
            return "unix://\(userInfo)\(percentEncoded(path, keeping: pathCharacters))"
                + (database == 0 ? "" : "?db=\(database)")
        }
    }

    public var debugDescription: String { "RedisURL(\(description))" }

    /// Keeps `dump(url)` and debugger summaries from showing the password.
    public var customMirror: Mirror {
        Mirror(self, children: [
            "endpoint": endpoint,
            "database": database,
            "username": username as Any,
            "password": password == nil ? "nil" : "***",
            "tls": tls as Any,
        ])
    }
}

/// Characters printed as they are in the user part of a URL; everything else is `%XX`.
let userInfoCharacters: Set<UInt8> = unreservedCharacters.union("!$&'()*+,;=".utf8)
/// Characters printed as they are in a socket path; `?`, `#`, `%` and `@` are escaped so the
/// printed URL parses back to the same path.
let pathCharacters: Set<UInt8> = unreservedCharacters.union("/!$&'()*+,;=:".utf8)
private let unreservedCharacters = Set(
    "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~".utf8)

func percentEncoded(_ text: String, keeping allowed: Set<UInt8>) -> String {
    let hexDigits = Array("0123456789ABCDEF".utf8)
    var bytes: [UInt8] = []
    for byte in text.utf8 {
        if allowed.contains(byte) {
            bytes.append(byte)
        } else {
            bytes += [UInt8(ascii: "%"), hexDigits[Int(byte >> 4)], hexDigits[Int(byte & 0xF)]]
        }
    }
    return String(decoding: bytes, as: UTF8.self)
}

/// Decodes `%XX` escapes; `nil` when an escape is malformed or the result is not UTF-8.
func percentDecoded(_ text: Substring) -> String? {
    var bytes: [UInt8] = []
    var iterator = text.utf8.makeIterator()
    while let byte = iterator.next() {
        guard byte == UInt8(ascii: "%") else {
            bytes.append(byte)
            continue
        }
        guard let high = iterator.next().flatMap(hexValue), let low = iterator.next().flatMap(hexValue) else {
            return nil
        }
        bytes.append(high << 4 | low)
    }
    // `String(decoding:)` repairs bad UTF-8; a repaired value would not be what the user wrote.
    let decoded = String(decoding: bytes, as: UTF8.self)
    return decoded.utf8.elementsEqual(bytes) ? decoded : nil
}

private func hexValue(_ digit: UInt8) -> UInt8? {
    switch digit {
    case UInt8(ascii: "0")...UInt8(ascii: "9"): digit - UInt8(ascii: "0")
    case UInt8(ascii: "a")...UInt8(ascii: "f"): digit - UInt8(ascii: "a") + 10
    case UInt8(ascii: "A")...UInt8(ascii: "F"): digit - UInt8(ascii: "A") + 10
    default: nil
    }
}
