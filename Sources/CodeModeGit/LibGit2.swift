internal import CGit2

/// Process-wide libgit2 state: the one-time initialization every entry point goes through, and
/// the few global settings CodeMode needs.
public enum LibGit2 {
    /// Touch this before the first libgit2 call. libgit2 keeps a reference count and is never
    /// shut down here: handles may outlive any one caller, and the process exit frees it all.
    /// The corresponding libgit2 function is `git_libgit2_init`.
    static let initialized: Void = {
        // Fails only when the allocator does; nothing below could work after that.
        precondition(git_libgit2_init() > 0, "git_libgit2_init failed")
    }()

    /// The configuration levels whose files libgit2 finds through a search path.
    public enum ConfigLevel: Sendable, CaseIterable {
        /// `$(prefix)/etc/gitconfig`
        case system
        /// `$XDG_CONFIG_HOME/git/config`
        case xdg
        /// `~/.gitconfig`
        case global

        var raw: git_config_level_t {
            switch self {
            case .system: GIT_CONFIG_LEVEL_SYSTEM
            case .xdg: GIT_CONFIG_LEVEL_XDG
            case .global: GIT_CONFIG_LEVEL_GLOBAL
            }
        }
    }

    /// Makes libgit2 look for the configuration of `level` in `directory` instead of the folder
    /// it derived from the environment at start-up (`HOME`, `XDG_CONFIG_HOME`, ...); `nil`
    /// restores that default. The setting is process-wide and applies to repositories opened
    /// afterwards; tests point every level at an empty folder so a developer's own
    /// `~/.gitconfig` can never change their outcome.
    /// The corresponding libgit2 option is `GIT_OPT_SET_SEARCH_PATH` of `git_libgit2_opts`.
    public static func setConfigSearchPath(_ directory: String?, for level: ConfigLevel) throws {
        _ = initialized
        try check("git_libgit2_opts(GIT_OPT_SET_SEARCH_PATH)") {
            codemode_git_set_search_path(level.raw, directory)
        }
    }
}
