"""A workspace: a folder with `assay.toml`, a database and `artifacts/`.

my-run/
  assay.toml      settings (database URL, verification limits)
  assay.db        the SQLite database (unless assay.toml names a PostgreSQL URL)
  artifacts/      exports, reports, models
"""

from __future__ import annotations

import os
import secrets
import tomllib
from collections.abc import Iterable, Iterator
from contextlib import AbstractContextManager, contextmanager, suppress
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from assay.domains.code.sandbox import ISOLATIONS, SandboxConfig
from assay.errors import AssayError, ConfigError, OutputError, StoreError
from assay.outputs import exclusive, reason
from assay.store import Store

CONFIG_NAME = "assay.toml"

_TEMPLATE = """\
# assay workspace settings
[store]
# SQLite file inside this folder by default; a PostgreSQL URL works too:
# url = "postgresql://user:password@localhost:5432/assay"
url = "{url}"

[verify]
timeout = 2.0   # hard wall-clock limit per candidate, in seconds
workers = 0     # verification worker processes; 0 = one per CPU core
# each domain's verifier is its registered default; to choose another: DOMAIN = "NAME", e.g.
# math = "math-answer@27"   (list them: assay verifiers list)

[sandbox]
# where candidate code runs (domain "code"); see README: the code sandbox
isolation = "bubblewrap"   # or "weak": no namespaces, named in every verdict
timeout = 5.0              # CPU seconds per program, and per its tests (wall-clock backstop: 4x)
memory_mb = 1024           # address space per task process

[export]
min_human_share = 0.0      # `assay export` refuses less human data than this (--allow-low-human-share)
"""


@dataclass(frozen=True)
class VerifySettings:
    timeout: float = 2.0
    workers: int = 0
    # (domain, verifier name) for each `DOMAIN = "NAME"` line of [verify]: the verifier that domain's
    # candidates get instead of its default (checked against the installed verifiers when they are made)
    verifiers: tuple[tuple[str, str], ...] = ()


@dataclass(frozen=True)
class Workspace:
    root: Path
    database_url: str
    verify: VerifySettings
    sandbox: SandboxConfig = field(default_factory=SandboxConfig)
    min_human_share: float = 0.0

    @property
    def artifacts(self) -> Path:
        return self.root / "artifacts"

    def store(self) -> Store:
        return Store(self.database_url, home=self.root)

    def run_lock(self) -> AbstractContextManager[None]:
        """See `run_lock`."""
        return run_lock(self.root)

    @classmethod
    def init(cls, root: Path | str, database_url: str | None = None) -> Workspace:
        """Create a workspace (or leave an existing one as it is) and its database schema."""
        root = Path(root)
        config = root / CONFIG_NAME
        try:
            if not config.exists():
                root.mkdir(parents=True, exist_ok=True)
                url = database_url or "sqlite:///assay.db"
                _create(config, _TEMPLATE.format(url=url))
            (root / "artifacts").mkdir(exist_ok=True)
        except OSError as exc:
            raise StoreError(f"cannot make a workspace at {root}: {reason(exc)}") from exc
        if database_url is not None:  # (also when another init made the config just now)
            current = cls.open(root)
            if current.database_url != _resolve_url(root, database_url):
                raise ConfigError(f"{config} already names database {current.database_url!r}")
        workspace = cls.open(root)
        workspace.store().close()  # creates and migrates the schema
        return workspace

    @classmethod
    def open(cls, root: Path | str) -> Workspace:
        root = Path(root)
        config = root / CONFIG_NAME
        if not config.exists():
            raise StoreError(f"{root} is not an assay workspace (no {CONFIG_NAME}); run: assay init {root}")
        data = read_toml(config)
        store = _table(data, "store", config, {"url"})
        url = store.get("url", "sqlite:///assay.db")
        if not isinstance(url, str):
            raise ConfigError(f"{config}: [store] url must be a string")
        verify = _table(data, "verify", config, None)
        chosen = tuple(sorted((k, v) for k, v in verify.items() if k not in ("timeout", "workers")))
        wrong = sorted(domain for domain, name in chosen if not isinstance(name, str) or not name)
        if wrong:  # (most likely a misspelt setting, e.g. `timout = 3`)
            raise ConfigError(
                f"{config}: [verify] unknown key(s) {wrong}; known: ['timeout', 'workers'], or a "
                'domain naming its verifier, e.g. math = "math-steps@27"'
            )
        timeout = verify.get("timeout", 2.0)
        workers = verify.get("workers", 0)
        if not isinstance(timeout, int | float) or isinstance(timeout, bool) or not 0 < timeout <= 600:
            raise ConfigError(
                f"{config}: [verify] timeout must be a number of seconds in (0, 600], not {timeout!r}"
            )
        if not isinstance(workers, int) or isinstance(workers, bool) or workers < 0:
            raise ConfigError(f"{config}: [verify] workers must be a whole number ≥ 0, not {workers!r}")
        share = _table(data, "export", config, {"min_human_share"}).get("min_human_share", 0.0)
        if not isinstance(share, int | float) or isinstance(share, bool) or not 0 <= share <= 1:
            raise ConfigError(f"{config}: [export] min_human_share must be a number in [0, 1], not {share!r}")
        return cls(
            root,
            _resolve_url(root, url),
            VerifySettings(float(timeout), workers, chosen),
            _sandbox(data, config),
            float(share),
        )


