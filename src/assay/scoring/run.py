"""Drivers of the score stage: a workspace's stored candidates, or any JSONL file of model outputs.

`score_store` scores every stored candidate that has no score from the scorer's id yet (a resumed run
skips the rest; a retrained model has a new id, so nothing stale is reused) and stores the Scores; an
item the scorer fails on (a judge's unreadable answer) is counted as failed, stores nothing and is tried
again by the next run.
`score_jsonl` reads the same lines as `assay verify file` and writes one line per non-blank input line:
`{"id", "score", "step_scores", "scorer"}`, or with `"score": null` and an `"error"` naming the line
and the problem. A line never stops the file. The output goes through `assay.outputs` (locked, written
to a temporary file that replaces the destination only when complete).

A score is not a verdict: no output line of this module says `verified`, and nothing here stores a
verdict (the verdicts a scorer reads for a file are made, used and dropped).
"""

from __future__ import annotations

import json
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from assay.errors import AssayError, InputError
from assay.jsonl import json_line
from assay.outputs import writing
from assay.records import Candidate, Problem, Score
from assay.scoring.base import ScoreItem, Scorer, Unscored, needs_verdicts, score_each, short
from assay.store import Store
from assay.verification import _read_lines, _resume_key, read_record
from assay.verifiers import Verifiers
from assay.workspace import check_output

BATCH = 256


@dataclass(frozen=True)
class ScoreCounts:
    total: int = 0  # candidates looked at
    scored: int = 0  # newly scored and stored (or written)
    kept: int = 0  # already scored under this scorer id, or lines an interrupted run wrote (resumed)
    failed: int = 0  # lines (files) or candidates (store, problem missing) that got no score
    mean: float | None = None  # mean of the new scores
    reasons: tuple[str, ...] = ()  # (store only) the first REASONS different reasons for no score


REASONS = 2


def score_store(
    store: Store,
    scorer: Scorer,
    on_progress: Callable[[int], Any] | None = None,
    redo: bool = False,
) -> ScoreCounts:
    total = scored = kept = failed = 0
    value_sum = 0.0
    batch: list[Candidate] = []
    reasons: list[str] = []

    def flush() -> None:
        nonlocal scored, kept, failed, value_sum
        done = set() if redo else set(store.scores_for((c.id for c in batch), scorer.id))
        todo = [c for c in batch if c.id not in done]
        kept += len(batch) - len(todo)
        problems = store.problems_by_id(c.problem_id for c in todo)
        verdicts = store.verdicts_for(c.id for c in todo) if needs_verdicts(scorer) else {}
        items = [
            ScoreItem(problems[c.problem_id], c, tuple(verdicts.get(c.id, ())))
            for c in todo
            if c.problem_id in problems
        ]
        results = score_each(scorer, items)
        scores = [r for r in results if isinstance(r, Score)]
        failed += len(todo) - len(scores)  # a missing problem, or an item the scorer failed on
        if len(items) < len(todo) and len(reasons) < REASONS:
            reasons.append(f"{len(todo) - len(items)} candidate(s) whose problem is not stored")
        for why in (short(r.reason) for r in results if isinstance(r, Unscored)):
            if len(reasons) < REASONS and why not in reasons:  # the first different ones
                reasons.append(why)
        store.add_scores(scores)
        scored += len(scores)
        value_sum += sum(s.value for s in scores)
        if on_progress:
            on_progress(len(batch))
        batch.clear()

    for candidate in store.iter_candidates():
        total += 1
        batch.append(candidate)
        if len(batch) >= BATCH:
            flush()
    if batch:
        flush()
    return ScoreCounts(total, scored, kept, failed, value_sum / scored if scored else None, tuple(reasons))


# --- files ----------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class _Line:
    number: int
    record_id: str
    item: ScoreItem | None
    problem: str = ""


def _parse(number: int, raw: bytes | None, verifiers: Verifiers | None) -> _Line | None:
    record_id, record, error = read_record(number, raw)
    if record is None:
        return _Line(number, record_id, None, error) if error else None
    try:
        return _Line(number, record_id, _item(record, record_id, verifiers))
    except InputError as exc:
        return _Line(number, record_id, None, f"line {number}: {exc}")


def _item(record: dict[str, Any], record_id: str, verifiers: Verifiers | None) -> ScoreItem:
    """The line as a problem and candidate. Any domain may be scored; a reference is needed only when
    the scorer reads verdicts and the domain has a verifier (then it must be one the verifier checks)."""
    domain = record.get("domain", "math")
    if not isinstance(domain, str) or not domain:
        raise InputError(f"'domain' must be a non-empty string, not {domain!r}")
    for key in ("prompt", "response"):
        if not isinstance(record.get(key), str):
            raise InputError(f"{key!r} must be a string")
    reference = record.get("reference", {})
    if not isinstance(reference, dict):
        raise InputError("'reference' must be an object (see README: verifying a file)")
    task = record.get("task")
    if task is not None and not isinstance(task, str):
        raise InputError("'task' must be a string")
    if verifiers is not None and verifiers.has_verifier(domain):
        verifiers.check_reference(domain, reference)
        if domain == "math":
            reference = {**reference, "answer": str(reference["answer"])}
    problem = Problem(domain, task or "", record["prompt"], reference, source="file")
    candidate = Candidate(problem.id, record["response"], None, generator="file", params={"id": record_id})
    return ScoreItem(problem, candidate)


