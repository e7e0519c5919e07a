internal import CGit2

/// What merging two commits gives: a tree, or the paths both sides changed in ways that
/// cannot be combined.
public enum MergeOutcome: Hashable, Sendable {
    case merged(tree: ObjectID)
    case conflicts([String])
}

extension Repository {
    /// Merges `theirs` into `ours` in memory, as `git merge` would (their merge base as the
    /// ancestor, none for unrelated histories), without touching the work tree, the index or
    /// any ref.
    /// The corresponding libgit2 function is `git_merge_commits`.
    public func merge(ours: ObjectID, theirs: ObjectID) throws -> MergeOutcome {
        try withObject(ours, GIT_OBJECT_COMMIT) { ourCommit in
            try withObject(theirs, GIT_OBJECT_COMMIT) { theirCommit in
                var index: OpaquePointer?
                try check("git_merge_commits") { git_merge_commits(&index, handle, ourCommit, theirCommit, nil) }
                defer { git_index_free(index) }
                let merged = try unwrap(index, "git_merge_commits")
                if git_index_has_conflicts(merged) != 0 {
                    return .conflicts(try Self.conflictedPaths(in: merged))
                }
                var tree = git_oid()
                try check("git_index_write_tree_to") { git_index_write_tree_to(&tree, merged, handle) }
                return .merged(tree: ObjectID(tree))
            }
        }
    }

    /// Merges the commit `reference` points at into HEAD, in the work tree and the index, as
    /// `git merge --no-commit --no-ff` does: clean results are staged, conflicts are left
    /// as git leaves them (conflict markers in the files, stages 1–3 in the index) and the
    /// repository is left merging (`MERGE_HEAD`), so `git commit` or `git merge --abort`
    /// finishes the job. Returns the conflicted paths (from the repository root).
    ///
    /// Check first that no uncommitted edit is in the way: libgit2 refuses then, but
    /// without naming the files.
    /// The corresponding libgit2 functions are `git_annotated_commit_from_ref` and `git_merge`.
    public func mergeIntoWorkTree(reference: String) throws -> [String] {
        var ref: OpaquePointer?
        try check("git_reference_lookup(\(reference))") { git_reference_lookup(&ref, handle, reference) }
        defer { git_reference_free(ref) }
        var annotated: OpaquePointer?
        try check("git_annotated_commit_from_ref") { git_annotated_commit_from_ref(&annotated, handle, ref) }
        defer { git_annotated_commit_free(annotated) }
        var mergeOptions = git_merge_options()
        try check("git_merge_options_init") { git_merge_options_init(&mergeOptions, UInt32(GIT_MERGE_OPTIONS_VERSION)) }
        var checkoutOptions = git_checkout_options()
        try check("git_checkout_options_init") { git_checkout_options_init(&checkoutOptions, UInt32(GIT_CHECKOUT_OPTIONS_VERSION)) }
        checkoutOptions.checkout_strategy = GIT_CHECKOUT_SAFE.rawValue | GIT_CHECKOUT_ALLOW_CONFLICTS.rawValue
        var heads: [OpaquePointer?] = [annotated]
        try check("git_merge") { git_merge(handle, &heads, 1, &mergeOptions, &checkoutOptions) }
        return try withIndex { try Self.conflictedPaths(in: $0) }
    }

    /// Makes the work tree and the index match `tree`, as `git checkout` does when switching
    /// to a commit with that tree: files with uncommitted edits are not overwritten (the
    /// checkout fails instead). HEAD does not move.
    /// The corresponding libgit2 function is `git_checkout_tree`.
    public func checkOut(tree: ObjectID) throws {
        var options = git_checkout_options()
        try check("git_checkout_options_init") { git_checkout_options_init(&options, UInt32(GIT_CHECKOUT_OPTIONS_VERSION)) }
        options.checkout_strategy = GIT_CHECKOUT_SAFE.rawValue
        try withObject(tree, GIT_OBJECT_TREE) { tree in
            try check("git_checkout_tree") { git_checkout_tree(handle, tree, &options) }
        }
    }

    /// The index written as a tree (all of it, not only a folder); fails while it has conflicts.
    /// The corresponding libgit2 function is `git_index_write_tree`.
    public func writeIndexTree() throws -> ObjectID {
        try withIndex { index in
            var tree = git_oid()
            try check("git_index_write_tree") { git_index_write_tree(&tree, index) }
            return ObjectID(tree)
        }
    }

    /// True while a merge, rebase, cherry-pick or similar is in progress (`MERGE_HEAD` and
    /// friends exist), as `git status` reports it.
    /// The corresponding libgit2 function is `git_repository_state`.
    public var isInTheMiddleOfAnOperation: Bool {
        git_repository_state(handle) != Int32(GIT_REPOSITORY_STATE_NONE.rawValue)
    }

    /// Removes `MERGE_HEAD`, `MERGE_MSG` and the like once a merge is committed.
    /// The corresponding libgit2 function is `git_repository_state_cleanup`.
    public func cleanUpOperationState() throws {
        try check("git_repository_state_cleanup") { git_repository_state_cleanup(handle) }
    }

    /// Every path with conflict entries in `index`, sorted.
    /// The corresponding libgit2 functions are `git_index_conflict_iterator_new` and
    /// `git_index_conflict_next`.
    private static func conflictedPaths(in index: OpaquePointer) throws -> [String] {
        var iterator: OpaquePointer?
        try check("git_index_conflict_iterator_new") { git_index_conflict_iterator_new(&iterator, index) }
        defer { git_index_conflict_iterator_free(iterator) }
        var paths: [String] = []
        while true {
            var ancestor: UnsafePointer<git_index_entry>?
            var ours: UnsafePointer<git_index_entry>?
            var theirs: UnsafePointer<git_index_entry>?
            let result = git_index_conflict_next(&ancestor, &ours, &theirs, iterator)
            if result == GIT_ITEROVER.rawValue { break }
            try check("git_index_conflict_next") { result }
            if let entry = ours ?? theirs ?? ancestor { paths.append(String(cString: entry.pointee.path)) }
        }
        return paths.sorted()
    }
}
