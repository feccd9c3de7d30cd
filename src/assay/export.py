"""Export stage: selected samples as SFT chat data (`messages`) with a provenance column per row.

Rows stream from the store a page at a time (`assay.export_rows` selects them and says what it passed
over), and the curation gates remember what they have seen in a scratch SQLite
file (`export_gates.SpilledCurator`), so an export's memory stays flat however many rows it writes.

The export and its dataset card (`<export>.README.md`, one per export, so exporting another file into
the same folder never loses an earlier export's card) are written through `assay.outputs`: under the
export's lock, to unique temporary files, moved into place together when both are complete. An
interrupted, refused or failed export leaves the previous export and card as they were; two exports to
one file never mix (the second stops with "in use by pid N").
"""

from __future__ import annotations

import json
from collections.abc import Callable, Collection, Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Literal

from assay.errors import AssayError
from assay.export_gates import SpilledCurator
from assay.export_rows import BATCH, Unselected, domain_verifiers, iter_rows
from assay.jsonl import json_line
from assay.loop.curation import Example, check_human_share
from assay.outputs import writing
from assay.records import Status
from assay.selection import Chosen, Offered, Selection, choose
from assay.store import Store
from assay.workspace import check_output

Format = Literal["jsonl", "parquet"]
_DB_FILES = ("", "-wal", "-shm", "-journal")  # a SQLite database and the files SQLite keeps beside it


@dataclass(frozen=True)
class KeptRow:
    """One kept item of a human review queue (assay.review.kept), as the export writes it."""

    decision: str  # accept · edit (what settled the item)
    settled_by: str  # consensus · adjudication
    text: str | None  # the verified edit that replaces the response; None: the candidate's own text
    edit_verdict: Mapping[str, str] | None  # the edit's re-verification: {status, evidence}
    reviews: tuple[Mapping[str, Any], ...]  # every decision on the item, in the order made


