"""The review app wired into the data: `assay export --reviewed` (accept, reject, verified and refuted
edits, adjudication, gold left out), review labels for the reward models, and `assay run` with
`[review] reviewer = "human"` stopping (exit 3) until people are done, then resuming to the kept set.

Decisions go through the review service (the API's own functions), with the real math verifier
re-verifying edits."""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner
from sqlalchemy import select

from assay.cli import cli
from assay.errors import ConfigError
from assay.records import Status
from assay.review.auth import Role, User
from assay.review.decisions import outcomes
from assay.review.kept import kept_set, queue_ids, run_queue_name
from assay.review.labels import REVIEW_VERIFIER, review_labels
from assay.review.queues import QueueSpec, build_queue
from assay.review.service import ReviewService
from assay.run_identity import read_record, record_path
from assay.scoring.train import outcome, step_labels
from assay.store import Store, schema
from assay.workspace import Workspace
from tests.conftest import require_module
from tests.review.api_fixtures import Seeded, seed

RITA, ROB = User("rita", Role.REVIEWER), User("rob", Role.REVIEWER)
JUDY = User("judy", Role.ADJUDICATOR)


def _fixed(text: str) -> str:
    """A right trace for the seeded problem of `text` (its first line `ax + 3 = c`), reworded."""
    a, c = (int(n) for n in re.findall(r"\d+", text.splitlines()[0])[0:3:2])
    x = (c - 3) // a
    return f"Subtract 3 from both sides: {a}x = {c - 3}\nDivide by {a}: x = {x}\nAnswer: {x}"


def _broken(text: str) -> str:
    a, c = (int(n) for n in re.findall(r"\d+", text.splitlines()[0])[0:3:2])
    x = (c - 3) // a
    return f"{a}x = {c - 3}\nx = {x + 1}\nAnswer: {x + 1}"


# what each reviewer does with each of the six top candidates (by rank), and the adjudications:
#   0 accepted · 1 rejected (with step labels) · 2 a verified edit · 3 a refuted edit
#   4 disputed, adjudicated accept · 5 disputed, adjudicated reject
PLAN: dict[int, tuple[dict[str, Any], dict[str, Any]]] = {
    0: ({"decision": "accept", "step_ratings": [1, 1, 1, 1]}, {"decision": "accept"}),
    1: (
        {"decision": "reject", "step_ratings": [1, 1, -1, 0]},
        {"decision": "reject", "first_wrong_step": 2},
    ),
    2: ({"decision": "edit", "text": "fixed"}, {"decision": "edit", "text": "fixed"}),
    3: ({"decision": "edit", "text": "broken"}, {"decision": "edit", "text": "broken"}),
    4: ({"decision": "accept"}, {"decision": "reject"}),
    5: ({"decision": "accept"}, {"decision": "reject"}),
}
ADJUDICATED = {4: "accept", 5: "reject"}


def _body(plan: dict[str, Any], original: str) -> dict[str, Any]:
    body = dict(plan)
    if body.get("text") == "fixed":
        body["text"] = _fixed(original)
    elif body.get("text") == "broken":
        body["text"] = _broken(original)
    return body


@pytest.fixture(scope="module")
def reviewed(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[Path, Seeded, str]]:
    """A workspace with one queue (the top 6, overlap 2, gold mixed in) decided as PLAN says."""
    root = tmp_path_factory.mktemp("wiring") / "ws"
    space = Workspace.init(root)
    seeded = seed(space.database_url, scored=6, gold_each=2)
    service = ReviewService(space.database_url, secure_cookies=False)
    try:
        queue_id, _ = build_queue(service.engine, QueueSpec("q", "verifier", 6, 2, 0.25), "test")
        # gold is drawn at random from the queue's own score range (it may take one of the seeded top
        # and leave its place to the next): the reviewed six, best first, are what PLAN ranks
        items = schema.review_items
        with service.engine.connect() as conn:
            reviewed_ids = conn.execute(
                select(items.c.candidate_id)
                .where(items.c.queue_id == queue_id, items.c.gold == "")
                .order_by(items.c.score.desc())
            ).scalars()
            seeded = replace(seeded, top=list(reviewed_ids))
        rank = {cid: i for i, cid in enumerate(seeded.top)}
        texts = {cid: c.text for cid, c in service.store.candidates_by_id(seeded.top).items()}
        for who, user in enumerate((RITA, ROB)):
            while (item := service.next_item(user, queue_id)) is not None:
                cid = item["candidate"]["id"]
                body = _body(PLAN[rank[cid]][who], texts[cid]) if cid in rank else {"decision": "accept"}
                service.decide(user, item["item_id"], body)
        for found in outcomes(service.engine, queue_id):
            if found.status == "disputed":
                service.adjudicate(JUDY, found.item_id, {"decision": ADJUDICATED[rank[found.candidate_id]]})
    finally:
        service.close()
    yield root, seeded, queue_id


