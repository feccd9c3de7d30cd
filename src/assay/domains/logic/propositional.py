"""Propositional logic: premises over a few atoms that hold in exactly one assignment.

Reference: {"kind": "propositional", "atoms": ["p", "q", "r"], "premises": [formula, ...]}, formulas
over ["var", atom, "true" | "false"] (see `csp.py`). Answer and step claims: "p = true", "q = false"
(also "p is true", T/F, 1/0). As with knights, a line starting with "Answer" starts the answer.
"""

from __future__ import annotations

import itertools
import random
import re
from collections.abc import Mapping
from typing import Any

from assay.domains.logic import read
from assay.domains.logic.csp import Csp, check_formula, evaluate
from assay.errors import InputError

VALUES = ("true", "false")
MAX_ATOMS = 16


def validate(reference: Mapping[str, Any]) -> list[str]:
    atoms = reference.get("atoms")
    premises = reference.get("premises")
    if (
        not isinstance(atoms, list)
        or not 1 <= len(atoms) <= MAX_ATOMS
        or not all(isinstance(a, str) and re.fullmatch(r"[a-z]\w{0,10}", a) for a in atoms)
        or len(set(atoms)) != len(atoms)
    ):
        raise InputError(f"'reference.atoms' must be 1-{MAX_ATOMS} distinct lower-case names")
    if not isinstance(premises, list) or not premises:
        raise InputError("'reference.premises' must be a non-empty list of formulas")
    domains = {a: VALUES for a in atoms}
    for formula in premises:
        check_formula(formula, domains)
    return list(atoms)


def build(reference: Mapping[str, Any]) -> Csp:
    atoms = validate(reference)
    csp = Csp()
    for atom in atoms:
        csp.variable(atom, VALUES)
    for premise in reference["premises"]:
        csp.require(premise)
    return csp


def cited_keys(reference: Mapping[str, Any], numbers: tuple[int, ...]) -> set[Any] | str:
    """The atoms the premises numbered (from 1, as the prompt numbers them) speak of: what a step that
    cites "premise 2" is about. A number with no premise says why."""
    premises = reference["premises"]
    bad = [k for k in numbers if not 1 <= k <= len(premises)]
    if bad:
        return f"premise {bad[0]} is cited, but the puzzle has premises 1-{len(premises)}"
    return {key for k in numbers for key in _atoms(premises[k - 1])}


def _atoms(formula: list[Any]) -> set[str]:
    if formula[0] == "var":
        return {formula[1]}
    return {atom for g in formula[1:] if isinstance(g, list) for atom in _atoms(g)}


def violations(reference: Mapping[str, Any], answer: Mapping[str, str]) -> list[str]:
    return [
        f"premise {i} ({render(p)}) is false under this assignment"
        for i, p in enumerate(reference["premises"], 1)
        if not evaluate(p, answer)
    ]


# --- reading claims ------------------------------------------------------------------------------------
# A clause is a formula over the atoms, read by a small allow-list parser (never eval): atoms, values
# (p = true, q: F, r is false, s ≠ T), ¬ ~ ! not, ∧ & and, ∨ | or, → -> => implies, ↔ <-> <=> iff, brackets;
# a comma or "and" between parts is a conjunction. Grouped forms "True: p, r" and "p and r are true" too.
# A word the parser does not know makes the whole clause unreadable (unknown, if it names an atom).

_VALUE = {"true": "true", "t": "true", "1": "true", "⊤": "true", "yes": "true"}
_VALUE |= {"false": "false", "f": "false", "0": "false", "⊥": "false", "no": "false"}
_TOKEN = re.compile(
    r"\s*(?:(?P<iff>↔|⇔|<->|<=>|\bif\s+and\s+only\s+if\b|\biff\b|\bis\s+equivalent\s+to\b)|"
    r"(?P<imp>→|⇒|->|=>|\bimplies\b)|(?P<neq>≠|!=|\bis\s+not\b|\bnot\s+equal\s+to\b)|"
    r"(?P<eq>:=|==|=|≡|←|:|\bis\b|\bequals\b)|(?P<not>¬|~|!|\bnot\b)|(?P<and>∧|&&|&|\band\b|\bboth\b)|"
    r"(?P<or>∨|\|\||\bor\b|\beither\b)|(?P<comma>[,;])|(?P<lp>\()|(?P<rp>\))|(?P<word>[^\s(),;:=!¬~&|∧∨→↔⇒⇔≠≡←]+))",
    re.I,
)


