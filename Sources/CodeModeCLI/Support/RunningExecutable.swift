import Foundation

/// Where the running `codemode` is, for configuration that must start it again.
enum RunningExecutable {
    /// The absolute path of this program, symbolic links resolved. `argv[0]` cannot say: a
    /// program found through PATH gets only its name, and through a relative PATH entry
    /// (`PATH=.build/debug:$PATH`) a path relative to a folder nobody remembers.
    static var path: String {
        #if os(Linux)
        // The kernel's own record of the executable file.
        if let path = try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe") { return path }
        #endif
        return (Bundle.main.executableURL ?? URL(fileURLWithPath: CommandLine.arguments[0])).resolvingSymlinksInPath().path
    }
}
