import CodeModeCore
import Foundation

/// A call from agent code to a namespace (`skills.list`, `artifacts.save`, ...): the method
/// and its arguments as the kernel sent them.
struct NamespaceCall {
    var method: String
    var params: [JSONMember]

    /// An argument that must be there.
    func string(_ name: String) throws(NamespaceCallError) -> String {
        guard let value = params.first(where: { $0.key == name })?.value else {
            throw NamespaceCallError("TypeError", "\(method)() missing required argument: '\(name)'")
        }
        guard case .string(let text) = value else {
            throw NamespaceCallError("TypeError", "\(method)(): '\(name)' must be a string")
        }
        return text
    }

    func optionalString(_ name: String, default fallback: String) throws(NamespaceCallError) -> String {
        guard let value = params.first(where: { $0.key == name })?.value, value != .null else { return fallback }
        guard case .string(let text) = value else {
            throw NamespaceCallError("TypeError", "\(method)(): '\(name)' must be a string")
        }
        return text
    }

    func integer(_ name: String, default fallback: Int) throws(NamespaceCallError) -> Int {
        guard let value = params.first(where: { $0.key == name })?.value, value != .null else { return fallback }
        guard case .integer(let number) = value else {
            throw NamespaceCallError("TypeError", "\(method)(): '\(name)' must be an integer")
        }
        return number
    }

    func value(_ name: String) throws(NamespaceCallError) -> JSONValue {
        guard let value = params.first(where: { $0.key == name })?.value else {
            throw NamespaceCallError("TypeError", "\(method)() missing required argument: '\(name)'")
        }
        return value
    }
}

extension NamespaceCall {
    /// The `args` of `tools.call`, each as the kernel described it.
    func toolArguments() throws(NamespaceCallError) -> [String: ToolArgument] {
        guard case .object(let members) = try value("args") else {
            throw NamespaceCallError("TypeError", "\(method)(): 'args' must be a mapping")
        }
        var arguments: [String: ToolArgument] = [:]
        for member in members {
            guard let argument = ToolArgument(kernel: member.value) else {
                throw NamespaceCallError("TypeError", "\(method)(): argument '\(member.key)' is not described as the kernel does")
            }
            arguments[member.key] = argument
        }
        return arguments
    }
}

/// A namespace call that failed, as the kernel raises it: `<ns>.<op>: [<type>] <message>`.
struct NamespaceCallError: Error {
    var type: String
    var message: String

    init(_ type: String, _ message: String) {
        self.type = type
        self.message = message
    }

    var jsonValue: JSONValue {
        .object([JSONMember("type", .string(type)), JSONMember("message", .string(message))])
    }
}

/// Bytes cross the pipes as `{"__bytes__": "<base64>"}`, both ways.
enum TaggedBytes {
    static let key = "__bytes__"

    static func encode(_ data: Data) -> JSONValue {
        .object([JSONMember(key, .string(data.base64EncodedString()))])
    }

    static func decode(_ value: JSONValue) -> Data? {
        guard case .object(let members) = value, members.count == 1, members[0].key == key,
              case .string(let text) = members[0].value else { return nil }
        return Data(base64Encoded: text)
    }
}
