internal import CGit2

extension Repository {
    /// Writes a tree from an in-memory map of path → content and returns its id.
    ///
    /// Paths in `files` are `/`-separated and relative to `folder`; every file is written as a
    /// regular, non-executable blob (mode 100644). Without `folder`, the result holds exactly
    /// `files`. With `folder`, the files go below that folder and everything outside it is kept
    /// from `base` (an empty tree when `base` is `nil`), so a library kept in a folder of a
    /// bigger repository can be replaced without touching the rest. An empty `files` removes the
    /// folder, as git keeps no empty folders.
    /// The corresponding libgit2 functions are `git_blob_create_from_buffer`,
    /// `git_treebuilder_insert` and `git_treebuilder_write`.
    public func writeTree(files: [String: [UInt8]], base: ObjectID? = nil, under folder: String? = nil) throws -> ObjectID {
        let folderParts = try RepositoryPath.components(ofFolder: folder)
        var root = Folder()
        for (path, content) in files {
            try root.insert(try writeBlob(content), at: RepositoryPath.components(ofFile: path)[...], path: path)
        }
        let subtree = try write(root)
        if let tree = try splice(subtree, at: folderParts[...], into: folderParts.isEmpty ? nil : base) {
            return tree
        }
        // Nothing left anywhere: the empty tree, which a commit may still carry.
        return try withTreeBuilder(base: nil) { try write(builder: $0) }
    }

    /// Writes `folder` as nested trees, depth first; `nil` when it holds no file at all.
    private func write(_ folder: Folder) throws -> ObjectID? {
        guard !folder.files.isEmpty || !folder.folders.isEmpty else { return nil }
        return try withTreeBuilder(base: nil) { builder in
            for (name, blob) in folder.files {
                try insert(blob, named: name, mode: GIT_FILEMODE_BLOB, into: builder)
            }
            for (name, child) in folder.folders {
                if let tree = try write(child) { try insert(tree, named: name, mode: GIT_FILEMODE_TREE, into: builder) }
            }
            return try write(builder: builder)
        }
    }

    /// Puts `subtree` at `path` inside `base`, rebuilding each tree on the way down and keeping
    /// every other entry; a `nil` subtree removes the entry, and a tree left empty goes too.
    private func splice(_ subtree: ObjectID?, at path: ArraySlice<Substring>, into base: ObjectID?) throws -> ObjectID? {
        guard let name = path.first.map(String.init) else { return subtree }
        let existing = try base.flatMap { try treeEntry(at: name, inTree: $0) }
        let child = try splice(subtree, at: path.dropFirst(), into: existing?.type == GIT_OBJECT_TREE ? existing?.id : nil)
        return try withTreeBuilder(base: base) { builder in
            if let child {
                try insert(child, named: name, mode: GIT_FILEMODE_TREE, into: builder)
            } else if existing != nil {
                try check("git_treebuilder_remove(\(name))") { git_treebuilder_remove(builder, name) }
            }
            return git_treebuilder_entrycount(builder) == 0 ? nil : try write(builder: builder)
        }
    }

    /// Lends `body` a tree builder that starts with the entries of `base` (empty when `nil`).
    /// The corresponding libgit2 function is `git_treebuilder_new`.
    private func withTreeBuilder<R>(base: ObjectID?, _ body: (OpaquePointer) throws -> R) throws -> R {
        guard let base else { return try withTreeBuilder(source: nil, body) }
        return try withObject(base, GIT_OBJECT_TREE) { try withTreeBuilder(source: $0, body) }
    }

    private func withTreeBuilder<R>(source: OpaquePointer?, _ body: (OpaquePointer) throws -> R) throws -> R {
        var builder: OpaquePointer?
        try check("git_treebuilder_new") { git_treebuilder_new(&builder, handle, source) }
        defer { git_treebuilder_free(builder) }
        return try body(try unwrap(builder, "git_treebuilder_new"))
    }

    private func insert(_ id: ObjectID, named name: String, mode: git_filemode_t, into builder: OpaquePointer) throws {
        try id.withPointer { oid in
            try check("git_treebuilder_insert(\(name))") { git_treebuilder_insert(nil, builder, name, oid, mode) }
        }
    }

    private func write(builder: OpaquePointer) throws -> ObjectID {
        var oid = git_oid()
        try check("git_treebuilder_write") { git_treebuilder_write(&oid, builder) }
        return ObjectID(oid)
    }
}

/// One folder of the tree being written: its files (name → blob) and its sub-folders.
private struct Folder {
    var files: [String: ObjectID] = [:]
    var folders: [String: Folder] = [:]

    /// Files and folders share one namespace in git; `path` is only for the error message.
    mutating func insert(_ blob: ObjectID, at parts: ArraySlice<Substring>, path: String) throws {
        guard let first = parts.first.map(String.init) else { return }
        if parts.count == 1 {
            guard folders[first] == nil else { throw Self.clash(path, first) }
            files[first] = blob
        } else {
            guard files[first] == nil else { throw Self.clash(path, first) }
            try folders[first, default: Folder()].insert(blob, at: parts.dropFirst(), path: path)
        }
    }

    private static func clash(_ path: String, _ name: String) -> GitError {
        GitError(code: .invalid, errorClass: .tree,
                 message: "'\(path)': '\(name)' cannot be both a file and a folder", operation: "writeTree")
    }
}