class _Unreadable(Exception):
    """Raised inside the parser: the clause is not a formula it knows."""


class _Parser:
    def __init__(self, atoms: set[str], text: str) -> None:
        self.atoms = atoms
        self.tokens: list[tuple[str, str]] = []
        pos = 0
        text = text.strip()
        while pos < len(text):
            m = _TOKEN.match(text, pos)
            if m is None or m.end() == pos:
                raise _Unreadable
            kind = m.lastgroup or ""
            self.tokens.append((kind, m.group(kind)))
            pos = m.end()
        self.i = 0

    def peek(self) -> str:
        return self.tokens[self.i][0] if self.i < len(self.tokens) else ""

    def take(self) -> tuple[str, str]:
        if self.i >= len(self.tokens):
            raise _Unreadable
        self.i += 1
        return self.tokens[self.i - 1]

    def top(self) -> list[Any]:
        parts = [self.iff()]
        while self.peek() in ("comma", "and"):
            self.take()
            if self.peek() in ("and",):
                self.take()
            parts.append(self.iff())
        return parts[0] if len(parts) == 1 else ["and", *parts]

    def iff(self) -> list[Any]:
        left = self.imp()
        while self.peek() == "iff":
            self.take()
            left = ["iff", left, self.imp()]
        return left

    def imp(self) -> list[Any]:
        left = self.disj()
        if self.peek() == "imp":
            self.take()
            return ["implies", left, self.imp()]
        return left

    def disj(self) -> list[Any]:
        if self.peek() == "or":  # "either p or q"
            self.take()
        parts = [self.conj()]
        while self.peek() == "or":
            self.take()
            parts.append(self.conj())
        return parts[0] if len(parts) == 1 else ["or", *parts]

    def conj(self) -> list[Any]:
        parts = [self.unary()]
        while self.peek() == "and" and self._next_is_operand():
            self.take()
            parts.append(self.unary())
        return parts[0] if len(parts) == 1 else ["and", *parts]

    def _next_is_operand(self) -> bool:
        following = self.tokens[self.i + 1][0] if self.i + 1 < len(self.tokens) else ""
        return following in ("not", "lp", "word")

    def unary(self) -> list[Any]:
        if self.peek() == "not":
            self.take()
            return ["not", self.unary()]
        return self.primary()

    def primary(self) -> list[Any]:
        kind, text = self.take()
        if kind == "lp":
            inner = self.top()
            if self.take()[0] != "rp":
                raise _Unreadable
            return inner
        if kind == "word" and text.lower() in ("true", "false", "⊤", "⊥"):
            return ["true"] if _VALUE[text.lower()] == "true" else ["false"]
        if kind != "word" or text not in self.atoms:
            raise _Unreadable
        atom = ["var", text, "true"]
        if self.peek() in ("eq", "neq"):
            op = self.take()[0]
            if self.peek() == "not":  # "p is not true" read as neq already; "p = not true" is odd
                raise _Unreadable
            value_kind, value = self.take()
            if value_kind != "word" or value.lower() not in _VALUE:
                raise _Unreadable
            atom = ["var", text, _VALUE[value.lower()]]
            return atom if op == "eq" else ["not", atom]
        return atom


def _grouped(atoms: set[str], text: str) -> list[Any] | None:
    """'True: p, r' / 'p and r are true' / 'p, r = T': one value for a list of atoms."""
    names = r"([a-z]\w*(?:\s*(?:,|and|&)\s*[a-z]\w*)*)"
    values = r"(true|false|t|f|1|0)"
    nobody = re.match(
        rf"^{values}\s*(?:[:=]|atoms?\s*[:=]|are|is)\s*(?:none|nothing|no\s+atoms?|∅|\{{\s*\}}|-|—)$",
        text,
        re.I,
    )
    if nobody:
        # "False: none": no atom has that value, so every atom has the other one
        other = VALUES[1 - VALUES.index(_VALUE[nobody.group(1).lower()])]
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
        return [["var", x, _VALUE[every.group(2).lower()]] for x in sorted(atoms)]
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
        value, other = _VALUE[rest.group(1).lower()], _VALUE[rest.group(3).lower()]
        if value == other or not all(x in atoms for x in listed):
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
                return [["var", x, _VALUE[m.group(v).lower()]] for x in listed]
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


