"""Knights-and-knaves answers laid out as a yes/no table, rewritten as one plain claim per person.

    | Person | Knight? |            Lena is not a knight.
    |---|---|                 →     Sam is a knight.
    | Lena | No |
    | Sam | Yes |

A column headed by a role word (`Knight?`, `Is a knave?`, `Knight (Y/N)`, `Truth-teller`) holds, per
person, whether that person has the role. The `?` of such a header names the column; it hedges nothing,
and once the table is rewritten it is gone. Several role columns (`| Name | Knight | Knave |` with check
marks) give one claim per column, so a row that marks both roles gives a person two roles, which the
answer reader refuses.

A table turned on its side, the people as columns, is read the same way:

    | Person | Lena | Sam |            Lena is a knave.
    |---|---|---|               →     Sam is a knight.
    | Role | Knave | Knight |

its header a name heading (or none) then only people of the puzzle, each once; each row below it either a
role heading (`Role`, `Type`) with a role word under every person, or a role column's heading (`Knight?`)
with a yes or a no under every person.

Only a table read whole is rewritten: a header with exactly one column of names and every other column a
role, a rule line under it, and rows whose name is a person of the puzzle and whose every other cell is
a yes or a no. Anything else (a header with other words, a cell `maybe`, a name that is not a person) is
left as it was, for the readers and guards that already refuse it.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any

from assay.domains.logic import knights_read, read

_NAME_HEADERS = frozenset(
    {"person", "people", "name", "names", "inhabitant", "islander", "who", "character", ""}
)
_YES = frozenset({"yes", "y", "true", "t", "✓", "✔", "✅", "☑"})
_NO = frozenset({"no", "n", "false", "f", "✗", "✘", "❌"})  # a dash may mean "not known": not read
_RULE = re.compile(r"^\s*\|?(?:\s*:?-{3,}:?\s*\|)+\s*:?-*:?\s*$")
_ROLE_HEADER = re.compile(
    r"^(?:is\s+(?:(?:he|she|they|it)\s+)?(?:an?\s+)?)?(?P<role>[a-z-]+)\s*\??\s*(?:\(\s*(?:y\s*/\s*n|yes\s*/\s*no|t\s*/\s*f)\s*\))?\s*\??$",
    re.I,
)


def _cells(line: str) -> list[str] | None:
    text = read.clean_markup(line).strip()
    if not (text.startswith("|") and text.endswith("|")) or text.count("|") < 3:
        return None
    return [c.strip() for c in text[1:-1].split("|")]


def rewrite(reference: Mapping[str, Any], lines: list[str]) -> list[str]:
    """The lines with every yes/no role table rewritten as claims (see the module)."""
    words: Mapping[str, str] = {}  # made at the first table: most responses have none
    out = list(lines)
    i = 0
    while i + 1 < len(lines):
        header = _cells(lines[i])
        if header is not None and not words:
            words = knights_read.role_words(reference)
        ruled = header is not None and _RULE.match(lines[i + 1]) is not None
        if ruled and header is not None:
            turned = _turned(header, lines, i + 2, words, _people(reference))
            if turned is not None:
                claims, j = turned  # on one line, so that every line keeps its number
                out[i : j - 1] = [""] * (j - 1 - i)
                out[j - 1] = " ".join(claims)
                i = j
                continue
        columns = _columns(header, words) if header is not None and ruled else None
        if columns is None:
            i += 1
            continue
        name_col, role_cols = columns
        rows: list[str] = []
        j = i + 2
        while j < len(lines):
            cells = _cells(lines[j])
            if cells is None or len(cells) != len(header or ()):
                break
            claim = _row(cells, name_col, role_cols, _people(reference))
            if claim is None:
                rows = []
                break
            rows.append(claim)
            j += 1
        if rows and (j == len(lines) or _cells(lines[j]) is None):
            out[i] = out[i + 1] = ""
            out[i + 2 : j] = rows
        i = j
    return out


_ROLE_ROW_HEADERS = frozenset({"role", "roles", "type", "identity", "status", "answer", "is", "verdict"})


def _turned(
    header: list[str], lines: list[str], start: int, words: Mapping[str, str], canonical: Mapping[str, str]
) -> tuple[list[str], int] | None:
    """(one claim per person, the line after the table) for a table with the people as columns (see
    the module), or None when the table is not one, or not read whole."""
    if header[0].lower().strip(" *_") not in _NAME_HEADERS or len(header) < 2:
        return None
    people = [canonical.get(cell.strip(" *_").lower()) for cell in header[1:]]
    if any(person is None for person in people) or len(set(people)) != len(people):
        return None
    claims: list[list[str]] = [[] for _ in people]
    j = start
    while j < len(lines):
        cells = _cells(lines[j])
        if cells is None:
            break
        if len(cells) != len(header):
            return None
        label = cells[0].strip(" *_:")
        heading = _ROLE_HEADER.match(label)
        for k, cell in enumerate(cells[1:]):
            value = cell.strip(" *_.").lower()
            if label.lower() in _ROLE_ROW_HEADERS and value in words:
                claims[k].append(f"{people[k]} is a {words[value]}")
            elif heading is not None and heading.group("role").lower() in words and value in _YES | _NO:
                negation = "" if value in _YES else "not "
                claims[k].append(f"{people[k]} is {negation}a {words[heading.group('role').lower()]}")
            else:
                return None
        j += 1
    if j == start:
        return None
    return [", ".join(said) + "." for said in claims], j


def _people(reference: Mapping[str, Any]) -> dict[str, str]:
    return {str(p).lower(): str(p) for p in reference.get("people") or ()}


def _columns(header: list[str], words: Mapping[str, str]) -> tuple[int, list[tuple[int, str]]] | None:
    """(the column of names, [(column, role)]) when every header cell is one or the other."""
    names = [k for k, cell in enumerate(header) if cell.lower().strip(" *_") in _NAME_HEADERS]
    roles: list[tuple[int, str]] = []
    for k, cell in enumerate(header):
        if k in names:
            continue
        m = _ROLE_HEADER.match(cell.strip(" *_"))
        if m is None or m.group("role").lower() not in words:
            return None
        roles.append((k, words[m.group("role").lower()]))
    if len(names) != 1 or not roles:
        return None
    return names[0], roles


def _row(
    cells: list[str], name_col: int, role_cols: list[tuple[int, str]], canonical: Mapping[str, str]
) -> str | None:
    person = canonical.get(cells[name_col].strip(" *_").lower())
    if person is None:
        return None
    claims: list[str] = []
    for k, role in role_cols:
        value = cells[k].strip(" *_.").lower()
        if value in _YES:
            claims.append(f"{person} is a {role}")
        elif value in _NO:
            claims.append(f"{person} is not a {role}")
        else:
            return None
    return ", ".join(claims) + "."


__all__ = ["rewrite"]
