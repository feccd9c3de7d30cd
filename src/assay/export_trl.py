"""Exports shaped as the datasets TRL's trainers read: SFT chat rows, preference pairs, stepwise labels.

    trl-sft          messages                    SFTTrainer (conversational language modelling)
    trl-preference   prompt, chosen, rejected    DPOTrainer (conversational, explicit prompt)
    trl-stepwise     prompt, completions, labels PRMTrainer (standard stepwise supervision)

Every row also has `provenance`: the candidate(s), the verifier that selected it and its verdict, and
every stored score, as JSON text. Text, not a nested column, because a nested column's type is inferred
from the rows a reader sees first (`datasets` reads JSONL in blocks), so a later row with a field the
first ones lacked would break the load; TRL's trainers never read the column.

Only verifier evidence selects rows; a score only ranks. What each format takes:
- SFT: the rows the plain export takes with status `verified` (the same reader, `export.iter_rows`).
- Preference: per problem, one candidate its domain's verifier verified and no verifier refuted
  (chosen) and one it refuted (rejected): with a scorer, the highest-scored verified and the
  lowest-scored refuted. `unknown`, `error` and `timeout` are never a rejected response: an unknown
  response may well be right, and a pair whose "worse" side is right teaches the model to avoid right
  answers. Problems without both are skipped and counted. Explicit prompt (not implicit): the prompt
  is the user turn on its own, so TRL never has to find where a shared prefix ends, and chosen and
  rejected are only the answers.
- Stepwise: `labels` from the verdict's per-step results (`export_trl_rules.step_labels`).

The curation gates (dedup, decontamination, human share) are the plain export's, applied to the
prompt and the response a row trains towards (the chosen one, for pairs). Files and cards are written
as the plain export writes them (`assay.outputs.writing`: all or nothing, one writer per file).

This module never decides what is right: it reads stored verdicts, and what they cannot back (an
undecided response as rejected, a label no step result supports) is left out and counted, not guessed.
"""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Callable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Literal

from assay.errors import AssayError, InputError
from assay.export import _DB_FILES, CARD_TITLE, Format, Gates, card_path, gate_lines
from assay.export_gates import SpilledCurator
from assay.export_rows import BATCH, Unselected, domain_verifiers, iter_rows
from assay.export_trl_rules import Option, RowFilter, ScorerMatch, choose_pair, step_labels
from assay.jsonl import json_line
from assay.loop.curation import Example, check_human_share
from assay.outputs import writing
from assay.records import Candidate, Problem, Score, Status, Step, Verdict
from assay.store import Store
from assay.workspace import check_output

TrlKind = Literal["trl-sft", "trl-preference", "trl-stepwise"]
TRL_KINDS: tuple[TrlKind, ...] = ("trl-sft", "trl-preference", "trl-stepwise")


@dataclass(frozen=True)
class TrlExport:
    """What an export wrote: rows, what was left out and why (reason → problems for pairs, traces for
    stepwise labels), and the stored scorer id that ranked or was carried (None: none given)."""

    rows: int
    skipped: Mapping[str, int]
    scorer: str | None


@dataclass(frozen=True)
class _Row:
    """One row before writing: TRL's columns, the provenance, and what the curation gates read."""

    columns: dict[str, Any]
    provenance: dict[str, Any]
    prompt: str
    response: str
    generator: str


# --- rows --------------------------------------------------------------------------------------------


def _scores(scores: Sequence[Score]) -> list[dict[str, Any]]:
    return [{"scorer": s.scorer, "value": s.value} for s in scores]


