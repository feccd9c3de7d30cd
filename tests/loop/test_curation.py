"""Curation gates: duplicates, near-duplicates (MinHash LSH recall), contamination, human share."""

from __future__ import annotations

import random
import string

import pytest

from assay.errors import AssayError
from assay.loop.curation import Example, GateCounts, check_human_share, curate


def _text(rng: random.Random, words: int = 40) -> str:
    return " ".join(
        "".join(rng.choice(string.ascii_lowercase) for _ in range(rng.randint(3, 8))) for _ in range(words)
    )


def test_exact_duplicates_go_whatever_the_spacing_and_case() -> None:
    examples = [
        Example("Solve for x: 2x = 4", "x=2", "model"),
        Example("solve for x:  2x = 4", "X=2 ", "model"),
    ]
    kept, counts = curate(examples)
    assert len(kept) == 1 and counts.exact_duplicates == 1


def test_near_duplicates_are_found_with_high_recall_and_distinct_texts_kept() -> None:
    rng = random.Random(0)
    originals = [_text(rng) for _ in range(400)]
    near = []
    for text in originals[:200]:  # one character changed: true Jaccard of 5-gram shingles about 0.97
        i = rng.randrange(len(text))
        near.append(text[:i] + ("z" if text[i] != "z" else "y") + text[i + 1 :])
    examples = [Example("p", t, "model") for t in originals + near]
    kept, counts = curate(examples)
    recall = counts.near_duplicates / len(near)
    assert recall >= 0.9, recall
    assert len(kept) == len(examples) - counts.near_duplicates  # what is counted as a near-duplicate goes
    assert counts.exact_duplicates == 0
    assert all(
        e.response in kept_texts for e in examples[:400] for kept_texts in [{k.response for k in kept}]
    )


def test_decontamination_drops_eval_prompts_and_long_overlaps() -> None:
    eval_prompts = ["Solve for x: 3x + 1 = 10", "a long question " + " ".join(f"w{i}" for i in range(30))]
    examples = [
        Example("Solve for x: 3x + 1 = 10", "x=3", "model"),  # the eval prompt itself
        Example("Solve for x: 3x + 1 = 11", "x=10/3", "model"),  # same template, different problem
        Example("prefix " + " ".join(f"w{i}" for i in range(5, 25)), "r", "model"),  # a 13-gram overlap
    ]
    kept, counts = curate(examples, eval_prompts)
    assert [e.prompt for e in kept] == ["Solve for x: 3x + 1 = 11"]
    assert counts.contaminated == 2


def test_human_share_gate() -> None:
    examples = [Example(f"p{i}", "r", "human" if i < 2 else "model") for i in range(10)]
    _, counts = curate(examples)
    assert counts.human_share == pytest.approx(0.2)
    check_human_share(counts.human_share, 0.2, override=False)
    with pytest.raises(AssayError, match="below the minimum"):
        check_human_share(counts.human_share, 0.3, override=False)
    check_human_share(counts.human_share, 0.3, override=True)


LONG = " ".join(f"w{i}" for i in range(40))  # an eval prompt of 40 words


@pytest.mark.parametrize(
    ("prompt", "is_contaminated"),
    [
        # a shared run of 13 words is contamination; 12 is not
        ("intro " + " ".join(f"w{i}" for i in range(10, 23)) + " outro words here and more", True),
        ("intro " + " ".join(f"w{i}" for i in range(10, 22)) + " outro words here and more", False),
        # long prompts that share nothing with the eval set are kept
        (" ".join(f"v{i}" for i in range(40)), False),
        # a short eval question is caught inside a longer prompt too, but not when it is changed
        ("Please answer this one: solve for x: 3x + 1 = 10. Show every step of your work.", True),
        ("Please answer this one: solve for x: 3x + 1 = 11. Show every step of your work.", False),
        ("solve for x: 3x + 1 = 10", True),
    ],
)
def test_contamination_is_a_shared_13_gram_or_a_whole_short_eval_prompt(
    prompt: str, is_contaminated: bool
) -> None:
    kept, counts = curate([Example(prompt, "r", "model")], [LONG, "Solve for x: 3x + 1 = 10"])
    assert (counts.contaminated == 1) is is_contaminated
    assert len(kept) == (0 if is_contaminated else 1)


def test_empty_counts() -> None:
    kept, counts = curate([])
    assert kept == [] and counts == GateCounts() and counts.human_share == 0.0
    assert (counts.kept, counts.exact_duplicates, counts.near_duplicates, counts.contaminated) == (0, 0, 0, 0)


@pytest.mark.parametrize("empty", ["", "   ", "\n"])
def test_an_empty_eval_prompt_contaminates_nothing(empty: str) -> None:
    kept, counts = curate([Example("Solve 2x=4", "x=2", "model")], ["What is 1+1?", empty])
    assert len(kept) == 1 and counts.contaminated == 0
    # and the other eval prompts still count
    kept, counts = curate([Example("What is 1+1?", "2", "model")], ["What is 1+1?", empty])
    assert kept == [] and counts.contaminated == 1
