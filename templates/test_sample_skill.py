"""Tests of skills.word_count: run them with `codemode test`."""


def test_counts_words():
    assert skills.word_count(text="to be or not to be")["count"] == 6


def test_longest_first():
    assert skills.word_count(text="a bb ccc")["longest"][0] == "ccc"


def test_min_length_leaves_short_words_out():
    assert skills.word_count(text="a bb ccc", min_length=2)["count"] == 2
