"""stdio output compared as judges compare it (testlib's token compare, line by line)."""

from __future__ import annotations

import importlib
import sys
from pathlib import Path
from typing import Any

import pytest

import assay.domains.code


def _import_harness() -> Any:
    """The harness as the worker imports it: a top-level module beside `bridge` (standard library only)."""
    folder = str(Path(assay.domains.code.__file__).parent)
    sys.path.insert(0, folder)
    try:
        return importlib.import_module("harness")
    finally:
        sys.path.remove(folder)


same_output = _import_harness().same_output


@pytest.mark.parametrize(
    ("got", "expected"),
    [
        ("6\n", "6\n"),
        ("6", "6\n"),  # no final newline
        ("6\n\n\n", "6\n"),  # blank lines at the end
        ("\n6\n", "6\n"),  # and at the start
        ("1  2\t3 \n", "1 2 3\n"),  # spacing within a line
        ("6\r\n", "6\n"),  # CRLF is one line break
        ("1\r\n2\r\n", "1\n2\n"),
        ("6\r", "6\n"),  # a CR at the end
        ("1\r2", "1\n2"),  # a lone CR breaks the line, as before
        (" \t6 \t\n", "6\n"),
        ("", ""),
        ("\n", ""),
        ("héllo wörld\n", "héllo wörld\n"),  # non-ASCII tokens compare exactly
    ],
)
def test_what_a_judge_accepts(got: str, expected: str) -> None:
    assert same_output(got, expected)


@pytest.mark.parametrize(
    ("got", "expected"),
    [
        # Unicode spaces and separators are not a judge's whitespace: part of a token
        ("6\u00a0\n", "6\n"),  # NBSP
        ("6\u3000\n", "6\n"),  # ideographic space
        ("1\u20032\n", "1 2\n"),  # em space between tokens
        ("1\u20282\u2028", "1\n2\n"),  # line separator
        ("1\u20292\n", "1\n2\n"),  # paragraph separator
        ("1\u00852\u0085", "1\n2\n"),  # NEL
        ("1\x1c2\x1c3", "1\n2\n3\n"),  # file separator
        ("1\x1d2\n", "1\n2\n"),
        ("1\x1e2\n", "1\n2\n"),
        ("1\x1f2\n", "1 2\n"),
        ("6\x0b", "6\n"),  # vertical tab
        ("6\x0c", "6\n"),  # form feed
        ("1\x0c2\n", "1\n2\n"),
        ("6\u200b\n", "6\n"),  # zero-width space
        # what was refuted stays refuted
        ("٦\n", "6\n"),  # digits of another script
        ("６\n", "6\n"),  # fullwidth
        ("6_0\n", "60\n"),
        ("+6\n", "6\n"),
        ("06\n", "6\n"),
        ("6e0\n", "6\n"),
        ("\x1b[1m6\x1b[0m\n", "6\n"),  # ANSI
        ("6\x00\n", "6\n"),  # NUL
        ("99\r6\n", "6\n"),  # a carriage return that "overwrites" on a terminal
        ("9\b6\n", "6\n"),  # backspace
        ("1 2\n", "1\n2\n"),  # line structure counts
        ("1\n\n2\n", "1\n2\n"),  # a blank line inside counts
        ("6\n7\n", "6\n"),
        ("", "6\n"),
    ],
)
def test_what_a_judge_rejects(got: str, expected: str) -> None:
    assert not same_output(got, expected)
