"""Outputs that never lose or mix data: one writer per output, unique temporary files, atomic replace.

Every file assay writes for a user (verdicts, exports, dataset cards, checkpoints) goes through `writing`:

- an exclusive lock per output (`.<name>.lock` beside it, `flock`): a second writer fails at once with
  "in use by pid N" instead of interleaving its lines with the first writer's;
- temporary files in the destination's own folder (a rename is only atomic within one filesystem), with
  a unique name, fsynced before they replace their destinations, so a reader sees the old file or the
  new one and never a mix, even after a power cut;
- on any error the temporary files are removed and the destinations are left as they were; an OSError
  the disk or the folder caused (full, file too large, read-only, permission) becomes one OutputError
  line naming the file.

A resumable temporary file (`Staging.resumable`, for `assay verify file`) is kept when a run is
interrupted, so the next run with the same input can continue it; it is removed on disk errors, since a
full disk is exactly when a leftover file hurts.

This module must never write to a destination in place, and never remove a lock file it does not hold.
"""

from __future__ import annotations

import errno
import fcntl
import os
import re
import secrets
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from dataclasses import dataclass, field
from pathlib import Path

from assay.errors import InUseError, OutputError

TEMP_SUFFIX = ".partial"
_TOKEN = re.compile(r"[0-9a-f]{16}")

# errno → what a user should read; anything else falls back to the system's own text
_REASONS = {
    errno.ENOSPC: "no space left on device",
    errno.EFBIG: "file too large (a file-size limit such as `ulimit -f` was reached)",
    errno.EDQUOT: "disk quota exceeded",
    errno.EROFS: "read-only file system",
    errno.EACCES: "permission denied",
    errno.EPERM: "operation not permitted",
    errno.ENOENT: "no such file or folder",
    errno.ENOTDIR: "a part of the path is not a folder",
    errno.EISDIR: "it is a folder",
    errno.EEXIST: "a file is in the way of a folder it needs",
}
# the errors that come from the disk or the folder rather than from a bug: these become OutputError
DISK_ERRNOS = frozenset(_REASONS) | {errno.EIO, errno.ENAMETOOLONG}


def reason(exc: OSError) -> str:
    """A short, one-line reason for an OSError."""
    if exc.errno in _REASONS:
        return _REASONS[exc.errno]
    return exc.strerror or str(exc).splitlines()[0]


def lock_path(destination: Path) -> Path:
    return destination.with_name(f".{destination.name}.lock")


def temp_path(destination: Path, token: str) -> Path:
    """The temporary file of destination for a 16-hex-digit token (random, or a resume key)."""
    if not _TOKEN.fullmatch(token):
        raise ValueError(f"token must be 16 lowercase hex digits, not {token!r}")
    return destination.with_name(f".{destination.name}.{token}{TEMP_SUFFIX}")


def stale_temps(destination: Path) -> list[Path]:
    """Temporary files of destination left by writers that died (call only while holding its lock)."""
    pattern = re.compile(re.escape(f".{destination.name}.") + r"[0-9a-f]{16}" + re.escape(TEMP_SUFFIX))
    try:
        names = os.listdir(destination.parent)
    except OSError:
        return []
    return [destination.parent / n for n in names if pattern.fullmatch(n)]


@contextmanager
def exclusive(lock: Path, what: str) -> Iterator[None]:
    """Hold an exclusive lock on the file `lock` (made if needed), or raise InUseError naming the pid that
    holds it. The kernel drops the lock when its holder dies, even by `kill -9`, so a crash never leaves
    a workspace or an output locked; the lock file itself is removed on release."""
    while True:
        try:
            # O_NOFOLLOW: a lock file planted as a symlink must not make us truncate what it points to
            fd = os.open(lock, os.O_RDWR | os.O_CREAT | os.O_CLOEXEC | os.O_NOFOLLOW, 0o644)
        except OSError as exc:
            raise OutputError(f"cannot write {what}: {reason(exc)} (in {lock.parent})") from exc
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            holder = _holder(fd)
            os.close(fd)
            raise InUseError(
                f"{what} is in use by {holder}; wait for it to finish (or stop it) and run again"
            ) from None
        # The previous holder removes the lock file as it releases it; if that happened between our
        # open and our flock, we now hold a lock on a file nobody else can see. Start again then.
        try:
            here = os.stat(lock)
            mine = os.fstat(fd)
            same = (here.st_dev, here.st_ino) == (mine.st_dev, mine.st_ino)
        except FileNotFoundError:
            same = False
        if same:
            break
        os.close(fd)
    try:
        _write_pid(fd)
        yield
    finally:
        # remove while still holding it: a process that opened this inode meanwhile sees it gone above
        with suppress(FileNotFoundError):
            os.unlink(lock)
        os.close(fd)


