"""The labelled corpus: real-world and adversarial model outputs in every domain, run as `assay verify file`.

Each `tests/corpus/<domain>/*.jsonl` line is a `verify file` input line plus labels (see README.md in
this folder): `expect` is `verified` (a correct output, in some style a real model writes) or `rejected`
(a wrong one, often built to slip through). The gates are the promise: no rejected item is ever
`verified`; every correct item verifies unless it is marked as a known gap, and known gaps stay under 3%
of a domain's correct items; planted math errors are located at the right step at least 95% of the time.

Every file of a domain is verified in one `verify_jsonl` run, exactly as the CLI does it, with limits
generous enough that a loaded machine does not turn a correct item into a timeout.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

from assay.domains.code.sandbox import SandboxConfig, bubblewrap_problem
from assay.verification import Verifiers, verify_jsonl
from assay.workers import WorkerPool
from tests.conftest import require

HERE = Path(__file__).parent
DOMAINS = ("math", "logic", "code")
EXPECTS = ("verified", "rejected")
MAX_KNOWN_GAPS = 0.03
MIN_LOCATED = 0.95
TIMEOUT = 20.0  # seconds per item: far above what any item needs, so load never decides a verdict


@dataclass(frozen=True)
class Item:
    file: str
    line: int
    row: dict[str, Any]

    @property
    def id(self) -> str:
        return str(self.row["id"])

    @property
    def expect(self) -> str:
        return str(self.row["expect"])


def _items(domain: str) -> list[Item]:
    found = []
    for path in sorted((HERE / domain).glob("*.jsonl")):
        with path.open(encoding="utf-8") as handle:
            for number, line in enumerate(handle, 1):
                if line.strip():
                    found.append(Item(f"{domain}/{path.name}", number, json.loads(line)))
    return found


ITEMS = {domain: _items(domain) for domain in DOMAINS}


def _params(domain: str, expect: str) -> list[Any]:
    return [pytest.param(item, id=item.id) for item in ITEMS[domain] if item.row.get("expect") == expect]


@pytest.fixture(scope="module")
def verdicts(tmp_path_factory: pytest.TempPathFactory) -> Iterator[dict[str, dict[str, dict[str, Any]]]]:
    """Per domain: the output line of every item, by id, from one `verify_jsonl` run per domain."""
    folder = tmp_path_factory.mktemp("corpus")
    found: dict[str, dict[str, dict[str, Any]]] = {}
    with WorkerPool(size=2, timeout=TIMEOUT) as pool:
        for domain in DOMAINS:
            if not ITEMS[domain]:
                found[domain] = {}
                continue
            if domain == "code":
                problem = bubblewrap_problem()
                require(problem is None, f"bubblewrap cannot run here: {problem}")
            source, destination = folder / f"{domain}.jsonl", folder / f"{domain}.out.jsonl"
            with source.open("w", encoding="utf-8") as out:
                for item in ITEMS[domain]:
                    out.write(json.dumps(item.row, ensure_ascii=False) + "\n")
            sandbox = SandboxConfig(isolation="bubblewrap", workers=2, timeout=TIMEOUT)
            with Verifiers(pool=pool, sandbox=sandbox) as verifiers:
                verify_jsonl(source, destination, verifiers)
            with destination.open(encoding="utf-8") as handle:
                found[domain] = {row["id"]: row for row in map(json.loads, handle)}
        # through math-answer too: the items whose final answer is wrong (`wrong_answer`) and the correct
        source, destination = folder / "answers.jsonl", folder / "answers.out.jsonl"
        with source.open("w", encoding="utf-8") as out:
            for item in ITEMS["math"]:
                if item.row.get("wrong_answer") or item.expect == "verified":
                    out.write(json.dumps(item.row, ensure_ascii=False) + "\n")
        with Verifiers(pool=pool, chosen={"math": "math-answer"}) as verifiers:
            verify_jsonl(source, destination, verifiers)
        with destination.open(encoding="utf-8") as handle:
            found["math-answer"] = {row["id"]: row for row in map(json.loads, handle)}
    yield found


# --- the corpus itself is well formed -----------------------------------------------------------------


@pytest.mark.parametrize("domain", DOMAINS)
def test_items_are_labelled(domain: str) -> None:
    items = ITEMS[domain]
    assert len(items) >= 40, f"the {domain} corpus has only {len(items)} items"
    for item in items:
        where = f"{item.file}:{item.line}"
        assert item.row.get("domain", "math") == domain, f"{where}: domain does not match its folder"
        assert item.row.get("expect") in EXPECTS, f"{where}: expect must be one of {EXPECTS}"
        assert isinstance(item.row.get("class"), str) and item.row["class"], f"{where}: no class"
        if item.expect == "verified":
            assert isinstance(item.row.get("style"), str), f"{where}: a correct item names its style"
        if "first_error_step" in item.row:
            assert item.expect == "rejected", f"{where}: a planted error is a rejected item"
            assert isinstance(item.row["first_error_step"], int) and item.row["first_error_step"] >= 1
        if "wrong_answer" in item.row:
            assert domain == "math", f"{where}: wrong_answer marks math items"
            assert item.row["wrong_answer"] is True, f"{where}: wrong_answer is true when given"
            assert item.expect == "rejected", f"{where}: a wrong final answer is a rejected item"
    assert {item.expect for item in items} == set(EXPECTS), f"{domain} needs correct and wrong items"


def test_ids_are_unique_across_the_corpus() -> None:
    ids = [item.id for domain in DOMAINS for item in ITEMS[domain]]
    assert len(ids) == len(set(ids)), sorted({i for i in ids if ids.count(i) > 1})


# --- the gates ----------------------------------------------------------------------------------------


def _evidence(row: dict[str, Any]) -> str:
    bad = [s for s in row["steps"] if s["status"] != "verified"][:3]
    return f"{row['status']}: {row['evidence']} | steps: {bad}"


@pytest.mark.parametrize("domain", DOMAINS)
def test_no_false_accepts(domain: str, verdicts: dict[str, dict[str, dict[str, Any]]]) -> None:
    accepted = [
        f"{item.file}:{item.line} {item.id} [{item.row['class']}]"
        for item in ITEMS[domain]
        if item.expect == "rejected" and verdicts[domain][item.id]["status"] == "verified"
    ]
    assert not accepted, "wrong outputs judged verified:\n" + "\n".join(accepted)


def test_no_wrong_final_answer_is_accepted(verdicts: dict[str, dict[str, dict[str, Any]]]) -> None:
    """math-answer checks only the final answer: an item whose final answer is wrong (`wrong_answer`) must
    not pass it either (a wrong step beside a right answer is math-steps' to refuse)."""
    marked = [item for item in ITEMS["math"] if item.row.get("wrong_answer")]
    assert len(marked) >= 20, f"only {len(marked)} items marked wrong_answer"
    accepted = [
        f"{item.file}:{item.line} {item.id} [{item.row['class']}]"
        for item in marked
        if verdicts["math-answer"][item.id]["status"] == "verified"
    ]
    assert not accepted, "wrong final answers judged verified by math-answer:\n" + "\n".join(accepted)


def test_correct_final_answers_pass_math_answer(verdicts: dict[str, dict[str, dict[str, Any]]]) -> None:
    """A correct item's final answer is right, so math-answer, which reads only that, verifies it: the
    readers of the final answer are held to recall on their own, not only through math-steps (a known gap
    may miss both)."""
    answers = verdicts["math-answer"]
    missed = [
        f"{item.file}:{item.line} {item.id} [{item.row['style']}] {answers[item.id]['evidence']}"
        for item in ITEMS["math"]
        if item.expect == "verified"
        and "known_gap" not in item.row
        and answers[item.id]["status"] != "verified"
    ]
    assert not missed, "correct final answers not verified by math-answer:\n" + "\n".join(missed)


@pytest.mark.parametrize("domain", DOMAINS)
def test_correct_items_verify(domain: str, verdicts: dict[str, dict[str, dict[str, Any]]]) -> None:
    correct = [item for item in ITEMS[domain] if item.expect == "verified"]
    missed = [
        f"{item.file}:{item.line} {item.id} [{item.row['style']}] {_evidence(verdicts[domain][item.id])}"
        for item in correct
        if "known_gap" not in item.row and verdicts[domain][item.id]["status"] != "verified"
    ]
    assert not missed, "correct outputs not verified:\n" + "\n".join(missed)
    gaps = [item for item in correct if "known_gap" in item.row]
    assert len(gaps) <= MAX_KNOWN_GAPS * len(correct), f"{len(gaps)} known gaps of {len(correct)}"
    fixed = [item.id for item in gaps if verdicts[domain][item.id]["status"] == "verified"]
    assert not fixed, f"known gaps that now verify (remove their known_gap label): {fixed}"


def test_planted_math_errors_are_located(verdicts: dict[str, dict[str, dict[str, Any]]]) -> None:
    planted = [item for item in ITEMS["math"] if "first_error_step" in item.row]
    assert len(planted) >= 50, f"only {len(planted)} planted math errors"
    wrong = [
        f"{item.id}: planted at {item.row['first_error_step']}, found at "
        f"{verdicts['math'][item.id]['first_error_step']}"
        for item in planted
        if verdicts["math"][item.id]["first_error_step"] != item.row["first_error_step"]
    ]
    located = 1 - len(wrong) / len(planted)
    assert located >= MIN_LOCATED, f"{located:.1%} located:\n" + "\n".join(wrong)
