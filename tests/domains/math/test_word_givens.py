"""Word problems: lines that say the prompt's givens again, signed values, a square's four sides, a
fraction written as the answer, an answer in dollars for a prompt in cents, and closing sentences with a
negative value or the substance the prompt names. Each reading comes with the lines built to slip
through it: another person, another rate, another sign, another substance, a conversion that is false."""

from __future__ import annotations

import pytest

from assay.domains.math.answer_sentence import sentence_answer
from assay.domains.math.check import check_trace_job
from assay.domains.math.quotes import prompt_quotes, restates
from assay.domains.math.units import asked_units
from assay.domains.math.word_definitions import definition, relations
from assay.domains.math.wordy import given_numbers

SAM = "Sam saves $15 each week. How many weeks does he need to save $180?"
TOM = "Tom has $45. He spends $12 on a book and $8 on lunch. How much money does he have left?"
TWO = "Ann has 12 apples and Ben has 5 apples. He eats 2 of his apples. How many apples does Ann have?"
COLD = (
    "The temperature is -4 degrees at night and rises 9 degrees by morning. What is the temperature in the"
    " morning?"
)
LILY = "Lily reads 25 pages a day. How many pages does she read in 6 days?"
DIVER = "A diver is at -12 meters. She rises 5 meters and then dives 8 meters. What is her final depth?"
CANDY = "A bag of candy costs 50 cents. How many dollars do 12 bags cost?"
CAKE = "A cake is cut into 12 slices. 5 slices are eaten. What fraction of the cake is left?"
FLOUR = "A recipe uses 3 cups of flour per cake. How many cups are needed for 5 cakes?"


def _status(prompt: str, answer: str, response: str) -> str:
    job = {"prompt": prompt, "reference": {"answer": answer}, "response": response}
    return str(check_trace_job(job)["status"])


@pytest.mark.parametrize(
    ("prompt", "line"),
    [
        (SAM, "Sam needs $180 and saves $15 per week."),
        (SAM, "Sam needs $180."),  # `he` in the prompt's question is its one person
        (TOM, "Tom starts with $45."),  # the prompt's first number is where it starts
        (TOM, "Tom had $45 at first."),
        (TOM, "Tom spends $12 on a book and $8 on lunch."),
        (TWO, "Ann has 12 apples."),
        (COLD, "Start: -4 degrees."),
        (COLD, "Start: −4 degrees."),
        (COLD, "It rises 9 degrees."),
        (LILY, "Lily reads 25 pages per day for 6 days."),
    ],
)
def test_a_line_that_says_the_givens_again_restates_them(prompt: str, line: str) -> None:
    assert restates(line, prompt_quotes(prompt))


@pytest.mark.parametrize(
    ("prompt", "line"),
    [
        (SAM, "Sam needs $15 and saves $180 per week."),  # the numbers swapped
        (SAM, "Sam saves $180 each week."),  # a rate the prompt gives 15, not 180
        (SAM, "Sam saves $15 each day."),  # another rate
        (SAM, "Sam starts with $180."),  # not the first number
        (SAM, "Sam needs -$180."),  # another sign
        (SAM, "Sam does not need $180."),
        (TOM, "Tom starts with $12."),
        (TOM, "Tom spends $8 on a book and $12 on lunch."),  # what each buys, swapped
        (TOM, "He spends $8 on a book."),  # the $8 went on lunch
        (TOM, "Tom spends $45 on a book."),
        (TWO, "Ann has 5 apples."),  # Ben's 5
        (TWO, "Ann eats 2 of her apples."),  # `he` is one of two people: not Ann by name
        (COLD, "Start: 4 degrees."),
        (COLD, "The temperature is 4 degrees at night."),  # -4, said without its sign
        (COLD, "Start: 9 degrees."),
        (COLD, "It rises -9 degrees."),
        (LILY, "Lily reads 6 pages per day for 25 days."),
        (LILY, "Lily reads 25 pages a week."),
        (LILY, "Lily reads 25 pages a day, not 6 days."),
    ],
)
def test_a_line_that_changes_a_given_does_not_restate_it(prompt: str, line: str) -> None:
    assert not restates(line, prompt_quotes(prompt))


