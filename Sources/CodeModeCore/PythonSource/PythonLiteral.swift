/// A Python value written as a literal (what `ast.literal_eval` accepts), kept as Python sees it
/// so that it can be turned into JSON exactly as `json.loads(json.dumps(value))` would.
indirect enum PythonLiteral {
    case none
    case bool(Bool)
    case integer(Int)
    case float(Double)
    case string(String)
    case list([PythonLiteral])
    case tuple([PythonLiteral])
    case dict([(key: PythonLiteral, value: PythonLiteral)])
    /// A literal JSON cannot carry here: bytes, sets, complex numbers, integers beyond `Int`.
    case unrepresentable

    /// The JSON the value round-trips to through Python's `json` module, or nil when
    /// `json.dumps` would fail or the value does not fit `JSONValue` (e.g. infinity).
    var jsonValue: JSONValue? {
        switch self {
        case .none: return JSONValue.null
        case .bool(let value): return .bool(value)
        case .integer(let value): return .integer(value)
        case .float(let value): return value.isFinite ? .number(value) : nil
        case .string(let value): return .string(value)
        case .list(let items), .tuple(let items):
            var array: [JSONValue] = []
            array.reserveCapacity(items.count)
            for item in items {
                guard let json = item.jsonValue else { return nil }
                array.append(json)
            }
            return .array(array)
        case .dict(let pairs): return Self.jsonObject(pairs)
        case .unrepresentable: return nil
        }
    }

    /// A Python dict keeps one entry per equal key (`1`, `1.0` and `True` are equal) at the first
    /// key's position with the last value; `json.dumps` then turns keys into strings, and
    /// `json.loads` again keeps the last value of keys that became equal strings.
    private static func jsonObject(_ pairs: [(key: PythonLiteral, value: PythonLiteral)]) -> JSONValue? {
        var pythonDict: [(key: PythonLiteral, value: PythonLiteral)] = []
        var slotOfPythonKey: [PythonDictKey: Int] = [:]
        for pair in pairs {
            guard let key = PythonDictKey(pair.key) else { return nil }  // an unhashable key: Python itself fails
            if let slot = slotOfPythonKey[key] {
                pythonDict[slot].value = pair.value
            } else {
                slotOfPythonKey[key] = pythonDict.count
                pythonDict.append(pair)
            }
        }
        var members: [JSONMember] = []
        var slotOfJSONKey: [String: Int] = [:]
        for pair in pythonDict {
            guard let key = jsonKey(pair.key), let value = pair.value.jsonValue else { return nil }
            if let slot = slotOfJSONKey[key] {
                members[slot].value = value
            } else {
                slotOfJSONKey[key] = members.count
                members.append(JSONMember(key, value))
            }
        }
        return .object(members)
    }

    /// How `json.dumps` writes a dict key, or nil for keys it refuses (tuples).
    private static func jsonKey(_ key: PythonLiteral) -> String? {
        switch key {
        case .string(let value): value
        case .integer(let value): String(value)
        case .bool(let value): value ? "true" : "false"
        case .none: "null"
        // Swift's shortest round-trip form is the same text as Python's float repr.
        case .float(let value): value.isFinite ? value.description : nil
        default: nil
        }
    }
}

/// The identity of a dict key under Python's equality, where `True == 1 == 1.0`.
private enum PythonDictKey: Hashable {
    case none
    case number(Double)
    case integer(Int)
    case string(String)
    /// Tuples are hashable in Python but never valid JSON keys; they only need to stay distinct.
    case tuple([PythonDictKey])

    init?(_ literal: PythonLiteral) {
        switch literal {
        case .none: self = .none
        case .bool(let value): self = .integer(value ? 1 : 0)
        case .integer(let value): self = .integer(value)
        case .float(let value):
            // `Int(exactly:)` would pull in libm; an integral Double has no fraction bits left.
            let isIntegral = value == 0 || (value.isFinite && value.exponent >= value.significandWidth)
            if isIntegral && value >= -0x1p63 && value < 0x1p63 {
                self = .integer(Int(value))
            } else {
                self = .number(value)
            }
        case .string(let value): self = .string(value)
        case .tuple(let items):
            var keys: [PythonDictKey] = []
            for item in items {
                guard let key = PythonDictKey(item) else { return nil }
                keys.append(key)
            }
            self = .tuple(keys)
        case .list, .dict, .unrepresentable: return nil
        }
    }
}
