/// The keys of one prefix `P`, exactly where py-code-mode's `RedisStorage(prefix=P)` reads
/// and writes (COMPAT.md, Decisions). One layout everywhere: sessions, `store` and sync.
public struct RedisKeys: Hashable, Sendable {
    public let prefix: String

    public init(prefix: String) {
        self.prefix = prefix
    }

    /// Hash: skill name → skill JSON.
    public var skills: String { "\(prefix):skills:__skills__" }
    /// The prefix of artifact payload keys: `P:artifacts:<name>`.
    public var artifactsPrefix: String { "\(prefix):artifacts" }
    public func artifact(_ name: String) -> String { "\(artifactsPrefix):\(name)" }
    /// Hash: artifact name → index entry JSON.
    public var artifactIndex: String { "\(artifactsPrefix):__index__" }
    /// Set of normalized dependency specs.
    public var deps: String { "\(prefix):deps" }
    /// Hash: tool name → JSON of the tool's YAML mapping.
    public var tools: String { "\(prefix):tools:__tools__" }
    /// Hash: CodeMode's own record of the last push (DESIGN.md §2).
    public var syncRecord: String { "\(prefix):codemode:sync" }

    /// Where py-code-mode's store CLI wrote with `--prefix P` (COMPAT appendix §1.1); only
    /// read by `codemode store migrate`.
    public var legacySkills: String { "\(prefix):__skills__" }
    public var legacyTools: String { "\(prefix):__tools__" }
}
