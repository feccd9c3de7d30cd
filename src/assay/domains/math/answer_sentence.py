"""The closing sentence of a word problem's solution as its final answer: "Sara will be 20 years old.",
"So the car travels 180 km.", "The perimeter is **20 m**.", "The baker has 2 boxes left."

Models end a word problem this way instead of `Answer: 20`. Such a sentence is read as the answer only
when it can mean nothing else (trace.py asks only of the response's last line, after the units the
question asks for are taken off its numbers, units.py):

- one sentence, no `=`, no operator, no question, exactly one number and no number word;
- no negation, hedge, comparison or condition anywhere in it (`not`, `about`, `more than`, `at least`,
  `if`, `would`, `was`, `each`, `per`, `times`, ...): each says the number is not the quantity asked;
- the number is followed by nothing, by a unit the question asks for, or by one of a few words that
  keep its meaning (`left`, `in change`, `in total`, `years old` when the question asks how old);
  any other word after it (`20 cm` for metres, `20 boxes` for pencils) may change its value: unread.

The subject of the sentence is not checked (nothing here reads what "Sara" is): the number must still
be one the steps computed and the reference itself. Pure text work; safe in any process.
"""

from __future__ import annotations

import re

from assay.domains.math.claim_reading import bare_value
from assay.domains.math.given_actions import names_a_given_action
from assay.domains.math.markup import box_postfix
from assay.domains.math.units import LENGTH_UNITS, MEASURE_WORDS, REFUSED, AskedUnits
from assay.domains.math.vocabulary import NUMBER_WORDS, SPOKEN_COMPOUND
from assay.text.trigger_words import compile_guarded

MAX_SENTENCE = 160  # characters; a longer closing line is a paragraph, not an answer sentence

# a number, or a fraction of two whole numbers (`So 3/8 of the pizza is left.`)
_NUMBER = re.compile(r"(?<![\w.,/])\d+(?:,\d{3})*(?:\.\d+|/[1-9]\d*)?(?![\w%/])(?!\.\d)(?!,\d)")

_STOP = re.compile(
    r"\b(?:not|no|never|none|nothing|neither|nor|without|cannot|n't|isn|aren|wasn|weren"
    r"|if|unless|would|could|might|may|maybe|perhaps|probably|possibly|suppose|assume|assuming|guess"
    r"|think|believe|estimate[sd]?|approximately|approx|about|around|roughly|nearly|almost|close|some"
    r"|over|under|than|least|most|more|less|fewer|up|between|from|by|each|per|every|apiece|times|twice"
    r"|half|double|triple|extra|another|additional|plus|minus|negative|was|were|had|used|originally"
    r"|initially|before|first|wait|hmm|well|but|or|otherwise|else|alternatively|instead|rather|only|just"
    r"|percent|percentage|dozens?"
    # a sentence that judges or reports the number, not states it ("It is false that the answer is 4")
    r"|false|untrue|true|wrong|incorrect|correct|mistaken?|mistakes|errors?|doubt\w*|unsure|uncertain|unlikely"
    r"|impossible|deny|denies|denied|reject\w*|claim\w*|says?|said|seems?|seemed|appears?|supposedly"
    r"|allegedly|hypothetically|question|check\w*|verify|should|must|need|needs|wrote|written|thought"
    r"|hundreds?|thousands?|millions?|billions?|squared|cubed|square|cubic|ago|earlier|start|started"
    r"|begin|began|both|all|other|rest|except|also|too|still|again|already|ratio|rate|average"
    r"|difference|sum|product|quotient|remainder|fraction|part|parts|speed"
    # the number of a step, a line or a case is no answer
    r"|steps?|lines?|cases?|equations?|problems?|questions?|methods?|ways?|digits?)\b",
    re.I,
)

