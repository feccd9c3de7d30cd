"""An answer doubted, supposed or taken back without a named mistake is no committed answer (doubted.py,
answer_phrases.py), and a unit math-verify reads as letters leaves the answer unknown (answer.py)."""

from __future__ import annotations

import pytest

from assay.domains.math.check import check_answer_job, check_trace_job
from assay.domains.math.doubted import doubt_at

PRODUCT = "What is $7 \\times 8$?"


def _answer(response: str, reference: str = "56", prompt: str = PRODUCT) -> str:
    job = {"prompt": prompt, "reference": {"answer": reference}, "task": "", "response": response}
    status: str = check_answer_job(job)["status"]
    return status


@pytest.mark.parametrize(
    ("text", "doubts"),
    [
        ("No.", True),
        ("Nope", True),
        ("Actually no.", True),
        ("**No.**", True),
        ("Wrong!", True),
        ("Not!", True),
        ("Ignore that.", True),
        ("Hmm, that does not look right.", True),
        ("The answer is 56; no, 54.", True),
        ("The answer is 56 — just kidding, it is 54.", True),
        ("The answer is 56... or is it? No: 54.", True),
        ("There is no solution.", False),
        ("No need to check.", False),
        ("So x = 4, not 5.", False),
        ("The number 7 is not prime.", False),
        ("x = 3 (no other roots)", False),
        # a doubt said without naming a value
        ("Hmm, I might have made an error.", True),
        ("I may have miscounted.", True),
        ("I might have made it simpler.", False),
        ("I think.", True),
        ("Hmm, I guess so.", True),
        ("Not confident.", True),
        ("I'm not 100% sure.", True),
        ("(unverified)", True),
        ("Probably wrong.", True),
        ("Hmm, I doubt it.", True),
        ("I think the answer is 56.", False),
        ("I hope it is correct.", False),
        ("Guessing will not help here.", False),
        # a response that disowns any answer, naming none
        ("I cannot determine the answer.", True),
        ("Hmm, there is not enough information to decide.", True),
        ("This is a trick question.", True),
        ("But that ignores the tax, so the answer is unknown.", True),
        ("Confidence: low", True),
        ("I can tell the answer is 56.", False),
        ("We can determine x from the second equation.", False),
        ("Let x be the unknown number.", False),
        # a value said, then asked about
        ("Right?", True),
        ("56... right?", True),
        ("Correct?", True),
        ("**OK?**", True),
        ("Is that right? Yes, 7 × 8 = 56.", False),
        ("Right, so the answer is 56.", False),
        ("The right answer is 56.", False),
    ],
)
def test_doubt_at(text: str, doubts: bool) -> None:
    assert (doubt_at(text) is not None) is doubts


@pytest.mark.parametrize(
    "closing",
    [
        "The answer is 56 — just kidding, it is 54.",
        "The answer is 56; no, 54.",
        "The answer is 56... no, 54.",
        "The answer is 56 (not really).",
        "The answer is 56... or is it? No: 54.",
        "The answer is 56. Nope.",
        "The answer is 56. Not!",
        "The answer is 56. Ignore that.",
        "Final answer: 56\n\nActually no.",
        "Final answer: 56\n\nProbably wrong.",
        "Final answer: 56\n\nNot confident.",
        "Final answer: 56\n\nNo.",
        "Final answer: 56\n\nHmm, that does not look right.",
        "Final answer: 56\n\nWrong!",
        "$\\boxed{56}$. Just kidding.",
        "$\\boxed{56}$ — or is it?",
        # the sentence doubts, supposes or reports the answer
        "I am not sure if the answer is 56.",
        "I doubt the answer is 56.",
        "Suppose the answer is 56.",
        "We need to check whether the answer is 56.",
        "It is wrong to say the answer is 56.",
        "Some might think the answer is 56.",
        "Hmm, maybe the answer is 56.",
        "I guess the answer is $\\boxed{56}$.",
        "I am not sure the answer is $\\boxed{56}$.",
        "Maybe $\\boxed{56}$.",
        "Most likely the answer is 56.",
        "Tentative answer: 56",
        "The answer is 56. Lol no, 54.",
        "The answer is 56. Or not.",
        "The answer is 56. Psych!",
        "Answer: 56 — though I may be wrong.",
        "$\\boxed{56}$\n\nThis might be wrong.",
        "$\\boxed{56}$\n\nI am not confident in this answer.",
        "The answer is 56, but I am not entirely sure.",
        "Answer: 56\n\nAm I sure? No.",
        "Answer: 56. Is that right? Nope.",
        "Answer: 56\n\nConfidence: low",
        "7 × 8 = 56\n\nI cannot determine the answer.",
        "$\\boxed{56}$\n\nThis is a trick question: nobody can multiply.",
        # the value asked about, not said
        "The answer is 56. Right?",
        "So the answer is 56... right?",
        "Final answer: 56\n\nCorrect?",
        "$\\boxed{56}$?",
        "Answer: 56 ✓?",
        "The answer is 56 ✅ right?",
    ],
)
def test_a_doubted_answer_is_not_verified(closing: str) -> None:
    assert _answer("7 × 8 = 56.\n\n" + closing) == "unknown"


