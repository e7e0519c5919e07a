internal import CGit2

extension Repository {
    /// Points the ref `name` (e.g. `refs/codemode/prod`) at `id`, creating it or moving it
    /// wherever it was, and records the move with `reflogMessage`. Unlike git's default, the
    /// reflog is kept for refs outside `refs/heads` too (as `git update-ref --create-reflog`
    /// does), so every state a tracking ref has had stays listed in `git reflog`.
    /// The corresponding libgit2 functions are `git_reference_ensure_log` and
    /// `git_reference_create`.
    public func setReference(_ name: String, to id: ObjectID, reflogMessage: String) throws {
        try check("git_reference_ensure_log(\(name))") { git_reference_ensure_log(handle, name) }
        var reference: OpaquePointer?
        try id.withPointer { oid in
            try check("git_reference_create(\(name))") {
                git_reference_create(&reference, handle, name, oid, 1, reflogMessage)
            }
        }
        git_reference_free(reference)
    }

    /// The commit (or other object) the ref `name` resolves to, following symbolic refs such as
    /// HEAD; `nil` when it does not exist or points to an unborn branch.
    /// The corresponding libgit2 function is `git_reference_name_to_id`.
    public func reference(named name: String) throws -> ObjectID? {
        var oid = git_oid()
        do {
            try check("git_reference_name_to_id(\(name))") { git_reference_name_to_id(&oid, handle, name) }
        } catch GitError.Code.notFound {
            return nil
        }
        return ObjectID(oid)
    }

    /// Deletes the ref `name` and its reflog; nothing happens when it does not exist
    /// (like `git update-ref -d`).
    /// The corresponding libgit2 function is `git_reference_remove`.
    public func deleteReference(_ name: String) throws {
        do {
            try check("git_reference_remove(\(name))") { git_reference_remove(handle, name) }
        } catch GitError.Code.notFound {
            return
        }
    }

    /// The best common ancestor of two commits, or `nil` when their histories are unrelated.
    /// The corresponding libgit2 function is `git_merge_base`.
    public func mergeBase(_ one: ObjectID, _ other: ObjectID) throws -> ObjectID? {
        var base = git_oid()
        do {
            try one.withPointer { first in
                try other.withPointer { second in
                    try check("git_merge_base(\(one), \(other))") { git_merge_base(&base, handle, first, second) }
                }
            }
        } catch GitError.Code.notFound {
            return nil
        }
        return ObjectID(base)
    }
}
