import Foundation

/// What a skill may not do, checked on its source without running it (`policy:` in
/// codemode.yaml, a default and per environment): modules it may not import, functions it may
/// not call, credentials it may not carry, and how big it may be.
public struct SkillPolicy: Equatable, Sendable {
    /// Modules (and their submodules) no import may name: `subprocess` forbids
    /// `import subprocess`, `import subprocess.x` and `from subprocess import run`.
    public var forbidImports: [String] = []
    /// Calls (with aliases resolved) that are forbidden: `os.system` forbids `os.system(...)`,
    /// `from os import system; system(...)` and `import os as o; o.system(...)`; a module name
    /// forbids every call into it.
    public var forbidCalls: [String] = []
    /// No credentials in the source: private keys, cloud and chat tokens, and
    /// `password = "…"`-style literals of high entropy.
    public var secrets = false
    public var maxSourceBytes: Int?

    public init(forbidImports: [String] = [], forbidCalls: [String] = [], secrets: Bool = false, maxSourceBytes: Int? = nil) {
        self.forbidImports = forbidImports
        self.forbidCalls = forbidCalls
        self.secrets = secrets
        self.maxSourceBytes = maxSourceBytes
    }

    public var isEmpty: Bool { forbidImports.isEmpty && forbidCalls.isEmpty && !secrets && maxSourceBytes == nil }

    /// This policy and `other` together: both lists, secrets if either asks, the smaller size.
    public func adding(_ other: SkillPolicy) -> SkillPolicy {
        SkillPolicy(forbidImports: forbidImports + other.forbidImports.filter { !forbidImports.contains($0) },
                    forbidCalls: forbidCalls + other.forbidCalls.filter { !forbidCalls.contains($0) },
                    secrets: secrets || other.secrets,
                    maxSourceBytes: [maxSourceBytes, other.maxSourceBytes].compactMap { $0 }.min())
    }

    public static let settingNames = ["forbid_imports", "forbid_calls", "secrets", "max_source_bytes"]

    /// Reads a `policy:` mapping; the error names the setting and what it takes.
    public static func parse(_ value: JSONValue) throws(PolicyError) -> SkillPolicy {
        guard case .object(let members) = value else {
            throw PolicyError("'policy' must be a mapping of \(settingNames.joined(separator: ", "))")
        }
        var policy = SkillPolicy()
        for member in members {
            switch member.key {
            case "forbid_imports", "forbid_calls":
                guard case .array(let items) = member.value, let names = Optional(items.compactMap(\.stringValue)), names.count == items.count,
                      names.allSatisfy(isDottedName) else {
                    throw PolicyError("policy '\(member.key)' must be a list of dotted names, as in [subprocess, os.system]")
                }
                if member.key == "forbid_imports" { policy.forbidImports = names } else { policy.forbidCalls = names }
            case "secrets":
                guard case .bool(let flag) = member.value else { throw PolicyError("policy 'secrets' must be true or false") }
                policy.secrets = flag
            case "max_source_bytes":
                guard case .integer(let size) = member.value, size > 0 else { throw PolicyError("policy 'max_source_bytes' must be a positive number of bytes") }
                policy.maxSourceBytes = size
            default:
                throw PolicyError("unknown policy setting '\(NameLength.shortened(member.key, longerThan: 60))'; a policy has \(settingNames.joined(separator: ", "))")
            }
        }
        return policy
    }

    private static func isDottedName(_ text: String) -> Bool {
        !text.isEmpty && text.split(separator: ".", omittingEmptySubsequences: false).allSatisfy { part in
            guard let first = part.unicodeScalars.first, first == "_" || first.properties.isAlphabetic else { return false }
            return part.unicodeScalars.allSatisfy { $0 == "_" || $0.properties.isAlphabetic || ("0"..."9").contains($0) }
        }
    }

    /// Every finding in `source` (the file at `path`), each naming its line and rule. A source
    /// the tokenizer cannot read is left to the syntax check, which reports it anyway.
    public func findings(in source: [UInt8], path: String) -> [LibraryProblem] {
        var findings: [LibraryProblem] = []
        if let maxSourceBytes, source.count > maxSourceBytes {
            findings.append(LibraryProblem(path: path, message: "policy max_source_bytes: \(source.count) bytes, more than \(maxSourceBytes)"))
        }
        guard !forbidImports.isEmpty || !forbidCalls.isEmpty || secrets else { return findings }
        if mayReferenceForbiddenNames(source), let references = try? PythonReferences.read(source) {
            for reference in references.imports {
                let names = [reference.module] + (reference.name.map { ["\(reference.module).\($0)"] } ?? [])
                if let rule = forbidImports.first(where: { forbidden in names.contains { Self.matches($0, forbidden) } }) {
                    findings.append(LibraryProblem(path: path, line: reference.line,
                                                   message: "policy forbid_imports: imports \(reference.name.map { "\($0) from " } ?? "")\(reference.module) (forbidden: \(rule))"))
                }
            }
            for call in references.calls {
                if let rule = forbidCalls.first(where: { Self.matches(call.name, $0) }) {
                    findings.append(LibraryProblem(path: path, line: call.line, message: "policy forbid_calls: calls \(call.name) (forbidden: \(rule))"))
                }
            }
        }
        if secrets {
            findings += SecretScanner.findings(in: source).map {
                LibraryProblem(path: path, line: $0.line, message: "policy secrets: \($0.kind) in the source; keep credentials out of skills (read them from the environment or a tool)")
            }
        }
        return findings.sorted { ($0.line ?? 0) < ($1.line ?? 0) }
    }

    /// Whether `source` holds the last part of a forbidden name anywhere. A reference to
    /// `os.system` spells `system` somewhere — in the call, or in the import that binds its
    /// alias — so a source without it needs no reading.
    private func mayReferenceForbiddenNames(_ source: [UInt8]) -> Bool {
        let needles = (forbidImports + forbidCalls).map { Array(($0.split(separator: ".").last ?? Substring($0)).utf8) }
        return source.withUnsafeBytes { haystack in needles.contains { Self.contains(haystack, $0) } }
    }

    /// Whether `needle` occurs in `haystack`: memchr to each candidate first byte, then memcmp.
    private static func contains(_ haystack: UnsafeRawBufferPointer, _ needle: [UInt8]) -> Bool {
        guard let first = needle.first, let base = haystack.baseAddress, haystack.count >= needle.count else { return false }
        var offset = 0
        let last = haystack.count - needle.count
        while offset <= last, let found = memchr(base + offset, Int32(first), last - offset + 1) {
            let position = base.distance(to: UnsafeRawPointer(found))
            if needle.withUnsafeBytes({ memcmp(found, $0.baseAddress!, needle.count) }) == 0 { return true }
            offset = position + 1
        }
        return false
    }

    /// `name` is `rule` or inside it (`subprocess.run` is inside `subprocess`).
    private static func matches(_ name: String, _ rule: String) -> Bool {
        name == rule || name.hasPrefix(rule + ".")
    }
}

/// A `policy:` setting that cannot be used.
public struct PolicyError: Error, Equatable, Sendable, CustomStringConvertible {
    public var message: String
    public init(_ message: String) { self.message = message }
    public var description: String { message }
}
