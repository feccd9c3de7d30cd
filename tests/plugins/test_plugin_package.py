"""A third-party plugin package, installed with pip, used through the CLI with no change to assay.

tests/plugins/assay_wordle_demo registers a task and a verifier for a domain assay does not know
("wordle") through its own pyproject's entry points. It is built and installed by pip into a folder
of its own (`pip install --target`, without build isolation, so nothing is downloaded: setuptools is
already in the test venv), and only the assay processes started here see it, through PYTHONPATH:
the rest of the suite runs without it. If pip cannot install it, the test fails (never skips).
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

PLUGIN = Path(__file__).parent / "assay_wordle_demo"


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    """A folder holding the installed plugin (its package and its dist-info with the entry points)."""
    root = tmp_path_factory.mktemp("plugin")
    source = root / "src"
    shutil.copytree(PLUGIN, source)  # pip builds in the tree: keep build/ and *.egg-info out of the repo
    target = root / "site"
    pip = [sys.executable, "-m", "pip", "install", "--quiet", "--no-deps", "--no-build-isolation"]
    installed = subprocess.run(
        [*pip, "--no-index", "--target", str(target), str(source)],
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert installed.returncode == 0, f"pip could not install the demo plugin:\n{installed.stderr}"
    assert list(target.glob("assay_wordle_demo-*.dist-info/entry_points.txt"))
    yield target


def assay(site: Path | None, *args: str) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if k != "PYTHONPATH"}
    if site is not None:
        env["PYTHONPATH"] = str(site)
    return subprocess.run(
        [sys.executable, "-m", "assay", *args], capture_output=True, text=True, env=env, timeout=300
    )


def ok(result: subprocess.CompletedProcess[str]) -> str:
    assert result.returncode == 0, result.stderr + result.stdout
    return result.stdout


# what a model might answer to a wordle puzzle, and what the plugin verifier must say
RESPONSES = [
    # the right word, in several styles
    ("right", "The clues leave one word.\nAnswer: {answer}", "verified"),
    ("right-bold", "Working through the clues...\n**Answer: {ANSWER}**", "verified"),
    # a wrong word, and a word outside the list
    ("wrong", "Answer: {other}", "refuted"),
    ("not-a-word", "Answer: zzzzz", "refuted"),
    # nothing committed to, or two different answers (a retraction is not guessed at)
    ("no-answer", "It is probably {answer}.", "unknown"),
    ("two-answers", "Answer: {other}\nWait, no. Answer: {answer}", "unknown"),
]


def _lines(problems: list[dict[str, object]]) -> list[dict[str, object]]:
    lines = []
    for i, problem in enumerate(problems):
        reference = problem["reference"]
        assert isinstance(reference, dict)
        answer = str(reference["answer"])
        other = next(w for w in reference["words"] if w != answer)
        for name, text, expect in RESPONSES:
            response = text.format(answer=answer, ANSWER=answer.upper(), other=other)
            lines.append(
                {
                    "id": f"wordle-{i}-{name}",
                    "domain": "wordle",
                    "task": "wordle-demo",
                    "prompt": problem["prompt"],
                    "reference": reference,
                    "response": response,
                    "expect": expect,
                }
            )
    return lines


def test_plugin_task_and_verifier_in_a_new_domain(site: Path, tmp_path: Path) -> None:
    assert "wordle-demo" in ok(assay(site, "tasks", "list"))
    verifiers = ok(assay(site, "verifiers", "list"))
    assert "wordle-check" in verifiers and "wordle" in verifiers

    # assay generate problems: the plugin's task, with its reference answers as candidates
    ws = str(tmp_path / "ws")
    ok(assay(site, "init", ws))
    made = ok(
        assay(site, "generate", "problems", "-w", ws, "--task", "wordle-demo", "--n", "12", "--seed", "3")
    )
    assert "12 problems generated" in made

    # assay verify: the plugin's verifier is found for its domain by the registry
    summary = ok(assay(site, "verify", "-w", ws))
    stored = int(summary.split(" checked")[0])
    assert f"{stored} checked: {stored} verified" in summary

    # assay export: by default each domain's own verifier selects its rows, and the card says which
    out = tmp_path / "wordle.jsonl"
    # (--no-dedup: the puzzles share their word list, so the near-duplicate gate would drop most)
    ok(assay(site, "export", "jsonl", "-w", ws, "--out", str(out), "--no-dedup"))
    rows = [json.loads(line) for line in out.read_text().splitlines()]
    assert rows and len(rows) == stored
    assert {r["provenance"]["domain"] for r in rows} == {"wordle"}
    assert all(
        any(
            v["verifier"] == "wordle-check@1" and v["status"] == "verified"
            for v in r["provenance"]["verdicts"]
        )
        for r in rows
    )
    card = (tmp_path / "wordle.jsonl.README.md").read_text()
    assert "wordle: wordle-check@1" in card

    # assay verify file: right, wrong, unanswered and retracted responses
    source = tmp_path / "outputs.jsonl"
    lines = _lines(_wordle_problems(site))
    source.write_text("".join(json.dumps(line) + "\n" for line in lines))
    verdicts_path = tmp_path / "verdicts.jsonl"
    ok(assay(site, "verify", "file", str(source), "--out", str(verdicts_path)))
    verdicts = {v["id"]: v for v in map(json.loads, verdicts_path.read_text().splitlines())}
    for line in lines:
        verdict = verdicts[str(line["id"])]
        assert verdict["status"] == line["expect"], (line, verdict)
        assert verdict["verifier"] == "wordle-check@1"


def _wordle_problems(site: Path) -> list[dict[str, object]]:
    """A few wordle problems as a user's file would hold them (made by the plugin's own task)."""
    script = (
        "import json\n"
        "from assay.registry import Registry\n"
        "task = Registry.from_entry_points().task('wordle-demo')\n"
        "print(json.dumps([{'prompt': p.prompt, 'reference': p.reference} "
        "for p in (task.generate(7, i) for i in range(4))]))\n"
    )
    env = {**os.environ, "PYTHONPATH": str(site)}
    made = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, env=env, timeout=120
    )
    assert made.returncode == 0, made.stderr
    problems: list[dict[str, object]] = json.loads(made.stdout)
    return problems


def test_without_the_plugin_its_domain_is_never_verified(site: Path, tmp_path: Path) -> None:
    """The same workspace and file with the plugin uninstalled: no verdict, no export, a clear error."""
    ws = str(tmp_path / "ws")
    ok(assay(site, "init", ws))
    ok(assay(site, "generate", "problems", "-w", ws, "--task", "wordle-demo", "--n", "5", "--seed", "1"))
    summary = ok(assay(None, "verify", "-w", ws))
    assert "0 checked" in summary
    assert "not verified: domain 'wordle' has no verifier" in summary
    out = tmp_path / "none.jsonl"
    ok(assay(None, "export", "jsonl", "-w", ws, "--out", str(out)))
    assert out.read_text() == ""

    source = tmp_path / "outputs.jsonl"
    lines = _lines(_wordle_problems(site))
    source.write_text("".join(json.dumps(line) + "\n" for line in lines))
    verdicts_path = tmp_path / "verdicts.jsonl"
    ok(assay(None, "verify", "file", str(source), "--out", str(verdicts_path)))
    verdicts = [json.loads(v) for v in verdicts_path.read_text().splitlines()]
    assert len(verdicts) == len(lines)
    assert {v["status"] for v in verdicts} == {"error"}
    assert all("domain 'wordle' has no verifier" in v["evidence"] for v in verdicts)


def test_a_verifier_chosen_that_is_not_installed_is_one_clear_error(site: Path, tmp_path: Path) -> None:
    ws = tmp_path / "ws"
    ok(assay(site, "init", str(ws)))
    config = ws / "assay.toml"
    config.write_text(config.read_text().replace("[verify]\n", '[verify]\nwordle = "wordle-check@2"\n'))
    result = assay(site, "verify", "-w", str(ws))
    assert result.returncode != 0
    message = [line for line in result.stderr.splitlines() if "wordle-check" in line]
    assert message == [
        "Error: [verify] wordle = 'wordle-check@2': verifier 'wordle-check' is installed at version 1, not 2"
    ]


WORDLE_RUN = """
[run]
workspace = "ws"
seed = 1