@pytest.mark.parametrize(
    ("prompt", "answer", "response"),
    [
        (DIVER, "-15", "-12 + 5 = -7\n-7 - 8 = -15\nHer final depth is -15 meters."),
        (DIVER, "-15", "-12 + 5 = -7\n-7 - 8 = -15\nHer final depth is −15 meters."),
        (COLD, "5", "Start: -4 degrees.\n-4 + 9 = 5\nThe temperature in the morning is 5 degrees."),
        (SAM, "12", "Sam needs $180 and saves $15 per week.\n180 ÷ 15 = 12\nHe needs **12 weeks**."),
        (TOM, "25", "Tom starts with $45.\nHe spends $12 + $8 = $20.\n$45 - $20 = $25.\nTom has $25 left."),
        (
            "A square has a perimeter of 36 cm. What is the length of one side?",
            "9",
            "Each side is 36 ÷ 4 = 9 cm.\n\n**Answer:** 9 cm",
        ),
        ("A square garden has sides of 7 m. What is its perimeter?", "28", "Perimeter = 4 × 7 = 28 m."),
        (FLOUR, "15", "3 × 5 = 15\nSo 15 cups of flour are needed."),
        (CANDY, "6", "12 × 50 = 600 cents\n600 cents = $6\nThe answer is $6."),
        (CANDY, "6", "12 × 50 = 600 cents\n600 ÷ 100 = 6\nThe answer is $6."),
        (CAKE, "7/12", "12 − 5 = 7 slices are left.\nSo 7/12 of the cake is left."),
    ],
)
def test_correct_solutions_verify(prompt: str, answer: str, response: str) -> None:
    assert _status(prompt, answer, response) == "verified"


@pytest.mark.parametrize(
    ("prompt", "answer", "response"),
    [
        # a given restated with another value, then true arithmetic: the restatement is unread
        (COLD, "5", "The temperature is 4 degrees at night.\n-4 + 9 = 5\nIt is 5 degrees in the morning."),
        (SAM, "12", "Sam saves $180 each week.\n180 ÷ 15 = 12\nHe needs **12 weeks**."),
        # a sign lost or a step from a value nobody computed
        (DIVER, "-15", "-12 + 5 = -7\n-7 - 8 = -15\nHer final depth is 15 meters."),
        (DIVER, "-15", "-12 + 5 = -7\n-6 - 8 = -14\nHer final depth is -14 meters."),
        # a false conversion, an answer in cents, a fraction of numbers from nowhere or another fraction
        (CANDY, "6", "12 × 50 = 600 cents\n600 cents = $60\nThe answer is $60."),
        (CANDY, "6", "12 × 50 = 600 cents\nSince $1 = 10 cents, 600 cents = $60.\nThe answer is $6."),
        (CAKE, "7/12", "12 − 5 = 7 slices are left.\nSo 14/24 of the cake is left."),
        (CAKE, "7/12", "12 − 5 = 7 slices are left.\nSo 5/12 of the cake is left."),
        # another substance than the prompt's
        (FLOUR, "15", "3 × 5 = 15\nSo 15 cups of sugar are needed."),
    ],
)
def test_slips_and_lines_built_to_slip_through_fail(prompt: str, answer: str, response: str) -> None:
    assert _status(prompt, answer, response) != "verified"


@pytest.mark.parametrize(
    ("sentence", "value"),
    [
        ("Her final depth is -15 meters.", "-15"),
        ("Her final depth is −15 meters.", "-15"),
        ("Her final depth is - 15 meters.", None),  # a minus standing apart is no sign
        ("Her final depth is -15 - 3 meters.", None),
        ("Her final depth is --15 meters.", None),
        ("Her final depth is not -15 meters.", None),
    ],
)
def test_a_closing_sentence_reads_a_signed_value(sentence: str, value: str | None) -> None:
    assert sentence_answer(sentence, asked_units(DIVER)) == value