def _sft_rows(
    store: Store, filt: RowFilter, match: ScorerMatch, skipped: Counter[str], unselected: Unselected
) -> Iterator[_Row]:
    """The plain export's verified rows (its own reader: the same selection), with every stored score."""
    rows = iter_rows(
        store, filt.verifier, Status.VERIFIED, filt.generation, filt.generator, filt.table, unselected
    )
    chunk: list[dict[str, Any]] = []

    def flush() -> Iterator[_Row]:
        scores = store.scores_for(r["provenance"]["candidate_id"] for r in chunk)
        for row in chunk:
            provenance = dict(row["provenance"])
            mine = scores.get(provenance["candidate_id"], [])
            match.pick(mine)
            provenance["verifier"] = filt.verifier_for(provenance["domain"])
            provenance["scores"] = _scores(mine)
            messages = row["messages"]
            yield _Row(
                {"messages": messages},
                provenance,
                messages[0]["content"],
                messages[1]["content"],
                str(provenance["generator"]),
            )
        chunk.clear()

    for row in rows:
        chunk.append(row)
        if len(chunk) >= BATCH:
            yield from flush()
    yield from flush()


def _candidate_provenance(
    candidate: Candidate, verdict: Verdict | None, scores: Sequence[Score]
) -> dict[str, Any]:
    return {
        "candidate_id": candidate.id,
        "generator": candidate.generator,
        "generation": candidate.generation,
        "sample_index": candidate.sample_index,
        "seed": candidate.seed,
        "status": verdict.status.value if verdict else None,
        "evidence": verdict.evidence if verdict else "",
        "scores": _scores(scores),
    }


def _problem_provenance(problem: Problem, verifier: str) -> dict[str, Any]:
    return {
        "problem_id": problem.id,
        "domain": problem.domain,
        "task": problem.task,
        "problem_source": problem.source,
        "verifier": verifier,
    }


def _preference_rows(
    store: Store, filt: RowFilter, match: ScorerMatch, skipped: Counter[str], unselected: Unselected
) -> Iterator[_Row]:
    """One pair per problem, problems read a page at a time with their candidates (flat memory)."""
    for page in store.iter_problem_pages():
        groups = {p.id: [c for c in store.candidates_for(p.id) if filt.keeps(c)] for p in page}
        ids = [c.id for group in groups.values() for c in group]
        verdicts = store.verdicts_for(ids)
        scores = store.scores_for(ids)
        for problem in page:
            group = groups[problem.id]
            if not group:
                continue  # nothing of this selection answers it: not a skipped pair
            wanted = filt.verifier_for(problem.domain)
            if wanted is None:
                skipped[f"no verifier for domain {problem.domain}"] += 1
                continue
            mine = {c.id: _verdict_of(verdicts.get(c.id, []), wanted) for c in group}
            for c in group:
                if mine[c.id] is None:
                    unselected.note(wanted, (v.verifier for v in verdicts.get(c.id, [])))
            options = [
                Option(
                    c,
                    v.status if v else None,
                    _value(match.pick(scores.get(c.id, []))),
                    _contested(verdicts.get(c.id, [])),
                )
                for c, v in ((c, mine[c.id]) for c in group)
            ]
            pair = choose_pair(options, ranked=match.wanted is not None)
            if isinstance(pair, str):
                skipped[pair] += 1
                continue
            chosen, rejected = pair
            provenance = _problem_provenance(problem, wanted)
            provenance["ranked_by"] = match.resolved
            for side, option in (("chosen", chosen), ("rejected", rejected)):
                c = option.candidate
                provenance[side] = _candidate_provenance(c, mine[c.id], scores.get(c.id, []))
            columns = {
                "prompt": [{"role": "user", "content": problem.prompt}],
                "chosen": [{"role": "assistant", "content": chosen.candidate.text}],
                "rejected": [{"role": "assistant", "content": rejected.candidate.text}],
            }
            yield _Row(columns, provenance, problem.prompt, chosen.candidate.text, chosen.candidate.generator)


def _value(score: Score | None) -> float | None:
    return None if score is None else score.value


def _steps(problem: Problem, candidate: Candidate) -> tuple[Step, ...]:
    """The trace's steps as the verifier read them: the verifier parses the response itself (its step
    results number that reading), so the response is read again the way sampling reads it
    (`read_response`); the stored steps may be absent (reference solutions, imports) or from an older
    parser. A domain read_response does not parse keeps its stored steps. Whichever is used, the
    step results must still line up with them one for one (`step_labels`)."""
    from assay.stages.sample import read_response

    return read_response(problem, candidate.text)[1] or candidate.steps


