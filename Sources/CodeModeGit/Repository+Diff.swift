internal import CGit2

extension Repository {
    /// The files that differ from tree `old` to tree `new` below `folder`, sorted by path
    /// (`nil` stands for the empty tree, so every file of the other side is added or deleted).
    /// Paths are relative to `folder`. With `detectRenames`, an added and a deleted file with
    /// similar content become one `.renamed` change, as in `git diff -M`.
    /// The corresponding libgit2 function is `git_diff_tree_to_tree`.
    public func diff(from old: ObjectID?, to new: ObjectID?, under folder: String? = nil,
                     detectRenames: Bool = false) throws -> [FileChange] {
        try withTree(old) { old in
            try withTree(new) { new in
                try changes(under: folder, flags: 0, detectRenames: detectRenames) { diff, options in
                    try check("git_diff_tree_to_tree") { git_diff_tree_to_tree(&diff, handle, old, new, options) }
                }
            }
        }
    }

    /// The files in the work tree that differ from `tree` below `folder`, as `git diff <tree>`
    /// plus `git status` show them: edits not yet staged count, untracked files are added
    /// (each file of an untracked folder separately), and files `.gitignore` ignores are left
    /// out. `nil` stands for the empty tree. Paths are relative to `folder`.
    /// The corresponding libgit2 function is `git_diff_tree_to_workdir_with_index`.
    public func diffToWorkTree(from tree: ObjectID?, under folder: String? = nil,
                               detectRenames: Bool = false) throws -> [FileChange] {
        let flags = GIT_DIFF_INCLUDE_UNTRACKED.rawValue | GIT_DIFF_RECURSE_UNTRACKED_DIRS.rawValue
        return try withTree(tree) { tree in
            try changes(under: folder, flags: flags, detectRenames: detectRenames) { diff, options in
                try check("git_diff_tree_to_workdir_with_index") {
                    git_diff_tree_to_workdir_with_index(&diff, handle, tree, options)
                }
            }
        }
    }

    /// Runs the diff `make` with options limited to `folder` and reads its changes.
    private func changes(under folder: String?, flags: UInt32, detectRenames: Bool,
                         _ make: (inout OpaquePointer?, UnsafePointer<git_diff_options>) throws -> Void) throws -> [FileChange] {
        let prefix = try RepositoryPath.prefix(ofFolder: folder)
        var options = git_diff_options()
        try check("git_diff_options_init") { git_diff_options_init(&options, UInt32(GIT_DIFF_OPTIONS_VERSION)) }
        // Literal paths: a folder named `a[1]` must not act as a glob pattern.
        options.flags = flags | GIT_DIFF_INCLUDE_TYPECHANGE.rawValue | GIT_DIFF_DISABLE_PATHSPEC_MATCH.rawValue
        var diff: OpaquePointer?
        defer { git_diff_free(diff) }
        // The trailing `/` of the prefix makes the pathspec match the folder only, not a file
        // of the same name; no pathspec at all means the whole tree.
        try withStringArray(prefix.isEmpty ? [] : [prefix]) { pathspec in
            options.pathspec = pathspec
            try make(&diff, &options)
        }
        let result = try unwrap(diff, "git_diff")
        if detectRenames { try findRenames(in: result) }
        return try (0..<git_diff_num_deltas(result)).compactMap { index in
            try change(try unwrap(git_diff_get_delta(result, index), "git_diff_get_delta").pointee, prefix: prefix)
        }
    }

    /// The corresponding libgit2 function is `git_diff_find_similar`.
    private func findRenames(in diff: OpaquePointer) throws {
        var options = git_diff_find_options()
        try check("git_diff_find_options_init") {
            git_diff_find_options_init(&options, UInt32(GIT_DIFF_FIND_OPTIONS_VERSION))
        }
        options.flags = GIT_DIFF_FIND_RENAMES.rawValue | GIT_DIFF_FIND_FOR_UNTRACKED.rawValue
        try check("git_diff_find_similar") { git_diff_find_similar(diff, &options) }
    }

