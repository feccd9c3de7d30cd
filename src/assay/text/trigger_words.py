"""A cheap first test before a costly regex: the words any match of it must contain, read off the pattern.

Many readers are one case-insensitive regex of many alternatives (`\\b(?:mistake|oops|...)\\b`) run over
every line; Python's `re` tries every alternative at every position, so a line that says none of the words
pays the whole scan. `compile_guarded(...)` (or `Guarded(re.compile(...))`) is the same pattern with a
first test: it reads, from the parsed pattern, clauses of literal strings such that every match contains
one string of each clause (`wrong` or `mistake` or ...; then `,` or `therefore` or ...), and a text that
lacks a clause cannot match, so the scan is skipped and the answer is the one the scan gives on no match
(None, [], the text itself).

The words come from the pattern itself, so an edited pattern guards itself. The reading is conservative:
what it does not understand (a class, a negative lookaround, an optional part, a backreference) requires
nothing, and a pattern with nothing required is scanned as before; a lookaround that must hold requires
what its body does (the text holds it, inside the match or not). The test applies only to ASCII text, compared
lowercased: `re.I` matches a few other letters to ASCII ones (`ſ` to s, the Kelvin sign to k, `ı` and `İ`
to i), which lowercasing does not, so text that is not ASCII is always scanned. A character outside
ASCII that no ASCII character matches (`✓`, `…`; not the Kelvin sign) is required as itself: ASCII text
never holds it, so an alternative that needs it cannot match there. Pure text work, shared by the
domains' readers (math, logic).
"""

from __future__ import annotations

import functools
import re
import sys
from collections.abc import Callable, Iterator
from re import _parser  # type: ignore[attr-defined]
from typing import Any

Clause = tuple[str, ...]

MAX_CLAUSES = 3  # the most selective clauses kept: each costs a few substring tests per text


class Guarded:
    """A compiled pattern with the first test described in the module; the methods answer as the
    pattern's own do (a match's `re` is the pattern behind its first-character test)."""

    __slots__ = ("_scan", "clauses", "regex")

    def __init__(self, regex: re.Pattern[str]) -> None:
        self.regex = regex
        self.clauses = required_clauses(regex)
        # what is scanned when the words are there: the same matches, tried only where one can start
        self._scan = with_first_character_test(regex)

    @property
    def pattern(self) -> str:
        return self.regex.pattern

    def may_match(self, text: str) -> bool:
        """False only when no match can exist in text (ASCII text lacking one clause's every string)."""
        if not self.clauses or not text.isascii():
            return True
        lowered = text.lower()
        for clause in self.clauses:  # plain loops: this runs for every line, and generators cost more
            for word in clause:
                if word in lowered:
                    break
            else:
                return False
        return True

    def search(self, text: str, pos: int = 0, endpos: int = sys.maxsize) -> re.Match[str] | None:
        return self._scan.search(text, pos, endpos) if self.may_match(text) else None

    def match(self, text: str, pos: int = 0, endpos: int = sys.maxsize) -> re.Match[str] | None:
        return self._scan.match(text, pos, endpos) if self.may_match(text) else None

    def fullmatch(self, text: str, pos: int = 0, endpos: int = sys.maxsize) -> re.Match[str] | None:
        return self._scan.fullmatch(text, pos, endpos) if self.may_match(text) else None

    def finditer(self, text: str, pos: int = 0, endpos: int = sys.maxsize) -> Iterator[re.Match[str]]:
        return self._scan.finditer(text, pos, endpos) if self.may_match(text) else iter(())

    def findall(self, text: str, pos: int = 0, endpos: int = sys.maxsize) -> list[Any]:
        return self._scan.findall(text, pos, endpos) if self.may_match(text) else []

    def sub(self, repl: str | Callable[[re.Match[str]], str], text: str, count: int = 0) -> str:
        return self._scan.sub(repl, text, count) if self.may_match(text) else text

    def split(self, text: str, maxsplit: int = 0) -> list[str | Any]:
        return self._scan.split(text, maxsplit) if self.may_match(text) else [text]


