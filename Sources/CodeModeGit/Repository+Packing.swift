internal import CGit2

extension Repository {
    /// Runs `body` with a second handle on this repository whose new objects are kept in
    /// memory, then writes the commits `body` made — with everything they reach, trees and
    /// blobs alike — as one pack file (with its index) into the object database: thousands of
    /// blobs become two files instead of thousands of loose objects. Objects no commit
    /// reaches are not kept, and a commit's whole tree is packed even where the repository
    /// already has it, so this pays off when most objects are new.
    ///
    /// `body` must not move refs (move them afterwards, on `self`, once the pack is written),
    /// so no ref ever points at an object still in memory. When `body` throws, nothing is
    /// written.
    /// The corresponding libgit2 functions are `git_mempack_new`, `git_odb_add_backend`,
    /// `git_mempack_dump` and `git_odb_write_pack`.
    public func writingObjectsInOnePack<R>(_ body: (Repository) throws -> R) throws -> R {
        let packing = try Repository.open(at: gitDirectory)
        var backend: UnsafeMutablePointer<git_odb_backend>?
        try check("git_mempack_new") { git_mempack_new(&backend) }
        let memory = try unwrap(backend, "git_mempack_new")
        let odb = try packing.objectDatabase()
        defer { git_odb_free(odb) }
        // The highest priority takes every write; the odb owns (and frees) the backend now.
        try check("git_odb_add_backend") { git_odb_add_backend(odb, memory, 999) }
        let result = try body(packing)
        var pack = git_buf()
        defer { git_buf_dispose(&pack) }
        try check("git_mempack_dump") { git_mempack_dump(&pack, packing.handle, memory) }
        // An empty pack still has a header: only write one with objects in it.
        if pack.size > 32 {
            try writePack(UnsafeRawBufferPointer(start: pack.ptr, count: pack.size))
        }
        try check("git_mempack_reset") { git_mempack_reset(memory) }
        return result
    }

    /// Indexes `pack` into this repository's object database.
    /// The corresponding libgit2 function is `git_odb_write_pack`.
    private func writePack(_ pack: UnsafeRawBufferPointer) throws {
        let odb = try objectDatabase()
        defer { git_odb_free(odb) }
        var writer: UnsafeMutablePointer<git_odb_writepack>?
        try check("git_odb_write_pack") { git_odb_write_pack(&writer, odb, nil, nil) }
        let pointer = try unwrap(writer, "git_odb_write_pack")
        defer { codemode_git_writepack_free(pointer) }
        var stats = git_indexer_progress()
        try check("git_odb_writepack.append") { codemode_git_writepack_append(pointer, pack.baseAddress, pack.count, &stats) }
        try check("git_odb_writepack.commit") { codemode_git_writepack_commit(pointer, &stats) }
    }

    /// The corresponding libgit2 function is `git_repository_odb`.
    private func objectDatabase() throws -> OpaquePointer {
        var odb: OpaquePointer?
        try check("git_repository_odb") { git_repository_odb(&odb, handle) }
        return try unwrap(odb, "git_repository_odb")
    }

    /// Whether the object database holds `id` (of any type).
    /// The corresponding libgit2 function is `git_odb_exists`.
    public func contains(_ id: ObjectID) throws -> Bool {
        let odb = try objectDatabase()
        defer { git_odb_free(odb) }
        return id.withPointer { git_odb_exists(odb, $0) } == 1
    }
}
