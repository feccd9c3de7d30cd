"""A workspace: a folder with `assay.toml`, a database and `artifacts/`.

my-run/
  assay.toml      settings (database URL, verification limits)
  assay.db        the SQLite database (unless assay.toml names a PostgreSQL URL)
  artifacts/      exports, reports, models
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from assay.domains.code.sandbox import ISOLATIONS, SandboxConfig
from assay.errors import AssayError, ConfigError, StoreError
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

[sandbox]
# where candidate code runs (domain "code"); see README: the code sandbox
isolation = "bubblewrap"   # or "weak": no namespaces, named in every verdict
timeout = 5.0              # wall-clock seconds per program and its tests
memory_mb = 1024           # address space per task process

[export]
min_human_share = 0.0      # `assay export` refuses less human data than this (--allow-low-human-share)
"""


@dataclass(frozen=True)
class VerifySettings:
    timeout: float = 2.0
    workers: int = 0


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
        return Store(self.database_url)

    @classmethod
    def init(cls, root: Path | str, database_url: str | None = None) -> Workspace:
        """Create a workspace (or leave an existing one as it is) and its database schema."""
        root = Path(root)
        config = root / CONFIG_NAME
        if not config.exists():
            root.mkdir(parents=True, exist_ok=True)
            url = database_url or "sqlite:///assay.db"
            config.write_text(_TEMPLATE.format(url=url), encoding="utf-8")
        elif database_url is not None:
            current = cls.open(root)
            if current.database_url != _resolve_url(root, database_url):
                raise ConfigError(f"{config} already names database {current.database_url!r}")
        (root / "artifacts").mkdir(exist_ok=True)
        workspace = cls.open(root)
        workspace.store().close()  # creates and migrates the schema
        return workspace

    @classmethod
    def open(cls, root: Path | str) -> Workspace:
        root = Path(root)
        config = root / CONFIG_NAME
        if not config.exists():
            raise StoreError(f"{root} is not an assay workspace (no {CONFIG_NAME}); run: assay init {root}")
        try:
            data = tomllib.loads(config.read_text(encoding="utf-8"))
        except tomllib.TOMLDecodeError as exc:
            raise ConfigError(f"{config}: {exc}") from exc
        store = _table(data, "store", config, {"url"})
        url = store.get("url", "sqlite:///assay.db")
        if not isinstance(url, str):
            raise ConfigError(f"{config}: [store] url must be a string")
        verify = _table(data, "verify", config, {"timeout", "workers"})
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
            VerifySettings(float(timeout), workers),
            _sandbox(data, config),
            float(share),
        )


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


def _table(data: dict[str, Any], key: str, config: Path, known: set[str]) -> dict[str, Any]:
    """The [key] table of assay.toml; ConfigError if it is not a table or has keys other than `known`."""
    value = data.get(key, {})
    if not isinstance(value, dict):
        raise ConfigError(f"{config}: [{key}] must be a table")
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
