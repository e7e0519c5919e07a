import Foundation
internal import CGit2

/// What a commit records, read back.
public struct CommitInfo: Hashable, Sendable {
    public var id: ObjectID
    public var tree: ObjectID
    public var parents: [ObjectID]
    public var author: Signature
    public var committer: Signature
    /// When the author made it.
    public var time: Date
    /// The whole message, as stored.
    public var message: String

    /// The first line of the message.
    public var summary: String {
        String(message.prefix { $0 != "\n" })
    }
}

extension Repository {
    /// The commit `id`: tree, parents, author, time and message.
    /// The corresponding libgit2 functions are `git_commit_lookup` and its accessors.
    public func commitInfo(_ id: ObjectID) throws -> CommitInfo {
        try withObject(id, GIT_OBJECT_COMMIT) { commit in
            let author = try unwrap(git_commit_author(commit), "git_commit_author").pointee
            let committer = try unwrap(git_commit_committer(commit), "git_commit_committer").pointee
            let parents = try (0..<git_commit_parentcount(commit)).map {
                ObjectID(try unwrap(git_commit_parent_id(commit, $0), "git_commit_parent_id"))
            }
            return CommitInfo(
                id: id, tree: ObjectID(try unwrap(git_commit_tree_id(commit), "git_commit_tree_id")), parents: parents,
                author: Signature(author), committer: Signature(committer),
                time: Date(timeIntervalSince1970: TimeInterval(author.when.time)),
                message: git_commit_message(commit).map { String(cString: $0) } ?? "")
        }
    }

    /// The commits from `start` back along first parents, newest first, at most `limit` — the
    /// states one tracking ref has had, as `git log --first-parent` lists them.
    public func firstParentHistory(from start: ObjectID, limit: Int = .max) throws -> [CommitInfo] {
        var history: [CommitInfo] = []
        var next: ObjectID? = start
        while let id = next, history.count < limit {
            let commit = try commitInfo(id)
            history.append(commit)
            next = commit.parents.first
        }
        return history
    }

    /// Whether `commit` has `ancestor` in its history (a commit is not its own descendant).
    /// The corresponding libgit2 function is `git_graph_descendant_of`.
    public func isDescendant(_ commit: ObjectID, of ancestor: ObjectID) throws -> Bool {
        let result = commit.withPointer { commit in ancestor.withPointer { git_graph_descendant_of(handle, commit, $0) } }
        try check("git_graph_descendant_of") { result < 0 ? result : 0 }
        return result == 1
    }
}

extension Signature {
    init(_ signature: git_signature) {
        self.init(name: signature.name.map { String(cString: $0) } ?? "", email: signature.email.map { String(cString: $0) } ?? "")
    }
}
