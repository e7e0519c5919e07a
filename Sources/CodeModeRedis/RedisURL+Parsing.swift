extension RedisURL {
    /// Parses `redis://[user:password@]host[:port][/db][?db=N]` (port 6379 and database 0 by
    /// default, `localhost` when the host is empty, IPv6 in brackets), the same with
    /// `rediss://` for TLS (and its `ssl_*` query options, see `RedisTLSOptions`), or
    /// `unix://[user:password@]/path/to.sock[?db=N]`. The user name, password and socket path
    /// may be percent-encoded; a raw `@` in the password also works.
    ///
    /// Errors never quote the input, which may hold the password: they name the part that is
    /// wrong and show how to write it.
    public init(parsing text: String) throws(RedisError) {
        var text = Substring(text)
        while text.first?.isWhitespace == true { text.removeFirst() }
        while text.last?.isWhitespace == true { text.removeLast() }
        guard let separator = text.firstRange(of: "://"), isScheme(text[..<separator.lowerBound]) else {
            throw invalid("no scheme — write redis://host:port[/db] or unix:///path/to/redis.sock")
        }
        let scheme = text[..<separator.lowerBound].lowercased()
        let rest = text[separator.upperBound...]
        switch scheme {
        case "redis": self = try Self.parseTCP(rest, tls: false)
        case "rediss": self = try Self.parseTCP(rest, tls: true)
        case "unix": self = try Self.parseUnix(rest)
        default:
            throw invalid("unsupported scheme '\(scheme)://' — supported: redis://, rediss:// (TLS), unix://")
        }
    }

    /// `rest` is everything after `redis://` or `rediss://`.
    private static func parseTCP(_ rest: Substring, tls: Bool) throws(RedisError) -> RedisURL {
        let parts = try URLParts(rest)
        // A password holding a raw '/', '?' or '#' ends the host early and leaves its '@'
        // behind; say so instead of reporting the password's pieces as a host or a port.
        guard !parts.remainder.contains("@") else {
            throw invalid("'@' after the host — percent-encode '/', '?' and '#' in the user name or password (%2F, %3F, %23)")
        }
        let (host, port) = try parseHostAndPort(parts.host)
        let pathDatabase = try parsePathDatabase(parts.path)
        let query = try parseQuery(parts.query, example: "redis://:password@host", tls: tls)
        if pathDatabase != nil && query.database != nil {
            throw invalid("the database is given twice, in the path and as ?db=")
        }
        return RedisURL(endpoint: .tcp(host: host, port: port),
                        database: pathDatabase ?? query.database ?? 0,
                        username: parts.username, password: parts.password, tls: query.tls)
    }

    /// `rest` is everything after `unix://`: an empty host (or user info only), then the path.
    private static func parseUnix(_ rest: Substring) throws(RedisError) -> RedisURL {
        let parts = try URLParts(rest)
        guard parts.host.isEmpty else {
            throw invalid("a unix:// URL has no host — write three slashes: unix:///path/to/redis.sock")
        }
        guard parts.path.count > 1 else {
            throw invalid("missing socket path — write unix:///path/to/redis.sock")
        }
        guard let path = percentDecoded(parts.path) else {
            throw invalid("bad percent-encoding in the socket path — each % must start a %XX escape")
        }
        let database = try parseQuery(parts.query, example: "unix://:password@/path/to/redis.sock", tls: false).database
        return RedisURL(endpoint: .unix(path: path), database: database ?? 0,
                        username: parts.username, password: parts.password)
    }

    private static func parseHostAndPort(_ text: Substring) throws(RedisError) -> (String, Int) {
        var host: Substring
        var portText: Substring?
        if text.hasPrefix("[") {
            guard let close = text.firstIndex(of: "]") else {
                throw invalid("missing ']' after the IPv6 address")
            }
            host = text[text.index(after: text.startIndex)..<close]
            guard !host.isEmpty, host.allSatisfy({ $0.isHexDigit || $0 == ":" || $0 == "." }) else {
                throw invalid("'[…]' must hold an IPv6 address, as in redis://[::1]:6379")
            }
            let after = text[text.index(after: close)...]
            if !after.isEmpty {
                guard after.hasPrefix(":") else { throw invalid("expected ':port' after the IPv6 address") }
                portText = after.dropFirst()
            }
        } else {
            let pieces = text.split(separator: ":", maxSplits: 2, omittingEmptySubsequences: false)
            guard pieces.count <= 2 else {
                throw invalid("more than one ':' after the host — write IPv6 addresses in brackets: redis://[::1]:6379")
            }
            host = pieces[0]
            portText = pieces.count == 2 ? pieces[1] : nil
            guard host.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || "-._".contains($0)) }) else {
                throw invalid("host '\(host)' has characters not allowed in a host name")
            }
        }
        return (host.isEmpty ? "localhost" : String(host), try parsePort(portText))
    }

    private static func parsePort(_ text: Substring?) throws(RedisError) -> Int {
        guard let text else { return defaultPort }
        guard !text.isEmpty else { throw invalid("missing port after ':'") }
        // The digits check comes first so a mistyped password is never echoed as a "port".
        guard text.allSatisfy(\.isASCIIDigit) else {
            throw invalid("the port must be a number from 1 to 65535")
        }
        guard let port = Int(text), (1...65535).contains(port) else {
            throw invalid("port \(text) is out of range — use 1 to 65535")
        }
        return port
    }

    /// The database of `redis://host/2`; `nil` for an empty path or `/`.
    private static func parsePathDatabase(_ path: Substring) throws(RedisError) -> Int? {
        let text = path.dropFirst()
        return text.isEmpty ? nil : try parseDatabase(text)
    }

    /// `?db=2`, and for TLS the `ssl_*` options; any other parameter is an error rather than
    /// silently ignored.
    private static func parseQuery(_ query: Substring?, example: String, tls: Bool) throws(RedisError)
        -> (database: Int?, tls: RedisTLSOptions?) {
        var database: Int?
        var options = tls ? RedisTLSOptions() : nil
        func path(_ value: Substring?, _ name: String) throws(RedisError) -> String {
            guard tls else { throw invalid("\(name) is a TLS option — use rediss:// for TLS") }
            guard let value, !value.isEmpty, let decoded = percentDecoded(value) else {
                throw invalid("\(name) needs a file path, as in ?\(name)=/path/to/file.pem")
            }
            return decoded
        }
        for item in query?.split(separator: "&") ?? [] {
            let pair = item.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            let value = pair.count == 2 ? pair[1] : nil
            switch pair[0] {
            case "db" where value != nil && database == nil:
                database = try parseDatabase(value!)
            case "db":
                throw invalid("give the database once, as ?db=N")
            // Each path is read before it is stored, so a plain redis:// URL gets the error.
            case "ssl_ca_certs":
                let file = try path(value, "ssl_ca_certs")
                options?.caCertificates = file
            case "ssl_certfile":
                let file = try path(value, "ssl_certfile")
                options?.certificateFile = file
            case "ssl_keyfile":
                let file = try path(value, "ssl_keyfile")
                options?.keyFile = file
            case "ssl_cert_reqs":
                guard tls else { throw invalid("ssl_cert_reqs is a TLS option — use rediss:// for TLS") }
                switch value?.lowercased() {
                case "required": options?.verifiesCertificates = true
                case "none": options?.verifiesCertificates = false
                default: throw invalid("ssl_cert_reqs takes required (the default) or none")
                }
            case "password", "username", "user":
                throw invalid("credentials go before the host, as in \(example)")
            default:
                // The name is not quoted: a misplaced password would be shown.
                throw invalid("unsupported query parameter — supported: db=N" + (tls ? ", ssl_ca_certs, ssl_certfile, ssl_keyfile, ssl_cert_reqs" : ""))
            }
        }
        if let options, (options.certificateFile == nil) != (options.keyFile == nil) {
            throw invalid("a client certificate needs both ssl_certfile and ssl_keyfile")
        }
        return (database, options)
    }

    private static func parseDatabase(_ text: Substring) throws(RedisError) -> Int {
        guard !text.isEmpty, text.allSatisfy(\.isASCIIDigit) else {
            throw invalid("the database must be a number, as in redis://localhost:6379/2")
        }
        guard let database = Int(text), database <= Int(Int32.max) else {
            throw invalid("database \(text) is out of range")
        }
        return database
    }
}

