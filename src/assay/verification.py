"""Verification stage: stored candidates, or any JSONL file of model outputs.

`verify_store` verifies every stored candidate that has no verdict from the verifier yet, so an
interrupted run resumes where it stopped. `verify_jsonl` streams a file line by line: a malformed line
becomes an `error` line naming the line and the problem, and the rest of the file is still processed.
The output is written through `assay.outputs` (locked, a temporary file moved into place when complete,
resumed after an interruption), so a crash never leaves a half-written file under the requested name.
"""

from __future__ import annotations

import hashlib
import json
import re
from collections.abc import Callable, Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any, BinaryIO

from assay.engines.base import Engine, Lent, batched, lend
from assay.errors import AssayError, InputError
from assay.jsonl import json_line
from assay.outputs import writing
from assay.records import Candidate, Problem, Status, Verdict
from assay.stages import verify as verify_stage
from assay.stages.drive import drive, engine_or_local
from assay.stages.verify import VerifierSettings, VerifyContext, verifiers_for
from assay.store import Store

# (which verifier checks each domain lives in assay.verifiers; re-exported here, where callers look)
from assay.verifiers import (
    BUILTIN_DEFAULTS,
    SUPPORTED_DOMAINS,
    DomainVerifier,
    Verifier,
    Verifiers,
    choose_verifiers,
    verifier_domain,
)
from assay.workspace import check_output

BATCH = 256
MAX_LINE = 4 * 1024 * 1024  # bytes; a longer line is recorded as an error, not read into memory whole
_SURROGATE = re.compile("[\ud800-\udfff]")
MAX_NESTING = 100  # arrays and objects inside each other; a deeper line is an error line, so nothing
# downstream (ids, reference checks, the workers) ever recurses through a structure built to exhaust it


@dataclass(frozen=True)
class Counts:
    total: int = 0
    verified: int = 0
    refuted: int = 0
    unknown: int = 0
    error: int = 0
    timeout: int = 0
    resumed: int = 0  # `verify_jsonl`: lines kept from an interrupted run's output (counted above too)
    # `verify_store`: candidates of a domain with no verifier; no verdict is stored for them (not in total)
    no_verifier: int = 0
    no_verifier_note: str = ""  # the reason, naming the first such domain

    def add(self, status: Status) -> Counts:
        values = {**self.__dict__, "total": self.total + 1}
        values[status.value] += 1
        return Counts(**values)


def verify_store(
    store: Store,
    verifiers: Verifiers | VerifierSettings,
    on_progress: Callable[[int], Any] | None = None,
    redo: bool = False,
    *,
    engine: Engine | None = None,
) -> Counts:
    """Verify stored candidates lacking a verdict from their domain's verifier (all with redo=True).

    Candidates are read in keyset pages (never the whole table); what a page still needs goes through
    the `verify` stage on the engine, and its verdicts are stored before more pages are read than the
    engine has in flight. A Verifiers object runs on the local engine only; VerifierSettings on any."""
    counts = Counts()
    with engine_or_local(engine) as running, _verifiers_ref(verifiers) as (ref, local):

        def work() -> Iterator[tuple[_Page, list[tuple[Problem, Candidate]]]]:
            nonlocal counts
            for batch in batched(store.iter_candidates(), BATCH):
                problems = store.problems_by_id(c.problem_id for c in batch)
                todo = _todo(store, batch, problems, local, redo)
                unverifiable = [
                    problems[c.problem_id].domain
                    for c in todo
                    if c.problem_id in problems and not local.has_verifier(problems[c.problem_id].domain)
                ]
                if unverifiable:
                    note = counts.no_verifier_note or local.missing(unverifiable[0])
                    counts = replace(
                        counts, no_verifier=counts.no_verifier + len(unverifiable), no_verifier_note=note
                    )
                pairs = [
                    (problems[c.problem_id], c)
                    for c in todo
                    if c.problem_id in problems and local.has_verifier(problems[c.problem_id].domain)
                ]
                orphans = tuple(
                    Verdict(c.id, "none", Status.ERROR, f"problem {c.problem_id} is not in the store")
                    for c in todo
                    if c.problem_id not in problems
                )
                yield _Page(len(batch), orphans), pairs

        def write(page: _Page, verdicts: list[Verdict]) -> None:
            nonlocal counts
            verdicts = [*verdicts, *page.orphans]
            store.add_verdicts(verdicts)
            for verdict in verdicts:
                counts = counts.add(verdict.status)
            if on_progress:
                on_progress(page.size)  # skipped candidates count as done

        drive(running, verify_stage.FN, VerifyContext(ref), work(), write)
    return counts


@dataclass(frozen=True)
class _Page:
    size: int  # candidates read (verified or skipped): the progress bar's step
    orphans: tuple[Verdict, ...]  # `error` verdicts the driver made: candidates whose problem is missing


