"""A heading or a line that ends in `:` naming the work that follows with the prompt's own numbers claims
nothing (quotes.introduces); one that states a value, a result or another meaning stays unread."""

from __future__ import annotations

import pytest

from assay.domains.math.quotes import introduces, prompt_quotes

CAR = "A car travels 120 km in 2 hours. How many km does it travel in 5 hours at the same speed?"


@pytest.mark.parametrize(
    ("line", "introduced"),
    [
        ("Then the distance in 5 hours:", True),
        ("## Step 2: Calculate the distance traveled in 5 hours", True),
        ("**Step 2: Distance in 5 hours**", True),
        ("Step 1: the speed over 120 km", True),
        # a number the prompt does not give, or gives another meaning
        ("Then the distance in 6 hours:", False),
        ("The car goes 5 km:", False),
        ("Step 2: the 120 hours", False),
        ("Two weeks have 14 days:", False),
        # a result, a relation, a comparison
        ("So 5 hours are left:", False),
        ("In total 5 hours:", False),
        ("Distance in 5 hours = 300:", False),
        ("Twice the 5 hours:", False),
        # neither a heading nor a lead-in
        ("The car travels in 5 hours.", False),
        ("Then the distance in 5.5 hours:", False),
    ],
)
def test_introduces(line: str, introduced: bool) -> None:
    assert introduces(line, prompt_quotes(CAR)) is introduced


EGGS = (
    "Janet's ducks lay 16 eggs per day. She eats three for breakfast every morning and bakes muffins for her "
    "friends every day with four. She sells the remainder at the farmers' market daily for $2 per fresh duck "
    "egg. How much in dollars does she make every day at the farmers' market?"
)


@pytest.mark.parametrize(
    ("line", "introduced"),
    [
        ("**Step 1: The 16 eggs laid each day**", True),
        # a verb the prompt does not say of the number: a claim about it
        ("**Step 2: Money from selling 16 eggs**", False),
        ("### Step 2: Revenue at $3 per egg", False),
    ],
)
def test_a_heading_says_the_prompts_words_of_its_numbers(line: str, introduced: bool) -> None:
    assert introduces(line, prompt_quotes(EGGS)) is introduced