@dataclass(frozen=True)
class ReviewedSet:
    """The kept set of a review queue: what `export(reviewed=...)` writes, and only that."""

    queue_id: str
    rows: Mapping[str, KeptRow]  # candidate id → its kept item


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
    verifier: str | None = None,
    status: Status | None = Status.VERIFIED,
    on_row: Callable[[], Any] | None = None,
    generation: int | None = None,
    generator: str | None = None,
    gates: Gates | None = None,
    inputs: Sequence[Path] = (),
    force: bool = False,
    by_domain: Mapping[str, str] | None = None,
    selection: Selection | None = None,
    only: Collection[str] | None = None,
    reviewed: ReviewedSet | None = None,
    unselected: Unselected | None = None,
) -> int:
    """Write the selected rows to destination, and its dataset card (`card_path`); returns how many.

    `unselected` (filled in when given) counts the candidates the status filter passed over for want of
    a verdict of the verifier that selects them, and those whose verdicts are from other versions of
    it; the card names the latter, since verifying again would select them.

    After the verdict filter and the gates, `only` keeps the rows of these candidate ids (a review's
    kept set) and `selection` ranks what is left by a stored score (`assay.selection`: minimum score,
    top k per problem, top N); the card says what each removed.

    `reviewed` (a human review queue's kept set) writes only its rows: an accepted row as stored, an
    edited one with the verified edit as its response; the verdict filter applies to the text written
    (an edit's own re-verification, else the candidate's verdicts), before the gates, and each row's
    provenance carries every decision on it.

    Rows are selected by the verdicts of `verifier` if given, else of each problem's domain's verifier
    (by_domain; default: the installed defaults, see `domain_verifiers`); the card names them.

    With gates, rows go through the curation gates first; if the human share ends below the minimum
    (and that is not allowed), nothing is written and AssayError says why. OutputError refuses a
    destination that is the store's database, one of inputs (files the export reads, e.g. eval sets),
    a workspace's config, or inside another workspace's artifacts/ (force=True writes it anyway);
    InUseError: another process is writing destination."""
    database = store.database_path
    own = [] if database is None else [database.with_name(database.name + s) for s in _DB_FILES]
    protected = [(p, "the database being exported") for p in own] + [(p, "an input") for p in inputs]
    check_output(destination, protected, store.home, force)
    table = dict(by_domain) if by_domain is not None else domain_verifiers()
    per_domain: dict[str, int] = {}
    carried: dict[str, int] = {}
    chosen = None
    if selection is not None and selection.ranks:  # a first pass: ranking needs every offered row's score
        offer = Offer(verifier, status, generation, generator, table, only)
        chosen = choose_rows(store, offer, selection, gates, destination.parent)
    review_counts: dict[str, int] = {}
    unselected = unselected if unselected is not None else Unselected()
    if reviewed is None:
        rows = iter_rows(store, verifier, status, generation, generator, table, unselected)
    else:  # (every candidate's rows, then only the kept ones, each filtered by the text it will carry)
        rows = iter_rows(store, verifier, None, generation, generator, table)
        rows = _reviewed_rows(rows, reviewed, status, verifier, table, review_counts)
    with writing(destination, f"export {destination}") as staging, _gates(gates, destination) as curator:
        if curator is not None:
            rows = _admitted(rows, curator)
        if only is not None:
            rows = _among(rows, only)
        if chosen is not None:
            rows = _among(rows, chosen.ids)
        rows = _tallied(rows, per_domain)  # after the gates: the card counts the rows written
        rows = _carried(rows, carried)
        data = staging.temp()
        count = _write_jsonl(rows, data, on_row) if fmt == "jsonl" else _write_parquet(rows, data, on_row)
        if gates is not None and curator is not None:  # (both or neither)
            check_human_share(curator.counts.human_share, gates.min_human_share, gates.allow_low_human_share)
        used = {d: (verifier or table.get(d, "")) for d in per_domain}
        lines = _per_domain_lines(per_domain, used, verifier)
        lines += _selection_lines(selection, chosen, only, carried)
        lines += [f"- not selected: {line} (`assay verify` re-verifies them)" for line in unselected.lines()]
        if reviewed is not None:
            lines += _reviewed_lines(reviewed, review_counts, status)
        card = _card(destination.name, count, fmt, lines, status, generation, generator, gates, curator)
        staging.temp(card_path(destination)).write_text(card, encoding="utf-8")
    return count


@dataclass(frozen=True)
class Offer:
    """Which rows a selection ranks: the export's verdict filter and kept set (see `export`)."""

    verifier: str | None = None
    status: Status | None = Status.VERIFIED
    generation: int | None = None
    generator: str | None = None
    by_domain: Mapping[str, str] | None = None
    only: Collection[str] | None = None


def offered(
    store: Store, offer: Offer, scorer: str | None, curator: SpilledCurator | None
) -> Iterator[Offered]:
    """The rows an export with these filters (and the curator's gates) would write, in its order, as
    the ranking sees them: ids and the value of `scorer`'s stored score (None: none)."""
    table = dict(offer.by_domain) if offer.by_domain is not None else domain_verifiers()
    rows = iter_rows(store, offer.verifier, offer.status, offer.generation, offer.generator, table)
    if curator is not None:
        rows = _admitted(rows, curator)
    if offer.only is not None:
        rows = _among(rows, offer.only)
    for row in rows:
        provenance = row["provenance"]
        values = [float(s["value"]) for s in provenance.get("scores", ()) if s["scorer"] == scorer]
        yield Offered(provenance["candidate_id"], provenance["problem_id"], values[0] if values else None)


def choose_rows(
    store: Store, offer: Offer, selection: Selection, gates: Gates | None, folder: Path
) -> Chosen:
    """What `selection` keeps of the rows an export with these filters and gates would write (the
    gates' memory in a scratch folder under folder)."""
    folder.mkdir(parents=True, exist_ok=True)
    with _gates(gates, folder / "(gates)") as curator:  # (_gates keeps its memory beside its argument)
        return choose(offered(store, offer, selection.scorer, curator), selection)