def _contested(verdicts: Sequence[Verdict]) -> bool:
    return any(v.status == Status.REFUTED for v in verdicts)


def _verdict_of(verdicts: Sequence[Verdict], verifier: str) -> Verdict | None:
    return next((v for v in verdicts if v.verifier == verifier), None)


def _stepwise_rows(
    store: Store, filt: RowFilter, match: ScorerMatch, skipped: Counter[str], unselected: Unselected
) -> Iterator[_Row]:
    """One row per trace the verdict labels step by step (see `step_labels`)."""
    for page in store.iter_candidate_pages(generation=filt.generation, generator=filt.generator):
        problems = store.problems_by_id(c.problem_id for c in page)
        verdicts = store.verdicts_for(c.id for c in page)
        scores = store.scores_for(c.id for c in page)
        for candidate in page:
            problem = problems.get(candidate.problem_id)
            if problem is None:
                continue
            wanted = filt.verifier_for(problem.domain)
            verdict = _verdict_of(verdicts.get(candidate.id, []), wanted) if wanted else None
            if verdict is None:
                skipped["no verdict from the selecting verifier"] += 1
                if wanted:
                    unselected.note(wanted, (v.verifier for v in verdicts.get(candidate.id, [])))
                continue
            steps = _steps(problem, candidate)
            labels = step_labels(steps, verdict)
            if not isinstance(labels, str) and all(labels) and _contested(verdicts.get(candidate.id, [])):
                labels = "verified, but refuted by another verifier"
            if isinstance(labels, str):
                skipped[labels] += 1
                continue
            mine = scores.get(candidate.id, [])
            match.pick(mine)
            provenance = _problem_provenance(problem, verdict.verifier)
            provenance.update(_candidate_provenance(candidate, verdict, mine))
            provenance["first_error_step"] = next(
                (s.index for s, ok in zip(steps, labels, strict=True) if not ok), None
            )
            provenance["step_statuses"] = [r.status.value for r in verdict.steps]
            columns = {
                "prompt": problem.prompt,
                "completions": [s.text for s in steps],
                "labels": list(labels),
            }
            yield _Row(columns, provenance, problem.prompt, candidate.text, candidate.generator)


_ROWS: dict[TrlKind, Callable[[Store, RowFilter, ScorerMatch, Counter[str], Unselected], Iterator[_Row]]] = {
    "trl-sft": _sft_rows,
    "trl-preference": _preference_rows,
    "trl-stepwise": _stepwise_rows,
}


# --- writing -----------------------------------------------------------------------------------------


