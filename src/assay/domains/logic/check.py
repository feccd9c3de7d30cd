"""The logic check, run in a worker process: `check_logic_job({"reference", "response", ...})`.

1. The puzzle is read from the reference (JSON only; nothing is evaluated) and its solutions are
   counted with SAT up to two. No solution, or two, and the verdict is `unknown` with the count: a
   puzzle that is not uniquely solvable never yields a `verified` sample.
2. The answer is read from the response and checked against the puzzle's constraints directly.
3. Every line that makes a claim (`r3c4 = 7`, `Ava is a knave`, `house 2 color = red`, `q = false`,
   `r1c2 = filled`) is a step, checked as entailed by the puzzle plus the verified claims before it
   (a SAT call: the puzzle, those claims and the claim's negation are unsatisfiable).

Verified: a unique puzzle, an answer that satisfies every constraint, and no refuted or unknown step.
Analyses are cached per puzzle, so many candidates for one puzzle count its solutions once.
"""

from __future__ import annotations

import functools
import json
import re
from collections.abc import Mapping
from typing import Any

from assay.domains.logic.csp import Csp
from assay.domains.logic.kinds import kind_of
from assay.errors import InputError

MAX_RESPONSE = 200_000  # characters; a longer response is unknown, not read
_STEP_PREFIX = re.compile(r"^\s*(?:step\s*\d+\s*[:.)]|\d+[.)])\s*", re.I)


@functools.lru_cache(maxsize=256)
def _analysis(reference_json: str) -> tuple[Csp, list[dict[Any, Any]]]:
    reference = json.loads(reference_json)
    csp = kind_of(reference).build(reference)
    return csp, csp.solutions(2)


def analyse(reference: Mapping[str, Any]) -> tuple[Csp, list[dict[Any, Any]]]:
    """The puzzle's CSP and up to two of its solutions (InputError for a malformed reference)."""
    kind_of(reference)
    return _analysis(json.dumps(reference, sort_keys=True))


def _result(status: str, evidence: str, steps: list[dict[str, Any]] | None = None) -> dict[str, Any]:
    return {"status": status, "evidence": evidence, "steps": steps or []}


def _claim_text(claim: tuple[Any, Any]) -> str:
    key, value = claim
    if isinstance(key, tuple) and len(key) == 2 and all(isinstance(k, int) for k in key):
        return f"r{key[0] + 1}c{key[1] + 1} = {value}"
    if isinstance(key, tuple):
        return f"{key[1]} is in house {value}"
    return f"{key} = {value}"


def check_logic_job(job: Mapping[str, Any]) -> dict[str, Any]:
    reference = job.get("reference")
    response = str(job.get("response", ""))
    try:
        kind = kind_of(reference)
        assert isinstance(reference, dict)
        csp, solutions = analyse(reference)
    except InputError as exc:
        return _result("error", f"bad puzzle: {exc}")
    if not solutions:
        return _result("unknown", "the puzzle has no solution (SAT): nothing can be verified against it")
    if len(solutions) > 1:
        return _result(
            "unknown", "the puzzle has more than one solution (SAT found 2): it is not a valid puzzle"
        )
    if len(response) > MAX_RESPONSE:
        return _result("unknown", f"the response is longer than {MAX_RESPONSE} characters")
    solution = solutions[0]
    steps: list[dict[str, Any]] = []
    facts: dict[Any, Any] = {}
    index = 0
    for raw in response.splitlines():
        if not raw.strip():
            continue
        index += 1
        line = _STEP_PREFIX.sub("", raw)
        claim = kind.parse_claim(reference, line)
        if claim is None:
            steps.append({"index": index, "status": "no_claim", "evidence": ""})
            continue
        key, value = claim
        if key not in csp.domains:
            steps.append(
                {"index": index, "status": "unknown", "evidence": f"{_claim_text(claim)}: no such variable"}
            )
            continue
        if csp.entails(facts, claim):
            facts[key] = value
            steps.append(
                {
                    "index": index,
                    "status": "verified",
                    "evidence": "entailed by the puzzle and the steps before",
                }
            )
        else:
            steps.append(
                {
                    "index": index,
                    "status": "refuted",
                    "evidence": f"{_claim_text(claim)} does not follow; "
                    f"the solution has {_claim_text((key, solution[key]))}",
                }
            )
    answer = kind.parse_answer(reference, response)
    if isinstance(answer, str):
        return _result("unknown", answer, steps)
    problems = kind.violations(reference, answer)
    if problems:
        more = f" (and {len(problems) - 1} more)" if len(problems) > 1 else ""
        return _result("refuted", f"the answer breaks the puzzle: {problems[0]}{more}", steps)
    first_bad = next((s for s in steps if s["status"] in ("refuted", "unknown")), None)
    if first_bad is not None:
        status = "refuted" if first_bad["status"] == "refuted" else "unknown"
        return _result(
            status, f"the answer is right, but step {first_bad['index']} is {first_bad['status']}", steps
        )
    checked = sum(s["status"] == "verified" for s in steps)
    return _result(
        "verified",
        f"unique puzzle (SAT); the answer satisfies every constraint; {checked} steps entailed",
        steps,
    )


def count_solutions_job(job: Mapping[str, Any]) -> dict[str, Any]:
    """How many solutions a puzzle has (0, 1, or 2 meaning "two or more"), for puzzles made elsewhere."""
    try:
        _, solutions = analyse(job.get("reference"))  # type: ignore[arg-type]
    except InputError as exc:
        return {"solutions": None, "evidence": f"bad puzzle: {exc}"}
    count = len(solutions)
    words = {0: "no solution", 1: "exactly one solution", 2: "more than one solution (SAT found 2)"}
    return {"solutions": count, "evidence": words[count]}