# stop words a sentence may say when the question says them (`She should read 42 pages.` for "how many
# pages should she read?", `The first ship had 121 people.` for "... in the first hundred years?"): never
# a negation, a hedge, a judgement or a correction, which change what the number is whatever was asked
_NEVER_ECHOED = re.compile(
    r"^(?:not|no|never|none|nothing|neither|nor|without|cannot|n't|isn|aren|wasn|weren|if|unless|would"
    r"|could|might|may|maybe|perhaps|probably|possibly|suppose|assume|assuming|guess|think|believe"
    r"|estimate[sd]?|approximately|approx|about|around|roughly|nearly|almost|close|some|false|untrue|true"
    r"|wrong|incorrect|correct|mistaken?|mistakes|errors?|doubt\w*|unsure|uncertain|unlikely|impossible"
    r"|deny|denies|denied|reject\w*|claim\w*|says?|said|seems?|seemed|appears?|supposedly|allegedly"
    r"|hypothetically|question|check\w*|verify|wrote|written|thought|wait|hmm|well|but|or|otherwise|else"
    r"|alternatively|instead|rather|only|just|steps?|lines?|cases?|equations?|problems?|questions?"
    r"|methods?|ways?|digits?|than|more|less|fewer|least|most|over|under|ratio|rate|average|difference"
    r"|sum|product|quotient|remainder|fraction|part|parts|percent|percentage|had|originally"
    r"|initially|before|ago|earlier)$",
    re.I,
)


def _stops(word: str, question: frozenset[str], asked: str = "") -> bool:
    """Whether a stop word found in the sentence keeps it from being the answer (see _NEVER_ECHOED); the
    quantity the question asks for by name (`average` for "What is her average score?") never does."""
    if word == asked:
        return False
    said = word in question or f"{word}s" in question or (word.endswith("s") and word[:-1] in question)
    return not said or _NEVER_ECHOED.match(word) is not None


# "What is her average score?": the question asks for a quantity by its name, with no comparison in it
_ASKED_QUANTITY = re.compile(
    r"^\s*what\s+(?:is|was|will\s+be)\s+(?:the|his|her|their|its|your|my)?\s*"
    r"(average|sum|product|difference|quotient|remainder|ratio|rate|speed)\b(?![^?]*\b(?:than|more|less|fewer)\b)",
    re.I,
)


def _asked_quantity(units: AskedUnits | None) -> str:
    found = _ASKED_QUANTITY.match(units.asked) if units is not None else None
    return found.group(1).lower() if found else ""


# a closing line's label before its value, in the question's words (`Final weight: 16 pounds.`, `Area =
# 150 cm²`: the one `=` a closing line may hold, between the label and its value)
_LABEL = re.compile(r"^([A-Za-z][A-Za-z ]{0,40}?)\s*(?::|(?<=[A-Za-z])\s=)\s+(?=\$?\d)")
# `The answer is`, `### ✅ Final Answer:` (the check mark is folded to ✓ by markup.py): a line that gives the
# answer; the step reader reads it so
ANSWER_START = re.compile(
    r"^\s*(?:✓\s*)?(?:(?:so|thus|therefore|hence)\b,?\s*)?(?:the\s+)?(?:(?:final|correct)\s+)?"
    # `Ans: 4`, `Ans. 4`; `Result: -11/7`, `Final: 4` (the word a label only before its colon)
    r"(?:answer\b|ans\b(?=\.?\s*:|\.\s)|(?:result|final)\b(?=\s*:))",
    re.I,
)
# the same words as a label before a sentence (`Answer: Mark runs 132 miles.`)
_ANSWER_LABEL = re.compile(ANSWER_START.pattern + r"\s*:\s+(?=[A-Za-z])", re.I)
_LABEL_WORDS = frozenset({"final", "answer", "total", "result", "so", "the", "therefore"})


# `\(\boxed{29}\)` inside the sentence: the value it marks
_BOXED = re.compile(
    r"(?:\\\(|\$)?\s*\\boxed\{\s*(?:(?P<value>\$?\d+(?:,\d{3})*(?:\.\d+)?)"
    r"|\\[dt]?frac\s*\{\s*(?P<top>\d+)\s*\}\s*\{\s*(?P<bottom>[1-9]\d*)\s*\})\s*\}\s*(?:\\\)|\$)?"
)


def _boxed_value(match: re.Match[str]) -> str:
    """`\\boxed{29}` is 29, `\\boxed{\\frac{1}{4}}` the fraction 1/4."""
    value = match.group("value") or f"{match.group('top')}/{match.group('bottom')}"
    return f" {value} "


# a number alone in inline math, with at most a unit in text after it (`$40$`, `\\(40\\ \\text{cm}^2\\)`,
# `\\(12.5\\,\\mathrm{kg}\\)`): read as the number and its unit written out
_INLINE_VALUE = re.compile(
    r"(?:\$|\\\()\s*(?P<value>\d+(?:,\d{3})*(?:\.\d+)?)"
    r"(?:(?:\s|\\[ ,;:])*\\(?:text|mathrm)\{\s*(?P<unit>[A-Za-z]{1,12})\s*\}(?P<power>\^\{?[23]\}?)?)?"
    r"\s*(?:\$|\\\))"
)


