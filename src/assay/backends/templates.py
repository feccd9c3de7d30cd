"""Versioned prompt templates: files named `<name>-v<N>.txt` in assay/templates, or any path.

The template's id (`name-vN`, or the file's name and a hash of its text) goes into every candidate's
provenance, so a change of wording is a change of version, never a silent edit.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from importlib import resources
from pathlib import Path

from assay.errors import ConfigError


@dataclass(frozen=True)
class Template:
    id: str
    text: str

    def render(self, prompt: str) -> str:
        return self.text.replace("{prompt}", prompt)


def load_template(name: str) -> Template:
    """A built-in template by name (`tiny-v1`, `chat-math-v1`) or a file path."""
    builtin = resources.files("assay") / "templates" / f"{name}.txt"
    if builtin.is_file():
        text = builtin.read_text(encoding="utf-8")
        return Template(name, text.rstrip("\n") + "\n" if name.startswith("tiny") else text.strip())
    path = Path(name)
    if path.is_file():
        text = path.read_text(encoding="utf-8")
        if "{prompt}" not in text:
            raise ConfigError(f"template {path} has no {{prompt}} placeholder")
        digest = hashlib.sha256(text.encode()).hexdigest()[:8]
        return Template(f"{path.stem}@{digest}", text)
    known = sorted(
        p.name[:-4] for p in (resources.files("assay") / "templates").iterdir() if p.name.endswith(".txt")
    )
    raise ConfigError(f"no template {name!r}: not built in ({', '.join(known)}) and not a file")
