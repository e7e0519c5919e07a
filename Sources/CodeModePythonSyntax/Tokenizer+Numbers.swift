/// Number literals. Accepted forms follow the language reference exactly; forms that are
/// valid but unusual (`00`, `0_0`, `007.5`) are refused to keep the rules short.
extension Tokenizer {
    mutating func scanNumber() throws(Rejection) {
        let start = position
        let first = byte(position)
        if first == UInt8(ascii: "0"), try scanRadixInteger() {
            return try finishNumber(start: start)
        }
        if first == UInt8(ascii: "0") && (ByteClass.isDigit(byte(position + 1)) || byte(position + 1) == UInt8(ascii: "_")) {
            throw rejection("unsupported: number with leading zero")
        }
        if first != UInt8(ascii: ".") {
            try scanDigitPart(ByteClass.isDigit)
        }
        if byte(position) == UInt8(ascii: ".") {
            position += 1
            if ByteClass.isDigit(byte(position)) {
                try scanDigitPart(ByteClass.isDigit)
            }
        }
        if byte(position) | 0x20 == UInt8(ascii: "e") {
            position += 1
            if byte(position) == UInt8(ascii: "+") || byte(position) == UInt8(ascii: "-") {
                position += 1
            }
            guard ByteClass.isDigit(byte(position)) else { throw rejection("tokenize: invalid exponent") }
            try scanDigitPart(ByteClass.isDigit)
        }
        if byte(position) | 0x20 == UInt8(ascii: "j") {
            position += 1
        }
        try finishNumber(start: start)
    }

    /// `0x…`, `0o…`, `0b…`; returns false when the literal has no radix prefix.
    private mutating func scanRadixInteger() throws(Rejection) -> Bool {
        let isDigitOfRadix: (UInt8) -> Bool
        switch byte(position + 1) | 0x20 {
        case UInt8(ascii: "x"): isDigitOfRadix = ByteClass.isHexDigit
        case UInt8(ascii: "o"): isDigitOfRadix = ByteClass.isOctalDigit
        case UInt8(ascii: "b"): isDigitOfRadix = ByteClass.isBinaryDigit
        default: return false
        }
        position += 2
        if byte(position) == UInt8(ascii: "_") {
            position += 1
        }
        guard isDigitOfRadix(byte(position)) else { throw rejection("tokenize: invalid radix literal") }
        try scanDigitPart(isDigitOfRadix)
        return true
    }

    /// `digit (["_"] digit)*`, positioned on the first digit.
    private mutating func scanDigitPart(_ isDigit: (UInt8) -> Bool) throws(Rejection) {
        position += 1
        while true {
            let current = byte(position)
            if isDigit(current) {
                position += 1
            } else if current == UInt8(ascii: "_") {
                guard isDigit(byte(position + 1)) else { throw rejection("tokenize: invalid underscore in number") }
                position += 2
            } else {
                return
            }
        }
    }

    /// A letter, digit or underscore right after a literal is an error (or, in 3.12+, a
    /// warning such as `1if x else y`); either way Python decides.
    private func finishNumber(start: Int) throws(Rejection) {
        let next = byte(position)
        guard !ByteClass.isIdentifierContinue(next) && next < 0x80 else {
            throw rejection("tokenize: invalid number literal")
        }
        guard position - start <= Self.maximumNumberLength else {
            throw rejection("unsupported: very long number literal")
        }
    }
}
