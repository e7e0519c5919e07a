internal import CGit2

extension Repository {
    /// The commit a revision names: anything `git rev-parse` understands (`HEAD`, `main~2`,
    /// `refs/codemode/prod`, an abbreviated id, ...), peeled to a commit, so an annotated tag
    /// gives its commit. A revision that names nothing throws `GitError.Code.notFound`.
    /// The corresponding libgit2 functions are `git_revparse_single` and `git_object_peel`.
    public func resolve(revision: String) throws -> ObjectID {
        var object: OpaquePointer?
        try check("git_revparse_single") { git_revparse_single(&object, handle, revision) }
        defer { git_object_free(object) }
        var commit: OpaquePointer?
        try check("git_object_peel(\(revision))") { git_object_peel(&commit, object, GIT_OBJECT_COMMIT) }
        defer { git_object_free(commit) }
        return ObjectID(try unwrap(git_object_id(commit), "git_object_id"))
    }

    /// The bytes of a blob.
    /// The corresponding libgit2 functions are `git_blob_lookup` and `git_blob_rawcontent`.
    public func readBlob(_ id: ObjectID) throws -> [UInt8] {
        try withObject(id, GIT_OBJECT_BLOB) { blob in
            let size = Int(git_blob_rawsize(blob))
            guard size > 0, let content = git_blob_rawcontent(blob) else { return [] }
            return Array(UnsafeRawBufferPointer(start: content, count: size))
        }
    }

    /// Stores `bytes` as a blob and returns its id (the same as `ObjectID.blobID(for:)`).
    /// The corresponding libgit2 function is `git_blob_create_from_buffer`.
    @discardableResult
    public func writeBlob(_ bytes: [UInt8]) throws -> ObjectID {
        var oid = git_oid()
        try bytes.withUnsafeBytes { buffer in
            try check("git_blob_create_from_buffer") {
                git_blob_create_from_buffer(&oid, handle, buffer.baseAddress, buffer.count)
            }
        }
        return ObjectID(oid)
    }

    /// The root tree of a commit.
    /// The corresponding libgit2 function is `git_commit_tree_id`.
    public func tree(ofCommit commit: ObjectID) throws -> ObjectID {
        try withObject(commit, GIT_OBJECT_COMMIT) { ObjectID(try unwrap(git_commit_tree_id($0), "git_commit_tree_id")) }
    }

    /// The content of the file at `path` (from the repository root, `/`-separated) in the commit
    /// `revision` names; `nil` when that commit has no file there (or only a folder).
    /// The corresponding libgit2 function is `git_tree_entry_bypath`.
    public func read(path: String, atRevision revision: String) throws -> [UInt8]? {
        let tree = try tree(ofCommit: resolve(revision: revision))
        guard let entry = try treeEntry(at: path, inTree: tree), entry.type == GIT_OBJECT_BLOB else { return nil }
        return try readBlob(entry.id)
    }

    /// Looks up an object of the given type and lends it to `body`, freeing it afterwards.
    /// The corresponding libgit2 function is `git_object_lookup`.
    func withObject<R>(_ id: ObjectID, _ type: git_object_t, _ body: (OpaquePointer) throws -> R) throws -> R {
        var object: OpaquePointer?
        try id.withPointer { oid in
            try check("git_object_lookup(\(id))") { git_object_lookup(&object, handle, oid, type) }
        }
        defer { git_object_free(object) }
        return try body(try unwrap(object, "git_object_lookup"))
    }

    /// The entry at `path` below `tree`, or `nil` when there is none.
    /// The corresponding libgit2 function is `git_tree_entry_bypath`.
    func treeEntry(at path: String, inTree tree: ObjectID) throws -> (id: ObjectID, type: git_object_t)? {
        try withObject(tree, GIT_OBJECT_TREE) { root in
            var entry: OpaquePointer?
            do {
                try check("git_tree_entry_bypath(\(path))") { git_tree_entry_bypath(&entry, root, path) }
            } catch GitError.Code.notFound {
                return nil
            }
            defer { git_tree_entry_free(entry) }
            return (ObjectID(try unwrap(git_tree_entry_id(entry), "git_tree_entry_id")), git_tree_entry_type(entry))
        }
    }
}
