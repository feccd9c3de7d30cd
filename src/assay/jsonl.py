"""JSONL: reading files (plain or .gz) one object per line, keeping line numbers for error messages, and
writing one object as one line for every reader."""

from __future__ import annotations

import gzip
import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from assay.errors import InputError


def read_rows(path: Path) -> Iterator[tuple[int, dict[str, Any] | str]]:
    """(line number, row) for each non-blank line; the row is a reason string if the line is broken.
    InputError if the file itself cannot be read."""
    opener = gzip.open if path.suffix == ".gz" else open
    try:
        with opener(path, "rt", encoding="utf-8", errors="replace") as handle:
            for number, line in enumerate(handle, 1):
                if not line.strip():
                    continue
                try:
                    row = json.loads(line)
                except json.JSONDecodeError as exc:
                    yield number, f"not valid JSON: {exc.msg} at column {exc.colno}"
                    continue
                yield number, row if isinstance(row, dict) else f"a JSON {type(row).__name__}, not an object"
    except (OSError, EOFError) as exc:
        raise InputError(f"cannot read {path}: {exc}") from exc


# U+0085, U+2028 and U+2029 end a line for str.splitlines (and for some JSONL readers) but not for JSON;
# written as escapes, a row stays one line for every reader and decodes to the same value
_LINE_BREAKS = str.maketrans({"\x85": "\\u0085", "\u2028": "\\u2028", "\u2029": "\\u2029"})


def json_line(value: Any) -> str:
    """value as one JSONL line, newline included: UTF-8 as written, with line-break characters escaped."""
    return json.dumps(value, ensure_ascii=False).translate(_LINE_BREAKS) + "\n"
