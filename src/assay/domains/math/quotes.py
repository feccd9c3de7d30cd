"""A word problem's numbers quoted in a step's words with another meaning than the prompt gives them.

"Each of the 12 boxes has 3 pencils: 3 × 12 = 36" and "She has 36 pencils and gives away 12 of them, so
36 - 7 = 29" say only numbers the prompt gives ("Betty has 3 boxes with 12 pencils each. She gives away 7
pencils."), and their arithmetic is true, but the words swap what the numbers are: the prompt's boxes are
3, not 12, and what it gives away is 7. A step that says so is unknown, never passed.

A quote is a number with the word after it (its noun: `12 boxes`), the word before it (its verb: `gives
away 7`) and, after `of` or `with`, the noun before that (its group: `boxes of 6`). A step's quote
contradicts the prompt when the prompt gives that word to another number and never to this one, and (for
a noun) gives this number a noun of its own: "Ben is 6" gives 6 no noun, so "Ben is 6 years old" quotes
nothing against it. Numbers the prompt gives are judged; a value the steps computed (`36 pencils` after
`3 × 12 = 36`) only by its group (`48 ÷ 6 = 8 boxes of 8 cookies each` for "boxes of 6": a box holds 6,
whatever was computed). Pure text work; safe in any process.
"""

from __future__ import annotations

import re
from collections.abc import Collection
from dataclasses import dataclass, replace
from fractions import Fraction

from assay.domains.math.exact import Number, format_number
from assay.domains.math.prose_numbers import MARKER
from assay.domains.math.vocabulary import NUMBER_WORDS


@dataclass(frozen=True)
class Quote:
    """A number with the words that say what it is (normalised; "" for none that counts)."""

    before: str
    value: Fraction
    after: str
    group: str = ""
    # the words that say what the number is, a few either side of it in its sentence
    window: frozenset[str] = frozenset()
    # the stems of the words of its sentence, and of its clause before it
    sentence: frozenset[str] = frozenset()
    lead: frozenset[str] = frozenset()
    # the stems of the rest of its clause after it (`4 years younger`: year, youn)
    trail: frozenset[str] = frozenset()
    # the unit of the currency sign before it, "" for none (`a $20 bill` is 20 dollars, whatever the
    # word after it; `€20` is 20 euros)
    money: str = ""
    # written `N more` (`then buys 15 more`): a trace may say the same words again
    more: bool = False
    # the stems a restatement may say before it besides its sentence's (see prompt_quotes)
    stand_ins: frozenset[str] = frozenset()
    # its sentence speaks of someone as `he`, `she` or `they`
    pronoun: bool = False
    # the stems of the words after it up to the next number or `and` (`$15 each week`: week), and of the
    # people the prompt names (set on a prompt's quotes only)
    rest: frozenset[str] = frozenset()
    people: frozenset[str] = frozenset()
    # the stem of what it is counted per (`$15 each week`, `25 pages a day`: week, day), "" for none
    rate: str = ""


_WORDS = "|".join(sorted(NUMBER_WORDS, key=len, reverse=True))
_NUMBER = re.compile(
    rf"(?<![\w.,/])\d+(?:,\d{{3}})*(?:\.\d+)?(?![\w/%]|\.\d|,\d)|\b(?:{_WORDS}|dozen)\b(?!-)",
    re.I,
)
_BEFORE = re.compile(r"(?:([A-Za-z]+)\s+)?([A-Za-z]+)[\s$]*$")
_AFTER = re.compile(r"\s+([A-Za-z]+)")
# `cost 3 × 12`, `penpals with 5-1`: the words before an operand speak of the result, not of the number
_OPERATOR = re.compile(r"\s*(?:[-+*/×÷=^−·]|\\times|\\cdot|\\div)")
# words around a number that say nothing of what it counts or what is done with it
_PLAIN_WORDS = (
    "a an the of with has have had is are was were be been being and or to for in on at by from each "
    "every so then than more less fewer all only about after before over under into its his her their "
    "she he it they that this these those we i you gets get got as if but there here which who what "
    "when now total left remaining altogether together still just also another other same both first "
    "step part line times plus minus divided multiplied equals equal makes make gives give leaves "
    "leaving per"
)
_PLAIN = frozenset(_PLAIN_WORDS.split())
MAX_QUOTES = 200  # quotes read from one prompt


