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
        var reader = JSONReader(bytes: bytes)
        reader.skipWhitespace()
        let value = try reader.readValue(depth: 0)
        reader.skipWhitespace()
        guard reader.position == bytes.count else { throw reader.error("unexpected data after the value") }
        return value
    }

    /// The members named in `names` of the JSON object in `bytes` whose values are strings, in
    /// the order of `names` (nil where a member is missing or not a string). The whole document
    /// is checked, but nothing else is built: for reading a few fields of a large object.
    /// - Returns: nil when `bytes` hold valid JSON that is not an object.
    public static func stringMembers(_ names: [String], ofObject bytes: UnsafeBufferPointer<UInt8>) throws -> [String?]? {
        var reader = JSONReader(bytes: bytes)
        reader.skipWhitespace()
        guard reader.current == UInt8(ascii: "{") else {
            try reader.skipValue(depth: 0)
            reader.skipWhitespace()
            guard reader.position == bytes.count else { throw reader.error("unexpected data after the value") }
            return nil
        }
        let members = try reader.readStringMembers(names)
        reader.skipWhitespace()
        guard reader.position == bytes.count else { throw reader.error("unexpected data after the value") }
        return members
    }

    public static func parse(data: some Collection<UInt8>) throws -> JSONValue {
        let bytes = Array(data)
        return try bytes.withUnsafeBufferPointer { try parse(utf8: $0) }
    }
}

