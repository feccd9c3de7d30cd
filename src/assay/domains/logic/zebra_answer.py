"""Reading a zebra response's answer: "House 2: red, Brit, dog" lines, tables with a row per house or a
row per attribute, and the facts the answer section asserts, as one house per value (`parse_answer`).

Values are found with the step reader's words (`zebra_read.py`); the puzzle is in `zebra.py`.
"""

from __future__ import annotations

import json
import re
from collections.abc import Mapping
from typing import Any

from assay.domains.logic import answer_entries, read
from assay.domains.logic.guard import attribute_words
from assay.domains.logic.zebra import Value, validate
from assay.domains.logic.zebra_read import (
    HOUSE_LINE,
    MISLABELLED,
    TOKEN,
    house_number,
    house_segments,
    norm,
    tokenise,
    vocabulary,
)


def _cells(line: str) -> list[str]:
    return [c.strip() for c in read.clean_markup(line).strip().strip("|").split("|")]


def _tables(n: int, names: dict[str, Value], text: str) -> list[tuple[Value, int]] | str:
    found: list[tuple[Value, int]] = []
    rows: list[list[str]] = []
    for line in [*text.splitlines(), ""]:
        stripped = line.strip()
        if stripped.startswith("|") or (stripped.count("|") >= 2 and not stripped.startswith("+")):
            rows.append(_cells(line))
            continue
        if stripped and set(stripped) <= set("+-=|: "):
            continue  # a grid or markdown separator line
        if rows:
            got = _table(n, names, [r for r in rows if any(c.strip("-:= ") for c in r)])
            if isinstance(got, str):
                return got
            found += got
            rows = []
    return found


_LABELLED_HOUSE = re.compile(r"house\s*#?\s*\d{1,2}", re.I)


def _table(n: int, names: dict[str, Value], rows: list[list[str]]) -> list[tuple[Value, int]] | str:
    if len(rows) < 2:
        return []
    header, body = [c.lower() for c in rows[0]], rows[1:]
    for row in body:
        cells = [key for key in (norm(c.strip(" .*")) for c in row[1:]) if key in names]
        if len(set(cells)) != len(cells):  # "| 1 | red | red |": a malformed row, not red said again
            return f"a table row that names a value twice: {' | '.join(row)[:80]}"
    out: list[tuple[Value, int]] = []
    # "| House | 1 | 2 | 3 |" heads a row per attribute (read below), not a column of house numbers
    by_attribute = len(header) > 1 and all(
        house_number(n, re.sub(r"(?i)house\s*", "", c)) for c in header[1:]
    )
    # "| | Pet | Drink |" over "| House 1 | dog | tea |": a blank corner, each row led by its house
    labelled = header[0] in ("", "#") and all(
        row and _LABELLED_HOUSE.fullmatch(row[0].strip(" *")) for row in body
    )
    if not by_attribute and (labelled or any(re.fullmatch(r"house\s*(?:#|no\.?)?", c) for c in header)):
        column = (
            0
            if labelled
            else next(i for i, c in enumerate(header) if re.fullmatch(r"house\s*(?:#|no\.?)?", c))
        )
        for row in body:
            house = house_number(n, re.sub(r"(?i)house\s*", "", row[column]) if column < len(row) else "")
            if house is None:
                return f"a table row without a house number: {' | '.join(row)[:80]}"
            for i, cell in enumerate(row):
                if i != column and cell:
                    got = _cell_value(names, cell)
                    if isinstance(got, str):
                        return got
                    heading = _heading_attribute(header[i] if i < len(header) else "", names)
                    if heading is not None and heading != got[0]:
                        return f"a table cell under {header[i]!r} that is a {got[0]}: {cell[:40]}"
                    out.append((got, house))
        return out
    houses = [house_number(n, re.sub(r"(?i)house\s*", "", c)) for c in header[1:]]
    if houses and all(h is not None for h in houses):
        for row in body:
            heading = _heading_attribute(row[0] if row else "", names)
            for cell, house in zip(row[1:], houses, strict=False):
                if cell:
                    got = _cell_value(names, cell)
                    if isinstance(got, str):
                        return got
                    if heading is not None and heading != got[0]:
                        return f"a table cell in the row {row[0]!r} that is a {got[0]}: {cell[:40]}"
                    out.append((got, house))  # type: ignore[arg-type]
        return out
    return []


def _heading_attribute(heading: str, names: dict[str, Value]) -> str | None:
    """The attribute a column's heading names ("Pet", "drinks"), or None for any other heading: a
    table whose headings name attributes its cells are not of ("| Drink |" over "dog") was written
    with its columns swapped, and which of the two it means is not certain."""
    word = norm(heading.strip(" .*:"))
    attributes = {attribute for attribute, _ in names.values()}
    for attribute in attributes:
        if word in (norm(name) for name in attribute_words(attribute)):
            return attribute
    return None


def _cell_value(names: dict[str, Value], cell: str) -> Value | str:
    key = norm(cell.strip(" .*"))
    if key in names:
        return names[key]
    return f"a table cell that is not one value: {cell[:40]}"