def prompt_quotes(prompt: str) -> tuple[Quote, ...]:
    """The quotes of a prompt (see the module), each with the words a restatement may put before it that
    its own sentence does not say: the name of the prompt's one person when its sentence calls them `he`
    or `she` ("How many weeks does he need to save $180?": `Sam needs $180`), and, for the prompt's first
    number, the words of a starting value (`Tom starts with $45.`, `Start: -4 degrees.`)."""
    found = _quotes(prompt)[:MAX_QUOTES]
    people = _people(prompt)
    person = next(iter(people)) if len(people) == 1 else ""
    marked = []
    for i, quote in enumerate(found):
        stand_ins = _START if i == 0 else frozenset()
        if person and quote.pronoun:
            stand_ins |= {person}
        marked.append(replace(quote, stand_ins=stand_ins, people=people))
    return tuple(marked)


_START = frozenset({"star", "begi", "init"})  # start(s), starting, begin(s), initially
# capitalised words of a prompt that name no one
_NO_NAME_WORDS = (
    "a an the how what which who whom whose when where why if each every there he she they it his her their "
    "its we you i on in at after before during on for from to of by with one two three four five six seven "
    "eight nine ten then later monday tuesday wednesday thursday friday saturday sunday january february "
    "march april may june july august september october november december this that these those all some "
    "find calculate determine compute given suppose assume"
)
_NO_NAMES = frozenset(_NO_NAME_WORDS.split())


def _people(prompt: str) -> frozenset[str]:
    """The stems of the names of the people a prompt names (`he` may be any of them when there are
    several)."""
    names = set()
    written = set(re.findall(r"\w+", prompt))  # (a name's lower-case form among them is a plain word)
    for word in re.findall(r"\b[A-Z][a-z]+\b", prompt)[:_MAX_WORDS]:
        lower = word.lower()
        if lower in _NO_NAMES or lower in written:
            continue  # a sentence's first word that the prompt also writes in lower case is no name
        names.add(_word(lower)[:4])
    return frozenset(names)


def misquoted(text: str, quotes: Collection[Quote], computed: Collection[Number]) -> str | None:
    """Why the words of a step give one of the prompt's numbers another meaning, or None."""
    if not quotes:
        return None
    given = {q.value for q in quotes}
    for said in _quotes(text):
        judged = (
            ("group",) if said.value in computed or said.value not in given else ("after", "before", "group")
        )
        mine = [q for q in quotes if q.value == said.value]
        for attribute in judged:
            word = getattr(said, attribute)
            if not word or any(getattr(q, attribute) == word for q in mine):
                continue
            if attribute == "after" and not any(q.after for q in mine):
                continue  # "Ben is 6": the prompt gives 6 no noun, so `6 years old` contradicts nothing
            others = sorted({q.value for q in quotes if getattr(q, attribute) == word} - {said.value})
            if others:
                number = format_number(said.value)
                where = f"{number} {word}" if attribute == "after" else f"{word} {number}"
                return f"its words say '{where}', but the problem says that of {format_number(others[0])}"
    return None


