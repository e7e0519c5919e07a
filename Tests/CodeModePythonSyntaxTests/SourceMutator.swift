import TestSupport

/// Small random edits of Python source bytes, of the kinds that turn valid code into
/// almost-valid code: token deletion, duplication and swaps, inserted keywords, operators,
/// brackets and quotes, indentation changes, joined and split lines.
struct SourceMutator {
    static let fragments: [String] = [
        "if ", "else", "elif ", "for ", " in ", "not ", "await ", "yield ", "yield from ", "return ", "lambda",
        "lambda: ", "async ", "def ", "class ", "pass", "break", "continue", "global ", "nonlocal ", "del ",
        "import ", "from ", " as ", "with ", "try:", "except", "except*", "finally:", "None", "True", "is ",
        "and ", "or ", "match ", "case ", "type ", "*", "**", "=", "==", ":=", ":", ",", ";", ".", "...", "(",
        ")", "[", "]", "{", "}", "'", "\"", "'''", "\"\"\"", "\\", "\\\n", "#", "@", "->", "+=", "-", "~", "|",
        "f'", "f\"", "b'", "r'", "rb\"", "u'", "0x", "0o", "1_", "0", "07", "1e", "5j", ".5", "_", "__debug__",
        "\t", "\n", "\r", "\r\n", "\u{0C}", " ", "    ", "!", "!r", "$", "?", "{x}", "{{", "}}", "\\x", "\\N",
        "\u{E9}", "\u{FEFF}", "print(", "x", "self.", "*args", "**kwargs", "=None", ": int", "-> str",
    ]

    var generator: SeededGenerator

    mutating func mutate(_ original: [UInt8]) -> [UInt8] {
        var bytes = original
        let edits = Int.random(in: 1...3, using: &generator)
        for _ in 0..<edits {
            apply(to: &bytes)
        }
        return bytes
    }

    private mutating func apply(to bytes: inout [UInt8]) {
        guard !bytes.isEmpty else {
            bytes = Array(Self.fragments.randomElement(using: &generator)!.utf8)
            return
        }
        let index = Int.random(in: 0..<bytes.count, using: &generator)
        switch Int.random(in: 0..<12, using: &generator) {
        case 0:
            bytes.remove(at: index)
        case 1:
            bytes.removeSubrange(tokenRange(in: bytes, at: index))
        case 2:
            let token = Array(bytes[tokenRange(in: bytes, at: index)])
            bytes.insert(contentsOf: token, at: tokenRange(in: bytes, at: index).upperBound)
        case 3:
            swapTokens(in: &bytes, at: index)
        case 4, 5:
            let fragment = Self.fragments.randomElement(using: &generator)!
            bytes.insert(contentsOf: Array(fragment.utf8), at: index)
        case 6:
            changeIndentation(of: &bytes, at: index)
        case 7:
            if let newline = bytes[index...].firstIndex(of: UInt8(ascii: "\n")) {
                bytes.remove(at: newline)
            }
        case 8:
            let indentation = [UInt8](repeating: UInt8(ascii: " "), count: Int.random(in: 0...8, using: &generator))
            bytes.insert(contentsOf: [UInt8(ascii: "\n")] + indentation, at: index)
        case 9:
            bytes[index] = UInt8.random(in: 0x20...0x7E, using: &generator)
        case 10:
            duplicateOrDeleteLine(in: &bytes, at: index)
        default:
            let other = Int.random(in: 0..<bytes.count, using: &generator)
            let first = tokenRange(in: bytes, at: min(index, other))
            let copied = Array(bytes[first])
            bytes.insert(contentsOf: copied, at: max(index, other))
        }
    }

    /// The identifier or number run containing `index`, or the single byte there.
    private func tokenRange(in bytes: [UInt8], at index: Int) -> Range<Int> {
        func isWord(_ byte: UInt8) -> Bool {
            (byte >= 0x30 && byte <= 0x39) || ((byte | 0x20) >= 0x61 && (byte | 0x20) <= 0x7A) || byte == 0x5F
        }
        guard isWord(bytes[index]) else { return index..<(index + 1) }
        var start = index
        var end = index + 1
        while start > 0 && isWord(bytes[start - 1]) { start -= 1 }
        while end < bytes.count && isWord(bytes[end]) { end += 1 }
        return start..<end
    }

    private func swapTokens(in bytes: inout [UInt8], at index: Int) {
        let first = tokenRange(in: bytes, at: index)
        var next = first.upperBound
        while next < bytes.count && bytes[next] == UInt8(ascii: " ") { next += 1 }
        guard next < bytes.count else { return }
        let second = tokenRange(in: bytes, at: next)
        let swapped = Array(bytes[second]) + Array(bytes[first.upperBound..<second.lowerBound]) + Array(bytes[first])
        bytes.replaceSubrange(first.lowerBound..<second.upperBound, with: swapped)
    }

    private mutating func changeIndentation(of bytes: inout [UInt8], at index: Int) {
        var lineStart = index
        while lineStart > 0 && bytes[lineStart - 1] != UInt8(ascii: "\n") { lineStart -= 1 }
        switch Int.random(in: 0..<4, using: &generator) {
        case 0:
            let added = [UInt8](repeating: UInt8(ascii: " "), count: Int.random(in: 1...4, using: &generator))
            bytes.insert(contentsOf: added, at: lineStart)
        case 1:
            var removed = 0
            while removed < 4 && lineStart < bytes.count && bytes[lineStart] == UInt8(ascii: " ") {
                bytes.remove(at: lineStart)
                removed += 1
            }
        case 2:
            bytes.insert(UInt8(ascii: "\t"), at: lineStart)
        default:
            bytes.insert(contentsOf: Array("    ".utf8), at: lineStart)
        }
    }

    private mutating func duplicateOrDeleteLine(in bytes: inout [UInt8], at index: Int) {
        var start = index
        while start > 0 && bytes[start - 1] != UInt8(ascii: "\n") { start -= 1 }
        var end = index
        while end < bytes.count && bytes[end] != UInt8(ascii: "\n") { end += 1 }
        if end < bytes.count { end += 1 }
        if Bool.random(using: &generator) {
            bytes.removeSubrange(start..<end)
        } else {
            bytes.insert(contentsOf: Array(bytes[start..<end]), at: end)
        }
    }
}
