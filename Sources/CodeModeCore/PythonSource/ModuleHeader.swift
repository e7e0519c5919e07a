/// Where a module docstring can be inserted: after a UTF-8 byte order mark, a shebang line and
/// a PEP 263 encoding declaration, which must stay first to keep their meaning.
enum ModuleHeader {
    /// Offset just past the header lines (past their line break, or at the end of the source),
    /// and whether a line break must be added there because the last header line has none.
    static func end(in bytes: UnsafeBufferPointer<UInt8>) -> (offset: Int, needsLineBreak: Bool) {
        let hasByteOrderMark = bytes.count >= 3 && bytes[0] == 0xEF && bytes[1] == 0xBB && bytes[2] == 0xBF
        let firstLine = line(startingAt: hasByteOrderMark ? 3 : 0, in: bytes)
        let secondLine = line(startingAt: firstLine.next, in: bytes)
        let first = bytes[firstLine.text]
        // Python looks for an encoding declaration on line 2 only when line 1 is a comment or blank.
        if isCommentOrBlank(first) && isEncodingDeclaration(bytes[secondLine.text]) {
            return (secondLine.next, secondLine.next == secondLine.text.upperBound)
        }
        if first.starts(with: "#!".utf8) || isEncodingDeclaration(first) {
            return (firstLine.next, firstLine.next == firstLine.text.upperBound)
        }
        return (firstLine.text.lowerBound, false)
    }

    /// The line starting at `start`: its text without the line break, and where the next line starts.
    private static func line(startingAt start: Int, in bytes: UnsafeBufferPointer<UInt8>) -> (text: Range<Int>, next: Int) {
        var end = start
        while end < bytes.count && bytes[end] != UInt8(ascii: "\n") && bytes[end] != UInt8(ascii: "\r") {
            end += 1
        }
        var next = end
        if next < bytes.count {
            next += bytes[next] == UInt8(ascii: "\r") && next + 1 < bytes.count && bytes[next + 1] == UInt8(ascii: "\n") ? 2 : 1
        }
        return (start..<end, next)
    }

    private static func isCommentOrBlank(_ line: UnsafeBufferPointer<UInt8>.SubSequence) -> Bool {
        guard let first = line.first(where: { !isSpace($0) }) else { return true }
        return first == UInt8(ascii: "#")
    }

    /// PEP 263: `^[ \t\f]*#.*?coding[:=][ \t]*[-\w.]+`.
    private static func isEncodingDeclaration(_ line: UnsafeBufferPointer<UInt8>.SubSequence) -> Bool {
        guard let hash = line.firstIndex(where: { !isSpace($0) }), line[hash] == UInt8(ascii: "#") else { return false }
        let marker = "coding".utf8
        var index = hash + 1
        while index + marker.count < line.endIndex {
            defer { index += 1 }
            guard line[index..<(index + marker.count)].elementsEqual(marker) else { continue }
            let separator = line[index + marker.count]
            guard separator == UInt8(ascii: ":") || separator == UInt8(ascii: "=") else { continue }
            var nameStart = index + marker.count + 1
            while nameStart < line.endIndex && (line[nameStart] == UInt8(ascii: " ") || line[nameStart] == UInt8(ascii: "\t")) {
                nameStart += 1
            }
            if nameStart < line.endIndex && isEncodingNameByte(line[nameStart]) {
                return true
            }
        }
        return false
    }

    private static func isSpace(_ byte: UInt8) -> Bool {
        byte == UInt8(ascii: " ") || byte == UInt8(ascii: "\t") || byte == 0x0C
    }

    private static func isEncodingNameByte(_ byte: UInt8) -> Bool {
        byte == UInt8(ascii: "-") || byte == UInt8(ascii: ".") || (PythonByteClass.isIdentifier(byte) && byte < 0x80)
    }
}