def test_export_reviewed_writes_the_kept_set_with_edits_and_every_decision(
    reviewed: tuple[Path, Seeded, str], tmp_path: Path
) -> None:
    root, seeded, queue_id = reviewed
    out = tmp_path / "kept.jsonl"
    result = CliRunner().invoke(
        cli,
        [
            "export",
            "jsonl",
            "-w",
            str(root),
            "--reviewed",
            "--verifier",
            "math-steps@test",
            "--out",
            str(out),
        ],
    )
    assert result.exit_code == 0, result.output
    parsed = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    rows = {row["provenance"]["candidate_id"]: row for row in parsed}
    top = seeded.top
    # accepted (0), the verified edit (2), the adjudicated accept (4); never a reject, a refuted edit,
    # an adjudicated reject or a gold item
    assert set(rows) == {top[0], top[2], top[4]}
    store = Store(Workspace.open(root).database_url)
    originals = {cid: c.text for cid, c in store.candidates_by_id(top).items()}
    store.close()
    assert rows[top[0]]["messages"][1]["content"] == originals[top[0]]
    edited = rows[top[2]]
    assert edited["messages"][1]["content"] == _fixed(originals[top[2]])  # exported as edited
    assert edited["provenance"]["edit"]["verdict"]["status"] == "verified"
    assert edited["provenance"]["edit"]["original_text"] == originals[top[2]]
    assert edited["provenance"]["review"] == {
        "queue_id": queue_id,
        "decision": "edit",
        "settled_by": "consensus",
    }
    adjudicated = rows[top[4]]["provenance"]
    assert adjudicated["review"]["settled_by"] == "adjudication"
    assert [(r["reviewer"], r["kind"], r["decision"]) for r in adjudicated["reviews"]] == [
        ("rita", "review", "accept"),
        ("rob", "review", "reject"),
        ("judy", "adjudication", "accept"),
    ]
    assert rows[top[0]]["provenance"]["reviews"][0]["step_ratings"] == [1, 1, 1, 1]
    card = (tmp_path / "kept.jsonl.README.md").read_text()
    assert f"the kept set of review queue {queue_id} (3 items" in card
    assert "accepted as written: 2; edited and re-verified: 1" in card
    assert "- reviews: judy (1 rows)" in card and "- reviews: rita (3 rows)" in card