def _same_house(n: int, formula: Any) -> tuple[Value, Value] | None:
    """(a, b) when formula says a and b share a house, as the step reader spells "the Swede owns the
    dog": one disjunct per house, each "a in h and b in h"; None for anything else."""
    if formula[0] != "or" or len(formula) != n + 1:
        return None
    pair: tuple[Value, Value] | None = None
    for house, disjunct in enumerate(formula[1:], 1):
        if not (
            disjunct[0] == "and"
            and len(disjunct) == 3
            and all(part[0] == "var" and part[2] == house for part in disjunct[1:])
        ):
            return None
        here = (disjunct[1][1], disjunct[2][1])
        if pair is not None and here != pair:
            return None
        pair = here
    return pair


def _placed_together(n: int, pairs: list[tuple[Value, int]], facts: list[Any]) -> list[tuple[Value, int]]:
    """Houses the answer gives by company: "The Swede lives in house 1, owns the dog and drinks tea"
    places the dog and the tea in house 1 too. Each asserted "same house" fact carries a placed value's
    house to its partner, until nothing more is placed; the caller then holds every value to one house,
    so a partner placed twice is no answer, as if the writer had said both."""
    links = [pair for pair in (_same_house(n, f) for f in facts) if pair is not None]
    if not links:
        return []
    placed = dict(pairs)  # one house per value is enough to carry; two are refused by the caller anyway
    carried: list[tuple[Value, int]] = []
    changed = True
    while changed:
        changed = False
        for a, b in links:
            for known, partner in ((a, b), (b, a)):
                if known in placed and partner not in placed:
                    placed[partner] = placed[known]
                    carried.append((partner, placed[known]))
                    changed = True
    return carried


_NEGATION = re.compile(r"\b(?:not|no|never|isn'?t|doesn'?t|neither|nor|except|without)\b|≠|¬", re.I)


_HOUSE_KEY = re.compile(r"house\s*(?:#|no\.?|number)?\s*(\d{1,2})", re.I)
_ARTICLE = re.compile(r"^(?:the|a|an)\s+", re.I)


def entry_key(reference: Mapping[str, Any]) -> answer_entries.EntryKey:
    """An answer list's entries (`answer_entries.py`): its houses ("House 2: ...", a table's "| 2 |"),
    its values ("Swede: house 1") and, as a table's row heading, its attributes ("| Color | red | ...")."""
    n, attributes = validate(reference)
    names = vocabulary(json.dumps(reference["attributes"], sort_keys=True))[0]
    headings = {norm(word): a for a in attributes for word in attribute_words(a)}

    def key(phrase: str, cell: bool) -> str | None:
        house = _HOUSE_KEY.fullmatch(phrase.strip())
        number = house.group(1) if house is not None else phrase.strip() if cell else ""
        if number:
            found = house_number(n, number)
            if found is not None:
                return f"house {found}"
        value = names.get(norm(_ARTICLE.sub("", phrase.strip())))
        if value is not None:
            return str(value[1])
        heading = headings.get(norm(phrase)) if cell else None
        return None if heading is None else str(heading)

    return key


def parse_answer(reference: Mapping[str, Any], text: str, facts: list[Any]) -> dict[Value, int] | str:
    n, attributes = validate(reference)
    names = vocabulary(json.dumps(reference["attributes"], sort_keys=True))[0]
    text = text[-20_000:]
    pairs: list[tuple[Value, int]] = []
    tables = _tables(n, names, text)
    if isinstance(tables, str):
        return tables
    pairs += tables
    for line in (segment for whole in text.splitlines() for segment in house_segments(whole)):
        match = HOUSE_LINE.match(read.clean_markup(line))
        if not match or "|" in line:
            continue
        rest = re.sub(r"\([^()]*\)", " ", match.group(2))
        if _NEGATION.search(rest):
            return f"a house line with a negation cannot be read as an answer: {line.strip()[:80]}"
        house = int(match.group(1))
        tokens, values = tokenise(reference, rest)
        if MISLABELLED in tokens:
            return f"a house line with a value under another attribute's name: {line.strip()[:80]}"
        named = [values[int(m.group(1))] for m in TOKEN.finditer(tokens)]
        if len(set(named)) != len(named):
            return f"a house line that names a value twice: {line.strip()[:80]}"
        pairs += [(value, house) for value in named]
    for formula in facts:
        if formula[0] == "var":
            pairs.append((formula[1], formula[2]))
    pairs += _placed_together(n, pairs, facts)
    where: dict[Value, int] = {}
    held: dict[tuple[str, int], str] = {}
    for (attribute, name), house in pairs:
        if not 1 <= house <= n:
            return f"the answer names house {house}; there are {n}"
        if where.setdefault((attribute, name), house) != house:
            return f"the answer puts {name} in two houses"
        if held.setdefault((attribute, house), name) != name:
            return f"the answer gives house {house} two values of {attribute}"
    missing = [f"{a}={v}" for a, values in attributes.items() for v in values if (a, v) not in where]
    if missing:
        return f"no house given for {', '.join(missing[:5])}"
    return where
