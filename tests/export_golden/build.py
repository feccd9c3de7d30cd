"""The small store whose exports are pinned in this folder (the .jsonl files were made with the export
before it paged and spilled its dedup memory to disk; tests/test_export_streaming.py checks today's
export against them). The cards were made again after one fix: their per-domain row counts were taken
before the curation gates, so a gated card named more rows than its file held.

Regenerate only on a deliberate change of the export format:
    .venv/bin/python -m tests.export_golden.build
"""

from __future__ import annotations

from pathlib import Path

from assay.records import Candidate, Problem, Status, Verdict
from assay.store import Store

HERE = Path(__file__).parent
EVAL_PROMPTS = ("What is 17 times 23? Give the product.",)


def build(store: Store) -> None:
    """Problems, candidates and verdicts that exercise every gate: exact and near duplicates (also
    across pages), a contaminated prompt, human rows, refuted and unverified candidates, a candidate
    whose problem is missing, several domains."""
    problems = [
        Problem("math", "arith", f"What is {a} times {b}? Give the product.", {"answer": str(a * b)}, "t")
        for a, b in [(17, 23), (4, 5), (12, 12), (7, 8), (31, 3), (2, 99), (13, 13), (6, 6)]
    ]
    problems.append(Problem("logic", "sat", "Is (a or b) and not a satisfiable?", {"answer": "yes"}, "t"))
    problems.append(Problem("code", "fib", "Write fib(n).", {"tests": "assert fib(3) == 2"}, "t"))
    store.add_problems(problems)
    candidates: list[Candidate] = []
    verdicts: list[Verdict] = []
    for i, problem in enumerate(problems):
        answer = str(problem.reference.get("answer", ""))
        texts = [
            f"Multiply step by step.\nThe product is {answer}.",
            f"Multiply step by step.\nThe product is {answer}.",  # exact duplicate
            f"Multiply  step by step.\n\nThe product is  {answer}.",  # same once normalised
            f"Multiply step by step!\nThe product is {answer}.",  # near duplicate
            f"Here is a different route: {i} groups, so the answer is {answer}.",
        ]
        for j, text in enumerate(texts):
            generator = "human-seed@1" if j == 4 and i % 3 == 0 else "model-a"
            candidate = Candidate(problem.id, text, answer or None, generator=generator, sample_index=j)
            candidates.append(candidate)
            verifier = {"math": "math-steps@27", "logic": "logic-sat@1", "code": "code-tests@22"}[
                problem.domain
            ]
            status = Status.REFUTED if (i + j) % 7 == 3 else Status.VERIFIED
            if (i + j) % 11 != 5:  # some have no verdict at all
                verdicts.append(Verdict(candidate.id, verifier, status, f"e{i}.{j}"))
            if j == 0:
                verdicts.append(Verdict(candidate.id, "math-answer@27", Status.VERIFIED, "answer"))
    orphan = Candidate("0" * 40, "I answer a problem that is not stored.", "1", generator="model-a")
    candidates.append(orphan)
    verdicts.append(Verdict(orphan.id, "math-steps@27", Status.VERIFIED, "orphan"))
    store.add_candidates(candidates)
    store.add_verdicts(verdicts)


BY_DOMAIN = {"math": "math-steps@27", "logic": "logic-sat@1", "code": "code-tests@22"}
CASES = {
    # name: (status, verifier, gates on, dedup)
    "verified-gated": ("verified", None, True, True),
    "verified-nodedup": ("verified", None, True, False),
    "any-ungated": (None, None, False, False),
    "steps-gated": ("verified", "math-steps@27", True, True),
}


def run(store: Store, out: Path, name: str) -> int:
    from assay.export import Gates, export

    status, verifier, gated, dedup = CASES[name]
    gates = Gates(dedup=dedup, eval_prompts=EVAL_PROMPTS, eval_sources=("eval.jsonl",)) if gated else None
    return export(
        store,
        out,
        "jsonl",
        verifier,
        Status(status) if status else None,
        gates=gates,
        by_domain=BY_DOMAIN,
    )


if __name__ == "__main__":
    import tempfile

    with tempfile.TemporaryDirectory() as tmp:
        store = Store(f"sqlite:///{tmp}/golden.db")
        build(store)
        for case in CASES:
            destination = HERE / f"{case}.jsonl"
            run(store, destination, case)
            card = destination.with_name(destination.name + ".README.md")
            text = card.read_text(encoding="utf-8")
            from assay._version import __version__

            card.write_text(text.replace(__version__, "<version>"), encoding="utf-8")
        store.close()
