"""The funnel as a pipeline config: score, select, review and export wired into `assay run` (a tiny
20 → 5 → 2 funnel), its config checked with one-line errors, and the scorer part of the run's identity."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from assay.errors import ConfigError
from assay.export_rows import reviews_for
from assay.pipeline import Funnel, load_config, run
from assay.run_identity import RunIdentity, read_record, write_record
from tests.conftest import require_module

TINY = """
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

[score]
scorer = "verifier"

[select]
top = 5

[review]
reviewer = "sim"
keep = 2
accuracy = {accuracy}

[export]
status = "any"   # a model trained for 10 steps verifies nothing: rank and review every candidate
"""


def _config(tmp_path: Path, name: str = "run", accuracy: float = 0.0, **replace: str) -> Path:
    text = TINY.format(workspace=tmp_path / "ws", accuracy=accuracy)
    for old, new in replace.items():
        assert old in text
        text = text.replace(old, new, 1)
    path = tmp_path / f"{name}.toml"
    path.write_text(text, encoding="utf-8")
    return path


@pytest.fixture(scope="module")
def funnel_run(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Funnel, list[str]]:
    """One tiny run. The reviewer's accuracy is 0: it accepts exactly the candidates that are wrong,
    which at 10 training steps is every one, so the counts are fixed whatever the model writes."""
    require_module("torch")
    tmp_path = tmp_path_factory.mktemp("funnel")
    lines: list[str] = []
    funnel = run(load_config(_config(tmp_path)), report=lines.append)
    return tmp_path, funnel, lines


def test_the_funnel_counts_every_stage_and_what_removed_the_rest(
    funnel_run: tuple[Path, Funnel, list[str]],
) -> None:
    _, funnel, lines = funnel_run
    assert (funnel.generated, funnel.selected, funnel.kept, funnel.exported) == (20, 5, 2, 2)
    assert funnel.scorer == "verifier@1" and funnel.scored == 20
    assert funnel.reviewer == "sim:acc=0,seed=0" and funnel.accepted + funnel.rejected == 5
    assert funnel.over_keep == funnel.accepted - 2
    text = "\n".join(lines)
    for expected in (
        "  generated      20",
        "  scored         20   (by verifier@1",
        "  for review      5   (top 5 by verifier@1; removed: ",
        "  kept            2   (reviewed by sim:acc=0,seed=0: ",
        "  exported        2   (the rows the run kept)",
    ):
        assert expected in text, text
    # what removed the rest adds up: every offered row was either chosen or removed for a reason
    assert "below the top N" in text


def test_the_export_holds_the_kept_rows_with_their_scores_and_reviews(
    funnel_run: tuple[Path, Funnel, list[str]],
) -> None:
    tmp_path, _, _ = funnel_run
    export = tmp_path / "ws" / "artifacts" / "exports" / "generation-1.jsonl"
    rows = [json.loads(line) for line in export.read_text().splitlines()]
    assert len(rows) == 2
    for row in rows:
        provenance = row["provenance"]
        assert [s["scorer"] for s in provenance["scores"]] == ["verifier@1"]
        assert provenance["reviews"] == [{"reviewer": "sim:acc=0,seed=0", "decision": "accept"}]
    card = (export.parent / "generation-1.jsonl.README.md").read_text()
    assert "- kept after review: 2 candidates named by the run" in card
    assert "- reviews: sim:acc=0,seed=0 (2 rows)" in card and "- scores: verifier@1 (2 rows)" in card


def test_a_rerun_resumes_to_the_same_export_and_writes_no_new_records(
    funnel_run: tuple[Path, Funnel, list[str]],
) -> None:
    tmp_path, first, _ = funnel_run
    export = tmp_path / "ws" / "artifacts" / "exports" / "generation-1.jsonl"
    before = export.read_bytes()
    again = run(load_config(_config(tmp_path)), report=lambda line: None)
    assert export.read_bytes() == before
    assert (again.selected, again.kept, again.exported) == (first.selected, first.kept, first.exported)
    from assay.workspace import Workspace

    store = Workspace.open(tmp_path / "ws").store()
    try:
        assert store.count("reviews") == 5 and store.count_where("scores", "scorer", "verifier@1") == 20
        ids = [json.loads(line)["provenance"]["candidate_id"] for line in before.splitlines()]
        assert all(len(found) == 1 for found in reviews_for(store, ids).values())
    finally:
        store.close()


def test_another_scorer_is_another_run(funnel_run: tuple[Path, Funnel, list[str]]) -> None:
    """A changed scorer never reuses the stored run: refused before anything is written, naming it."""
    tmp_path, _, _ = funnel_run
    changed = _config(tmp_path, "changed", **{'scorer = "verifier"': 'scorer = "composite:gate=verifier"'})
    db = tmp_path / "ws" / "assay.db"
    before = db.read_bytes()
    with pytest.raises(ConfigError) as caught:
        run(load_config(changed), report=lambda line: None)
    message = str(caught.value)
    assert '[score] scorer "verifier" → "composite:gate=verifier"' in message
    assert '[score] scorer_id "verifier@1" → "composite@1(gate=verifier@1)"' in message
    assert db.read_bytes() == before


def test_a_record_made_before_the_score_stage_resumes_as_the_default_scorer(tmp_path: Path) -> None:
    old = {"run.seed": 1, "generate.samples": 4}
    write_record(tmp_path, RunIdentity(old))
    now = RunIdentity({**old, "score.scorer": "verifier", "score.scorer_id": "verifier@1"})
    assert read_record(tmp_path / "artifacts" / "run.json").id == now.id
    other = RunIdentity({**old, "score.scorer": "prm", "score.scorer_id": "prm@1+abc"})
    assert read_record(tmp_path / "artifacts" / "run.json").id != other.id


@pytest.mark.parametrize(
    ("replace", "message"),
    [
        ({"top = 5": "top = -1"}, "[select] top = -1: must be ≥ 0"),
        ({"top = 5": "top = 21"}, "top cannot be more"),
        ({"top = 5": "top = 1"}, "keep ≤ top"),
        ({'reviewer = "sim"': 'reviewer = "people"'}, "reviewer must be 'none' or 'sim' or 'human', not"),
        ({'reviewer = "sim"': 'reviewer = "none"'}, "keep counts rows kept after review"),
        ({"keep = 2": "keep = 2\nbias = 'long'"}, "a bias needs a strength above 0"),
        ({"keep = 2": "keep = 2\nbias_strength = 0.5"}, "a bias needs a strength above 0"),
        ({"keep = 2": "keep = 2\nbias = 'loud'\nbias_strength = 0.5"}, "bias must be 'none' or 'long' or"),
        ({"accuracy = 0.0": "accuracy = 1.5"}, "[review] accuracy = 1.5: must be ≤ 1"),
        ({"top = 5": "top = 5\nmin_score = -0.1"}, "[select] min_score = -0.1: must be ≥ 0"),
        ({"top = 5": "top = 5\nfraction = 3"}, "[select] has no key 'fraction'"),
        ({'scorer = "verifier"': 'scorer = ""'}, "[score] scorer must not be empty"),
    ],
)
def test_config_errors_name_the_key(tmp_path: Path, replace: dict[str, str], message: str) -> None:
    with pytest.raises(ConfigError) as caught:
        load_config(_config(tmp_path, **replace))
    assert message in str(caught.value) and "\n" not in str(caught.value)


@pytest.mark.parametrize(
    ("scorer", "message"),
    [
        ("nope", "[score] scorer = 'nope': "),
        ("prm", "[score] scorer = 'prm': no prm model at "),  # a reward model needs training first
        ("orm:path=/nonexistent/orm.pt", "no orm model at /nonexistent/orm.pt"),
        ("judge:ftp://127.0.0.1/v1#m", "the judge's URL must start with http:// or https://"),
    ],
)
def test_a_scorer_that_cannot_be_made_stops_the_run_before_it_writes(
    tmp_path: Path, scorer: str, message: str
) -> None:
    require_module("torch")
    config = _config(tmp_path, **{'scorer = "verifier"': f"scorer = {json.dumps(scorer)}"})
    with pytest.raises(ConfigError) as caught:
        run(load_config(config), report=lambda line: None)
    assert message in str(caught.value)
    assert not (tmp_path / "ws").exists()


def test_assay_run_takes_the_config_by_option_and_the_workspace_from_w(tmp_path: Path) -> None:
    from click.testing import CliRunner

    from assay.cli import cli

    config = _config(tmp_path, **{'scorer = "verifier"': 'scorer = "prm"'})
    elsewhere = tmp_path / "elsewhere"
    result = CliRunner().invoke(cli, ["run", "-c", str(config), "-w", str(elsewhere)])
    # the run checks the scorer in the workspace -w names (and stops there: no prm model is trained)
    message = result.output + str(result.exception)  # (assay's main turns the error into one line)
    assert result.exit_code == 1 and f"no prm model at {elsewhere}/artifacts/models/prm.pt" in message
    for args in (["run"], ["run", str(config), "-c", str(config)]):
        result = CliRunner().invoke(cli, args)
        assert result.exit_code == 2 and "give the pipeline config once" in result.output


def test_the_funnel_says_how_many_the_scorer_left_unscored_why_and_what_the_judge_spent() -> None:
    from assay.funnel import print_funnel

    funnel = Funnel(generated=20, verified=3, run_id="r", scorer="judge@1(x)", scored=18, score_mean=0.5)
    funnel.score_failed, funnel.score_reasons = 2, ("the judge gave no score: no 'SCORE: N' line", "refused")
    funnel.score_usage = (
        "prompt_tokens 5, completion_tokens 3, cost 0.0, cached 0, requests 1, retries 0, failures 0"
    )
    funnel.settings = {"generator": "tiny", "sampling": "T=1"}
    funnel.paths = {"model": "m.pt", "export": "e.jsonl"}
    lines: list[str] = []
    print_funnel(funnel, 20, lines.append)
    assert (
        "  scored         18   (by judge@1(x), mean 0.500; not scored 2: the judge gave no score: "
        "no 'SCORE: N' line; refused)" in lines
    )
    assert f"scorer usage: {funnel.score_usage}" in lines
    assert not funnel.problems()  # an unscored candidate is not ranked; the run itself did not fail
