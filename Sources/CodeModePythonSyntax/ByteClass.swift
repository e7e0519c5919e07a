/// ASCII classification for the tokenizer. Non-ASCII bytes are never identifier characters:
/// the pre-check refuses non-ASCII names rather than model NFKC and XID rules.
enum ByteClass {
    /// Bitmaps over ASCII: bit `b` of word `b >> 6` is set for identifier bytes.
    private static let identifierStartHigh: UInt64 = 0x07FF_FFFE_87FF_FFFE
    private static let identifierContinueLow: UInt64 = 0x03FF_0000_0000_0000
    private static let identifierContinueHigh: UInt64 = 0x07FF_FFFE_87FF_FFFE

    @inline(__always)
    static func isIdentifierStart(_ byte: UInt8) -> Bool {
        byte >= 64 && byte < 128 && (identifierStartHigh >> UInt64(byte & 63)) & 1 == 1
    }

    @inline(__always)
    static func isIdentifierContinue(_ byte: UInt8) -> Bool {
        if byte < 64 { return (identifierContinueLow >> UInt64(byte)) & 1 == 1 }
        return byte < 128 && (identifierContinueHigh >> UInt64(byte & 63)) & 1 == 1
    }

    @inline(__always)
    static func isDigit(_ byte: UInt8) -> Bool {
        byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9")
    }

    @inline(__always)
    static func isHexDigit(_ byte: UInt8) -> Bool {
        isDigit(byte) || ((byte | 0x20) >= UInt8(ascii: "a") && (byte | 0x20) <= UInt8(ascii: "f"))
    }

    @inline(__always)
    static func isOctalDigit(_ byte: UInt8) -> Bool {
        byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "7")
    }

    @inline(__always)
    static func isBinaryDigit(_ byte: UInt8) -> Bool {
        byte == UInt8(ascii: "0") || byte == UInt8(ascii: "1")
    }

    static func hexValue(_ byte: UInt8) -> UInt32 {
        isDigit(byte) ? UInt32(byte - UInt8(ascii: "0")) : UInt32((byte | 0x20) - UInt8(ascii: "a") + 10)
    }
}
