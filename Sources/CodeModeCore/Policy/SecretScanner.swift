import Foundation

/// Finds credentials in source text: private key blocks, AWS access key ids, GitHub and Slack
/// tokens (by their documented prefixes), and string literals of high entropy assigned to a
/// name like `password`, `secret`, `token` or `api_key`. One pass over the bytes, line by line.
enum SecretScanner {
    struct Finding: Equatable {
        var line: Int
        /// What was found: `a private key`, `an AWS access key id`, …
        var kind: String
    }

    static func findings(in source: [UInt8]) -> [Finding] {
        var findings: [Finding] = []
        var line = 1
        var start = 0
        while start < source.count {
            let end = source[start...].firstIndex(of: UInt8(ascii: "\n")) ?? source.count
            if let kind = scan(source[start..<end]) { findings.append(Finding(line: line, kind: kind)) }
            line += 1
            start = end + 1
        }
        return findings
    }

    /// The first kind of credential on one line, if any.
    private static func scan(_ line: ArraySlice<UInt8>) -> String? {
        if contains(line, "-----BEGIN "), contains(line, "PRIVATE KEY-----") { return "a private key" }
        for (prefix, minimum, alphabet, kind) in tokenShapes {
            if hasToken(line, prefix: prefix, minimumLength: minimum, alphabet: alphabet) { return kind }
        }
        return assignedSecret(line) ? "a password or token literal" : nil
    }

    private typealias Alphabet = @Sendable (UInt8) -> Bool
    private static let upperOrDigit: Alphabet = { (65...90).contains($0) || (48...57).contains($0) }
    private static let alphanumeric: Alphabet = { upperOrDigit($0) || (97...122).contains($0) }
    private static let alphanumericUnderscore: Alphabet = { alphanumeric($0) || $0 == 95 }
    private static let alphanumericDash: Alphabet = { alphanumeric($0) || $0 == 45 }

    private static let tokenShapes: [(String, Int, Alphabet, String)] = [
        ("AKIA", 16, upperOrDigit, "an AWS access key id"),
        ("ASIA", 16, upperOrDigit, "an AWS access key id"),
        ("ghp_", 36, alphanumeric, "a GitHub token"), ("gho_", 36, alphanumeric, "a GitHub token"),
        ("ghu_", 36, alphanumeric, "a GitHub token"), ("ghs_", 36, alphanumeric, "a GitHub token"),
        ("ghr_", 36, alphanumeric, "a GitHub token"), ("github_pat_", 22, alphanumericUnderscore, "a GitHub token"),
        ("xoxb-", 10, alphanumericDash, "a Slack token"), ("xoxa-", 10, alphanumericDash, "a Slack token"),
        ("xoxp-", 10, alphanumericDash, "a Slack token"), ("xoxr-", 10, alphanumericDash, "a Slack token"),
        ("xoxs-", 10, alphanumericDash, "a Slack token"),
    ]

    /// `prefix` at a word start, followed by at least `minimumLength` characters of `alphabet`.
    private static func hasToken(_ line: ArraySlice<UInt8>, prefix: String, minimumLength: Int, alphabet: Alphabet) -> Bool {
        let prefixBytes = Array(prefix.utf8)
        var index = line.startIndex
        while let found = find(prefixBytes, in: line, from: index) {
            let atWordStart = found == line.startIndex || !alphanumericUnderscore(line[found - 1])
            var end = found + prefixBytes.count
            while end < line.endIndex && alphabet(line[end]) { end += 1 }
            if atWordStart && end - found - prefixBytes.count >= minimumLength { return true }
            index = found + 1
        }
        return false
    }

    private static let secretWords = ["password", "passwd", "secret", "api_key", "apikey", "token", "access_key", "private_key"]

    /// `password = "…"`, `"api_key": "…"`, `TOKEN='…'`: a name holding a secret word, `=` or
    /// `:`, then a quoted value of at least 8 characters, no spaces, and high entropy — so
    /// `password = "changeme"` or `token = "<your token>"` pass, random strings do not.
    private static func assignedSecret(_ line: ArraySlice<UInt8>) -> Bool {
        let lowered = line.map { (65...90).contains($0) ? $0 + 32 : $0 }[...]
        for word in secretWords {
            var index = lowered.startIndex
            while let found = find(Array(word.utf8), in: lowered, from: index) {
                index = found + 1
                var cursor = found + word.utf8.count
                while cursor < lowered.endIndex && alphanumericUnderscore(lowered[cursor]) { cursor += 1 }
                if cursor < lowered.endIndex && (lowered[cursor] == 34 || lowered[cursor] == 39) { cursor += 1 }  // a dict key's closing quote
                while cursor < lowered.endIndex && lowered[cursor] == 32 { cursor += 1 }
                guard cursor < lowered.endIndex, lowered[cursor] == 61 || lowered[cursor] == 58 else { continue }  // = or :
                cursor += 1
                if cursor < lowered.endIndex && lowered[cursor] == 61 { continue }  // ==, a comparison
                while cursor < lowered.endIndex && lowered[cursor] == 32 { cursor += 1 }
                guard cursor < line.endIndex, line[cursor] == 34 || line[cursor] == 39 else { continue }
                let quote = line[cursor]
                let valueStart = cursor + 1
                guard let valueEnd = line[valueStart...].firstIndex(of: quote) else { continue }
                let value = line[valueStart..<valueEnd]
                if value.count >= 8 && !value.contains(32) && entropy(value) >= 3.0 { return true }
            }
        }
        return false
    }

    /// Shannon entropy in bits per character.
    private static func entropy(_ value: ArraySlice<UInt8>) -> Double {
        var counts: [UInt8: Int] = [:]
        for byte in value { counts[byte, default: 0] += 1 }
        let total = Double(value.count)
        return counts.values.reduce(0) { sum, count in
            let share = Double(count) / total
            return sum - share * log2(share)
        }
    }

    private static func contains(_ line: ArraySlice<UInt8>, _ text: String) -> Bool {
        find(Array(text.utf8), in: line, from: line.startIndex) != nil
    }

    private static func find(_ needle: [UInt8], in haystack: ArraySlice<UInt8>, from start: Int) -> Int? {
        guard let first = needle.first, haystack.endIndex - start >= needle.count else { return nil }
        var index = start
        while index + needle.count <= haystack.endIndex {
            if haystack[index] == first && haystack[index..<index + needle.count].elementsEqual(needle) { return index }
            index += 1
        }
        return nil
    }
}
