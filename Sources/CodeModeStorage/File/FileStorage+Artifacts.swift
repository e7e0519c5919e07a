import CodeModeCore
import Foundation

/// Artifacts live in `artifacts/<name>` with py-code-mode's index `artifacts/.artifacts.json`.
/// Every change to the index happens under a file lock and replaces the file atomically, so
/// two processes saving at once never lose each other's entries.
extension FileStorage {
    var artifactIndexPath: String { "\(artifactsPath)/.artifacts.json" }
    private var artifactLockPath: String { "\(artifactsPath)/.artifacts.json.lock" }

    public func saveArtifact(_ name: ArtifactName, value: ArtifactValue, description: String, metadata: [JSONMember]) throws -> ArtifactRecord {
        let path = try artifactPath(name)
        let payload: [UInt8]
        switch value {
        case .text(let text): payload = Array(text.utf8)
        case .bytes(let data): payload = Array(data)
        case .json(let json): payload = Array(PythonJSONEncoder(indent: 2).encode(json).utf8)
        }
        var entryMetadata = metadata.filter { $0.key != ArtifactRecord.dataTypeKey }
        entryMetadata.append(JSONMember(ArtifactRecord.dataTypeKey, .string(value.dataType.rawValue)))
        let record = ArtifactRecord(name: name, path: path, description: description,
                                    createdAt: PythonTimestamp.now(), metadata: entryMetadata)
        try FileLock.withLock(at: artifactLockPath) {
            var index = try readArtifactIndex()
            try FileIO.writeAtomically(payload, to: path)
            index.upsert(JSONMember(name.rawValue, record.indexEntryJSON))
            try writeArtifactIndex(index)
        }
        return record
    }

    public func loadArtifact(_ name: ArtifactName) throws -> ArtifactValue {
        let path = try artifactPath(name)
        guard let bytes = try FileIO.read(path) else {
            throw StorageError(.notFound, "artifact '\(name)' not found in \(relative(artifactsPath))/")
        }
        let dataType = try artifact(named: name)?.dataType
        return ArtifactDecoding.decode(bytes, name: name, dataType: dataType)
    }

    public func artifact(named name: ArtifactName) throws -> ArtifactRecord? {
        let path = try artifactPath(name)
        guard let entry = try readArtifactIndex().first(where: { $0.key == name.rawValue }) else { return nil }
        return try record(name: name, path: path, entry: entry.value)
    }

    public func listArtifacts() throws -> [ArtifactRecord] {
        try readArtifactIndex().compactMap { member in
            // An index entry whose name could not have been saved is left out rather than
            // letting it point outside the folder.
            guard let name = try? ArtifactName(validating: member.key), let path = try? artifactPath(name) else { return nil }
            return try record(name: name, path: path, entry: member.value)
        }
    }

    public func deleteArtifact(_ name: ArtifactName) throws -> Bool {
        let path = try artifactPath(name)
        return try FileLock.withLock(at: artifactLockPath) {
            var index = try readArtifactIndex()
            let removedFile = try FileIO.remove(path)
            let before = index.count
            index.removeAll { $0.key == name.rawValue }
            if index.count != before { try writeArtifactIndex(index) }
            return removedFile || index.count != before
        }
    }

    /// The payload's path under `artifacts/`, refusing names that would resolve outside it
    /// (through `..` or through a symbolic link).
    func artifactPath(_ name: ArtifactName) throws -> String {
        let path = "\(artifactsPath)/\(name.rawValue)"
        let root = resolvedPath(artifactsPath)
        let target = resolvedPath(path)
        guard target == root || target.hasPrefix(root + "/") else {
            throw StorageError(.invalidInput, "invalid artifact name '\(name)': it resolves outside \(relative(artifactsPath))/ (through a symbolic link)")
        }
        return path
    }

    /// `path` with symbolic links resolved as far as the path exists.
    private func resolvedPath(_ path: String) -> String {
        var existing = path
        var rest: [String] = []
        while !FileIO.exists(existing) && existing != "/" {
            rest.insert((existing as NSString).lastPathComponent, at: 0)
            existing = (existing as NSString).deletingLastPathComponent
        }
        guard let real = realpath(existing, nil) else { return path }
        defer { free(real) }
        return ([String(cString: real)] + rest).joined(separator: "/")
    }

    private func readArtifactIndex() throws -> [JSONMember] {
        guard let bytes = try FileIO.read(artifactIndexPath) else { return [] }
        let json: JSONValue
        do {
            json = try JSONParser.parse(data: bytes)
        } catch {
            throw StorageError(.corrupt, "\(relative(artifactIndexPath)) is not valid JSON (\(error)); repair it or move it away — nothing was changed")
        }
        guard let members = json.objectValue else {
            throw StorageError(.corrupt, "\(relative(artifactIndexPath)) must hold a JSON object of artifact entries; repair it or move it away — nothing was changed")
        }
        return members
    }

    private func writeArtifactIndex(_ index: [JSONMember]) throws {
        try FileIO.writeAtomically(Array(PythonJSONEncoder(indent: 2).encode(.object(index)).utf8), to: artifactIndexPath)
    }

    private func record(name: ArtifactName, path: String, entry: JSONValue) throws -> ArtifactRecord {
        guard case .object = entry else {
            throw StorageError(.corrupt, "\(relative(artifactIndexPath)): the entry of '\(name)' is not an object; repair the index")
        }
        return ArtifactRecord(
            name: name, path: path,
            description: entry["description"]?.stringValue ?? "",
            createdAt: entry["created_at"]?.stringValue ?? "",
            metadata: entry["metadata"]?.objectValue ?? [])
    }
}

extension [JSONMember] {
    /// Replaces the member with the same key in place (keeping its position, as a Python dict
    /// does), or appends it.
    mutating func upsert(_ member: JSONMember) {
        if let position = firstIndex(where: { $0.key == member.key }) {
            self[position] = member
        } else {
            append(member)
        }
    }
}

/// py-code-mode's rules for turning a stored payload back into a value.
enum ArtifactDecoding {
    static func decode(_ bytes: [UInt8], name: ArtifactName, dataType: ArtifactDataType?) -> ArtifactValue {
        if dataType == .bytes { return .bytes(Data(bytes)) }
        if dataType == .json || name.rawValue.hasSuffix(".json") {
            if let json = try? JSONParser.parse(data: bytes) { return .json(json) }
        }
        if let text = String(validating: bytes, as: UTF8.self) { return .text(text) }
        return .bytes(Data(bytes))
    }
}
