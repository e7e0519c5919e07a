/// Lays out one command for hiredis's `argc`/`argv`/`argvlen` functions
/// (`redisAppendCommandArgv`). Every argument is copied into one buffer so that all `argv`
/// pointers stay valid for the duration of the call, and lengths travel separately, so
/// arguments may hold NUL bytes. The buffers are kept between commands, so a pipeline of many
/// commands allocates only when a command is larger than any before it.
struct ArgumentVector {
    private var bytes: [UInt8] = []
    private var offsets: [Int] = []
    private var lengths: [Int] = []
    private var pointers: [UnsafePointer<CChar>?] = []

    /// Calls `body` with `argc`, `argv` and `argvlen` for `arguments`; the pointers are valid
    /// only inside `body`.
    mutating func withCommand<Result>(
        _ arguments: [[UInt8]],
        _ body: (Int32, UnsafeMutablePointer<UnsafePointer<CChar>?>?, UnsafePointer<Int>?) -> Result
    ) -> Result {
        bytes.removeAll(keepingCapacity: true)
        offsets.removeAll(keepingCapacity: true)
        lengths.removeAll(keepingCapacity: true)
        pointers.removeAll(keepingCapacity: true)
        for argument in arguments {
            offsets.append(bytes.count)
            lengths.append(argument.count)
            bytes.append(contentsOf: argument)
        }
        // One spare byte so the buffer has an address even when every argument is empty.
        bytes.append(0)
        return bytes.withUnsafeBufferPointer { buffer in
            let base = UnsafeRawPointer(buffer.baseAddress)
            for offset in offsets {
                pointers.append(base.map { ($0 + offset).assumingMemoryBound(to: CChar.self) })
            }
            return pointers.withUnsafeMutableBufferPointer { argv in
                lengths.withUnsafeBufferPointer { argvlen in
                    body(Int32(arguments.count), argv.baseAddress, argvlen.baseAddress)
                }
            }
        }
    }
}
