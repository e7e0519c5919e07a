import CodeModePythonSyntax
import Testing

/// Constructs the pre-check deliberately leaves to Python even though some or all versions
/// accept them (version-specific syntax, rules not modelled, unusual bytes).
let unsupportedSnippets: [String] = [
    "match x:\n    case 1:\n        pass\n",
    "with (a as b, c as d):\n    pass\n",
    "type X = int\n",
    "def f[T](x: T): pass\n",
    "try:\n    pass\nexcept* E:\n    pass\n",
    "global x\n",
    "def f():\n    global x\n    x = 1\n",
    "def f():\n    x = 1\n    def g():\n        nonlocal x\n",
    "from __future__ import annotations\n",
    "if x:\n\tpass\n",
    "x = 1\u{0C}\n",
    "x = 1\ry = 2\n",
    "\u{E9} = 1\n",
    "x = '\\N{BULLET}'\n",
    "x = '\\777'\n",
    "x = 00\n",
    "x = 0_0\n",
    "x = 1if y else 2\n",
    "f = lambda: (yield)\n",
    "async def f():\n    return [await x for x in y]\n",
    "async def f():\n    return [x async for x in y]\n",
    "x = [y := f(a) for a in b]\n",
    "x = a[b := 1]\n",
    "x = a[*b]\n",
    "x = {y := 1}\n",
    "x = (y := 1, 2)\n",
    "for x in *a, *b:\n    pass\n",
    "x = f'{x!r }'\n",
    "x = f'\\{x}'\n",
    "\u{FEFF}x = 1\n",
    "x = f'{a:{b:{c}}}'\n",
    "x = f'''{\na}'''\n",
    "x = f'{a:\\n}'\n",
    "# -*- coding: latin-1 -*-\nx = 1\n",
    "x = 1\n\\\ny = 2\n",
    "def f(x: (y := 1)): pass\n",
    "x = ()\n() = x\n",
    "del ()\n",
    "x = " + String(repeating: "(", count: 150) + "1" + String(repeating: ")", count: 150) + "\n",
    "x = " + Array(repeating: "1", count: 150).joined(separator: " + ") + "\n",
    "if a:\n if b:\n  if c:\n   if d:\n    if e:\n     if f:\n      if g:\n       pass\n",
    "x = " + String(repeating: "9", count: 5000) + "\n",
]

@Test func unsupportedConstructsAreLeftToPython() {
    for snippet in unsupportedSnippets {
        #expect(PythonSyntaxPrecheck.check(snippet) != .compiles, "\(snippet.debugDescription)")
    }
}