def _inline_value(match: re.Match[str]) -> str:
    unit = match.group("unit") or ""
    power = match.group("power") or ""
    if power:
        unit += "²" if "2" in power else "³"
    return f" {match.group('value')} {unit} " if unit else f" {match.group('value')} "


# `**540 meters**`: a value alone with its unit
_VALUE_ALONE = re.compile(r"^\$?\d+(?:,\d{3})*(?:\.\d+)?(?:\s+[A-Za-z]+)?\s*\.?$")
# a comparison the question itself asks for (`How much more ...`)
_ASKED_COMPARISONS = frozenset({"more", "less", "fewer", "longer", "shorter", "older", "younger"})


def _asks_after(tail: str, question: str) -> bool:
    """Whether tail is what the question says after what it counts (`do not wear glasses` for "how many
    students do not wear glasses?"), or, in a question without a negation, its last words (`at the
    farmers' market`)."""
    predicate = _PREDICATE.match(question)
    if predicate is not None and predicate.group(1).strip() == tail:
        return True
    return not _NEGATED.search(question) and (" " + question).endswith(" " + tail + "?")


_PREDICATE = re.compile(r".*\bhow\s+(?:many|much)\s+[a-z]+\s+(.*)\?$")
_NEGATED = re.compile(r"\b(?:not|no|never|none|without)\b|n't", re.I)
_ASKED_NEED = re.compile(r"\bneeds?\b", re.I)

# words after the number that leave it what it is
_KEEPS = re.compile(
    r"^(?:(?:are|is)\s+)?(?:left|remain(?:s|ing)?|old|in\s+(?:change|total)|altogether)?(?:\s*\bnow)?$", re.I
)

# fixed phrases of a final state, said in other words: `23 muffins left over` is `23 muffins left` (`over`
# alone may compare), `She ends up with 23 muffins` is `She has 23 muffins` (`up` alone may bound)
_LEFT_OVER = re.compile(r"(\d\D*\bleft)\s+over\b", re.I)
_ENDS_UP_WITH = re.compile(r"\b(?:ends?|ended)\s+up\s+with\b(?=\s+\$?\d)", re.I)


# `in the tank`, `in her bag` closing the sentence: where the quantity is (a thing the prompt names)
_IN_THE_THING = re.compile(r"(?:in|inside)\s+(?:the|her|his|their|its)\s+([a-z]{3,})")
# what the question asks an amount of: "how much water", "how many liters of water"
_ASKED_SUBSTANCE = re.compile(r"\bhow\s+(?:much|many\s+[a-z]+\s+of)\s+([a-z]{2,})")
_TIMES_OF_DAY = frozenset("morning afternoon evening night end beginning start middle past future".split())  # noqa: SIM905

_STILL_ASKED = frozenset({"more", "need", "left", "remain", "remaining"})
_PREPOSITIONS = frozenset({"in", "on", "at", "for", "after", "within", "during"})
MAX_PHRASE = 8  # words of a phrase quoted from the question


_NUMBER_PHRASE = re.compile(
    r"\b(?:in|after|for|over|within|during|on|at)\s+(?:\d+(?:\.\d+)?|[a-z]+(?:-[a-z]+)?)\s+[a-z]+\b,?", re.I
)


def _as_digits(phrase: str) -> str:
    """phrase with its number words as digits (`in two weeks` → `in 2 weeks`)."""
    return re.sub(
        r"(?<![\w-])[a-z]+(?![\w-])",
        lambda m: NUMBER_WORDS.get(m.group(0), m.group(0)) if m.group(0) not in ("a", "an") else m.group(0),
        phrase,
    )


