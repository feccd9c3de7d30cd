"""Outputs as an SRE tries them: two writers at once, kill -9, a full disk, read-only folders, outputs
that name inputs, broken configs and checkpoints. Each test asserts what happened (files, exit codes,
the one error line), never how long anything took."""

from __future__ import annotations

import json
import os
import resource
import shutil
import subprocess
import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

import pyarrow.parquet as pq
import pytest

from assay.errors import AssayError, InUseError
from assay.outputs import exclusive, lock_path
from assay.records import Candidate, Problem, Status, Verdict
from assay.verification import Verifiers, verify_jsonl
from assay.workspace import Workspace, run_lock
from tests.conftest import require

# --- helpers ---------------------------------------------------------------------------------------


def assay(
    *args: str, limit_bytes: int | None = None, prefix: Sequence[str] = ()
) -> subprocess.CompletedProcess[str]:
    """The CLI in a subprocess; limit_bytes sets RLIMIT_FSIZE there (writes past it fail with EFBIG,
    exactly as on a full disk); prefix runs it under another command (bwrap for read-only mounts)."""

    def limit() -> None:
        if limit_bytes is not None:
            resource.setrlimit(resource.RLIMIT_FSIZE, (limit_bytes, limit_bytes))

    return subprocess.run(
        [*prefix, sys.executable, "-m", "assay", *args],
        capture_output=True,
        text=True,
        timeout=600,
        preexec_fn=limit,
    )


def one_error_line(result: subprocess.CompletedProcess[str], *needles: str) -> str:
    """The run failed with exit 1 and exactly one `Error:` line (no traceback) holding every needle."""
    assert result.returncode == 1, (result.stdout, result.stderr)
    assert "Traceback" not in result.stderr
    errors = [line for line in result.stderr.splitlines() if line.startswith("Error:")]
    assert len(errors) == 1, result.stderr
    for needle in needles:
        assert needle in errors[0], errors[0]
    return errors[0]


def leftovers(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.rglob("*") if p.name.endswith((".partial", ".lock")))


def math_lines(n: int, start: int = 0) -> str:
    return "".join(
        json.dumps(
            {
                "id": f"q{i}",
                "domain": "math",
                "prompt": f"Solve for x: x + {i} = {2 * i}",
                "reference": {"answer": str(i)},
                "response": f"x = {2 * i} - {i}\nx = {i}" if i % 7 else f"x = {i + 1}",
            }
        )
        + "\n"
        for i in range(start, start + n)
    )


def workspace_with_samples(root: Path, n: int = 300) -> Workspace:
    """A workspace holding n verified candidates (written straight to the store: no workers needed)."""
    space = Workspace.init(root)
    store = space.store()
    problems = [
        Problem("math", "linear", f"Solve for x: {i}x = {i * i}", {"answer": str(i)}, "test")
        for i in range(1, n + 1)
    ]
    candidates = [Candidate(p.id, f"x = {i}", str(i), generator="g") for i, p in enumerate(problems, 1)]
    store.add_problems(problems)
    store.add_candidates(candidates)
    store.add_verdicts(Verdict(c.id, "math-steps@27", Status.VERIFIED, "ok") for c in candidates)
    store.close()
    return space


def bwrap_read_only(*folders: Path) -> list[str]:
    """A prefix that runs a command with folders mounted read-only (EROFS even for root)."""
    bwrap = shutil.which("bwrap")
    require(bwrap is not None, "bubblewrap (bwrap) is not installed")
    assert bwrap is not None
    prefix = [bwrap, "--dev-bind", "/", "/"]
    for folder in folders:
        prefix += ["--ro-bind", str(folder), str(folder)]
    probe = subprocess.run([*prefix, "true"], capture_output=True, timeout=60)
    require(probe.returncode == 0, f"bwrap cannot make mounts here: {probe.stderr!r}")
    return prefix


# --- two writers, one output -------------------------------------------------------------------------


def test_verify_file_refuses_an_output_another_process_is_writing(tmp_path: Path) -> None:
    source, out = tmp_path / "in.jsonl", tmp_path / "out.jsonl"
    source.write_text(math_lines(20))
    out.write_text("the earlier run's verdicts\n")
    with exclusive(lock_path(out), "a writer in the test"):
        busy = assay("verify", "file", str(source), "--out", str(out))
    one_error_line(busy, "in use by pid", str(os.getpid()))
    assert out.read_text() == "the earlier run's verdicts\n"
    ok = assay("verify", "file", str(source), "--out", str(out))
    assert ok.returncode == 0, ok.stderr
    assert len(out.read_text().splitlines()) == 20
    assert leftovers(tmp_path) == []