def _quotes(text: str) -> list[Quote]:
    found: list[Quote] = []
    previous_end = -1  # where the number before this one ends, -1 for none
    for match in _NUMBER.finditer(text):
        number = match.group(0)
        lower = number.lower()
        if lower == "dozen":
            value = Fraction(12)
        elif lower in NUMBER_WORDS:
            value = Fraction(NUMBER_WORDS[lower])
        else:
            value = Fraction(number.replace(",", ""))
            if _signed(text, match.start()):
                value = -value  # `-4 degrees`: a restatement of it must say -4, not 4
        before = _BEFORE.search(text, max(0, match.start() - 60), match.start())
        after = _AFTER.match(text, match.end())
        verb, group = "", ""
        if before is not None and _OPERATOR.match(text, match.end()) is None:
            verb = _word(before.group(2))
            if before.group(2).lower() in ("and", "or") and _same_clause(text, previous_end, match.start()):
                # "Mark runs 5 miles every weekday and 8 miles on Saturday": 8 shares the verb of 5
                verb = found[-1].before
            if before.group(2).lower() in ("of", "with") and before.group(1) is not None:
                noun = _word(before.group(1))
                group = f"{noun} {before.group(2).lower()}" if noun else ""
        window = frozenset(w for w in map(_word, _words_near(text, match.start(), match.end())) if w)
        head = re.split(r"[.!?;,](?:\s|$)", text[max(0, match.start() - 200) : match.start()])
        # the rest of its clause (`... $15 for that purpose, and her grandparents ...`: not the grandparents)
        tail = re.split(r"[.!?;,](?:\s|$)", text[match.end() : match.end() + 200])[0]
        rest = _UP_TO_NEXT.split(tail, maxsplit=1)[0]
        lead = _stems(head[-1])
        if previous_end >= 0 and _same_clause(text, previous_end, match.start(), any_length=True):
            # "Sam needs $180 and saves $15 per week": what is said of 15 starts after 180, and after the
            # `and` that ends what is said of 180 ("$12 on a book and $8 on lunch": nothing of the book)
            lead = _stems(_UP_TO_NEXT.split(text[previous_end : match.start()])[-1])
        sentences = re.split(r"[.!?;](?:\s|$)", text[max(0, match.start() - 200) : match.start()])
        sentence = _stems(sentences[-1])
        if len(sentences) > 1 and _PRONOUN_START.match(sentences[-1]):
            # "A tank holds 250 liters. It leaks 12 liters per hour.": `It` is the tank of the sentence before
            sentence |= _stems(sentences[-2])
        found.append(
            Quote(
                verb,
                value,
                _word(after.group(1)) if after is not None else "",
                group,
                window,
                sentence | _stems(tail),
                lead,
                _stems(tail),
                _CURRENCY.get(text[max(0, match.start() - 2) : match.start()].strip()[-1:], ""),
                after is not None and after.group(1).lower() == "more",
                pronoun=_PRONOUN.search(sentences[-1] + " " + tail) is not None,
                rest=_stems(rest),
                rate=_rate(text[match.end() : match.end() + 40]),
            )
        )
        previous_end = match.end()
    return found


_N_MORE = re.compile(r"(?<![\w.,/])(\d+)\s+more\b(?!\s+than\b)", re.I)


# a currency sign before a number (`$20`, `US$20`, `€20`, `£20`) and the unit it counts
_CURRENCY = {"$": "dollar", "€": "euro", "£": "pound"}

_PRONOUN_START = re.compile(r"\s*(?:he|she|it|they|his|her|its|their)\b", re.I)


def _same_clause(text: str, previous_end: int, start: int, any_length: bool = False) -> bool:
    """Whether the number before this one (ending at previous_end, -1 for none) is in the same sentence
    with no verb of its own between them: at most six words (any number with any_length), no `.`, `;` or
    other number (`30%` included)."""
    if previous_end < 0:
        return False
    gap = text[previous_end:start]
    return not re.search(r"[.!?;:\d]", gap) and (any_length or len(gap.split()) <= 6)


def _signed(text: str, start: int) -> bool:
    """Whether a minus sign right before text[start] makes the number negative (`-4 degrees`, `at −12
    meters`, `-$180`), not one between two values (`5-3`)."""
    if start > 0 and text[start - 1] in _CURRENCY:
        start -= 1  # `-$180`
    return start > 0 and text[start - 1] in "-−" and (start == 1 or text[start - 2] in " \t\n($:*")


_UP_TO_NEXT = re.compile(r"[-−$€£]?\d|\b(?:and|but|while|whereas|or)\b", re.I)
_PRONOUN = re.compile(r"\b(?:he|she|they|him|her|them|his|their)\b", re.I)


def _words_near(text: str, start: int, end: int) -> list[str]:
    """The words within _NEAR words of text[start:end], in its sentence."""
    head = re.split(r"[.!?;](?:\s|$)", text[max(0, start - 80) : start])[-1]
    tail = re.split(r"[.!?;](?:\s|$)", text[end : end + 80])[0]
    return re.findall(r"[A-Za-z]+", head)[-_NEAR:] + re.findall(r"[A-Za-z]+", tail)[:_NEAR]


_NEAR = 5


_LEAD_LABEL = re.compile(r"^\s*[A-Za-z][A-Za-z'’ ]{0,40}:\s+(?=[A-Za-z])")