def export_trl(
    store: Store,
    destination: Path,
    kind: TrlKind,
    fmt: Format,
    *,
    verifier: str | None = None,
    by_domain: Mapping[str, str] | None = None,
    generation: int | None = None,
    generator: str | None = None,
    scorer: str | None = None,
    gates: Gates | None = None,
    inputs: Sequence[Path] = (),
    force: bool = False,
    on_row: Callable[[], Any] | None = None,
    unselected: Unselected | None = None,
) -> TrlExport:
    """Write `kind` rows to destination as fmt, and the dataset card beside it (`export.card_path`).

    Rows are selected by the verdicts of `verifier` if given, else of each problem's domain's verifier
    (by_domain; default: the installed defaults). `scorer` is a stored scorer id, or a name with one
    stored version: it ranks preference pairs and is named in the card (InputError if nothing stored
    has its scores). `unselected` (filled in when given) counts the candidates passed over for want of
    a current verdict, as `export.export` does; the card names the stale ones. Errors as
    `export.export`: OutputError for a protected destination, AssayError below the minimum human
    share; either way nothing is written."""
    if kind not in _ROWS:
        raise InputError(f"unknown TRL format {kind!r}; one of {', '.join(TRL_KINDS)}")
    database = store.database_path  # protected as the plain export protects it (its list of files)
    own = [] if database is None else [database.with_name(database.name + s) for s in _DB_FILES]
    protected = [(p, "the database being exported") for p in own] + [(p, "an input") for p in inputs]
    check_output(destination, protected, store.home, force)
    filt = RowFilter(
        verifier, dict(by_domain) if by_domain is not None else domain_verifiers(), generation, generator
    )
    match = ScorerMatch(scorer)
    skipped: Counter[str] = Counter()
    per_domain: Counter[str] = Counter()
    unselected = unselected if unselected is not None else Unselected()
    with writing(destination, f"export {destination}") as staging, _curator(gates, destination) as curator:
        rows = _ROWS[kind](store, filt, match, skipped, unselected)
        if curator is not None:
            rows = _admitted(rows, curator)
        rows = _tallied(rows, per_domain)
        data = staging.temp()
        count = (
            _write_jsonl(rows, data, on_row) if fmt == "jsonl" else _write_parquet(rows, data, kind, on_row)
        )
        match.check_found()
        if gates is not None and curator is not None:
            check_human_share(curator.counts.human_share, gates.min_human_share, gates.allow_low_human_share)
        card = _card(
            destination.name, kind, fmt, count, filt, match, skipped, per_domain, gates, curator, unselected
        )
        staging.temp(card_path(destination)).write_text(card, encoding="utf-8")
    return TrlExport(count, dict(sorted(skipped.items())), match.resolved)


@contextmanager
def _curator(gates: Gates | None, destination: Path) -> Iterator[SpilledCurator | None]:
    """The plain export's gates, their memory beside the destination (see `export._gates`)."""
    if gates is None:
        yield None
        return
    with SpilledCurator(gates.eval_prompts, dedup=gates.dedup, folder=destination.parent) as curator:
        yield curator


def _admitted(rows: Iterator[_Row], curator: SpilledCurator) -> Iterator[_Row]:
    for row in rows:
        origin = "human" if row.generator.startswith("human") else "model"
        if curator.admit(Example(row.prompt, row.response, origin)):
            yield row


def _tallied(rows: Iterator[_Row], per_domain: Counter[str]) -> Iterator[_Row]:
    for row in rows:
        per_domain[str(row.provenance["domain"])] += 1
        yield row


def _line(row: _Row) -> dict[str, Any]:
    return {**row.columns, "provenance": json.dumps(row.provenance, ensure_ascii=False)}


def _write_jsonl(rows: Iterator[_Row], path: Path, on_row: Callable[[], Any] | None) -> int:
    count = 0
    with path.open("w", encoding="utf-8") as out:
        for row in rows:
            out.write(json_line(_line(row)))  # (line-break characters escaped: one row, one line)
            count += 1
            if on_row:
                on_row()
    return count


def _schema(kind: TrlKind) -> Any:
    import pyarrow as pa

    turns = pa.list_(pa.struct([("role", pa.string()), ("content", pa.string())]))
    columns = {
        "trl-sft": [("messages", turns)],
        "trl-preference": [("prompt", turns), ("chosen", turns), ("rejected", turns)],
        "trl-stepwise": [
            ("prompt", pa.string()),
            ("completions", pa.list_(pa.string())),
            ("labels", pa.list_(pa.bool_())),
        ],
    }[kind]
    return pa.schema([*columns, ("provenance", pa.string())])


def _write_parquet(rows: Iterator[_Row], path: Path, kind: TrlKind, on_row: Callable[[], Any] | None) -> int:
    try:
        import pyarrow as pa
        import pyarrow.parquet as pq
    except ImportError as exc:
        raise AssayError("parquet export needs pyarrow: pip install 'assay[parquet]'") from exc
    schema = _schema(kind)
    count = 0
    with pq.ParquetWriter(str(path), schema) as writer:
        chunk: list[dict[str, Any]] = []
        for row in rows:
            chunk.append(_line(row))
            count += 1
            if on_row:
                on_row()
            if len(chunk) >= BATCH:
                writer.write_table(pa.Table.from_pylist(chunk, schema=schema))
                chunk = []
        if chunk or count == 0:
            writer.write_table(pa.Table.from_pylist(chunk, schema=schema))
    return count


