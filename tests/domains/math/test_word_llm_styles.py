"""Word-problem solutions as chat models write them (a GSM8K-style prompt, the steps in sentences): a total
said with its arithmetic is a running sum, a total said alone is the answer only when no other is stated,
`x` between a price and a count multiplies, `the total cost` names no value, a price written `$20` counts
dollars whatever the word after it, a number after `and` shares the verb of the one before it, and an
`Answer:` label before a sentence."""

from __future__ import annotations

import pytest

from assay.domains.math.check import check_trace_job
from assay.domains.math.quotes import misquoted, noun_of, prompt_quotes, restates
from assay.domains.math.stated_math import states_math
from assay.domains.math.units import asked_units

LISA = (
    "Lisa buys 3 notebooks at $4 each and 2 pens at $1.50 each. She pays with a $20 bill. "
    "How much change does she get?"
)
LISA_STEPS = (
    "To find the change, we first calculate the total cost.\n\n"
    "The cost of the notebooks is 3 x $4 = $12.\nThe cost of the pens is 2 x $1.50 = $3.\n"
    "The total cost is $12 + $3 = $15.\n\n"
)
MARK = (
    "Mark runs 5 miles every weekday and 8 miles on Saturday. He rests on Sunday. "
    "How many miles does he run in 4 weeks?"
)


def _status(prompt: str, gold: str, response: str) -> str:
    return str(
        check_trace_job({"prompt": prompt, "reference": {"answer": gold}, "response": response})["status"]
    )


@pytest.mark.parametrize(
    ("closing", "status"),
    [
        ("The change she gets is $20 - $15 = $5.\n\nThe answer is 5.", "verified"),
        ("The change she gets is $20 - $15 = $5.\n\nThe answer is 6.", "refuted"),
        # the total stated alone is no second answer beside the one stated after it
        ("The total is $15.\nThe change is $20 - $15 = $5.\nThe answer is 5.", "verified"),
        ("The change is $20 - $15 = $6.\nThe answer is 6.", "refuted"),
    ],
)
def test_a_running_total_is_no_second_answer(closing: str, status: str) -> None:
    assert _status(LISA, "5", LISA_STEPS + closing) == status


@pytest.mark.parametrize(
    ("response", "gold", "status"),
    [
        # a total said alone is still the answer when nothing else is stated
        ("3 × 4 = 12\n2 × 1.50 = 3\n12 + 3 = 15\nThe total is $15.", "15", "verified"),
        ("3 × 4 = 12\n2 × 1.50 = 3\n12 + 3 = 15\nThe total is $16.", "15", "refuted"),
        # two totals: each must hold, as two stated answers must
        ("3 × 4 = 12\n2 × 1.50 = 3\n12 + 3 = 15\nThe total is $15 or $16.", "15", "refuted"),
        # its arithmetic is checked as a claim
        ("3 × 4 = 12\n2 × 1.50 = 3\nThe total cost is $12 + $3 = $16.", "15", "refuted"),
    ],
)
def test_a_total_said_in_words(response: str, gold: str, status: str) -> None:
    prompt = "Lisa buys 3 notebooks at $4 each and 2 pens at $1.50 each. How much does she spend?"
    assert _status(prompt, gold, response) == status


def test_x_between_a_price_and_a_count_multiplies() -> None:
    assert (
        _status(LISA, "5", "3 x $4 = $12\n2 x $1.50 = $3\n$12 + $3 = $15\n$20 - $15 = $5\n#### 5")
        == "verified"
    )
    assert (
        _status(LISA, "5", "3 x $4 = $13\n2 x $1.50 = $3\n$13 + $3 = $16\n$20 - $16 = $4\n#### 4")
        == "refuted"
    )


@pytest.mark.parametrize(
    ("text", "states"),
    [
        ("We first calculate the total cost", False),
        ("Find the grand total cost", False),
        ("they total 3x", True),  # the verb
        ("the costs totalled x + 1", True),
    ],
)
def test_total_after_a_determiner_is_a_noun(text: str, states: bool) -> None:
    assert states_math(text) is states