def _write_pid(fd: int) -> None:
    try:
        os.ftruncate(fd, 0)
        os.write(fd, f"{os.getpid()}\n".encode())
    except OSError:
        # The pid is only for the message another writer shows; a full disk must not stop the lock
        # itself, which is already held. That writer then says "another process" instead.
        return


def _holder(fd: int) -> str:
    try:
        text = os.pread(fd, 32, 0).decode("ascii", errors="replace").strip()
    except OSError:
        text = ""
    return f"pid {text}" if text.isdigit() else "another process"


@dataclass
class Staging:
    """The temporary files of one `writing` block, each to be moved onto its destination at the end."""

    destination: Path
    moves: list[tuple[Path, Path]] = field(default_factory=list)  # (temporary, destination), in order
    resumable_files: set[Path] = field(default_factory=set)
    _swept: set[Path] = field(default_factory=set)

    def temp(self, destination: Path | None = None) -> Path:
        """A new, empty, uniquely named temporary file that will replace destination (the main one by
        default, or a file named after it, such as its dataset card: the main lock covers those)."""
        target = destination or self.destination
        self._sweep(target, keep=None)
        while True:
            path = temp_path(target, secrets.token_hex(8))
            try:
                os.close(os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL | os.O_CLOEXEC, 0o644))
            except FileExistsError:
                continue
            self.moves.append((path, target))
            return path

    def resumable(self, key: str) -> Path:
        """The temporary file for key (16 hex digits naming the input and the settings): it may hold
        what an interrupted run with the same key wrote, and is kept if this run is interrupted too.
        Temporary files of other keys (an input since changed) are removed."""
        path = temp_path(self.destination, key)
        self._sweep(self.destination, keep=path)
        if path.is_symlink() or (path.exists() and not path.is_file()):
            path.unlink()  # only a regular file this output's writers made can be resumed
        self.moves.append((path, self.destination))
        self.resumable_files.add(path)
        return path

    def _sweep(self, target: Path, keep: Path | None) -> None:
        """Remove temporary files of target left by writers that died (safe: we hold the lock)."""
        if target in self._swept:
            return
        self._swept.add(target)
        for stale in stale_temps(target):
            if stale != keep:
                stale.unlink(missing_ok=True)


@contextmanager
def writing(destination: Path, what: str = "") -> Iterator[Staging]:
    """Lock destination and yield a Staging; when the block ends cleanly its temporary files replace
    their destinations in the order they were made, and on any error they are removed (a resumable one
    stays unless the disk caused the error) and OutputError names the file and the reason."""
    name = what or str(destination)
    folder = destination.parent
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise OutputError(f"cannot write {name}: cannot make {folder}: {reason(exc)}") from exc
    with exclusive(lock_path(destination), name):
        staging = Staging(destination)
        try:
            yield staging
            for temp, _ in staging.moves:
                _fsync(temp)
            for temp, target in staging.moves:
                os.replace(temp, target)
            _fsync_folder(folder)
        except OSError as exc:
            _discard(staging, keep_resumable=False)
            if exc.errno not in DISK_ERRNOS:
                raise
            raise OutputError(
                f"cannot write {name}: {reason(exc)}; it was left as it was and no temporary file remains"
            ) from exc
        except BaseException:
            _discard(staging, keep_resumable=True)
            raise


def _discard(staging: Staging, keep_resumable: bool) -> None:
    for temp, _ in staging.moves:
        if keep_resumable and temp in staging.resumable_files:
            continue
        with suppress(FileNotFoundError):
            temp.unlink()


def _fsync(path: Path) -> None:
    if not path.exists():  # a move whose file the caller already removed
        return
    fd = os.open(path, os.O_RDONLY | os.O_CLOEXEC)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def _fsync_folder(folder: Path) -> None:
    """Make the renames durable too (a power cut right after must not bring the old names back)."""
    fd = os.open(folder, os.O_RDONLY | os.O_CLOEXEC)
    try:
        os.fsync(fd)
    except OSError as exc:
        if exc.errno != errno.EINVAL:  # some filesystems cannot fsync a folder; the data is synced
            raise
    finally:
        os.close(fd)


__all__ = ["DISK_ERRNOS", "Staging", "exclusive", "lock_path", "reason", "stale_temps", "writing"]