def test_kept_set_leaves_out_gold_and_the_verdict_filter_applies_to_what_is_written(
    reviewed: tuple[Path, Seeded, str], tmp_path: Path
) -> None:
    root, seeded, queue_id = reviewed
    store = Store(Workspace.open(root).database_url)
    try:
        found = {o.candidate_id: o.status for o in outcomes(store.engine, queue_id)}
        gold = set(found) - set(seeded.top)
        assert gold and all(found[g] in ("kept", "rejected") for g in gold)  # gold was decided ...
        assert set(kept_set(store.engine, queue_id).rows) == {
            seeded.top[i] for i in (0, 2, 4)
        }  # ... not kept
        assert found[seeded.top[3]] == "unverified-edit"
        from assay.export import export

        # status refuted: no kept row qualifies (the accepted ones are verified; the edit's own verdict
        # is verified, whatever the original's): nothing written, and the card counts them
        out = tmp_path / "refuted.jsonl"
        written = export(
            store, out, "jsonl", status=Status.REFUTED, reviewed=kept_set(store.engine, queue_id)
        )
        assert written == 0
        assert (
            "left out by the verdict filter (status refuted): 3"
            in (tmp_path / "refuted.jsonl.README.md").read_text()
        )
    finally:
        store.close()


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--queue", "rq_x"], "--queue names the review queue of --reviewed"),
        (["--reviewed", "--queue", "rq_nope"], "no review queue 'rq_nope'"),
        (["--reviewed", "--format", "trl-sft"], "--reviewed exports the kept set as --format sft"),
        (["--reviewed", "--scorer", "verifier", "--top", "2"], "no --min-score, --top-k-per-problem, --top"),
    ],
)
def test_export_reviewed_refuses_what_does_not_fit(
    reviewed: tuple[Path, Seeded, str], tmp_path: Path, args: list[str], message: str
) -> None:
    root = reviewed[0]
    result = CliRunner().invoke(
        cli, ["export", "jsonl", "-w", str(root), "--out", str(tmp_path / "x.jsonl"), *args]
    )
    assert result.exit_code != 0
    assert message in (result.output + str(result.exception))
    assert not (tmp_path / "x.jsonl").exists()


def test_review_labels_are_what_the_reward_models_train_on(reviewed: tuple[Path, Seeded, str]) -> None:
    root, seeded, _ = reviewed
    store = Store(Workspace.open(root).database_url)
    try:
        labels = review_labels(store)
    finally:
        store.close()
    by_id: dict[str, list[Any]] = {}
    for item in labels.items:
        assert [v.verifier for v in item.verdicts] == [REVIEW_VERIFIER]
        key = item.candidate.params.get("edited_from") or item.candidate.id
        by_id.setdefault(str(key), []).append(item)
    top = seeded.top
    outcomes_of = {cid: [outcome(i.verdicts) for i in found] for cid, found in by_id.items()}
    # accept 1 · reject 0 · edit: the original 0 and the verified edit 1 · refuted edit 0 · adjudicated
    assert outcomes_of[top[0]] == [1] and outcomes_of[top[1]] == [0] and outcomes_of[top[2]] == [0, 1]
    assert outcomes_of[top[3]] == [0] and outcomes_of[top[4]] == [1] and outcomes_of[top[5]] == [0]
    # step labels: rita's first -1 is step 3, rob's first wrong step is 2: the earliest counts
    rejected = by_id[top[1]][0]
    assert step_labels(rejected, len(rejected.candidate.steps)) == (1, 0, 0, 0)
    accepted = by_id[top[0]][0]
    assert step_labels(accepted, len(accepted.candidate.steps)) == (1, 1, 1, 1)
    unrated = by_id[top[5]][0]  # no ratings: the outcome only, on the last step
    assert step_labels(unrated, len(unrated.candidate.steps)) == (None, None, None, 0)
    # a gold item the reviewers accepted though a verifier refuted it teaches nothing
    refuted_gold = [g for g in seeded.refuted if g in {o for o in by_id}]
    assert not refuted_gold and labels.skipped.get("accepted, but a verifier refuted it", 0) >= 1


# --- `assay run` with people reviewing --------------------------------------------------------------

HUMAN = """
[run]
workspace = "{workspace}"
seed = 5

[seed_data]
n = 200
config = {{ forms = "ax+b=c" }}

[train]
threads = 1

[train.model]
n_layer = 1
n_head = 2
n_embd = 16

[train.optim]
steps = 10
warmup = 2
batch_size = 16

[eval]
problems = 4

[generate]
config = {{ forms = "ax+b=c" }}
problems = 10
samples = 2
max_tokens = 40

[select]
top = 4

[review]
reviewer = "human"
keep = 2
overlap = 1

[export]
status = "any"   # a model trained for 10 steps verifies nothing: review every candidate
"""


