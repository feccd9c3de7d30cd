"""assay.outputs and the output guard: locks, unique temporary files, atomic replace, clean-up."""

from __future__ import annotations

import errno
import os
import subprocess
import sys
from pathlib import Path

import pytest

from assay.errors import InUseError, OutputError
from assay.outputs import exclusive, lock_path, reason, stale_temps, writing
from assay.workspace import Workspace, check_output


def _leftovers(folder: Path) -> list[str]:
    """Files assay must not leave behind: temporary files and lock files."""
    return sorted(p.name for p in folder.iterdir() if p.name.endswith((".partial", ".lock")))


def test_a_clean_block_replaces_the_destination_and_leaves_nothing(tmp_path: Path) -> None:
    out = tmp_path / "out.jsonl"
    out.write_text("old\n")
    with writing(out) as staging:
        staging.temp().write_text("new\n")
        assert out.read_text() == "old\n"  # nothing visible until the block ends
        staging.temp(tmp_path / "out.jsonl.README.md").write_text("card\n")
    assert out.read_text() == "new\n"
    assert (tmp_path / "out.jsonl.README.md").read_text() == "card\n"
    assert _leftovers(tmp_path) == []


@pytest.mark.parametrize(
    "error",
    [
        ValueError("a bug in the writer"),
        KeyboardInterrupt(),
        OSError(errno.ENOSPC, "No space left on device"),
        OSError(errno.EFBIG, "File too large"),
    ],
)
def test_any_error_leaves_the_destination_and_no_temporary_file(tmp_path: Path, error: BaseException) -> None:
    out = tmp_path / "out.jsonl"
    out.write_text("old\n")
    expected = OutputError if isinstance(error, OSError) else type(error)
    with pytest.raises(expected), writing(out) as staging:
        staging.temp().write_text("half")
        raise error
    assert out.read_text() == "old\n"
    assert _leftovers(tmp_path) == []


def test_a_disk_error_is_one_line_naming_the_file_and_the_reason(tmp_path: Path) -> None:
    out = tmp_path / "out.jsonl"
    with pytest.raises(OutputError) as caught, writing(out, "export out.jsonl") as staging:
        staging.temp()
        raise OSError(errno.ENOSPC, "No space left on device")
    message = str(caught.value)
    assert "\n" not in message
    assert "export out.jsonl" in message and "no space left on device" in message


def test_an_os_error_that_is_not_the_disks_is_not_disguised(tmp_path: Path) -> None:
    with pytest.raises(ConnectionResetError), writing(tmp_path / "x") as staging:
        staging.temp()
        raise ConnectionResetError(errno.ECONNRESET, "reset")
    assert _leftovers(tmp_path) == []


def test_a_resumable_file_survives_an_interruption_but_not_a_disk_error(tmp_path: Path) -> None:
    out = tmp_path / "verdicts.jsonl"
    key = "0123456789abcdef"
    with pytest.raises(KeyboardInterrupt), writing(out) as staging:
        staging.resumable(key).write_text("line 1\n")
        raise KeyboardInterrupt
    kept = tmp_path / f".verdicts.jsonl.{key}.partial"
    assert kept.read_text() == "line 1\n" and not out.exists()
    with pytest.raises(OutputError), writing(out) as staging:
        assert staging.resumable(key) == kept
        raise OSError(errno.ENOSPC, "No space left on device")  # a full disk: the file goes
    assert _leftovers(tmp_path) == []


def test_files_of_dead_writers_and_of_other_keys_are_swept(tmp_path: Path) -> None:
    out = tmp_path / "a.jsonl"
    dead = [tmp_path / ".a.jsonl.00000000000000aa.partial", tmp_path / ".a.jsonl.00000000000000bb.partial"]
    other_output = tmp_path / ".a.jsonl.x.00000000000000aa.partial"  # belongs to "a.jsonl.x"
    for path in [*dead, other_output]:
        path.write_text("stale")
    assert sorted(stale_temps(out)) == sorted(dead)
    with writing(out) as staging:
        staging.resumable("00000000000000bb").write_text("resumed")
    assert not dead[0].exists() and out.read_text() == "resumed"
    assert other_output.exists()  # never another output's file


def test_a_second_writer_in_this_process_is_refused(tmp_path: Path) -> None:
    out = tmp_path / "out.jsonl"
    with writing(out) as first:
        first.temp().write_text("first\n")
        with pytest.raises(InUseError, match=f"in use by pid {os.getpid()}"), writing(out):
            pass
    assert out.read_text() == "first\n"
    with writing(out) as again:  # released: the next writer goes ahead
        again.temp().write_text("second\n")
    assert out.read_text() == "second\n" and not lock_path(out).exists()


_HOLDER = """
import sys
from pathlib import Path
from assay.outputs import exclusive
with exclusive(Path(sys.argv[1]), "the test's output"):
    print("held", flush=True)
    sys.stdin.readline()
"""


