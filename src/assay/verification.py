"""Verification stage: stored candidates, or any JSONL file of model outputs.

`verify_store` verifies every stored candidate that has no verdict from the verifier yet, so an
interrupted run resumes where it stopped. `verify_jsonl` streams a file line by line: a malformed line
becomes an `error` line naming the line and the problem, and the rest of the file is still processed.
The output is written to a temporary file and moved into place at the end, so a crash never leaves a
half-written file under the requested name.
"""

from __future__ import annotations

import json
import os
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any, BinaryIO

from assay.domains.math.verifier import StepVerifier, verdict_from
from assay.errors import InputError
from assay.records import Candidate, Status, Verdict
from assay.store import Store
from assay.workers import WorkerPool

BATCH = 256
MAX_LINE = 4 * 1024 * 1024  # bytes; a longer line is recorded as an error, not read into memory whole

SUPPORTED_DOMAINS = {"math"}


@dataclass(frozen=True)
class Counts:
    total: int = 0
    verified: int = 0
    refuted: int = 0
    unknown: int = 0
    error: int = 0
    timeout: int = 0

    def add(self, status: Status) -> Counts:
        values = {**self.__dict__, "total": self.total + 1}
        values[status.value] += 1
        return Counts(**values)


def verify_store(
    store: Store,
    verifier: StepVerifier,
    on_progress: Callable[[int], Any] | None = None,
    redo: bool = False,
) -> Counts:
    """Verify stored candidates lacking a verdict from this verifier (all of them with redo=True)."""
    counts = Counts()
    batch: list[Candidate] = []

    def flush() -> None:
        nonlocal counts
        todo = _todo(store, batch, verifier.id, redo)
        problems = store.problems_by_id(c.problem_id for c in todo)
        pairs = [(problems[c.problem_id], c) for c in todo if c.problem_id in problems]
        verdicts = verifier.verify_many(pairs) if pairs else []
        verdicts += [
            Verdict(c.id, verifier.id, Status.ERROR, f"problem {c.problem_id} is not in the store")
            for c in todo
            if c.problem_id not in problems
        ]
        store.add_verdicts(verdicts)
        for verdict in verdicts:
            counts = counts.add(verdict.status)
        if on_progress:
            on_progress(len(batch))  # skipped candidates count as done
        batch.clear()

    for candidate in store.iter_candidates():
        batch.append(candidate)
        if len(batch) >= BATCH:
            flush()
    if batch:
        flush()
    return counts


def _todo(store: Store, batch: list[Candidate], verifier_id: str, redo: bool) -> list[Candidate]:
    if redo:
        return batch
    done = store.verdicts_for(c.id for c in batch)
    return [c for c in batch if not any(v.verifier == verifier_id for v in done.get(c.id, []))]


# --- files ----------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class _Line:
    number: int
    record_id: str
    job: dict[str, Any] | None  # None: the line is malformed
    problem: str = ""  # why it is malformed


def count_lines(path: Path) -> int:
    lines = 0
    last = b"\n"
    with path.open("rb") as handle:
        while chunk := handle.read(1 << 20):
            lines += chunk.count(b"\n")
            last = chunk[-1:]
    return lines + (0 if last == b"\n" else 1)


def _read_lines(handle: BinaryIO) -> Iterator[tuple[int, bytes | None]]:
    """(line number, raw line) pairs; None for a line longer than MAX_LINE (skipped without storing it)."""
    number = 0
    while True:
        raw = handle.readline(MAX_LINE + 1)
        if not raw:
            return
        number += 1
        if len(raw) > MAX_LINE and not raw.endswith(b"\n"):
            while raw and not raw.endswith(b"\n"):
                raw = handle.readline(MAX_LINE + 1)
            yield number, None
            continue
        yield number, raw