@contextmanager
def _verifiers_ref(
    verifiers: Verifiers | VerifierSettings,
) -> Iterator[tuple[VerifierSettings | Lent, Verifiers]]:
    """What the stage's context names (settings, or the caller's object lent to this process) and the
    driver's own Verifiers, to decide what is still to do (for settings: this process's instance,
    the very one the local engine's stage uses)."""
    if isinstance(verifiers, VerifierSettings):
        yield verifiers, verifiers_for(verifiers)
        return
    with lend(verifiers, "a Verifiers object") as key:
        yield key, verifiers


def _todo(
    store: Store, batch: list[Candidate], problems: Mapping[str, Problem], verifiers: Verifiers, redo: bool
) -> list[Candidate]:
    if redo:
        return batch
    done = store.verdicts_for(c.id for c in batch)
    todo = []
    for candidate in batch:
        problem = problems.get(candidate.problem_id)
        if problem is None or not verifiers.has_verifier(problem.domain):
            todo.append(candidate)  # (reported, never verified: see work)
            continue
        wanted = verifiers.for_domain(problem.domain).id
        if not any(v.verifier == wanted for v in done.get(candidate.id, [])):
            todo.append(candidate)
    return todo


# --- files ----------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class _Line:
    number: int
    record_id: str
    pair: tuple[Problem, Candidate] | None  # None: the line is malformed
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


def read_record(number: int, raw: bytes | None) -> tuple[str, dict[str, Any] | None, str]:
    """An input line's id and JSON object, or its id and why it cannot be used (one reader for every
    command that takes `verify file`-style lines); ("", None, "") for a blank line."""
    fallback = f"line-{number}"
    if raw is None:
        return fallback, None, f"line {number} is longer than {MAX_LINE} bytes"
    text = raw.decode("utf-8", errors="replace")
    if not text.strip():
        return "", None, ""
    try:
        record = json.loads(text)
    except json.JSONDecodeError as exc:
        return fallback, None, f"line {number} is not valid JSON: {exc.msg} at column {exc.colno}"
    except ValueError as exc:  # e.g. an integer literal longer than Python converts
        return fallback, None, f"line {number} cannot be read: {str(exc)[:120]}"
    except RecursionError:  # the decoder's own guard: nesting deeper than the interpreter allows
        return fallback, None, f"line {number} nests deeper than {MAX_NESTING} levels"
    if not isinstance(record, dict):
        return fallback, None, f"line {number} is a JSON {type(record).__name__}, not an object"
    record_id = record.get("id")
    record_id = str(record_id) if isinstance(record_id, str | int) else fallback
    problem = shape_problem(record)
    if problem is not None:
        record_id = record_id if shape_problem(record_id) is None else fallback
        return record_id, None, f"line {number} {problem}"
    return record_id, record, ""


def parse_line(number: int, raw: bytes | None, verifiers: Verifiers) -> _Line | None:
    """A line of the input file as a job, or as a malformed line; None for a blank line."""
    record_id, record, error = read_record(number, raw)
    if record is None:
        return _Line(number, record_id, None, error) if error else None
    try:
        pair = _pair(record, record_id, verifiers)
    except InputError as exc:
        return _Line(number, record_id, None, f"line {number}: {exc}")
    return _Line(number, record_id, pair)


def shape_problem(value: Any) -> str | None:
    """Why a decoded JSON value cannot be taken further, or None: nesting deeper than MAX_NESTING, or
    a string (key or value) holding a lone surrogate, which no UTF-8 output can hold. No recursion."""
    todo: list[tuple[Any, int]] = [(value, 0)]
    while todo:
        item, depth = todo.pop()
        if isinstance(item, str):
            if _SURROGATE.search(item):
                return "holds a lone surrogate escape (\\ud800-\\udfff), which is not valid Unicode"
            continue
        if isinstance(item, dict):
            todo.extend((key, depth) for key in item)
            item = list(item.values())
        if isinstance(item, list):
            if depth + 1 > MAX_NESTING:
                return f"nests deeper than {MAX_NESTING} levels"
            todo.extend((child, depth + 1) for child in item if isinstance(child, str | dict | list))
    return None