def test_two_verify_file_runs_at_once_never_mix_their_lines(tmp_path: Path) -> None:
    # Whichever order they run in: each run either wrote the whole output or stopped with "in use";
    # the file is one run's complete output, never a torn mix.
    source, out = tmp_path / "in.jsonl", tmp_path / "out.jsonl"
    source.write_text(math_lines(600))
    command = [sys.executable, "-m", "assay", "verify", "file", str(source), "--out", str(out)]
    runs = [
        subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True) for _ in "ab"
    ]
    results = [run.communicate(timeout=600) for run in runs]
    codes = [run.returncode for run in runs]
    assert 0 in codes
    for code, (_, stderr) in zip(codes, results, strict=True):
        assert code == 0 or ("in use by pid" in stderr and "Traceback" not in stderr)
    lines = [json.loads(line) for line in out.read_text().splitlines()]
    assert [line["id"] for line in lines] == [f"q{i}" for i in range(600)]
    assert leftovers(tmp_path) == []


def test_two_exports_at_once_leave_one_whole_export_and_its_own_card(tmp_path: Path) -> None:
    space = workspace_with_samples(tmp_path / "ws")
    out = tmp_path / "x.jsonl"
    command = [sys.executable, "-m", "assay", "export", "jsonl", "-w", str(space.root), "--out", str(out)]
    runs = [
        subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True) for _ in "ab"
    ]
    results = [run.communicate(timeout=600) for run in runs]
    assert 0 in [run.returncode for run in runs]
    for run, (_, stderr) in zip(runs, results, strict=True):
        assert run.returncode == 0 or "in use by pid" in stderr
    data = out.read_bytes()
    assert b"\x00" not in data
    rows = [json.loads(line) for line in data.splitlines()]
    card = (tmp_path / "x.jsonl.README.md").read_text()
    assert f"{len(rows)} rows" in card and len(rows) > 0
    assert leftovers(tmp_path) == []


def test_an_export_refuses_an_output_in_use(tmp_path: Path) -> None:
    space = workspace_with_samples(tmp_path / "ws", 20)
    out = tmp_path / "x.jsonl"
    with exclusive(lock_path(out), "a writer in the test"):
        one_error_line(assay("export", "jsonl", "-w", str(space.root), "--out", str(out)), "in use by pid")
    assert not out.exists() and not (tmp_path / "x.jsonl.README.md").exists()


def test_a_second_run_on_one_workspace_stops_before_doing_anything(tmp_path: Path) -> None:
    ws = tmp_path / "ws"
    config = tmp_path / "run.toml"
    config.write_text(f'[run]\nworkspace = "{ws}"\n')
    with run_lock(ws):
        busy = assay("run", str(config))
    one_error_line(busy, "in use by pid", str(os.getpid()), str(ws))
    assert not ws.exists()  # not even the workspace folder was made


def test_the_run_lock_is_one_per_workspace_however_it_is_named(tmp_path: Path) -> None:
    (tmp_path / "ws").mkdir()
    (tmp_path / "sub").mkdir()
    with (
        run_lock(tmp_path / "ws"),
        pytest.raises(InUseError, match="in use by pid"),
        run_lock(tmp_path / "sub" / ".." / "ws"),
    ):
        pass
    with run_lock(tmp_path / "ws"):  # released on exit
        pass


def test_init_many_at_once_on_a_fresh_workspace(tmp_path: Path) -> None:
    ws = tmp_path / "fresh"
    command = [sys.executable, "-m", "assay", "init", str(ws)]
    runs = [
        subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True) for _ in range(4)
    ]
    results = [run.communicate(timeout=600) for run in runs]
    assert [run.returncode for run in runs] == [0] * 4, [stderr for _, stderr in results]
    assert Workspace.open(ws).database_url.endswith("assay.db")
    assert leftovers(ws) == []


# --- one card per export ---------------------------------------------------------------------------