def parse_line(number: int, raw: bytes | None) -> _Line | None:
    """A line of the input file as a job, or as a malformed line; None for a blank line."""
    fallback = f"line-{number}"
    if raw is None:
        return _Line(number, fallback, None, f"line {number} is longer than {MAX_LINE} bytes")
    text = raw.decode("utf-8", errors="replace")
    if not text.strip():
        return None
    try:
        record = json.loads(text)
    except json.JSONDecodeError as exc:
        return _Line(
            number, fallback, None, f"line {number} is not valid JSON: {exc.msg} at column {exc.colno}"
        )
    if not isinstance(record, dict):
        return _Line(
            number, fallback, None, f"line {number} is a JSON {type(record).__name__}, not an object"
        )
    record_id = record.get("id")
    record_id = str(record_id) if isinstance(record_id, str | int) else fallback
    try:
        job = _job(record)
    except InputError as exc:
        return _Line(number, record_id, None, f"line {number}: {exc}")
    return _Line(number, record_id, job)


def _job(record: dict[str, Any]) -> dict[str, Any]:
    domain = record.get("domain", "math")
    if domain not in SUPPORTED_DOMAINS:
        raise InputError(f"domain {domain!r} is not supported (supported: {sorted(SUPPORTED_DOMAINS)})")
    for key in ("prompt", "response"):
        if not isinstance(record.get(key), str):
            raise InputError(f"{key!r} must be a string")
    reference = record.get("reference")
    if not isinstance(reference, dict):
        raise InputError('\'reference\' must be an object such as {"answer": "4"}')
    if not isinstance(reference.get("answer"), str | int | float) or isinstance(
        reference.get("answer"), bool
    ):
        raise InputError("'reference.answer' must be a string or a number")
    task = record.get("task")
    if task is not None and not isinstance(task, str):
        raise InputError("'task' must be a string")
    return {
        "prompt": record["prompt"],
        "reference": {**reference, "answer": str(reference["answer"])},
        "task": task,
        "response": record["response"],
    }


def output_line(record_id: str, verdict: Verdict) -> dict[str, Any]:
    return {
        "id": record_id,
        "status": verdict.status.value,
        "steps": [
            {"index": s.index, "status": s.status.value, "evidence": s.evidence} for s in verdict.steps
        ],
        "first_error_step": verdict.first_error_step,
        "evidence": verdict.evidence,
        "verifier": verdict.verifier,
    }


def verify_jsonl(
    source: Path,
    destination: Path,
    pool: WorkerPool,
    on_progress: Callable[[int], Any] | None = None,
) -> Counts:
    """Verify every line of source into destination (same order, one output line per non-blank line)."""
    verifier_id = f"{StepVerifier.name}@{StepVerifier.version}"
    job_function = f"assay.domains.math.check:{StepVerifier.job}"
    counts = Counts()
    partial = destination.with_name(destination.name + ".partial")
    destination.parent.mkdir(parents=True, exist_ok=True)
    with source.open("rb") as handle, partial.open("w", encoding="utf-8") as out:
        batch: list[_Line] = []

        def flush() -> None:
            nonlocal counts
            jobs = [line.job for line in batch if line.job is not None]
            outcomes = iter(pool.map(job_function, jobs))
            for line in batch:
                if line.job is None:
                    verdict = Verdict(line.record_id, verifier_id, Status.ERROR, line.problem)
                else:
                    verdict = verdict_from(line.record_id, verifier_id, next(outcomes))
                counts = counts.add(verdict.status)
                out.write(json.dumps(output_line(line.record_id, verdict), ensure_ascii=False) + "\n")
            out.flush()
            if on_progress:
                on_progress(len(batch))
            batch.clear()

        for number, raw in _read_lines(handle):
            line = parse_line(number, raw)
            if line is None:
                if on_progress:
                    on_progress(1)
                continue
            batch.append(line)
            if len(batch) >= BATCH:
                flush()
        if batch:
            flush()
    os.replace(partial, destination)
    return counts


__all__ = ["Counts", "count_lines", "verify_jsonl", "verify_store"]
