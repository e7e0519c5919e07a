import CodeModeCore
import Foundation
import Testing
import TestSupport

/// What a policy sees — the imports and calls of a source — must be what CPython's own `ast`
/// sees: checked on generated realistic skills and on tricky cases, with aliases resolved the
/// same way on both sides.
@Suite("imports and calls, as ast reads them")
struct PythonReferencesTests {
    static let oracle = #"""
    import ast, json, sys

    def references(source):
        tree = ast.parse(source)
        statements = sorted((node for node in ast.walk(tree) if isinstance(node, (ast.Import, ast.ImportFrom))),
                            key=lambda node: (node.lineno, node.col_offset))
        imports, aliases = [], {}
        for node in statements:
            if isinstance(node, ast.Import):
                for alias in node.names:
                    imports.append(f"{alias.name}|-|{node.lineno}")
                    if alias.asname:
                        aliases[alias.asname] = alias.name
                    else:
                        first = alias.name.split(".")[0]
                        aliases[first] = first
            else:
                module = "." * node.level + (node.module or "")
                for alias in node.names:
                    imports.append(f"{module}|{alias.name}|{node.lineno}")
                    if alias.name != "*" and not module.startswith("."):
                        aliases[alias.asname or alias.name] = f"{module}.{alias.name}"

        def dotted(function):
            parts = []
            while isinstance(function, ast.Attribute):
                parts.append(function.attr)
                function = function.value
            if not isinstance(function, ast.Name):
                return None
            parts.append(function.id)
            return ".".join(reversed(parts))

        calls = []
        for node in ast.walk(tree):
            if isinstance(node, ast.Call):
                name = dotted(node.func)
                if name is None:
                    continue
                first = name.split(".")[0]
                if first in aliases:
                    name = aliases[first] + name[len(first):]
                calls.append(f"{name}|{node.func.lineno}")
        return {"imports": sorted(imports), "calls": sorted(calls)}

    print(json.dumps([references(source) for source in json.load(sys.stdin)]))
    """#

    static func swiftSide(_ source: String) throws -> [String: [String]] {
        let references = try PythonReferences.read(Array(source.utf8))
        return [
            "imports": references.imports.map { "\($0.module)|\($0.name ?? "-")|\($0.line)" }.sorted(),
            "calls": references.calls.map { "\($0.name)|\($0.line)" }.sorted(),
        ]
    }

    static func agree(_ sources: [String]) throws {
        let expected = try #require(try PythonOracle.evaluate(script: oracle, input: sources) as? [[String: [String]]])
        for (source, python) in zip(sources, expected) {
            #expect(try swiftSide(source) == python, "\(source.prefix(300))")
        }
    }

    static let tricky = [
        "import subprocess as sp\nsp.run(['ls'])\n",
        "from os import system\nsystem('ls')\n",
        "from os import system as run_it, path\nrun_it('x'); path.join('a', 'b')\n",
        "import os.path\nos.path.join('a')\nimport os as o\no.system('x')\n",
        "async def run():\n    import socket\n    def inner():\n        return eval('1')\n    return inner()\n",
        "x = __import__('subprocess')\nx.call('ls')\n",
        "@decorator\n@other.thing(1)\nasync def run(x=compile('1', 'f', 'eval')):\n    pass\n",
        "class A(Base):\n    def method(self):\n        return super().method()\n",
        "from . import sibling\nfrom ..pkg.mod import (a as b,\n    c)\nfrom __future__ import annotations\nb()\n",
        "from os import *\nimport json, re as regex\nregex.compile('x')\njson.loads('1')\n",
        "value = f\"{eval('1')} and {os.getcwd()!r:>10} {x!=y}\"\nimport os\n",
        "if (x): print(x)\nwhile not (y): y = list(range(3))[0]\nreturn_value = (lambda: exec('1'))()\n",
        "items = [f(x) for x in g(y)]\nd = {k: v() for k, v in h.items()}\nobj.attr[0].call()\n",
        "import a.b.c as d\nd.e.f()\nfrom a import b; b.c()\n",
        "s = '''\nimport os\nos.system(1)\n'''\nt = 'eval(x)'\n# eval(y)\n",
        "x = (1,\n     open('f'),\n     getattr(o, 'n')(),\n)\n",
    ]

    @Test func trickyCasesAgreeWithAst() throws {
        try Self.agree(Self.tricky)
    }

    @Test func realisticSkillsAgreeWithAst() throws {
        try Self.agree((0..<300).map { SkillSourceSamples.realistic(index: $0, bodyLines: 20 + $0 % 41) })
    }
}