def _reviewed_rows(
    rows: Iterator[dict[str, Any]],
    reviewed: ReviewedSet,
    status: Status | None,
    verifier: str | None,
    table: Mapping[str, str],
    counts: dict[str, int],
) -> Iterator[dict[str, Any]]:
    """The kept rows of a review queue, each as it will be written: an edit's text replaces the
    response, and the verdict filter is applied to that text (the edit's re-verification, never the
    original's verdict: a fixed wrong answer counts as verified, an edit nobody verified never does)."""
    for row in rows:
        provenance = row["provenance"]
        kept = reviewed.rows.get(provenance["candidate_id"])
        if kept is None:
            continue
        if kept.text is None:
            wanted = verifier or table.get(str(provenance["domain"]))
            mine = [v for v in provenance["verdicts"] if v["verifier"] == wanted]
            passes = status is None or any(v["status"] == status.value for v in mine)
        else:
            passes = kept.edit_verdict is not None and (
                status is None or kept.edit_verdict.get("status") == status.value
            )
        if not passes:
            counts["left out by the verdict filter"] = counts.get("left out by the verdict filter", 0) + 1
            continue
        if kept.text is not None:
            provenance["edit"] = {
                "verdict": dict(kept.edit_verdict or {}),
                "original_text": row["messages"][1]["content"],
            }
            row["messages"][1]["content"] = kept.text
        provenance["review"] = {
            "queue_id": reviewed.queue_id,
            "decision": kept.decision,
            "settled_by": kept.settled_by,
        }
        provenance["reviews"] = [dict(r) for r in kept.reviews]
        counts[kept.decision] = counts.get(kept.decision, 0) + 1
        yield row


def _reviewed_lines(reviewed: ReviewedSet, counts: Mapping[str, int], status: Status | None) -> list[str]:
    """The card's account of a human review's kept set (counted before the curation gates)."""
    dropped = counts.get("left out by the verdict filter", 0)
    accepted, edited = counts.get("accept", 0), counts.get("edit", 0)
    return [
        f"- human review: the kept set of review queue {reviewed.queue_id} ({len(reviewed.rows)} items: "
        f"accepted, or edited with a verified edit, after adjudication where reviewers disagreed)",
        f"  - accepted as written: {accepted}; edited and re-verified: {edited} "
        "(the edit is the response; provenance `edit` holds its verdict and the original text)",
        f"  - kept but left out by the verdict filter (status {status.value if status else 'any'}): "
        f"{dropped}",
        "  - each row's provenance carries every decision on it (`reviews`) and how it was settled "
        "(`review`)",
    ]


def _among(rows: Iterator[dict[str, Any]], ids: Collection[str]) -> Iterator[dict[str, Any]]:
    return (row for row in rows if row["provenance"]["candidate_id"] in ids)


def _carried(rows: Iterator[dict[str, Any]], carried: dict[str, int]) -> Iterator[dict[str, Any]]:
    """The rows, with how many carry each scorer's score and each reviewer's review (for the card)."""
    for row in rows:
        provenance = row["provenance"]
        for key, who in (("scores", "scorer"), ("reviews", "reviewer")):
            for name in {str(entry[who]) for entry in provenance.get(key, ())}:
                label = f"{key}: {name}"
                carried[label] = carried.get(label, 0) + 1
        yield row


