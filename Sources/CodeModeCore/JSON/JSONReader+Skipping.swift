/// Reading a few members of an object and checking the rest without building it: a stored
/// skill is an object whose `parameters` array the reader recomputes anyway.
extension JSONReader {
    /// Reads the object at the cursor, keeping the string values of the members in `names`.
    /// A repeated member counts with its last value, as in Python's `json.loads`.
    mutating func readStringMembers(_ names: [String]) throws -> [String?] {
        var found = [String?](repeating: nil, count: names.count)
        try forEachMember { reader, key in
            guard let slot = names.firstIndex(of: key) else { return try reader.skipValue(depth: 1) }
            if reader.current == UInt8(ascii: "\"") {
                found[slot] = try reader.readString()
            } else {
                found[slot] = nil
                try reader.skipValue(depth: 1)
            }
        }
        return found
    }

    /// Checks the value at the cursor and moves past it.
    mutating func skipValue(depth: Int) throws {
        guard depth < Self.maximumDepth else { throw error("nested too deeply") }
        switch current {
        case UInt8(ascii: "{"): try forEachMember { reader, _ in try reader.skipValue(depth: depth + 1) }
        case UInt8(ascii: "["): try forEachItem { reader in try reader.skipValue(depth: depth + 1) }
        case UInt8(ascii: "\""): try skipString()
        default: _ = try readValue(depth: depth)
        }
    }

    /// Checks the string at the cursor — its escapes, its end — without decoding it.
    private mutating func skipString() throws {
        position = try stringEnd().end + 1
    }
}