def _without_asked_phrase(text: str, asked: str) -> str:
    """text without a phrase with a number at its end that the question says word for word, from a
    preposition on (`The car travels 300 km in 5 hours.` for "How many km does it travel in 5 hours at the
    same speed?"): the question's own condition, not a second value. A negated question keeps it all
    (`wear glasses` is in "do not wear glasses?" with the opposite meaning)."""
    if not asked or _NEGATED.search(asked):
        return text
    # `In 2 weeks, Lisa reads 210 pages.`, `the number of pages read in 2 weeks is 210`: the question's own
    # phrase of a preposition, a number and a word, anywhere in the sentence
    for found in reversed(list(_NUMBER_PHRASE.finditer(text))):
        said = _as_digits(" ".join(found.group(0).rstrip(",").lower().split()))
        if re.search(r"\d", said) and re.search(rf"(?<!\S){re.escape(said)}(?=[\s?,.]|$)", asked):
            text = (text[: found.start()].rstrip() + " " + text[found.end() :].lstrip(" ,")).strip()
    words = text.split()
    for start in range(max(1, len(words) - MAX_PHRASE), len(words) - 1):
        # (`... in two weeks.` for "... in 2 weeks?": the number said in words)
        phrase = _as_digits(" ".join(words[start:]).lower())
        if words[start].lower() not in _PREPOSITIONS or not re.search(r"\d", phrase):
            continue
        if re.search(rf"(?<!\S){re.escape(phrase)}(?=[\s?]|$)", asked):
            return " ".join(words[:start])
    # `12 pencils cost $4.` for "How much do 12 pencils cost?": the subject the question names with its
    # number, said again at the start of the sentence, is the question's given (never a number later in
    # the sentence: `Tom has 5 apples after buying 12 apples` does not answer 12 for "... after buying 5
    # apples?")
    given = _GIVEN_SUBJECT.match(text)
    if given is not None:
        rest = text[given.end() :]
        if re.search(r"\d", rest) and re.search(rf"(?<![\w.,]){re.escape(given.group(1).lower())}\b", asked):
            return (text[: given.start(1)] + rest).strip()
    return text


_GIVEN_SUBJECT = re.compile(
    r"^(?:(?:so|thus|therefore|hence|then)\s*,?\s+)?(?:the\s+)?(\d+(?:,\d{3})*(?:\.\d+)?\s+[A-Za-z]+)\b", re.I
)


def _spelled_number(text: str) -> str:
    """text with its one number word as digits when it has no digit (`Therefore, twenty-three muffins are
    left.`); a text with digits, or with two number words, is left as it is (and refused below)."""
    if re.search(r"\d", text):
        return text
    text = SPOKEN_COMPOUND.sub(r"\1-\2", text)
    spelled = [
        w
        for w in re.finditer(r"(?<![\w-])[A-Za-z]+(?:-[A-Za-z]+)?(?![\w-])", text)
        if w.group(0).lower() in NUMBER_WORDS
    ]
    if len(spelled) != 1:
        return text
    word = spelled[0]
    return text[: word.start()] + NUMBER_WORDS[word.group(0).lower()] + text[word.end() :]


# `doesn't`, `didn’t`, `won't`, `can ' t`: `not` contracted onto any verb (the stop words see `n't` only as a
# word of its own)
_CONTRACTED_NOT = re.compile(r"n\s*['’‘`´ʼ]\s*t\b", re.I)


_ARTICLES = frozenset({"the", "a", "an"})