def test_a_price_written_with_a_dollar_sign_counts_dollars() -> None:
    response = (
        "Notebooks: 3 × 4 = 12 dollars.\nPens: 2 × 1.50 = 3 dollars.\nTotal: 12 + 3 = 15 dollars.\n"
        "Change: 20 − 15 = 5 dollars.\n#### 5"
    )
    assert _status(LISA, "5", response) == "verified"


def test_a_number_after_and_shares_the_verb_before_it() -> None:
    quotes = prompt_quotes(MARK)
    assert restates("On Saturday he runs 8 miles", quotes)
    # a verb the prompt says of another number is still a misquote
    betty = prompt_quotes(
        "Betty has 3 boxes with 12 pencils each. She gives away 7 pencils. How many are left?"
    )
    assert misquoted("gives away 12 of them", betty, ()) is not None


def test_a_number_after_and_inherits_no_verb_across_another_number() -> None:
    runs = {q.value: q.before for q in prompt_quotes(MARK)}
    assert runs[8] == runs[5] != ""
    # a percentage between the two is a number of its own: 8 does not take the verb of 5
    quotes = {q.value: q.before for q in prompt_quotes("Mark runs 5 miles at 30% effort and 8 miles later.")}
    assert quotes[8] != quotes[5]
    # nor across a sentence, or more than a few words
    rests = "Mark runs 5 miles. Then he rests and 8 friends come."
    quotes = {q.value: q.before for q in prompt_quotes(rests)}
    assert quotes[8] != quotes[5]


@pytest.mark.parametrize(
    ("closing", "status"),
    [
        ("**Answer:** Mark runs **132 miles** in 4 weeks.", "verified"),
        ("**Answer:** Mark runs **140 miles** in 4 weeks.", "refuted"),
        ("**Answer:** Mark runs **132 km** in 4 weeks.", "unknown"),
        ("**Answer:** Mark runs more than **132 miles** in 4 weeks.", "unknown"),
    ],
)
def test_an_answer_label_before_a_sentence(closing: str, status: str) -> None:
    steps = "5 × 5 = 25\n25 + 8 = 33\n33 × 4 = 132\n"
    assert _status(MARK, "132", steps + closing) == status


BUS = "A bus can carry 45 passengers. How many buses are needed to carry 200 passengers?"


@pytest.mark.parametrize(
    ("line", "status"),
    [
        # a value cut to its places, written with `=`: an approximation, neither true nor a slip
        ("200 / 45 = 4.44\n#### 5", "unknown"),
        ("200 / 45 = 4.45\n#### 5", "unknown"),
        ("200 / 45 = 4.4\n#### 5", "unknown"),
        # a wrong digit, a value that has no more places than it shows, a whole number: false
        ("200 / 45 = 4.46\n#### 5", "refuted"),
        ("200 / 40 = 5.1\n#### 5", "refuted"),
        ("200 / 45 = 4\n#### 5", "refuted"),
    ],
)
def test_an_approximation_written_with_equals_is_unknown(line: str, status: str) -> None:
    assert _status(BUS, "5", line) == status


TANK = "A tank holds 250 liters of water. It leaks 12 liters per hour. How much water is left after 8 hours?"


@pytest.mark.parametrize(
    ("text", "restated"),
    [
        # `It` is the tank of the sentence before
        ("The tank leaks 12 liters per hour", True),
        ("The tank holds 12 liters", False),  # the verb the prompt says of 250
        ("The pool leaks 12 liters per hour", False),
        ("The tank leaks 12 liters per minute", False),
    ],
)
def test_a_pronoun_in_the_prompt_names_the_subject_before_it(text: str, restated: bool) -> None:
    assert restates(text, prompt_quotes(TANK)) is restated


FARM = (
    "A farmer has 120 chickens. He sells 30% of them and then buys 15 more. "
    "How many chickens does he have now?"
)


@pytest.mark.parametrize(
    ("text", "restated"),
    [
        ("Then he buys 15 more", True),  # the prompt's own `15 more`
        ("He buys 16 more", False),
        ("He buys 15 more than before", False),
        ("He sells 15 more", False),
        ("He buys 120 more", False),
    ],
)
def test_the_prompts_own_n_more_said_again(text: str, restated: bool) -> None:
    assert restates(text, prompt_quotes(FARM)) is restated


