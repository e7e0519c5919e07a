/// The value of `str` literal tokens, as Python evaluates them.
enum PythonStringLiteral {
    /// The value of adjacent string tokens (Python joins `"a" "b"` into "ab"), or nil when the
    /// tokens do not make a `str` constant: bytes and f-strings are not one.
    static func value(of tokens: some Sequence<PythonToken>, in bytes: UnsafeBufferPointer<UInt8>) -> String? {
        var utf8: [UInt8] = []
        for token in tokens {
            guard token.kind == .string, token.stringPrefix.isDisjoint(with: [.bytes, .formatted]) else { return nil }
            appendValue(of: token, in: bytes, to: &utf8)
        }
        return String(decoding: utf8, as: UTF8.self)
    }

    /// Appends the UTF-8 value of one literal; unknown or malformed escapes stay as written, as Python keeps them.
    private static func appendValue(of token: PythonToken, in bytes: UnsafeBufferPointer<UInt8>, to utf8: inout [UInt8]) {
        var quoteStart = token.start
        while bytes[quoteStart] != UInt8(ascii: "'") && bytes[quoteStart] != UInt8(ascii: "\"") {
            quoteStart += 1
        }
        let quote = bytes[quoteStart]
        let isTriple = token.end - quoteStart >= 6 && bytes[quoteStart + 1] == quote && bytes[quoteStart + 2] == quote
        let delimiterLength = isTriple ? 3 : 1
        let isRaw = token.stringPrefix.contains(.raw)
        var index = quoteStart + delimiterLength
        let end = token.end - delimiterLength
        utf8.reserveCapacity(utf8.count + end - index)
        while index < end {
            let plainStart = index
            while index < end && bytes[index] != UInt8(ascii: "\\") && bytes[index] != UInt8(ascii: "\r") {
                index += 1
            }
            utf8.append(contentsOf: bytes[plainStart..<index])
            guard index < end else { break }
            let byte = bytes[index]
            index += 1
            if byte == UInt8(ascii: "\r") {
                // Python reads source with universal newlines: `\r\n` and `\r` are `\n`.
                if index < end && bytes[index] == UInt8(ascii: "\n") { index += 1 }
                utf8.append(UInt8(ascii: "\n"))
            } else if byte == UInt8(ascii: "\\") && !isRaw && index < end {
                appendEscape(in: bytes, at: &index, end: end, to: &utf8)
            } else {
                utf8.append(byte)
            }
        }
    }

    /// Decodes the escape whose backslash precedes `index`, advancing `index` past it.
    private static func appendEscape(in bytes: UnsafeBufferPointer<UInt8>, at index: inout Int, end: Int, to utf8: inout [UInt8]) {
        let letter = bytes[index]
        index += 1
        switch letter {
        case UInt8(ascii: "\n"):
            break  // backslash-newline continues the literal on the next line
        case UInt8(ascii: "\r"):
            if index < end && bytes[index] == UInt8(ascii: "\n") { index += 1 }
        case UInt8(ascii: "\\"), UInt8(ascii: "'"), UInt8(ascii: "\""):
            utf8.append(letter)
        case UInt8(ascii: "a"): utf8.append(0x07)
        case UInt8(ascii: "b"): utf8.append(0x08)
        case UInt8(ascii: "f"): utf8.append(0x0C)
        case UInt8(ascii: "n"): utf8.append(0x0A)
        case UInt8(ascii: "r"): utf8.append(0x0D)
        case UInt8(ascii: "t"): utf8.append(0x09)
        case UInt8(ascii: "v"): utf8.append(0x0B)
        case UInt8(ascii: "0")...UInt8(ascii: "7"):
            var value = UInt32(letter - UInt8(ascii: "0"))
            var digits = 1
            while digits < 3 && index < end, let digit = PythonNumberLiteral.digitValue(bytes[index]), digit < 8 {
                value = value * 8 + digit
                index += 1
                digits += 1
            }
            appendScalar(value, to: &utf8)
        case UInt8(ascii: "x"), UInt8(ascii: "u"), UInt8(ascii: "U"):
            let width = letter == UInt8(ascii: "x") ? 2 : letter == UInt8(ascii: "u") ? 4 : 8
            guard index + width <= end, let value = hexValue(bytes[index..<(index + width)]) else {
                utf8.append(UInt8(ascii: "\\"))
                utf8.append(letter)
                return
            }
            index += width
            appendScalar(value, to: &utf8)
        default:
            // Unknown escapes (and `\N{NAME}`, which needs the Unicode name table) stay verbatim.
            utf8.append(UInt8(ascii: "\\"))
            index -= 1
        }
    }

    private static func appendScalar(_ value: UInt32, to utf8: inout [UInt8]) {
        // Python allows lone surrogates in str; a Swift String cannot hold them.
        let scalar = Unicode.Scalar(value) ?? "\u{FFFD}"
        UTF8.encode(scalar) { utf8.append($0) }
    }

    private static func hexValue(_ digits: UnsafeBufferPointer<UInt8>.SubSequence) -> UInt32? {
        var value: UInt32 = 0
        for byte in digits {
            guard let digit = PythonNumberLiteral.digitValue(byte), digit < 16 else { return nil }
            value = value &* 16 &+ digit
        }
        return value
    }
}
