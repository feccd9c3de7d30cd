"""A speaker's statement written out in full, as puzzles print them: read exactly, or not at all.

Knights puzzles print statements in a small fixed language: "Ben is a knight", "I am a knave", "it is not
the case that ...", "(... and ...)", "... or ... (or both)", "if ..., then ...", "... if and only if ...",
nested with parentheses. A trace that quotes a statement back ('Ava's statement: "(I am a knight or Ben is
a knave)"') is read here against the speaker: "I" is the speaker. The reading is exact or None:

- different connectives side by side without parentheses ("A and B or C") are ambiguous: None;
- a chain of one connective ("A or B or C", "A iff B iff C") is read as that connective over all its
  parts (each of and, or and iff is associative, so the grouping does not matter);
- "if A then B" takes one statement or one parenthesised group as B, and nothing may join it at its level
  ("if A then B and C" is ambiguous: None).

Used only to decide what a quotation says, never as the writer's own claim.
"""

from __future__ import annotations

import re
from typing import Any

Formula = Any

_TOKEN = re.compile(r"\(|\)|,|[A-Za-z][\w'’-]*")
_ROLES = ("knight", "knave")
_NEGATIONS = (("it", "is", "not", "the", "case", "that"), ("it", "is", "false", "that"))
_CONNECTIVES = {("and",): "and", ("or",): "or", ("if", "and", "only", "if"): "iff"}


def statement_formula(text: str, speaker: str, people: list[str]) -> Formula | None:
    """The formula `text` states when `speaker` says it, or None when it is not exactly one."""
    if len(text) > 2_000:
        return None
    stripped = text.strip().strip("\"“”'").strip().rstrip(".!").strip()
    if _TOKEN.sub("", stripped).strip() or not stripped:
        return None  # characters outside the language (digits, other punctuation): not a statement
    tokens = _TOKEN.findall(stripped)
    names = {p.lower(): p for p in people}
    reader = _Reader(tokens, speaker, names)
    formula = reader.expression()
    return formula if formula is not None and reader.at == len(tokens) else None


class _Reader:
    def __init__(self, tokens: list[str], speaker: str, names: dict[str, str]) -> None:
        self.tokens = tokens
        self.lower = [t.lower() for t in tokens]
        self.speaker = speaker
        self.names = names
        self.at = 0

    def _take(self, words: tuple[str, ...]) -> bool:
        end = self.at + len(words)
        if tuple(self.lower[self.at : end]) == words:
            self.at = end
            return True
        return False

    def expression(self) -> Formula | None:
        first = self.unary()
        if first is None:
            return None
        if isinstance(first, _Conditional):
            # "if A then B and C": whether C is part of the result is not written
            return None if any(self._peek(w) for w in _CONNECTIVES) else list(first)
        parts, op = [first], None
        while True:
            found = next(((w, n) for w, n in _CONNECTIVES.items() if self._peek(w)), None)
            if found is None:
                break
            if op is not None and found[1] != op:
                return None  # "A and B or C": which groups first is not written
            self._take(found[0])
            op = found[1]
            part = self.unary()
            if part is None or isinstance(part, _Conditional):
                return None  # "A and if B then C": where the conditional ends is not written
            parts.append(part)
        if op == "or":
            self._take(("(", "or", "both", ")"))
        if op is None:
            return first
        if op == "iff":
            formula = parts[0]
            for part in parts[1:]:
                formula = ["iff", formula, part]
            return formula
        return [op, *parts]

    def _peek(self, words: tuple[str, ...]) -> bool:
        return tuple(self.lower[self.at : self.at + len(words)]) == words

    def unary(self) -> Formula | None:
        for words in _NEGATIONS:
            if self._take(words):
                inner = self.unary()
                return None if inner is None or isinstance(inner, _Conditional) else ["not", inner]
        if self._take(("(",)):
            inner = self.expression()
            if inner is None or not self._take((")",)):
                return None
            return inner
        if self._take(("if",)):
            condition = self.expression_until_then()
            if condition is None:
                return None
            result = self.unary()
            if result is None or isinstance(result, _Conditional):
                return None
            # nothing of this level may join it: "if A then B or C" does not say where the result ends
            return _Conditional(["implies", condition, result])
        return self.atom()

    def expression_until_then(self) -> Formula | None:
        depth, end = 0, None
        for k in range(self.at, len(self.tokens)):
            word = self.lower[k]
            depth += word == "("
            depth -= word == ")"
            if depth < 0:
                return None
            if depth == 0 and word == "then":
                end = k
                break
        if end is None:
            return None
        inner = _Reader(self.tokens[self.at : end], self.speaker, self.names)
        tail = inner.tokens[-1:] == [","]
        if tail:
            inner = _Reader(self.tokens[self.at : end - 1], self.speaker, self.names)
        condition = inner.expression()
        if condition is None or inner.at != len(inner.tokens):
            return None
        self.at = end + 1
        return condition

    def atom(self) -> Formula | None:
        word = self.lower[self.at] if self.at < len(self.tokens) else ""
        if word == "i" and self._peek(("i", "am", "a")):
            who = self.speaker
            self.at += 3
        elif word in ("i'm", "i’m") and self._peek((word, "a")):
            who = self.speaker
            self.at += 2
        elif word in self.names and self._peek((word, "is", "a")):
            who = self.names[word]
            self.at += 3
        else:
            return None
        role = self.lower[self.at] if self.at < len(self.tokens) else ""
        if role not in _ROLES:
            return None
        self.at += 1
        return ["var", who, role]


class _Conditional(list):  # type: ignore[type-arg]
    """An "if ... then ...": nothing may join it at its level without parentheses."""