@pytest.mark.parametrize(
    ("sentence", "value"),
    [
        ("So 15 cups of flour are needed.", "15"),
        ("15 cups of sugar are needed.", None),
        ("15 cups of flour are not needed.", None),
        ("15 cups of flour are eaten.", None),
    ],
)
def test_a_closing_sentence_may_name_the_prompts_substance(sentence: str, value: str | None) -> None:
    assert sentence_answer(sentence, asked_units(FLOUR)) == value


@pytest.mark.parametrize(
    ("prompt", "four"),
    [
        ("A square garden has sides of 7 m. What is its perimeter?", True),
        ("Each of the squares on the board is 3 cm wide. How long are 5 of them?", True),
        ("A rug covers 36 square feet. It is 9 feet long. How wide is it?", False),  # a unit of area
        ("A field of 36 square meters is 9 m long. How wide is it?", False),
        ("What is the square of 7?", False),  # a power
        ("What is the square root of 49?", False),
    ],
)
def test_a_square_gives_its_four_sides_only_as_a_shape(prompt: str, four: bool) -> None:
    assert (4 in given_numbers(prompt)) is four


EMMA = "Emma is 3 times as old as Jack. The sum of their ages is 32. How old is Emma?"
PAIR = "The sum of two consecutive integers is 41. What is the larger integer?"
BOOK = "A book has 320 pages. Nina reads 40 pages a day. How many days will it take her to finish the book?"
BOX = "A rectangle has a length of 12 cm and a width of 5 cm. What is its area?"


@pytest.mark.parametrize(
    ("prompt", "answer", "response"),
    [
        # a quantity named in the unknown, the unknown solved, the quantity computed from it
        (
            EMMA,
            "24",
            "Let Jack's age be x. Then Emma's age is 3x.\nx + 3x = 32\n4x = 32\nx = 8\nEmma is 3 × 8 = 24.",
        ),
        (EMMA, "24", "Let x be Jack's age.\nx + 3x = 32\n4x = 32\nx = 8\nEmma's age: 3x = 24\n\n**24**"),
        (
            PAIR,
            "21",
            "Let the smaller integer be n. The larger is n + 1.\nn + (n + 1) = 41\n2n + 1 = 41\n2n = 40\n"
            "n = 20\nThe larger integer is 21.",
        ),
        # a formula in words, then the chain it names on lines of their own
        (
            BOOK,
            "8",
            "Number of days = total pages ÷ pages per day\n= 320 ÷ 40\n= 8\n\nIt will take Nina **8 days**.",
        ),
        # an area in the prompt's unit, squared
        (BOX, "60", "Area = length × width\nArea = 12 × 5 = 60\n\nThe area is 60 square centimeters."),
        (BOX, "60", "12 × 5 = 60\n\nThe area is 60 cm²."),
    ],
)
def test_solutions_with_unknowns_and_formulas_in_words_verify(
    prompt: str, answer: str, response: str
) -> None:
    assert _status(prompt, answer, response) == "verified"


