import CodeModeCore
import CodeModeRedis
import Foundation

/// Artifacts as py-code-mode's RedisArtifactStore keeps them: the payload in
/// `P:artifacts:<name>`, the entry in the hash `P:artifacts:__index__`. Both are written in
/// one MULTI/EXEC, so no reader sees a payload without its entry.
extension RedisStorage {
    public func saveArtifact(_ name: ArtifactName, value: ArtifactValue, description: String, metadata: [JSONMember]) throws -> ArtifactRecord {
        let payload: [UInt8]
        switch value {
        case .text(let text): payload = Array(text.utf8)
        case .bytes(let data): payload = Array(data)
        case .json(let json): payload = Array(PythonJSONEncoder().encode(json).utf8)
        }
        var entryMetadata = metadata.filter { $0.key != ArtifactRecord.dataTypeKey }
        entryMetadata.append(JSONMember(ArtifactRecord.dataTypeKey, .string(value.dataType.rawValue)))
        let record = ArtifactRecord(name: name, path: keys.artifact(name.rawValue), description: description,
                                    createdAt: PythonTimestamp.now(), metadata: entryMetadata)
        let entry = Array(PythonJSONEncoder().encode(record.indexEntryJSON).utf8)
        let replies = try connection.transaction(watching: []) { _ in
            [command("SET", record.path, payload), command("HSET", keys.artifactIndex, name.rawValue, entry)]
        }
        if let failure = replies?.first(where: { if case .error = $0 { true } else { false } }), case .error(let message) = failure {
            throw StorageError(.corrupt, "\(keys.artifactIndex): \(message)")
        }
        return record
    }

    public func loadArtifact(_ name: ArtifactName) throws -> ArtifactValue {
        let key = keys.artifact(name.rawValue)
        guard let bytes = try run(command("GET", key), key: key).bytes(of: key) else {
            throw StorageError(.notFound, "artifact '\(name)' not found in \(location)")
        }
        let dataType = try artifact(named: name)?.dataType
        if dataType == .bytes { return .bytes(Data(bytes)) }
        if dataType == .json || name.rawValue.hasSuffix(".json") {
            do {
                return .json(try JSONParser.parse(data: bytes))
            } catch {
                throw StorageError(.corrupt, "artifact '\(name)' is stored as JSON but does not parse (\(error)); save it again")
            }
        }
        if let text = String(validating: bytes, as: UTF8.self) { return .text(text) }
        return .bytes(Data(bytes))
    }

    public func artifact(named name: ArtifactName) throws -> ArtifactRecord? {
        guard let entry = try run(command("HGET", keys.artifactIndex, name.rawValue), key: keys.artifactIndex)
            .bytes(of: keys.artifactIndex) else { return nil }
        return try record(name: name, entry: entry)
    }

    public func listArtifacts() throws -> [ArtifactRecord] {
        try hashEntries(keys.artifactIndex).compactMap { field, value in
            guard let name = try? ArtifactName(validating: String(decoding: field, as: UTF8.self)) else { return nil }
            return try record(name: name, entry: value)
        }.sorted { $0.name < $1.name }
    }

    public func deleteArtifact(_ name: ArtifactName) throws -> Bool {
        let replies = try connection.pipeline([command("DEL", keys.artifact(name.rawValue)),
                                               command("HDEL", keys.artifactIndex, name.rawValue)])
        return replies.contains { $0.integerValue == 1 }
    }

    private func record(name: ArtifactName, entry: [UInt8]) throws -> ArtifactRecord {
        guard let json = try? JSONParser.parse(data: entry), case .object = json else {
            throw StorageError(.corrupt, "\(keys.artifactIndex)[\(name)]: the entry is not a JSON object; save the artifact again")
        }
        return ArtifactRecord(name: name, path: keys.artifact(name.rawValue),
                              description: json["description"]?.stringValue ?? "",
                              createdAt: json["created_at"]?.stringValue ?? "",
                              metadata: json["metadata"]?.objectValue ?? [])
    }
}