@pytest.mark.parametrize(
    ("closing", "status"),
    [
        # digits of other scripts and widths are the same digits (NFKC); an invisible character is no digit
        ("**Answer:** Mark runs **１３２ miles** in 4 weeks.", "verified"),
        ("**Answer:** Mark runs **13\u200b2 miles** in 4 weeks.", "verified"),
        ("Mark runs ١٣٢ miles in 4 weeks.", "verified"),
        ("**Answer:** Mark runs **１４０ miles** in 4 weeks.", "refuted"),
        ("**Answer:** Mark runs **14\u200b0 miles** in 4 weeks.", "refuted"),
        # a look-alike letter in the number or the unit, a superscript, a split number, a bidi override,
        # a second value after it: no answer read
        ("**Answer:** Mark runs **1З2 miles** in 4 weeks.", "unknown"),
        ("**Answer:** Mark runs **132 mіles** in 4 weeks.", "unknown"),
        ("**Answer:** Mark runs **132 miles** in 4 weeks.\u202e", "unknown"),
        ("Mark runs ¹³² miles in 4 weeks.", "unknown"),
        ("Mark runs 1 32 miles in 4 weeks.", "unknown"),
        ("Mark runs 132 miles in 4 weeks, not 140.", "unknown"),
        ("Mark runs 132 miles in 4 weeks? No, 140.", "unknown"),
        ("Mark runs 132,0 miles in 4 weeks.", "unknown"),
    ],
)
def test_a_closing_sentence_in_look_alike_characters(closing: str, status: str) -> None:
    steps = "5 × 5 = 25\n25 + 8 = 33\n33 × 4 = 132\n"
    assert _status(MARK, "132", steps + closing) == status


@pytest.mark.parametrize(
    ("bill", "after", "unit"),
    [
        ("$20", "bill", "dollar"),
        ("US$20", "bill", "dollar"),
        ("€20", "bill", "euro"),
        ("£20", "bill", "pound"),
        ("20", "bill", ""),
        ("20$", "", ""),  # a sign after the number: neither the noun after it nor a price read
    ],
)
def test_a_currency_sign_before_a_price_says_what_it_counts(bill: str, after: str, unit: str) -> None:
    quotes = prompt_quotes(f"Lisa pays with a {bill} bill. How much change does she get?")
    assert [(q.value, q.after, q.money) for q in quotes] == [(20, after, unit)]


@pytest.mark.parametrize(
    ("prompt", "asked"),
    [
        # "how much X" in a prompt that measures X in one unit: the answer is in that unit
        (TANK, {"l", "liter", "liters", "litre", "litres"}),
        ("A jug holds 2 kg of rice and 500 g of rice. How much rice is there?", set()),  # two units
        ("She has 3 cups of flour. How much flour is left?", set()),  # a count, not a measure
        ("He buys 2 dozen of eggs. How much egg is left?", set()),  # a multiplier
        ("A tank holds 250 liters of water. How much oil is left?", set()),  # another substance
    ],
)
def test_how_much_of_a_substance_measured_in_one_unit(prompt: str, asked: set[str]) -> None:
    assert asked_units(prompt).words == asked
    # a unit the question names is the one asked
    named = asked_units("A tank holds 250 liters of water. How much water is left in ml?").words
    assert "ml" in named and "liters" not in named


_TANK_STEPS = "12 × 8 = 96\n250 - 96 = 154\n"


@pytest.mark.parametrize(
    ("closing", "status"),
    [
        ("There are 154 liters of water left in the tank.", "verified"),
        ("154 liters of water are left.", "verified"),
        ("The tank has 154 liters left.", "verified"),
        ("There are 154 liters left in the tank after 8 hours.", "verified"),
        ("There are 96 liters of water left in the tank.", "refuted"),
        # another unit, another substance, another place, another time, a past tense, a second value
        ("There are 154 ml left.", "unknown"),
        ("There are 154 liters of juice left.", "unknown"),
        ("There are 154 liters left in the bucket.", "unknown"),
        ("There are 154 liters of water left in the first tank.", "unknown"),
        ("There are 154 liters left in the morning.", "unknown"),
        ("There are 154 liters left in the tank after 9 hours.", "unknown"),
        ("There were 154 liters left in the tank.", "unknown"),
        ("There are 154 liters of water left in the tank. Wait, 155.", "unknown"),
    ],
)
def test_a_closing_sentence_says_where_the_quantity_is(closing: str, status: str) -> None:
    assert _status(TANK, "154", _TANK_STEPS + closing) == status


