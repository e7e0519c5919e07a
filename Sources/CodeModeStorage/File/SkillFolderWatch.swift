import CodeModeCore
import Foundation

/// What changed in a skills folder, as the kernel reports it (inotify): a session lists its
/// skills again by reading only the files that changed, not 100,000 of them.
final class SkillFolderWatch {
    private let descriptor: Int32

    /// Watches `path`; nil when it cannot be watched (no such folder, no inotify).
    init?(path: String) {
        let descriptor = inotify_init1(Int32(IN_NONBLOCK | IN_CLOEXEC))
        guard descriptor >= 0 else { return nil }
        let events = UInt32(IN_CREATE | IN_DELETE | IN_MODIFY | IN_CLOSE_WRITE | IN_MOVED_FROM | IN_MOVED_TO | IN_ATTRIB
                            | IN_DELETE_SELF | IN_MOVE_SELF)
        guard inotify_add_watch(descriptor, path, events) >= 0 else {
            close(descriptor)
            return nil
        }
        self.descriptor = descriptor
    }

    deinit { close(descriptor) }

    /// The names of the entries that changed since the last call; nil when the changes cannot
    /// be told (events were lost, or the folder itself went): read everything again.
    func changes() -> Set<String>? {
        var names: Set<String> = []
        let size = 64 * 1024
        let buffer = UnsafeMutableRawPointer.allocate(byteCount: size, alignment: MemoryLayout<inotify_event>.alignment)
        defer { buffer.deallocate() }
        while true {
            let count = read(descriptor, buffer, size)
            if count < 0 && errno == EINTR { continue }
            guard count > 0 else { return names }
            var offset = 0
            while offset < count {
                let event = buffer.load(fromByteOffset: offset, as: inotify_event.self)
                let overflow = UInt32(IN_Q_OVERFLOW | IN_DELETE_SELF | IN_MOVE_SELF | IN_IGNORED)
                if event.mask & overflow != 0 { return nil }
                if event.len > 0 {
                    let start = buffer.advanced(by: offset + MemoryLayout<inotify_event>.size).assumingMemoryBound(to: CChar.self)
                    names.insert(String(cString: start))
                }
                offset += MemoryLayout<inotify_event>.size + Int(event.len)
            }
        }
    }
}
