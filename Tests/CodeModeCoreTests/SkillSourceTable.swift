import CodeModeCore
import Testing

/// One skill source with everything the reader must find in it, written out literally.
struct SkillSourceCase: Sendable, CustomTestStringConvertible {
    /// How much of the row the Python oracle can confirm.
    enum Oracle: Sendable, Equatable {
        /// Python agrees on the description and every parameter, defaults included.
        case agrees
        /// Python agrees on all but the defaults, for the reason given (not JSON-encodable in
        /// Python, or a non-literal Python evaluates while the reader, by design, gives null).
        case defaultsDiffer(String)
    }

    var name: String
    var source: String
    var description: String
    var parameters: [SkillParameter]
    var oracle: Oracle = .agrees

    var testDescription: String { name }
}

private func required(_ name: String, _ type: String = "string") -> SkillParameter {
    SkillParameter(name: name, type: type, required: true)
}

private func optional(_ name: String, _ type: String = "string", _ defaultValue: JSONValue) -> SkillParameter {
    SkillParameter(name: name, type: type, required: false, defaultValue: defaultValue)
}

let skillSourceTable: [SkillSourceCase] = [
    SkillSourceCase(
        name: "minimal run, no docstring",
        source: #"""
        async def run():
            return 1
        """#,
        description: "",
        parameters: []),
    SkillSourceCase(
        name: "triple double-quoted module docstring, typed parameters",
        source: #"""
        """Fetch a URL.

        Longer explanation.
        """

        async def run(url: str, timeout: float = 10.0) -> dict:
            return {}
        """#,
        description: "Fetch a URL.",
        parameters: [required("url"), optional("timeout", "number", .number(10))]),
    SkillSourceCase(
        name: "triple single-quoted module docstring",
        source: #"""
        '''Count words.'''
        async def run(text: str, limit: int = 5, verbose: bool = False):
            return len(text.split())
        """#,
        description: "Count words.",
        parameters: [required("text"), optional("limit", "integer", .integer(5)), optional("verbose", "boolean", .bool(false))]),
    SkillSourceCase(
        name: "one-line docstring, list and dict annotations",
        source: #"""
        "Merge things."
        async def run(items: list = [], options: dict = {}):
            pass
        """#,
        description: "Merge things.",
        parameters: [optional("items", "array", .array([])), optional("options", "object", .object([]))]),
    SkillSourceCase(
        name: "raw docstring keeps backslashes",
        source: #"""
        r"""Match \d+ digits \n literally."""
        async def run(): pass
        """#,
        description: #"Match \d+ digits \n literally."#,
        parameters: []),
    SkillSourceCase(
        name: "u prefix and non-ASCII docstring",
        source: #"""
        u'Résumé ünïcode — doc'
        async def run(café: str = "crème"): pass
        """#,
        description: "Résumé ünïcode — doc",
        parameters: [optional("café", "string", .string("crème"))]),
    SkillSourceCase(
        name: "escapes in docstring",
        source: #"""
        "Tab\there \u00e9 \x41\101 \'q\' \"d\" back\\slash \d kept"
        async def run(): pass
        """#,
        description: "Tab\there é AA 'q' \"d\" back\\slash \\d kept",
        parameters: []),
    SkillSourceCase(
        name: "implicit concatenation is one docstring",
        source: #"""
        "Joined " 'docstring' """ of three."""
        async def run(): pass
        """#,
        description: "Joined docstring of three.",
        parameters: []),
    SkillSourceCase(
        name: "parenthesised concatenation over lines",
        source: #"""
        ("Parenthesised "  # a comment inside
         "docstring.")

        async def run(): pass
        """#,
        description: "Parenthesised docstring.",
        parameters: []),
    SkillSourceCase(
        name: "bytes literal is not a docstring",
        source: #"""
        b"bytes are not docs"
        async def run():
            "Run doc used."
        """#,
        description: "Run doc used.",
        parameters: []),
    SkillSourceCase(
        name: "f-string is not a docstring",
        source: #"""
        f"F-string {1 + 1} is not a doc"
        async def run(): pass
        """#,
        description: "",
        parameters: []),
    SkillSourceCase(
        name: "str plus str is not a docstring",
        source: #"""
        "a" + "b"
        async def run():
            """From run, after a plus."""
        """#,
        description: "From run, after a plus.",
        parameters: []),
    SkillSourceCase(
        name: "str concatenated with an f-string is not a docstring",
        source: #"""
        "doc " f"{1}"
        async def run():
            "Run doc after f."
        """#,
        description: "Run doc after f.",
        parameters: []),
    SkillSourceCase(
        name: "docstring only on run",
        source: #"""
        import json

        async def run(payload: str):
            """Only run doc.

            More text.
            """
            return json.loads(payload)
        """#,
        description: "Only run doc.",
        parameters: [required("payload")]),
    SkillSourceCase(
        name: "whitespace-only module docstring falls back to run's",
        source: #"""
        """

        """
        async def run():
            '''   From run.   '''
        """#,
        description: "From run.",
        parameters: []),
    SkillSourceCase(
        name: "whitespace-only docstrings give empty description",
        source: #"""
        """   """
        async def run():
            "  \t "
        """#,
        description: "",
        parameters: []),
    SkillSourceCase(
        name: "string after an import is not a docstring",
        source: #"""
        import os
        """Too late."""
        async def run(): pass
        """#,
        description: "",
        parameters: []),
    SkillSourceCase(
        name: "decorators and comments above run",
        source: #"""
        def deco(function):
            return function

        @deco
        # a comment between
        @deco
        async def run(x: int):
            "Decorated."
        """#,
        description: "Decorated.",
        parameters: [required("x", "integer")]),
    SkillSourceCase(
        name: "multi-line signature with comments and tricky strings",
        source: #"""
        async def run(
            query: str,  # the query, with commas, and (brackets
            sep: str = ", ",  # comma inside a string
            brackets: str = "([{",
            pairs: list = [(1, 2), (3, 4)],
            quote: str = '"\'',
        ) -> dict[str, int]:
            """Search."""
        """#,
        description: "Search.",
        parameters: [
            required("query"), optional("sep", "string", .string(", ")), optional("brackets", "string", .string("([{")),
            optional("pairs", "array", .array([.array([.integer(1), .integer(2)]), .array([.integer(3), .integer(4)])])),
            optional("quote", "string", .string("\"'")),
        ]),
    SkillSourceCase(
        name: "positional-only and keyword-only markers",
        source: #"""
        async def run(a: int, /, b: str = "x", *, c: bool = True, d: float):
            pass
        """#,
        description: "",
        parameters: [
            required("a", "integer"), optional("b", "string", .string("x")), optional("c", "boolean", .bool(true)),
            required("d", "number"),
        ]),
    SkillSourceCase(
        name: "star args and kwargs",
        source: #"""
        async def run(*args, **kwargs):
            pass
        """#,
        description: "",
        parameters: [required("args"), required("kwargs")]),
    SkillSourceCase(
        name: "annotated star args and kwargs",
        source: #"""
        async def run(first, *args: int, flag: bool = False, **options: dict):
            pass
        """#,
        description: "",
        parameters: [required("first"), required("args", "integer"), optional("flag", "boolean", .bool(false)), required("options", "object")]),
    SkillSourceCase(
        name: "string annotations",
        source: #"""
        async def run(a: "int", b: 'float' = 1.5, c: "list[str]" = [], d: """dict""" = {}, e: "bool " = True):
            pass
        """#,
        description: "",
        parameters: [
            required("a", "integer"), optional("b", "number", .number(1.5)), optional("c", "string", .array([])),
            optional("d", "object", .object([])), optional("e", "boolean", .bool(true)),
        ]),
    SkillSourceCase(
        name: "future annotations and generic annotations",
        source: #"""
        from __future__ import annotations
        import typing
        from typing import Optional

        async def run(a: int, b: list[str], c: Optional[int] = None, d: typing.List = [], e: dict[str, int] = {}) -> list[tuple[int, str]]:
            """Generic."""
        """#,
        description: "Generic.",
        parameters: [
            required("a", "integer"), required("b"), optional("c", "string", .null), optional("d", "string", .array([])),
            optional("e", "string", .object([])),
        ]),
    SkillSourceCase(
        name: "injected parameters skipped, deps kept",
        source: #"""
        async def run(tools, skills, artifacts, deps, x: int = 1):
            pass
        """#,
        description: "",
        parameters: [required("deps"), optional("x", "integer", .integer(1))]),
    SkillSourceCase(
        name: "nested runs before the real one",
        source: #"""
        class Helper:
            async def run(self, ignored: int):
                "Not this one."

        def outer():
            def run(also_ignored):
                pass
            return run

        async def run(n: int = 2):
            "The real run."
        """#,
        description: "The real run.",
        parameters: [optional("n", "integer", .integer(2))]),
    SkillSourceCase(
        name: "run redefined: the last one counts",
        source: #"""
        async def run(a: str):
            "First."

        async def run(b: int = 1):
            "Second."
        """#,
        description: "Second.",
        parameters: [optional("b", "integer", .integer(1))]),
    SkillSourceCase(
        name: "integer defaults",
        source: #"""
        async def run(a=None, b=True, c=False, d=0x1F, e=0o17, f=0b101, g=1_000_000, h=-42, i=+7, j=0, k=-9223372036854775808):
            pass
        """#,
        description: "",
        parameters: [
            optional("a", "string", .null), optional("b", "string", .bool(true)), optional("c", "string", .bool(false)),
            optional("d", "string", .integer(31)), optional("e", "string", .integer(15)), optional("f", "string", .integer(5)),
            optional("g", "string", .integer(1_000_000)), optional("h", "string", .integer(-42)), optional("i", "string", .integer(7)),
            optional("j", "string", .integer(0)), optional("k", "string", .integer(Int.min)),
        ]),
    SkillSourceCase(
        name: "float defaults",
        source: #"""
        async def run(a: float = 1.5, b: float = 1e3, c: float = .5, d: float = -2.0, e: float = 1_0.5e-1, f: float = 5., g: float = 2E+2):
            pass
        """#,
        description: "",
        parameters: [
            optional("a", "number", .number(1.5)), optional("b", "number", .number(1000)), optional("c", "number", .number(0.5)),
            optional("d", "number", .number(-2)), optional("e", "number", .number(1.05)), optional("f", "number", .number(5)),
            optional("g", "number", .number(200)),
        ]),
    SkillSourceCase(
        name: "string defaults in every form",
        source: #"""
        async def run(a='single', b="double", c='''triple''', d=r"raw\n", e="con" 'cat', f="esc\tape\u00e9", g=u"", h=R'\d'):
            pass
        """#,
        description: "",
        parameters: [
            optional("a", "string", .string("single")), optional("b", "string", .string("double")),
            optional("c", "string", .string("triple")), optional("d", "string", .string(#"raw\n"#)),
            optional("e", "string", .string("concat")), optional("f", "string", .string("esc\tapeé")),
            optional("g", "string", .string("")), optional("h", "string", .string(#"\d"#)),
        ]),
    SkillSourceCase(
        name: "nested containers",
        source: #"""
        async def run(a=[1, [2, 3], {"k": [None, True]}], b=(1,), c=(), d={"x": {"y": (1, 2.5)}}, e=[1, 2,], f=("p"), g=(("q",),)):
            pass
        """#,
        description: "",
        parameters: [
            optional("a", "string", .array([.integer(1), .array([.integer(2), .integer(3)]), .object([JSONMember("k", .array([.null, .bool(true)]))])])),
            optional("b", "string", .array([.integer(1)])), optional("c", "string", .array([])),
            optional("d", "string", .object([JSONMember("x", .object([JSONMember("y", .array([.integer(1), .number(2.5)]))]))])),
            optional("e", "string", .array([.integer(1), .integer(2)])), optional("f", "string", .string("p")),
            optional("g", "string", .array([.array([.string("q")])])),
        ]),
    SkillSourceCase(
        name: "dict keys converted like json.dumps",
        source: #"""
        async def run(d: dict = {1: "one", True: "t", None: "n", 2.5: "f", "s": "s", False: 0, "1": "string one", 1.0: "float one"}):
            pass
        """#,
        description: "",
        parameters: [
            optional("d", "object", .object([
                JSONMember("1", .string("string one")), JSONMember("null", .string("n")), JSONMember("2.5", .string("f")),
                JSONMember("s", .string("s")), JSONMember("false", .integer(0)),
            ])),
        ]),
    SkillSourceCase(
        name: "defaults Python cannot encode as JSON",
        source: #"""
        async def run(a=set(), b=len, c=b"raw bytes", d={1, 2}, e=1j, f=lambda x, y=(1, 2): x, g: int = 4):
            pass
        """#,
        description: "",
        parameters: [
            optional("a", "string", .null), optional("b", "string", .null), optional("c", "string", .null),
            optional("d", "string", .null), optional("e", "string", .null), optional("f", "string", .null),
            optional("g", "integer", .integer(4)),
        ],
        oracle: .defaultsDiffer("set, builtin, bytes, complex and lambda are not JSON-encodable")),
    SkillSourceCase(
        name: "non-literal defaults are null",
        source: #"""
        import os
        LIMIT = 10
        async def run(a=os.sep, b=1 + 2, c=LIMIT, d=f"x{1}", e=[n for n in range(2)], f=-True, g=str(5), h="a" * 2, i: int = 9):
            pass
        """#,
        description: "",
        parameters: [
            optional("a", "string", .null), optional("b", "string", .null), optional("c", "string", .null),
            optional("d", "string", .null), optional("e", "string", .null), optional("f", "string", .null),
            optional("g", "string", .null), optional("h", "string", .null), optional("i", "integer", .integer(9)),
        ],
        oracle: .defaultsDiffer("Python evaluates these expressions; the reader does not run code")),
    SkillSourceCase(
        name: "integers beyond Int and infinite floats are null",
        source: #"""
        async def run(big: int = 99999999999999999999, small: int = -9223372036854775809, huge: float = 1e999):
            pass
        """#,
        description: "",
        parameters: [optional("big", "integer", .null), optional("small", "integer", .null), optional("huge", "number", .null)],
        oracle: .defaultsDiffer("Python encodes big integers and writes infinity as Infinity")),
    SkillSourceCase(
        name: "lambdas with commas inside a default",
        source: #"""
        async def run(key=lambda a, b=(1, 2): (a, b), pick=lambda: lambda x, y: x, n: int = 3):
            pass
        """#,
        description: "",
        parameters: [optional("key", "string", .null), optional("pick", "string", .null), optional("n", "integer", .integer(3))],
        oracle: .defaultsDiffer("lambdas are not JSON-encodable")),
    SkillSourceCase(
        name: "one-line run with inline docstring",
        source: #"""
        async def run(x: int = 0): "Inline doc."; return x
        """#,
        description: "Inline doc.",
        parameters: [optional("x", "integer", .integer(0))]),
    SkillSourceCase(
        name: "docstring with leading blank lines and indentation",
        source: #"""
        """

           Indented summary.
           More detail.
        """
        async def run(): pass
        """#,
        description: "Indented summary.",
        parameters: []),
    SkillSourceCase(
        name: "CRLF line endings",
        source: "\"\"\"CRLF doc.\r\nSecond line.\"\"\"\r\nasync def run(x: int = 1,\r\n        y: str = 'a\\\r\nb'):\r\n    pass\r\n",
        description: "CRLF doc.",
        parameters: [optional("x", "integer", .integer(1)), optional("y", "string", .string("ab"))]),
    SkillSourceCase(
        name: "carriage return escape stays in the first line",
        source: #"""
        "Line\rstill the first\nsecond"
        async def run(): pass
        """#,
        description: "Line\rstill the first",
        parameters: []),
    SkillSourceCase(
        name: "Unicode whitespace is stripped like str.strip",
        source: #"""
        "\u00a0\u2003 Padded summary \x1f\u3000"
        async def run(): pass
        """#,
        description: "Padded summary",
        parameters: []),
    SkillSourceCase(
        name: "strings and f-strings in the body hide code-like text",
        source: #"""
        async def run(x: int = 1, w: int = 4):
            """Doc."""
            d = {'k': 1}
            s = """
        async def run(y):
            '''not code'''
        """
            t = f"{d['k']!r:>{w}} it's # not a comment ("
            return s + t
        """#,
        description: "Doc.",
        parameters: [optional("x", "integer", .integer(1)), optional("w", "integer", .integer(4))]),
    SkillSourceCase(
        name: "backslash continuations in the signature",
        source: "async \\\ndef run(a: int = 1, \\\n        b: str = \"q\"):\n    \"Continued.\"\n",
        description: "Continued.",
        parameters: [optional("a", "integer", .integer(1)), optional("b", "string", .string("q"))]),
    SkillSourceCase(
        name: "parenthesised concatenated run docstring",
        source: #"""
        async def run(
            n: int,
        ):
            ("Run doc "
             "joined.")
        """#,
        description: "Run doc joined.",
        parameters: [required("n", "integer")]),
    SkillSourceCase(
        name: "tabs, and a class run after the module-level one",
        source: "async def run(a: int):\n\t\"Tab doc.\"\n\treturn a\n\nclass Later:\n\tasync def run(self):\n\t\tpass\n",
        description: "Tab doc.",
        parameters: [required("a", "integer")]),
    SkillSourceCase(
        name: "annotations with brackets, defaults and equals signs",
        source: #"""
        from typing import Annotated, Callable

        async def run(cb: Callable[[int, str], bool] = None, tag: Annotated[str, "a=b, c"] = "t", n: "int" = -0x10):
            pass
        """#,
        description: "",
        parameters: [optional("cb", "string", .null), optional("tag", "string", .string("t")), optional("n", "integer", .integer(-16))]),
    SkillSourceCase(
        name: "semicolon after module docstring",
        source: #"""
        "Semi doc."; import os
        async def run(): pass
        """#,
        description: "Semi doc.",
        parameters: []),
]
