"""A run's identity: everything in a pipeline config that decides what the run makes, kept in its workspace.

A workspace holds one run: its seed data, its model `artifacts/models/v1.pt` and its samples. The first
`assay run` records the identity of its config in `artifacts/run.json` (seed, seed data, training and
model settings, generator, task, template ids, sampling settings, problem and sample counts, the scorer
and its resolved id: every config field not marked identity=False). A later run with the same identity
is a resume. A run whose identity differs would otherwise reuse samples and a model made under other
settings, so it stops before writing anything, with the settings that changed. A workspace that holds a
model or samples but no record (made by an older assay, or by another command) is refused the same way:
what made it cannot be known.
"""

from __future__ import annotations

import json
import os
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from assay.errors import ConfigError, StoreError
from assay.records import content_id

RECORD = "run.json"
FORMAT = "assay-run/1"


@dataclass(frozen=True)
class RunIdentity:
    """The settings that decide what a run makes, as {"section.key": value}."""

    settings: Mapping[str, Any]

    @property
    def id(self) -> str:
        return content_id("run", dict(self.settings))


def record_path(root: Path) -> Path:
    return root / "artifacts" / RECORD


def check_workspace(root: Path, identity: RunIdentity, holds_work: Callable[[], bool]) -> None:
    """ConfigError unless root is new, empty of work, or holds this very run (then this is a resume).

    holds_work is asked only when there is no record: whether the workspace already has a model or
    generated samples."""
    path = record_path(root)
    if path.exists():
        recorded = read_record(path)
        identity = RunIdentity(_current_keys(identity.settings))  # (read as a record is: see below)
        if recorded.id == identity.id:
            return
        changes = describe_changes(recorded.settings, identity.settings)
        raise ConfigError(
            f"workspace {root} holds run {recorded.id}, made with other settings: {changes}. Its model "
            "and samples were made under the old settings, so this run cannot reuse them: set [run] "
            f"workspace to a new folder (or delete {root}) to run with the new settings, or restore the "
            "old ones to resume that run"
        )
    if holds_work():
        raise ConfigError(
            f"workspace {root} already holds a model or generated samples, but no record of the settings "
            f"that made them ({path} is missing: an older assay or another command made them), so this "
            "run cannot tell whether they are its own: set [run] workspace to a new folder, or delete "
            f"{root}"
        )


def describe_changes(old: Mapping[str, Any], new: Mapping[str, Any]) -> str:
    """'[generate] temperature 1.0 → 0.3; [run] seed 1 → 2' (a key one side lacks shows as 'unset')."""
    parts = []
    for key in sorted(set(old) | set(new)):
        before, after = old.get(key, _UNSET), new.get(key, _UNSET)
        if before != after:
            section, _, name = key.rpartition(".")  # 'train.optim.lr' → [train.optim] lr
            parts.append(f"[{section}] {name} {_show(before)} → {_show(after)}")
    return "; ".join(parts) or "(none: the record was written by another version of assay)"


_UNSET = object()


def _show(value: object) -> str:
    return "unset" if value is _UNSET else json.dumps(value, ensure_ascii=False, sort_keys=True)


def read_record(path: Path) -> RunIdentity:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise StoreError(f"{path} (the record of the run this workspace holds) is unreadable: {exc}") from exc
    if (
        not isinstance(data, dict)
        or data.get("format") != FORMAT
        or not isinstance(data.get("settings"), dict)
    ):
        raise StoreError(f"{path} is not an assay run record ({FORMAT})")
    return RunIdentity(_current_keys(data["settings"]))


# Records written before [train] was split into [train.model] and [train.optim] (assay.training) name the
# same settings flat. They are mapped, not refused: the settings mean what they meant, so such a
# workspace resumes when the config's values are the same, and otherwise says which values changed
# under today's names. weight_decay and grad_clip were not settings then; every run used these values.
_MOVED = {
    **{f"train.{k}": f"train.model.{k}" for k in ("n_layer", "n_head", "n_embd", "block_size")},
    **{f"train.{k}": f"train.optim.{k}" for k in ("steps", "batch_size", "lr", "min_lr", "warmup")},
}
_IMPLIED = {"train.optim.weight_decay": 0.1, "train.optim.grad_clip": 1.0}


# Records written before the score stage had no [score] settings; those runs are read as runs of the
# default scorer, which needs no model and adds to what they made without changing any of it, so such a
# workspace resumes (and is scored) when the config keeps the default. The default's id is implied the
# same way where only its spec is named; any other scorer's id is never guessed (a missing one differs).
_DEFAULT_SCORER = ("verifier", "verifier@1")


def _current_keys(settings: Mapping[str, Any]) -> dict[str, Any]:
    scored = dict(settings)
    if scored.setdefault("score.scorer", _DEFAULT_SCORER[0]) == _DEFAULT_SCORER[0]:
        scored.setdefault("score.scorer_id", _DEFAULT_SCORER[1])
    if not any(key in _MOVED for key in scored):
        return dict(scored)
    mapped = {_MOVED.get(key, key): value for key, value in scored.items()}
    return {**_IMPLIED, **mapped}


def write_record(root: Path, identity: RunIdentity) -> None:
    """Write the record once (atomically: a crash never leaves half of it); a resume leaves it alone."""
    path = record_path(root)
    if path.exists():
        return
    path.parent.mkdir(parents=True, exist_ok=True)
    partial = path.with_name(path.name + ".partial")
    body = {"format": FORMAT, "id": identity.id, "settings": dict(identity.settings)}
    partial.write_text(
        json.dumps(body, indent=2, sort_keys=True, ensure_ascii=False) + "\n", encoding="utf-8"
    )
    os.replace(partial, path)
