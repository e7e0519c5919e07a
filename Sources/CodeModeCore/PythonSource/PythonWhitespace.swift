/// Python's notion of whitespace, for `str.strip()` and the "first line" of a docstring.
enum PythonWhitespace {
    /// `str.isspace()`: Unicode whitespace plus the separators U+001C–U+001F that Python also counts.
    static func isWhitespace(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x09...0x0D, 0x1C...0x20, 0x85, 0xA0, 0x1680, 0x2000...0x200A, 0x2028, 0x2029, 0x202F, 0x205F, 0x3000:
            true
        default:
            false
        }
    }

    /// `text.strip()`.
    static func stripped(_ text: String) -> String {
        let scalars = text.unicodeScalars
        guard let first = scalars.firstIndex(where: { !isWhitespace($0) }),
              let last = scalars.lastIndex(where: { !isWhitespace($0) })
        else { return "" }
        return String(scalars[first...last])
    }

    /// `text.strip().split("\n")[0]`, the line py-code-mode takes from a docstring.
    /// Only `\n` ends the line, as in Python: a `\r` stays in it.
    static func summaryLine(of text: String) -> String {
        let strippedText = stripped(text)
        let scalars = strippedText.unicodeScalars
        guard let newline = scalars.firstIndex(of: "\n") else { return strippedText }
        return String(scalars[..<newline])
    }
}
