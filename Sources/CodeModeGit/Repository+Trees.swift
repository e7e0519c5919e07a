internal import CGit2

extension Repository {
    /// Every file below `folder` in `tree`, as path → blob id, recursively. Paths are relative
    /// to `folder` (to the root when it is `nil`), so a library kept in a folder of a bigger
    /// repository reads the same as one at the root. A folder that does not exist gives an
    /// empty map; submodule entries are skipped, symbolic links are listed (their blob holds
    /// the link target).
    /// The corresponding libgit2 functions are `git_tree_entry_bypath` and
    /// `git_tree_entry_byindex`.
    public func files(inTree tree: ObjectID, under folder: String? = nil) throws -> [String: ObjectID] {
        let parts = try RepositoryPath.components(ofFolder: folder)
        var start = tree
        if !parts.isEmpty {
            guard let entry = try treeEntry(at: parts.joined(separator: "/"), inTree: tree),
                  entry.type == GIT_OBJECT_TREE else { return [:] }
            start = entry.id
        }
        var files: [String: ObjectID] = [:]
        try collectFiles(in: start, prefix: "", into: &files)
        return files
    }

    private func collectFiles(in tree: ObjectID, prefix: String, into files: inout [String: ObjectID]) throws {
        try withObject(tree, GIT_OBJECT_TREE) { tree in
            for index in 0..<git_tree_entrycount(tree) {
                let entry = try unwrap(git_tree_entry_byindex(tree, index), "git_tree_entry_byindex")
                let path = prefix + String(cString: git_tree_entry_name(entry))
                let id = ObjectID(try unwrap(git_tree_entry_id(entry), "git_tree_entry_id"))
                switch git_tree_entry_type(entry) {
                case GIT_OBJECT_BLOB: files[path] = id
                case GIT_OBJECT_TREE: try collectFiles(in: id, prefix: path + "/", into: &files)
                default: break
                }
            }
        }
    }
}