/// The pieces of what follows `scheme://`, split the way URL parsers do: the authority ends
/// at the first `/`, `?` or `#`; the user info ends at the authority's last `@`.
private struct URLParts {
    var username: String?
    var password: String?
    var host: Substring
    var path: Substring
    var query: Substring?
    /// Everything after the authority, to check for a stray `@`.
    var remainder: Substring

    init(_ rest: Substring) throws(RedisError) {
        let authorityEnd = rest.firstIndex { "/?#".contains($0) } ?? rest.endIndex
        let authority = rest[..<authorityEnd]
        remainder = rest[authorityEnd...]
        guard !remainder.contains("#") else {
            throw invalid("'#' is not allowed — percent-encode it as %23 in a user name or password")
        }
        let pathAndQuery = remainder.split(separator: "?", maxSplits: 1, omittingEmptySubsequences: false)
        path = pathAndQuery.first ?? ""
        query = pathAndQuery.count == 2 ? pathAndQuery[1] : nil

        guard let at = authority.lastIndex(of: "@") else {
            host = authority
            return
        }
        host = authority[authority.index(after: at)...]
        let userInfo = authority[..<at]
        let colon = userInfo.firstIndex(of: ":") ?? userInfo.endIndex
        guard let user = percentDecoded(userInfo[..<colon]) else {
            throw invalid("bad percent-encoding in the user name — each % must start a %XX escape")
        }
        guard let secret = percentDecoded(userInfo[colon...].dropFirst()) else {
            throw invalid("bad percent-encoding in the password — each % must start a %XX escape")
        }
        // An empty user or password counts as none. A user alone is refused: `redis://secret@host`
        // is usually a password missing its ':', and would otherwise be printed as a user name.
        username = user.isEmpty ? nil : user
        password = secret.isEmpty ? nil : secret
        if username != nil && password == nil {
            throw invalid("a user name needs a password — write redis://user:password@host,"
                + " or redis://:password@host for the default user")
        }
    }
}

/// A scheme as RFC 3986 spells it: a letter, then letters, digits, `+`, `-` or `.`.
private func isScheme(_ text: Substring) -> Bool {
    text.first?.isLetter == true
        && text.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber || "+-.".contains($0)) }
}

private func invalid(_ detail: String) -> RedisError {
    RedisError(kind: .invalidURL, message: "invalid Redis URL: \(detail)")
}

private extension Character {
    var isASCIIDigit: Bool { isASCII && isNumber }
}
