/// A JSON reader that keeps object member order and accepts what Python's `json.loads`
/// accepts (including `NaN`, `Infinity` and `-Infinity`).
public enum JSONParser {
    public struct Error: Swift.Error, Equatable, Sendable, CustomStringConvertible {
        /// Byte offset of the problem in the input.
        public var offset: Int
        public var reason: String
        public var description: String { "invalid JSON at byte \(offset): \(reason)" }
    }

    public static func parse(_ text: String) throws -> JSONValue {
        var text = text
        return try text.withUTF8 { try parse(utf8: $0) }
    }

    public static func parse(utf8 bytes: UnsafeBufferPointer<UInt8>) throws -> JSONValue {
        var reader = Reader(bytes: bytes)
        reader.skipWhitespace()
        let value = try reader.readValue(depth: 0)
        reader.skipWhitespace()
        guard reader.position == bytes.count else { throw reader.error("unexpected data after the value") }
        return value
    }

    public static func parse(data: some Collection<UInt8>) throws -> JSONValue {
        let bytes = Array(data)
        return try bytes.withUnsafeBufferPointer { try parse(utf8: $0) }
    }
}

private struct Reader {
    let bytes: UnsafeBufferPointer<UInt8>
    var position = 0

    /// Deeper nesting than this is refused rather than risking the stack.
    static let maximumDepth = 512

    init(bytes: UnsafeBufferPointer<UInt8>) {
        self.bytes = bytes
    }

    func error(_ reason: String) -> JSONParser.Error {
        JSONParser.Error(offset: position, reason: reason)
    }

    var current: UInt8? { position < bytes.count ? bytes[position] : nil }

    mutating func skipWhitespace() {
        while let c = current, c == 0x20 || c == 0x0A || c == 0x0D || c == 0x09 { position += 1 }
    }

    mutating func expect(_ literal: String, value: JSONValue) throws -> JSONValue {
        for byte in literal.utf8 {
            guard current == byte else { throw error("expected '\(literal)'") }
            position += 1
        }
        return value
    }

    mutating func readValue(depth: Int) throws -> JSONValue {
        guard depth < Self.maximumDepth else { throw error("nested too deeply") }
        guard let c = current else { throw error("unexpected end of input") }
        switch c {
        case UInt8(ascii: "{"): return try readObject(depth: depth)
        case UInt8(ascii: "["): return try readArray(depth: depth)
        case UInt8(ascii: "\""): return .string(try readString())
        case UInt8(ascii: "t"): return try expect("true", value: .bool(true))
        case UInt8(ascii: "f"): return try expect("false", value: .bool(false))
        case UInt8(ascii: "n"): return try expect("null", value: .null)
        case UInt8(ascii: "N"): return try expect("NaN", value: .number(.nan))
        case UInt8(ascii: "I"): return try expect("Infinity", value: .number(.infinity))
        default: return try readNumber()
        }
    }

    mutating func readObject(depth: Int) throws -> JSONValue {
        position += 1
        var members: [JSONMember] = []
        skipWhitespace()
        if current == UInt8(ascii: "}") {
            position += 1
            return .object(members)
        }
        while true {
            skipWhitespace()
            guard current == UInt8(ascii: "\"") else { throw error("expected a member name in quotes") }
            let key = try readString()
            skipWhitespace()
            guard current == UInt8(ascii: ":") else { throw error("expected ':' after a member name") }
            position += 1
            skipWhitespace()
            members.append(JSONMember(key, try readValue(depth: depth + 1)))
            skipWhitespace()
            switch current {
            case UInt8(ascii: ","): position += 1
            case UInt8(ascii: "}"):
                position += 1
                return .object(members)
            default: throw error("expected ',' or '}' in an object")
            }
        }
    }

    mutating func readArray(depth: Int) throws -> JSONValue {
        position += 1
        var items: [JSONValue] = []
        skipWhitespace()
        if current == UInt8(ascii: "]") {
            position += 1
            return .array(items)
        }
        while true {
            skipWhitespace()
            items.append(try readValue(depth: depth + 1))
            skipWhitespace()
            switch current {
            case UInt8(ascii: ","): position += 1
            case UInt8(ascii: "]"):
                position += 1
                return .array(items)
            default: throw error("expected ',' or ']' in an array")
            }
        }
    }