def test_every_export_keeps_its_own_card(tmp_path: Path) -> None:
    space = workspace_with_samples(tmp_path / "ws", 40)
    out = tmp_path / "exports"
    first = assay("export", "jsonl", "-w", str(space.root), "--out", str(out / "all.jsonl"))
    assert first.returncode == 0, first.stderr
    second = assay(
        "export",
        "parquet",
        "-w",
        str(space.root),
        "--out",
        str(out / "refuted.parquet"),
        "--status",
        "refuted",
    )
    assert second.returncode == 0, second.stderr
    assert "40 rows" in (out / "all.jsonl.README.md").read_text()
    assert "0 rows" in (out / "refuted.parquet.README.md").read_text()
    assert "status: refuted" in (out / "refuted.parquet.README.md").read_text()
    assert not (out / "README.md").exists()
    assert "dataset card: " + str(out / "all.jsonl.README.md") in first.stdout


# --- outputs that name inputs ----------------------------------------------------------------------


def test_verify_file_refuses_to_write_over_its_input(tmp_path: Path) -> None:
    source = tmp_path / "in.jsonl"
    source.write_text(math_lines(5))
    before = source.read_bytes()
    (tmp_path / "alias.jsonl").symlink_to(source)
    for out in (source, tmp_path / "alias.jsonl", tmp_path / "sub" / ".." / "in.jsonl"):
        one_error_line(
            assay("verify", "file", str(source), "--out", str(out)), "is the input file", "--force"
        )
        assert source.read_bytes() == before
    forced = assay("verify", "file", str(source), "--out", str(source), "--force")
    assert forced.returncode == 0, forced.stderr
    assert [json.loads(line)["id"] for line in source.read_text().splitlines()] == [f"q{i}" for i in range(5)]


def test_export_refuses_the_database_config_and_other_runs_artifacts(tmp_path: Path) -> None:
    space = workspace_with_samples(tmp_path / "ws", 10)
    other = Workspace.init(tmp_path / "other")
    (other.artifacts / "models").mkdir()
    (other.artifacts / "models" / "v1.pt").write_bytes(b"their model")
    database = space.root / "assay.db"
    before = database.read_bytes()
    cases = [
        (database, "is the database being exported"),
        (space.root / "assay.toml", "assay.toml"),
        (other.root / "assay.db", "SQLite database"),
        (other.artifacts / "models" / "v1.pt", "artifacts/ of workspace"),
    ]
    for out, needle in cases:
        one_error_line(assay("export", "jsonl", "-w", str(space.root), "--out", str(out)), needle)
    assert database.read_bytes() == before
    assert (other.artifacts / "models" / "v1.pt").read_bytes() == b"their model"
    mine = assay("export", "jsonl", "-w", str(space.root), "--out", str(space.artifacts / "mine.jsonl"))
    assert mine.returncode == 0, mine.stderr  # its own artifacts are where it writes by default


# --- full disk (RLIMIT_FSIZE: EFBIG), read-only folders ------------------------------------------------


def test_verify_file_on_a_full_disk(tmp_path: Path) -> None:
    source, out = tmp_path / "in.jsonl", tmp_path / "out.jsonl"
    source.write_text(math_lines(1400))  # ~520 kB of verdicts
    out.write_text("the earlier run's verdicts\n")
    # (the limit leaves room for what the verification workers write as they start)
    full = assay("verify", "file", str(source), "--out", str(out), limit_bytes=400_000)
    one_error_line(full, "file too large", str(out))
    assert out.read_text() == "the earlier run's verdicts\n"
    assert leftovers(tmp_path) == []  # the temporary file is gone: a full disk gets no fuller
    again = assay("verify", "file", str(source), "--out", str(out))  # space again: a re-run works
    assert again.returncode == 0 and len(out.read_text().splitlines()) == 1400


@pytest.mark.parametrize("fmt", ["jsonl", "parquet"])
def test_export_on_a_full_disk(tmp_path: Path, fmt: str) -> None:
    space = workspace_with_samples(tmp_path / "ws", 2000)
    out = tmp_path / "out" / f"x.{fmt}"
    ok = assay("export", fmt, "-w", str(space.root), "--out", str(out), "--no-dedup")
    assert ok.returncode == 0, ok.stderr
    before, card = out.read_bytes(), (out.parent / f"x.{fmt}.README.md").read_text()
    full = assay("export", fmt, "-w", str(space.root), "--out", str(out), "--no-dedup", limit_bytes=64_000)
    one_error_line(full, "file too large", str(out))
    assert out.read_bytes() == before and (out.parent / f"x.{fmt}.README.md").read_text() == card
    assert leftovers(tmp_path / "out") == []


