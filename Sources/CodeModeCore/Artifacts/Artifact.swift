import Foundation

/// How an artifact's payload is stored, py-code-mode's `metadata._data_type`.
public enum ArtifactDataType: String, Sendable, CaseIterable {
    case text, bytes, json
}

/// An artifact's payload.
public enum ArtifactValue: Equatable, Sendable {
    case text(String)
    case bytes(Data)
    case json(JSONValue)

    public var dataType: ArtifactDataType {
        switch self {
        case .text: .text
        case .bytes: .bytes
        case .json: .json
        }
    }
}

/// An artifact's index entry: what `artifacts.get(name)` and `artifacts.list()` return.
public struct ArtifactRecord: Equatable, Sendable {
    public var name: ArtifactName
    /// Where the payload lives: a file path, or a Redis key.
    public var path: String
    public var description: String
    /// ISO-8601 with microseconds and `+00:00`, as Python's `datetime.isoformat()` writes it.
    public var createdAt: String
    /// Caller metadata, including the reserved `_data_type` key when the store set it.
    public var metadata: [JSONMember]

    public init(name: ArtifactName, path: String, description: String, createdAt: String, metadata: [JSONMember]) {
        self.name = name
        self.path = path
        self.description = description
        self.createdAt = createdAt
        self.metadata = metadata
    }

    public static let dataTypeKey = "_data_type"

    /// The type tag recorded at save time, if any (`register`ed files have none).
    public var dataType: ArtifactDataType? {
        metadata.first { $0.key == Self.dataTypeKey }?.value.stringValue.flatMap(ArtifactDataType.init(rawValue:))
    }

    /// The index entry as py-code-mode writes it: `{"description", "created_at", "metadata"}`.
    public var indexEntryJSON: JSONValue {
        .object([
            JSONMember("description", .string(description)),
            JSONMember("created_at", .string(createdAt)),
            JSONMember("metadata", .object(metadata)),
        ])
    }

    /// The shape of py-code-mode's `Session.list_artifacts()` entries.
    public var listingJSON: JSONValue {
        .object([
            JSONMember("name", .string(name.rawValue)),
            JSONMember("path", .string(path)),
            JSONMember("description", .string(description)),
            JSONMember("metadata", .object(metadata)),
            JSONMember("created_at", .string(createdAt)),
        ])
    }
}

/// Timestamps in the form Python's `datetime.now(UTC).isoformat()` writes.
public enum PythonTimestamp {
    public static func now() -> String { format(Date()) }

    public static func format(_ date: Date) -> String {
        var seconds = date.timeIntervalSince1970
        var microseconds = Int(((seconds - seconds.rounded(.down)) * 1_000_000).rounded())
        if microseconds == 1_000_000 {
            microseconds = 0
            seconds += 1
        }
        var time = time_t(seconds.rounded(.down))
        var parts = tm()
        gmtime_r(&time, &parts)
        func pad(_ value: Int32, _ width: Int) -> String {
            let text = String(value)
            return String(repeating: "0", count: max(0, width - text.count)) + text
        }
        var text = "\(pad(parts.tm_year + 1900, 4))-\(pad(parts.tm_mon + 1, 2))-\(pad(parts.tm_mday, 2))"
            + "T\(pad(parts.tm_hour, 2)):\(pad(parts.tm_min, 2)):\(pad(parts.tm_sec, 2))"
        // Python leaves the fraction out when it is zero.
        if microseconds != 0 { text += "." + pad(Int32(microseconds), 6) }
        return text + "+00:00"
    }
}
