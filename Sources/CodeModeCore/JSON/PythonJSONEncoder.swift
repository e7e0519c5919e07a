/// Writes JSON exactly as Python's `json.dumps` does with its defaults
/// (`ensure_ascii=True`, separators `", "` and `": "`, or `","` and newlines with `indent`).
///
/// py-code-mode stores values written this way in Redis and in `.artifacts.json`;
/// writing the same bytes means a round trip through CodeMode never shows as a change.
public struct PythonJSONEncoder: Sendable {
    /// Spaces per nesting level, as `json.dumps(indent=...)`; nil writes everything on one line.
    public var indent: Int?

    public init(indent: Int? = nil) {
        self.indent = indent
    }

    public func encode(_ value: JSONValue) -> String {
        var out: [UInt8] = []
        out.reserveCapacity(256)
        write(value, level: 0, into: &out)
        return String(decoding: out, as: UTF8.self)
    }

    /// Appends the encoding of `value` to `out`, for callers building large documents.
    public func write(_ value: JSONValue, into out: inout [UInt8]) {
        write(value, level: 0, into: &out)
    }

    private func write(_ value: JSONValue, level: Int, into out: inout [UInt8]) {
        switch value {
        case .null: out.append(contentsOf: "null".utf8)
        case .bool(let b): out.append(contentsOf: (b ? "true" : "false").utf8)
        case .integer(let i): out.append(contentsOf: String(i).utf8)
        case .number(let d): out.append(contentsOf: PythonFloat.repr(d).utf8)
        case .string(let s): Self.writeString(s, into: &out)
        case .array(let items):
            writeContainer(items, open: UInt8(ascii: "["), close: UInt8(ascii: "]"), level: level, into: &out) { item, out in
                write(item, level: level + 1, into: &out)
            }
        case .object(let members):
            writeContainer(members, open: UInt8(ascii: "{"), close: UInt8(ascii: "}"), level: level, into: &out) { member, out in
                Self.writeString(member.key, into: &out)
                out.append(contentsOf: ": ".utf8)
                write(member.value, level: level + 1, into: &out)
            }
        }
    }

    private func writeContainer<Element>(
        _ elements: [Element], open: UInt8, close: UInt8, level: Int, into out: inout [UInt8],
        writeElement: (Element, inout [UInt8]) -> Void
    ) {
        out.append(open)
        guard !elements.isEmpty else {
            out.append(close)
            return
        }
        for (index, element) in elements.enumerated() {
            if let indent {
                if index > 0 { out.append(UInt8(ascii: ",")) }
                Self.writeNewline(indentedBy: indent * (level + 1), into: &out)
            } else if index > 0 {
                out.append(contentsOf: ", ".utf8)
            }
            writeElement(element, &out)
        }
        if let indent { Self.writeNewline(indentedBy: indent * level, into: &out) }
        out.append(close)
    }

    /// A newline and the spaces after it, copied in slices: `--json` listings of thousands
    /// of skills are mostly indentation.
    private static let newlineAndSpaces = [UInt8(ascii: "\n")] + [UInt8](repeating: UInt8(ascii: " "), count: 128)

    private static func writeNewline(indentedBy spaces: Int, into out: inout [UInt8]) {
        out.append(contentsOf: newlineAndSpaces[...min(spaces, newlineAndSpaces.count - 1)])
        if spaces >= newlineAndSpaces.count {
            out.append(contentsOf: repeatElement(UInt8(ascii: " "), count: spaces - (newlineAndSpaces.count - 1)))
        }
    }

    private static let hexDigits = Array("0123456789abcdef".utf8)