def test_a_lock_held_by_another_process_names_its_pid(tmp_path: Path) -> None:
    out = tmp_path / "out.jsonl"
    holder = subprocess.Popen(
        [sys.executable, "-c", _HOLDER, str(lock_path(out))],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert holder.stdout is not None and holder.stdout.readline().strip() == "held"
        with pytest.raises(InUseError, match=f"in use by pid {holder.pid}"), writing(out):
            pass
    finally:
        holder.communicate("\n", timeout=60)
    assert holder.returncode == 0
    with writing(out) as staging:
        staging.temp().write_text("mine\n")
    assert out.read_text() == "mine\n"


def test_a_lock_left_by_a_killed_process_does_not_block(tmp_path: Path) -> None:
    lock = tmp_path / ".out.lock"
    lock.write_text("999999\n")  # what `kill -9` leaves: the file, but no lock on it
    with exclusive(lock, "out"):
        assert lock.read_text() == f"{os.getpid()}\n"
    assert not lock.exists()


def test_an_unwritable_folder_is_one_line(tmp_path: Path) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("")
    with (
        pytest.raises(OutputError, match=r"cannot make .*a file is in the way"),
        writing(blocker / "out.jsonl"),
    ):
        pass


@pytest.mark.parametrize(
    ("code", "text"),
    [
        (errno.ENOSPC, "no space left on device"),
        (errno.EFBIG, "file too large"),
        (errno.EROFS, "read-only file system"),
        (errno.EACCES, "permission denied"),
        (errno.EDQUOT, "disk quota exceeded"),
        (errno.EIO, "Input/output error"),
    ],
)
def test_reasons(code: int, text: str) -> None:
    assert text in reason(OSError(code, os.strerror(code)))


# --- which outputs are refused ---------------------------------------------------------------------


@pytest.fixture
def layout(tmp_path: Path) -> Path:
    Workspace.init(tmp_path / "mine")
    Workspace.init(tmp_path / "theirs")
    (tmp_path / "in.jsonl").write_text("{}\n")
    (tmp_path / "link.jsonl").symlink_to(tmp_path / "in.jsonl")
    os.link(tmp_path / "in.jsonl", tmp_path / "hard.jsonl")
    return tmp_path


@pytest.mark.parametrize(
    ("out", "refused"),
    [
        # inputs, however they are spelled
        ("in.jsonl", "is the input"),
        ("./sub/../in.jsonl", "is the input"),
        ("link.jsonl", "is the input"),
        ("hard.jsonl", "is the input"),
        # a workspace's own files, and any SQLite database
        ("mine/assay.db", "is the database"),
        ("theirs/assay.db", "SQLite database"),
        ("theirs/assay.toml", "assay.toml"),
        # another workspace's artifacts (and an artifacts/ folder that is not a workspace's is fine)
        ("theirs/artifacts/exports/x.jsonl", "artifacts/ of workspace"),
        ("theirs/artifacts/models/v1.pt", "artifacts/ of workspace"),
        ("mine/artifacts/exports/x.jsonl", None),
        ("elsewhere/artifacts/x.jsonl", None),
        ("out.jsonl", None),
    ],
)
def test_outputs_that_would_replace_what_they_must_not(layout: Path, out: str, refused: str | None) -> None:
    (layout / "sub").mkdir(exist_ok=True)
    inputs = [(layout / "in.jsonl", "the input"), (layout / "mine" / "assay.db", "the database")]
    destination = layout / out
    if refused is None:
        check_output(destination, inputs, layout / "mine")
    else:
        with pytest.raises(OutputError, match=refused):
            check_output(destination, inputs, layout / "mine")
        check_output(destination, inputs, layout / "mine", force=True)  # asked for by name


def test_verify_file_output_outside_any_workspace_refuses_every_workspace_artifacts(layout: Path) -> None:
    with pytest.raises(OutputError, match="artifacts/ of workspace"):
        check_output(layout / "mine" / "artifacts" / "v.jsonl", [(layout / "in.jsonl", "the input")], None)


def test_planted_symlinks_are_never_written_through(tmp_path: Path) -> None:
    precious = tmp_path / "precious.txt"
    precious.write_text("keep me\n")
    out = tmp_path / "out.jsonl"
    lock_path(out).symlink_to(precious)
    with pytest.raises(OutputError, match="cannot write"), writing(out):
        pass
    assert precious.read_text() == "keep me\n"
    lock_path(out).unlink()
    key = "0123456789abcdef"
    (tmp_path / f".out.jsonl.{key}.partial").symlink_to(precious)
    with writing(out) as staging:
        resume = staging.resumable(key)
        assert not resume.exists()  # the link is gone, not followed
        resume.write_text("fresh\n")
    assert precious.read_text() == "keep me\n" and out.read_text() == "fresh\n"
