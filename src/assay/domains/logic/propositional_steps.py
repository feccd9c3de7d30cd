"""Worked steps of a propositional response, each read as the claims it makes: a premise said to reduce,
simplify or become a formula, or to be true or false ("Premise 3 simplifies to q", "premise 5 false"),
with its formula restated in brackets checked against the puzzle's; an evaluation worked out to a value
("¬p ∨ q = false ∨ false = false", each substituted literal a claim); chained and zipped assignments
("p = r = false", "p, q = true, false").
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Mapping
from typing import Any

from assay.domains.logic.csp import evaluate
from assay.domains.logic.propositional import VALUES
from assay.domains.logic.propositional_parse import VALUE, Parser, Unreadable, formula, mentions_atom

_OPERATORS = re.compile(r"[¬~∧∨→↔⇒⇔]|->|<->")

# "premise 5 false", "premise 1 is satisfied": the premise's own formula, or its negation
PREMISE_VALUE = re.compile(
    r"^(?:the\s+)?(?:premise|statement|clause|constraint)\s*#?\s*(?P<n>\d{1,2})(?:\s*\((?P<quoted>[^()]*(?:\([^()]*\)[^()]*)*)\))?\s+(?:is\s+)?"
    r"(?:(?:then|now|thus|therefore|also)\s+)*(?P<truth>true|false|satisfied|unsatisfied|holds)[\s.!✓✔✅]*$",
    re.I,
)
# "Premise 3 simplifies to q", "premise 1 becomes false ∨ false ∨ false", "Statement 5 reduces to ¬s ↔
# false, which is true": what the premise amounts to given the steps before (and, after "which is",
# that formula's value), a claim checked like any other
REDUCES = re.compile(
    r"^(?:the\s+)?(?:premise|statement|clause|constraint|formula)\s*#?\s*(?P<n>\d{1,2})"
    r"(?:\s*\((?P<quoted>[^()]*(?:\([^()]*\)[^()]*)*)\))?\s+"
    r"(?:(?:now|then|thus|therefore|also|just)\s+)*(?:reduces|simplifies|becomes|collapses|turns|boils\s+down)"
    r"\s+(?:to\s+|into\s+)?(?P<expr>.+?)(?:\s*,?\s*which\s+is\s+(?P<truth>true|false|satisfied|violated))?"
    r"[\s.!]*$",
    re.I,
)


def reduced(reference: Mapping[str, Any], match: re.Match[str], clause: str) -> Any:
    """'Premise 3 simplifies to q' as premise 3 ↔ q (the premise's own formula from the puzzle), and
    its ", which is false" as the formula's value: the premise is what it is said to become only under
    the steps and the case in force, which is where the walk checks it."""
    premises = reference["premises"]
    number = int(match.group("n"))
    if not 1 <= number <= len(premises):
        return f"a premise that does not exist: {clause[:80]}"
    try:
        parser = Parser(set(reference["atoms"]), match.group("expr"))
        expr = parser.top()
        if parser.i != len(parser.tokens):
            raise Unreadable
    except Unreadable:
        return f"a premise said to become something that cannot be read: {clause[:80]}"
    wrong = misquoted(reference, premises[number - 1], match.group("quoted"), clause)
    if wrong is not None:
        return wrong
    found = [["iff", premises[number - 1], expr]]
    truth = (match.group("truth") or "").lower()
    if truth:
        found.append(expr if truth in ("true", "satisfied", "holds") else ["not", expr])
    return found


def misquoted(reference: Mapping[str, Any], premise: list[Any], quoted: str | None, clause: str) -> Any:
    """None when the premise's formula restated in brackets ("premise 5 (¬p ∨ r) becomes ¬p") says what
    the premise says (or there is none); else why the clause is no claim on that premise: a formula
    that is not the premise's is a false restatement, words that are no formula cannot be read."""
    if quoted is None:
        return None
    try:
        parser = Parser(set(reference["atoms"]), quoted)
        said = parser.top()
        if parser.i != len(parser.tokens):
            raise Unreadable
    except Unreadable:
        return f"a premise restated in words that cannot be read: {clause[:80]}"
    atoms = list(reference["atoms"])
    for values in itertools.product(VALUES, repeat=len(atoms)):
        assignment = dict(zip(atoms, values, strict=True))
        if evaluate(said, assignment) != evaluate(premise, assignment):
            return [["false"]]
    return None


# "¬p ∨ q ∨ ¬r = false ∨ false ∨ false = false": a formula worked out to its value, each step an equality
def evaluated(reference: Mapping[str, Any], text: str) -> Any:
    """The claims of a worked evaluation, or None when the text is not one: "E = c = v" or "E: c" where
    c puts values in E's place. The last part is a value (a word, or a formula of values only); every
    part with no atom in it must have that value (else the arithmetic is wrong: a false claim), every
    part with atoms is claimed to have it, and so is each literal's value put in after it."""
    head, colon, tail = text.partition(": ")
    pieces = [head, *re.split(r"\s+=\s+", tail)] if colon else re.split(r"\s+=\s+", text)
    parts = [part.strip() for part in pieces]
    if len(parts) < 2 or not _OPERATORS.search(parts[0]):
        return None
    atoms = set(reference["atoms"])
    formulas = []
    for i, part in enumerate(parts):
        if i and not {"T", "F"} & atoms:  # "s ∨ ¬r = T ∨ T = T": the values put in, as letters
            part = _LETTER_VALUE.sub(lambda m: "true" if m.group(0) == "T" else "false", part)
        try:
            formulas.append(formula(atoms, part))
        except Unreadable:
            return None
    if mentions_atom(formulas[-1]) or (colon and any(mentions_atom(f) for f in formulas[1:])):
        return None  # "q ↔ r: q false" gives a reason, not the formula's values: not an evaluation
    return _chain_claims(formulas)


# "Premise 2: ¬(T ∧ F) = F": a premise's value worked out in constants, the premise named by its number
PREMISE_WORKED = re.compile(
    r"^(?:the\s+)?(?:premise|statement|clause|constraint)\s*#?\s*(?P<n>\d{1,2})\s*:\s*(?P<chain>[^=✓✔✅]+(?:=[^=✓✔✅]+)+?)"
    r"[\s.!✓✔✅]*$",
    re.I,
)


def premise_worked(reference: Mapping[str, Any], match: re.Match[str], clause: str) -> Any:
    """The claims of "Premise 2: ¬(T ∧ F) = F", read as "¬(s ∧ r) = ¬(T ∧ F) = F" with the premise in
    the label's place (`evaluated`): the premise has the last value, the arithmetic is right, and each
    literal has the value put in for it; a part that is not constants is unreadable."""
    number = int(match.group("n"))
    if not 1 <= number <= len(reference["premises"]):
        return f"a premise that does not exist: {clause[:80]}"
    if {"T", "F"} & set(reference["atoms"]):
        return f"a premise's value worked out in letters that are also atoms: {clause[:80]}"
    formulas = [reference["premises"][number - 1]]
    for part in re.split(r"\s*=\s*", match.group("chain").strip()):
        spelled = _LETTER_VALUE.sub(lambda m: "true" if m.group(0) == "T" else "false", part.strip())
        try:
            formulas.append(formula(set(), spelled))
        except Unreadable:
            return f"a premise's value worked out in a form that does not read: {clause[:80]}"
    return _chain_claims(formulas)


_LETTER_VALUE = re.compile(r"(?<![\w])[TF](?![\w])")


def _chain_claims(formulas: list[Any]) -> Any:
    """What "E = c = v" claims, its parts read: every part without atoms has the last part's value
    (else the arithmetic is wrong, a false claim), every part with atoms is claimed to have it, and so
    is each literal's value put in after it."""
    value = evaluate(formulas[-1], {})
    claims: list[Any] = []
    for i, part in enumerate(formulas[:-1]):
        if not mentions_atom(part):
            if evaluate(part, {}) != value:
                return [["false"]]
            continue
        claims.append(part if value else ["not", part])
        # "¬p ∨ q ∨ ¬r = false ∨ false ∨ false": the values put in for each literal are claims too
        pairs = _substituted(part, formulas[i + 1])
        claims += [lit if const[0] == "true" else ["not", lit] for lit, const in pairs or []]
    return claims or None


def _substituted(formula: list[Any], values: list[Any]) -> list[tuple[Any, Any]] | None:
    """The literals of formula paired with the constants put in their place in values (the same shape
    with every literal a constant), or None when values is not that shape."""
    if values[0] in ("true", "false") and (
        formula[0] == "var" or (formula[0] == "not" and formula[1][0] == "var")
    ):
        return [(formula, values)]
    if formula[0] != values[0] or len(formula) != len(values) or formula[0] in ("var", "true", "false"):
        return None
    found: list[tuple[Any, Any]] = []
    for f, v in zip(formula[1:], values[1:], strict=True):
        pairs = _substituted(f, v)
        if pairs is None:
            return None
        found += pairs
    return found


# "p = r = s = false": every atom of the chain has the value (a chain through anything else is not read)
CHAIN = re.compile(r"(?<![\w=≠<>!])([a-z]\w*(?:\s*=\s*[a-z]\w*)+)\s*=\s*(true|false|t|f|1|0)(?![\w=])", re.I)


def unchained(match: re.Match[str], atoms: set[str]) -> str:
    names = re.split(r"\s*=\s*", match.group(1))
    if not all(name in atoms for name in names) or match.group(2) in atoms:
        return match.group(0)  # "s = u = t" with an atom t: the atom or the value, not read here
    return ", ".join(f"{name} = {match.group(2)}" for name in names)


# "p, q, r, s = false, true, false, false", "(p, q) = (T, F)": the lists zipped in order
ZIPPED = re.compile(
    r"^\(?\s*(?P<atoms>[a-z]\w*(?:\s*,\s*[a-z]\w*)+)\s*\)?\s*(?:=|:|\bis\b)\s*"
    r"\(?\s*(?P<values>[^\s,()]+(?:\s*,\s*[^\s,()]+)+)\s*\)?(?:\s*,?\s*respectively)?[\s.!]*$",
    re.I,
)


def zipped(match: re.Match[str], atoms: set[str], clause: str) -> Any:
    names = re.split(r"\s*,\s*", match.group("atoms"))
    values = re.split(r"\s*,\s*", match.group("values"))
    if not all(name in atoms for name in names):
        return (
            None
            if not any(name in atoms for name in names)
            else f"a list of atoms that names something else: {clause[:80]}"
        )
    if len(names) != len(values) or not all(
        value.lower() in VALUE and value not in atoms for value in values
    ):
        return f"a list of atoms and a list of values that do not match: {clause[:80]}"
    return [["var", name, VALUE[value.lower()]] for name, value in zip(names, values, strict=True)]


# "p ∨ r is false", "r → q = 0", "p ∧ q is not true": a value said of a whole compound (its own claim);
# a clause with an assignment inside ("p = true and q is false") is a list of values, read elsewhere
COMPOUND_VALUE = re.compile(
    r"^(?P<f>.+?)\s+(?:is|=|==|equals|evaluates\s+to)\s+(?P<neg>not\s+)?(?P<v>true|false|0|1|⊤|⊥)[\s.!]*$",
    re.I,
)


def compound_value(reference: Mapping[str, Any], match: re.Match[str]) -> Any:
    """The compound's formula claimed true or false, or None when the clause is no such claim."""
    body = match.group("f").strip()
    if re.search(r"=|≠|\b(?:is|equals|are)\b", body, re.I):
        return None
    try:
        found = formula(set(reference["atoms"]), body)
    except Unreadable:
        return None
    if found[0] == "var" or (found[0] == "not" and found[1][0] == "var") or not mentions_atom(found):
        return None
    true = (VALUE[match.group("v").lower()] == "true") != bool(match.group("neg"))
    return [found if true else ["not", found]]


# "Premise 2 is s → ¬r", "premise 4 reads s ∨ ¬r": the premise restated, true when it says what the
# premise says (a truth table over the atoms), false otherwise
PREMISE_IS = re.compile(
    r"^(?:the\s+)?(?:premise|statement|clause|constraint)\s*#?\s*(?P<n>\d{1,2})\s+(?P<verb>is|reads|says|states)\s*:?\s*"
    r"(?P<expr>.*[^\s.!])[\s.!]*$",
    re.I,
)


def premise_is(reference: Mapping[str, Any], match: re.Match[str], clause: str) -> Any:
    """['true'] for a faithful restatement, ['false'] for a wrong one, a reason when either the premise or
    the formula cannot be read; None when what follows "is" is a value, not a formula. "Premise 3 says
    s and q" restates premise 3 in words (a compound, checked against it); "Premise 3 says p is true"
    is what premise 3 gives, a literal: the literal itself, a claim that cites premise 3."""
    expr = re.sub(r"^that\s+", "", match.group("expr").strip(), flags=re.I)
    if expr.lower() in VALUE:
        return None
    premises = reference["premises"]
    number = int(match.group("n"))
    if not 1 <= number <= len(premises):
        return f"a premise that does not exist: {clause[:80]}"
    if not _OPERATORS.search(expr):
        try:
            parser = Parser(set(reference["atoms"]), expr)
            said = parser.top()
            if parser.i != len(parser.tokens):
                raise Unreadable
        except Unreadable:
            return None
        if said[0] == "var" or (said[0] == "not" and said[1][0] == "var"):
            return [said] if match.group("verb").lower() in ("says", "states") else None
    wrong = misquoted(reference, premises[number - 1], expr, clause)
    return wrong if wrong is not None else [["true"]]


# "By premise 4 (p ∨ q ∨ ¬r)", "premise 4 (¬p ∨ q ∨ ¬r) gives p": the premise restated in brackets,
# checked, and what it gives (a claim of its own)
PREMISE_QUOTED = re.compile(
    r"^(?:(?:by|from|per|using|via)\s+)?(?:the\s+)?premise\s*#?\s*(?P<n>\d{1,2})\s*"
    r"\((?P<quoted>[^()]*(?:\([^()]*\)[^()]*)*)\)\s*,?\s*(?:(?:with\s+(?P<with>[^,()]{1,30}?)\s+)?"
    r"(?:(?:then|now|thus|therefore|directly|alone)\s+)*"
    r"(?:gives?|yields?|forces?|implies|imply|means?|shows?|requires?|makes?|needs?|tells\s+us)\s+(?:us\s+)?(?:that\s+)?"
    r"(?P<rest>.*[^\s.!]))?[\s.!]*$",
    re.I,
)


def premise_quoted(reference: Mapping[str, Any], match: re.Match[str], clause: str, read: Any) -> Any:
    """['true'] when the bracket says what the numbered premise says, else ['false'] (or a reason); with
    what it gives after it, that claim (read by `read`) when the bracket is faithful, and the value it
    is given "with"."""
    premises = reference["premises"]
    number = int(match.group("n"))
    if not 1 <= number <= len(premises):
        return f"a premise that does not exist: {clause[:80]}"
    wrong = misquoted(reference, premises[number - 1], match.group("quoted"), clause)
    if wrong is not None:
        return wrong
    if not match.group("rest"):
        return [["true"]]
    # "with p = false": the value the step uses, claimed as well (checked like any claim)
    parts = (
        [read(match.group("with")), read(match.group("rest"))]
        if match.group("with")
        else [read(match.group("rest"))]
    )
    for part in parts:
        if not isinstance(part, list):
            return part or f"a premise's consequence that cannot be read: {clause[:80]}"
    return [formula for part in parts for formula in part]


# "Premises 1 and 5 say r → p and r → ¬p": each premise restated in turn, each checked
PREMISES_SAY = re.compile(
    r"^(?:the\s+)?premises\s*(?P<ns>\d{1,2}(?:\s*(?:,\s*(?:and\s+)?|and|&)\s*\d{1,2})+)\s+(?:say|state|read)\s*:?\s*"
    r"(?:that\s+)?(?P<expr>.*[^\s.!])[\s.!]*$",
    re.I,
)


def premises_say(reference: Mapping[str, Any], match: re.Match[str], clause: str) -> Any:
    """['true'] when each formula says what its premise says, in order; ['false'] when one does not; a
    reason when the formulas cannot be told apart (not one per premise)."""
    numbers = [int(n) for n in re.findall(r"\d+", match.group("ns"))]
    premises = reference["premises"]
    if any(not 1 <= k <= len(premises) for k in numbers):
        return f"a premise that does not exist: {clause[:80]}"
    texts = re.split(r"\s*,\s*(?:and\s+)?|\s+and\s+", match.group("expr"))
    if len(texts) != len(numbers):
        return f"premises restated in formulas that cannot be matched to them: {clause[:80]}"
    parts = []
    for text in texts:
        try:
            parser = Parser(set(reference["atoms"]), text)
            parts.append(parser.top())
            if parser.i != len(parser.tokens):
                raise Unreadable
        except Unreadable:
            return f"premises restated in words that cannot be read: {clause[:80]}"
    atoms = list(reference["atoms"])
    for part, k in zip(parts, numbers, strict=True):
        for values in itertools.product(VALUES, repeat=len(atoms)):
            assignment = dict(zip(atoms, values, strict=True))
            if evaluate(part, assignment) != evaluate(premises[k - 1], assignment):
                return [["false"]]
    return [["true"]]