    /// Python's `ensure_ascii` escaping: printable ASCII stays, everything else becomes
    /// `\uXXXX` (UTF-16 code units, so characters beyond the BMP become surrogate pairs).
    ///
    /// Escaping goes a byte at a time through a scratch block, so `out` grows once per few
    /// kilobytes: skill sources need a `\n` or `\"` every few bytes, too often for copying
    /// runs to pay.
    static func writeString(_ string: String, into out: inout [UInt8]) {
        out.append(UInt8(ascii: "\""))
        var string = string
        string.withUTF8 { bytes in
            escapes.withUnsafeBufferPointer { escapes in
                // A block may run up to three bytes past `blockSize` to finish a character; no
                // byte takes more than six bytes escaped.
                withUnsafeTemporaryAllocation(of: UInt8.self, capacity: (blockSize + 3) * 6) { scratch in
                    guard let scratch = scratch.baseAddress else { return }
                    var start = 0
                    while start < bytes.count {
                        var end = min(start + blockSize, bytes.count)
                        while end < bytes.count && bytes[end] & 0xC0 == 0x80 { end += 1 }
                        let written = escape(UnsafeBufferPointer(rebasing: bytes[start..<end]), into: scratch, escapes: escapes)
                        out.append(contentsOf: UnsafeBufferPointer(start: scratch, count: written))
                        start = end
                    }
                }
            }
        }
        out.append(UInt8(ascii: "\""))
    }

    private static let blockSize = 4_096

    /// For each byte: 0 when it is written as it is, else the letter of its escape — `u` for
    /// `\uXXXX`, which every byte outside printable ASCII gets.
    private static let escapes: [UInt8] = (0...255).map { byte in
        switch byte {
        case 0x22: 0x22
        case 0x5C: 0x5C
        case 0x0A: UInt8(ascii: "n")
        case 0x0D: UInt8(ascii: "r")
        case 0x09: UInt8(ascii: "t")
        case 0x08: UInt8(ascii: "b")
        case 0x0C: UInt8(ascii: "f")
        case 0x20...0x7E: 0
        default: UInt8(ascii: "u")
        }
    }

    /// Writes the escaped form of `bytes` (whole UTF-8 characters) to `out`; returns its length.
    private static func escape(_ bytes: UnsafeBufferPointer<UInt8>, into out: UnsafeMutablePointer<UInt8>,
                               escapes: UnsafeBufferPointer<UInt8>) -> Int {
        var index = 0, written = 0
        while index < bytes.count {
            let byte = bytes[index]
            let letter = escapes[Int(byte)]
            if letter == 0 {
                out[written] = byte
                written += 1
                index += 1
            } else if byte >= 0x80 {
                // A multi-byte sequence: the string is valid UTF-8, so its length follows from
                // the lead byte.
                let length = byte >= 0xF0 ? 4 : byte >= 0xE0 ? 3 : 2
                var scalar = UInt32(byte) & (0xFF >> (length + 1))
                for offset in 1..<length { scalar = scalar << 6 | UInt32(bytes[index + offset] & 0x3F) }
                if scalar > 0xFFFF {
                    let value = scalar - 0x10000
                    written += writeEscaped(UInt16(0xD800 + (value >> 10)), to: out + written)
                    written += writeEscaped(UInt16(0xDC00 + (value & 0x3FF)), to: out + written)
                } else {
                    written += writeEscaped(UInt16(scalar), to: out + written)
                }
                index += length
            } else if letter == UInt8(ascii: "u") {
                written += writeEscaped(UInt16(byte), to: out + written)
                index += 1
            } else {
                out[written] = 0x5C
                out[written + 1] = letter
                written += 2
                index += 1
            }
        }
        return written
    }

    /// Writes `\uXXXX` for `unit`; returns its length, 6.
    private static func writeEscaped(_ unit: UInt16, to out: UnsafeMutablePointer<UInt8>) -> Int {
        out[0] = 0x5C
        out[1] = UInt8(ascii: "u")
        for digit in 0..<4 {
            out[2 + digit] = hexDigits[Int((unit >> UInt16(12 - 4 * digit)) & 0xF)]
        }
        return 6
    }
}
