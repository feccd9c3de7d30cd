"""The curation gates at their edges: what the docs promise (character 5-gram shingles of the prompt and
response, Jaccard 0.85, 128 permutations, word 13-grams) is visible in which examples go.

Each near-duplicate case is built so that its true Jaccard similarity, computed here from the documented
definition, sits far on one side of the threshold: MinHash LSH is a sampled estimate, and a pair close
to 0.85 could honestly go either way.
"""

from __future__ import annotations

import dataclasses
import random
import re
import string

import pytest

from assay.loop import curation
from assay.loop.curation import Example, curate


def shingles(example: Example, size: int = 5) -> set[str]:
    """The documented definition: character n-grams of the normalised "prompt response"."""
    text = re.sub(r"\s+", " ", (example.prompt + " " + example.response).strip().lower())
    return {text[j : j + size] for j in range(max(1, len(text) - size + 1))}


def jaccard(a: Example, b: Example, size: int = 5) -> float:
    x, y = shingles(a, size), shingles(b, size)
    return len(x & y) / len(x | y)


def _word(rng: random.Random) -> str:
    return "".join(rng.choice(string.ascii_lowercase) for _ in range(rng.randint(3, 8)))


def _flagged(pairs: list[tuple[Example, Example]]) -> int:
    """How many of the pairs' second examples go as near-duplicates (each pair is curated alone, so
    pairs cannot match each other)."""
    found = 0
    for first, second in pairs:
        kept, counts = curate([first, second])
        assert counts.exact_duplicates == 0
        found += counts.near_duplicates
        assert len(kept) == 2 - counts.near_duplicates
    return found


# -- the shingle: 5 characters, up to and including the text's last one


def _last_character_changed(rng: random.Random, words: int) -> tuple[Example, Example]:
    prompt = "Restate: " + " ".join(_word(rng) for _ in range(words))
    answer = "final answer " + _word(rng)
    other = answer[:-1] + ("q" if answer[-1] != "q" else "x")
    return Example(prompt, answer, "model"), Example(prompt, other, "model")


def test_texts_that_differ_only_in_their_last_character_are_near_duplicates() -> None:
    # about 30 shingles, one of which differs: Jaccard 0.93 or more over 5-grams. A shingling that
    # loses the last window (or adds short tail windows) moves these pairs far from where they are.
    rng = random.Random(3)
    pairs = [_last_character_changed(rng, 3) for _ in range(40)]
    assert all(jaccard(a, b) >= 0.93 for a, b in pairs)
    assert _flagged(pairs) >= 36


@pytest.mark.parametrize(
    ("prompt", "first", "second"),
    [
        # a short question's two different answers: one of three or four shingles differs
        ("7*8=?", "56", "57"),
        ("2+2=", "4", "5"),
        ("Is 91 prime?", "no", "yes"),
        ("3x=21, x=", "7", "8"),
    ],
)
def test_two_different_answers_to_a_short_question_are_both_kept(
    prompt: str, first: str, second: str
) -> None:
    a, b = Example(prompt, first, "model"), Example(prompt, second, "model")
    assert jaccard(a, b) <= 0.8
    kept, counts = curate([a, b])
    assert kept == [a, b] and counts.near_duplicates == 0


def _de_bruijn_walk(rng: random.Random, alphabet: str = "abc", order: int = 4) -> str:
    """A random Eulerian circuit of the de Bruijn graph whose nodes are the order-letter words: every
    (order+1)-letter word over the alphabet appears exactly once, and the (order+2)-letter words depend
    on the route taken."""
    start = alphabet[0] * order
    edges = {
        node: rng.sample(alphabet, len(alphabet)) for node in ("".join(w) for w in _words_of(alphabet, order))
    }
    stack, circuit = [start], []
    while stack:  # Hierholzer's algorithm, edges taken in the random order drawn above
        node = stack[-1]
        if edges[node]:
            stack.append(node[1:] + edges[node].pop())
        else:
            circuit.append(stack.pop())
    circuit.reverse()
    return circuit[0] + "".join(node[-1] for node in circuit[1:])


def _words_of(alphabet: str, length: int) -> list[str]:
    words = [""]
    for _ in range(length):
        words = [w + letter for w in words for letter in alphabet]
    return words


def test_the_shingle_is_five_characters() -> None:
    # two texts with the very same set of 5-grams but different 6-grams: identical under 5-gram
    # shingling (so always near-duplicates), far apart under any longer shingle
    rng = random.Random(11)
    pairs = []
    for _ in range(5):
        a = Example("Sequence:", _de_bruijn_walk(rng), "model")
        b = Example("Sequence:", _de_bruijn_walk(rng), "model")
        assert a.response != b.response
        assert jaccard(a, b, 5) == 1.0 and jaccard(a, b, 6) < 0.5
        pairs.append((a, b))
    assert _flagged(pairs) == 5


# -- the documented tuning values


def test_the_documented_tuning_values() -> None:
    # README (Curation): "MinHash LSH from datasketch: 128 permutations, Jaccard >= 0.85 over character
    # 5-grams" and word 13-grams for contamination; the permutation count has no visible edge of its
    # own (127 or 129 permutations behave alike), so it is pinned here where the docs promise it
    assert (curation.NUM_PERM, curation.NEAR_THRESHOLD, curation.NGRAM) == (128, 0.85, 13)


def test_an_example_is_frozen() -> None:
    example = Example("p", "r", "model")
    with pytest.raises(dataclasses.FrozenInstanceError):
        example.response = "changed"  # type: ignore[misc]


# -- contamination: the eval prompt's n-grams up to its very end, and nothing shorter

LONG = " ".join(f"w{i}" for i in range(40))


@pytest.mark.parametrize(
    ("prompt", "is_contaminated"),
    [
        # the last 13 words of the eval prompt, and the first 13
        ("Consider: " + " ".join(f"w{i}" for i in range(27, 40)) + ". Then answer.", True),
        (" ".join(f"w{i}" for i in range(13)) + " and then something else entirely", True),
        # the last 12 words, or the last one alone, are not a 13-gram
        ("Consider: " + " ".join(f"w{i}" for i in range(28, 40)) + ". Then answer.", False),
        ("Consider w39 only.", False),
        (" ".join(f"w{i}" for i in range(12)) + " and then something else entirely", False),
    ],
)
def test_contamination_reaches_the_eval_prompts_last_word(prompt: str, is_contaminated: bool) -> None:
    kept, counts = curate([Example(prompt, "r", "model")], [LONG])
    assert counts.contaminated == int(is_contaminated)
    assert len(kept) == 1 - int(is_contaminated)
