"""A unified diff after the code is applied only where each hunk's old side occurs exactly once; then the
changed code is the final code. Anything less certain leaves the diff unapplied (and no code)."""

from __future__ import annotations

import pytest

from assay.domains.code.extract import extract
from assay.domains.code.extract_diff import apply_diff

CODE = "def sq(x):\n    a = 2\n    return x * a"


@pytest.mark.parametrize(
    ("diff", "patched"),
    [
        ("-    return x * a\n+    return x * x", "def sq(x):\n    a = 2\n    return x * x"),
        (" def sq(x):\n-    a = 2\n+    a = x", "def sq(x):\n    a = x\n    return x * a"),
        (
            "--- a/sol.py\n+++ b/sol.py\n@@ -1,3 +1,3 @@\n def sq(x):\n-    a = 2\n+    a = x\n"
            "     return x * a",
            "def sq(x):\n    a = x\n    return x * a",
        ),
        (
            "@@\n-    a = 2\n+    a = x\n@@\n-    return x * a\n+    return a * x",
            "def sq(x):\n    a = x\n    return a * x",
        ),
        ("-    a = 2\n", "def sq(x):\n    return x * a"),  # a removal only
    ],
)
def test_hunks_that_match_once_are_applied(diff: str, patched: str) -> None:
    assert apply_diff(CODE, tuple(diff.splitlines())) == patched


@pytest.mark.parametrize(
    "diff",
    [
        "+    # a comment",  # an addition only: where it goes is not said
        "-    return x*a\n+    return x*x",  # not in the code as written
        "-    a = 3\n+    a = x",
        "@@\n-    a = 2\n+    a = x\n@@\n     a = 2\n-    return x * a\n+    return 0",  # hunks overlap
        "-    return x * a\nreturn x * x",  # a line with no marker column
        "-    return x * a\n+    return x * a",  # changes nothing
    ],
)
def test_uncertain_diffs_are_not_applied(diff: str) -> None:
    assert apply_diff(CODE, tuple(diff.splitlines())) is None


def test_a_hunk_whose_old_side_occurs_twice_is_not_applied() -> None:
    code = "def f():\n    y = 1\n    y = 1\n    return y"
    assert apply_diff(code, ("-    y = 1", "+    y = 2")) is None


def test_the_fixed_code_is_the_final_code() -> None:
    diff = "```diff\n-    return x * 2\n+    return x * x\n```\n"
    text = f"```python\ndef sq(x):\n    return x * 2\n```\nFix:\n{diff}"
    # joined after the draft, as a corrected block is: the later definition is the one that runs
    assert extract(text).code == "def sq(x):\n    return x * 2\ndef sq(x):\n    return x * x"


@pytest.mark.parametrize(
    "after",
    [
        "Don't do this:\n```diff\n-    return x * 2\n+    return x * x\n```\n",  # called wrong
        "Fix:\n```diff\n-    return x * 2\n+    return x * x\n```\nActually, the original was right.\n",
        "Fix:\n```diff\n-    return x*2\n+    return x*x\n```\n",  # not in the code as written
    ],
)
def test_a_diff_called_wrong_taken_back_or_unmatched_leaves_no_code(after: str) -> None:
    assert extract(f"```python\ndef sq(x):\n    return x * 2\n```\n{after}").code is None


@pytest.mark.parametrize(
    ("after", "code"),
    [
        (
            "Apply this change:\n```diff\n-    return abs(n)\n+    return n * 2\n```",
            "def f(n):\n    return n * 2",
        ),
        (
            "```patch\n@@ -1,2 +1,2 @@\n def f(n):\n-    return abs(n)\n+    return n\n```",
            "def f(n):\n    return n",
        ),
    ],
)
def test_a_diff_that_applies_replaces_the_draft(after: str, code: str) -> None:
    draft = "def f(n):\n    return abs(n)"
    assert extract(f"```python\n{draft}\n```\n{after}").code == f"{draft}\n{code}"
