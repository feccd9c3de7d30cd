"""The tiny model's checkpoint format (`assay-tiny-gpt/1`): one file holds everything needed to sample
(model config, vocabulary, weights) and to resume training (optimizer state, step, both RNG states, the
train config it was made with).

A checkpoint is written through `assay.outputs` (a temporary file renamed into place), so a crash or a
full disk never leaves a half-written one, and a damaged one is refused in one line. It is read with
`weights_only=True`: a checkpoint is data, never code.
"""

from __future__ import annotations

import errno
import io
from pathlib import Path
from typing import Any

import torch

from assay.errors import AssayError
from assay.model.gpt import GPT, GPTConfig
from assay.model.tokenizer import CharTokenizer
from assay.outputs import reason, writing

FORMAT = "assay-tiny-gpt/1"


def save_state(path: Path, state: dict[str, Any]) -> None:
    """Write a checkpoint's state (a dict of tensors and plain values) atomically."""
    path.parent.mkdir(parents=True, exist_ok=True)
    # Serialised in memory first (a checkpoint of the tiny model is a few MB): torch's own file
    # writer turns a full disk into a RuntimeError with a C++ trace, while Python's write raises
    # an OSError that `writing` turns into one line. The old checkpoint stays until the new one is
    # complete on disk.
    buffer = io.BytesIO()
    torch.save({"format": FORMAT, **state}, buffer)
    with writing(path, f"checkpoint {path}") as staging:
        staging.temp().write_bytes(buffer.getbuffer())


def load_state(path: Path) -> dict[str, Any]:
    if not path.exists():
        raise AssayError(f"no checkpoint at {path}")
    try:
        state: Any = torch.load(path, map_location="cpu", weights_only=True)
    except OSError as exc:
        if exc.errno in _UNREADABLE:
            raise AssayError(f"cannot read checkpoint {path}: {reason(exc)}") from exc
        raise _damaged(path, exc) from exc  # torch reports a truncated archive as EINVAL
    except Exception as exc:  # torch raises many types for a damaged file; each becomes one line
        raise _damaged(path, exc) from exc
    if not isinstance(state, dict) or state.get("format") != FORMAT:
        raise AssayError(f"{path} is not an assay tiny-model checkpoint")
    return state


# errors that say the file cannot be read at all, rather than that its bytes are wrong
_UNREADABLE = frozenset({errno.EACCES, errno.EPERM, errno.EISDIR, errno.ENOENT, errno.EIO})


def _damaged(path: Path, exc: BaseException) -> AssayError:
    return AssayError(
        f"{path} is not a readable checkpoint (damaged or truncated: {first_line(exc)}); "
        "delete it to train again"
    )


def first_line(exc: BaseException) -> str:
    """The gist of an error from torch: its first line, without the advice to file a torch issue."""
    lines = str(exc).strip().splitlines()
    text = lines[0] if lines else type(exc).__name__
    text = text.split("Please file an issue")[0].strip().rstrip(".,;:")
    return text[:200] or type(exc).__name__


def model_from_state(state: dict[str, Any]) -> tuple[GPT, CharTokenizer]:
    try:
        model = GPT(GPTConfig(**state["model_config"]))
        model.load_state_dict(state["model"])
        tokenizer = CharTokenizer.from_json(state["tokenizer"])
    except (KeyError, TypeError, ValueError, RuntimeError) as exc:  # a checkpoint of another shape
        raise AssayError(f"the checkpoint does not hold a model assay can load: {first_line(exc)}") from exc
    model.eval()
    return model, tokenizer


def load_model(path: Path) -> tuple[GPT, CharTokenizer]:
    """A trained model and its tokenizer, ready to sample."""
    return model_from_state(load_state(path))
