"""Export stage: selected samples as SFT chat data (`messages`) with a provenance column per row.

Rows stream from the store in batches. The export and its dataset card (`<export>.README.md`, one per
export, so exporting another file into the same folder never loses an earlier export's card) are written
through `assay.outputs`: under the export's lock, to unique temporary files, moved into place together
when both are complete. An interrupted, refused or failed export leaves the previous export and card as
they were; two exports to one file never mix (the second stops with "in use by pid N").
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Literal

from assay.errors import AssayError
from assay.loop.curation import Curator, Example, check_human_share
from assay.outputs import writing
from assay.records import Status
from assay.store import Store
from assay.workspace import check_output

Format = Literal["jsonl", "parquet"]
BATCH = 500
_DB_FILES = ("", "-wal", "-shm", "-journal")  # a SQLite database and the files SQLite keeps beside it


def iter_rows(
    store: Store,
    verifier: str = "math-steps@1",
    status: Status | None = Status.VERIFIED,
    generation: int | None = None,
    generator: str | None = None,
) -> Iterator[dict[str, Any]]:
    """SFT rows for candidates whose verdict from verifier has the given status (any status: None)."""
    batch = []
    for candidate in store.iter_candidates(generation=generation, generator=generator):
        batch.append(candidate)
        if len(batch) >= BATCH:
            yield from _rows(store, batch, verifier, status)
            batch = []
    if batch:
        yield from _rows(store, batch, verifier, status)


def _rows(store: Store, batch: list[Any], verifier: str, status: Status | None) -> Iterator[dict[str, Any]]:
    verdicts = store.verdicts_for(c.id for c in batch)
    problems = store.problems_by_id(c.problem_id for c in batch)
    for candidate in batch:
        mine = [v for v in verdicts.get(candidate.id, []) if v.verifier == verifier]
        if status is not None and not any(v.status == status for v in mine):
            continue
        problem = problems.get(candidate.problem_id)
        if problem is None:
            continue
        provenance = {
            "problem_id": problem.id,
            "candidate_id": candidate.id,
            "domain": problem.domain,
            "task": problem.task,
            "problem_source": problem.source,
            "generator": candidate.generator,
            "generation": candidate.generation,
            "sample_index": candidate.sample_index,
            "seed": candidate.seed,
            "verdicts": [
                {"verifier": v.verifier, "status": v.status.value, "evidence": v.evidence}
                for v in verdicts.get(candidate.id, [])
            ],
        }
        yield {
            "messages": [
                {"role": "user", "content": problem.prompt},
                {"role": "assistant", "content": candidate.text},
            ],
            "provenance": provenance,
        }


@dataclass(frozen=True)
class Gates:
    """Curation at export: duplicates and near-duplicates dropped, rows whose prompt appears in the
    evaluation prompts dropped, and a minimum share of human data (generators named human*)."""

    dedup: bool = True
    eval_prompts: tuple[str, ...] = ()
    eval_sources: tuple[str, ...] = ()  # for the dataset card
    min_human_share: float = 0.0
    allow_low_human_share: bool = False


def export(
    store: Store,
    destination: Path,
    fmt: Format,
    verifier: str = "math-steps@1",
    status: Status | None = Status.VERIFIED,
    on_row: Callable[[], Any] | None = None,
    generation: int | None = None,
    generator: str | None = None,
    gates: Gates | None = None,
    inputs: Sequence[Path] = (),
    force: bool = False,
) -> int:
    """Write the selected rows to destination, and its dataset card (`card_path`); returns how many.

    With gates, rows go through the curation gates first; if the human share ends below the minimum
    (and that is not allowed), nothing is written and AssayError says why. OutputError refuses a
    destination that is the store's database, one of inputs (files the export reads, e.g. eval sets),
    a workspace's config, or inside another workspace's artifacts/ (force=True writes it anyway);
    InUseError: another process is writing destination."""
    database = store.database_path
    own = [] if database is None else [database.with_name(database.name + s) for s in _DB_FILES]
    protected = [(p, "the database being exported") for p in own] + [(p, "an input") for p in inputs]
    check_output(destination, protected, store.home, force)
    rows = iter_rows(store, verifier, status, generation, generator)
    curator = Curator(gates.eval_prompts, dedup=gates.dedup) if gates is not None else None
    if curator is not None:
        rows = _admitted(rows, curator)
    with writing(destination, f"export {destination}") as staging:
        data = staging.temp()
        count = _write_jsonl(rows, data, on_row) if fmt == "jsonl" else _write_parquet(rows, data, on_row)
        if gates is not None and curator is not None:  # (both or neither)
            check_human_share(curator.counts.human_share, gates.min_human_share, gates.allow_low_human_share)
        card = _card(destination.name, count, fmt, verifier, status, generation, generator, gates, curator)
        staging.temp(card_path(destination)).write_text(card, encoding="utf-8")
    return count


def _admitted(rows: Iterator[dict[str, Any]], curator: Curator) -> Iterator[dict[str, Any]]:
    """The rows the curation gates let through (rows from generators named human* count as human)."""
    for row in rows:
        origin = "human" if str(row["provenance"]["generator"]).startswith("human") else "model"
        if curator.admit(Example(row["messages"][0]["content"], row["messages"][1]["content"], origin)):
            yield row


def _card(
    name: str,
    count: int,
    fmt: str,
    verifier: str,
    status: Status | None,
    generation: int | None,
    generator: str | None,
    gates: Gates | None,
    curator: Curator | None,
) -> str:
    from assay._version import __version__

    lines = [
        f"{CARD_TITLE}{name}",
        "",
        f"{count} rows of SFT chat data ({fmt}), written by assay {__version__}.",
        "",
        "## Selection",
        f"- verifier: {verifier}; status: {status.value if status else 'any'}",
        f"- generation: {generation if generation is not None else 'all'}; generator: {generator or 'all'}",
    ]
    if gates is not None and curator is not None:  # (both or neither)
        c = curator.counts
        lines += [
            "",
            "## Curation gates",
            f"- exact duplicates removed: {c.exact_duplicates}",
            f"- near-duplicates removed (MinHash LSH, Jaccard ≥ 0.85): {c.near_duplicates}",
            (
                f"- contaminated rows removed (prompt found in {', '.join(gates.eval_sources)}): "
                f"{c.contaminated}"
                if gates.eval_sources
                else "- decontamination: no eval set given (`--decontaminate FILE`)"
            ),
            f"- human share: {c.human_share:.1%} (minimum {gates.min_human_share:.1%}"
            + (", below it by explicit override)" if c.human_share < gates.min_human_share else ")"),
        ]
    lines += ["", "Each row's `provenance` names its problem, generator, generation and every verdict."]
    return "\n".join(lines) + "\n"


CARD_TITLE = "# Dataset card: "


def card_path(destination: Path) -> Path:
    """The dataset card of an export: `<export name>.README.md` beside it. One per export, so a second
    export into the same folder never replaces the first one's card (nor a project's own README.md)."""
    return destination.with_name(destination.name + ".README.md")


def _write_jsonl(rows: Iterator[dict[str, Any]], path: Path, on_row: Callable[[], Any] | None) -> int:
    count = 0
    with path.open("w", encoding="utf-8") as out:
        for row in rows:
            out.write(json.dumps(row, ensure_ascii=False) + "\n")
            count += 1
            if on_row:
                on_row()
    return count


def _write_parquet(rows: Iterator[dict[str, Any]], path: Path, on_row: Callable[[], Any] | None) -> int:
    try:
        import pyarrow as pa
        import pyarrow.parquet as pq
    except ImportError as exc:
        raise AssayError("parquet export needs pyarrow: pip install 'assay[parquet]'") from exc
    message = pa.struct([("role", pa.string()), ("content", pa.string())])
    schema = pa.schema([("messages", pa.list_(message)), ("provenance", pa.string())])
    count = 0
    with pq.ParquetWriter(str(path), schema) as writer:
        chunk: list[dict[str, Any]] = []
        for row in rows:
            chunk.append(
                {"messages": row["messages"], "provenance": json.dumps(row["provenance"], ensure_ascii=False)}
            )
            count += 1
            if on_row:
                on_row()
            if len(chunk) >= BATCH:
                writer.write_table(pa.Table.from_pylist(chunk, schema=schema))
                chunk = []
        if chunk or count == 0:
            writer.write_table(pa.Table.from_pylist(chunk, schema=schema))
    return count