@pytest.mark.parametrize(
    ("prompt", "answer", "response"),
    [
        # a quantity named against the prompt's words (3 times as old, not 3 years older), or with a number
        # the prompt does not give
        (
            EMMA,
            "24",
            "Let Jack's age be x. Then Emma's age is x + 3.\nx + x + 3 = 32\n2x = 29\nx = 14.5\n"
            "Emma is 14.5 + 3 = 17.5.",
        ),
        (
            EMMA,
            "24",
            "Let Jack's age be x. Then Emma's age is 4x.\nx + 4x = 32\n5x = 32\nx = 6.4\nEmma is 25.6.",
        ),
        (
            PAIR,
            "21",
            "Let the smaller integer be n. The larger is n + 2.\nn + (n + 2) = 41\n2n + 2 = 41\n2n = 39\n"
            "n = 19.5\nThe larger integer is 21.5.",
        ),
        # a value for the answer the unknown does not give
        (EMMA, "24", "Let x be Jack's age.\nx + 3x = 32\n4x = 32\nx = 8\nEmma's age: 3x = 25\n\n**25**"),
        # a formula whose words measure something else, a chain under it that is false
        (BOOK, "8", "Number of days = total pages × pages per day\n= 320 ÷ 40\n= 8\n\nIt takes **8 days**."),
        (BOOK, "8", "Number of days = total pages ÷ pages per day\n= 320 ÷ 40\n= 9\n\nIt takes **9 days**."),
        (BOOK, "8", "It takes a while.\n= 320 ÷ 40\n= 8\n\nIt will take Nina **8 days**."),
        # an area in another unit
        (BOX, "60", "12 × 5 = 60\n\nThe area is 60 square meters."),
    ],
)
def test_unknowns_and_formulas_said_wrong_are_not_verified(prompt: str, answer: str, response: str) -> None:
    assert _status(prompt, answer, response) != "verified"


@pytest.mark.parametrize(
    "line",
    [
        "Then Emma's age is not 3x.",
        "Then Emma's age is 3x + y.",  # another unknown
        "Then Emma's age is 7x.",  # a number the prompt does not give
        "If Emma's age is 3x",
        "Then x is 3x.",  # an equation in the unknown, in words
        "So Emma is 3x years old.",  # a word the prompt does not say
        "The answer is 3x.",
        "Then Emma's age is 3x, so x = 8.",
        "Then Emma's age is 3x or 4x.",
    ],
)
def test_lines_that_say_more_than_a_name_in_the_unknown_are_no_definitions(line: str) -> None:
    words = frozenset(EMMA.lower().replace(".", " ").replace("?", " ").split())
    given = frozenset(given_numbers(EMMA))
    jack = {"x": frozenset({"jack", "age"})}
    assert definition("Then Emma's age is 3x.", given, words, relations(EMMA), jack) is not None
    assert definition(line, given, words, relations(EMMA), jack) is None


BUS = "A school bus holds 40 students. How many buses are needed for 130 students?"
GAME = "The price of a game rose from $40 to $50. By what percent did the price increase?"


@pytest.mark.parametrize(
    ("prompt", "answer", "response", "status"),
    [
        (
            BUS,
            "4",
            "130 ÷ 40 = 3.25\nSince a bus cannot be split, we round up to 4 buses.\n\n**Answer: 4**",
            "verified",
        ),
        (BUS, "4", "130 ÷ 40 = 3.25\nWe round up to 5 buses.\n\n**Answer: 5**", "refuted"),  # ceil is 4
        (BUS, "4", "130 ÷ 40 = 3.25\nWe round down to 3 buses.\n\n**Answer: 3**", "refuted"),
        # another number in the line, or nothing before it to round: unread
        (
            BUS,
            "4",
            "130 ÷ 40 = 3.25\nWe round up to 4 buses, with 40 seats each.\n\n**Answer: 4**",
            "unknown",
        ),
        (BUS, "4", "We round up to 4 buses.\n\n**Answer: 4**", "unknown"),
        # a percent change: the change divided by the value it changed from, the answer in a sentence
        (
            GAME,
            "25",
            "Increase = $50 − $40 = $10\nPercent increase = (10 / 40) × 100% = 25%\n\n"
            "The price increased by **25%**.",
            "verified",
        ),
        (
            GAME,
            "25",
            "Increase = $50 − $40 = $10\n10 / 50 = 0.2\n\nThe price increased by **20%**.",
            "refuted",
        ),
    ],
)
def test_a_division_rounded_in_words_and_a_percent_change(
    prompt: str, answer: str, response: str, status: str
) -> None:
    assert _status(prompt, answer, response) == status


