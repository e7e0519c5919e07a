/// How a Python dict literal of JSON-able keys and values comes out of `json.loads(json.dumps(d))`.
enum PythonDictLiteral {
    /// The JSON object for the literal's key/value pairs in source order, or nil when Python
    /// could not encode it (a key that is a tuple or a list).
    ///
    /// Python keeps one entry per equal key (`1`, `1.0` and `True` are equal) at the first key's
    /// position with the last value; `json.dumps` then writes keys as strings (`True` → "true",
    /// `None` → "null", `1` → "1"), and `json.loads` keeps the last value of keys that became equal.
    static func jsonObject(_ pairs: [(key: JSONValue, value: JSONValue)]) -> JSONValue? {
        var pythonEntries: [(key: JSONValue, value: JSONValue)] = []
        var pythonKeys = KeySlots<KeyIdentity>(expectedCount: pairs.count)
        for pair in pairs {
            guard let identity = KeyIdentity(pair.key) else { return nil }
            if let slot = pythonKeys.slot(of: identity) {
                pythonEntries[slot].value = pair.value
            } else {
                pythonKeys.add(identity)
                pythonEntries.append(pair)
            }
        }
        var members: [JSONMember] = []
        var jsonKeys = KeySlots<String>(expectedCount: pythonEntries.count)
        for entry in pythonEntries {
            let key = jsonKey(entry.key)
            if let slot = jsonKeys.slot(of: key) {
                members[slot].value = entry.value
            } else {
                jsonKeys.add(key)
                members.append(JSONMember(key, entry.value))
            }
        }
        return .object(members)
    }

    /// How `json.dumps` writes a key that `KeyIdentity` accepted.
    private static func jsonKey(_ key: JSONValue) -> String {
        switch key {
        case .string(let value): value
        case .integer(let value): String(value)
        case .bool(let value): value ? "true" : "false"
        // Swift's shortest round-trip form of a Double is the same text as Python's float repr.
        case .number(let value): value.description
        default: "null"
        }
    }

    /// A key under Python's equality, where `True == 1 == 1.0`.
    private enum KeyIdentity: Hashable {
        case none
        case integer(Int)
        case number(Double)
        case string(String)

        init?(_ key: JSONValue) {
            switch key {
            case .null: self = .none
            case .bool(let value): self = .integer(value ? 1 : 0)
            case .integer(let value): self = .integer(value)
            case .number(let value):
                // `Int(exactly:)` would pull in libm; an integral Double has no fraction bits left.
                let isIntegral = value == 0 || value.exponent >= value.significandWidth
                self = isIntegral && value >= -0x1p63 && value < 0x1p63 ? .integer(Int(value)) : .number(value)
            case .string(let value): self = .string(value)
            case .array, .object: return nil
            }
        }
    }
}

/// The slot of each distinct key, in insertion order: a linear search for the usual small dict
/// (no hashing, no table), a hash table when there are many keys, so no input is quadratic.
private struct KeySlots<Key: Hashable> {
    private let usesTable: Bool
    private var keys: [Key] = []
    private var slotOfKey: [Key: Int] = [:]

    init(expectedCount: Int) {
        usesTable = expectedCount > 16
    }

    func slot(of key: Key) -> Int? {
        usesTable ? slotOfKey[key] : keys.firstIndex(of: key)
    }

    mutating func add(_ key: Key) {
        if usesTable {
            slotOfKey[key] = slotOfKey.count
        } else {
            keys.append(key)
        }
    }
}
