import CodeModeCore
import Foundation
import Testing
import TestSupport

/// Runs Python itself to say what py-code-mode would derive, so tests compare against the real thing.
enum PythonOracle {
    /// Runs `script` in one Python process with `input` as JSON on stdin; returns its stdout parsed as JSON.
    static func evaluate(script: String, input: some Encodable) throws -> Any {
        let output = try PythonScript.run(script, input: Array(JSONEncoder().encode(input)))
        return try JSONSerialization.jsonObject(with: Data(output))
    }

    /// Turns the oracle's tagged value (`["int", "3"]`, `["dict", [[key, value], ...]]`, ...) into
    /// JSON; tags keep Python's int/float/bool apart, which Foundation's number bridging would blur.
    static func jsonValue(fromTagged tagged: Any) -> JSONValue? {
        guard let parts = tagged as? [Any], let tag = parts.first as? String else { return nil }
        let payload = parts.count > 1 ? parts[1] : nil
        switch tag {
        case "null": return JSONValue.null
        case "bool": return (payload as? String).map { .bool($0 == "true") }
        case "int": return (payload as? String).flatMap(Int.init).map { .integer($0) }
        case "float": return (payload as? String).flatMap(Double.init).map { .number($0) }
        case "str": return (payload as? String).map { .string($0) }
        case "list":
            guard let items = payload as? [Any] else { return nil }
            let values = items.compactMap(jsonValue(fromTagged:))
            return values.count == items.count ? .array(values) : nil
        case "dict":
            guard let pairs = payload as? [[Any]] else { return nil }
            var members: [JSONMember] = []
            for pair in pairs {
                guard pair.count == 2, let key = pair[0] as? String, let value = jsonValue(fromTagged: pair[1]) else { return nil }
                members.append(JSONMember(key, value))
            }
            return .object(members)
        default: return nil
        }
    }
}

/// The Python side of the oracle: for each source, what py-code-mode 0.10's `PythonSkill.from_source`
/// (with an empty description) and `_extract_parameters` produce, the default after a JSON round trip.
let skillOracleScript = #"""
import ast, inspect, json, sys, typing

TYPE_MAP = {str: "string", int: "integer", float: "number", bool: "boolean", list: "array", dict: "object"}
INJECTED = {"tools", "skills", "artifacts"}

def tag(value):
    if value is None: return ["null"]
    if isinstance(value, bool): return ["bool", "true" if value else "false"]
    if isinstance(value, int): return ["int", str(value)]
    if isinstance(value, float): return ["float", repr(value)]
    if isinstance(value, str): return ["str", value]
    if isinstance(value, list): return ["list", [tag(item) for item in value]]
    if isinstance(value, dict): return ["dict", [[key, tag(item)] for key, item in value.items()]]
    raise TypeError(type(value))

def describe(source):
    tree = ast.parse(source)
    namespace = {}
    exec(compile(tree, "<skill>", "exec"), namespace)
    func = namespace["run"]
    description = ""
    if tree.body and isinstance(tree.body[0], ast.Expr) and isinstance(tree.body[0].value, ast.Constant):
        doc = tree.body[0].value.value
        if isinstance(doc, str):
            description = doc.strip().split("\n")[0]
    if not description and func.__doc__:
        description = func.__doc__.strip().split("\n")[0]
    signature = inspect.signature(func)
    try:
        hints = typing.get_type_hints(func)
    except (NameError, AttributeError, TypeError):
        hints = {}
    parameters = []
    for name, parameter in signature.parameters.items():
        if name in INJECTED:
            continue
        has_default = parameter.default is not inspect.Parameter.empty
        default = parameter.default if has_default else None
        try:
            tagged = tag(json.loads(json.dumps(default)))
        except (TypeError, ValueError):
            tagged = ["unencodable"]
        parameters.append({"name": name, "type": TYPE_MAP.get(hints.get(name, str), "string"),
                           "required": "true" if not has_default else "false", "default": tagged})
    return {"description": description, "parameters": parameters}

results = []
for source in json.load(sys.stdin):
    try:
        results.append(describe(source))
    except Exception as error:
        results.append({"error": f"{type(error).__name__}: {error}"})
json.dump(results, sys.stdout)
"""#