    /// One delta as a `FileChange`; `nil` for kinds the diff options never ask for (ignored,
    /// unreadable, unchanged) and for submodules, which `files(inTree:)` skips as well.
    private func change(_ delta: git_diff_delta, prefix: String) throws -> FileChange? {
        let submodule = UInt16(GIT_FILEMODE_COMMIT.rawValue)
        guard delta.old_file.mode != submodule, delta.new_file.mode != submodule else { return nil }
        let status: FileChange.Status
        switch delta.status {
        case GIT_DELTA_ADDED, GIT_DELTA_UNTRACKED: status = .added
        case GIT_DELTA_DELETED: status = .deleted
        // A conflicted path still holds the work-tree file, markers and all.
        case GIT_DELTA_MODIFIED, GIT_DELTA_CONFLICTED: status = .modified
        case GIT_DELTA_RENAMED: status = .renamed
        case GIT_DELTA_TYPECHANGE: status = .typeChanged
        default: return nil
        }
        let oldPath = String(cString: delta.old_file.path)
        let newPath = String(cString: delta.new_file.path)
        return FileChange(path: String((status == .deleted ? oldPath : newPath).dropFirst(prefix.count)),
                          oldPath: String(oldPath.dropFirst(prefix.count)),
                          status: status,
                          oldID: status == .added ? nil : try id(of: delta.old_file),
                          newID: status == .deleted ? nil : try id(of: delta.new_file))
    }

    /// The blob id of one side, hashing a work-tree file when the diff did not need to (it
    /// skips that for untracked files and for files whose stat data already differ).
    /// The corresponding libgit2 function is `git_repository_hashfile`.
    private func id(of file: git_diff_file) throws -> ObjectID {
        var oid = file.id
        if file.flags & GIT_DIFF_FLAG_VALID_ID.rawValue == 0 || git_oid_is_zero(&oid) != 0 {
            try check("git_repository_hashfile") { git_repository_hashfile(&oid, handle, file.path, GIT_OBJECT_BLOB, nil) }
        }
        return ObjectID(oid)
    }

    /// Lends `body` the tree `id`, or NULL (the empty tree) when `id` is `nil`.
    func withTree<R>(_ id: ObjectID?, _ body: (OpaquePointer?) throws -> R) throws -> R {
        guard let id else { return try body(nil) }
        return try withObject(id, GIT_OBJECT_TREE) { try body($0) }
    }
}

extension Repository {
    /// The unified diff (`git diff` text) from tree `old` to tree `new` for the files at
    /// `paths` (from the repository root; all files when empty), with `oldLabel/` and
    /// `newLabel/` in front of the paths in the headers.
    /// The corresponding libgit2 functions are `git_diff_tree_to_tree` and `git_diff_to_buf`.
    public func patch(from old: ObjectID?, to new: ObjectID?, paths: [String], oldLabel: String, newLabel: String) throws -> String {
        var options = git_diff_options()
        try check("git_diff_options_init") { git_diff_options_init(&options, UInt32(GIT_DIFF_OPTIONS_VERSION)) }
        options.flags = GIT_DIFF_DISABLE_PATHSPEC_MATCH.rawValue
        return try withTree(old) { old in
            try withTree(new) { new in
                try withStringArray(paths) { pathspec in
                    try "\(oldLabel)/".withCString { oldPrefix in
                        try "\(newLabel)/".withCString { newPrefix in
                            options.pathspec = pathspec
                            options.old_prefix = oldPrefix
                            options.new_prefix = newPrefix
                            var diff: OpaquePointer?
                            defer { git_diff_free(diff) }
                            try check("git_diff_tree_to_tree") { git_diff_tree_to_tree(&diff, handle, old, new, &options) }
                            var buffer = git_buf()
                            defer { git_buf_dispose(&buffer) }
                            try check("git_diff_to_buf") { git_diff_to_buf(&buffer, diff, GIT_DIFF_FORMAT_PATCH) }
                            return buffer.ptr.map { String(decoding: UnsafeRawBufferPointer(start: $0, count: buffer.size), as: UTF8.self) } ?? ""
                        }
                    }
                }
            }
        }
    }
}