    mutating func readNumber() throws -> JSONValue {
        let start = position
        if current == UInt8(ascii: "-") {
            position += 1
            if current == UInt8(ascii: "I") { return try expect("Infinity", value: .number(-.infinity)) }
        }
        var isInteger = true
        let digitsStart = position
        while let c = current, c >= 0x30 && c <= 0x39 { position += 1 }
        guard position > digitsStart else { throw error("unexpected character") }
        if current == UInt8(ascii: ".") {
            isInteger = false
            position += 1
            let fractionStart = position
            while let c = current, c >= 0x30 && c <= 0x39 { position += 1 }
            guard position > fractionStart else { throw error("expected digits after '.'") }
        }
        if current == UInt8(ascii: "e") || current == UInt8(ascii: "E") {
            isInteger = false
            position += 1
            if current == UInt8(ascii: "+") || current == UInt8(ascii: "-") { position += 1 }
            let exponentStart = position
            while let c = current, c >= 0x30 && c <= 0x39 { position += 1 }
            guard position > exponentStart else { throw error("expected digits in the exponent") }
        }
        let text = String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<position]), as: UTF8.self)
        if isInteger, let integer = Int(text) { return .integer(integer) }
        guard let double = Double(text) else { throw error("number out of range") }
        return .number(double)
    }

    mutating func readString() throws -> String {
        position += 1
        var scalars = String.UnicodeScalarView()
        var runStart = position
        func flushRun(_ end: Int) {
            if end > runStart {
                let run = String(decoding: UnsafeBufferPointer(rebasing: bytes[runStart..<end]), as: UTF8.self)
                scalars.append(contentsOf: run.unicodeScalars)
            }
        }
        while true {
            guard let c = current else { throw error("unterminated string") }
            switch c {
            case UInt8(ascii: "\""):
                flushRun(position)
                position += 1
                return String(scalars)
            case UInt8(ascii: "\\"):
                flushRun(position)
                position += 1
                scalars.append(try readEscape())
                runStart = position
            case 0..<0x20:
                throw error("control character in a string")
            default:
                position += 1
            }
        }
    }

    mutating func readEscape() throws -> Unicode.Scalar {
        guard let c = current else { throw error("unterminated escape") }
        position += 1
        switch c {
        case UInt8(ascii: "\""): return "\""
        case UInt8(ascii: "\\"): return "\\"
        case UInt8(ascii: "/"): return "/"
        case UInt8(ascii: "b"): return "\u{08}"
        case UInt8(ascii: "f"): return "\u{0C}"
        case UInt8(ascii: "n"): return "\n"
        case UInt8(ascii: "r"): return "\r"
        case UInt8(ascii: "t"): return "\t"
        case UInt8(ascii: "u"):
            let unit = try readHex4()
            if (0xD800..<0xDC00).contains(unit), current == UInt8(ascii: "\\"),
               position + 1 < bytes.count, bytes[position + 1] == UInt8(ascii: "u") {
                let saved = position
                position += 2
                let low = try readHex4()
                if (0xDC00..<0xE000).contains(low),
                   let scalar = Unicode.Scalar(0x10000 + ((unit - 0xD800) << 10) + (low - 0xDC00)) {
                    return scalar
                }
                position = saved
            }
            // A lone surrogate cannot live in a Swift string; Python would keep it.
            return Unicode.Scalar(unit) ?? "\u{FFFD}"
        default:
            throw error("invalid escape")
        }
    }

    mutating func readHex4() throws -> UInt32 {
        var value: UInt32 = 0
        for _ in 0..<4 {
            guard let c = current else { throw error("unterminated \\u escape") }
            let digit: UInt32
            switch c {
            case 0x30...0x39: digit = UInt32(c - 0x30)
            case 0x41...0x46: digit = UInt32(c - 0x41 + 10)
            case 0x61...0x66: digit = UInt32(c - 0x61 + 10)
            default: throw error("invalid \\u escape")
            }
            value = value << 4 | digit
            position += 1
        }
        return value
    }
}