def read_clause(reference: Mapping[str, Any], clause: str) -> Any:
    atoms = set(reference["atoms"])
    if _GOAL.match(clause.strip()):
        return None
    tried = _TRIED.match(clause.strip())
    if tried is not None:
        return _tried(reference, tried)
    text = read.plain_verbs(clause.strip())
    # before "premise 2 fails" is spelled "is false": the walk reads that as a verdict on the case
    valued = _PREMISE_VALUE.match(text)
    if valued is not None:
        number = int(valued.group("n"))
        if not 1 <= number <= len(reference["premises"]):
            return f"a premise that does not exist: {clause[:80]}"
        premise = reference["premises"][number - 1]
        misquoted = _misquoted(reference, premise, valued.group("quoted"), clause)
        if misquoted is not None:
            return misquoted
        return [
            premise if valued.group("truth").lower() in ("true", "satisfied", "holds") else ["not", premise]
        ]
    reduced = _REDUCES.match(text)
    if reduced is not None:
        return _reduced(reference, reduced, clause)
    # "Premises: (1) ¬q → p, (2) ¬r ∨ ¬q": labels of restated premises are not part of the formulas
    text = re.sub(r"^(?:the\s+)?premises?\s*(?:are\s*)?:\s*", "", text, flags=re.I)
    text = re.sub(
        r"(^|[,;:]\s*|\band\s+)\(\d{1,2}\)\s*(?:gives|yields|forces|implies|says)?\s+",
        r"\1",
        text,
        flags=re.I,
    )
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
    evaluated = _evaluated(reference, text)
    if evaluated is not None:
        return evaluated
    text = _CHAIN.sub(lambda m: _unchained(m, atoms), text)
    zipped = _ZIPPED.match(text)
    if zipped is not None:
        return _zipped(zipped, atoms, clause)
    if text.startswith("|") and text.endswith("|"):
        # "| q | True |": a row of a table of atoms and values (the header row names no atom)
        cells = [c.strip() for c in text.strip("|").split("|")]
        if len(cells) == 2 and cells[0] in atoms and cells[1].lower() in _VALUE:
            return [["var", cells[0], _VALUE[cells[1].lower()]]]
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
    try:
        parser = _Parser(atoms, text)
        if not parser.tokens:
            return None
        formula = parser.top()
        if parser.i != len(parser.tokens):
            raise _Unreadable
    except _Unreadable:
        named = any(w in atoms for w in re.findall(r"[A-Za-z_]\w*", clause))
        valued = re.search(
            r"\b(?:true|false|T|F|holds?|not|values?|same|opposite|different|equal|equivalent|implies|"
            r"follows?|must|cannot|either|neither|both|if|only)\b|[=¬~!∧∨→↔⊤⊥≠]",
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
    if not _mentions_atom(formula):
        return None
    return formula[1:] if formula[0] == "and" else [formula]


# "premise 5 false", "premise 1 is satisfied": the premise's own formula, or its negation
_PREMISE_VALUE = re.compile(
    r"^(?:the\s+)?(?:premise|statement|clause|constraint)\s*#?\s*(?P<n>\d{1,2})(?:\s*\((?P<quoted>[^()]*(?:\([^()]*\)[^()]*)*)\))?\s+(?:is\s+)?"
    r"(?:(?:then|now|thus|therefore|also)\s+)*(?P<truth>true|false|satisfied|unsatisfied|holds)[\s.!✓✔✅]*$",
    re.I,
)
# "Premise 3 simplifies to q", "premise 1 becomes false ∨ false ∨ false", "Statement 5 reduces to ¬s ↔
# false, which is true": what the premise amounts to given the steps before (and, after "which is",
# that formula's value), a claim checked like any other
_REDUCES = re.compile(
    r"^(?:the\s+)?(?:premise|statement|clause|constraint|formula)\s*#?\s*(?P<n>\d{1,2})"
    r"(?:\s*\((?P<quoted>[^()]*(?:\([^()]*\)[^()]*)*)\))?\s+"
    r"(?:(?:now|then|thus|therefore|also|just)\s+)*(?:reduces|simplifies|becomes|collapses|turns|boils\s+down)"
    r"\s+(?:to\s+|into\s+)?(?P<expr>.+?)(?:\s*,?\s*which\s+is\s+(?P<truth>true|false|satisfied|violated))?"
    r"[\s.!]*$",
    re.I,
)


def _reduced(reference: Mapping[str, Any], match: re.Match[str], clause: str) -> Any:
    """'Premise 3 simplifies to q' as premise 3 ↔ q (the premise's own formula from the puzzle), and
    its ", which is false" as the formula's value: the premise is what it is said to become only under
    the steps and the case in force, which is where the walk checks it."""
    premises = reference["premises"]
    number = int(match.group("n"))
    if not 1 <= number <= len(premises):
        return f"a premise that does not exist: {clause[:80]}"
    try:
        parser = _Parser(set(reference["atoms"]), match.group("expr"))
        expr = parser.top()
        if parser.i != len(parser.tokens):
            raise _Unreadable
    except _Unreadable:
        return f"a premise said to become something that cannot be read: {clause[:80]}"
    misquoted = _misquoted(reference, premises[number - 1], match.group("quoted"), clause)
    if misquoted is not None:
        return misquoted
    found = [["iff", premises[number - 1], expr]]
    truth = (match.group("truth") or "").lower()
    if truth:
        found.append(expr if truth in ("true", "satisfied", "holds") else ["not", expr])
    return found


def _misquoted(reference: Mapping[str, Any], premise: list[Any], quoted: str | None, clause: str) -> Any:
    """None when the premise's formula restated in brackets ("premise 5 (¬p ∨ r) becomes ¬p") says what
    the premise says (or there is none); else why the clause is no claim on that premise: a formula
    that is not the premise's is a false restatement, words that are no formula cannot be read."""
    if quoted is None:
        return None
    try:
        parser = _Parser(set(reference["atoms"]), quoted)
        said = parser.top()
        if parser.i != len(parser.tokens):
            raise _Unreadable
    except _Unreadable:
        return f"a premise restated in words that cannot be read: {clause[:80]}"
    atoms = list(reference["atoms"])
    for values in itertools.product(VALUES, repeat=len(atoms)):
        assignment = dict(zip(atoms, values, strict=True))
        if evaluate(said, assignment) != evaluate(premise, assignment):
            return [["false"]]
    return None


# "¬p ∨ q ∨ ¬r = false ∨ false ∨ false = false": a formula worked out to its value, each step an equality
def _evaluated(reference: Mapping[str, Any], text: str) -> Any:
    """The claims of a worked evaluation, or None when the text is not one: the last part is a value,
    every part with no atom in it must have that value (else the arithmetic is wrong: a false claim),
    and every part with atoms is claimed to have it."""
    parts = [part.strip() for part in re.split(r"\s+=\s+", text)]
    if (
        len(parts) < 2
        or not _OPERATORS.search(parts[0])
        or parts[-1].lower() not in ("true", "false", "⊤", "⊥")
    ):
        return None
    atoms = set(reference["atoms"])
    formulas = []
    for part in parts:
        try:
            parser = _Parser(atoms, part)
            formulas.append(parser.top())
            if parser.i != len(parser.tokens):
                raise _Unreadable
        except _Unreadable:
            return None
    value = _VALUE[parts[-1].lower()] == "true"
    claims: list[Any] = []
    for i, formula in enumerate(formulas[:-1]):
        if not _mentions_atom(formula):
            if evaluate(formula, {}) != value:
                return [["false"]]
            continue
        claims.append(formula if value else ["not", formula])
        # "¬p ∨ q ∨ ¬r = false ∨ false ∨ false": the values put in for each literal are claims too
        pairs = _substituted(formula, formulas[i + 1])
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
_CHAIN = re.compile(r"(?<![\w=≠<>!])([a-z]\w*(?:\s*=\s*[a-z]\w*)+)\s*=\s*(true|false|t|f|1|0)(?![\w=])", re.I)


def _unchained(match: re.Match[str], atoms: set[str]) -> str:
    names = re.split(r"\s*=\s*", match.group(1))
    if not all(name in atoms for name in names):
        return match.group(0)
    return ", ".join(f"{name} = {match.group(2)}" for name in names)


# "p, q, r, s = false, true, false, false", "(p, q) = (T, F)": the lists zipped in order
_ZIPPED = re.compile(
    r"^\(?\s*(?P<atoms>[a-z]\w*(?:\s*,\s*[a-z]\w*)+)\s*\)?\s*(?:=|:|\bis\b)\s*"
    r"\(?\s*(?P<values>[^\s,()]+(?:\s*,\s*[^\s,()]+)+)\s*\)?(?:\s*,?\s*respectively)?[\s.!]*$",
    re.I,
)


def _zipped(match: re.Match[str], atoms: set[str], clause: str) -> Any:
    names = re.split(r"\s*,\s*", match.group("atoms"))
    values = re.split(r"\s*,\s*", match.group("values"))
    if not all(name in atoms for name in names):
        return (
            None
            if not any(name in atoms for name in names)
            else f"a list of atoms that names something else: {clause[:80]}"
        )
    if len(names) != len(values) or not all(value.lower() in _VALUE for value in values):
        return f"a list of atoms and a list of values that do not match: {clause[:80]}"
    return [["var", name, _VALUE[value.lower()]] for name, value in zip(names, values, strict=True)]


_NUMBERED = re.compile(
    r"\b(?:premises?|clauses?|constraints?)\s*#?\s*\d|(?:^|[|,;:(])\s*\d{1,3}\s*(?:[|=:)]|\bis\b)", re.I
)


def _mentions_atom(formula: list[Any]) -> bool:
    if formula[0] == "var":
        return True
    return any(_mentions_atom(g) for g in formula[1:] if isinstance(g, list))


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
            if len(values) != len(header) or not all(v.lower() in _VALUE for v in values):
                break
            under.append(values)
        if len(under) > 1:
            return f"a table with {len(under)} rows of values under one header: {' '.join(header)[:60]}"
        for atom, value in zip(header, under[0] if under else [], strict=False):
            if found.setdefault(atom, _VALUE[value.lower()]) != _VALUE[value.lower()]:
                return f"the answer gives {atom} two values"
    return found or None


def parse_answer(reference: Mapping[str, Any], text: str, facts: list[Any]) -> dict[str, str] | str:
    """Every atom's value from the claims asserted in the answer (a table of atoms over values too); a
    negated atom is false; two values for one atom, or a compound claim, and there is no answer."""
    table = _table(reference["atoms"], text)
    if isinstance(table, str):
        return table
    values: dict[str, str] = dict(table or {})
    literals: list[Any] = []
    for formula in facts:
        literals += formula[1:] if formula[0] == "and" else [formula]
    for literal in literals:
        positive = literal[0] == "var"
        atom = literal if positive else literal[1] if literal[0] == "not" else literal
        if atom[0] != "var":
            continue  # a compound claim is a step (checked as such), not part of the assignment
        value = atom[2] if positive else VALUES[1 - VALUES.index(atom[2])]
        if values.setdefault(atom[1], value) != value:
            return f"the answer gives {atom[1]} two values"
    missing = [a for a in reference["atoms"] if a not in values]
    if missing:
        return f"no value given for {', '.join(missing)}"
    return values


def format_answer(reference: Mapping[str, Any], solution: Mapping[str, str]) -> str:
    return ", ".join(f"{a} = {solution[a]}" for a in reference["atoms"])


def brute_count(reference: Mapping[str, Any], limit: int = 2) -> int:
    atoms = validate(reference)
    count = 0
    for values in itertools.product(VALUES, repeat=len(atoms)):
        if not violations(reference, dict(zip(atoms, values, strict=True))):
            count += 1
            if count >= limit:
                break
    return count


def render(formula: list[Any], nested: bool = False) -> str:
    op = formula[0]
    if op == "var":
        return formula[1] if formula[2] == "true" else f"¬{formula[1]}"
    if op == "true":
        return "⊤"
    if op == "false":
        return "⊥"
    if op == "not":
        return f"¬{render(formula[1], True)}"
    symbol = {"and": " ∧ ", "or": " ∨ ", "implies": " → ", "iff": " ↔ "}[op]
    text = symbol.join(render(g, True) for g in formula[1:])
    return f"({text})" if nested and len(formula) > 2 else text


def random_premise(rng: random.Random, atoms: list[str]) -> list[Any]:
    a, b = rng.sample(atoms, 2)
    la = ["var", a, rng.choice(VALUES)]
    lb = ["var", b, rng.choice(VALUES)]
    shape = rng.random()
    if shape < 0.35:
        return ["or", la, lb, ["var", rng.choice(atoms), rng.choice(VALUES)]]
    if shape < 0.65:
        return ["implies", la, lb]
    if shape < 0.8:
        return ["iff", la, lb]
    if shape < 0.9:
        return ["not", ["and", la, lb]]
    return ["or", la, lb]


def prompt(reference: Mapping[str, Any]) -> str:
    lines = [f"Atoms: {', '.join(reference['atoms'])}. These premises all hold:"]
    lines += [f"{i}. {render(p)}" for i, p in enumerate(reference["premises"], 1)]
    lines.append("Exactly one assignment makes them all true. Give the value of every atom.")
    return "\n".join(lines)
