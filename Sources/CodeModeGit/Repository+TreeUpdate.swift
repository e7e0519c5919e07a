#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
internal import CGit2

extension Repository {
    /// A tree like `base` (the empty tree when `nil`) with the files at `upserting` set to the
    /// given blobs (regular, non-executable files; folders made as needed) and the files at
    /// `removing` gone (folders left empty go too). Paths are `/`-separated from the tree's
    /// root; a path in both lists is an error. Only the trees on the changed paths are
    /// rewritten, so changing a few files of a tree of thousands costs a few tree writes.
    /// The corresponding libgit2 function is `git_tree_create_updated`.
    public func updateTree(_ base: ObjectID?, upserting: [String: ObjectID], removing: [String] = []) throws -> ObjectID {
        for path in upserting.keys { _ = try RepositoryPath.components(ofFile: path) }
        for path in removing { _ = try RepositoryPath.components(ofFile: path) }
        if let both = removing.first(where: { upserting[$0] != nil }) {
            throw GitError(code: .invalid, errorClass: .tree, message: "'\(both)' is both set and removed", operation: "updateTree")
        }
        let baseline = try base ?? emptyTree()
        let paths = upserting.keys.sorted() + removing.sorted()
        let copies = paths.map { strdup($0) }
        defer { copies.forEach { free($0) } }
        var updates: [git_tree_update] = []
        updates.reserveCapacity(paths.count)
        for (index, path) in paths.enumerated() {
            if let blob = upserting[path] {
                updates.append(git_tree_update(action: GIT_TREE_UPDATE_UPSERT, id: blob.oid, filemode: GIT_FILEMODE_BLOB,
                                               path: copies[index]))
            } else {
                updates.append(git_tree_update(action: GIT_TREE_UPDATE_REMOVE, id: git_oid(), filemode: GIT_FILEMODE_BLOB,
                                               path: copies[index]))
            }
        }
        return try withObject(baseline, GIT_OBJECT_TREE) { tree in
            var oid = git_oid()
            try check("git_tree_create_updated") { git_tree_create_updated(&oid, handle, tree, updates.count, updates) }
            return ObjectID(oid)
        }
    }

    /// Writes the empty tree (which every repository can hold) and returns its id.
    /// The corresponding libgit2 functions are `git_treebuilder_new` and `git_treebuilder_write`.
    public func emptyTree() throws -> ObjectID {
        try writeTree(files: [:])
    }
}
