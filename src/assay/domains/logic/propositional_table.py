"""A truth table as the method of a propositional response: "| p | q | r | all premises |" over rows of
values, each row a claim checked by evaluation (`table_claims`, called by `check.py` before the walk).

A row of a truth table does not assert its assignment (it is one line of an enumeration); it claims
that each evaluated column has the value written under it for the row's atoms: a premise ("premise 2",
"P2", "(2)", "2"), every premise at once ("all premises", "all hold", "all", "✓?"), or a formula over the
atoms in the header itself ("q → ¬r", read by the allow-list parser, never eval). A row whose every
evaluated cell is right is the claim `true`; one wrong cell, and it is `false` (refuted).

Whatever cannot be read with certainty makes its row unknown, never prose: a header cell that is not an
atom or one of those columns, an atom given twice, a cell that is not a truth value, a row of another
length, a column whose formula needs an atom the header does not give. A table of atoms only (the
answer laid out as a table, or an enumeration that claims nothing), and a row of atoms and values
("| p | True |"), start no truth table: they are left to the answer reader and the walk as before.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from typing import Any

from assay.domains.logic import read
from assay.domains.logic.csp import evaluate
from assay.domains.logic.propositional_parse import Parser, Unreadable

_TRUE = {"t", "true", "1", "✓", "✔", "✅", "yes", "y", "⊤"}
_FALSE = {"f", "false", "0", "✗", "✘", "❌", "no", "n", "⊥", "x"}
_ALL = re.compile(
    r"^(?:all(?:\s+(?:premises|clauses|constraints))?(?:\s+(?:hold|true|satisfied|ok))?\??|"
    r"(?:premises|clauses|constraints)\s+(?:all\s+)?(?:hold|true|satisfied)\??|all\s+satisfied\??|"
    r"satisf(?:ies|ied)\s+all\??|consistent\??)$",
    re.I,
)
_PREMISE = re.compile(r"^(?:(?:premise|clause|constraint|p)\s*#?\s*|\(|#)?(?P<n>\d{1,2})\)?$", re.I)
_RULE = re.compile(r"^[\s|:+=-]*$")

Column = tuple[str, Any]  # ("atom", name) or ("formula", formula)


def _cells(line: str) -> list[str]:
    return [cell.strip() for cell in read.clean_markup(line).strip().strip("|").split("|")]


def _column(header: str, reference: Mapping[str, Any]) -> Column | str:
    """What one header cell names, or why it cannot be read."""
    atoms: list[str] = reference["atoms"]
    premises: list[Any] = reference["premises"]
    text = header.strip()
    if text in atoms:
        return ("atom", text)
    if _ALL.match(text):
        return ("formula", ["and", *premises])
    premise = _PREMISE.match(text)
    if premise is not None:
        number = int(premise.group("n"))
        if not 1 <= number <= len(premises):
            return f"a column for a premise that does not exist: {text[:40]}"
        return ("formula", premises[number - 1])
    try:
        parser = Parser(set(atoms), text)
        formula = parser.top() if parser.tokens else None
        if formula is None or parser.i != len(parser.tokens):
            raise Unreadable
    except Unreadable:
        return f"a truth-table column that cannot be read: {text[:40]}"
    return ("formula", formula)


def _value(cell: str) -> bool | None:
    word = cell.strip().strip("*").lower()
    return True if word in _TRUE else False if word in _FALSE else None


def _atoms_of(formula: Any) -> set[str]:
    if formula[0] == "var":
        return {formula[1]}
    return {atom for part in formula[1:] if isinstance(part, list) for atom in _atoms_of(part)}


def _row(columns: list[Column], cells: list[str], line: str) -> list[Any] | str:
    """The row's claim: `true` when every evaluated cell is right under the row's atoms, else `false`."""
    if len(cells) != len(columns):
        return f"a truth-table row with {len(cells)} cells under {len(columns)} columns: {line[:60]}"
    values = [_value(cell) for cell in cells]
    if None in values:
        return f"a truth-table row with a cell that is no truth value: {line[:60]}"
    assignment = {
        name: "true" if value else "false"
        for (kind, name), value in zip(columns, values, strict=True)
        if kind == "atom"
    }
    right = True
    for (kind, formula), value in zip(columns, values, strict=True):
        if kind == "atom":
            continue
        if not _atoms_of(formula) <= set(assignment):
            return f"a truth-table column that needs an atom the table does not give: {line[:60]}"
        right = right and evaluate(formula, assignment) == value
    return [["true"] if right else ["false"]]


def table_claims(
    reference: Mapping[str, Any], lines: Sequence[str]
) -> tuple[set[int], list[tuple[int, Any]]]:
    """The lines of truth tables (header, rule and rows: the walk reads none of them), and each row's
    claim or the reason it is unknown, by line. A header that names no atom, or atoms only, starts no
    truth table."""
    covered: set[int] = set()
    claims: list[tuple[int, Any]] = []
    i = 0
    while i < len(lines):
        text = read.clean_markup(lines[i]).strip()
        if not (text.startswith("|") and text.endswith("|") and text.count("|") >= 3):
            i += 1
            continue
        headers = _cells(text)
        names = [h for h in headers if h in reference["atoms"]]
        if (
            not names
            or len(names) == len(headers)
            or any(_value(h) is not None and h not in names for h in headers)
        ):
            # "| p | True |" is a row of atoms and values, not a header
            i += 1
            continue
        columns = [_column(h, reference) for h in headers]
        unreadable = next((c for c in columns if isinstance(c, str)), None)
        if unreadable is None and len(set(names)) != len(names):
            unreadable = f"a truth table that gives an atom twice: {text[:60]}"
        covered.add(i)
        j = i + 1
        while j < len(lines) and read.clean_markup(lines[j]).strip().startswith("|"):
            row = read.clean_markup(lines[j]).strip()
            covered.add(j)
            if not _RULE.match(row):
                readable = [c for c in columns if not isinstance(c, str)]
                claims.append((j, unreadable or _row(readable, _cells(row), row)))
            j += 1
        if j == i + 1:
            claims.append((i, f"a truth-table header with no rows: {text[:60]}"))
        i = j
    return covered, claims