def _selection_lines(
    selection: Selection | None,
    chosen: Chosen | None,
    only: Collection[str] | None,
    carried: Mapping[str, int],
) -> list[str]:
    """The card's account of the selection by score and review, and of the scores rows carry."""
    lines = []
    if only is not None:
        lines.append(f"- kept after review: {len(only)} candidates named by the run")
    if selection is not None and chosen is not None:
        kept = f"{len(chosen.ids)} of {chosen.offered} rows ({chosen.removed()})"
        lines.append(f"- by score: {selection.describe()}: {kept}")
    elif selection is not None and selection.scorer:
        lines.append(f"- by score: {selection.describe()}")
    lines += [f"- {label} ({n} rows)" for label, n in sorted(carried.items())]
    if carried:
        lines.append(
            "- each row's provenance carries its scores (scorer id, value) and reviews (reviewer, decision)"
        )
    return lines


@contextmanager
def _gates(gates: Gates | None, destination: Path) -> Iterator[SpilledCurator | None]:
    """The curation gates for an export (None without gates), their memory in a scratch folder beside
    the destination: on the disk the user chose for the export, not in /tmp (often RAM-backed)."""
    if gates is None:
        yield None
        return
    with SpilledCurator(gates.eval_prompts, dedup=gates.dedup, folder=destination.parent) as curator:
        yield curator


def _tallied(rows: Iterator[dict[str, Any]], per_domain: dict[str, int]) -> Iterator[dict[str, Any]]:
    """The rows, counted per domain as they are written (after the gates: see `export`)."""
    for row in rows:
        domain = str(row["provenance"]["domain"])
        per_domain[domain] = per_domain.get(domain, 0) + 1
        yield row


def _per_domain_lines(
    per_domain: Mapping[str, int], used: Mapping[str, str], verifier: str | None
) -> list[str]:
    """The card's account of which verifier's verdicts selected each domain's rows."""
    how = "the verifier given" if verifier else "each domain's own verifier"
    lines = [f"- selected by {how}:"]
    lines += [
        f"  - {domain}: {used[domain] or 'no verifier'} ({n} rows)"
        for domain, n in sorted(per_domain.items())
    ]
    if not per_domain:
        lines.append("  - (no rows)")
    return lines


def _admitted(rows: Iterator[dict[str, Any]], curator: SpilledCurator) -> Iterator[dict[str, Any]]:
    """The rows the curation gates let through (rows from generators named human* count as human)."""
    for row in rows:
        origin = "human" if str(row["provenance"]["generator"]).startswith("human") else "model"
        if curator.admit(Example(row["messages"][0]["content"], row["messages"][1]["content"], origin)):
            yield row


def gate_lines(gates: Gates, curator: Any) -> list[str]:
    """The dataset card's "Curation gates" section: what each gate removed (every export's card)."""
    c = curator.counts
    return [
        "",
        "## Curation gates",
        f"- exact duplicates removed: {c.exact_duplicates}",
        f"- near-duplicates removed (MinHash LSH, Jaccard ≥ 0.85): {c.near_duplicates}",
        (
            f"- contaminated rows removed (prompt found in {', '.join(gates.eval_sources)}): {c.contaminated}"
            if gates.eval_sources
            else "- decontamination: no eval set given (`--decontaminate FILE`)"
        ),
        f"- human share: {c.human_share:.1%} (minimum {gates.min_human_share:.1%}"
        + (", below it by explicit override)" if c.human_share < gates.min_human_share else ")"),
    ]


def _card(
    name: str,
    count: int,
    fmt: str,
    selection: list[str],
    status: Status | None,
    generation: int | None,
    generator: str | None,
    gates: Gates | None,
    curator: SpilledCurator | None,
) -> str:
    from assay._version import __version__

    lines = [
        f"{CARD_TITLE}{name}",
        "",
        f"{count} rows of SFT chat data ({fmt}), written by assay {__version__}.",
        "",
        "## Selection",
        f"- status: {status.value if status else 'any'}",
        *selection,
        f"- generation: {generation if generation is not None else 'all'}; generator: {generator or 'all'}",
    ]
    if gates is not None and curator is not None:  # (both or neither)
        lines += gate_lines(gates, curator)
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
            out.write(json_line(row))  # (line-break characters escaped: one row, one line)
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