WALLET = (
    "Betty's new wallet costs $100. Betty has only half of the money she needs. Her parents give her $15. "
    "How much more money does Betty need?"
)


@pytest.mark.parametrize(
    "line",
    [
        # a word before a chain that takes its first number into another value: the chain as written
        # (`100 = 25`) is not what the line says, so it is no claim to refute
        "She has 25 percent of 100 = 25.",
        "She has 100 minus 15 = 85.",
        "He is 15 years older than 100 = 115.",
        "One-half of 100 = 50.",
        "Half the 100 = 50.",
        "She has three quarters of 100 = 75.",
        "She has 100 less 15 = 85.",
        "He has twice of 15 = 30.",
        "He has twice 15, which is 2 × 15 = 30.",
    ],
)
def test_a_chain_after_words_that_take_its_first_number_is_never_refuted(line: str) -> None:
    assert _status(WALLET, "35", f"{line}\nThe answer is 35.") == "unknown"


@pytest.mark.parametrize(
    ("line", "status"),
    [
        ("Betty has half of $100, which is $100 / 2 = $50.", "verified"),
        ("Betty has half of $100, which is $50.", "verified"),
        ("Betty has half of $100, which is $100 / 2 = $51.", "refuted"),
        ("Betty has half of $100, which is $100 / 2 = $100.", "refuted"),
        ("The total of 100 + 15 = 115.", "verified"),
    ],
)
def test_a_part_before_which_is_heads_the_chain(line: str, status: str) -> None:
    job = {"prompt": WALLET, "reference": {"answer": "35"}, "response": f"{line}\nThe answer is 35."}
    assert check_trace_job(job)["steps"][0]["status"] == status


def test_each_time_is_an_occasion_not_a_duration() -> None:
    letters = "James writes a 3-page letter to 2 different friends twice a week."
    prompt = f"{letters} How many pages does he write a year?"
    steps = (
        "Each time he writes 3 × 2 = 6 pages.\nHe does this twice a week, so 6 × 2 = 12 pages per week.\n"
        "In a year (52 weeks), he writes 12 × 52 = 624 pages.\nJames writes 624 pages a year."
    )
    assert _status(prompt, "624", steps) == "verified"
    # a label that names a duration is still held to its result's unit
    assert (
        _status(prompt, "624", "Total time: 3 × 2 = 6 pages.\n6 × 2 = 12\n12 × 52 = 624\n#### 624")
        == "unknown"
    )


PENCILS = "A store sells pencils at 3 for $1. How much do 12 pencils cost?"


@pytest.mark.parametrize(
    ("closing", "status"),
    [
        # the question's own `12 pencils` said again is its given; the other number is the answer
        ("12 pencils cost $4.", "verified"),
        ("So the 12 pencils cost $4 in total.", "verified"),
        ("12 pencils cost $5.", "refuted"),
        # another count, a price each, a hedge, a negation, a second price: no answer read
        ("13 pencils cost $4.", "unknown"),
        ("12 pencils cost $4 each.", "unknown"),
        ("12 pencils would cost $4.", "unknown"),
        ("12 pencils do not cost $4.", "unknown"),
        ("12 pencils cost $4 and 12 pens cost $5.", "unknown"),
    ],
)
def test_a_closing_sentence_that_says_the_question_s_given_again(closing: str, status: str) -> None:
    assert _status(PENCILS, "4", "12 / 3 = 4\n4 × $1 = $4\n" + closing) == status


def test_the_question_s_given_is_taken_only_as_the_sentence_s_subject() -> None:
    prompt = "Tom has 7 apples. He buys 5 apples. How many apples does Tom have after buying 5 apples?"
    assert _status(prompt, "12", "7 + 5 = 12\nTom has 12 apples after buying 5 apples.") == "verified"
    # the given later in the sentence, the answer where the given was: no answer read
    assert _status(prompt, "12", "7 + 5 = 12\nTom has 5 apples after buying 12 apples.") == "unknown"