def with_first_character_test(regex: re.Pattern[str]) -> re.Pattern[str]:
    """The same pattern behind a lookahead for the characters a match can start with, read off the
    pattern (`(?=[,\\s])(?:...)`): a pattern that opens with lookbehinds or many alternatives then fails
    at once where no match can start, instead of trying them all at every position. The same matches,
    groups and flags; the pattern itself when its first characters cannot be read (a match may be
    empty, start with any character, or a negated set, or the pattern sets its flags inline)."""
    if _INLINE_FLAGS.match(regex.pattern):
        return regex
    found, nullable = _starts(_parser.parse(regex.pattern, regex.flags).data, regex.flags)
    if found is None or nullable or not found:
        return regex
    return re.compile(f"(?=[{''.join(sorted(found))}])(?:{regex.pattern})", regex.flags)


_INLINE_FLAGS = re.compile(r"\(\?[aiLmsux]+\)")
_CATEGORIES = {
    "CATEGORY_DIGIT": r"\d",
    "CATEGORY_NOT_DIGIT": r"\D",
    "CATEGORY_SPACE": r"\s",
    "CATEGORY_NOT_SPACE": r"\S",
    "CATEGORY_WORD": r"\w",
    "CATEGORY_NOT_WORD": r"\W",
}
_ZERO_WIDTH = ("AT", "ASSERT", "ASSERT_NOT")
_WIDENING = re.IGNORECASE | re.UNICODE | re.LOCALE  # scoped flags that let a class match more


def _starts(items: list[tuple[Any, Any]], flags: int) -> tuple[set[str] | None, bool]:
    """The class items (escaped) a match of the sequence can start with, or None when unknown; and
    whether the sequence can match the empty string. The class takes the whole pattern's flags: a group
    that turns case folding off (`(?-i:...)`) is read as admitting more characters than it does, one
    that turns it (or Unicode classes) on is unknown."""
    found: set[str] = set()
    for op, arg in items:
        name = str(op)
        if name in _ZERO_WIDTH:
            continue
        if name == "LITERAL":
            part: set[str] | None = {re.escape(chr(arg))}
            nullable = False
        elif name == "IN":
            part = _class_items(arg)
            nullable = False
        elif name == "SUBPATTERN" and arg[1] & ~flags & _WIDENING:
            return None, True
        elif name in ("SUBPATTERN", "ATOMIC_GROUP"):
            part, nullable = _starts(arg[3].data if name == "SUBPATTERN" else arg.data, flags)
        elif name == "BRANCH":
            part, nullable = set(), False
            for alternative in arg[1]:
                starts, empty = _starts(alternative.data, flags)
                if starts is None:
                    return None, True
                part |= starts
                nullable = nullable or empty
        elif name in ("MAX_REPEAT", "MIN_REPEAT", "POSSESSIVE_REPEAT"):
            part, nullable = _starts(arg[2].data, flags)
            nullable = nullable or arg[0] == 0
        else:  # any character, a negated literal, a backreference, a conditional: unknown
            return None, True
        if part is None:
            return None, True
        found |= part
        if not nullable:
            return found, False
    return found, True


def _class_items(items: list[tuple[Any, Any]]) -> set[str] | None:
    out: set[str] = set()
    for op, arg in items:
        name = str(op)
        if name == "LITERAL":
            out.add(re.escape(chr(arg)))
        elif name == "RANGE":
            out.add(f"{re.escape(chr(arg[0]))}-{re.escape(chr(arg[1]))}")
        elif name == "CATEGORY" and str(arg) in _CATEGORIES:
            out.add(_CATEGORIES[str(arg)])
        else:  # a negated set: its complement cannot join a union of items
            return None
    return out


def compile_guarded(pattern: str, flags: int = 0) -> Guarded:
    """`re.compile(pattern, flags)` with the first test (see the module)."""
    return Guarded(re.compile(pattern, flags))