def test_export_into_a_read_only_folder(tmp_path: Path) -> None:
    space = workspace_with_samples(tmp_path / "ws", 10)
    folder = tmp_path / "ro"
    folder.mkdir()
    prefix = bwrap_read_only(folder)
    refused = assay("export", "jsonl", "-w", str(space.root), "--out", str(folder / "x.jsonl"), prefix=prefix)
    one_error_line(refused, "read-only file system", str(folder / "x.jsonl"))


def test_a_read_only_workspace_can_be_exported_from(tmp_path: Path) -> None:
    space = workspace_with_samples(tmp_path / "ws", 25)
    prefix = bwrap_read_only(space.root)
    out = tmp_path / "x.jsonl"
    exported = assay("export", "jsonl", "-w", str(space.root), "--out", str(out), prefix=prefix)
    assert exported.returncode == 0, exported.stderr
    assert len(out.read_text().splitlines()) == 25
    shown = assay("show", json.loads(out.read_text().splitlines()[0])["provenance"]["candidate_id"],
                  "-w", str(space.root), prefix=prefix)  # fmt: skip
    assert shown.returncode == 0, shown.stderr
    # writing is what fails, in one line
    one_error_line(assay("verify", "-w", str(space.root), "--redo", prefix=prefix), "readonly database")


# --- configs that cannot be read ----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("content", "needle"),
    [
        (b"\xff\xfe[\x00s\x00t\x00o\x00r\x00e\x00]\x00", "is not UTF-8 text (byte 0xff at offset 0)"),
        (b'[store]\nurl = "caf\xe9"\n', "is not UTF-8 text (byte 0xe9 at offset 18)"),
        (b"\x7fELF\x02\x01\x01\x00\x00\x00", "assay.toml"),  # a binary that happens to be UTF-8
        (b"[verify]\ntimeout = 2.0\x00\n", "assay.toml"),
    ],
)
def test_an_unreadable_config_is_one_line(tmp_path: Path, content: bytes, needle: str) -> None:
    Workspace.init(tmp_path)
    (tmp_path / "assay.toml").write_bytes(content)
    one_error_line(assay("export", "jsonl", "-w", str(tmp_path)), needle)


def test_a_config_that_is_a_folder_or_forbidden_is_one_line(tmp_path: Path) -> None:
    (tmp_path / "assay.toml").mkdir()
    one_error_line(assay("verify", "-w", str(tmp_path)), "cannot read", "it is a folder")
    if os.geteuid() != 0:  # root reads any file whatever its mode
        (tmp_path / "assay.toml").rmdir()
        (tmp_path / "assay.toml").write_text("[verify]\n")
        (tmp_path / "assay.toml").chmod(0)
        one_error_line(assay("verify", "-w", str(tmp_path)), "cannot read", "permission denied")


# --- verify file resumes ---------------------------------------------------------------------------


class _Verifier:
    """Wraps the real math verifier: counts the candidates it is asked about, and after `stop_after`
    calls runs `then` (raise, to play a crash)."""

    def __init__(
        self, real: Any, stop_after: int | None = None, then: Callable[[], None] | None = None
    ) -> None:
        self.real, self.stop_after, self.then = real, stop_after, then
        self.calls = 0
        self.seen: list[str] = []

    @property
    def id(self) -> str:
        return str(self.real.id)

    def verify_many(self, pairs: Any, on_done: Any = None) -> list[Verdict]:
        if self.stop_after is not None and self.calls >= self.stop_after and self.then is not None:
            self.then()
        self.calls += 1
        self.seen += [candidate.params["id"] for _, candidate in pairs]
        return list(self.real.verify_many(pairs))

    def close(self) -> None:
        self.real.close()


def _crash() -> None:
    raise KeyboardInterrupt


@pytest.fixture
def verifier_of(pool: Any) -> Callable[..., _Verifier]:
    from assay.domains.math.verifier import StepVerifier

    return lambda **kw: _Verifier(StepVerifier(pool=pool), **kw)