@contextmanager
def run_lock(root: Path) -> Iterator[None]:
    """Hold the workspace at root for one run (it need not exist yet); a second run fails at once
    with InUseError naming the pid of the first: two runs would both train the model and replace each
    other's files. The lock file sits beside the folder (`.<name>.assay-run.lock`), so taking it
    creates nothing inside a workspace that a config error may yet stop before it is made."""
    where = root.resolve()
    try:
        where.parent.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise StoreError(f"cannot make {where.parent}: {reason(exc)}") from exc
    lock = where.parent / f".{where.name}.assay-run.lock"
    if not os.access(where.parent, os.W_OK) and where.is_dir():
        # a workspace in a folder we may not write to (/data/ws, with /data root's): its own folder.
        # Every run of one user decides the same way, so two runs never take different locks.
        lock = where / ".assay-run.lock"
    with exclusive(lock, f"workspace {root}"):
        yield


def read_toml(path: Path) -> dict[str, Any]:
    """A TOML file's tables; ConfigError (one line) if it cannot be read, is not UTF-8, or is not TOML."""
    try:
        raw = path.read_bytes()
    except OSError as exc:
        raise ConfigError(f"cannot read {path}: {reason(exc)}") from exc
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise ConfigError(
            f"{path} is not UTF-8 text (byte 0x{raw[exc.start]:02x} at offset {exc.start}); "
            "it must be a TOML file"
        ) from exc
    try:
        return tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(f"{path}: {exc}") from exc


def _create(config: Path, text: str) -> None:
    """Write config unless it exists, never leaving a half-written one: a complete temporary file is
    linked into place, which fails if another `assay init` got there first (then its config stands)."""
    temp = config.with_name(f".{config.name}.{secrets.token_hex(8)}.partial")
    try:
        with temp.open("x", encoding="utf-8") as out:
            out.write(text)
            out.flush()
            os.fsync(out.fileno())
        # FileExistsError: another init made it first, from the same template; `init` checks the URL
        with suppress(FileExistsError):
            os.link(temp, config)
    finally:
        temp.unlink(missing_ok=True)


def check_output(
    destination: Path,
    inputs: Iterable[tuple[Path, str]] = (),
    home: Path | None = None,
    force: bool = False,
) -> None:
    """OutputError if destination is a file that must not be replaced: one of inputs ((path, what it
    is) pairs: the files the command reads, the database it uses), a workspace's
    assay.toml, a SQLite database, or a file inside the artifacts/ of a workspace other than home (the
    workspace the command works in). force skips the check (the user asked for it by name)."""
    if force:
        return
    target = destination.resolve()  # follows symlinks: a link to an input is that input
    hint = "choose another --out, or pass --force to replace it anyway"
    for path, what in inputs:
        if _same_file(target, path):
            raise OutputError(f"{destination} is {what} ({path}); {hint}")
    if target.name == CONFIG_NAME:
        raise OutputError(f"{destination} is a workspace's {CONFIG_NAME}; {hint}")
    if _is_sqlite(target):
        raise OutputError(f"{destination} is a SQLite database (a workspace's?); {hint}")
    for folder in target.parents:
        if folder.name == "artifacts" and (folder.parent / CONFIG_NAME).is_file():
            owner = folder.parent
            if home is None or owner != home.resolve():
                raise OutputError(
                    f"{destination} is inside the artifacts/ of workspace {owner}, which this command "
                    f"does not write to; {hint}"
                )
            break


def _same_file(target: Path, path: Path) -> bool:
    if target == path.resolve():
        return True
    try:
        return os.path.samefile(target, path)  # hard links, bind mounts
    except OSError:
        return False  # one of them does not exist: they cannot be the same file


def _is_sqlite(path: Path) -> bool:
    try:
        with path.open("rb") as handle:
            return handle.read(16) == b"SQLite format 3\x00"
    except OSError:
        return False


def _sandbox(data: dict[str, Any], config: Path) -> SandboxConfig:
    table = _table(data, "sandbox", config, {"isolation", "timeout", "memory_mb"})
    isolation = table.get("isolation", "bubblewrap")
    if isolation not in ISOLATIONS:
        raise ConfigError(
            f"{config}: [sandbox] isolation must be one of {list(ISOLATIONS)}, not {isolation!r}"
        )
    timeout = table.get("timeout", 5.0)
    memory = table.get("memory_mb", 1024)
    if not isinstance(timeout, int | float) or isinstance(timeout, bool) or not 0 < timeout <= 600:
        raise ConfigError(f"{config}: [sandbox] timeout must be a number of seconds in (0, 600]")
    if not isinstance(memory, int) or isinstance(memory, bool) or memory < 64:
        raise ConfigError(f"{config}: [sandbox] memory_mb must be a whole number ≥ 64")
    try:
        return SandboxConfig(isolation=isolation, timeout=float(timeout), memory_mb=memory)
    except AssayError as exc:
        raise ConfigError(f"{config}: [sandbox] {exc}") from exc


def _table(data: dict[str, Any], key: str, config: Path, known: set[str] | None) -> dict[str, Any]:
    """The [key] table of assay.toml; ConfigError if it is not a table or has keys other than `known`
    (None: any keys, checked by the caller)."""
    value = data.get(key, {})
    if not isinstance(value, dict):
        raise ConfigError(f"{config}: [{key}] must be a table")
    if known is None:
        return value
    unknown = sorted(set(value) - known)
    if unknown:
        raise ConfigError(f"{config}: [{key}] unknown key(s) {unknown}; known: {sorted(known)}")
    return value


def _resolve_url(root: Path, url: str) -> str:
    """Relative SQLite paths are relative to the workspace folder."""
    prefix = "sqlite:///"
    if url.startswith(prefix) and not url.startswith(prefix + "/") and url != "sqlite:///:memory:":
        return prefix + str((root / url[len(prefix) :]).resolve())
    return url
