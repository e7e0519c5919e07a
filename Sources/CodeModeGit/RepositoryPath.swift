/// Checks and splits the `/`-separated paths callers pass in: file paths inside a tree and the
/// `under folder:` argument many calls take.
///
/// Paths are relative to the repository root (or to the folder); a leading `/`, empty parts,
/// `.`, `..`, `.git` and parts longer than a file name may be (255 bytes) are refused, because
/// git could not store them, no work tree could hold them (libgit2 writes a tree with such a
/// name, but it cannot be checked out), or they would escape the folder they name.
enum RepositoryPath {
    /// The parts of a file path; throws for a path git cannot store.
    static func components(ofFile path: String) throws -> [Substring] {
        try split(path, operation: "path check")
    }

    /// The parts of an `under folder:` argument; `nil`, `""` and `"."` mean the whole
    /// repository, and one trailing `/` is allowed (`skills/` is the folder `skills`).
    static func components(ofFolder folder: String?) throws -> [Substring] {
        guard var folder, folder != "", folder != "." else { return [] }
        if folder.hasSuffix("/") { folder.removeLast() }
        return try split(folder, operation: "folder check")
    }

    /// `a/b/` for the folder `a/b`, and `""` for the whole repository: what paths below the
    /// folder start with.
    static func prefix(ofFolder folder: String?) throws -> String {
        let parts = try components(ofFolder: folder)
        return parts.isEmpty ? "" : parts.joined(separator: "/") + "/"
    }

    private static func split(_ path: String, operation: String) throws -> [Substring] {
        let parts = path.split(separator: "/", omittingEmptySubsequences: false)
        for part in parts where !isValid(part) {
            let shown = path.count <= 80 ? path : "\(path.prefix(60))… (\(path.utf8.count) bytes)"
            throw GitError(code: .invalid, errorClass: .invalid,
                           message: "'\(shown)' is not a valid path inside a repository (empty part, '.', '..', '.git' or a part over \(maximumPartLength) bytes)",
                           operation: operation)
        }
        return parts
    }

    /// NAME_MAX of Linux file systems.
    static let maximumPartLength = 255

    private static func isValid(_ part: Substring) -> Bool {
        !part.isEmpty && part.utf8.count <= maximumPartLength && part != "." && part != ".." && part.lowercased() != ".git" && !part.contains("\0")
    }
}
