import CodeModeCore
import CodeModeGit

extension SyncLibrary {
    /// `codemode diff ENV [NAME...]`: the unified diff from the environment (as just
    /// fetched, `ENV/` in the headers) to HEAD (`HEAD/`) — what a push would change there —
    /// for the named skills or tools (`requirements` for requirements.txt), or all items.
    /// A name that is an item on neither side is a usage error.
    public func patch(_ environment: Environment, names: [String]) throws -> String {
        let fetched = try fetch(environment, from: connect(environment))
        let snapshot = try fetched.snapshotUnlessLost()
        let head = try repository.headCommit
        let there = try items.identities(of: fetched.items)
        let here = try items.identities(ofCommit: head)
        let known = Set(there.keys).union(here.keys)
        let unknown = names.filter { name in !known.contains { $0.name == name || $0.path == name } }
        if !unknown.isEmpty {
            throw SyncError(.usage, "no skill, tool or requirements.txt named \(unknown.map { "'\(NameLength.shortened($0))'" }.joined(separator: ", ")) in HEAD or in \(environment.name)")
        }
        // Items whose content differs; a tool or requirements.txt that differs only in
        // formatting is the same item.
        var differing = known.filter { there[$0] != here[$0] }
        if !names.isEmpty {
            let wanted = Set(names)
            differing = differing.filter { wanted.contains($0.name) || wanted.contains($0.path) }
        }
        guard !differing.isEmpty else { return "" }
        return try repository.patch(from: repository.tree(ofCommit: snapshot), to: head.map { try repository.tree(ofCommit: $0) },
                                    paths: differing.sorted().map(repositoryPath), oldLabel: environment.name, newLabel: "HEAD")
    }
}
