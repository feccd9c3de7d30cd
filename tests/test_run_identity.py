"""A run's identity: everything that decides what a sample is goes into its ids and provenance; a
workspace holds one run and refuses a changed config; failed requests are failures, never answers;
usage lands in the store per attempt."""

from __future__ import annotations

import json
import threading
from collections.abc import Callable, Iterator, Sequence
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest
from click.testing import CliRunner

from assay.backends.base import Completion, SamplingSettings
from assay.backends.templates import Template, load_template
from assay.cli import cli
from assay.config_checks import identity_of
from assay.errors import AssayError, ConfigError
from assay.funnel import Funnel, failure_reason
from assay.generate import attempt_ids, generate_candidates
from assay.pipeline import RunConfig, load_config, run
from assay.records import Candidate, Problem
from assay.run_identity import RunIdentity, check_workspace, describe_changes, write_record
from assay.store import Store
from assay.training.measure import exact_answer_accuracy
from tests.conftest import require_module

# --- a generator made of a plain function -------------------------------------------------------------


class FakeGenerator:
    """fn(prompt, sample index, settings) -> text, or None for a failed request (error 'HTTP 429')."""

    def __init__(self, fn: Callable[[str, int, SamplingSettings], str | None], id: str = "fake:m") -> None:
        self.fn = fn
        self.id = id
        self.asked: list[tuple[str, int]] = []

    def complete(
        self, prompts: Sequence[str], n: int, settings: SamplingSettings, first_sample: int = 0
    ) -> list[Completion]:
        out = []
        for i, prompt in enumerate(prompts):
            for j in range(first_sample, first_sample + n):
                self.asked.append((prompt, j))
                text = self.fn(prompt, j, settings)
                if text is None:
                    out.append(Completion(i, j, None, error="HTTP 429 (after 5 attempt(s))"))
                else:
                    out.append(Completion(i, j, text, prompt_tokens=10, completion_tokens=len(text)))
        return out


def _problems(n: int = 3) -> list[Problem]:
    return [
        Problem("math", "linear", f"Solve for x: x + {i} = {i + 4}", {"answer": "4"}, "test")
        for i in range(n)
    ]


# --- ids and provenance --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("changed", "template"),
    [
        (SamplingSettings(temperature=0.3, seed=1), "tiny-v1"),
        (SamplingSettings(top_p=0.9, seed=1), "tiny-v1"),
        (SamplingSettings(max_tokens=32, seed=1), "tiny-v1"),
        (SamplingSettings(seed=2), "tiny-v1"),
        (SamplingSettings(seed=1), "chat-math-v1"),
    ],
)
def test_a_changed_setting_makes_new_samples_beside_the_old(
    tmp_path: Path, changed: SamplingSettings, template: str
) -> None:
    store = Store(f"sqlite:///{tmp_path / 'w.db'}")
    problems = _problems()
    base, tiny = SamplingSettings(seed=1), load_template("tiny-v1")
    generator = FakeGenerator(lambda prompt, j, s: "x = 4")
    assert generate_candidates(store, generator, problems, 2, base, tiny, generation=1) == (6, 0)
    # the same settings again: a resume, nothing asked
    generator.asked.clear()
    assert generate_candidates(store, generator, problems, 2, base, tiny, generation=1) == (0, 0)
    assert generator.asked == []
    # one setting changed: every sample is asked for again and stored beside the old ones, although
    # the texts are identical (the old code reused them: T = 0.3 exported what T = 1.0 wrote)
    other = load_template(template)
    assert generate_candidates(store, generator, problems, 2, changed, other, generation=1) == (6, 0)
    assert store.count("candidates") == 12
    old_ids = set(attempt_ids(problems, generator.id, 2, base, tiny).values())
    new_ids = set(attempt_ids(problems, generator.id, 2, changed, other).values())
    assert not old_ids & new_ids
    new = store.attempts_for(new_ids)
    assert len(new) == 6 and all(a.status == "ok" for a in new.values())
    candidate = store.candidate(next(iter(new.values())).candidate_id or "")
    assert candidate.params["template"] == other.id
    assert candidate.params["sampling"]["temperature"] == changed.temperature
    assert candidate.params["sampling"]["seed"] == changed.seed
    store.close()