def restates(text: str, quotes: Collection[Quote]) -> bool:
    """Whether text only says again facts of the prompt: numbers it gives (at least one), each with a word
    the prompt says near that number, none with another meaning (misquoted), and no relation, comparison,
    negation, question or arithmetic (`Her parents give $15.`, `- **Yellow:** 10`, `The robe needs 2
    bolts of blue fiber.`)."""
    text = MARKER.sub(" ", text, count=1).replace("**", " ").replace("__", " ")
    text = re.sub(r"(?<![\w)])−(?=\d)", "-", text)  # `−3 degrees`: a sign (a minus between values stays)
    # `Pencils given away: She gives away 7 pencils.`: the label names the fact; the fact is what is said
    text = _LEAD_LABEL.sub("", text, count=1)
    if " more" in text:
        # `Then he buys 15 more` for "... and then buys 15 more": the prompt's own `N more`, said again
        more = {q.value for q in quotes if q.more}
        text = _N_MORE.sub(lambda m: m.group(1) if Fraction(int(m.group(1))) in more else m.group(0), text)
    if not quotes or _NOT_A_RESTATEMENT.search(text) or misquoted(text, quotes, ()) is not None:
        return False
    said = _quotes(text)
    if not said:
        return False
    prompt_words = frozenset().union(*(q.sentence for q in quotes))
    for quote in said:
        if not quote.trail <= prompt_words:
            return False
        # `boxes of 8`: the size of each box, said again only of each box (`Each box holds 8 apples.`), never
        # as a count of boxes (`He has 8 boxes.`) or of apples in all (`He has 8 apples.`)
        if any(_restates_size(quote, q) for q in quotes if q.value == quote.value and _sized(q)):
            continue
        # a word near it the prompt says near that number, and every word before it in its clause one the
        # prompt's sentence says (`She sells 16 eggs` for "ducks lay 16 eggs" is not a restatement); every
        # word after it, one the prompt says (`Maria is 4 years younger` for "4 years older" is not)
        mine = [q for q in quotes if q.value == quote.value and not _sized(q)]
        if not any(quote.window & q.window and quote.lead <= q.sentence | q.stand_ins for q in mine):
            return False
        if not any(_same_sayer_and_rest(quote, q) for q in mine):
            # `Ann has 5 apples.` for "Ann has 12 apples and Ben has 5 apples", `Sam saves $180 each week.`
            # for "... does he need to save $180?": another person, or another rate, than the prompt's
            return False
    return True


# what a container does with what it holds, said of each one (`Each box holds 8 apples.`)
_HOLDING = frozenset(
    {"hold", "cont", "has", "have", "carr", "fit", "fits", "each", "ever", "in", "with", "of"}
)


def _sized(quote: Quote) -> bool:
    """A number the prompt writes as the size of each of a group (`boxes of 8`, `packs of 6 pens`)."""
    return quote.group.endswith(" of") and not quote.money


def _restates_size(said: Quote, given: Quote) -> bool:
    """Whether a quote says again the size of each group the prompt gives (`Each box holds 8 apples.`,
    `There are 8 apples in each box.` for "boxes of 8 apples"): the group named before or after it, never
    counted by it, and what it counts (if said) a word the prompt says near that number."""
    group = given.group.split()[0][:4]
    if said.group == given.group:
        return said.lead <= given.sentence | given.stand_ins
    stems = {word[:4] for word in said.lead | said.trail}
    return (
        group in stems
        and said.after[:4] != group
        and not said.money
        and (not said.after or said.after in given.window)
        and {word[:4] for word in said.lead} <= {w[:4] for w in given.sentence | given.stand_ins} | _HOLDING
        and said.rest <= given.rest | given.lead | given.window | {group}
    )


def _same_sayer_and_rest(said: Quote, given: Quote) -> bool:
    """Whether a quote names no person before it that the prompt's quote does not (or stands in for with
    `he`), and says nothing after it up to the next number that the prompt does not say there."""
    named = said.lead & given.people
    if said.rate and said.rate != given.rate:
        return False
    return named <= given.lead | given.stand_ins and said.rest <= given.rest | given.lead | given.stand_ins


def _rate(after: str) -> str:
    """The stem of the noun a number is counted per, from the text after it (`pages a day`, `each week`,
    `km per hour`), or ""."""
    found = _RATE.match(after)
    return _word(found.group(1))[:4] if found is not None else ""


_RATE = re.compile(
    r"\s*(?:(?!(?:on|in|at|for|to|of|with|by|from)\b)[A-Za-z]+\s+)?(?:per|each|every|a|an)\s+([A-Za-z]+)",
    re.I,
)