# --- the dataset card --------------------------------------------------------------------------------

_WHAT = {
    "trl-sft": (
        "SFT chat rows for TRL's SFTTrainer (conversational language modelling)",
        "`messages`: [{role: user, content: prompt}, {role: assistant, content: response}]",
        "- rows: candidates with status `verified` from the selecting verifier (as the plain export)",
    ),
    "trl-preference": (
        "preference pairs for TRL's DPOTrainer (conversational, explicit prompt)",
        "`prompt`: [{role: user}]; `chosen`, `rejected`: [{role: assistant}] each",
        "- pairs: per problem, a response the selecting verifier verified and no verifier refuted "
        "(chosen) and one it refuted (rejected); `unknown`, `error` and `timeout` responses are never "
        "rejected (an unknown response may be right)",
    ),
    "trl-stepwise": (
        "stepwise supervision for TRL's PRMTrainer (standard format)",
        "`prompt`: text; `completions`: the trace's steps as the verifier read them; `labels`: a bool each",
        "- labels: True before the first refuted step, False from it on (prose steps, which claim "
        "nothing checkable, count as passing); traces left out: unknown steps before the first "
        "refuted one, refuted with no refuted step, step results that do not line up with the steps, "
        "and any verdict other than verified or refuted",
    ),
}


def _card(
    name: str,
    kind: TrlKind,
    fmt: str,
    count: int,
    filt: RowFilter,
    match: ScorerMatch,
    skipped: Mapping[str, int],
    per_domain: Mapping[str, int],
    gates: Gates | None,
    curator: SpilledCurator | None,
    unselected: Unselected,
) -> str:
    from assay._version import __version__

    what, columns, rule = _WHAT[kind]
    loader = "parquet" if fmt == "parquet" else "json"
    how = "the verifier given" if filt.verifier else "each domain's own verifier"
    lines = [
        f"{CARD_TITLE}{name}",
        "",
        f"{count} rows of {what} ({fmt}, format `{kind}`), written by assay {__version__}.",
        "",
        "## Format",
        f"- columns: {columns}; `provenance`: JSON text (TRL ignores it; `json.loads` it)",
        f'- load: `datasets.load_dataset("{loader}", data_files="{name}", split="train")`',
        "",
        "## Selection",
        rule,
        f"- selected by {how}:",
        *(
            f"  - {domain}: {filt.verifier_for(domain) or 'no verifier'} ({n} rows)"
            for domain, n in sorted(per_domain.items())
        ),
        *(["  - (no rows)"] if not per_domain else []),
        f"- generation: {filt.generation if filt.generation is not None else 'all'}; "
        f"generator: {filt.generator or 'all'}",
        f"- scorer: {_scorer_line(kind, match)}",
        *(f"- not selected: {line} (`assay verify` re-verifies them)" for line in unselected.lines()),
    ]
    if skipped:
        unit = "problems" if kind == "trl-preference" else "traces"
        lines += ["", f"## Left out ({unit})", *(f"- {why}: {n}" for why, n in sorted(skipped.items()))]
    if gates is not None and curator is not None:  # (both or neither)
        lines += gate_lines(gates, curator)
    lines += [
        "",
        "Each row's `provenance` names its problem, candidate(s), selecting verdict and stored scores.",
    ]
    return "\n".join(lines) + "\n"


def _scorer_line(kind: TrlKind, match: ScorerMatch) -> str:
    if match.wanted is None:
        if kind == "trl-preference":
            return "none (chosen and rejected: the first of each by candidate id)"
        return "none (every stored score is carried in provenance)"
    scorer = match.resolved or match.wanted
    if kind == "trl-preference":
        return f"{scorer}: the highest-scored verified response against the lowest-scored refuted one"
    return f"{scorer} (carried in provenance; it selects nothing)"