def test_candidate_ids_cover_template_and_sampling_but_keep_old_records_ids() -> None:
    def make(**params: object) -> Candidate:
        return Candidate("prb_1", "x = 4", "4", generator="g", sample_index=0, seed=1, params=params)

    plain = make()
    assert make(noise="", source="seed").id == plain.id  # params that are not identity keep ids
    a = make(template="tiny-v1", sampling={"temperature": 1.0})
    b = make(template="tiny-v1", sampling={"temperature": 0.3})
    c = make(template="chat-math-v1", sampling={"temperature": 1.0})
    assert len({plain.id, a.id, b.id, c.id}) == 4
    # outputs are not identity: the same sample with another finish reason is the same sample
    assert make(template="tiny-v1", sampling={"temperature": 1.0}, finish_reason="length").id == a.id


def test_usage_and_cost_are_stored_per_attempt(tmp_path: Path) -> None:
    store = Store(f"sqlite:///{tmp_path / 'w.db'}")
    problems = _problems(2)
    generator = FakeGenerator(lambda prompt, j, s: None if j == 1 else "x = 4")
    settings, template = SamplingSettings(seed=1), load_template("tiny-v1")
    done, failed = generate_candidates(
        store, generator, problems, 2, settings, template, generation=1, price=(2.0, 10.0)
    )
    assert (done, failed) == (2, 2)
    attempts = store.attempts_for(attempt_ids(problems, generator.id, 2, settings, template).values())
    ok = [a for a in attempts.values() if a.status == "ok"]
    assert [(a.prompt_tokens, a.completion_tokens) for a in ok] == [(10, 5), (10, 5)]
    assert all(a.cost == pytest.approx((10 * 2.0 + 5 * 10.0) / 1e6) for a in ok)
    failures = [a for a in attempts.values() if a.status == "failed"]
    assert len(failures) == 2 and all(failure_reason(a.error) == "HTTP 429" for a in failures)
    store.close()


@pytest.mark.parametrize(
    ("error", "reason"),
    [
        ("HTTP 429 (after 5 attempt(s))", "HTTP 429"),
        ("HTTP 400: {'error': 'bad'} (after 1 attempt(s))", "HTTP 400"),
        ("timeout (after 3 attempt(s))", "timeout"),
        ("response has no choices (after 1 attempt(s))", "response has no choices"),
        ("", "unknown error"),
    ],
)
def test_failure_reasons(error: str, reason: str) -> None:
    assert failure_reason(error) == reason


# --- the eval stage: failures are not answers ----------------------------------------------------------


@pytest.mark.parametrize(
    ("fails", "answered", "failed", "accuracy"),
    [
        (lambda i: False, 4, 0, 1.0),
        (lambda i: i % 2 == 0, 2, 2, 1.0),  # failures are counted apart, not as wrong answers
        (lambda i: True, 0, 4, 0.0),
    ],
)
def test_eval_counts_failed_requests_apart(
    fails: Callable[[int], bool], answered: int, failed: int, accuracy: float
) -> None:
    from assay.workers import WorkerPool

    problems = [
        Problem("math", "linear", f"Solve for x: x + {i} = {i + 4} #{i}", {"answer": "4"}, "t")
        for i in range(4)
    ]
    generator = FakeGenerator(lambda prompt, j, s: None if fails(int(prompt.split("#")[1])) else "x = 4")
    with WorkerPool(timeout=60) as pool:  # no job here may time out, however loaded the machine
        result = exact_answer_accuracy(generator, problems, Template("t", "{prompt}"), pool, 16)
    assert (result.answered, result.failed, result.accuracy) == (answered, failed, accuracy)
    if failed:
        assert result.failures == {"HTTP 429": failed}


# --- the workspace holds one run -----------------------------------------------------------------------


