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

    /// How many leading bytes of `word` (8 bytes, little-endian) are identifier bytes,
    /// computed on all eight at once: a byte-by-byte loop mispredicts its exit on nearly
    /// every name. Each byte's high bit answers one range test; the ranges are ASCII only.
    @inline(__always)
    static func identifierPrefixLength(of word: UInt64) -> Int {
        let highBits: UInt64 = 0x8080_8080_8080_8080
        let low = word & 0x7F7F_7F7F_7F7F_7F7F
        /// The high bit of each byte of `atLeast(x, bound)` is set where that byte is >= bound.
        func atLeast(_ bytes: UInt64, _ bound: UInt64) -> UInt64 {
            (bytes &+ (0x80 &- bound) &* 0x0101_0101_0101_0101) & highBits
        }
        let folded = low | 0x2020_2020_2020_2020
        let digit = atLeast(low, 0x30) & ~atLeast(low, 0x3A)
        let letter = atLeast(folded, 0x61) & ~atLeast(folded, 0x7B)
        let underscore = ~atLeast(low ^ 0x5F5F_5F5F_5F5F_5F5F, 1) & highBits
        let identifier = (digit | letter | underscore) & ~word
        return (~identifier & highBits).trailingZeroBitCount >> 3
    }

    /// How many leading bytes of `word` (8 bytes, little-endian) are spaces: the high bit of
    /// each byte of `nonSpace` is set where the byte differs from a space.
    @inline(__always)
    static func spacePrefixLength(of word: UInt64) -> Int {
        let difference = word ^ 0x2020_2020_2020_2020
        let lowBits: UInt64 = 0x7F7F_7F7F_7F7F_7F7F
        let nonSpace = ((difference & lowBits) &+ lowBits | difference) & ~lowBits
        return nonSpace.trailingZeroBitCount >> 3
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
