/// Names of the parameter list or call being parsed, to find duplicate parameters and
/// repeated keyword arguments without allocating per name: spans point into the source and
/// nested calls share the storage, each looking only at the names since its own mark.
struct NameList {
    private var spans: [Range<Int>] = []

    init() {
        spans.reserveCapacity(64)
    }

    var mark: Int { spans.count }

    /// Appends the name unless an equal one was added since `mark`; returns false then.
    mutating func insertUnique(_ span: Range<Int>, since mark: Int, in source: UnsafePointer<UInt8>) -> Bool {
        for existing in spans[mark...] where existing.count == span.count {
            var offset = 0
            while offset < span.count && source[existing.lowerBound + offset] == source[span.lowerBound + offset] {
                offset += 1
            }
            if offset == span.count { return false }
        }
        spans.append(span)
        return true
    }

    mutating func truncate(to mark: Int) {
        guard spans.count > mark else { return }
        spans.removeSubrange(mark...)
    }
}