def test_identity_is_what_decides_the_samples() -> None:
    settings = identity_of(RunConfig())
    for key in (
        "run.seed",
        "generate.temperature",
        "generate.template",
        "generate.samples",
        "train.optim.steps",
    ):
        assert key in settings
    for key in ("run.workspace", "train.threads", "generate.batch", "generate.price_prompt", "export.format"):
        assert key not in settings  # how a run is carried out, not what it makes


def test_a_changed_config_stops_with_the_changes(tmp_path: Path) -> None:
    old = RunIdentity({"generate.temperature": 1.0, "run.seed": 1, "generate.template": "tiny-v1"})
    write_record(tmp_path, old)
    check_workspace(tmp_path, old, lambda: True)  # the same run: a resume
    new = RunIdentity({"generate.temperature": 0.3, "run.seed": 2, "generate.template": "tiny-v1"})
    with pytest.raises(ConfigError) as caught:
        check_workspace(tmp_path, new, lambda: True)
    assert "[generate] temperature 1.0 → 0.3; [run] seed 1 → 2" in str(caught.value)
    assert "set [run] workspace to a new folder" in str(caught.value)
    assert describe_changes({"a.b": 1}, {"a.b": 1, "a.c": "x"}) == '[a] c unset → "x"'


def test_an_unrecorded_workspace_with_work_is_refused(tmp_path: Path) -> None:
    identity = RunIdentity({"run.seed": 1})
    check_workspace(tmp_path / "new", identity, lambda: False)  # a new or empty workspace is fine
    with pytest.raises(ConfigError, match="no record of the settings"):
        check_workspace(tmp_path, identity, lambda: True)


# --- end to end: a tiny pipeline -----------------------------------------------------------------------

TINY = """
[run]
workspace = "{workspace}"
seed = 3

[seed_data]
n = 300
config = {{ forms = "ax+b=c" }}

[train]
threads = 1
checkpoint_every = 10

[train.model]
n_layer = 1
n_head = 2
n_embd = 16

[train.optim]
steps = 30
warmup = 5
batch_size = 16

[eval]
problems = 6

[generate]
config = {{ forms = "ax+b=c" }}
problems = 8
samples = 2
max_tokens = 40
{generate}

[export]
status = "any"
"""


def _config(tmp_path: Path, name: str, generate: str = "", workspace: str = "ws") -> Path:
    path = tmp_path / f"{name}.toml"
    path.write_text(TINY.format(workspace=tmp_path / workspace, generate=generate), encoding="utf-8")
    return path


def _quiet(line: str) -> None:
    del line


def test_a_workspace_refuses_another_runs_settings_and_resumes_its_own(tmp_path: Path) -> None:
    require_module("torch")
    lines: list[str] = []
    first = run(load_config(_config(tmp_path, "first")), report=lines.append)
    export = tmp_path / "ws" / "artifacts" / "exports" / "generation-1.jsonl"
    exported = export.read_bytes()
    assert first.generated == 16 and not first.problems()
    # the funnel says what it used, and provenance names the model with its weights' hash
    assert any(line.startswith("  sampling   T = 1, top_p = 1, max_tokens = 40, seed 3") for line in lines)
    provenance = json.loads(exported.splitlines()[0])["provenance"]
    assert provenance["generator"].startswith("tiny:v1.pt@") and len(provenance["generator"]) == 23
    record = json.loads((tmp_path / "ws" / "artifacts" / "run.json").read_text())
    assert record["id"] == first.run_id

    # any setting that changes what a sample is: refused before anything is written
    db = tmp_path / "ws" / "assay.db"
    before = db.read_bytes()
    for old, new, message in [
        ("max_tokens = 40", "max_tokens = 40\ntemperature = 0.3", "[generate] temperature 1.0 → 0.3"),
        ("samples = 2", "samples = 3", "[generate] samples 2 → 3"),
        ("max_tokens = 40", "max_tokens = 40\ntop_p = 0.5", "[generate] top_p 1.0 → 0.5"),
        ("max_tokens = 40", "max_tokens = 30", "[generate] max_tokens 40 → 30"),
        ("seed = 3", "seed = 4", "[run] seed 3 → 4"),
        ("steps = 30", "steps = 40", "[train.optim] steps 30 → 40"),
        ("n = 300", "n = 200", "[seed_data] n 300 → 200"),
    ]:
        changed = _config(tmp_path, "changed")
        changed.write_text(changed.read_text().replace(old, new, 1), encoding="utf-8")
        with pytest.raises(ConfigError) as caught:
            run(load_config(changed), report=_quiet)
        assert message in str(caught.value)
    assert db.read_bytes() == before

    # settings that do not change the samples: a resume, the same export
    same = _config(tmp_path, "same", "batch = 3\nprice_prompt = 1.5")
    again = run(load_config(same), report=_quiet)
    assert export.read_bytes() == exported and again.generated == 16

    # a workspace whose record is gone cannot say which run made its samples
    (tmp_path / "ws" / "artifacts" / "run.json").unlink()
    with pytest.raises(ConfigError, match="no record of the settings"):
        run(load_config(_config(tmp_path, "first")))


