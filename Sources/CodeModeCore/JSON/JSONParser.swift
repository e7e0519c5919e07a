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

    /// Reads a string in two passes: `stringEnd` finds its end and checks it, then the escapes
    /// are decoded straight into the String's storage. Both go a byte at a time: skill sources
    /// have a `\n` or `\"` every few bytes, too often for wider steps to pay.
    mutating func readString() throws -> String {
        let (end, hasEscapes) = try stringEnd()
        let content = UnsafeBufferPointer(rebasing: bytes[(position + 1)..<end])
        position = end + 1
        guard hasEscapes else { return String(decoding: content, as: UTF8.self) }
        // The escapes are known to be valid, and decoded text is never longer than escaped.
        return String(unsafeUninitializedCapacity: content.count) { out in
            var index = 0, count = 0
            while index < content.count {
                let byte = content[index]
                guard byte == UInt8(ascii: "\\") else {
                    out[count] = byte
                    count += 1
                    index += 1
                    continue
                }
                let escape = content[index + 1]
                index += 2
                switch escape {
                case UInt8(ascii: "b"): out[count] = 0x08
                case UInt8(ascii: "f"): out[count] = 0x0C
                case UInt8(ascii: "n"): out[count] = 0x0A
                case UInt8(ascii: "r"): out[count] = 0x0D
                case UInt8(ascii: "t"): out[count] = 0x09
                case UInt8(ascii: "u"):
                    let (scalar, used) = Self.unicodeEscape(content, at: index) ?? ("\u{FFFD}", 4)
                    index += used
                    UTF8.encode(scalar) { byte in
                        out[count] = byte
                        count += 1
                    }
                    continue
                default: out[count] = escape  // `"`, `\` or `/`
                }
                count += 1
            }
            return count
        }
    }

    /// The index of the quote that ends the string starting at the cursor, and whether the
    /// string has escapes; throws on a control character, an invalid escape or a missing end.
    func stringEnd() throws -> (end: Int, hasEscapes: Bool) {
        var index = position + 1
        var hasEscapes = false
        while index < bytes.count {
            let byte = bytes[index]
            if byte == UInt8(ascii: "\"") { return (index, hasEscapes) }
            if byte < 0x20 { throw JSONParser.Error(offset: index, reason: "control character in a string") }
            guard byte == UInt8(ascii: "\\") else {
                index += 1
                continue
            }
            hasEscapes = true
            guard index + 1 < bytes.count else { break }
            switch bytes[index + 1] {
            case UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "/"), UInt8(ascii: "b"), UInt8(ascii: "f"),
                 UInt8(ascii: "n"), UInt8(ascii: "r"), UInt8(ascii: "t"):
                index += 2
            case UInt8(ascii: "u"):
                guard Self.hex4(bytes, at: index + 2) != nil else {
                    throw JSONParser.Error(offset: index + 2, reason: "invalid \\u escape")
                }
                index += 6
            default:
                throw JSONParser.Error(offset: index + 1, reason: "invalid escape")
            }
        }
        throw JSONParser.Error(offset: bytes.count, reason: "unterminated string")
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
