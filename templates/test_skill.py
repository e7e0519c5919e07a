"""Tests of skills.{{name}}: run them with `codemode test {{name}}`."""


def test_{{name}}_returns_the_first_words():
    result = skills.{{name}}(text="one two three", limit=2)
    assert result == {"words": ["one", "two"], "count": 2}
