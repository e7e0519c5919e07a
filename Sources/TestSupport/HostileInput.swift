/// Inputs an attacker (or an accident) puts in a library, for tests that must refuse them.
public enum HostileInput {
    /// "Billion laughs": `levels` anchored lists of `width` aliases to the previous list, so
    /// the last one stands for `width`^`levels` strings. `header` goes first (e.g. `name: x`).
    /// With `asKey`, the last list is also used as a mapping key, which a YAML library
    /// hashes in full when it looks for duplicate keys.
    public static func aliasBomb(levels: Int = 9, width: Int = 9, header: String = "", asKey: Bool = false) -> String {
        var lines = header.isEmpty ? [] : [header]
        lines.append("l0: &l0 [" + Array(repeating: "\"lol\"", count: width).joined(separator: ", ") + "]")
        for level in 1..<levels {
            lines.append("l\(level): &l\(level) [" + Array(repeating: "*l\(level - 1)", count: width).joined(separator: ", ") + "]")
        }
        if asKey { lines.append("? *l\(levels - 1)\n: 1") }
        return lines.joined(separator: "\n") + "\n"
    }
}