def _pair(record: dict[str, Any], record_id: str, verifiers: Verifiers) -> tuple[Problem, Candidate]:
    domain = record.get("domain", "math")
    if not isinstance(domain, str):
        raise InputError(f"'domain' must be a string, not {domain!r}")
    if not verifiers.has_verifier(domain):
        raise InputError(verifiers.missing(domain))
    for key in ("prompt", "response"):
        if not isinstance(record.get(key), str):
            raise InputError(f"{key!r} must be a string")
    reference = record.get("reference")
    if not isinstance(reference, dict):
        raise InputError("'reference' must be an object (see README: verifying a file)")
    verifiers.check_reference(domain, reference)
    if domain == "math":
        reference = {**reference, "answer": str(reference["answer"])}
    task = record.get("task")
    if task is not None and not isinstance(task, str):
        raise InputError("'task' must be a string")
    problem = Problem(domain, task or "", record["prompt"], reference, source="file")
    return problem, Candidate(
        problem.id, record["response"], None, generator="file", params={"id": record_id}
    )


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
    verifiers: Verifiers | VerifierSettings,
    on_progress: Callable[[int], Any] | None = None,
    *,
    settings: str = "",
    force: bool = False,
    engine: Engine | None = None,
) -> Counts:
    """Verify every line of source into destination (same order, one output line per non-blank line).

    The output is written through `assay.outputs`: locked (a second run on the same output stops with
    "in use by pid N"), into a temporary file beside it that replaces it only when complete. That file
    is named by a key of the input's content, `settings` (what else changes verdicts: timeout,
    sandbox) and the assay version, so a run that was interrupted (Ctrl-C, a crash, `kill -9`) is
    resumed by the next run with the same key: its complete lines are kept (Counts.resumed) and
    verification continues after them. A disk error removes it (a re-run then starts over).
    OutputError refuses a destination that is the source (force=True writes it anyway). The lines are
    verified by the `verify` stage on the engine (local unless given); a Verifiers object runs on the
    local engine only, VerifierSettings on any."""
    check_output(destination, [(source, "the input file")], None, force)
    key = _resume_key(source, settings)
    with (
        writing(destination, f"verdicts {destination}") as staging,
        engine_or_local(engine) as running,  # (first: the verifiers made for settings close with it)
        _verifiers_ref(verifiers) as (ref, local),
    ):
        partial = staging.resumable(key)
        done = _resumable_lines(partial)
        run = _FileRun(running, VerifyContext(ref), local, on_progress)
        try:
            return run.into(source, partial, done)
        except _NotAPrefix:
            partial.write_bytes(b"")  # cannot happen unless the file was edited: start over
            return run.into(source, partial, [])


class _NotAPrefix(AssayError):
    """The resume file's lines are not the verdicts of the input's first lines (never leaves this
    module: verify_jsonl then starts over)."""


def _resume_key(source: Path, settings: str) -> str:
    """16 hex digits naming the input's content, the settings and the assay version."""
    from assay._version import __version__

    digest = hashlib.sha256(f"{__version__}\0{settings}\0".encode())
    with source.open("rb") as handle:
        while chunk := handle.read(1 << 20):
            digest.update(chunk)
    return digest.hexdigest()[:16]


def _resumable_lines(partial: Path) -> list[tuple[str, Status]]:
    """(id, status) of each complete output line an interrupted run left in partial; a torn or
    unreadable tail is cut off, so appending continues right after the last good line."""
    try:
        data = partial.read_bytes()
    except FileNotFoundError:
        partial.touch()
        return []
    done: list[tuple[str, Status]] = []
    good = 0
    for raw in data.split(b"\n")[:-1]:  # the piece after the last newline is torn (or empty)
        try:
            line = json.loads(raw)
            done.append((str(line["id"]), Status(line["status"])))
        except (ValueError, KeyError, TypeError):
            break
        good += len(raw) + 1
    if good != len(data):
        with partial.open("r+b") as handle:
            handle.truncate(good)
    return done


@dataclass(frozen=True)
class _FileRun:
    engine: Engine
    context: VerifyContext
    verifiers: Verifiers  # the driver's: reads each line (domains, references) before it is verified
    on_progress: Callable[[int], Any] | None

    def into(self, source: Path, partial: Path, done: list[tuple[str, Status]]) -> Counts:
        """Append to partial the output line of each input line after the `done` ones (kept as they are)."""
        counts = Counts()
        resumed = 0
        with source.open("rb") as handle, partial.open("a", encoding="utf-8") as out:

            def to_verify() -> Iterator[_Line]:
                nonlocal counts, resumed
                for number, raw in _read_lines(handle):
                    line = parse_line(number, raw, self.verifiers)
                    if line is None:
                        self._advance(1)
                        continue
                    if resumed < len(done):  # written by the interrupted run: keep it, verify nothing
                        record_id, status = done[resumed]
                        if record_id != line.record_id:
                            raise _NotAPrefix
                        resumed += 1
                        counts = counts.add(status)
                        self._advance(1)
                        continue
                    yield line

            def write(lines: list[_Line], verdicts: list[Verdict]) -> None:
                nonlocal counts
                found = iter(verdicts)
                for line in lines:
                    if line.pair is None:
                        verdict = Verdict(line.record_id, "none", Status.ERROR, line.problem)
                    else:
                        verdict = next(found)
                    counts = counts.add(verdict.status)
                    out.write(json_line(output_line(line.record_id, verdict)))
                out.flush()  # whole batches reach the file: a killed run loses at most the batches in flight
                self._advance(len(lines))

            work = (
                (lines, [ln.pair for ln in lines if ln.pair is not None])
                for lines in batched(to_verify(), BATCH)
            )
            drive(self.engine, verify_stage.FN, self.context, work, write)
        if resumed < len(done):
            raise _NotAPrefix  # more output lines than input lines
        return replace(counts, resumed=resumed)

    def _advance(self, n: int) -> None:
        if self.on_progress:
            self.on_progress(n)


__all__ = [
    "BUILTIN_DEFAULTS",
    "SUPPORTED_DOMAINS",
    "Counts",
    "DomainVerifier",
    "Verifier",
    "VerifierSettings",
    "Verifiers",
    "choose_verifiers",
    "count_lines",
    "verifier_domain",
    "verify_jsonl",
    "verify_store",
]
