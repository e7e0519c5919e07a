import CodeModeCore
import CodeModeRedis

/// One environment of `codemode.yaml`: a Redis prefix that behaves like a git remote.
public struct Environment: Sendable {
    public var name: String
    /// The URL as written in `codemode.yaml`, before `${VAR}` expansion (may name variables).
    public var urlTemplate: String
    public var prefix: String
    /// The parsed URL, or why it cannot be used (an unset variable, a bad URL).
    public var url: Result<RedisURL, SyncError>
    /// What a skill written to this environment may not do: the top-level `policy:` of
    /// codemode.yaml with the environment's own added.
    public var policy = SkillPolicy()
    /// What must hold for a commit before it is written here.
    public var gates = GateSettings()
    /// Test files (as `codemode test` names them) run against the prefix right after a write;
    /// when one fails, the write is rolled back and the commit blocked here.
    public var verify: [String] = []
    /// How sessions on this environment isolate their kernel: the top-level `sandbox:` with
    /// the environment's own over it.
    public var sandbox = SandboxSettings()

    /// The server, for messages and `env list`: the URL without its password.
    public var displayURL: String {
        switch url {
        case .success(let url): "\(url)"
        case .failure: urlTemplate
        }
    }

    /// The URL, or the error that says why there is none.
    public func resolvedURL() throws(SyncError) -> RedisURL {
        try url.get()
    }

    /// Where snapshots of this environment are kept: `refs/codemode/<name>`.
    public var trackingRef: String { "refs/codemode/\(name)" }

    /// Where the prefix is: `redis://host:port/db/prefix`, with no user name or password.
    /// The sync record and every snapshot commit name it, so a prefix that was moved is told
    /// apart from one that was wiped.
    public var place: String {
        guard case .success(var url) = url else { return prefix }
        url.username = nil
        url.password = nil
        return "\(url)/\(prefix)"
    }

    /// The author of snapshot commits: `codemode <dev@redis://host:port/db/prefix>`, so
    /// commits never carry a secret.
    public var snapshotAuthorEmail: String { "\(name)@\(place)" }
}
