"""The propositional formula parser: a small allow-list grammar over a puzzle's atoms (never eval), used
by the readers of a response (`propositional_read.py`, `propositional_steps.py`).
"""

from __future__ import annotations

import re
from typing import Any

# --- reading claims ------------------------------------------------------------------------------------
# A clause is a formula over the atoms, read by a small allow-list parser (never eval): atoms, values
# (p = true, q: F, r is false, s ≠ T), ¬ ~ ! not and a minus before an atom ("-p"), ∧ & and, ∨ | or,
# → -> => implies, ↔ <-> <=> iff, brackets;
# a comma or "and" between parts is a conjunction. Grouped forms "True: p, r" and "p and r are true" too.
# A word the parser does not know makes the whole clause unreadable (unknown, if it names an atom).

VALUE = {"true": "true", "t": "true", "1": "true", "⊤": "true", "yes": "true"}
VALUE |= {"false": "false", "f": "false", "0": "false", "⊥": "false", "no": "false"}
TOKEN = re.compile(
    r"\s*(?:(?P<iff>↔|⇔|<->|<=>|\bif\s+and\s+only\s+if\b|\biff\b|\bis\s+equivalent\s+to\b)|"
    r"(?P<imp>→|⇒|->|=>|\bimplies\b)|(?P<neq>≠|!=|\bis\s+not\b|\bnot\s+equal\s+to\b)|"
    r"(?P<eq>:=|==|=|≡|←|:|\bis\b|\bequals\b)|(?P<not>¬|~|!|\bnot\b|-(?=[A-Za-z(¬~!]))|(?P<and>∧|&&|&|\band\b|\bboth\b)|"
    r"(?P<or>∨|\|\||\bor\b|\beither\b)|(?P<comma>[,;])|(?P<lp>\()|(?P<rp>\))|(?P<word>[^\s(),;:=!¬~&|∧∨→↔⇒⇔≠≡←]+))",
    re.I,
)


class Unreadable(Exception):
    """Raised inside the parser: the clause is not a formula it knows."""


class Parser:
    def __init__(self, atoms: set[str], text: str) -> None:
        self.atoms = atoms
        self.tokens: list[tuple[str, str]] = []
        pos = 0
        text = re.sub(r"\bnot-(?=[A-Za-z(])", "not ", text.strip(), flags=re.I)  # "not-p" is one negation
        while pos < len(text):
            m = TOKEN.match(text, pos)
            if m is None or m.end() == pos:
                raise Unreadable
            kind = m.lastgroup or ""
            self.tokens.append((kind, m.group(kind)))
            pos = m.end()
        self.i = 0

    def peek(self) -> str:
        return self.tokens[self.i][0] if self.i < len(self.tokens) else ""

    def take(self) -> tuple[str, str]:
        if self.i >= len(self.tokens):
            raise Unreadable
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

    def _binds_to_atom(self) -> bool:
        """True if the value after the atom just taken is that atom's: the atom opens the clause, a
        bracket, a list item, or follows a connective whose left side is itself an assignment ("p = true
        and q = false", "p is true or q is false"). After "p ∨" or "p →" the value may be the compound's
        ("p ∨ r is false"), so it is not bound to r."""
        k = self.i - 1  # the atom
        before = self.tokens[k - 1][0] if k >= 1 else ""
        if before in ("and", "or") and (k == 1 or self.tokens[k - 2][0] in ("lp", "comma")):
            before = ""  # "either q is true or ...", "both p = true and ...": a word before the first item
        if before in ("", "lp", "comma", "not"):
            return before != "not" or self._binds_after_not(k - 1)
        if before not in ("and", "or", "imp", "iff"):
            return False
        # the left side of the connective must end "= value"
        return k >= 3 and self.tokens[k - 3][0] in ("eq", "neq") and self.tokens[k - 2][1].lower() in VALUE

    def _binds_after_not(self, k: int) -> bool:
        """'¬r = false' binds as (¬r) or ¬(r = false) alike, unless the "not" itself follows a connective
        of a compound ("p ∨ ¬r is false")."""
        before = self.tokens[k - 1][0] if k >= 1 else ""
        if before in ("", "lp", "comma"):
            return True
        if before not in ("and", "or", "imp", "iff"):
            return False
        return k >= 3 and self.tokens[k - 3][0] in ("eq", "neq") and self.tokens[k - 2][1].lower() in VALUE

    def primary(self) -> list[Any]:
        kind, text = self.take()
        if kind == "lp":
            inner = self.top()
            if self.take()[0] != "rp":
                raise Unreadable
            return inner
        if kind == "word" and text.lower() in ("true", "false", "⊤", "⊥"):
            return ["true"] if VALUE[text.lower()] == "true" else ["false"]
        if kind != "word" or text not in self.atoms:
            raise Unreadable
        atom = ["var", text, "true"]
        if self.peek() in ("eq", "neq"):
            if not self._binds_to_atom():
                # "p ∨ r is false": the value is said of the whole compound, not of r alone
                raise Unreadable
            op = self.take()[0]
            if self.peek() == "not":  # "p is not true" read as neq already; "p = not true" is odd
                raise Unreadable
            value_kind, value = self.take()
            if value_kind != "word" or value.lower() not in VALUE or value in self.atoms:
                # "s = t" in a puzzle with an atom t: the atom, not the value true (not read)
                raise Unreadable
            atom = ["var", text, VALUE[value.lower()]]
            return atom if op == "eq" else ["not", atom]
        return atom


def mentions_atom(formula: list[Any]) -> bool:
    if formula[0] == "var":
        return True
    return any(mentions_atom(g) for g in formula[1:] if isinstance(g, list))


def formula(atoms: set[str], text: str) -> list[Any]:
    """The whole text as one formula over the atoms; raises Unreadable when it is not one."""
    parser = Parser(atoms, text)
    found = parser.top()
    if parser.i != len(parser.tokens):
        raise Unreadable
    return found