[seed_data]
task = "wordle-demo"
n = 100

[train]
threads = 1

[train.model]
n_layer = 1
n_head = 4
n_embd = 32
block_size = 1024

[train.optim]
steps = 20
warmup = 5
batch_size = 8

[eval]
problems = 5

[generate]
task = "wordle-demo"
problems = 6
samples = 2
max_tokens = 64
"""


def test_assay_run_with_the_plugin_task(site: Path, tmp_path: Path) -> None:
    """The whole pipeline on the plugin's domain: seed (its reference traces), train, eval and verify
    (by its verifier), export (selected by it)."""
    from tests.run_small import run_small

    env = {k: v for k, v in os.environ.items() if k != "PYTHONPATH"}
    env["PYTHONPATH"] = str(site)
    workspace = tmp_path / "ws"
    funnel = run_small(WORDLE_RUN, workspace, env)
    assert funnel["generated"] == 12
    seed = tmp_path / "seed.jsonl"
    ok(
        assay(
            site,
            "export",
            "jsonl",
            "-w",
            str(workspace),
            "--generation",
            "0",
            "--no-dedup",
            "--out",
            str(seed),
        )
    )
    rows = [json.loads(line) for line in seed.read_text().splitlines()]
    every = tmp_path / "every.jsonl"
    options = ("--generation", "0", "--no-dedup", "--status", "any", "--out", str(every))
    ok(assay(site, "export", "jsonl", "-w", str(workspace), *options))
    # every seed trace (the task's reference solutions; a repeated puzzle is one row) was verified
    assert rows and len(rows) == len(every.read_text().splitlines())
    assert all(any(v["verifier"] == "wordle-check@1" for v in r["provenance"]["verdicts"]) for r in rows)
    card = (workspace / "artifacts" / "exports" / "generation-1.jsonl.README.md").read_text()
    assert "selected by each domain's own verifier" in card