def output_line(record_id: str, score: Score | None, scorer: str, error: str = "") -> dict[str, Any]:
    line: dict[str, Any] = {
        "id": record_id,
        "score": None if score is None else score.value,
        "step_scores": [] if score is None else list(score.step_values),
        "scorer": scorer,
    }
    if error:
        line["error"] = error
    return line


def score_jsonl(
    source: Path,
    destination: Path,
    scorer: Scorer,
    verifiers: Verifiers | None = None,
    on_progress: Callable[[int], Any] | None = None,
    *,
    settings: str = "",
    force: bool = False,
) -> ScoreCounts:
    """Score every line of source into destination (same order). `verifiers` verifies the lines first
    when the scorer reads verdicts (required then); lines of a domain with no verifier get none.

    Like `verify_jsonl`, an interrupted run (Ctrl-C, crash, kill -9) is resumed by the next run on the
    same input with the same scorer id and `settings` (what else changes the scores: the verifiers'
    timeout and sandbox): its complete lines are kept (ScoreCounts.kept) and scoring goes on after them."""
    if needs_verdicts(scorer) and verifiers is None:
        raise AssayError(f"scorer {scorer.id} reads verdicts: pass verifiers to score_jsonl")
    check_output(destination, [(source, "the input file")], None, force)
    key = _resume_key(source, f"score;scorer={scorer.id};{settings}")
    with writing(destination, f"scores {destination}") as staging:
        partial = staging.resumable(key)
        done = _kept_lines(partial)
        try:
            return _score_into(source, partial, done, scorer, verifiers, on_progress)
        except _Restart:
            partial.write_bytes(b"")  # the kept lines are not this input's: start over
            return _score_into(source, partial, [], scorer, verifiers, on_progress)


class _Restart(AssayError):
    """The resume file does not hold the scores of the input's first lines (never leaves this module)."""


def _kept_lines(partial: Path) -> list[tuple[str, float | None]]:
    """(id, score) of each complete line an interrupted run left; a torn tail is cut off."""
    try:
        data = partial.read_bytes()
    except FileNotFoundError:
        partial.touch()
        return []
    kept: list[tuple[str, float | None]] = []
    good = 0
    for raw in data.split(b"\n")[:-1]:  # the piece after the last newline is torn (or empty)
        try:
            line = json.loads(raw)
            value = line["score"]
            kept.append((str(line["id"]), None if value is None else float(value)))
        except (ValueError, KeyError, TypeError):
            break
        good += len(raw) + 1
    if good != len(data):
        with partial.open("r+b") as handle:
            handle.truncate(good)
    return kept


def _score_into(
    source: Path,
    partial: Path,
    done: list[tuple[str, float | None]],
    scorer: Scorer,
    verifiers: Verifiers | None,
    on_progress: Callable[[int], Any] | None,
) -> ScoreCounts:
    counts = [0, 0, 0, 0]  # total, scored, failed, kept
    value_sum = 0.0
    with source.open("rb") as handle, partial.open("a", encoding="utf-8") as out:
        batch: list[_Line] = []

        def flush() -> None:
            nonlocal value_sum
            results = _score_lines(scorer, batch, verifiers if needs_verdicts(scorer) else None)
            for line, (score, error) in zip(batch, results, strict=True):
                counts[0] += 1
                counts[1 if score is not None else 2] += 1
                value_sum += score.value if score is not None else 0.0
                row = output_line(line.record_id, score, scorer.id, error)
                out.write(json_line(row))
            out.flush()  # whole batches reach the file, so a killed run loses at most the batch at hand
            if on_progress:
                on_progress(len(batch))
            batch.clear()

        for number, raw in _read_lines(handle):
            line = _parse(number, raw, verifiers)
            if line is None:
                if on_progress:
                    on_progress(1)
                continue
            if counts[3] < len(done):  # written by the interrupted run: keep it
                record_id, value = done[counts[3]]
                if record_id != line.record_id:
                    raise _Restart
                counts[3] += 1
                counts[0] += 1
                if value is None:
                    counts[2] += 1  # (a kept line that could not be scored stays failed)
                if on_progress:
                    on_progress(1)
                continue
            batch.append(line)
            if len(batch) >= BATCH:
                flush()
        if batch:
            flush()
    if counts[3] < len(done):
        raise _Restart  # more output lines than input lines
    total, scored, failed, kept = counts
    return ScoreCounts(total, scored, kept, failed, value_sum / scored if scored else None)


def _score_lines(
    scorer: Scorer, batch: Sequence[_Line], verifiers: Verifiers | None
) -> list[tuple[Score | None, str]]:
    """(score, "") or (None, why) per line. A batch the scorer refuses is retried line by line, so one
    bad line costs only itself."""
    items = [line.item for line in batch if line.item is not None]
    if verifiers is not None and items:
        verified = [i for i in items if verifiers.has_verifier(i.problem.domain)]
        found = dict(
            zip(
                (i.candidate.id for i in verified),
                verifiers.verify_many([(i.problem, i.candidate) for i in verified]),
                strict=True,
            )
        )
        items = [ScoreItem(i.problem, i.candidate, _only(found.get(i.candidate.id))) for i in items]
    pending = iter(score_each(scorer, items))
    out: list[tuple[Score | None, str]] = []
    for line in batch:
        if line.item is None:
            out.append((None, line.problem))
            continue
        result = next(pending)
        if isinstance(result, Score):
            out.append((result, ""))
        else:
            out.append((None, f"line {line.number}: {result.reason}"))
    return out


def _only(verdict: Any) -> tuple[Any, ...]:
    return () if verdict is None else (verdict,)