def _run(config: Path) -> Any:
    return CliRunner().invoke(cli, ["run", str(config)])


def test_a_run_with_people_waits_for_them_then_exports_what_they_kept(tmp_path: Path) -> None:
    require_module("torch")
    workspace = tmp_path / "ws"
    config = tmp_path / "human.toml"
    config.write_text(HUMAN.format(workspace=workspace), encoding="utf-8")
    first = _run(config)
    assert first.exit_code == 3, first.output
    assert "0 of 4 items settled" in first.output and f"assay review serve -w {workspace}" in first.output
    export = workspace / "artifacts" / "exports" / "generation-1.jsonl"
    assert not export.exists()  # stopped before the export
    record = read_record(record_path(workspace))
    space = Workspace.open(workspace)
    service = ReviewService(space.database_url, secure_cookies=False)
    try:
        queue = [qid for qid, name in queue_ids(service.engine) if name == run_queue_name(record.id)]
        assert len(queue) == 1
        decided = []
        item = service.next_item(RITA, queue[0])
        assert item is not None
        service.decide(RITA, item["item_id"], {"decision": "reject"})
        decided.append((item["candidate"]["id"], "reject"))
        again = _run(config)  # not done: it says how far, and stops again
        assert again.exit_code == 3 and "1 of 4 items settled" in again.output, again.output
        while (item := service.next_item(RITA, queue[0])) is not None:
            service.decide(RITA, item["item_id"], {"decision": "accept"})
            decided.append((item["candidate"]["id"], "accept"))
    finally:
        service.close()
    changed = tmp_path / "changed.toml"  # a queue's settings are fixed once people work on it
    changed.write_text(config.read_text().replace("overlap = 1", "overlap = 2"), encoding="utf-8")
    refused = _run(changed)
    assert refused.exit_code == 1 and "was built with overlap = 1" in str(refused.exception)
    done = _run(config)
    assert done.exit_code == 0, done.output
    assert read_record(record_path(workspace)) == record  # the waiting run and the resuming one are one run
    rows = [json.loads(line) for line in export.read_text().splitlines()]
    accepted = [cid for cid, d in decided if d == "accept"]
    assert len(rows) == 2 and {r["provenance"]["candidate_id"] for r in rows} <= set(accepted)
    assert all(r["provenance"]["review"]["queue_id"] == queue[0] for r in rows)
    assert "kept            2   (reviewed by people (review queue" in done.output
    assert "3 accepted, 1 rejected, 1 accepted past the keep limit" in done.output


@pytest.mark.parametrize(
    ("old", "new", "message"),
    [
        ('reviewer = "human"', 'reviewer = "sim"', 'set [review] reviewer = "human"'),
        ("overlap = 1", "overlap = 0", "overlap"),
        ("overlap = 1", "gold_share = 0.95", "gold_share"),
        ('reviewer = "human"', 'reviewer = "people"', "reviewer"),
    ],
)
def test_human_review_config_errors_are_one_line(tmp_path: Path, old: str, new: str, message: str) -> None:
    from assay.run_config import load_config

    text = HUMAN.format(workspace=tmp_path / "ws").replace(old, new, 1)
    if old.startswith("reviewer") and new == 'reviewer = "sim"':
        text = text.replace("overlap = 1", "overlap = 2")
    path = tmp_path / "c.toml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(ConfigError) as raised:
        load_config(path)
    assert message in str(raised.value) and "\n" not in str(raised.value)


def test_rm_train_from_reviews_trains_on_the_review_labels(reviewed: tuple[Path, Seeded, str]) -> None:
    require_module("torch")
    root = reviewed[0]
    args = [
        "rm",
        "train",
        "--kind",
        "prm",
        "-w",
        str(root),
        "--from-reviews",
        "--steps",
        "2",
        "--init",
        "none",
    ]
    result = CliRunner().invoke(cli, args)
    assert result.exit_code == 0, result.output
    assert "labelled items from reviews (left out: accepted, but a verifier refuted it: " in result.output
    assert (root / "artifacts" / "models" / "prm.pt").is_file()
