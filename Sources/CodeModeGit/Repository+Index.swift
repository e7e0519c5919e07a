internal import CGit2

extension Repository {
    /// The staged files below `folder` (the index, as `git add` left it), as path → blob id,
    /// paths relative to `folder`. Only settled entries count: a path in the middle of a merge
    /// conflict (stages 1–3) is left out, and so are submodules.
    /// The corresponding libgit2 functions are `git_index_read` and `git_index_get_byindex`.
    public func stagedFiles(under folder: String? = nil) throws -> [String: ObjectID] {
        let prefix = try RepositoryPath.prefix(ofFolder: folder)
        return try withIndex { index in
            var files: [String: ObjectID] = [:]
            for position in 0..<git_index_entrycount(index) {
                let entry = try unwrap(git_index_get_byindex(index, position), "git_index_get_byindex")
                let path = String(cString: entry.pointee.path)
                guard git_index_entry_stage(entry) == 0, entry.pointee.mode != GIT_FILEMODE_COMMIT.rawValue,
                      path.hasPrefix(prefix) else { continue }
                files[String(path.dropFirst(prefix.count))] = ObjectID(entry.pointee.id)
            }
            return files
        }
    }

    /// The staged content of the file at `path` (from the repository root), or `nil` when
    /// nothing is staged there.
    /// The corresponding libgit2 function is `git_index_get_bypath`.
    public func stagedContent(atPath path: String) throws -> [UInt8]? {
        let id = try withIndex { index in git_index_get_bypath(index, path, 0).map { ObjectID($0.pointee.id) } }
        return try id.map(readBlob)
    }

    /// Stages the files at `paths` (files or folders, relative to the work-tree root) and
    /// writes the index, like `git add --all -- <paths>`: new and changed files are added,
    /// files gone from the work tree are unstaged, and files `.gitignore` ignores are skipped.
    /// `"."` (or `""`) stands for the whole work tree. As with `git add`, the paths are
    /// pathspecs: `*`, `?` and `[` act as wildcards.
    /// The corresponding libgit2 functions are `git_index_add_all`, `git_index_update_all` and
    /// `git_index_write`.
    public func add(paths: [String]) throws {
        guard !paths.isEmpty else { return }
        let folders = try paths.map { try RepositoryPath.components(ofFolder: $0).joined(separator: "/") }
        try withIndex { index in
            // No pathspec at all is libgit2's way of saying "everything".
            try withStringArray(folders.contains("") ? [] : folders) { pathspec in
                try check("git_index_add_all") { git_index_add_all(index, &pathspec, 0, nil, nil) }
                try check("git_index_update_all") { git_index_update_all(index, &pathspec, nil, nil) }
            }
            try check("git_index_write") { git_index_write(index) }
        }
    }

    /// Lends `body` the repository's index, first re-read from disk if someone (a `git`
    /// command, another process) changed it since libgit2 last read it.
    /// The corresponding libgit2 function is `git_repository_index`.
    func withIndex<R>(_ body: (OpaquePointer) throws -> R) throws -> R {
        var index: OpaquePointer?
        try check("git_repository_index") { git_repository_index(&index, handle) }
        defer { git_index_free(index) }
        let owned = try unwrap(index, "git_repository_index")
        try check("git_index_read") { git_index_read(owned, 0) }
        return try body(owned)
    }
}
