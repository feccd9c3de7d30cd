"""A response given as several files (`utils.py` then `main.py`, each in its own block): the blocks are
joined into one program, so an import of one file from another (`from utils import plus`) would look
for a module that is not there. Pure text work.

Such an import is dropped when it is certain to name the response's own file: a block is named that
file (`utils.py` in the line that introduces it, or its first line a comment `# utils.py`), the import
is `from utils import a, b` without aliases, and every name it imports is bound by the joined code.
Any other import stays, and fails as it would.
"""

from __future__ import annotations

import re

from assay.domains.code.extract_final import bound_names

_NAMED_IN_LEAD = re.compile(r"(?<![\w./-])([A-Za-z_]\w{0,100})\.py\b")
_NAMED_IN_COMMENT = re.compile(r"^\s*#\s*(?:file(?:name)?\s*:\s*)?([A-Za-z_]\w{0,100})\.py\s*$", re.I)
_FROM_IMPORT = re.compile(r"^from\s+([A-Za-z_]\w*)\s+import\s+\(?\s*([\w\s,]+?)\s*,?\s*\)?\s*(?:#.*)?$")


def file_module(lead: str, body: tuple[str, ...]) -> str:
    """The module a block is named as ("" when none): `utils.py` alone in the line introducing it, or
    its first line a comment naming it."""
    first = next((line for line in body if line.strip()), "")
    comment = _NAMED_IN_COMMENT.match(first)
    if comment:
        return comment.group(1)
    named = _NAMED_IN_LEAD.findall(lead)
    return named[0] if len(set(named)) == 1 else ""


def without_own_imports(pieces: list[str], modules: list[str]) -> list[str]:
    """pieces with the imports of the response's own files taken out (see the module's rules); modules:
    the module each piece is named as ("" for none)."""
    named = {module for module in modules if module}
    if not named or len(pieces) < 2:
        return pieces
    bound: set[str] = set()
    for piece in pieces:
        bound |= bound_names(piece)
    result = []
    for piece, own in zip(pieces, modules, strict=True):
        kept = []
        for line in piece.splitlines():
            found = _FROM_IMPORT.match(line)
            if found and found.group(1) in named and found.group(1) != own:
                imported = [name.strip() for name in found.group(2).split(",") if name.strip()]
                if imported and all(
                    re.fullmatch(r"[A-Za-z_]\w*", name) and name in bound for name in imported
                ):
                    continue
            kept.append(line)
        result.append("\n".join(kept))
    return result
