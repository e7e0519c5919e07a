internal import CGit2

extension Repository {
    /// Writes a commit of `tree` with `parents` (none for a first commit) and returns its id.
    ///
    /// The committer is `identity` (configuration, else `Signature.fallback`); the author is
    /// the same unless `author` names someone else, e.g. the agent a change is made for.
    /// The message is cleaned up the way `git commit` does it (trailing spaces and blank lines
    /// dropped, a final newline added).
    ///
    /// With `updatingRef` (`"HEAD"`, `"refs/heads/main"`, `"refs/codemode/prod"`, ...) the ref
    /// moves to the new commit and gets a reflog entry; HEAD moves the branch it points to.
    /// An existing ref only moves if `parents.first` is its current commit, so a concurrent
    /// change to it fails with `GitError.Code.modified` instead of being lost.
    /// The corresponding libgit2 function is `git_commit_create`.
    @discardableResult
    public func commit(tree: ObjectID, parents: [ObjectID], message: String,
                       updatingRef: String? = nil, author: Signature? = nil) throws -> ObjectID {
        let committer = try identity
        let message = try prettify(message)
        if let updatingRef {
            try check("git_reference_ensure_log(\(updatingRef))") { git_reference_ensure_log(handle, updatingRef) }
        }
        return try withCommits(parents) { parentPointers in
            try withObject(tree, GIT_OBJECT_TREE) { tree in
                try (author ?? committer).withGitSignature { author in
                    try committer.withGitSignature { committer in
                        var oid = git_oid()
                        var parents: [OpaquePointer?] = parentPointers
                        try check("git_commit_create") {
                            git_commit_create(&oid, handle, updatingRef, author, committer, nil, message,
                                              tree, parents.count, &parents)
                        }
                        return ObjectID(oid)
                    }
                }
            }
        }
    }

    /// The corresponding libgit2 function is `git_message_prettify`.
    private func prettify(_ message: String) throws -> String {
        var buffer = git_buf()
        defer { git_buf_dispose(&buffer) }
        try check("git_message_prettify") { git_message_prettify(&buffer, message, 0, CChar(UInt8(ascii: "#"))) }
        return buffer.ptr.map { String(cString: $0) } ?? ""
    }

    /// Looks up each commit and lends the handles to `body`, freeing them all afterwards.
    private func withCommits<R>(_ ids: [ObjectID], _ body: ([OpaquePointer?]) throws -> R) throws -> R {
        var commits: [OpaquePointer?] = []
        defer { commits.forEach { git_object_free($0) } }
        for id in ids {
            var commit: OpaquePointer?
            try id.withPointer { oid in
                try check("git_commit_lookup(\(id))") { git_commit_lookup(&commit, handle, oid) }
            }
            commits.append(commit)
        }
        return try body(commits)
    }
}
