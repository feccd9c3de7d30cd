"""Reading a zebra response's answer: "House 2: red, Brit, dog" lines, tables with a row per house or a
row per attribute, and the facts the answer section asserts, as one house per value (`parse_answer`).

Values are found with the step reader's words (`zebra_read.py`); the puzzle is in `zebra.py`.
"""

from __future__ import annotations

import json
import re
from collections.abc import Mapping
from typing import Any

from assay.domains.logic import read
from assay.domains.logic.zebra import Value, validate
from assay.domains.logic.zebra_read import (
    HOUSE_LINE,
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


def _table(n: int, names: dict[str, Value], rows: list[list[str]]) -> list[tuple[Value, int]] | str:
    if len(rows) < 2:
        return []
    header, body = [c.lower() for c in rows[0]], rows[1:]
    out: list[tuple[Value, int]] = []
    if any(re.fullmatch(r"house\s*(?:#|no\.?)?", c) for c in header):
        column = next(i for i, c in enumerate(header) if re.fullmatch(r"house\s*(?:#|no\.?)?", c))
        for row in body:
            house = house_number(n, re.sub(r"(?i)house\s*", "", row[column]) if column < len(row) else "")
            if house is None:
                return f"a table row without a house number: {' | '.join(row)[:80]}"
            for i, cell in enumerate(row):
                if i != column and cell:
                    got = _cell_value(names, cell)
                    if isinstance(got, str):
                        return got
                    out.append((got, house))
        return out
    houses = [house_number(n, re.sub(r"(?i)house\s*", "", c)) for c in header[1:]]
    if houses and all(h is not None for h in houses):
        for row in body:
            for cell, house in zip(row[1:], houses, strict=False):
                if cell:
                    got = _cell_value(names, cell)
                    if isinstance(got, str):
                        return got
                    out.append((got, house))  # type: ignore[arg-type]
        return out
    return []


def _cell_value(names: dict[str, Value], cell: str) -> Value | str:
    key = norm(cell.strip(" .*"))
    if key in names:
        return names[key]
    return f"a table cell that is not one value: {cell[:40]}"


_NEGATION = re.compile(r"\b(?:not|no|never|isn'?t|doesn'?t|neither|nor|except|without)\b|≠|¬", re.I)


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
        pairs += [(values[int(m.group(1))], house) for m in TOKEN.finditer(tokens)]
    for formula in facts:
        if formula[0] == "var":
            pairs.append((formula[1], formula[2]))
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