def sentence_answer(sentence: str, units: AskedUnits | None) -> str | None:
    """The number a closing sentence gives as the answer (see the module), or None."""
    if box_postfix(sentence) or re.search(r"[\d}]\s*\$*\s*!", sentence):
        return None  # `$\boxed{6}!$`, `6!`: the value is taken further (a factorial)
    if _CONTRACTED_NOT.search(sentence) is not None:
        # `Tom doesn't have 5 apples left.`, `She won’t need 4 cups.`: a negation, however it is spelled
        return None
    text = _BOXED.sub(_boxed_value, sentence)
    if "$" in text or "\\(" in text:
        text = _INLINE_VALUE.sub(_inline_value, text)  # `So the area is \\(40\\ \\text{cm}^2\\).`
    text = text.replace("**", " ").replace("__", " ").strip()
    text = re.sub(r"\s+", " ", text)
    text = re.sub(r"^[✓✔✅☑]+\s*", "", text)  # `✅ Lisa reads 210 pages.`: a mark before the sentence
    label = _LABEL.match(text)
    question = units.question if units is not None else frozenset()
    if label is not None and all(w in question or w in _LABEL_WORDS for w in label.group(1).lower().split()):
        text = text[label.end() :]  # `Final weight: 16 pounds.` for "What was the final weight ...?"
    elif _ANSWER_LABEL.match(text):
        text = _ANSWER_LABEL.sub("", text, count=1)  # `**Answer:** Mark runs **132 miles** in 4 weeks.`
    if not text or len(text) > MAX_SENTENCE or not (text[0].isalnum() or _VALUE_ALONE.match(text)):
        return None
    asked = units.question if units is not None else frozenset()
    if asked & _ASKED_COMPARISONS:
        # "How much more money does Betty need?": `Betty needs $5 more.` answers it in its own words
        text = re.sub(r"(\d)\s+(" + "|".join(sorted(asked & _ASKED_COMPARISONS)) + r")\b", r"\1", text)
    for period in units.periods if units is not None else ():
        # "How much does she make every day?": `Janet makes $18 every day.` is that amount, and so are
        # `$18 per day`, `$18 each day` and `$18 a day` (one period, however it is said)
        unit = re.escape(period.split()[-1])
        text = re.sub(
            r"(\d)\s+(?:every|each|per|a|in\s+a|in\s+one|for\s+a)\s+" + unit + r"\b", r"\1", text, flags=re.I
        )
    text = re.sub(r"[.!]\s*$", "", text).strip()
    text = _ENDS_UP_WITH.sub("has", _LEFT_OVER.sub(r"\1", _spelled_number(text)))
    if units is not None and units.power in (2, 3) and _bare_length(text, units.words):
        # "What is its area?": `60 cm` (or `60 cm³`, read as such) is a length, not an area
        return None
    if units is not None and "area" in units.question and units.words:
        # "What is its area?" for lengths in cm: `60 square centimeters`, `60 cm²` are in the unit, squared
        text = _SQUARED_UNIT.sub(lambda m: _unsquared(m, units.words), text)
    # `Her final depth is -15 meters.`: one sign, glued to the sentence's number, makes it negative in a
    # prompt that writes negative numbers; any other minus (`15 - 3`, `- 15`) is refused below
    # "By what percent did the price increase?": `The price increased by 25%.` gives 25% (units.py reads it
    # in percent); one `%`, on the sentence's number
    percent = (
        units is not None and units.percent and text.count("%") == 1 and _PERCENT.search(text) is not None
    )
    if percent and units is not None and not _percent_words_asked(text, units.question):
        # `The price decreased by 25%.`, `... increased to 25%.` for "By what percent did it increase?"
        return None
    if percent:
        text = _PERCENT.sub(r"\1", text)
    signs = _SIGNED.findall(text)
    signed = units is not None and units.signed  # (a count, "how many km", is never below zero)
    negative = signed and len(signs) == 1 and len(re.findall(r"[-−]", text)) == 1
    if negative:
        text = _SIGNED.sub(r"\1", text)
    # words, one number, a currency sign: any other character (a relation, an operator, a bracket, a
    # second sentence) may say something else about the number
    if not re.fullmatch(r"[A-Za-z0-9\s'’,.$/-]+", text) or re.search(r"\.\s|\s-|-\s|--|/\D|\D/", text):
        return None
    if units is not None:
        text = _without_asked_phrase(text, units.asked)
    numbers = list(_NUMBER.finditer(text))
    if len(numbers) != 1 or len(re.findall(r"\d+", text)) != len(re.findall(r"\d+", numbers[0].group(0))):
        return None
    number = numbers[0]
    tail = text[number.end() :].strip()
    said = tail.split(maxsplit=1)
    first = said[0].lower() if said else ""
    things = MEASURE_WORDS | units.counted if units is not None else frozenset()
    if units is not None and first in things and first not in units.words and units.words & things:
        # `The rope is 8 cm long.` for a length asked in meters, `He has 6 pears.` for "How many apples does
        # he have left after eating pears?": a unit or a thing the prompt counts, when the question asks
        # for another one, whatever else the question says ("how many remain?" asks for none by name)
        return None
    if said and units is not None and said[0].lower() in units.words:
        tail = said[1] if len(said) > 1 else ""  # `16 students do not wear glasses`: after the unit
    if tail and units is not None and _asks_after(tail.lower(), units.asked):
        # the question's own last words after the number (`**16 students** do not wear glasses.` for "How
        # many students do not wear glasses?", `... every day at the farmers' market`): what was asked
        text = text[: number.end()] + text[number.end() :].replace(tail, "")
    if _ASKED_NEED.search(text) and asked & {"need", "needs", "needed"}:
        text = _ASKED_NEED.sub("has", text)  # "How much more money does Betty need?": `Betty needs $5.`
    if asked & _STILL_ASKED:
        # "How much more money does Betty need?": `Betty still needs $5.` is what she needs
        text = re.sub(r"\bstill\s+", "", text, flags=re.I)
    quantity = _asked_quantity(units)
    if any(_stops(found.group(0).lower(), question, quantity) for found in _STOP.finditer(text)):
        return None
    if any(w.lower() in NUMBER_WORDS for w in re.findall(r"[A-Za-z]+", text)):
        return None
    found = _NUMBER.search(text)  # where the number is now (`still` and `needs` above moved it)
    if found is None:
        return None
    number = found
    before = text[: number.start()].rstrip()
    if before.endswith(("-", "−", "$", REFUSED)):
        return None  # a sign, or a currency the question does not ask in (units.py leaves that `$`)
    if units is not None and names_a_given_action(re.findall(r"[A-Za-z]+", before), units.acts):
        return None  # `He gave away 29 apples.` when 7 were given away and 29 are left: another quantity
    if units is not None and _names_another(before, units):
        return None  # `His sister has 29 apples left.` for a problem about Tom
    after = text[number.end() :].strip().lower()
    words = after.split()
    if words and units is not None and words[0] in units.words:
        words = words[1:]
        if len(words) >= 2 and words[0] == "of" and words[1] in _ASKED_SUBSTANCE.findall(units.asked):
            words = words[2:]  # `154 liters of water left` for "How much water is left?"
        elif len(words) >= 2 and words[0] == "of" and words[1] in units.nouns:
            # `Albert eats 48 pieces of pizza.`, `15 cups of flour are needed`: the asked unit, of what the
            # prompt speaks of; words after it must be the question's own (`15 cups of flour are left over`
            # for "How many cups are needed?" says another quantity)
            words = words[2:]
            if words and not set(words) <= set(re.findall(r"[a-z]+", units.asked.lower())):
                return None
    if (
        units is not None
        and words[:1] == ["of"]
        and words[1:2]
        and words[1] in _ASKED_SUBSTANCE.findall(units.asked)
    ):
        words = words[2:]  # `He needs 20 kg of flour.` with the asked unit already taken off (trace.py)
    if units is not None and words[-3:-1] == ["left", "to"] and words[-1] in units.nouns:
        words = words[:-2]  # `195 pages left to read`: left, for what the prompt does with them
    if units is not None and _IN_THE_THING.fullmatch(" ".join(words[-3:])):
        thing = words[-1]
        # the place the question itself names (`... left in the barrel?`): only that one may be said
        places = re.findall(r"\b" + _IN_THE_THING.pattern, units.asked)
        if (
            thing in units.nouns
            and thing not in MEASURE_WORDS | _TIMES_OF_DAY
            and (not places or thing in places)
        ):
            words = words[:-3]  # `... left in the tank.` for a prompt about the tank: where, not what
    in_question = (
        words
        and all(w in asked or w in _ARTICLES for w in words)  # (`to fill the tank` for "... to fill a tank?")
        and not _NEGATED.search(units.asked if units else "")
    )
    if not _KEEPS.match(" ".join(words)) and not in_question:
        # `James runs 540 meters a week.` for "How many total meters does he run a week?": the words of
        # the question after the number say it is what was asked
        return None
    return ("-" if negative else "") + number.group(0).replace(",", "") + ("%" if percent else "")