/// The parser's cursor over UTF-8 input.
struct JSONReader {
    let bytes: UnsafeBufferPointer<UInt8>
    var position = 0
    /// Where `readString` decodes escaped strings.
    let scratch = ByteScratch()

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
        var members: [JSONMember] = []
        try forEachMember { reader, key in members.append(JSONMember(key, try reader.readValue(depth: depth + 1))) }
        return .object(members)
    }

    mutating func readArray(depth: Int) throws -> JSONValue {
        var items: [JSONValue] = []
        try forEachItem { reader in items.append(try reader.readValue(depth: depth + 1)) }
        return .array(items)
    }

    /// Walks the object at the cursor, handing each member's name to `readValue`, which must
    /// move past the member's value.
    mutating func forEachMember(_ readValue: (inout JSONReader, String) throws -> Void) throws {
        position += 1
        skipWhitespace()
        if current == UInt8(ascii: "}") {
            position += 1
            return
        }
        while true {
            skipWhitespace()
            guard current == UInt8(ascii: "\"") else { throw error("expected a member name in quotes") }
            let key = try readString()
            skipWhitespace()
            guard current == UInt8(ascii: ":") else { throw error("expected ':' after a member name") }
            position += 1
            skipWhitespace()
            try readValue(&self, key)
            skipWhitespace()
            switch current {
            case UInt8(ascii: ","): position += 1
            case UInt8(ascii: "}"):
                position += 1
                return
            default: throw error("expected ',' or '}' in an object")
            }
        }
    }

    /// Walks the array at the cursor; `readItem` must move past each item.
    mutating func forEachItem(_ readItem: (inout JSONReader) throws -> Void) throws {
        position += 1
        skipWhitespace()
        if current == UInt8(ascii: "]") {
            position += 1
            return
        }
        while true {
            skipWhitespace()
            try readItem(&self)
            skipWhitespace()
            switch current {
            case UInt8(ascii: ","): position += 1
            case UInt8(ascii: "]"):
                position += 1
                return
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

    /// Reads a string in one pass. A string without escapes is made straight from the input;
    /// otherwise its plain runs and decoded escapes are gathered in `scratch`, which is kept
    /// between strings. Skill sources are full of `\n` and `\"`, so this is the parser's hot
    /// loop; plain runs are skipped eight bytes at a time.
    mutating func readString() throws -> String {
        let quote = UInt8(ascii: "\""), backslash = UInt8(ascii: "\\")
        let start = position + 1
        var index = start, runStart = start
        var hasEscapes = false
        scratch.removeAll()
        while true {
            index = Self.plainRunEnd(bytes, from: index, to: bytes.count)
            guard index < bytes.count else {
                position = bytes.count
                throw error("unterminated string")
            }
            let byte = bytes[index]
            if byte == quote {
                position = index + 1
                guard hasEscapes else { return String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<index]), as: UTF8.self) }
                scratch.append(UnsafeBufferPointer(rebasing: bytes[runStart..<index]))
                return String(decoding: scratch.bytes, as: UTF8.self)
            }
            guard byte == backslash else {
                position = index
                throw error("control character in a string")
            }
            guard index + 1 < bytes.count else {
                position = bytes.count
                throw error("unterminated string")
            }
            hasEscapes = true
            scratch.append(UnsafeBufferPointer(rebasing: bytes[runStart..<index]))
            let escape = bytes[index + 1]
            index += 2
            switch escape {
            case quote, backslash, UInt8(ascii: "/"): scratch.append(escape)
            case UInt8(ascii: "b"): scratch.append(0x08)
            case UInt8(ascii: "f"): scratch.append(0x0C)
            case UInt8(ascii: "n"): scratch.append(0x0A)
            case UInt8(ascii: "r"): scratch.append(0x0D)
            case UInt8(ascii: "t"): scratch.append(0x09)
            case UInt8(ascii: "u"):
                guard let (scalar, used) = Self.unicodeEscape(bytes, at: index) else {
                    throw JSONParser.Error(offset: index, reason: "invalid \\u escape")
                }
                index += used
                UTF8.encode(scalar, into: scratch.append)
            default:
                throw JSONParser.Error(offset: index - 1, reason: "invalid escape")
            }
            runStart = index
        }
    }

    /// The index of the first byte from `start` that is a quote, a backslash or a control
    /// character (or `end`). Tests eight bytes at once with the "has a byte less than n" /
    /// "has a zero byte" tricks, then finishes byte by byte.
    @inline(__always)
    static func plainRunEnd(_ text: UnsafeBufferPointer<UInt8>, from start: Int, to end: Int) -> Int {
        var i = start
        if let base = text.baseAddress {
            let ones: UInt64 = 0x0101_0101_0101_0101, highs: UInt64 = 0x8080_8080_8080_8080
            while i + 8 <= end {
                let word = UnsafeRawPointer(base + i).loadUnaligned(as: UInt64.self)
                let quotes = word ^ (ones &* 0x22), backslashes = word ^ (ones &* 0x5C)
                let special = ((quotes &- ones) & ~quotes) | ((backslashes &- ones) & ~backslashes) | ((word &- ones &* 0x20) & ~word)
                if special & highs != 0 { break }
                i += 8
            }
        }
        while i < end, text[i] != 0x22, text[i] != 0x5C, text[i] >= 0x20 { i += 1 }
        return i
    }

    /// The scalar of the `XXXX` after `\u` at `index`, joining a surrogate pair written as two
    /// escapes, and how many bytes it used; nil when the digits are not hexadecimal.
    static func unicodeEscape(_ text: UnsafeBufferPointer<UInt8>, at index: Int) -> (Unicode.Scalar, Int)? {
        guard let unit = hex4(text, at: index) else { return nil }
        if (0xD800..<0xDC00).contains(unit), index + 10 <= text.count,
           text[index + 4] == UInt8(ascii: "\\"), text[index + 5] == UInt8(ascii: "u"),
           let low = hex4(text, at: index + 6), (0xDC00..<0xE000).contains(low),
           let scalar = Unicode.Scalar(0x10000 + ((unit - 0xD800) << 10) + (low - 0xDC00)) {
            return (scalar, 10)
        }
        // A lone surrogate cannot live in a Swift string; Python would keep it.
        return (Unicode.Scalar(unit) ?? "\u{FFFD}", 4)
    }

    static func hex4(_ text: UnsafeBufferPointer<UInt8>, at index: Int) -> UInt32? {
        guard index + 4 <= text.count else { return nil }
        var value: UInt32 = 0
        for c in text[index..<(index + 4)] {
            let digit: UInt32
            switch c {
            case 0x30...0x39: digit = UInt32(c - 0x30)
            case 0x41...0x46: digit = UInt32(c - 0x41 + 10)
            case 0x61...0x66: digit = UInt32(c - 0x61 + 10)
            default: return nil
            }
            value = value << 4 | digit
        }
        return value
    }
}
