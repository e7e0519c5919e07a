internal import CGit2

/// Who made a commit: a name and an email address, as in `Ada <ada@example.com>`.
public struct Signature: Hashable, Sendable, CustomStringConvertible {
    public var name: String
    public var email: String

    public init(name: String, email: String) {
        self.name = name
        self.email = email
    }

    /// The identity CodeMode commits with when no `user.name` / `user.email` is configured
    /// anywhere (repository, global or system config). A missing value is a common state on CI
    /// machines and in containers, and a snapshot commit must not fail for it; git itself would
    /// guess from the host name, which gives unstable, often invalid addresses instead.
    public static let fallback = Signature(name: "CodeMode", email: "codemode@localhost")

    public var description: String { "\(name) <\(email)>" }

    /// A libgit2 signature for this identity, dated now, lent to `body`.
    /// The corresponding libgit2 function is `git_signature_now`.
    func withGitSignature<R>(_ body: (UnsafePointer<git_signature>) throws -> R) throws -> R {
        var signature: UnsafeMutablePointer<git_signature>?
        try check("git_signature_now(\(self))") { git_signature_now(&signature, name, email) }
        defer { git_signature_free(signature) }
        return try body(try unwrap(signature, "git_signature_now"))
    }
}

extension Repository {
    /// The identity commits are made with: `user.name` and `user.email` from the configuration
    /// (repository, then global, then system), each filled in from `Signature.fallback` when
    /// it is configured nowhere.
    /// The corresponding libgit2 functions are `git_repository_config_snapshot` and
    /// `git_config_get_string` (what `git_signature_default` reads, minus its failure when a
    /// value is missing).
    public var identity: Signature {
        get throws {
            var config: OpaquePointer?
            try check("git_repository_config_snapshot") { git_repository_config_snapshot(&config, handle) }
            defer { git_config_free(config) }
            let snapshot = try unwrap(config, "git_repository_config_snapshot")
            return Signature(name: try Self.string("user.name", in: snapshot) ?? Signature.fallback.name,
                             email: try Self.string("user.email", in: snapshot) ?? Signature.fallback.email)
        }
    }

    /// A configuration value, or `nil` when it is set nowhere.
    /// The corresponding libgit2 function is `git_config_get_string`.
    private static func string(_ key: String, in config: OpaquePointer) throws -> String? {
        var text: UnsafePointer<CChar>?
        do {
            try check("git_config_get_string(\(key))") { git_config_get_string(&text, config, key) }
        } catch GitError.Code.notFound {
            return nil
        }
        return text.map { String(cString: $0) }
    }
}