def introduces(text: str, quotes: Collection[Quote]) -> bool:
    """Whether text is a heading or a line that ends in `:`, naming the work that follows with numbers
    the prompt gives, each with a word the prompt says near it and none with another meaning, and with
    nothing that states a value (`## Step 2: Calculate the distance traveled in 5 hours`, `Then the
    distance in 5 hours:`). `Two weeks have 14 days:` (a value the prompt does not give) and `So 5 are
    left:` (a result) are claims, left unread."""
    body = MARKER.sub(" ", text, count=1).replace("**", " ").replace("__", " ").strip()
    heading = text.lstrip().startswith("#") or re.match(
        r"^[\s*_]*(?:step|part)\s*\d{1,3}\s*[:.)]", text, re.I
    )
    if not (heading or body.endswith(":")) or not quotes or _NOT_A_RESTATEMENT.search(body):
        return False
    if "=" in body or misquoted(body, quotes, ()) is not None:
        return False
    said = _quotes(body)
    read = [m for m in _NUMBER.finditer(body) if m.group(0)[0].isdigit()]
    if not said or len(read) != len(re.findall(r"\d+(?:[.,]\d+)*", body)):
        return False  # a number the quotes did not read (`3rd`, `5-6`)
    prompt_words = frozenset().union(*(q.sentence for q in quotes)) | _INTRO
    return all(
        quote.trail <= prompt_words
        and any(
            quote.window & q.window and quote.lead <= q.sentence | _INTRO
            for q in quotes
            if q.value == quote.value
        )
        for quote in said
    )


# the words a heading may use besides the prompt's own: what it asks to do and what it names
_INTRO_WORDS = (
    *("calculate", "find", "compute", "determine", "work", "figure", "then", "next", "now", "first"),
    *("second", "third", "step", "distance", "speed", "time", "cost", "price", "amount", "number", "rate"),
    "value",
)
_INTRO = frozenset(w[:4] for w in _INTRO_WORDS)


_IRREGULAR = {
    "laid": "lay", "paid": "pay", "ate": "eat", "gave": "give", "sold": "sell", "bought": "buy",
    "spent": "spend", "made": "make", "took": "take", "got": "get", "ran": "run", "had": "have",
    "went": "go", "kept": "keep", "drove": "drive", "wrote": "write", "found": "find", "lost": "lose",
}  # fmt: skip


def _stems(text: str) -> frozenset[str]:
    """The content words of text, cut to a stem (`sells`, `sell` → `sell`; `laid` → `lay`)."""
    stems: set[str] = set()
    for raw in re.findall(r"[A-Za-z]+", text)[:_MAX_WORDS]:
        word = _word(_IRREGULAR.get(raw.lower(), raw))
        if word:
            stems.add(word[:4])
    return frozenset(stems)


_MAX_WORDS = 60


_NOT_A_RESTATEMENT = re.compile(
    r"[=<>+*/×÷^%?≈≠−]|\\|\d\s*-\s*\d|\b(?:more|less|fewer|than|times|twice|half|double|triple|third|quarter"
    r"|percent|total|altogether|sum|difference|product|left|remain\w*|not|no|never|n't|cannot|answer|so|thus"
    r"|therefore|hence|means|if|average|only|about)\b",
    re.I,
)


# units of time as they are written short; never `m` or `s`, which other units and plurals share
_TIME_ABBREVIATIONS = {
    "h": "hour", "hr": "hour", "hrs": "hour", "min": "minute", "mins": "minute", "sec": "second",
    "secs": "second", "wk": "week", "wks": "week", "yr": "year", "yrs": "year",
}  # fmt: skip


def noun_of(word: str | None) -> str:
    """A word that says what a number is, singular and lower case, or "" for a plain word."""
    return _word(word)


def _word(word: str | None) -> str:
    """A word that says what a number is, singular and lower case, or "" for a plain word."""
    if word is None:
        return ""
    lower = word.lower()
    if lower in _PLAIN or lower in NUMBER_WORDS:
        return ""
    if lower in _TIME_ABBREVIATIONS:
        return _TIME_ABBREVIATIONS[lower]  # `3 h` counts hours, as `3 hours` does
    if lower.endswith("ies") and len(lower) > 4:
        return lower[:-3] + "y"
    if re.search(r"(?:x|s|ch|sh)es$", lower):
        return lower[:-2]
    if lower.endswith("s") and not lower.endswith("ss"):
        return lower[:-1]
    return lower


__all__ = ["Quote", "introduces", "misquoted", "noun_of", "prompt_quotes", "restates"]
