"""An answer laid out as a list names each entry once: a table with a person's row twice, "- Ava: knight"
given again two bullets later, "House 2: ..." written twice in one block is a malformed answer, even when
both copies agree. A grader comparing the list with the solution would not take it (it has more rows than
there are people or houses), and a reader that merged the copies would accept an answer in a shape no
one asked for; so such an answer is unknown.

Entries are what a line of a list leads with: a table row's first cell, or what stands before an entry
separator (`Ava: knight`, `House 2 — red`, `p = true`, `Ava (knight)`), for each comma-separated item of
a line. Which phrases name an entry is the kind's (`entry_key` in its answer module: a person, a house, an
atom). A list is a run of such lines: blank lines do not end it, any other line does (a heading, prose,
a table's header). Lines indented under an entry (a house's own bullets) form lists of their own, ended
by the next line less indented. Restating the answer in a second block, after a heading or a sentence,
is a restatement, not a repeated entry; conflicting copies are refused by the answer readers themselves.

It must never widen what counts as an answer: it only ever turns one into `unknown`.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence

from assay.domains.logic.read import clean_markup

# a phrase's entry key, or None; `cell`: the phrase is a table row's first cell
EntryKey = Callable[[str, bool], str | None]

_BULLET = re.compile(r"^(?:[-*+•·▪►▶➤]+\s+|\(?\d{1,3}[.)]\s+|\(?[a-h]\)\s+|>\s*)")
# what follows an entry's name: a colon, equals, a dash with spaces, an arrow or an opening bracket
_SEPARATOR = re.compile(r"\s*(?::|=|→|->|=>|—|–|\s-\s|\()")
_ITEM = re.compile(r"\s*[,;]\s*")


def _indent(line: str) -> int:
    return len(line) - len(line.lstrip(" \t"))


def _row_keys(line: str, key: EntryKey) -> list[str] | None:
    """The entries a line lists, or None when it is no list line (prose, a heading, a table's header)."""
    text = clean_markup(line).strip()
    if text.startswith("|"):
        cells = text.strip("|").split("|")
        found = key(cells[0].strip(" .*_"), True) if cells else None
        return None if found is None else [found]
    text = _BULLET.sub("", text, count=1)
    keys: list[str] = []
    for item in _ITEM.split(text):
        separator = _SEPARATOR.search(item)
        if separator is None or not item[separator.end() :].strip(" .)*_"):
            continue  # "House 1:" with nothing after it heads a block; it is no entry
        found = key(item[: separator.start()].strip(" .*_"), False)
        if found is not None:
            keys.append(found)
    return keys or None


def repeated_entry(lines: Sequence[str], key: EntryKey) -> str | None:
    """Why the answer is malformed, naming the first entry a list gives twice, or None."""
    seen: dict[str, int] = {}  # entry key to the indentation of the list it was seen in
    for line in lines:
        if not line.strip():
            continue
        keys = _row_keys(line, key)
        if keys is None:
            seen.clear()
            continue
        depth = _indent(line)
        seen = {k: d for k, d in seen.items() if d <= depth}  # a shallower line ends the lists under it
        for found in keys:
            if seen.get(found) == depth:
                return f"the answer lists {found} twice: {line.strip()[:80]}"
            seen[found] = depth
    return None


def name_key(names: Sequence[str]) -> EntryKey:
    """The entry key of a kind whose entries are names said as they are (people, atoms), in any case."""
    canonical = {name.lower(): name for name in names}

    def key(phrase: str, cell: bool) -> str | None:
        return canonical.get(re.sub(r"\s+", " ", phrase).lower())

    return key
