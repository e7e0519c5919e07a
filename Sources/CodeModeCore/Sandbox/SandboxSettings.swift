import Foundation

/// How a session's kernel is isolated (`sandbox:` in codemode.yaml, a default and per
/// environment; `--sandbox` on the session commands). The kernel runs code a model wrote: it
/// sees only the environment variables allowed here, sandbox or not, and, when isolated, no
/// network, no files but its interpreter's and a private work folder, within these limits.
public struct SandboxSettings: Equatable, Sendable {
    public enum Mode: String, Sendable, CaseIterable {
        /// Isolate, or refuse to start a session when isolation is not available.
        case required
        /// Isolate when possible; say once when it is not.
        case auto
        /// No isolation (the environment is still an allow-list).
        case off
    }

    /// Nil: not set, so the command's default applies (`auto` for `mcp` and for
    /// environments after the first promotion stage, `off` otherwise).
    public var mode: Mode?
    public var network = false
    /// Bytes of address space per process of the kernel.
    public var memory: Int? = 1 << 30
    /// CPU seconds per cell.
    public var cpu: Double? = 120
    /// Processes (and threads) the kernel may run at once.
    public var processes: Int? = 64
    /// Bytes of the private work folder and /tmp.
    public var disk: Int? = 256 << 20
    /// The only environment variables of the host the kernel sees (when set).
    public var environment = ["LANG", "LC_ALL", "LC_CTYPE", "TZ"]

    public init(mode: Mode? = nil) {
        self.mode = mode
    }

    public static let settingNames = ["mode", "network", "memory", "cpu", "processes", "disk", "env"]

    /// Reads `sandbox: MODE` or a `sandbox:` mapping over `base` (the top-level settings, for
    /// an environment's): what it sets replaces base's. A mapping without `mode` means `auto`
    /// unless base sets one: who writes limits wants them applied.
    public static func parse(_ value: JSONValue, over base: SandboxSettings = SandboxSettings()) throws(PolicyError) -> SandboxSettings {
        var settings = base
        if let text = value.stringValue {
            guard let mode = Mode(rawValue: text) else { throw PolicyError("'sandbox' takes \(modeNames), or a mapping of \(settingNames.joined(separator: ", "))") }
            settings.mode = mode
            return settings
        }
        guard case .object(let members) = value else {
            throw PolicyError("'sandbox' must be \(modeNames), or a mapping of \(settingNames.joined(separator: ", "))")
        }
        settings.mode = settings.mode ?? .auto
        for member in members {
            switch (member.key, member.value) {
            case ("mode", .string(let text)):
                guard let mode = Mode(rawValue: text) else { throw PolicyError("sandbox 'mode' takes \(modeNames)") }
                settings.mode = mode
            case ("network", .bool(let allowed)): settings.network = allowed
            case ("memory", .string(let text)):
                settings.memory = try size(text, of: "memory")
            case ("disk", .string(let text)):
                settings.disk = try size(text, of: "disk")
            case ("memory", .integer(let bytes)) where bytes > 0: settings.memory = bytes
            case ("disk", .integer(let bytes)) where bytes > 0: settings.disk = bytes
            case ("cpu", .string(let text)):
                guard let seconds = seconds(text) else { throw PolicyError("sandbox 'cpu' takes CPU seconds per cell, such as 120s or 5m, not '\(NameLength.shortened(text, longerThan: 40))'") }
                settings.cpu = seconds
            case ("cpu", .integer(let seconds)) where seconds > 0: settings.cpu = Double(seconds)
            case ("processes", .integer(let count)) where count > 0: settings.processes = count
            case ("env", .array(let items)):
                let names = items.compactMap(\.stringValue)
                guard names.count == items.count, names.allSatisfy(isVariableName) else {
                    throw PolicyError("sandbox 'env' must be a list of environment variable names, as in [LANG, TZ]")
                }
                settings.environment = names
            case ("mode", _), ("network", _), ("memory", _), ("disk", _), ("cpu", _), ("processes", _), ("env", _):
                throw PolicyError("sandbox '\(member.key)' takes \(expected[member.key] ?? "another value")")
            default:
                throw PolicyError("unknown sandbox setting '\(NameLength.shortened(member.key, longerThan: 60))'; a sandbox has \(settingNames.joined(separator: ", "))")
            }
        }
        return settings
    }

    private static let modeNames = Mode.allCases.map(\.rawValue).joined(separator: ", ")
    private static let expected = ["mode": modeNames, "network": "true or false", "memory": "a size such as 1GiB or 256MiB",
                                   "disk": "a size such as 256MiB", "cpu": "CPU seconds per cell, such as 120s", "processes": "a positive count",
                                   "env": "a list of environment variable names"]

    /// `1GiB`, `512MiB`, `64KiB`, `2G`, `100M`, or bytes.
    static func size(_ text: String, of setting: String) throws(PolicyError) -> Int {
        let units: [(String, Int)] = [("GiB", 1 << 30), ("MiB", 1 << 20), ("KiB", 1 << 10), ("G", 1 << 30), ("M", 1 << 20), ("K", 1 << 10), ("B", 1)]
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        for (suffix, factor) in units where trimmed.hasSuffix(suffix) {
            if let number = Int(trimmed.dropLast(suffix.count).trimmingCharacters(in: .whitespaces)), number > 0, number <= Int.max / factor {
                return number * factor
            }
        }
        if let bytes = Int(trimmed), bytes > 0 { return bytes }
        throw PolicyError("sandbox '\(setting)' takes a size such as 1GiB or 256MiB, not '\(NameLength.shortened(text, longerThan: 40))'")
    }

    /// `120s`, `5m`, `120`.
    static func seconds(_ text: String) -> Double? {
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        if let number = Double(trimmed), number > 0 { return number }
        guard let unit = trimmed.last, let number = Double(trimmed.dropLast()), number > 0 else { return nil }
        switch unit {
        case "s": return number
        case "m": return number * 60
        default: return nil
        }
    }

    private static func isVariableName(_ name: String) -> Bool {
        name.range(of: "^[A-Za-z_][A-Za-z0-9_]*$", options: .regularExpression) != nil
    }

    /// `1 GiB`, `256 MiB`: a size as the messages name it.
    public static func describe(bytes: Int) -> String {
        for (unit, factor) in [("GiB", 1 << 30), ("MiB", 1 << 20), ("KiB", 1 << 10)] where bytes >= factor && bytes % factor == 0 {
            return "\(bytes / factor) \(unit)"
        }
        return "\(bytes) bytes"
    }
}
