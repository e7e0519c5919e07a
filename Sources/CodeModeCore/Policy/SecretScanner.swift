import Foundation

/// Finds credentials in source text: private key blocks, AWS access key ids, GitHub and Slack
/// tokens (by their documented prefixes), and string literals of high entropy assigned to a
/// name like `password`, `secret`, `token` or `api_key`.
enum SecretScanner {
    struct Finding: Equatable {
        var line: Int
        /// What was found: `a private key`, `an AWS access key id`, …
        var kind: String
    }

    /// One pass: only at bytes that can start a credential (`-`, `A`, `g`, `x`, and the first
    /// letters of the secret words, in either case) is anything compared; at most one finding
    /// per line.
    static func findings(in source: [UInt8]) -> [Finding] {
        source.withUnsafeBufferPointer { bytes in
            var findings: [Finding] = []
            var line = 1
            var lineStart = 0
            var reportedLine = 0
            var lineEnd: Int?  // found once per line, when a trigger needs it
            for index in 0..<bytes.count {
                let byte = bytes[index]
                if byte == UInt8(ascii: "\n") {
                    line += 1
                    lineStart = index + 1
                    lineEnd = nil
                    continue
                }
                guard triggers[Int(byte)], line != reportedLine else { continue }
                if lineEnd == nil { lineEnd = bytes[index...].firstIndex(of: UInt8(ascii: "\n")) ?? bytes.count }
                guard let lineEnd else { continue }
                let rest = UnsafeBufferPointer(rebasing: bytes[lineStart..<lineEnd])
                if let kind = match(rest, at: index - lineStart) {
                    findings.append(Finding(line: line, kind: kind))
                    reportedLine = line
                }
            }
            return findings
        }
    }

    /// The bytes a credential can start with.
    private static let triggers: [Bool] = {
        var table = [Bool](repeating: false, count: 256)
        for byte in "-AgxpPsStTaA".utf8 { table[Int(byte)] = true }
        return table
    }()

    /// The kind of credential starting at `index` of `line`, if any; only the shapes that can
    /// start with that byte are tried.
    private static func match(_ line: UnsafeBufferPointer<UInt8>, at index: Int) -> String? {
        let byte = line[index]
        if byte == UInt8(ascii: "-") {
            let isKey = starts(line, at: index, with: "-----BEGIN ") && find(Array("PRIVATE KEY-----".utf8), in: line[...], from: index) != nil
            return isKey ? "a private key" : nil
        }
        let previous = index == 0 ? 32 : line[index - 1]
        if !alphanumericUnderscore(previous) {
            for (prefix, minimum, alphabet, kind) in tokenShapes where prefix.utf8.first == byte && starts(line, at: index, with: prefix) {
                var end = index + prefix.utf8.count
                while end < line.count && alphabet(line[end]) { end += 1 }
                if end - index - prefix.utf8.count >= minimum { return kind }
            }
        }
        // A secret word starts a name or a part of one (`db_password`).
        guard !alphanumeric(previous) else { return nil }
        return assignedSecret(line, at: index) ? "a password or token literal" : nil
    }

    private static func starts(_ line: UnsafeBufferPointer<UInt8>, at index: Int, with text: String, ignoringCase: Bool = false) -> Bool {
        var position = index
        for expected in text.utf8 {
            guard position < line.count else { return false }
            let byte = ignoringCase && (65...90).contains(line[position]) ? line[position] + 32 : line[position]
            guard byte == expected else { return false }
            position += 1
        }
        return true
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

    private static let secretWords = ["password", "passwd", "secret", "api_key", "apikey", "token", "access_key", "private_key"]

    /// `password = "…"`, `"api_key": "…"`, `TOKEN='…'`: a name holding a secret word, `=` or
    /// `:`, then a quoted value of at least 8 characters, no spaces, and high entropy — so
    /// `password = "changeme"` or `token = "<your token>"` pass, random strings do not.
    private static func assignedSecret(_ line: UnsafeBufferPointer<UInt8>, at index: Int) -> Bool {
        let first = line[index] | 0x20  // ASCII lower case
        for word in secretWords where word.utf8.first == first && starts(line, at: index, with: word, ignoringCase: true) {
            var cursor = index + word.utf8.count
            while cursor < line.count && alphanumericUnderscore(line[cursor]) { cursor += 1 }
            if cursor < line.count && (line[cursor] == 34 || line[cursor] == 39) { cursor += 1 }  // a dict key's closing quote
            while cursor < line.count && line[cursor] == 32 { cursor += 1 }
            guard cursor < line.count, line[cursor] == 61 || line[cursor] == 58 else { continue }  // = or :
            cursor += 1
            if cursor < line.count && line[cursor] == 61 { continue }  // ==, a comparison
            while cursor < line.count && line[cursor] == 32 { cursor += 1 }
            guard cursor < line.count, line[cursor] == 34 || line[cursor] == 39 else { continue }
            let quote = line[cursor]
            let valueStart = cursor + 1
            guard let valueEnd = line[valueStart...].firstIndex(of: quote) else { continue }
            let value = line[valueStart..<valueEnd]
            if value.count >= 8 && !value.contains(32) && entropy(value) >= 3.0 { return true }
        }
        return false
    }

    /// Shannon entropy in bits per character.
    private static func entropy(_ value: Slice<UnsafeBufferPointer<UInt8>>) -> Double {
        var counts: [UInt8: Int] = [:]
        for byte in value { counts[byte, default: 0] += 1 }
        let total = Double(value.count)
        return counts.values.reduce(0) { sum, count in
            let share = Double(count) / total
            return sum - share * log2(share)
        }
    }

    private static func find(_ needle: [UInt8], in haystack: Slice<UnsafeBufferPointer<UInt8>>, from start: Int) -> Int? {
        guard let first = needle.first, haystack.endIndex - start >= needle.count else { return nil }
        var index = start
        while index + needle.count <= haystack.endIndex {
            if haystack[index] == first && haystack[index..<index + needle.count].elementsEqual(needle) { return index }
            index += 1
        }
        return nil
    }
}
