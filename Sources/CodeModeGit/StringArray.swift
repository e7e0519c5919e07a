#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
internal import CGit2

/// Lends `body` a `git_strarray` holding copies of `strings`, for pathspecs. libgit2 only
/// reads it during the call, so the copies are freed right after.
func withStringArray<R>(_ strings: [String], _ body: (inout git_strarray) throws -> R) throws -> R {
    var copies = strings.map { strdup($0) }
    defer { copies.forEach { free($0) } }
    return try copies.withUnsafeMutableBufferPointer { buffer in
        var array = git_strarray(strings: buffer.baseAddress, count: buffer.count)
        return try body(&array)
    }
}
