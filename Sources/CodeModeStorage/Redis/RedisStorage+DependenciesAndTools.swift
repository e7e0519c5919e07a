import CodeModeCore
import CodeModeRedis

/// Dependencies are the set `P:deps`; tools the hash `P:tools:__tools__`.
extension RedisStorage {
    public func listDependencies() throws -> DependencyListing {
        var specs: [DependencySpec] = []
        var problems: [LibraryProblem] = []
        for member in try run(command("SMEMBERS", keys.deps), key: keys.deps).members(of: keys.deps) {
            let text = String(decoding: member, as: UTF8.self)
            do {
                specs.append(try DependencySpec(validating: text))
            } catch {
                problems.append(LibraryProblem(path: keys.deps, message: "\(error); remove it with codemode or SREM"))
            }
        }
        return DependencyListing(specs: specs.sorted { $0.text < $1.text }, problems: problems)
    }

    public func addDependency(_ spec: DependencySpec) throws -> Bool {
        let sameName = try dependencyMembers(named: spec.baseName)
        if sameName == [spec.text] { return false }
        _ = try connection.transaction(watching: []) { _ in
            (sameName.isEmpty ? [] : [[Array("SREM".utf8), Array(keys.deps.utf8)] + sameName.map { Array($0.utf8) }])
                + [command("SADD", keys.deps, spec.text)]
        }
        return true
    }

    public func removeDependency(named name: String) throws -> Bool {
        let sameName = try dependencyMembers(named: DependencySpec.baseName(of: name))
        guard !sameName.isEmpty else { return false }
        try run([Array("SREM".utf8), Array(keys.deps.utf8)] + sameName.map { Array($0.utf8) }, key: keys.deps)
        return true
    }

    /// The members whose package name is `baseName` (py-code-mode replaces by base name).
    private func dependencyMembers(named baseName: String) throws -> [String] {
        try run(command("SMEMBERS", keys.deps), key: keys.deps).members(of: keys.deps)
            .map { String(decoding: $0, as: UTF8.self) }
            .filter { (try? DependencySpec(validating: $0).baseName) == baseName }
    }

    public func listTools() throws -> ToolListing {
        var tools: [ToolSpec] = []
        var problems: [LibraryProblem] = []
        for (field, value) in try hashEntries(keys.tools).sorted(by: { $0.field.lexicographicallyPrecedes($1.field) }) {
            let path = "\(keys.tools)[\(NameLength.shortened(String(decoding: field, as: UTF8.self)))]"
            do {
                tools.append(try ToolSpec(json: JSONParser.parse(data: value)))
            } catch {
                problems.append(LibraryProblem(path: path, message: "\(error)"))
            }
        }
        return ToolListing(tools: tools, problems: problems)
    }
}
