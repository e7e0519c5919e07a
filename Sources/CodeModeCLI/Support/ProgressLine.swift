import CodeModeStorage
import Foundation

/// A progress line on stderr — `writing skills 4000/10000` — redrawn in place, only when
/// stderr is a terminal; piped output stays quiet.
final class ProgressLine {
    private let label: String
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

    func update(_ done: Int, _ total: Int) {
        let now = DispatchTime.now()
        // Redraw at most ten times a second, and always at the end.
        guard done == total || now.uptimeNanoseconds - lastDraw.uptimeNanoseconds > 100_000_000 else { return }
        lastDraw = now
        drawn = true
        Console.rawMessage("\r\(label) \(done)/\(total)")
    }

    /// Clears the line so what follows starts clean.
    func finish() {
        if drawn { Console.rawMessage("\r\u{1B}[K") }
    }
}
