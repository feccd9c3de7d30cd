"""Checks shared by the tests of guarded patterns (`assay.text.trigger_words`) in every domain: a guarded
pattern answers exactly as its regex does, on any text."""

from __future__ import annotations

import importlib
import pkgutil
import random
import re
from types import ModuleType

from assay.text.trigger_words import Guarded, required_clauses


def guarded_patterns(package: ModuleType) -> dict[str, Guarded]:
    """Every guarded pattern a module of the package holds at its top level, by `module.NAME`."""
    found: dict[str, Guarded] = {}
    for info in pkgutil.iter_modules(package.__path__):
        module = importlib.import_module(f"{package.__name__}.{info.name}")
        for name, value in vars(module).items():
            if isinstance(value, Guarded) and getattr(module, name) is value:
                found.setdefault(f"{info.name}.{name}", value)
    return found


def random_texts(regex: re.Pattern[str], count: int) -> list[str]:
    """Texts made of the pattern's own words, pieces of its source and stray characters, in mixed case."""
    rng = random.Random(f"trigger-words {regex.pattern}")
    pieces = [w for clause in required_clauses(regex) for w in clause]
    pieces += re.findall(r"[A-Za-z]+|[^\w\s]", regex.pattern)
    pieces += [" ", " ", ",", ".", "...", "…", "\u017f", "\u212a", "k", "x = 4", "no", "9", "✓", "⊥"]
    texts = []
    for _ in range(count):
        text = "".join(rng.choice(pieces) + rng.choice(["", " ", ", "]) for _ in range(rng.randint(0, 8)))
        texts.append(text.upper() if rng.random() < 0.2 else text)
    return texts


def answers_agree(guarded: Guarded, text: str) -> None:
    """The guarded pattern's every method answers on text as the regex's own does."""
    regex = guarded.regex
    found = regex.search(text)
    if found is not None:
        assert guarded.may_match(text), (regex.pattern, text)
    spans = [m.span() for m in guarded.finditer(text)]
    assert spans == [m.span() for m in regex.finditer(text)], text
    for name in ("search", "match", "fullmatch"):
        mine, theirs = getattr(guarded, name)(text), getattr(regex, name)(text)
        assert (mine.span() if mine else None) == (theirs.span() if theirs else None), (name, text)
    assert guarded.findall(text) == regex.findall(text)
    assert guarded.sub("<>", text) == regex.sub("<>", text)
    assert guarded.split(text) == regex.split(text)


def leads_agree(regex: re.Pattern[str], tested: re.Pattern[str], text: str) -> None:
    """The pattern behind a first-character test (`with_first_character_test`) finds what regex does."""
    assert [(m.span(), m.groups()) for m in tested.finditer(text)] == [
        (m.span(), m.groups()) for m in regex.finditer(text)
    ], text
    assert tested.sub("<>", text) == regex.sub("<>", text)
    assert tested.split(text) == regex.split(text)
    assert tested.groupindex == regex.groupindex