def test_an_interrupted_verify_file_resumes_where_it_stopped(
    tmp_path: Path, verifier_of: Callable[..., _Verifier]
) -> None:
    source, out = tmp_path / "in.jsonl", tmp_path / "out.jsonl"
    source.write_text(math_lines(700))
    straight = tmp_path / "straight.jsonl"
    verify_jsonl(source, straight, Verifiers(given={"math": verifier_of()}))

    crashing = verifier_of(stop_after=2, then=_crash)  # two batches of 256 written, then Ctrl-C
    with pytest.raises(KeyboardInterrupt):
        verify_jsonl(source, out, Verifiers(given={"math": crashing}))
    assert not out.exists()
    [partial] = [p for p in tmp_path.iterdir() if p.name.endswith(".partial")]
    with partial.open("a") as handle:
        handle.write('{"id": "q512", "sta')  # a line torn by kill -9 mid-write
    resumed = verifier_of()
    counts = verify_jsonl(source, out, Verifiers(given={"math": resumed}))
    assert counts.resumed == 512 and counts.total == 700
    assert resumed.seen == [f"q{i}" for i in range(512, 700)]  # nothing verified twice
    assert out.read_bytes() == straight.read_bytes()
    assert leftovers(tmp_path) == []


def test_a_changed_input_or_setting_starts_over(
    tmp_path: Path, verifier_of: Callable[..., _Verifier]
) -> None:
    source, out = tmp_path / "in.jsonl", tmp_path / "out.jsonl"
    source.write_text(math_lines(300))
    with pytest.raises(KeyboardInterrupt):
        verify_jsonl(source, out, Verifiers(given={"math": verifier_of(stop_after=1, then=_crash)}))
    other = verifier_of()
    counts = verify_jsonl(source, out, Verifiers(given={"math": other}), settings="timeout=9")
    assert counts.resumed == 0 and len(other.seen) == 300
    with pytest.raises(KeyboardInterrupt):
        verify_jsonl(source, out, Verifiers(given={"math": verifier_of(stop_after=1, then=_crash)}))
    source.write_text(math_lines(300, start=1))  # the input changed since
    fresh = verifier_of()
    counts = verify_jsonl(source, out, Verifiers(given={"math": fresh}))
    assert counts.resumed == 0 and fresh.seen[0] == "q1"
    assert [json.loads(line)["id"] for line in out.read_text().splitlines()][-1] == "q300"
    assert leftovers(tmp_path) == []  # the other key's file was swept


def test_a_resume_file_that_is_not_this_inputs_prefix_is_not_trusted(
    tmp_path: Path, verifier_of: Callable[..., _Verifier]
) -> None:
    # Planted lines (another id, or more lines than the input has) are never passed off as verdicts:
    # the run starts over and verifies every line itself.
    source, out = tmp_path / "in.jsonl", tmp_path / "out.jsonl"
    source.write_text(math_lines(3))
    with pytest.raises(KeyboardInterrupt):
        verify_jsonl(source, out, Verifiers(given={"math": verifier_of(stop_after=0, then=_crash)}))
    [partial] = [p for p in tmp_path.iterdir() if p.name.endswith(".partial")]
    for planted in (
        [{"id": "q0", "status": "verified"}, {"id": "q9", "status": "verified"}],
        [{"id": f"q{i}", "status": "verified"} for i in range(4)],
    ):
        partial.write_text("".join(json.dumps(line) + "\n" for line in planted))
        honest = verifier_of()
        counts = verify_jsonl(source, out, Verifiers(given={"math": honest}))
        assert counts.resumed == 0 and honest.seen == ["q0", "q1", "q2"]
        assert counts.refuted == 1  # q0 is the wrong answer math_lines plants every 7th line
        with pytest.raises(KeyboardInterrupt):
            verify_jsonl(source, out, Verifiers(given={"math": verifier_of(stop_after=0, then=_crash)}))


_KILLABLE = """
import sys
from pathlib import Path
from assay.domains.math.verifier import StepVerifier
from assay.verification import Verifiers, verify_jsonl
from assay.workers import WorkerPool

class Stalls:
    def __init__(self, real):
        self.real, self.calls = real, 0
    @property
    def id(self):
        return self.real.id
    def verify_many(self, pairs, on_done=None):
        self.calls += 1
        if self.calls == 2:  # the first batch is on disk: say so, then wait to be killed
            print("first batch written", flush=True)
            sys.stdin.readline()
        return self.real.verify_many(pairs)
    def close(self):
        self.real.close()

with WorkerPool(size=1, timeout=600.0) as pool:
    verifiers = Verifiers(given={"math": Stalls(StepVerifier(pool=pool))})
    verify_jsonl(Path(sys.argv[1]), Path(sys.argv[2]), verifiers, settings=sys.argv[3])
"""