@pytest.mark.parametrize(
    ("closing", "status"),
    [
        ("Hmm, no. The answer is 54.", "refuted"),  # the answer after the doubt is the one that counts
        ("No, wait: the answer is $\\boxed{54}$.", "refuted"),
        ("The answer is 56 (not 54).", "verified"),
        ("The answer is 56 (not fifty-four).", "verified"),
        ("So the answer is 56.", "verified"),
        ("Therefore, the final answer is 56.", "verified"),
        ("Hence the answer is 56. Or, equivalently, fifty-six.", "verified"),
        ("The answer is 56. But no other value works.", "verified"),
        # a `no` that answers a question about another value rules that value out
        ("**Answer: 56**\n\nExplanation: 7 × 8 = 56. Could it be 54? No.", "verified"),
        ("Answer: 56\n\nIs 56 odd? No.", "verified"),
        ("I am not sure at first, but 7 × 8 = 56.\n\nThe answer is 56.", "verified"),
        ("Thus the answer is $\\boxed{56}$.", "verified"),
        ("The answer is 56. Is 56 even? Yes.", "verified"),
    ],
)
def test_an_answer_stated_plainly_is_read(closing: str, status: str) -> None:
    assert _answer("7 × 8 = 56.\n\n" + closing) == status


AREA = "A rectangle is 5 cm by 4 cm. What is its area in square centimeters?"


@pytest.mark.parametrize("value", ["20", "21"])
@pytest.mark.parametrize(
    "boxed",
    [
        "$\\boxed{{{0}\\text{{ cm}}^2}}$",
        "$\\boxed{{{0}\\,\\mathrm{{cm}}^2}}$",
        "$\\boxed{{{0} \\text{{ square centimeters}}}}$",
        "$\\boxed{{{0} \\text{{ dollars}}}}$",
        "$\\boxed{{{0}\\text{{ km/h}}}}$",
    ],
)
def test_a_unit_read_as_letters_is_neither_refuted_nor_verified(value: str, boxed: str) -> None:
    job = {"prompt": AREA, "reference": {"answer": "20"}, "task": "", "response": boxed.format(value)}
    assert check_answer_job(job)["status"] == "unknown"
    assert check_trace_job(job)["status"] == "unknown"


def test_a_wrong_expression_in_the_reference_letters_is_still_refuted() -> None:
    assert _answer("$\\boxed{2x+3}$", "2x+2", "Simplify $2(x+1)$.") == "refuted"
    assert _answer("$\\boxed{2y+2}$", "2x+2", "Simplify $2(x+1)$.") == "unknown"


@pytest.mark.parametrize(
    ("prompt", "reference", "response", "status"),
    [
        ("Compute $i^2 + 1$.", "0", "$i^2 = -1$\n$-1 + 1 = 0$\n\nAnswer: 0", "unknown"),
        ("Compute $(1+i)(1-i)$.", "2", "$(1+i)(1-i) = 1 - i^2 = 1 - (-1) = 2$\n\nAnswer: 2", "unknown"),
        ("Compute $(1+i)(1-i)$.", "2", "$(1+i)(1-i) = 1 - i^2 = 1 + 1 = 3$\n\nAnswer: 2", "refuted"),
        ("Compute $i^2 + 1$.", "0", "$i^2 = 1$\n$1 + 1 = 2$\n\nAnswer: 2", "refuted"),
    ],
)
def test_an_equation_in_the_imaginary_unit_is_not_solved_over_the_reals(
    prompt: str, reference: str, response: str, status: str
) -> None:
    job = {"prompt": prompt, "reference": {"answer": reference}, "task": "", "response": response}
    assert check_trace_job(job)["status"] == status


@pytest.mark.parametrize(
    "closing",
    [
        "Hmm, I think the answer might be different.",
        "The answer may be different.",
        "I suspect the result could be something else.",
        "Hmm, that seems too small.",
        "That's way too big.",
        "Wait, this looks too low.",
        "Hmm, but the problem says 8 per row.",
        "But the question asks for the sum.",
    ],
)
def test_a_doubt_of_the_value_after_the_answer_leaves_it_uncommitted(closing: str) -> None:
    assert doubt_at(closing) is not None
    assert _answer(f"7 × 8 = 56\n\nThe answer is 56.\n\n{closing}") != "verified"


@pytest.mark.parametrize(
    "text",
    [
        "The difference may be large.",
        "The total is too large to fit in one box, so we use 3 boxes.",
        "It is different.",
    ],
)
def test_words_of_size_or_difference_that_doubt_nothing(text: str) -> None:
    assert doubt_at(text) is None


@pytest.mark.parametrize("closing", ["Answer - 4", "Answer – 4", "Answer −4", "Answer – x = 4"])
def test_a_dash_after_the_answer_word_is_a_separator_or_a_minus(closing: str) -> None:
    """`Answer - 4` says 4 or -4: neither reading is taken (4 was refuted as -4 before, and -4 verified)."""
    prompt = "Solve for x: 3x + 5 = 17"
    job = {
        "prompt": prompt,
        "reference": {"answer": "4"},
        "task": "",
        "response": "3x = 12\nx = 4\n" + closing,
    }
    assert check_trace_job(job)["status"] == "unknown"
    assert _answer(closing, "4", prompt) == "unknown"
    assert _answer(closing, "-4", "Solve for x: x + 9 = 5") == "unknown"


@pytest.mark.parametrize(
    ("closing", "status"),
    [
        ("Ans: 56", "verified"),  # the abbreviation before a colon or a stop is the answer word
        ("**Ans:** $\\boxed{56}$", "verified"),
        ("Ans: 54", "refuted"),
        ("Ans: 56 or 54", "unknown"),
        ("Ans: 56?", "unknown"),
        ("ans = 54", "unknown"),  # a name in a program, not a label
    ],
)
def test_the_answer_word_abbreviated(closing: str, status: str) -> None:
    assert _answer("7 × 8 = 56.\n\n" + closing) == status
