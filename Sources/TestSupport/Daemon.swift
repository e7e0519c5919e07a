import Foundation

/// Agent code that tries to outlive its session the way a daemon does, and how a test finds
/// what it left behind on the host.
public enum Daemon {
    /// Cell code that forks, starts a new session and forks again; the grandchild sleeps with
    /// `marker` on its command line. The code holds the marker reversed, so a host given the
    /// code on its own command line is not taken for the grandchild.
    public static func code(marker: String) -> String {
        """
        import os, sys
        child = os.fork()
        if child == 0:
            os.setsid()
            if os.fork() == 0:
                os.execv(sys.executable, [sys.executable, "-c", "import time; time.sleep(120)", "\(String(marker.reversed()))"[::-1]])
            os._exit(0)
        os.waitpid(child, 0)

        """
    }

    /// The host's processes whose command line names `marker`.
    public static func processes(marked marker: String) -> [String] {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: "/proc")) ?? []
        return names.filter { Int($0) != nil }.filter { pid in
            let line = (try? Data(contentsOf: URL(fileURLWithPath: "/proc/\(pid)/cmdline"))) ?? Data()
            return line.range(of: Data(marker.utf8)) != nil
        }
    }

    /// Whether `condition` came true within `seconds`.
    public static func waitFor(seconds: Int = 10, _ condition: () throws -> Bool) async throws -> Bool {
        for _ in 0..<(seconds * 20) {
            if try condition() { return true }
            try await Task.sleep(for: .milliseconds(50))
        }
        return false
    }
}
