import CodeModeStorage
import Foundation

/// A progress line on stderr — `writing skills 4000/10000` — redrawn in place, only when
/// stderr is a terminal; piped output stays quiet.
final class ProgressLine {
    private var label: String
    private let enabled = Console.stderrIsTerminal
    private var drawn = false
    private var lastDraw = DispatchTime.now()

    init(label: String) {
        self.label = label
    }

    var handler: ProgressHandler? {
        guard enabled else { return nil }
        return { [self] done, total in update(done, total) }
    }

    /// The handler for a sync operation, whose stages name themselves (`reading dev`); the
    /// line is cleared as each stage ends, so what the command prints next starts clean.
    var stagedHandler: ((String, Int, Int) -> Void)? {
        guard enabled else { return nil }
        return { [self] stage, done, total in
            label = stage
            update(done, total)
            if done == total { finish() }
        }
    }

    func update(_ done: Int, _ total: Int) {
        let now = DispatchTime.now()
        // Redraw at most ten times a second, and always at the end.
        guard done == total || now.uptimeNanoseconds - lastDraw.uptimeNanoseconds > 100_000_000 else { return }
        lastDraw = now
        drawn = true
        Console.rawMessage("\r\u{1B}[K\(label) \(done)/\(total)")
    }

    /// Clears the line so what follows starts clean.
    func finish() {
        if drawn { Console.rawMessage("\r\u{1B}[K") }
        drawn = false
    }
}
