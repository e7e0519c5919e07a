/// The git hooks `codemode` installs, kept in this folder as the scripts they are and
/// compiled into the binary.
public enum Hooks {
    /// The pre-commit hook; `@CODEMODE@` (the codemode to run) and `@LIBRARY@` (the library
    /// folder, relative to the work tree) are filled in at install time.
    public static var preCommit: String { String(decoding: PackageResources.pre_commit, as: UTF8.self) }
}