def test_verify_file_resumes_after_kill_9(tmp_path: Path) -> None:
    source, out = tmp_path / "in.jsonl", tmp_path / "out.jsonl"
    source.write_text(math_lines(400))
    victim = subprocess.Popen(
        # the settings string the CLI makes for `--timeout 600`, so the CLI's re-run finds this run's file;
        # a limit no load reaches, so that no candidate is `timeout` in one run only (bytes are compared)
        [
            sys.executable,
            "-c",
            _KILLABLE,
            str(source),
            str(out),
            "timeout=600.0;sandbox=bubblewrap;verifiers=",
        ],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    )
    assert victim.stdout is not None and victim.stdout.readline().strip() == "first batch written"
    victim.kill()  # SIGKILL: no clean-up runs
    victim.communicate(timeout=60)
    assert not out.exists()
    rerun = assay("verify", "file", str(source), "--out", str(out), "--timeout", "600")
    assert rerun.returncode == 0, rerun.stderr
    assert "400 checked (256 kept from an interrupted run)" in rerun.stdout
    straight = assay(
        "verify", "file", str(source), "--out", str(tmp_path / "straight.jsonl"), "--timeout", "600"
    )
    assert straight.returncode == 0
    assert out.read_bytes() == (tmp_path / "straight.jsonl").read_bytes()
    assert leftovers(tmp_path) == []


# --- checkpoints ---------------------------------------------------------------------------------------


_CHECKPOINT = """
import resource, sys
from pathlib import Path
from assay.errors import AssayError
from assay.model.trainer import Trainer, TrainConfig, load_state

path = Path(sys.argv[1])
pairs = [("Solve for x: x + 1 = 2", "x = 1")] * 4
options = {"n_layer": 1, "n_head": 1, "n_embd": 16, "block_size": 48}
trainer = Trainer.create(pairs, TrainConfig(steps=2, batch_size=2), options)
trainer.save(path)
size = path.stat().st_size
resource.setrlimit(resource.RLIMIT_FSIZE, (size // 2, size // 2))
trainer.step = 7
try:
    trainer.save(path)
except AssayError as exc:
    print("refused:", exc)
print("step on disk:", load_state(path)["step"])
"""


def test_a_checkpoint_that_does_not_fit_keeps_the_previous_one(tmp_path: Path) -> None:
    path = tmp_path / "models" / "v1.pt"
    result = subprocess.run(
        [sys.executable, "-c", _CHECKPOINT, str(path)], capture_output=True, text=True, timeout=600
    )
    assert result.returncode == 0, result.stderr
    refused, step = result.stdout.splitlines()
    assert refused.startswith("refused: cannot write checkpoint") and "file too large" in refused
    assert step == "step on disk: 0"
    assert leftovers(tmp_path) == []


@pytest.mark.parametrize(
    "damage",
    [
        lambda data: data[: len(data) // 2],  # truncated (a copy cut short)
        lambda data: data[:100] + b"\x00" * (len(data) - 100),  # zeroed blocks
        lambda data: b"",  # empty
        lambda data: b"not a checkpoint at all",
    ],
)
def test_a_damaged_checkpoint_is_one_line(tmp_path: Path, damage: Callable[[bytes], bytes]) -> None:
    from assay.model.trainer import TrainConfig, Trainer, load_state

    pairs = [("Solve for x: x + 1 = 2", "x = 1")] * 4
    options = {"n_layer": 1, "n_head": 1, "n_embd": 16, "block_size": 48}
    path = tmp_path / "v1.pt"
    Trainer.create(pairs, TrainConfig(steps=2, batch_size=2), options).save(path)
    path.write_bytes(damage(path.read_bytes()))
    with pytest.raises(AssayError) as caught:
        load_state(path)
    message = str(caught.value)
    assert "\n" not in message and "file an issue" not in message and str(path) in message
    assert "damaged or truncated" in message


def test_parquet_written_whole(tmp_path: Path) -> None:
    space = workspace_with_samples(tmp_path / "ws", 30)
    out = tmp_path / "x.parquet"
    assert assay("export", "parquet", "-w", str(space.root), "--out", str(out)).returncode == 0
    assert pq.read_table(out).num_rows == 30
