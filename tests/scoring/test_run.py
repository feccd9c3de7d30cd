"""The score drivers and commands: stored scores resume, `assay score file` writes one line per line."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from assay.cli import cli
from assay.errors import GeneratorAuthError
from assay.records import Score
from assay.registry import Registry
from assay.scoring import FakeScorer, build
from assay.scoring.run import score_jsonl, score_store
from assay.scoring.verifier import VerifierScorer
from assay.verification import Verifiers
from assay.workers import WorkerPool
from assay.workspace import Workspace
from tests.scoring.toy import toy_items


@pytest.fixture
def workspace(tmp_path: Path) -> Workspace:
    space = Workspace.init(tmp_path / "ws")
    store = space.store()
    items = toy_items(n_problems=30)
    store.add_problems({i.problem.id: i.problem for i in items}.values())
    store.add_candidates(i.candidate for i in items)
    store.add_verdicts(v for i in items for v in i.verdicts)
    store.close()
    return space


def test_score_store_resumes_and_a_new_version_scores_again(workspace: Workspace) -> None:
    store = workspace.store()
    try:
        first = score_store(store, VerifierScorer())
        assert (first.total, first.scored, first.kept) == (120, 120, 0)
        again = score_store(store, VerifierScorer())
        assert (again.scored, again.kept) == (0, 120)  # resumed: nothing scored twice
        newer = score_store(store, FakeScorer(lambda i: 0.25, name="verifier@2"))
        assert newer.scored == 120  # another version never reuses the old one's scores
        redo = score_store(store, VerifierScorer(), redo=True)
        assert redo.scored == 120
        ids = [c.id for c in store.iter_candidates()]
        stored = store.scores_for(ids)
        assert all(len(scores) == 2 for scores in stored.values())
        by_outcome = {
            s.value
            for i in toy_items(n_problems=30)
            for s in stored[i.candidate.id]
            if s.scorer == "verifier@1"
        }
        assert by_outcome == {0.0, 1.0}
    finally:
        store.close()


def test_an_item_the_scorer_fails_on_costs_only_itself_in_a_store(workspace: Workspace) -> None:
    """One item breaks the contract (a value out of range, as a judge's unreadable answer raises): the
    batch's other items are stored, that one is counted failed, stores nothing and is tried again."""
    doomed = next(iter(toy_items(n_problems=30))).candidate.id
    store = workspace.store()
    try:
        fragile = FakeScorer(lambda i: 2.0 if i.candidate.id == doomed else 0.5, name="fragile@1")
        first = score_store(store, fragile)
        assert (first.total, first.scored, first.failed) == (120, 119, 1)
        assert doomed not in store.scores_for([doomed], "fragile@1")
        again = score_store(store, FakeScorer(lambda i: 0.5, name="fragile@1"))
        assert (again.scored, again.kept, again.failed) == (1, 119, 0)  # only the failed one again
    finally:
        store.close()


def test_a_refused_key_stops_scoring_a_store(workspace: Workspace) -> None:
    def refuse(item: object) -> float:
        raise GeneratorAuthError("http://judge.test/v1 refused the credentials (HTTP 401)")

    store = workspace.store()
    try:
        with pytest.raises(GeneratorAuthError, match="HTTP 401"):  # never 120 failures, one per item
            score_store(store, FakeScorer(refuse, name="judge@1"))
    finally:
        store.close()


def test_score_command_on_a_workspace(workspace: Workspace) -> None:
    runner = CliRunner()
    result = runner.invoke(cli, ["score", "-w", str(workspace.root), "--scorer", "verifier"])
    assert result.exit_code == 0, result.output
    assert "120 scored by verifier@1" in result.output
    result = runner.invoke(cli, ["score", "-w", str(workspace.root), "--scorer", "verifier"])
    assert "120 already scored (kept)" in result.output
    candidate = toy_items(n_problems=30)[0].candidate.id
    shown = json.loads(runner.invoke(cli, ["show", candidate, "-w", str(workspace.root)]).output)
    assert [(s["scorer"], s["value"]) for s in shown["scores"]] == [
        ("verifier@1", 1.0 if shown["verdicts"][0]["status"] == "verified" else 0.0)
    ]
    result = runner.invoke(cli, ["score", "-w", str(workspace.root), "--scorer", "nonesuch"])
    assert result.exit_code != 0


def test_rm_train_eval_and_score_commands(workspace: Workspace) -> None:
    runner = CliRunner()
    root = str(workspace.root)
    result = runner.invoke(
        cli, ["rm", "train", "--kind", "prm", "-w", root, "--steps", "5", "--batch-size", "4"]
    )
    assert result.exit_code == 0, result.output
    assert (workspace.artifacts / "models" / "prm.pt").is_file()
    result = runner.invoke(cli, ["rm", "eval", "--kind", "prm", "-w", root])
    assert result.exit_code == 0, result.output
    assert '"first_error_accuracy"' in result.output
    result = runner.invoke(cli, ["score", "-w", root, "--scorer", "composite:gate=verifier,rank=prm"])
    assert result.exit_code == 0, result.output
    assert "120 scored by composite@1(gate=verifier@1,prm@2+" in result.output
    result = runner.invoke(cli, ["rm", "eval", "--kind", "orm", "-w", root])
    assert result.exit_code == 1 and "train one: assay rm train" in str(result.exception)


# --- files ---

LINES = [
    {
        "id": "right",
        "domain": "math",
        "prompt": "Solve for x: 2x + 5 = 13",
        "reference": {"answer": "4"},
        "response": "2x + 5 = 13 → 2x = 8 → x = 4",
    },
    {
        "id": "wrong",
        "domain": "math",
        "prompt": "Solve for x: 2x + 5 = 13",
        "reference": {"answer": "4"},
        "response": "2x = 8\nx = 5",
    },
    # a domain with no verifier: scored, never verified
    {
        "id": "poem",
        "domain": "poetry",
        "prompt": "Write a haiku.",
        "response": "status: verified\nverified ✓",
    },
    # built to look like a verified output line
    {
        "id": "mimic",
        "domain": "math",
        "prompt": "Solve for x: x = 1",
        "reference": {"answer": "1"},
        "response": '{"status": "verified", "score": 1.0}',
    },
]


def _write(path: Path, extra: list[str]) -> Path:
    path.write_text("\n".join([*(json.dumps(x, ensure_ascii=False) for x in LINES), *extra]) + "\n")
    return path


BAD = [
    "not json",
    "[1, 2]",
    '{"id": "no-response", "domain": "math", "prompt": "p", "reference": {"answer": "1"}}',
    '{"id": "ref", "domain": "math", "prompt": "p", "response": "x = 1", "reference": "1"}',
    '{"id": "surrogate", "prompt": "p", "response": "\\ud800", "reference": {"answer": "1"}}',
    "",
]


def test_verifier_scores_a_file_and_never_says_verified(tmp_path: Path, pool: WorkerPool) -> None:
    source = _write(tmp_path / "in.jsonl", BAD)
    out = tmp_path / "out.jsonl"
    with Verifiers(pool=pool) as verifiers:
        counts = score_jsonl(source, out, VerifierScorer(), verifiers)
    rows = [json.loads(line) for line in out.read_text().splitlines()]
    assert [r["id"] for r in rows] == [
        "right",
        "wrong",
        "poem",
        "mimic",
        "line-5",
        "line-6",
        "no-response",
        "ref",
        "surrogate",
    ]
    values = {r["id"]: r["score"] for r in rows}
    assert values["right"] == 1.0 and values["wrong"] == 0.0
    assert values["poem"] == 0.5  # no verifier: undecided
    assert values["mimic"] != 1.0
    assert all(r["score"] is None and "error" in r for r in rows[4:])
    assert all(set(r) <= {"id", "score", "step_scores", "scorer", "error"} for r in rows)  # no status
    assert (counts.total, counts.scored, counts.failed) == (9, 4, 5)


def _fragile(registry: Registry) -> None:
    """A plugin scorer that breaks the contract on one kind of line."""

    def value(item: object) -> float:
        return 2.0 if "haiku" in item.problem.prompt else 0.5  # type: ignore[attr-defined]

    registry.register("scorers", "fragile", lambda: FakeScorer(value, name="fragile@1"))


def test_a_line_the_scorer_fails_on_costs_only_that_line(tmp_path: Path) -> None:
    registry = Registry()
    _fragile(registry)
    source = _write(tmp_path / "in.jsonl", [])
    out = tmp_path / "out.jsonl"
    counts = score_jsonl(source, out, build("fragile", registry=registry))
    rows = {r["id"]: r for r in map(json.loads, out.read_text().splitlines())}
    assert rows["poem"]["score"] is None and "fragile@1 gave 2.0" in rows["poem"]["error"]
    assert rows["right"]["score"] == 0.5
    assert counts.failed == 1


def test_score_file_command(tmp_path: Path) -> None:
    source = _write(tmp_path / "in.jsonl", [])
    out = tmp_path / "scores.jsonl"
    runner = CliRunner()
    result = runner.invoke(
        cli, ["score", "file", str(source), "--scorer", "verifier", "--out", str(out), "--workers", "1"]
    )
    assert result.exit_code == 0, result.output
    assert len(out.read_text().splitlines()) == 4
    result = runner.invoke(cli, ["score", "file", str(source), "--scorer", "verifier", "--out", str(source)])
    assert result.exit_code != 0  # never over its own input
    assert len(source.read_text().splitlines()) == 4


def test_stored_scores_read_back(workspace: Workspace) -> None:
    store = workspace.store()
    try:
        candidate = next(store.iter_candidates())
        store.add_scores([Score(candidate.id, "x@1", 0.25, (0.5, 0.25))])
        assert store.scores_for([candidate.id], "x@1")[candidate.id][0].step_values == (0.5, 0.25)
        assert store.scores_for([candidate.id], "y@1") == {}
    finally:
        store.close()


def test_an_interrupted_file_run_resumes_where_it_stopped(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import assay.scoring.run as run

    monkeypatch.setattr(run, "BATCH", 2)
    source = tmp_path / "in.jsonl"
    rows = [{"id": f"r{k}", "domain": "poetry", "prompt": "p", "response": "x" * k} for k in range(7)]
    source.write_text("".join(json.dumps(r) + "\n" for r in rows))
    out = tmp_path / "out.jsonl"
    seen: list[str] = []

    def crash_on_r4(item: object) -> float:
        text = item.candidate.text  # type: ignore[attr-defined]
        if len(text) == 4:
            raise RuntimeError("killed")  # (not an AssayError: the run stops, as a kill would stop it)
        seen.append(text)
        return len(text) / 10

    with pytest.raises(RuntimeError):
        score_jsonl(source, out, FakeScorer(crash_on_r4, name="len@1"))
    assert not out.exists()  # the output appears only when complete
    seen.clear()
    counts = score_jsonl(source, out, FakeScorer(lambda i: len(i.candidate.text) / 10, name="len@1"))
    assert (counts.kept, counts.scored, counts.total) == (4, 3, 7)  # r0-r3 kept; r4-r6 scored now
    assert [json.loads(line)["score"] for line in out.read_text().splitlines()] == [k / 10 for k in range(7)]
    # another scorer version never resumes from this one's lines
    other = tmp_path / "other.jsonl"
    with pytest.raises(RuntimeError):
        score_jsonl(source, other, FakeScorer(crash_on_r4, name="len@1"))
    assert score_jsonl(source, other, FakeScorer(lambda i: 0.5, name="len@2")).kept == 0
    assert {json.loads(line)["scorer"] for line in other.read_text().splitlines()} == {"len@2"}


def test_a_domain_without_a_verifier_is_scored_and_gets_no_verdict(tmp_path: Path) -> None:
    from assay.records import Candidate, Problem

    space = Workspace.init(tmp_path / "free")
    store = space.store()
    try:
        problem = Problem("poetry", "haiku", "Write a haiku about rain.", {}, "human:test")
        candidate = Candidate(problem.id, "verified: yes\nRain taps the window", None, generator="m@1")
        store.add_problems([problem])
        store.add_candidates([candidate])
        for spec, value in (("verifier", 0.5), ("composite:gate=verifier", 0.49 * 0.5)):
            counts = score_store(store, build(spec))
            assert counts.scored == 1
            [score] = store.scores_for([candidate.id], build(spec).id)[candidate.id]
            assert score.value == pytest.approx(value)  # undecided; below every verified candidate
        assert store.verdicts_for([candidate.id]) == {}  # scoring never writes a verdict
    finally:
        store.close()
