import Foundation

/// Where CodeMode keeps what it can rebuild (syntax-check results, virtual environments):
/// `$CODEMODE_CACHE_DIR`, else `$XDG_CACHE_HOME/codemode`, else `~/.cache/codemode`.
public enum CacheFolder {
    public static var path: String? {
        let environment = ProcessInfo.processInfo.environment
        if let explicit = environment["CODEMODE_CACHE_DIR"], !explicit.isEmpty { return explicit }
        if let xdg = environment["XDG_CACHE_HOME"], !xdg.isEmpty { return xdg + "/codemode" }
        if let home = environment["HOME"], !home.isEmpty { return home + "/.cache/codemode" }
        return nil
    }
}