def required_clauses(regex: re.Pattern[str]) -> tuple[Clause, ...]:
    """Clauses of lowercase strings, each with one string in every match of regex (lowercased); the
    most selective first, at most MAX_CLAUSES. Empty when nothing is surely required."""
    parsed = _parser.parse(regex.pattern, regex.flags).data
    clauses = list(dict.fromkeys(_fewest(c) for c in _sequence(parsed)))  # in the pattern's order
    ranked = sorted(range(len(clauses)), key=lambda i: _rank(clauses, i))
    return tuple(clauses[i] for i in ranked[:MAX_CLAUSES])


def _rank(clauses: list[Clause] | list[frozenset[str]], i: int) -> tuple[int, int, int, int]:
    """Most selective first: the clause whose shortest string is longest, then the one with the fewest
    strings, then the one with fewer of the commonest letters alone (`p` before `s`: most text holds an
    s), then the later one (`is not`, `is no`: the word after an auxiliary says more than it)."""
    clause = clauses[i]
    common = sum(w in _COMMON_LETTERS for w in clause if len(w) == 1)
    return (-min(len(w) for w in clause), len(clause), common, -i)


_COMMON_LETTERS = "etaoinshrdlu"  # the commonest letters of English text


def _fewest(clause: frozenset[str]) -> Clause:
    """The clause without a string that holds another of it (`the same` holds `same`: a text with `the
    same` has `same`), so a text is tested for fewer strings with the same answer."""
    return tuple(sorted(w for w in clause if not any(v != w and v in w for v in clause)))


def _sequence(items: list[tuple[Any, Any]]) -> list[frozenset[str]]:
    """The clauses a sequence of parsed items requires: a run of literals (ASCII, or matched by no ASCII
    character) is one string, a group or a repeat of at least once requires what its body does, a branch
    one string of each alternative's best clause, a set of characters named one by one (each ASCII or
    matched by no ASCII character) one of them; anything else requires nothing."""
    clauses: list[frozenset[str]] = []
    run = ""
    for op, arg in items:
        name = str(op)
        if name == "LITERAL" and (arg < 128 or _no_ascii_twin(arg)):
            run += chr(arg).lower() if arg < 128 else chr(arg)
            continue
        if run:
            clauses.append(frozenset({run}))
            run = ""
        if name == "SUBPATTERN":
            clauses += _sequence(arg[3].data)
        elif name == "ATOMIC_GROUP":
            clauses += _sequence(arg.data)
        elif name == "ASSERT":
            # a lookahead or lookbehind that must match: what its body requires is in the text, outside
            # the match or not (`,(?=\s*but\b)` needs "but")
            clauses += _sequence(arg[1].data)
        elif name in ("MAX_REPEAT", "MIN_REPEAT", "POSSESSIVE_REPEAT") and arg[0] >= 1:
            clauses += _sequence(arg[2].data)
        elif name == "IN" and all(str(o) == "LITERAL" and (c < 128 or _no_ascii_twin(c)) for o, c in arg):
            # a set of characters named one by one (`[→⇒"]`, and `(?:…|—)`, which `re` reads as one)
            clauses.append(frozenset(chr(c).lower() if c < 128 else chr(c) for _, c in arg))
        elif name == "BRANCH":
            best = [_best(_sequence(alternative.data)) for alternative in arg[1]]
            if all(clause is not None for clause in best):
                clauses.append(frozenset().union(*(c for c in best if c is not None)))
    if run:
        clauses.append(frozenset({run}))
    return clauses


def _best(clauses: list[frozenset[str]]) -> frozenset[str] | None:
    """The most selective clause (`_rank`), or None."""
    if not clauses:
        return None
    return clauses[min(range(len(clauses)), key=lambda i: _rank(clauses, i))]


@functools.lru_cache(maxsize=256)
def _no_ascii_twin(code: int) -> bool:
    """True if no ASCII character matches the character `code` (outside ASCII), even under `re.I`: then
    ASCII text cannot match a pattern that needs it."""
    literal = re.compile(re.escape(chr(code)), re.I)
    return not any(literal.fullmatch(chr(ascii_code)) for ascii_code in range(128))
