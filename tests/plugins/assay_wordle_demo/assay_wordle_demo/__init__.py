"""A demo assay plugin in a new domain, "wordle": find the hidden word from guesses and their clues.

Each clue marks a guess's letters: G (right letter, right place), Y (in the word, elsewhere), . (not
in the word). Every puzzle has exactly one word in the list that fits all clues, so the verifier can
prove an answer right or wrong with nothing but the problem.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any, ClassVar

from assay.plugin import (
    Candidate,
    InputError,
    Problem,
    ProceduralTask,
    Status,
    StepResult,
    StepStatus,
    Verdict,
)

WORDS = [
    "crane",
    "slate",
    "pious",
    "shard",
    "mound",
    "grape",
    "flint",
    "chess",
    "brick",
    "plumb",
    "crank",
    "slant",
    "stone",
    "shark",
    "mouse",
    "graph",
    "fling",
    "chest",
    "bring",
    "plush",
]


def clue(guess: str, word: str) -> str:
    """The clue a guess gets: G, Y or . per letter (a repeated letter is marked at most as often as
    it occurs in the word, greens first, as the game does)."""
    marks = ["."] * 5
    left = [w for g, w in zip(guess, word, strict=True) if g != w]
    for i, (g, w) in enumerate(zip(guess, word, strict=True)):
        if g == w:
            marks[i] = "G"
    for i, g in enumerate(guess):
        if marks[i] == "." and g in left:
            marks[i] = "Y"
            left.remove(g)
    return "".join(marks)


def fitting(words: list[str], clues: list[tuple[str, str]]) -> list[str]:
    return [w for w in words if all(clue(g, w) == c for g, c in clues)]


@dataclass(frozen=True)
class WordleConfig:
    max_guesses: int = 6

    def __post_init__(self) -> None:
        if not 1 <= self.max_guesses <= 10:
            raise ValueError("max_guesses must be in [1, 10]")


class WordlePuzzle(ProceduralTask):
    name: ClassVar[str] = "wordle-demo"
    domain: ClassVar[str] = "wordle"
    description: ClassVar[str] = "find the five-letter word that fits every clue"
    Config: ClassVar[type] = WordleConfig

    def generate(self, seed: int, index: int) -> Problem:
        rng = self.rng(seed, index)
        word = rng.choice(WORDS)
        clues: list[tuple[str, str]] = []
        for guess in rng.sample([w for w in WORDS if w != word], len(WORDS) - 1):
            if len(fitting(list(WORDS), clues)) == 1 or len(clues) >= self.config.max_guesses:
                break
            clues.append((guess, clue(guess, word)))
        if len(fitting(list(WORDS), clues)) != 1:
            clues.append((word, "GGGGG"))  # (rare) the clues left it open: the last guess was right
        lines = "\n".join(f"{g} -> {c}" for g, c in clues)
        prompt = (
            f"Words: {' '.join(WORDS)}\nClues (G right place, Y elsewhere in the word, . not in it):\n"
            f"{lines}\nWhich word is it? End with 'Answer: WORD'."
        )
        trace = "\n".join(f"{g} -> {c} rules out every word that would not give {c}" for g, c in clues)
        reference = {"words": list(WORDS), "clues": [list(c) for c in clues], "answer": word}
        return self.problem(seed, index, prompt, {**reference, "trace": f"{trace}\nAnswer: {word}"})


_ANSWER = re.compile(r"answer\s*[:=]\s*\**\s*([A-Za-z]{5})\b", re.IGNORECASE)


def check_reference(reference: Mapping[str, Any]) -> None:
    words, clues = reference.get("words"), reference.get("clues")
    if not isinstance(words, list) or not all(isinstance(w, str) and len(w) == 5 for w in words):
        raise InputError("'reference.words' must be a list of five-letter words")
    if not isinstance(clues, list) or not all(
        isinstance(c, list) and len(c) == 2 and all(isinstance(x, str) and len(x) == 5 for x in c)
        for c in clues
    ):
        raise InputError("'reference.clues' must be a list of [guess, clue] pairs")


class WordleVerifier:
    """Verified: the one answer given is the one word in the list that fits every clue. Refuted: it
    is not. Unknown: no answer line, or two different answers (a retraction is not guessed at)."""

    name: ClassVar[str] = "wordle-check"
    version: ClassVar[str] = "1"
    domain: ClassVar[str] = "wordle"
    id: ClassVar[str] = "wordle-check@1"
    check_reference = staticmethod(check_reference)

    def verify(self, problem: Problem, candidate: Candidate) -> Verdict:
        reference = problem.reference
        check_reference(reference)
        clues = [(g.lower(), c) for g, c in reference["clues"]]
        fits = fitting([w.lower() for w in reference["words"]], clues)
        answers = {m.lower() for m in _ANSWER.findall(candidate.text)}
        if len(fits) != 1:
            return Verdict(candidate.id, self.id, Status.ERROR, f"the puzzle has {len(fits)} solutions")
        if len(answers) != 1:
            why = "no 'Answer: WORD' line" if not answers else f"several answers {sorted(answers)}"
            return Verdict(candidate.id, self.id, Status.UNKNOWN, why)
        (answer,) = answers
        right = answer == fits[0]
        step = StepResult(1, StepStatus.VERIFIED if right else StepStatus.REFUTED, f"answer {answer}")
        status = Status.VERIFIED if right else Status.REFUTED
        evidence = f"{answer} is the only word that fits" if right else f"{answer} does not fit the clues"
        return Verdict(candidate.id, self.id, status, evidence, steps=(step,))