def test_a_checkpoint_made_with_other_settings_is_not_resumed(tmp_path: Path) -> None:
    """The run record stops a changed config; a checkpoint copied in by hand is caught on its own."""
    require_module("torch")
    from assay.registry import Registry
    from assay.run_plan import make_plan

    run(load_config(_config(tmp_path, "a", workspace="a")), report=_quiet)
    other = _config(tmp_path, "b", workspace="b")
    other.write_text(other.read_text().replace("n_embd = 16", "n_embd = 24"), encoding="utf-8")
    write_record(tmp_path / "b", make_plan(load_config(other), Registry.from_entry_points()).identity)
    (tmp_path / "b" / "artifacts" / "models").mkdir(parents=True)
    (tmp_path / "b" / "artifacts" / "models" / "v1.pt").write_bytes(
        (tmp_path / "a" / "artifacts" / "models" / "v1.pt").read_bytes()
    )
    with pytest.raises(ConfigError, match=r"v1.pt was trained with other settings \(n_embd 16 → 24\)"):
        run(load_config(other), report=_quiet)


def test_two_models_saved_under_one_name_have_different_ids(tmp_path: Path) -> None:
    require_module("torch")
    from assay.backends.tiny import TinyGenerator
    from assay.model.trainer import TrainConfig, Trainer

    pairs = [(f"Solve {i}\n", f"x={i}") for i in range(20)]
    trainer = Trainer.create(
        pairs, TrainConfig(steps=2, batch_size=4, warmup=1), {"n_layer": 1, "n_embd": 16}
    )
    trainer.save(tmp_path / "a" / "v1.pt")
    trainer.fit()
    trainer.save(tmp_path / "b" / "v1.pt")
    a, b = TinyGenerator(tmp_path / "a" / "v1.pt"), TinyGenerator(tmp_path / "b" / "v1.pt")
    assert a.id != b.id and a.id.startswith("tiny:v1.pt@") and b.id.startswith("tiny:v1.pt@")
    assert TinyGenerator(tmp_path / "a" / "v1.pt").id == a.id


# --- end to end: an HTTP generator whose requests fail ------------------------------------------------


class _Server(ThreadingHTTPServer):
    """Answers "x = 4", or HTTP 429 for the prompts fail(prompt) picks."""

    daemon_threads = True

    def __init__(self) -> None:
        super().__init__(("127.0.0.1", 0), _Handler)
        self.fail: Callable[[str], bool] = lambda prompt: True


class _Handler(BaseHTTPRequestHandler):
    server: _Server

    def log_message(self, *args: object) -> None:
        pass

    def do_POST(self) -> None:
        body = json.loads(self.rfile.read(int(self.headers["Content-Length"])))
        prompt = body["messages"][-1]["content"]
        if self.server.fail(prompt):
            payload, status = b'{"error": "rate limited"}', 429
        else:
            reply = {
                "choices": [{"message": {"role": "assistant", "content": "x = 4"}, "finish_reason": "stop"}],
                "usage": {"prompt_tokens": 7, "completion_tokens": 3},
            }
            payload, status = json.dumps(reply).encode(), 200
        self.send_response(status)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(payload)))
        self.end_headers()
        self.wfile.write(payload)


