internal import CGit2
internal import COpenSSL

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

    /// The id git gives a blob with this content, computed without a repository: the SHA-1
    /// of `blob <size>\0` and the bytes. OpenSSL's SHA-1 (SHA-NI on current CPUs) does it
    /// three times faster than libgit2's collision-detecting one, and a sync hashes every
    /// value of a prefix; libgit2 still hashes, with detection, every object it stores.
    public static func blobID(for bytes: [UInt8]) -> ObjectID {
        let context = EVP_MD_CTX_new()
        defer { EVP_MD_CTX_free(context) }
        let header = Array("blob \(bytes.count)\0".utf8)
        var oid = git_oid()
        let succeeded = withUnsafeMutableBytes(of: &oid.id) { digest in
            bytes.withUnsafeBytes { content in
                EVP_DigestInit_ex(context, EVP_sha1(), nil) == 1
                    && EVP_DigestUpdate(context, header, header.count) == 1
                    && EVP_DigestUpdate(context, content.baseAddress, content.count) == 1
                    && EVP_DigestFinal_ex(context, digest.baseAddress, nil) == 1
            }
        }
        // Hashing a buffer in memory has no failure mode short of a broken libcrypto.
        precondition(succeeded, "SHA-1 of a blob failed in libcrypto")
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
            withUnsafeBytes(of: rhs.oid.id) { right in
                left.loadUnaligned(as: UInt64.self) == right.loadUnaligned(as: UInt64.self)
                    && left.loadUnaligned(fromByteOffset: 8, as: UInt64.self) == right.loadUnaligned(fromByteOffset: 8, as: UInt64.self)
                    && left.loadUnaligned(fromByteOffset: 16, as: UInt32.self) == right.loadUnaligned(fromByteOffset: 16, as: UInt32.self)
            }
        }
    }

    /// The first 8 bytes of a SHA-1 are as evenly spread as all 20, and hashing fewer bytes
    /// keeps dictionaries of tens of thousands of ids quick.
    public func hash(into hasher: inout Hasher) {
        hasher.combine(withUnsafeBytes(of: oid.id) { $0.loadUnaligned(as: UInt64.self) })
    }
}

extension ObjectID {
    /// For libgit2 parameters of type `const git_oid *`.
    func withPointer<R>(_ body: (UnsafePointer<git_oid>) throws -> R) rethrows -> R {
        var copy = oid
        return try body(&copy)
    }
}