# a noun after a determiner or a possessive (`His sister has`, `The neighbour has`)
_DETERMINED = re.compile(r"\b(?:his|her|their|its|my|our|your|the|a|an)\s+([a-z]{2,})\b", re.I)
# nouns that name the answer itself, not someone or something the problem must have
_ANSWER_NOUNS = frozenset(
    "total number amount sum count result answer final remaining rest difference value quantity end".split()  # noqa: SIM905
)


def _names_another(before: str, units: AskedUnits) -> bool:
    """Whether the words before the sentence's number name, after a determiner or a possessive, someone or
    something the prompt does not (`His sister has` for a problem about Tom); words of the prompt or the
    question, and the answer's own nouns, name nothing else. (A name alone is not held to the prompt: a
    prompt may say only `she`.)"""
    known = units.nouns | units.question | _ANSWER_NOUNS | units.words
    return any(m.group(1).lower() not in known for m in _DETERMINED.finditer(before))


def _percent_words_asked(text: str, question: frozenset[str]) -> bool:
    """Whether every word of a percent sentence is the question's (`increased` for "did the price
    increase?", in any of its forms) or a plain link word: a sentence in percent says which change it is,
    and a change the question does not ask (`decreased`, `increased to`) is another claim."""
    for word in re.findall(r"[A-Za-z]+", text.lower()):
        forms = {word, word[:-1], word[:-2], word[:-3]} if len(word) > 4 else {word}
        if word not in _PERCENT_LINKS and not forms & question:
            return False
    return True