@pytest.fixture()
def server() -> Iterator[_Server]:
    srv = _Server()
    thread = threading.Thread(target=srv.serve_forever, daemon=True)
    thread.start()
    yield srv
    srv.shutdown()
    srv.server_close()


def _http(server: _Server) -> str:
    url = f"http://127.0.0.1:{server.server_address[1]}/v1"
    return (
        f'generator = "openai:{url}#m"\ntemplate = "chat-math-v1"\nretries = 0\n'
        "price_prompt = 1.0\nprice_completion = 2.0\nconcurrency = 2"
    )


def test_when_every_eval_request_fails_the_run_stops(tmp_path: Path, server: _Server) -> None:
    require_module("torch")
    server.fail = lambda prompt: True
    result = CliRunner().invoke(cli, ["run", str(_config(tmp_path, "all429", _http(server)))])
    assert result.exit_code != 0
    assert isinstance(result.exception, AssayError)
    assert "eval: all 6 requests" in str(result.exception) and "HTTP 429 ×6" in str(result.exception)
    assert "accuracy 0.0%" not in result.output


def test_a_run_with_failures_says_how_many_and_exits_non_zero(tmp_path: Path, server: _Server) -> None:
    require_module("torch")
    server.fail = lambda prompt: sum(map(ord, prompt)) % 2 == 0
    result = CliRunner().invoke(cli, ["run", str(_config(tmp_path, "some429", _http(server)))])
    assert result.exit_code == 1, result.output
    assert "requests failed (HTTP 429" in result.output and "are not counted" in result.output
    assert "sample request(s) failed (HTTP 429 ×" in result.output
    assert "Run the same config again to retry only those" in result.output
    # usage landed per attempt: tokens and cost at the configured prices
    usage_line = next(line for line in result.output.splitlines() if line.startswith("generator usage"))
    assert "prompt_tokens" in usage_line and "cost" in usage_line
    funnel_line = next(line for line in result.output.splitlines() if line.startswith("  generated"))
    generated = int(funnel_line.split()[1])
    assert 0 < generated < 16
    assert f"cost {round(generated * (7 * 1.0 + 3 * 2.0) / 1e6, 6)}" in usage_line


def test_the_cli_exit_code_follows_the_funnel(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import assay.pipeline

    config = tmp_path / "c.toml"
    config.write_text("", encoding="utf-8")
    for funnel, code in [
        (Funnel(generated=10), 0),
        (Funnel(generated=8, failed=2, failures={"HTTP 429": 2}), 1),
        (Funnel(generated=10, eval_problems=5, eval_failed=1), 1),
    ]:
        monkeypatch.setattr(assay.pipeline, "run", lambda *a, f=funnel, **k: f)
        result = CliRunner().invoke(cli, ["run", str(config)])
        assert result.exit_code == code, result.output
        if code:
            assert "failed" in result.output


def test_model_train_does_not_resume_a_checkpoint_made_with_other_options(tmp_path: Path) -> None:
    require_module("torch")
    data = tmp_path / "sft.jsonl"
    rows = [{"prompt": f"Solve for x: x + {i} = {i + 4}", "response": "x=4"} for i in range(40)]
    data.write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
    out = tmp_path / "m.pt"
    base = ["model", "train", "--data", str(data), "--out", str(out), "--steps", "2", "--layers", "1"]
    first = CliRunner().invoke(cli, [*base, "--width", "16", "--heads", "2", "--threads", "1"])
    assert first.exit_code == 0, first.output
    for options, change in [
        (["--width", "24", "--heads", "2"], "n_embd 16 → 24"),
        (["--width", "16", "--heads", "2", "--lr", "0.01"], "lr 0.003 → 0.01"),
        (["--width", "16", "--heads", "2", "--seed", "5"], "seed 0 → 5"),
    ]:
        again = CliRunner().invoke(cli, [*base, *options, "--threads", "1"])
        assert again.exit_code != 0 and change in str(again.exception), again.output
    same = CliRunner().invoke(cli, [*base, "--width", "16", "--heads", "2", "--threads", "2"])
    assert same.exit_code == 0, same.output  # threads do not decide the weights: a resume
