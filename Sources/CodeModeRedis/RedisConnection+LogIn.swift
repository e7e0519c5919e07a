extension RedisConnection {
    /// Sends `AUTH [user] password` (when the URL has a password) and `SELECT db` (or `PING`
    /// for database 0) in one round trip, and turns their error replies into errors that say
    /// which part of the URL to fix. The password appears in no message.
    func logIn() throws(RedisError) {
        var commands: [[String]] = []
        if let password = url.password {
            commands.append(["AUTH"] + (url.username.map { [$0] } ?? []) + [password])
        }
        commands.append(url.database == 0 ? ["PING"] : ["SELECT", String(url.database)])
        let replies = try pipeline(commands.map { $0.map { Array($0.utf8) } })

        if url.password != nil, case .error(let message) = replies[0] {
            throw authenticationFailure(message)
        }
        if let last = replies.last, case .error(let message) = last {
            throw sessionFailure(message)
        }
    }

    private func authenticationFailure(_ message: String) -> RedisError {
        let user = url.username.map { "user '\($0)'" } ?? "the default user"
        // Redis 6+ says this when AUTH carries a password but none is configured.
        let advice = message.contains("without any password configured")
            ? "the server has no password set; remove the password from the URL"
            : "check the user name and password in the URL"
        return RedisError(kind: .authentication, message: "\(url): logging in as \(user) failed: \(message) — \(advice)")
    }

    private func sessionFailure(_ message: String) -> RedisError {
        if message.hasPrefix("NOAUTH") {
            return RedisError(kind: .authentication, message:
                "\(url): the server requires a password — put it in the URL, as in redis://:PASSWORD@host:port"
                + " (or redis://USER:PASSWORD@host:port for an ACL user)")
        }
        if url.database != 0 {
            return RedisError(kind: .server, message:
                "\(url): cannot select database \(url.database): \(message)"
                + " — use a database number the server has (see its `databases` setting)")
        }
        return RedisError(kind: .server, message: "\(url): PING failed: \(message)")
    }
}
