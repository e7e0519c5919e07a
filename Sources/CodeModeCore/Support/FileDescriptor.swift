import Foundation

/// Writing to a file descriptor without losing bytes to short writes or signals.
public enum FileDescriptor {
    /// Writes every byte of `buffer` to `fd`; returns 0, or the `errno` of the failure.
    @discardableResult
    public static func writeAll(_ fd: Int32, _ buffer: UnsafeRawBufferPointer) -> Int32 {
        var offset = 0
        while offset < buffer.count {
            let written = write(fd, buffer.baseAddress! + offset, buffer.count - offset)
            if written < 0 {
                if errno == EINTR { continue }
                return errno
            }
            offset += written
        }
        return 0
    }
}