@pytest.mark.parametrize(
    ("sentence", "value"),
    [
        ("The price increased by 25%.", "25%"),
        ("The price increased by 25% of 40.", None),  # a second number
        ("The price increased by 25%%.", None),
        ("The price did not increase by 25%.", None),
    ],
)
def test_a_closing_sentence_in_percent(sentence: str, value: str | None) -> None:
    assert sentence_answer(sentence, asked_units(GAME)) == value


OLDER = "Jack is 3 times as old as Emma. The sum of their ages is 32. How old is Emma?"
INTS = "The sum of two consecutive integers is 41. What is the smaller integer?"
AGES_LINES = "x + 3x = 32\n4x = 32\nx = 8\nEmma is 8 years old."
INTS_LINES = "n + n + 1 = 41\n2n = 40\nn = 20\nThe smaller integer is 20."


@pytest.mark.parametrize(
    ("prompt", "answer", "response"),
    [
        (OLDER, "8", f"Let Emma's age be x.\nThen Jack's age is 3x.\n{AGES_LINES}"),
        (INTS, "20", f"Let the smaller integer be n.\nThe larger is n + 1.\n{INTS_LINES}"),
    ],
)
def test_a_definition_the_prompt_states_is_read(prompt: str, answer: str, response: str) -> None:
    assert _status(prompt, answer, response) == "verified"


@pytest.mark.parametrize(
    ("prompt", "answer", "response"),
    [
        # the relation the other way round, or on the unknown's own quantity
        (OLDER, "8", f"Let Jack's age be x.\nThen Emma's age is 3x.\n{AGES_LINES}"),
        (OLDER, "8", f"Let Emma's age be x.\nThen Emma's age is 3x.\n{AGES_LINES}"),
        # another relation than the prompt's, with the prompt's numbers
        (OLDER, "8", f"Let Emma's age be x.\nThen Jack's age is x/3.\n{AGES_LINES}"),
        (OLDER, "8", f"Let Emma's age be x.\nThen Jack's age is -3x.\n{AGES_LINES}"),
        (OLDER, "8", f"Let Emma's age be x.\nThen Jack's age is 32x.\n{AGES_LINES}"),
        (OLDER, "8", f"Let Emma's age be x.\nThen Jack's age is x*x*3.\n{AGES_LINES}"),
        # an unknown no line named
        (OLDER, "8", f"Let Emma's age be x.\nThen Jack's age is 3y.\n{AGES_LINES}"),
        (INTS, "20", f"Let the smaller integer be n.\nThe larger is n + 2.\n{INTS_LINES}"),
        (INTS, "20", f"Let the smaller integer be n.\nThe larger is n - 1.\n{INTS_LINES}"),
        (INTS, "20", f"Let the smaller integer be n.\nThe larger is 2n.\n{INTS_LINES}"),
        (INTS, "20", f"Let the larger integer be n.\nThe smaller is n + 1.\n{INTS_LINES}"),
    ],
)
def test_a_definition_the_prompt_does_not_state_is_not_read(prompt: str, answer: str, response: str) -> None:
    assert _status(prompt, answer, response) != "verified"


@pytest.mark.parametrize(
    ("prompt", "answer", "response"),
    [
        # 7 computed, -7 used: the sign a step needs is that of the value computed
        (DIVER, "-15", "12 - 5 = 7\n-7 - 8 = -15\nHer final depth is -15 meters."),
        # the prompt's substance, then another quantity than the one asked
        (FLOUR, "15", "3 × 5 = 15\n15 cups of flour are left over."),
        # a percent change the question does not ask
        (GAME, "25", "50 - 40 = 10\n10 / 40 = 0.25\nThe price decreased by 25%."),
        (GAME, "25", "50 - 40 = 10\n10 / 40 = 0.25\nThe price increased to 25%."),
    ],
)
def test_signs_substances_and_percent_changes_said_wrong_are_not_verified(
    prompt: str, answer: str, response: str
) -> None:
    assert _status(prompt, answer, response) != "verified"
