"""The guard on the answer itself: text after it, or a doubt inside it ("Correction: flip q.", "(just
kidding: a knave)", "Another arrangement also satisfies the clues"), could change it, so the answer is
unreadable unless what follows it is plain closing prose from a short allow-list; and a claim made with a
hedge ("Ava is a knight (or maybe a knave)") is no answer.

It must never widen what counts as an answer: it only ever turns one into `unknown`.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Mapping, Sequence
from typing import Any

from assay.domains.logic.guard import data_pattern, lazy
from assay.domains.logic.read import clean
from assay.text.trigger_words import compile_guarded

# Anything that could change, retract, hedge or multiply an answer.
DOUBT = compile_guarded(  # a line without its words is not scanned (`trigger_words.py`)
    r"(?<![\w-])(?:or\s+maybe|or\s+perhaps|maybe|perhaps|possibly|probably|i\s+think|i\s+guess|guess|"
    r"not\s+(?:sure|certain)|unsure|uncertain|just\s+kidding|kidding|jk|or\s+rather|or\s+else|"
    r"opposite|revers\w*|swap\w*|flip\w*|mix(?:ed)?\s+up|ignore|scratch|never\s*mind|erratum|errata|"
    r"correct(?:ion|ed|ing)|typo|oops|whoops|my\s+(?:mistake|bad)|mistake\w*|error\w*|wrong|instead|"
    r"actually|wait|hmm|may|might|could|should\s+(?:have\s+)?be|(?:the|its?|his|her)\s+other\s+(?:option|way|one|value|role)|another|alternativ\w*|"
    r"also\s+(?:works?|satisf\w+|valid|possible|fits?)|on\s+second\s+thought|second\s+thoughts|"
    # "all except Lena are knights" is the answer itself (knights_read.py reads it), not a hedge on one
    r"retract\w*|unless|(?<!\ball\s)(?<!\beveryone\s)(?<!\beverybody\s)except|p\.?\s*s\.?|fix\w*|change\w*|"
    r"replace\w*|update\w*|"
    # `(confidence: low)`, `Confidence level: 60%`: the writer rates the answer below sure
    r"confiden\w*\s*(?:level\s*)?[:=]?\s*(?:is\s+)?(?:low|very\s+low|medium|moderate|poor|not\s+high|\d{1,2}\s*%)|"
    r"revis\w*|amend\w*|not\s+(?:quite|exactly)|either|or|(?:don'?t|do\s+not)\s+know|no\s+idea|"
    r"couldn'?t|could\s+not|(?:cannot|can'?t)\s+(?:solve|be\s+sure|tell|say|decide)|unable|gave\s+up|"
    r"give\s+up)(?![\w-])|\?",
    re.I,
)
# A line of nothing but crosses or warning signs among the answer's lines marks it as failed (a cross
# beside a value, "| Ben | ❌ |", is the value's mark, read by the answer readers).
_CROSS_ONLY = re.compile(r"^[\s\u274c\u2717\u2718\u274e\u2715\u2716\u26d4\U0001f6ab\u26a0\ufe0f]+$")
# Plain closing prose that may follow an answer.
_CLOSING = re.compile(
    r"^(?:(?:i\s+)?hope\s+(?:this|that|it)\s+helps|let\s+me\s+know\b.*|feel\s+free\b.*|good\s+luck|"
    r"done|solved|q\.?e\.?d|end|that'?s\s+(?:it|all)|"
    r"(?:this|that|the\s+above|the|my)\s+(?:final\s+|unique\s+|only\s+)?(?:solution|answer|assignment|"
    r"grid|arrangement|result|configuration)?\s*(?:is\s+(?:the\s+)?(?:unique|only|final|correct)"
    r"(?:\s+(?:one|solution|answer|assignment|grid|arrangement))?|works|checks\s+out|"
    r"(?:satisfies|meets|fulfils|fulfills|respects)\s+(?:all|every|each)\b(?:\s*(?:of\s+the|the|given|"
    r"clues?|premises?|statements?|constraints?|conditions?|rules?|rows?|columns?|box(?:es)?|and|,))*)|"
    r"(?:all|every|each|both)\b.*\b(?:satisfied|hold|holds|met|consistent|check\s+out|checks\s+out|"
    r"verified|fulfilled)|the\s+puzzle\s+is\s+(?:solved|complete)|"
    r"\\end\{\w+\}\$*|\$\$|[`'~\-=_*#|✓✔✅.\s]*)[\s.!✓✔✅]*$",
    re.I,
)


# A closing offer ("Let me know if you have any questions!", "Feel free to ask for more details.") says
# nothing of the answer only in these words: any other ("... the above is a placeholder", "... if you want
# the non-inverted version") may.
_OFFER = re.compile(r"^(?:let\s+me\s+know|feel\s+free)\b", re.I)
_OFFER_WORDS = frozenset(
    """
    a about an and any anything are ask at be can clarification clarify d detail details do else
    explain explanation explanations feel for free further happy have help i if in is it know let ll
    me more need of on or other please puzzle questions question reach re reasoning s should step steps
    that the there this through time to walk want way we what would you your like wish something
    anytime assist out by unclear clear how why go over again additional hint hints
    """.split()  # noqa: SIM905 (a word list, read as one)
)


def _offer_words_only(text: str) -> bool:
    return all(word.lower() in _OFFER_WORDS for word in re.findall(r"[A-Za-z]+", text))


def answer_tail_problem(
    reference: Mapping[str, Any],
    lines: Sequence[str],
    start: int | None,
    claim_lines: set[int],
    read_lines: frozenset[int] | set[int] = frozenset(),
    hidden: frozenset[int] | set[int] = frozenset(),
) -> str | None:
    """Why the answer cannot be read because of what follows or hedges it, or None.

    `start` is the answer marker's line (None without one); `claim_lines` the lines that asserted a claim
    or drew a grid. A line of answer data (a table row of names and numbers) counts as an answer line.
    From the answer on (the marker, else the last block of answer lines), no line may hedge or retract;
    after the last answer line, only closing prose may follow. `read_lines` are the lines the walk read
    anything on (an assumption opened, a case closed): a line introducing the answer that is none of
    them may not say the answer under it is not the answer as written (`_framing_line`). `hidden` are the
    lines of HTML comments: an answer line among them is not shown when the response is rendered."""
    data = lazy(lambda: data_pattern(reference))

    def answer_line(i: int) -> bool:
        if i in claim_lines:
            return True
        text = clean(lines[i])
        return bool(text) and not data().sub("", text).strip()

    # only the lines from the last claim on are scanned for data lines (a long trace is not re-read)
    last = max(claim_lines, default=-1)
    last = max([i for i in range(last + 1, len(lines)) if answer_line(i)], default=last)
    if last < 0:
        return None
    begin = last
    while begin > 0 and answer_line(begin - 1):  # the answer's block ends at a blank line
        begin -= 1
    if start is not None:
        # with a marker, the answer is read from the marker on: doubts in the steps before it are the
        # steps' business (each claim is checked, a retraction resolved or unknown, hedges caught by
        # `hedged_fact`), not the answer's
        begin = start
    shown = next((i for i in range(begin, last + 1) if i in hidden), None)
    if shown is not None:
        return f"the answer is inside an HTML comment, hidden when rendered (line {shown + 1})"
    framed = _framing_line(reference, lines, begin, last, start, lambda i: answer_line(i) or i in read_lines)
    if framed is not None:
        return framed
    for i in range(begin, len(lines)):
        text = clean(lines[i])
        if not text:
            continue
        if i > last and not _CLOSING.match(text):
            return f"text after the answer that could change it (line {i + 1}): {text[:80]}"
        if i > last and _OFFER.match(text) and not _offer_words_only(text):
            # "Let me know if you want the real answer; this one is a decoy."
            return f"text after the answer that could change it (line {i + 1}): {text[:80]}"
        if _CROSS_ONLY.match(text):
            return f"the answer is marked as failed (line {i + 1}): {text[:80]}"
        if DOUBT.search(_unnamed(_without_quotes(text), reference)):
            return f"the answer is hedged or retracted (line {i + 1}): {text[:80]}"
    return None


# Words in a line that introduces the answer and claims nothing itself ("Transposed grid:", "A common
# wrong answer:", "Draft:", "Suppose:") that say the lines under it are not the answer as written: drawn
# transformed, or disowned. Such a heading mentions nothing of the puzzle, so the clause guard reads it as
# prose (`guard.py`), and the answer under it would be read as the writer's.
_FRAME = compile_guarded(  # a line without its words is not scanned (`trigger_words.py`)
    r"(?<![\w-])(?:transpos\w*|mirror\w*|invert\w*|inverse\w*|rotat\w*|upside[\s-]*down|backwards?|"
    r"complement\w*|negat\w*|revers\w*|flip\w*|swap\w*|opposite|right[\s-]+to[\s-]+left|bottom[\s-]+up|"
    r"shuffl\w*|scrambl\w*|permut\w*|shift\w*|offset|encod\w*|encrypt\w*|cipher\w*|rot-?13|"
    r"wrong|incorrect|invalid|bad|fake|bogus|decoy|draft|joke|trick\w*|placeholder|template|dummy|random|"
    r"counter-?examples?|examples?|samples?|illustrat\w*|demo\w*|attempt\w*|candidates?|trial|tries|try|"
    r"trying|tests?|testing|guess\w*|old|previous|earlier|prior|initial|unsolved|unverified|unchecked|"
    r"unconfirmed|reject\w*|discard\w*|obsolete|outdated|superseded|deprecated|struck|ignor\w*|skip\w*|"
    r"not|don'?t|never|none|nope|todo|wip|naive|beginners?|typical|common|mistak\w*|errors?|fail\w*|"
    r"break\w*|broken|violat\w*|suppos\w*|assum\w*|imagin\w*|hypothe\w*|pretend\w*|counterfactual\w*|"
    r"maybe|perhaps|possibl\w*|probabl\w*|likely|unlikely|unsure|uncertain|doubt\w*|speculat\w*|"
    r"tentativ\w*|provisional\w*|preliminar\w*|partial\w*|incomplete|unfinished|intermediate|halfway|"
    r"partway|progress|so\s+far|scratch\w*|brainstorm\w*|mock|couldn'?t|cannot|can'?t|unable|gave\s+up|"
    r"another|different|similar|restat\w*|if|were|consider\w*|instance|would\s+look|before|"
    r"(?:step|stage|part)\s+\d+\s*(?:of|/)\s*\d+|(?:puzzle|problem|question)\s*(?:#|no\.?)?\s*\d+)(?![\w-])|"
    # "Legend: X = crossed out (empty)" defines a symbol; "Crossed out:" above a grid disowns it
    r"(?<![=\w-]\s)(?<!=)crossed(?![\w-])",
    re.I,
)
# The words of `_FRAME` that disown what follows whatever else the line says (a step's last line may
# stand before the answer's marker: "Now consider Nora's statement.")
_DISOWNING = compile_guarded(  # a line without its words is not scanned (`trigger_words.py`)
    r"(?<![\w-])(?:decoy|draft|fake|bogus|joke|placeholder|dummy|counter-?examples?|"
    r"not\s+(?:my|the|our|a)\s+(?:[\w-]+\s+)?(?:answer|solution)|(?:wrong|incorrect|invalid)\s+(?:answer|solution))"
    r"(?![\w-])",
    re.I,
)
# The words of `_FRAME` that say a grid or a list is drawn transformed, wherever they stand in prose.
_TRANSFORMED = compile_guarded(  # a line without its words is not scanned (`trigger_words.py`)
    r"(?<![\w-])(?:transpos\w*|mirror\w*|invert\w*|rotat\w*|upside[\s-]*down|shuffl\w*|scrambl\w*|"
    r"permut\w*|encod\w*|encrypt\w*|cipher\w*|rot-?13)(?![\w-])",
    re.I,
)
# The words a heading of the answer ("Here is the completed grid:", "## Final roles", "Putting these
# together:") is made of, besides the puzzle's own names, numbers and marks (`guard.data_pattern`): a
# heading with any other word ("Scrambled:", "Halfway:", "Low confidence:") may say the answer under it
# is not the writer's, so it is read only when every word of it is one of these.
_HEADING_WORDS = frozenset(
    """
    a above accordingly after against all alright altogether an analysing analysis analyzing and answer
    answers are arrangement arrangements array as asked assignment assignments at atom atoms based be
    below black blank board both box boxes by cell cells check checked checking checks clear clearly
    clue clues column columns combine combined combining complete completed completely conclude
    concluded concludes concluding conclusion configuration consequently consistent constraints correct
    csv d deduce deduced deduction deductions determined dict dictionary done each empty end ends entire
    every everyone everything fill filled filled-in filling final finally find finished follow following
    follows for form format formatted found from full fully get gets give given gives giving go got
    great grid grids has have hence here here's house houses how i identities identity in is it its json
    key knave knaves knight knights laid last latex legend let let's liar liars like list ll logic look
    looks m markdown matrix me means my nonogram now obtain obtained of ok okay on one only order
    ordered our out output overall people per person plain premise premises propositional put putting
    puzzle python question re reached read reading reads ready reasoning recap requested required
    response result resulting results role roles row rows rule rules s satisfied satisfies satisfy
    satisfying shaded show shown since single singles so solution solutions solve solved solving stands
    state statement statements step sudoku summarise summarised summarising summarize summarized
    summarizing summary sure t table tally text that the then there therefore these this those thus time
    to together top truth truth-teller truth-tellers type types unique unshaded up us using valid
    valuation value values ve verification verified we what where which white who whole whose with work
    worked working works would write writing written wrote yields you your zebra
    """.split()  # noqa: SIM905 (a word list, read as one)
)
_RULE_LINE = re.compile(r"^[\s|:+=-]*$")
_HEADING_WORD = re.compile(r"[A-Za-z][A-Za-z'-]*")


def _heading_shaped(line: str, text: str) -> bool:
    """A line that heads what follows: it ends in a colon, or is a markdown heading or bold throughout."""
    raw = line.strip()
    return (
        text.endswith(":")
        or raw.startswith("#")
        or (len(raw) > 4 and raw[:2] in ("**", "__") and raw[-2:] == raw[:2])
    )


def _framing_line(
    reference: Mapping[str, Any],
    lines: Sequence[str],
    begin: int,
    last: int,
    start: int | None,
    answer_line: Any,
) -> str | None:
    """Why a line that introduces the answer may say it is not the answer as written, or None: the
    nearest line above the answer that is no answer line itself (nor reasoning the walk read: "If p =
    true, all premises can hold."; with a marker, only a heading ending in a colon that introduces the
    marker), and the marker's line and any line under it that is no answer line. None of them may say a
    word of `_FRAME`; one shaped as a heading may say only words of `_HEADING_WORDS`."""
    heads: list[int] = []
    above = begin - 1
    while above >= 0 and (not clean(lines[above]) or _RULE_LINE.match(lines[above])):
        above -= 1  # a blank line, or a table's rule or a heading's underline under the heading
    if above >= 0 and _CROSS_ONLY.match(clean(lines[above])):
        return f"the answer is marked as failed (line {above + 1}): {clean(lines[above])[:80]}"
    if above >= 0 and not answer_line(above) and (start is None or clean(lines[above]).endswith(":")):
        heads.append(above)
    elif above >= 0 and not answer_line(above):
        # "Everything below is a decoy.\nAnswer: ...": a sentence before the marker, read for the words
        # that disown what follows only (the steps' last line stands there too)
        text = _without_quotes(clean(lines[above])).replace("_", " ")
        if _DISOWNING.search(text):
            return f"a line introducing the answer disowns it (line {above + 1}): {text[:80]}"
    if start is not None:
        heads += [i for i in range(start, last + 1) if not answer_line(i)]
    # "Note: the grid below is transposed.": a line anywhere that says the answer is drawn transformed
    for i in range(len(lines)):
        if not answer_line(i) and _TRANSFORMED.search(_without_quotes(clean(lines[i]))):
            return f"a line says the answer is drawn transformed (line {i + 1}): {clean(lines[i])[:80]}"
    data = data_pattern(reference)
    for i in heads:
        text = _without_quotes(clean(lines[i]))
        if not text:
            continue
        if _FRAME.search(text.replace("_", " ")):  # "_Draft_": underscores for emphasis
            return f"a line introducing the answer disowns or transforms it (line {i + 1}): {text[:80]}"
        if _heading_shaped(lines[i], text) or i == start:
            odd = [w for w in _HEADING_WORD.findall(data.sub(" ", text)) if w.lower() not in _HEADING_WORDS]
            if odd:
                return (
                    f"a heading of the answer says what is not read ({odd[0]!r}, line {i + 1}): {text[:80]}"
                )
    return None


# Words that hedge whatever line they are on: no asserted claim on such a line is the writer's answer.
_HEDGE = compile_guarded(  # a line without its words is not scanned (`trigger_words.py`)
    r"(?<![\w-])(?:maybe|perhaps|possibly|probably|presumably|likely|apparently|seemingly|allegedly|"
    r"i\s+think|i\s+guess|i\s+believe|i\s+suspect|not\s+(?:sure|certain)|unsure|uncertain|kidding|jk|"
    r"or\s+rather|or\s+else|unless)(?![\w-])",
    re.I,
)


def hedged_fact(lines: Sequence[str], fact_lines: set[int]) -> str | None:
    """Why a line that asserts a fact is hedged ("Ava is a knight (or maybe a knave)"), or None. The
    answer is read from asserted facts; a hedge in an aside or a trailing remark would otherwise be
    dropped as prose while its line still counts."""
    for i in sorted(fact_lines):
        text = _without_quotes(clean(lines[i]))
        if _HEDGE.search(text):
            return f"a claim made with a hedge (line {i + 1}): {text[:80]}"
    return None


_MODAL_USE = re.compile(r"\s+(?:be|not|i|we|you|he|she|they|it)\b", re.I)


def _unnamed(text: str, reference: Mapping[str, Any]) -> str:
    """The text with every person named as the puzzle spells them (capitalised) replaced by a neutral
    word, so that May, Will or Mark in an answer are not read as a hedge ("may"), unless the word stands
    as the modal does ("May be a knave", "Will I ..."). A lower-case "may" stays a hedge."""
    people = reference.get("people")
    if not isinstance(people, list):
        return text
    for name in people:
        hidden = _as_hedge(str(name))
        if hidden is not None:
            text = hidden.sub("Someone", text)
    return text


@functools.lru_cache(maxsize=1024)
def _as_hedge(name: str) -> re.Pattern[str] | None:
    """The pattern of a name that is also a hedge word, where it stands as a name; None for any other
    name (only a name that is also a hedge word needs hiding). Per name, not per answer: a puzzle's
    names come back in every answer to it."""
    if not name[:1].isupper() or not DOUBT.search(name):
        return None
    return re.compile(rf"(?<![\w-]){re.escape(name)}(?![\w-])(?!{_MODAL_USE.pattern})")


_QUOTED = re.compile(r'"[^"]*"')


def _without_quotes(text: str) -> str:
    return _QUOTED.sub(" ", text) if '"' in text else text
