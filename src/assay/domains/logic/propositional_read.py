"""Reading a propositional response: one clause of a step as asserted formulas (`read_clause`, see
`read.py`) and the answer as a value per atom (`parse_answer`). The puzzle is in `propositional.py`, the
formula parser in `propositional_parse.py`, the worked steps in `propositional_steps.py`.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any

from assay.domains.logic import answer_entries, grammar, propositional_table, read
from assay.domains.logic import propositional_steps as steps
from assay.domains.logic.csp import evaluate
from assay.domains.logic.propositional import VALUES
from assay.domains.logic.propositional_parse import VALUE, Parser, Unreadable, mentions_atom


def _grouped(atoms: set[str], text: str) -> list[Any] | None:
    """'True: p, r' / 'p and r are true' / 'p, r = T': one value for a list of atoms. A value written as
    a letter that is also an atom of the puzzle ("s, u = t" with an atom t) is not read here."""
    if any(word in atoms for word in re.findall(r"(?<![\w-])(?:t|f|T|F)(?![\w-])", text)) and re.search(
        r"(?:^|[:=]|\b(?:is|are)\b)\s*(?:all\s+|both\s+)?(?:t|f|T|F)(?![\w-])", text
    ):
        return None
    names = r"([a-z]\w*(?:\s*(?:,|and|&)\s*[a-z]\w*)*)"
    values = r"(true|false|t|f|1|0)"
    nobody = re.match(
        rf"^{values}\s*(?:[:=]|atoms?\s*[:=]|are|is)\s*(?:none|nothing|no\s+atoms?|∅|\{{\s*\}}|-|—)$",
        text,
        re.I,
    )
    if nobody:
        # "False: none": no atom has that value, so every atom has the other one
        other = VALUES[1 - VALUES.index(VALUE[nobody.group(1).lower()])]
        return [["var", x, other] for x in sorted(atoms)]
    # "the true atoms are p, q, s; the rest are false": a set of atoms, and the others with the other value
    every = re.match(
        rf"^(?:(?:all|every|each)(?:\s+(?P<n>\d+|two|three|four|five|six|seven|eight))?(?:\s+of\s+(?:them|the))?"
        rf"(?:\s+(?:atoms?|variables?|propositions?|letters?))?|everything|everyone)\s+(?:is|are)\s+"
        rf"(?:all\s+)?{values}$",
        text,
        re.I,
    )
    if every and (every.group("n") is None or _number(every.group("n")) == len(atoms)):
        # "All four atoms are false": every atom (a count that is not all of them is not read)
        return [["var", x, VALUE[every.group(2).lower()]] for x in sorted(atoms)]
    if every:
        return []  # "All two atoms are true" of three atoms: read by nobody, so unknown (see read_clause)
    rest = re.match(
        rf"^(?:the\s+)?{values}\s+(?:atoms?|ones?|variables?|propositions?)\s*(?:is|are|[:=])\s*(?:(?:none|∅)(?=\s*[,;])|{names})?"
        r"\s*[,;]\s*(?:and\s+)?(?:the\s+rest|the\s+others|all\s+(?:the\s+)?others|the\s+remaining(?:\s+ones|"
        rf"\s+atoms)?|everything\s+else)\s+(?:is|are)\s+(?:all\s+)?{values}[\s.]*$",
        text,
        re.I,
    )
    if rest:
        listed = re.split(r"\s*(?:,|\band\b|&)\s*", rest.group(2)) if rest.group(2) else []
        value, other = VALUE[rest.group(1).lower()], VALUE[rest.group(3).lower()]
        if value == other or not all(x in atoms for x in listed):
            return None
        return [["var", x, value if x in listed else other] for x in sorted(atoms)]
    # "only p and s are true", "p and s are true; the rest are false": the listed atoms have the value,
    # every other atom the other one
    others = (
        r"(?:the\s+rest|the\s+others|all\s+(?:the\s+)?others|the\s+remaining(?:\s+ones|\s+atoms)?|"
        r"everything\s+else)"
    )
    exhaustive = re.match(rf"^only\s+{names}\s+(?:is|are)\s+{values}$", text, re.I) or re.match(
        rf"^{names}\s+(?:is|are)\s+(?:both\s+|all\s+)?{values}\s*(?:[,;]\s*(?:and\s+)?|\band\s+)"
        rf"{others}\s+(?:is|are)\s+(?:all\s+)?(?P<other>true|false|t|f|1|0)$",
        text,
        re.I,
    )
    if exhaustive:
        listed = re.split(r"\s*(?:,|\band\b|&)\s*", exhaustive.group(1))
        value = VALUE[exhaustive.group(2).lower()]
        other = VALUES[1 - VALUES.index(value)]
        said = exhaustive.groupdict().get("other")
        if (said is not None and VALUE[said.lower()] != other) or not all(x in atoms for x in listed):
            return None
        return [["var", x, value if x in listed else other] for x in sorted(atoms)]
    for pattern, (a, v) in (
        (rf"^{values}\s*(?:[:=]|atoms?\s*[:=]|are|is)\s*{names}$", (2, 1)),
        (rf"^{names}\s*(?:are|is|[:=])\s*(?:all\s+|both\s+)?{values}$", (1, 2)),
    ):
        m = re.match(pattern, text, re.I)
        if m:
            listed = re.split(r"\s*(?:,|\band\b|&)\s*", m.group(a))
            if (len(listed) > 1 or a == 2) and all(x in atoms for x in listed):
                return [["var", x, VALUE[m.group(v).lower()]] for x in listed]
    return None


_OPERATORS = re.compile(r"[¬~∧∨→↔⇒⇔]|->|<->")


def _number(word: str) -> int:
    words = {"two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8}
    return int(word) if word.isdigit() else words.get(word.lower(), -1)


_TRIED = re.compile(
    r"^(?:trying|testing|setting|taking|with|using|checking|plugging\s+in)\s+(?P<what>.+?)\s*,?\s+"
    r"(?:satisfies|satisfy|makes\s+true|works\s+for|is\s+consistent\s+with)\s+(?:every|all|each)(?:\s+of\s+the)?"
    r"\s+(?:premises?|constraints?|clauses?|formulas?)[\s.!✓✔✅]*$",
    re.I,
)


def _tried(reference: Mapping[str, Any], match: re.Match[str]) -> Any:
    """'Trying all false satisfies every premise': an assignment claimed to be a model. Only a complete
    one is read: in a puzzle with one solution (checked before any step) a complete model is the
    solution, so the claim is its literals; a complete assignment that breaks a premise is a false
    claim. A partial one ("p = false satisfies every premise") says something no formula here holds."""
    atoms = set(reference["atoms"])
    what = re.sub(
        r"^(?:everything|every\s+atom|all(?:\s+atoms)?)\s+(?:as\s+|=\s*)?",
        "all atoms are ",
        match.group("what"),
    )
    found = read_clause(reference, what)
    if not isinstance(found, list) or any(f[0] != "var" for f in found):
        return f"a tried assignment that cannot be read: {match.group(0)[:80]}"
    assignment = {f[1]: f[2] for f in found}
    if len(assignment) != len(found) or set(assignment) != atoms:
        return f"a partial assignment said to satisfy every premise: {match.group(0)[:80]}"
    if all(evaluate(p, assignment) for p in reference["premises"]):
        return found
    return [["false"]]


# "We need to find values for p, q, r, s": a goal, which names atoms and claims nothing (no value, no
# operator; "we need p = true" is a claim and is read as one, or unknown)
_GOAL = re.compile(
    r"^(?:we|i)\s+(?:(?:need|have|want)\s+to\s+)(?:find|determine|figure\s+out|work\s+out)\s+"
    r"(?:(?:the|a|all)\s+)?(?:values?|assignments?|truth\s+values?)\s+(?:of|for)\s+"
    r"(?:(?:the|all|every|each)\s+)?(?:atoms?|variables?|[a-z]\w*(?:\s*(?:,|and)\s*[a-z]\w*)*)[\s.!]*$",
    re.I,
)


_DASH_VALUE = re.compile(r"^(?P<f>[^—–]*[¬~!∧∨→↔&|()]+[^—–]*?)\s*[—–]\s*(?P<v>true|false|T|F)[\s.!]*$", re.I)
# truth tables are read whole, before the walk (`check.py`): see `propositional_table`
table_claims = propositional_table.table_claims


def read_clause(reference: Mapping[str, Any], clause: str) -> Any:
    atoms = set(reference["atoms"])
    if _GOAL.match(clause.strip()):
        return None
    tried = _TRIED.match(clause.strip())
    if tried is not None:
        return _tried(reference, tried)
    text = grammar.plain_verbs(clause.strip())
    # before "premise 2 fails" is spelled "is false": the walk reads that as a verdict on the case
    worked = steps.PREMISE_WORKED.match(text)
    if worked is not None:
        return steps.premise_worked(reference, worked, clause)
    valued = steps.PREMISE_VALUE.match(text)
    if valued is not None:
        number = int(valued.group("n"))
        if not 1 <= number <= len(reference["premises"]):
            return f"a premise that does not exist: {clause[:80]}"
        premise = reference["premises"][number - 1]
        wrong = steps.misquoted(reference, premise, valued.group("quoted"), clause)
        if wrong is not None:
            return wrong
        return [
            premise if valued.group("truth").lower() in ("true", "satisfied", "holds") else ["not", premise]
        ]
    several = steps.PREMISES_SAY.match(text)
    if several is not None:
        return steps.premises_say(reference, several, clause)
    dashed = _DASH_VALUE.match(text)
    if dashed is not None:
        # "r ∨ ¬q — false": a formula and its value after a dash, the formula or its negation
        found = read_clause(reference, dashed.group("f"))
        if not isinstance(found, list) or not found:
            return (
                found if isinstance(found, str) else f"a value given to words that do not read: {clause[:80]}"
            )
        whole = found[0] if len(found) == 1 else ["and", *found]
        return [whole if dashed.group("v").lower() in ("true", "t") else ["not", whole]]
    quoted = steps.PREMISE_QUOTED.match(text)
    if quoted is not None:
        return steps.premise_quoted(reference, quoted, clause, lambda rest: read_clause(reference, rest))
    restated = steps.PREMISE_IS.match(text)
    found = steps.premise_is(reference, restated, clause) if restated is not None else None
    if found is not None:
        return found
    reduced = steps.REDUCES.match(text)
    if reduced is not None:
        return steps.reduced(reference, reduced, clause)
    # "Premises: (1) ¬q → p, (2) ¬r ∨ ¬q": labels of restated premises are not part of the formulas
    text = re.sub(r"^(?:the\s+)?premises?\s*(?:are\s*)?:\s*", "", text, flags=re.I)
    text = re.sub(
        r"(^|[,;:]\s*|\band\s+)\(\d{1,2}\)\s*(?:gives|yields|forces|implies|says)?\s+",
        r"\1",
        text,
        flags=re.I,
    )
    # "q is true (3)": a premise cited by its label after the claim
    text = re.sub(r"(?<=\S)\s+\((?:by\s+)?\d{1,2}\)[\s.]*$", "", text)
    text = re.sub(r"\s*[,;]?\s*\b(?:ok|okay|fine|good)\b[\s.!✓✔✅]*$|\s*[✓✔✅]+\s*$", "", text, flags=re.I)
    # "r is false too" says its value; "p too" copies another's, and stays unread
    text = re.sub(r"\b(true|false)\s+(?:too|as\s+well)[\s.!]*$", r"\1", text, flags=re.I)
    # "force r to be false" (the verb dropped as a citation), "q true" in a check: the atom's value
    text = re.sub(r"\b([a-z]\w*)\s+to\s+be\s+", r"\1 is ", text)
    text = re.sub(
        r"(^|[,;:]\s*|\band\s+)(¬?\s*[a-z]\w*)\s+(true|false)(?=\s*(?:[,;]|\band\b|$))",
        lambda m: (
            f"{m.group(1)}{m.group(2)} = {m.group(3)}" if m.group(2).lstrip("¬ ") in atoms else m.group(0)
        ),
        text,
        flags=re.I,
    )
    text = re.sub(r"\b(?:the\s+)?(?:atom|variable|proposition)\s+", "", text, flags=re.I)
    # "p is the case" / "p is not the case" say p's value in words
    text = re.sub(r"\bis\s+not\s+the\s+case$", "is false", text, flags=re.I)
    text = re.sub(r"\bis\s+the\s+case$", "is true", text, flags=re.I)
    # "p holds, r fails": one verb per atom, each followed by a list break or the end
    each = r"(?=\s*(?:,|;|\band\b|$))"
    text = re.sub(rf"\b(\w+)\s+(?:holds|is\s+satisfied){each}", r"\1 is true", text, flags=re.I)
    text = re.sub(
        rf"\b(\w+)\s+(?:fails|does\s+not\s+hold|doesn't\s+hold){each}", r"\1 is false", text, flags=re.I
    )
    evaluated = steps.evaluated(reference, text)
    if evaluated is not None:
        return evaluated
    text = steps.CHAIN.sub(lambda m: steps.unchained(m, atoms), text)
    zipped = steps.ZIPPED.match(text)
    if zipped is not None:
        return steps.zipped(zipped, atoms, clause)
    if text.startswith("|") and text.endswith("|"):
        # "| q | True |": a row of a table of atoms and values (the header row names no atom)
        cells = [c.strip() for c in text.strip("|").split("|")]
        if len(cells) == 2 and cells[0] in atoms and cells[1].lower() in VALUE and cells[1] not in atoms:
            return [["var", cells[0], VALUE[cells[1].lower()]]]
    halves = text.split(": ")
    if len(halves) == 2 and _OPERATORS.search(halves[0]):
        # "q → ¬p: ¬p true": a restated premise, then why it holds; both halves must read
        left, right = (read_clause(reference, half) for half in halves)
        if isinstance(left, list) and isinstance(right, list):
            return left + right
    grouped = _grouped(atoms, text)
    if grouped == []:
        return f"a claim about a number of atoms that is not all of them: {clause[:80]}"
    if grouped is not None:
        return grouped
    compound = steps.COMPOUND_VALUE.match(text)
    valued_compound = steps.compound_value(reference, compound) if compound is not None else None
    if valued_compound is not None:
        return valued_compound
    try:
        parser = Parser(atoms, text)
        if not parser.tokens:
            return None
        formula = parser.top()
        if parser.i != len(parser.tokens):
            raise Unreadable
    except Unreadable:
        named = any(w in atoms for w in re.findall(r"[A-Za-z_]\w*", clause))
        valued = re.search(
            r"\b(?:true|false|T|F|holds?|not|values?|same|opposite|different|equal|equivalent|implies|"
            r"follows?|must|cannot|either|neither|both|if|only)\b|[=¬~!∧∨→↔⊤⊥≠-]",
            clause,
        )
        if named and valued:
            return f"a claim about the atoms that cannot be read with certainty: {clause[:80]}"
        if valued and _NUMBERED.search(clause):
            # "Premise values: 1 = T, 2 = F", "| 2 | F |": a premise's truth value, named by its number
            return f"a claim about a premise that cannot be read with certainty: {clause[:80]}"
        if re.search(r"\b(?:atoms?|variables?|propositions?|letters?)\b", clause, re.I) and re.search(
            r"\b(?:true|false|T|F)\b", clause
        ):
            # "Two atoms are true", "both variables are false": a claim on atoms named by a count
            return f"a claim about the atoms that cannot be read with certainty: {clause[:80]}"
        return None
    if not mentions_atom(formula):
        return None
    return formula[1:] if formula[0] == "and" else [formula]


_NUMBERED = re.compile(
    r"\b(?:premises?|clauses?|constraints?)\s*#?\s*\d|(?:^|[|,;:(])\s*\d{1,3}\s*(?:[|=:)]|\bis\b)", re.I
)


def _table(atoms: list[str], text: str) -> dict[str, str] | str | None:
    """A header row of atoms and the row of values under it: "| p | q |" then "| T | F |". A header with
    two rows of values under it (a truth table, or a row written twice) is no answer: which row is
    meant cannot be told, so the reason is returned instead of the first row."""
    rows = [
        [c for c in re.split(r"\s*\|\s*|\s+", read.clean(line).strip("| ")) if c]
        for line in text.splitlines()
        if line.strip() and not set(line.strip()) <= set("|-:+= ")
    ]
    found: dict[str, str] = {}
    for i, header in enumerate(rows):
        if len(header) < 2 or not set(header) <= set(atoms):
            continue
        under = []
        for values in rows[i + 1 :]:
            if len(values) != len(header) or not all(v.lower() in VALUE for v in values):
                break
            under.append(values)
        if len(under) > 1:
            return f"a table with {len(under)} rows of values under one header: {' '.join(header)[:60]}"
        for atom, value in zip(header, under[0] if under else [], strict=False):
            if found.setdefault(atom, VALUE[value.lower()]) != VALUE[value.lower()]:
                return f"the answer gives {atom} two values"
    return found or None


def entry_key(reference: Mapping[str, Any]) -> answer_entries.EntryKey:
    """An answer list's entries are the atoms (`answer_entries.py`), as written; a table cell that is
    a truth value ("| T | F |", a truth table's row) is a value even where an atom is called t."""
    atoms = set(reference["atoms"])

    def key(phrase: str, cell: bool) -> str | None:
        if cell and phrase.lower() in VALUE:
            return None
        return phrase if phrase in atoms else None

    return key


def parse_answer(reference: Mapping[str, Any], text: str, facts: list[Any]) -> dict[str, str] | str:
    """Every atom's value from the claims asserted in the answer (a table of atoms over values too); a
    negated atom is false; two values for one atom, or a compound claim, and there is no answer."""
    table = _table(reference["atoms"], text)
    if isinstance(table, str):
        return table
    values: dict[str, str] = dict(table or {})
    for name, said, positive in read.plain_literals(facts):
        value = said if positive else VALUES[1 - VALUES.index(said)]
        if values.setdefault(name, value) != value:
            return f"the answer gives {name} two values"
    missing = [a for a in reference["atoms"] if a not in values]
    if missing:
        return f"no value given for {', '.join(missing)}"
    return values
