/// Writes text as a `"""..."""` literal that Python reads back as exactly that text.
enum PythonDocstringLiteral {
    /// The literal for `text`. Line breaks are written as `newline` (Python reads any of them as
    /// `\n`); a text of several lines ends with the closing quotes on a line of their own, which
    /// adds a final `\n` to the value. Non-ASCII is written as is (the file is UTF-8).
    static func tripleQuoted(_ text: String, newline: String) -> String {
        var literal = String.UnicodeScalarView()
        literal.append(contentsOf: "\"\"\"".unicodeScalars)
        // Quotes written unescaped just before this point; a third would close the literal.
        var quotesInARow = 0
        var isMultiline = false
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"":
                if quotesInARow == 2 {
                    literal.append(contentsOf: #"\""#.unicodeScalars)
                    quotesInARow = 0
                } else {
                    literal.append(scalar)
                    quotesInARow += 1
                }
                continue
            case "\\":
                literal.append(contentsOf: #"\\"#.unicodeScalars)
            case "\n":
                literal.append(contentsOf: newline.unicodeScalars)
                isMultiline = true
            case "\r":
                // A raw carriage return would be read back as a line break.
                literal.append(contentsOf: #"\r"#.unicodeScalars)
            case "\t":
                literal.append(scalar)
            case "\u{00}"..."\u{1F}", "\u{7F}":
                literal.append(contentsOf: hexEscape(scalar).unicodeScalars)
            default:
                literal.append(scalar)
            }
            quotesInARow = 0
        }
        if isMultiline {
            literal.append(contentsOf: newline.unicodeScalars)
        } else if quotesInARow > 0 {
            // A final quote would run into the closing `"""`: escape it.
            literal.removeLast()
            literal.append(contentsOf: #"\""#.unicodeScalars)
        }
        literal.append(contentsOf: "\"\"\"".unicodeScalars)
        return String(literal)
    }

    private static func hexEscape(_ scalar: Unicode.Scalar) -> String {
        let hex = String(scalar.value, radix: 16)
        return #"\x"# + (hex.count < 2 ? "0" + hex : hex)
    }
}
