internal import CGit2

/// The id of a git object (blob, tree, commit): the SHA-1 of its content, 20 bytes.
///
/// CodeMode's content hashes are blob ids, so a hash computed from bytes in memory
/// (`blobID(for:)`) equals what `git hash-object` prints and what git stores.
public struct ObjectID: Hashable, Sendable, CustomStringConvertible {
    var oid: git_oid

    init(_ oid: git_oid) { self.oid = oid }

    init(_ pointer: UnsafePointer<git_oid>) { oid = pointer.pointee }

    /// Parses the 40-digit hexadecimal form; `nil` for anything else (abbreviations included:
    /// those need a repository to resolve, see `Repository.resolve(revision:)`).
    /// The corresponding libgit2 function is `git_oid_fromstrn`.
    public init?(hex: String) {
        _ = LibGit2.initialized
        guard hex.utf8.count == 40 else { return nil }
        var oid = git_oid()
        guard git_oid_fromstrn(&oid, hex, 40) == 0 else { return nil }
        self.oid = oid
    }

    /// The id whose 20 raw bytes are `raw`; `nil` when there are not exactly 20.
    public init?(raw: some Collection<UInt8>) {
        guard raw.count == 20 else { return nil }
        var oid = git_oid()
        withUnsafeMutableBytes(of: &oid.id) { $0.copyBytes(from: raw) }
        self.oid = oid
    }

    /// The 20 raw bytes.
    public var raw: [UInt8] {
        withUnsafeBytes(of: oid.id) { Array($0) }
    }

    /// The id git gives a blob with this content, computed without a repository.
    /// The corresponding libgit2 function is `git_odb_hash`.
    public static func blobID(for bytes: [UInt8]) -> ObjectID {
        _ = LibGit2.initialized
        var oid = git_oid()
        let result = bytes.withUnsafeBytes { git_odb_hash(&oid, $0.baseAddress, $0.count, GIT_OBJECT_BLOB) }
        // Hashing a buffer in memory has no failure mode short of a broken libgit2 build.
        precondition(result == 0, "git_odb_hash failed")
        return ObjectID(oid)
    }

    /// The 40-digit lowercase hexadecimal form, as git prints it.
    public var hex: String {
        withUnsafeBytes(of: oid.id) { raw in
            let digits = Array("0123456789abcdef".utf8)
            var text = [UInt8]()
            text.reserveCapacity(40)
            for byte in raw {
                text.append(digits[Int(byte >> 4)])
                text.append(digits[Int(byte & 0x0f)])
            }
            return String(decoding: text, as: UTF8.self)
        }
    }

    public var description: String { hex }

    public static func == (lhs: ObjectID, rhs: ObjectID) -> Bool {
        withUnsafeBytes(of: lhs.oid.id) { left in
            withUnsafeBytes(of: rhs.oid.id) { right in left.elementsEqual(right) }
        }
    }

    public func hash(into hasher: inout Hasher) {
        withUnsafeBytes(of: oid.id) { hasher.combine(bytes: $0) }
    }
}

extension ObjectID {
    /// For libgit2 parameters of type `const git_oid *`.
    func withPointer<R>(_ body: (UnsafePointer<git_oid>) throws -> R) rethrows -> R {
        var copy = oid
        return try body(&copy)
    }
}