def test_a_place_in_the_closing_sentence_must_be_the_one_the_question_names() -> None:
    prompt = (
        "A tank holds 250 liters of water and a barrel holds 154 liters of water. The tank leaks 12 liters "
        "per hour for 8 hours. How much water is left in the barrel?"
    )
    steps = "12 × 8 = 96\n250 - 96 = 154\n"
    assert _status(prompt, "154", steps + "There are 154 liters left in the tank.") == "unknown"
    assert _status(prompt, "154", steps + "There are 154 liters left in the barrel.") == "verified"


def test_the_substance_in_a_closing_sentence_is_the_one_asked_for() -> None:
    prompt = (
        "A tank holds 250 liters of water and 40 liters of juice. It leaks 12 liters of water per hour. "
        "How much water is left after pouring out the juice after 8 hours?"
    )
    # juice is a word of the question, but not what it asks an amount of
    assert (
        _status(prompt, "154", "12 × 8 = 96\n250 - 96 = 154\nThere are 154 liters of juice left.")
        == "unknown"
    )


@pytest.mark.parametrize(
    ("steps", "status"),
    [
        ("Number of boys = 40% of 30 = 0.4 × 30 = 12\nGirls = 30 − 12 = 18\n#### 18", "verified"),
        ("Boys = 40% of 30 = 12\n30 - 12 = 18\n#### 18", "verified"),
        ("Boys = 40% of 30 = 0.4 × 30 = 13\n30 - 13 = 17\n#### 17", "refuted"),
        ("Boys = 40% of 30 = 0.5 × 30 = 15\n30 - 15 = 15\n#### 15", "refuted"),
    ],
)
def test_a_labelled_chain_that_starts_with_a_percentage_of_a_number(steps: str, status: str) -> None:
    prompt = "A class has 30 students. 40% of them are boys. How many girls are in the class?"
    assert _status(prompt, "18", steps) == status


CHAIRS = (
    "There are 5 rows of chairs with 8 chairs in each row. 27 people sit down. How many chairs are empty?"
)


@pytest.mark.parametrize(
    ("line", "status"),
    [
        # `empty` names the chairs counted, before arithmetic: the chain is the claim
        ("Empty chairs: 40 − 27 = 13.\n#### 13", "verified"),
        ("Empty chairs: 40 − 27 = 14.\n#### 14", "refuted"),
        # a value alone, a variable, alternatives, a word of a property after the label: still unread
        ("Empty chairs: x = 13\n#### 13", "unknown"),
        ("Empty chairs: 40 − 27 = 13 or 14.\n#### 13", "unknown"),
        ("Empty chairs: none, 40 − 27 = 13.\n#### 13", "unknown"),
    ],
)
def test_a_label_naming_things_with_a_property_word(line: str, status: str) -> None:
    assert _status(CHAIRS, "13", "Total chairs: 5 × 8 = 40.\n" + line) == status


def test_a_property_of_a_root_in_a_label_is_still_unread() -> None:
    prompt = "Solve x^2 - 6x + 9 = 0."
    assert _status(prompt, "3", "(x - 3)^2 = 0\nDouble root: x = 3") == "unknown"
    assert _status(prompt, "3", "(x - 3)^2 = 0\nSingle root: x = 3") == "unknown"


FILL_TANK = (
    "A water tank holds 500 liters. It is filled at a rate of 25 liters per minute. "
    "How many minutes does it take to fill the empty tank?"
)


@pytest.mark.parametrize(
    ("line", "status"),
    [
        # a unit of time written short counts what its full name counts
        ("500 / 25 = 20 min", "verified"),
        ("500 L / 25 L/min = 20 mins", "verified"),
        # another unit of time is still told apart from the one asked
        ("500 / 25 = 20 hrs", "unknown"),
        ("500 / 25 = 20 sec", "unknown"),
    ],
)
def test_a_unit_of_time_written_short(line: str, status: str) -> None:
    assert _status(FILL_TANK, "20", f"{line}\n\nIt takes 20 minutes.") == status


def test_short_units_of_time_are_their_names() -> None:
    assert [noun_of(word) for word in ("h", "Hrs", "min", "secs", "yr", "m", "s")] == [
        "hour", "hour", "minute", "second", "year", "m", "",
    ]  # fmt: skip