_PERCENT_LINKS = frozenset(
    {"the", "a", "an", "is", "was", "by", "so", "thus", "therefore", "hence", "its", "it"}
)


# a value in a unit squared: `60 square cm`, `60 sq. cm`, `60 cm²`, `60 cm^2`
_SQUARED_UNIT = re.compile(
    r"(?P<n>\d)\s+(?:(?:square|sq\.?)\s+(?P<unit>[A-Za-z]+)\b(?![²^])|(?P<unit2>[A-Za-z]+)(?:²|\^2)(?!\d))"
)


def _bare_length(text: str, asked: frozenset[str]) -> bool:
    """Whether a number in text is followed by a unit of length the question names, to no power."""
    return any(
        match.group("unit").lower() in asked and match.group("unit").lower() in LENGTH_UNITS
        for match in _UNIT_AFTER_NUMBER.finditer(text)
    )


# a number, then a word right after it that no power follows (`60 cm`, not `60 cm²` nor `60 cm^(2)`)
_UNIT_AFTER_NUMBER = re.compile(r"\d\s*(?P<unit>[A-Za-z]+)\b(?!\s*(?:[²³]|\^))")


def _unsquared(match: re.Match[str], asked: frozenset[str]) -> str:
    unit = match.group("unit") or match.group("unit2")
    return f"{match.group('n')} {unit}" if unit.lower() in asked else match.group(0)


_PERCENT = re.compile(r"(\d)\s?%")
# a minus sign at the start of a word, right before a digit
_SIGNED = re.compile(r"(^|\s)[-−](?=\d)")


# `Answer: 4 (x = 4)`: the value, then the same value given to the variable in brackets
_RESTATED_BINDING = compile_guarded(
    r"^(?P<lead>.*\banswer\b[^:]{0,20}:\s*)(?P<value>[-−]?\d+(?:[./]\d+)?)\s*"
    r"\(\s*(?P<name>[A-Za-z])\s*=\s*(?P=value)\s*\)\s*\.?\s*$",
    re.I,
)


def without_restated_binding(line: str) -> str:
    """`Answer: 4 (x = 4)` as `Answer: x = 4`: a bracket that gives the variable the very value written
    before it says nothing else; any other bracket (`4 (x = 5)`) is left for the reader to refuse."""
    found = _RESTATED_BINDING.match(line)
    if found is None:
        return line
    return f"{found.group('lead')}{found.group('name')} = {found.group('value')}"


# `So 2 and 3.`, `Therefore, 2 or 3.`, `I get -11/7.`: a closing line that is a conclusion's word and values
# alone (no word between them but `and` / `or`)
_CLOSING_LEAD = re.compile(
    r"^\s*(?:(?:so|thus|therefore|hence|finally)\b,?\s*)?(?:(?:i|we)\s+(?:get|obtain)\b:?\s*)?", re.I
)
_JOINS = re.compile(r"\s*,\s*(?:and|or)\s+|\s*,\s*|\s+(?:and|or)\s+", re.I)
MAX_JOINED = 8


def closing_values(line: str) -> str | None:
    """The values a closing line gives after a conclusion's word alone (`So 2 and 3.` for the roots of a
    quadratic, `I get -11/7.`), joined as one answer (`2, 3`); None for anything else: a line with no lead
    word, a word or a variable among the values, a value taken further (`So 2 and 3!`)."""
    lead = _CLOSING_LEAD.match(line)
    if lead is None or not lead.group(0).strip() or "=" in line or "!" in line:
        return None
    pieces = _JOINS.split(re.sub(r"\.\s*$", "", line[lead.end() :].strip()))
    if not 0 < len(pieces) <= MAX_JOINED:
        return None
    values = [bare_value(piece) for piece in pieces]
    if not all(values) or (len(values) == 1 and not re.search(r"\b(?:get|obtain)\b", lead.group(0), re.I)):
        return None  # (`Therefore 4.` alone is the step reader's)
    return ", ".join(v for v in values if v is not None)


__all__ = ["closing_values", "sentence_answer", "without_restated_binding"]
