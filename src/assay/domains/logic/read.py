"""Reading a logic response: lines into clauses, clauses into asserted, assumed or unreadable claims.

The kind modules know their vocabulary (people and roles, cells and digits, houses and values); this
module knows how people write reasoning, for every kind alike:

- markup is dropped (markdown bold, bullets, headings, `Step 3:`, `\\boxed{}`), unicode is folded (NFKC,
  curly quotes);
- a line is cut into clauses at sentence ends and at connectives ("so", "therefore", "because",
  "since X, Y", "which means"), so each clause holds at most one thought;
- `walk.py` then decides what each clause does: prose (no claim), a question, reported speech (a quoted
  or "says" statement is not the writer's claim), an assumption opener ("Assume Leo is a knight",
  "Case 2: ..."), a conditional ("If Ben were a knight, then Ava would be a knave"), a verdict on the
  current assumption ("contradiction", "this works"), or an assertion;
- an assertion the kind cannot read with certainty, or a clause that names a puzzle entity together with
  a value word in a form the kind does not know, is `unknown`, never skipped.

It must never guess: a clause with a negation, hedge or pronoun that the kind's grammar does not account
for is unreadable, not read as its positive form.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Callable, Iterator, Sequence
from typing import Any

from assay.domains.logic import marks, verdicts
from assay.domains.logic.citations import (
    CITATION,
    PAREN_CITATION,
    PAREN_CITE,
    cut_after_citations,
    may_cite_by_label,
)
from assay.domains.logic.speech_words import REPORT_VERB, STATEMENT_NOUN
from assay.text.compatible import compatible
from assay.text.trigger_words import Guarded, compile_guarded, with_first_character_test

Formula = list[Any]

# What a kind's clause reader says about one clause: the formulas it asserts (a conjunction), None when
# it asserts nothing about the puzzle, or a string saying why a claim-like clause cannot be read.
Reading = list[Formula] | None | str
ClauseReader = Callable[[str], Reading]

_QUOTES = str.maketrans(
    {"‘": "'", "’": "'", "ʼ": "'", "`": "'", "“": '"', "”": '"', "„": '"', "«": '"', "»": '"'}
)
_MARKUP = re.compile(r"\*\*|\*|__|~~|\\\(|\\\)|\\\[|\\\]|\$")
_LATEX = re.compile(r"\\(?:boxed|text|textbf|mathrm|mathbf|emph)\s*\{([^{}]*)\}")
_PREFIX = re.compile(
    # a dash is a bullet before a space, a capital or more dashes: "-p" is a negation, not a bullet
    r"^\s*(?:[+•·▪►▶➤→✓✔✅>#]+\s*|-+(?=\s|(?-i:[A-Z]))\s*|-{2,}\s*|\(?\d{1,3}[.)]\s+|\(?[a-h]\)\s+|"
    r"(?:step|line)\s*\d+\s*[:.)\-–—]\s*)",
    re.I,
)
_SPACES = re.compile(r"[ \t\u00a0]+")
_LATEX_SPACE = re.compile(r"\\[ ,;:!]|\\q?quad\b")


@functools.lru_cache(maxsize=4096)
def clean_markup(line: str) -> str:
    """NFKC, plain quotes, no markdown emphasis or LaTeX wrappers; nothing else changed (for grids)."""
    text = compatible(line).translate(_QUOTES)
    if "\\" in text:
        for _ in range(3):
            text = _LATEX.sub(r"\1", text)
    return re.sub(r"\*\*|__|`|\$", "", text)


@functools.lru_cache(maxsize=4096)
def clean(line: str) -> str:
    """One line without markup, with folded unicode and single spaces (cached: the answer finder, the
    walk and the clause splitter all clean the same lines)."""
    text = compatible(line).translate(_QUOTES)
    if "\\" in text:  # LaTeX commands and spacing start with a backslash
        for _ in range(3):
            text = _LATEX.sub(r"\1", text)
        text = _LATEX_SPACE.sub(" ", text)  # "p=true,\ q=false": LaTeX spacing, not a command
    text = _MARKUP.sub("", text)
    for _ in range(4):
        stripped = _PREFIX.sub("", text, count=1)
        if stripped == text:
            break
        text = stripped
    return _SPACES.sub(" ", text).strip()


# --- answer markers ---------------------------------------------------------------------------------

ANSWER = re.compile(
    # "The unique satisfying assignment is p = 1, ...", "the only consistent solution:"
    r"^(?:(?:the|my|our)\s+)?(?:(?:final|complete|full|unique|only|single|correct|satisfying|consistent|valid)\s+){0,2}"
    r"(?:answer|solution|assignment|grid|result)s?"
    r"\s*(?:[:\-–—=]|\bis\b|\bare\b|$)|"
    r"^(?:in\s+)?(?:summary|conclusion)\b|^to\s+(?:summari[sz]e|restate|recap)\b|^recap\b|^final\s*:|"
    r"^(?:therefore|thus|so|hence),?\s+the\s+(?:final\s+)?(?:answer|solution)\s+is\b|"
    r"^<\s*(?:final[_ ]?)?answer\s*>$",
    re.I,
)


def plain_literals(facts: Sequence[Any]) -> Iterator[tuple[str, str, bool]]:
    """The (name, value, asserted) of every plain literal among the answer's facts (a conjunction's parts
    each; `not` makes asserted False); compound claims are steps, checked as such, and are left out."""
    for formula in facts:
        for literal in formula[1:] if formula[0] == "and" else [formula]:
            positive = literal[0] == "var"
            atom = literal if positive else literal[1] if literal[0] == "not" else literal
            if atom[0] == "var":
                yield atom[1], atom[2], positive


def answer_start(lines: Sequence[str]) -> int | None:
    """Index of the last line that opens the final answer ("Answer:", "**Final answer**", ...)."""
    found = None
    for i, line in enumerate(lines):
        if ANSWER.match(clean(line)):
            found = i
    return found


def strip_answer_marker(text: str) -> str:
    match = ANSWER.match(text)
    if match is None:
        return text
    # "Answer: -s, t, u": a dash before a letter is a negation, not punctuation after the marker
    return _MARKER_PUNCTUATION.sub("", text[match.end() :].rstrip(" :.-–—"))


_MARKER_PUNCTUATION = re.compile(r"^(?:[\s:.–—]|-(?![A-Za-z(¬~!]))+")


# --- clauses ----------------------------------------------------------------------------------------

# "!(p)" is a negation: a "!" ends a sentence only before a space or a capital
# (a line without ".", "!", "?" or ";" is one sentence, and is not scanned: `trigger_words.py`)
_SENTENCE = compile_guarded(r"(?<=[.!?;])\s+(?=\S)|(?<=[.;])(?=[A-Z\"'(])|(?<=!)(?=[A-Z\"'])")
_CONNECTIVE = re.compile(
    # "and so is everyone else" copies the claim before it (an ellipsis), it is not the connective "so"
    # "Ava is therefore a knight", "the statement would then be false": after a verb the word is an adverb
    r"(?<!\bis)(?<!\bare)(?<!\bwas)(?<!\bwere)(?<!\bbe)(?<!\bwould)(?<!\bmust)(?<!\bcould)(?<!\bshould)"
    # "Premise 5 then reduces to ¬p": the premise leads its own clause
    r"(?<!premise\s\d)(?<!premise\s\d\d)(?<!statement\s\d)(?<!clue\s\d)(?<!clue\s\d\d)"
    # "Gail's true statement then forces Finn to be a knave": the statement leads its own clause
    r"(?<!statement)(?<!claim)"
    # "but then premise 5 fails": the "but" goes with the connective; "so Will is a knight" names Will
    r",?\s+(?:and\s+|but\s+)?(?:so(?!\s+(?:is|are|was|were|does|do|did|has|have|had|can|could|(?-i:will)|would|"
    r"must|far)\b)|"
    r"therefore|thus|hence|then|which\s+means(?:\s+that)?|meaning(?:\s+that)?|"
    # "X says Y, which would mean Z": Z keeps its "would" (the walk reads its mood), the "which" goes
    r"which(?=\s+would\s+(?:mean|imply)\b)|"
    # "Bob's statement must be true, which requires Alice to be a knight": what it needs, a claim
    r"which\s+(?:requires|forces|needs)|"
    # "Cal's claim is false, consistent with Cal being a knave": the writer's own claim after it
    # ("..., which is consistent with all the statements" is a verdict, not a claim: not cut)
    r"(?:which\s+is\s+)?consistent\s+with(?!\s+(?:all|every|each|both|the|everything)\b)|"
    r"because|since|as\s+a\s+result|consequently|this\s+means(?:\s+that)?|that\s+means(?:\s+that)?|"
    r"which\s+implies(?:\s+that)?|implying(?:\s+that)?|i\.e\.|so\s+that)\s*,?\s+|"
    r"\s*(?:⇒|=>|⟹|⟶|∴)\s*|\s+[-–—]\s+(?=\S+\s+\S+\s+\S+)(?![\w-]+\s*,)|"
    # "p is true — premise 2": a citation after a dash is a clause of its own (the claim's, see the walk)
    r"\s+[-–—]\s+(?=(?:see\s+|by\s+|cf\.?\s+)?(?:premise|clue|constraint)s?\s*#?\s*\d+"
    r"(?:\s*(?:,|and|&)\s*\d+)*[\s.]*$)|"
    # "..., then Milo is a knight — consistent": a verdict after a dash is a clause of its own
    r"\s+[-–—]\s+(?=(?:(?:which|that|this|it)\s+(?:is\s+)?)?(?:consistent|no\s+contradiction|works|fine|checks\s+out|"
    r"fits)[\s.!]*$)|"
    # "premise 1 gives p = true and premise 2 gives r = false", "..., and clue 1: green is not in house 2",
    # "and by clue 5 the rabbit is not in house 1": a second claim with its own citation
    r"(?:,\s*|,?\s+(?:and|but|while|whereas)\s+)(?=(?:by\s+|from\s+|per\s+)?(?:premise|clue|statement|constraint)s?\s*#?\s*"
    r"\d+(?:\s*\([^()]*\))?(?:\s*[:,]|\s+(?:gives|says|states|tells|shows|forces|yields|implies|requires|reduces|simplifies|"
    r"becomes|makes|would|then)\b))|"
    r",?\s+(?:and|but|while|whereas)\s+(?=(?:by\s+|from\s+|per\s+)?(?:premise|clue|statement|constraint)s?\s*#?\s*\d+"
    r"\s+(?!and\b)[a-z])|"
    # "Cara says Alice is a knight, true, so ...": a bare judgement of the report, a clause of its own
    r"(?<!true)(?<!false)(?<![=\d]),\s*(?=(?:true|false)\s*(?:[,;.]|$))|"
    # "From premise 1, s → ¬t, we get t = false": the premise restated, then what it gives
    r",\s+(?:we\s+(?:get|have|obtain|find|conclude)|giving|yielding)\s+|"
    # "Lena's statement is false, which is consistent": the verdict after a claim is a clause of its own
    r",\s*(?=(?:which|this|that)\s+(?:is|was)\s+(?:consistent|fine|as\s+expected)\b|as\s+expected\b|"
    r"as\s+(?:it|they|he|she)\s+should\s+be\b|"
    r"(?:which|this|that)\s+(?:fits|works|checks\s+out)\b)|"
    # "the fish is in house 1, but the fish is with yellow": two claims, each read on its own
    # ("..., but Ben and Cal aren't" copies the role before it: one clause, read by the kind's grammar)
    r",\s+but\s+(?!not\b|also\b|only\b|then\b)(?![A-Za-z][\w-]*(?:\s*,\s*(?:and\s+)?[A-Za-z][\w-]*|\s+and\s+"
    r"[A-Za-z][\w-]*)*\s+(?:is|are|was|were)(?:\s+not|n['’]t)?[\s.!]*$)|"
    # "..., and Gail's true statement then forces Finn to be a knave": a claim of its own
    r",\s+and\s+(?=[A-Z][\w-]*'s\s+(?:true\s+|false\s+)?(?:statement|claim)\b)|"
    # "..., making premise 5 false": what the claims before make of it
    r",\s*(?=making\s)|"
    # '"A iff B" is true, which makes Dan a knight': what the truth makes, a claim of its own
    r",\s*(?=which\s+makes?\s)",
    re.I,
)
_LEADING_BECAUSE = re.compile(r"^(?:since|because|as|given\s+that|from|by|with)\s+(.+?),\s+(.+)$", re.I)
# one word stays: "Ava (knight)"; so do coordinates, "(1, 3)" and "[2, 5]", which are not asides; a
# statement's number alone is an aside that cites it ("Ava is a knight (S1)": `knights_numbered.py`)
_PAREN = re.compile(r"\s*[(\[](?![\d\s,]*[)\]])([^()\[\]]*\s[^()\[\]]*|S\d{1,2})[)\]]\s*")
_FILLER = re.compile(
    # "Premise 1 says r → p", "premise 4 (p ∨ q ∨ ¬r)": the premise restated, a claim about the premise
    # that its reader checks against it (never the bare formula, true of the solution but misquoted)
    r"^(?:(?!premises?\s*#?\s*\d{1,2}(?:\s*(?:,|and|&)\s*\d{1,2})*\s+(?:says?|states?|reads?)\b|premises?\s*#?\s*\d{1,2}\s*\((?![\d\s,]*\)))"
    r"(?:so|therefore|thus|hence|then|and|but|also|now|next|clearly|consequently|finally|overall|"
    r"yes|okay|ok|wait|actually|indeed|hmm|great|good|right|correct|similarly|likewise|again|"
    r"in\s+(?:this|that|either|both)\s+cases?|in\s+case\s+\w+|by\s+elimination|by\s+contradiction|"
    r"from\s+this|(?:from|by|per|using)\s+(?:statement|premise|clue|row|column)s?\s+[\d,\sand]+|"
    r"(?:this|which|that|it)\s+(?:means|gives|implies|shows|confirms|tells\s+us)|it\s+follows|"
    r"would\s+(?:mean|imply)(?:\s+that)?|"
    r"we\s+(?:can\s+|now\s+|then\s+)?(?:conclude|deduce|know|get|see|find|infer|determine|confirm|"
    # "we have Lena, Sam and Kai" lists the people (the kind reads that): it is no lead-in
    r"have(?!\s+[A-Z][\w-]*(?:\s*(?:,\s*(?:and\s+)?|\s+and\s+)[A-Z][\w-]*)+[\s.!]*$))|"
    r"(?:note|recall)|as\s+a\s+result|this\s+way|for\s+sure|of\s+course|"
    # "Reasoning: Ben cannot be a knight": a label that names the text after it, not a claim
    r"(?:reasoning|explanation|analysis|justification)(?=\s*:\s)|"
    # "Given that, ...", "With that settled, ...": the claim before is the reason, nothing is claimed
    r"with(?=\s+[^,]*$)|making(?=\s)|given\s+that(?=\s*,)|with\s+that(?:\s+(?:settled|established|known|fixed|in\s+mind))?(?=\s*,)|"
    r"in\s+that\s+case(?=\s*,)|that\s+said(?=\s*,)|(?:that|this|which)\s+leaves(?=\s)|"
    r"(?:the\s+)?(?:unique\s+|only\s+|satisfying\s+)?(?:model|assignment|valuation)\s+is|"
    # "Premise 1 gives p = true": the citation and its verb lead into the claim
    r"(?:statement|premise|clue|constraint|rule)s?\s*\d+(?:\s*(?:,|and|&)\s*(?:(?:statement|premise|clue|constraint|rule)s?\s*)?\d+)*"
    # "Premise 1 (¬s ∨ p) with p = false gives s = false": the premise restated, then the claim
    r"(?:\s*\([^()]*\))?(?:\s+with\s+[^,]{1,30}?)?"
    r"(?:\s+(?:then|now|thus|therefore|directly|alone|together|would|will))*\s+"
    r"(?:gives|shows|forces|yields|implies|requires|tells\s+us|give|force|yield|imply|require|says|states|"
    r"makes?|needs?)(?:\s+(?:us|that))*(?=\s)|"
    # "The second clue says ...": a clue cited by its place in the list, then its claim
    r"(?:the\s+)?(?:first|second|third|fourth|fifth|sixth|seventh|eighth|ninth|tenth)\s+(?:clue|constraint|rule)\s+"
    r"(?:says|states|tells\s+us|gives|shows|means|implies|requires|forces)(?:\s+(?:us|that))*(?=\s)|"
    # "Since c is false" cut from its consequence: the reason is asserted
    r"(?:since|because|given\s+that)(?=\s+[^,]+$)|"
    # "Premise 2 then gives q = false" is cut at "then": the verb is left leading its clause
    r"(?:gives|forces|yields|makes)(?:\s+(?:us|that))*(?=\s)|"
    # "Premise 2: ..." and "clue 3, so ..." cite; "Premise 1 is false" is a claim about the premise
    r"(?:statement|premise|clue|constraint|rule)\s*\d+(?:\s*(?:,|and|&)\s*(?:(?:statement|premise|clue|constraint|"
    r"rule)s?\s*)?\d+)*(?:\s+(?:together|combined))?"
    # "Premise 2: F", "Clue 3: not satisfied": a verdict on the item, a claim the walk reads (`verdicts.py`)
    rf"{verdicts.KEPT}"
    # "premise 5 (¬p ∨ r) becomes ¬p" is a claim on the premise, which the kind reads whole
    r"(?!\s*\([^()]*\)\s*(?:(?:now|then|thus|therefore|also|just)\s+)*(?:becomes|reduces|simplifies|turns|collapses|"
    r"boils|is|evaluates)\b)"
    r"(?=\s*[,:(]|\s+(?:gives|says|tells|shows|means|"
    r"implies|forces|requires|yields|states)\b))\b\s*(?:that\b)?[\s,:]*)+",
    re.I,
)
HYPOTHESIS = re.compile(
    r"^(?:(?:let'?s|let\s+us|let\s+me|we|i|now|first|next|alternatively)\s+)*(?:(?:can\s+)?(?:try|test|check|see|"
    r"examine|explore)\s+(?:the\s+case\s+|whether\s+|if\s+|what\s+happens\s+if\s+)?|"
    r"(?:re-?)?(?:assume|suppose|presume|hypothesi[sz]e|imagine|pretend|say)\s+(?:instead\s+)?(?:that\s+)?|"
    r"(?:consider\s+the\s+(?:case|possibility|scenario)\s+(?:that|where|when|in\s+which)\s+)|"
    r"if\s+we\s+(?:assume|suppose)\s+(?:that\s+)?|what\s+if\s+|assuming\s+(?:that\s+)?|supposing\s+(?:that\s+)?|"
    # "Take r true", "Take Rosa to be a knave": a value taken, to see where it leads
    r"take\s+(?=\S+\s*(?:=\s*\S|\s(?:true|false|to\s+be)\b))|"
    # "Candidate solution: Hana is a knave, ...": an assignment proposed, to be checked
    r"(?:a\s+|the\s+)?(?:candidate|trial|tentative|proposed)\s+(?:solution|assignment)\s*[:\-–—]\s*|"
    r"(?:case|scenario|option|possibility|hypothesis|branch)\s*[\w.]{0,4}\s*[:.)\-–—]\s*(?:(?:assume|suppose|if)\s+)?|"
    # "Case q = false: premise 2 fails": the case label is the assumption itself
    r"(?:case|scenario|branch)\s+(?=[^:]{1,60}?(?:=|\bis\b|\bare\b)[^:]*:\s)|"
    # "Case s = true:" as a heading of its own line (its colon already cut): the case it opens
    r"(?:case|scenario|branch)\s+(?=[^:]{1,60}?(?:=|\bis\b|\bare\b)[^:]*$))",
    re.I,
)
CONDITIONAL = re.compile(
    r"^(?:(?:but|and|now|so)\s+)?(?:if|when|whenever|provided\s+that|in\s+case)\s+(.+?)(?:,\s*then\s+|\s+then\s+|,\s+)(.+)$",
    re.I,
)
_OPERATORS = re.compile(r"[¬~!∧∨→↔⇒⇔&|=≠<>]|->")
_OPERAND_WORD = re.compile(
    r"\b(?:not|that|if|iff|and|or|implies|then|whether|both|either|neither|nor|of)$", re.I
)


_SIDE_WORD = re.compile(
    r"\b(?:(?:whose|its|the)\s+(?:premise|condition|hypothesis)|antecedent|consequent|if-part|then-part)$",
    re.I,
)


def _formula_group(sentence: str, match: re.Match[str]) -> bool:
    """True if the brackets group a formula, "¬(p ∧ q)", rather than hold an aside."""
    before = sentence[: match.start() + len(match.group(0)) - len(match.group(0).lstrip())].rstrip()
    after = sentence[match.end() :].lstrip()
    # "(A, 2) = 3": brackets before an operator are its operand, not an aside to drop
    return (
        bool(_OPERATORS.search(match.group(1)))
        or (bool(before) and bool(_OPERATORS.match(before[-1])))
        # "not (p or r)", "it is false that (p or r)": the brackets are the operand of the word before
        or bool(_OPERAND_WORD.search(before))
        # "whose condition (Hana is a knight) is false": the bracket quotes a side of a statement
        or bool(_SIDE_WORD.search(before))
        or bool(_OPERATORS.match(after[:2]))
        or after.startswith(("←", ":="))
    )


def clauses(line: str) -> list[tuple[str, str | None]]:
    """A cleaned line cut into clauses, each with None or, for a parenthetical aside, the sentence before
    it, whose last clause the aside is attached to (so "Ava is a knight (she tells the truth)" can say
    who "she" is, and "Since Ava is a knight, Ben is a knave (her statement is true)" that it cannot:
    see `asides.resolve`)."""
    whole = clean(line)
    if GRID_ROW.fullmatch(whole) or _LABELLED.match(whole):
        # "Row 4: . # . # ." and "House 2 — color: red; pet: dog" are one claim each: their dots,
        # semicolons and dashes are not sentence breaks
        return [(whole, None)]
    # quoted words are the speaker's: no sentence break, connective or aside inside them is the writer's
    quotes: list[str] = []

    def keep(text: str) -> str:
        quotes.append(text)
        return f"\ue000{len(quotes) - 1}\ue001"

    def hide(m: re.Match[str]) -> str:
        return keep(m.group(0))

    # (each rewriting below is tried only when its text can be there: most lines need none of them)
    if '"' in whole:
        whole = re.sub(r'"[^"]*"', hide, whole)
        # 'Ben says "Ava and I are both knights." If Ben were ...': a quotation that ends its sentence
        whole = _QUOTE_ENDS.sub(
            lambda m: m.group(0) + ("." if _ENDS_SENTENCE.search(quotes[int(m.group(1))]) else ""), whole
        )
    # "Nora says if Finn is a knave then Nora is a knight": the "then" is the speaker's, not a connective
    whole = _REPORTED_IF.sub(lambda m: m.group(1) + keep(m.group(2)), whole)
    if ";" in whole:
        # "Otto is the only knight; everyone else is a knave": the second half needs the first
        whole = _REST_AFTER_SEMICOLON.sub(", ", whole)
        # "Ava is a knight; so is Cal", "Ava is a knight; Ben is not": the second half's role is the first's
        whole = _ELLIPSIS_AFTER_SEMICOLON.sub(", and ", whole)
        # "r1c4 = 2 (row 1 has 4, 3; box has 1)": a semicolon inside brackets does not end the sentence
        whole = _BRACKETED.sub(lambda m: m.group(0).replace(";", ","), whole)
    if "." in whole:
        # "Only Ava is a knight. The other two are knaves.": as after a semicolon, when the first sentence
        # is one plain claim of a role
        whole = _REST_AFTER_STOP.sub(lambda m: f"{m.group('claim')}, {m.group('rest')}", whole)
        # "Ava and Cal are knights. Ben is not.", "Ava is a knight. So is Cal.": the second sentence's role
        # is the first's, when the first is one plain claim of a role
        # (a chain of copies, "Ben is a knave. Cal is too. Ava is not.", copies the role before each)
        whole = _ELLIPSIS_AFTER_STOP.sub(
            lambda m: f"{m.group('claim')}, and {_COPY_STOP.sub(', and ', m.group('copy'))}", whole
        )
    # "Lena knight → Kai knave → Lena's statement false → contradiction": a case followed to its clash
    if "→" in whole:
        whole = _ARROW_CASE.sub(_arrow_case, whole)
    # "Cal is a knave, no wait, Cal is a knight": the correction is a sentence of its own (a retraction)
    whole = _MID_CORRECTION.sub(". ", whole)
    # "making them knaves": the people just named ("Sam and Kai would both be lying, making them knaves")
    whole = _MAKING.sub(lambda m: ", so " + _MADE[m.group(1).lower()], whole)
    # 'Since Cleo said "...", Hana is a knave': the speaker's statement is the claim's reason
    whole = _spoken_reasons(whole)
    out: list[tuple[str, str | None]] = []
    for sentence in _split_sentences(whole):
        # "Case 1 (Ava is a knight):" states the case's assumption, not an aside
        bracketed = "(" in sentence or "[" in sentence  # what an aside or a case label needs
        if bracketed:
            sentence = _CASE_PAREN.sub(r"\1: \2:", sentence)
        whole_sentence = sentence
        asides: list[tuple[str, str | None]] = []
        for _ in range(4 if bracketed else 0):  # innermost first: "[the only value left (its row ...)]"
            matches = [m for m in _PAREN.finditer(sentence) if not _formula_group(sentence, m)]
            if not matches:
                break
            start = len(asides)
            asides += [(_unmark(m.group(1)), _unmark(sentence[: m.start()])) for m in matches]
            for k, m in reversed(list(enumerate(matches, start))):
                # a mark where the aside stood: it is read right after the clause it is attached to
                sentence = (sentence[: m.start()] + f" \ue003{k}\ue004 " + sentence[m.end() :]).strip()
        # "From (2) and (3): if r were true, ...": the citation leads into the conditional
        bare = _FILLER.sub("", _MARK.sub("", sentence) if "\ue003" in sentence else sentence)
        if may_cite_by_label(bare):
            bare = PAREN_CITE.sub("", bare, count=1)
        bare = _FILLER.sub("", bare)
        if CONDITIONAL.match(bare) or HYPOTHESIS.match(bare):
            # cut later, by the walk, which needs the whole conditional; its asides stay in place, so
            # that "Kai would be a knave (his statement would be false)" is read under the case
            out.append((whole_sentence, None))
            continue
        else:
            # "p is true by premise 1 and r false by premise 2": a citation ends the claim it is given for
            placed: set[int] = set()
            cited = _MID_CITATION.sub("\\1\ue002", sentence)
            texts = [text for text, _ in asides]
            for chunk in cited.split("\ue002"):
                for part in (p for cut in _cut(chunk) for p in cut_after_citations(cut, texts, chunk)):
                    marks = [int(k) for k in _MARK.findall(part)] if "\ue003" in part else []
                    part = _SPACE_RUN.sub(" ", _MARK.sub(" ", part) if marks else part).strip()
                    match = _LEADING_BECAUSE.match(part.strip())
                    out += [(match.group(1), None), (match.group(2), None)] if match else [(part, None)]
                    out += [asides[k] for k in marks if k < len(asides)]
                    placed.update(marks)
            # an aside inside another (or one whose mark a cut removed) is read after the sentence
            out += [aside for k, aside in enumerate(asides) if k not in placed]

    def show(text: str) -> str:
        if "\ue000" not in text:
            return text
        return re.sub("\ue000(\\d+)\ue001", lambda m: quotes[int(m.group(1))], text)

    return [(show(trimmed), None if host is None else show(host)) for c, host in out if (trimmed := _trim(c))]


# names in a list, capitalised: "Cal", "Ben and Cal", "Ben, Cal and Dan", "Ben, Cal, and Dan"
_CAPITALISED_NAMES = r"(?-i:[A-Z])[\w-]*(?:\s*,\s*(?-i:[A-Z])[\w-]*)*(?:\s*,?\s+and\s+(?-i:[A-Z])[\w-]*)?"
# what copies the role of the claim before for more people: "so is Cal", "Ben is not", "Ben isn't",
# "Cal is too", and for several, "so are Ben and Cal", "Ben and Cal are not", "Ben and Cal aren't",
# "Ben and Cal are too"
_COPY = (
    rf"so\s+(?:is|are)\s+{_CAPITALISED_NAMES}|(?-i:[A-Z])[\w-]*\s+(?:is\s+not|isn['’]t|"
    rf"is\s+(?:too|also|as\s+well))|{_CAPITALISED_NAMES}\s+(?:are\s+not|aren['’]t|are\s+(?:too|also|as\s+well))"
)
# what stands for everyone a clause has not named: "everyone else", "the others", "the other two", "the rest"
_REST = (
    r"(?:and\s+)?(?:everyone|everybody|all\s+(?:of\s+)?(?:the\s+)?others|the\s+others|(?:all\s+)?the\s+rest|nobody"
    r"|no\s+one|none\s+of\s+the\s+others|(?:both\s+of\s+|all\s+(?:of\s+)?)?the\s+other\s+(?:two|three|four|five"
    r"|six|seven|eight|\d{1,2}))\b"
)
_REST_AFTER_SEMICOLON = re.compile(rf";\s+(?={_REST})", re.I)
_ELLIPSIS_AFTER_SEMICOLON = re.compile(rf";\s+(?=(?-i:{_COPY})\s*(?:[.;!]|$))", re.I)
# a sentence that is one plain role claim (names, "is"/"are", one word), then sentences that copy its
# role for more people: "So is Cal.", "Ben is not.", "Ben and Cal are not.", "Cal is too."
_ELLIPSIS_AFTER_STOP = compile_guarded(
    r"(?:^|(?<=[.!?]\s))(?P<claim>(?:(?:final\s+)?answer\s*:\s*)?(?:(?:so|therefore|thus|hence)\s*,?\s+)?"
    rf"{_CAPITALISED_NAMES}"
    r"\s+(?:is|are)\s+(?:both\s+|all\s+)?(?:an?\s+)?[\w-]+)\.\s+"
    rf"(?P<copy>(?:{_COPY})(?:\.\s+(?:{_COPY}))*)(?=\s*(?:[.!;]|$))",
    re.I,
)
_COPY_STOP = re.compile(r"\.\s+")
# a sentence that is one plain role claim ("Only Ava is a knight", "Ava is the only knight", "Ava is a
# knight"), then a sentence about everyone it has not named: "The others are knaves."
_REST_AFTER_STOP = compile_guarded(
    r"(?:^|(?<=[.!?]\s))(?P<claim>(?:(?:final\s+)?answer\s*:\s*)?(?:(?:so|therefore|thus|hence)\s*,?\s+)?"
    rf"(?:only\s+)?{_CAPITALISED_NAMES}"
    r"\s+(?:is|are)\s+(?:both\s+|all\s+)?(?:an?\s+|the\s+(?:only\s+)?)?[\w-]+)\.\s+"
    rf"(?P<rest>(?=(?-i:[A-Z])){_REST}[^.!?;:]*)(?=[.!]|$)",
    re.I,
)
_ARROW_CASE = re.compile(
    r"^(?P<head>[^→.;:]+?)\s*→\s*(?P<steps>[^.;:]+?→[^.;:]*?)\s*→\s*(?P<end>contradiction|impossible|⊥|✗|❌)"
    r"(?P<tail>[\s.!]*)",
    re.I,
)


def _arrow_case(match: re.Match[str]) -> str:
    steps = ". Then ".join(step.strip() for step in match.group("steps").split("→"))
    return f"Suppose {match.group('head').strip()}. Then {steps}. {match.group('end')}{match.group('tail')}"


_MID_CORRECTION = compile_guarded(
    r"\s*(?:,|—|–|\s-|\.\.\.|…)\s*(?=(?:no\s*,?\s*wait|wait\s*,?\s*no|oh\s*,?\s*wait|actually\s*,?\s*no|"
    r"no\s*,\s*actually)(?![\w-]))",
    re.I,
)
_MAKING = compile_guarded(r",\s*making\s+(him|her|them)\s+(?=(?:an?\s+)?[\w-]+\b)", re.I)
_MADE = {"him": "he is ", "her": "she is ", "them": "they are "}
# "Premises 2 and 4 together force r to be false: if s is true, ...": the claim, then its reasons by case
_COLON_IF = re.compile(r":\s+(?=(?:if|when|whenever)\s)", re.I)
# "if s is true then r is false, and if s is false then r is false too": two conditionals
_AND_IF = re.compile(r",\s+and\s+(?=(?:if|when|whenever)\s)", re.I)


def _conditional_runs(parts: list[str]) -> list[str]:
    """The sentences, with a conditional whose case runs on past semicolons to a verdict joined into one
    ("If Finn were a knight, Dan would be a knave; Eve lying means Gail is a knight, and Gail's statement
    forces Finn to be a knave — a contradiction"): what stands between the "if" and the verdict is said
    under the case, which the verdict closes. Without a verdict at the end, nothing is joined (the case
    ends at the semicolon, and what follows is asserted)."""
    out: list[str] = []
    at = 0
    while at < len(parts):
        part = parts[at]
        end = at
        if part.rstrip().endswith(";") and _IF_LEAD.match(_FILLER.sub("", part.strip())):
            while end + 1 < len(parts) and parts[end].rstrip().endswith(";"):
                end += 1
            last = parts[end]
            if end == at or not _RUN_VERDICT.search(last) or marks.NO_CONTRADICTION.search(last):
                end = at
        out.append(" ".join(p.strip() for p in parts[at : end + 1]))
        at = end + 1
    return out


# the verdict that ends a conditional's run: a clash word in the run's last sentence, at its end
_RUN_VERDICT = re.compile(
    rf"(?:{marks.CONTRADICTION.pattern})[^,;:]{{0,20}}$|[,—–-]\s*(?:(?:this\s+is|that'?s|which\s+is)\s+)?"
    rf"(?:a\s+)?contradiction\b[\s.!]*$",
    re.I,
)


# A speaker's words given as the reason for a claim: 'Since Cleo said "...", Hana is a knave', 'Cleo says
# "...", so Tess is a knave', "Hana is a knave, because Cleo says so", "Given what Tess claims, ...", "In
# light of Tess's remark, ...". Cut at "since", the report and the claim would stand side by side and the
# reason be lost (the claim then judged against the whole puzzle: a wrong reason for a true claim would
# pass). The claim is written with its citation, "Hana is a knave (by Cleo's statement)", which the walk
# holds it to (`knights_cited`); a report stays a clause of its own, checked against what was said.
_NAME = r"(?P<who>(?-i:[A-Z])[\w-]*)"
_SAID = r"(?P<said>(?:\ue000\d+\ue001|[^,;.!?\ue000])+?)"  # a quotation or hidden "if ... then" kept whole
_CLAIM_REST = r"(?P<rest>[^.;!?\ue000]+?)(?=[.;!?]|$)"
_REASON_FIRST = compile_guarded(
    r"(?:^|(?<=[.!?]\s))(?P<lead>(?:so\s+|and\s+|now\s+)?)"
    rf"(?:since|because|as|given(?:\s+that)?|now\s+that)\s+{_NAME}\s+(?P<verb>{REPORT_VERB})\s+"
    rf"(?:that\s+)?{_SAID}\s*,\s*(?:so\s+|then\s+)?{_CLAIM_REST}",
    re.I,
)
_REPORT_SO = compile_guarded(
    r"(?:^|(?<=[.!?]\s))(?P<lead>(?:and\s+|now\s+)?)"
    rf"(?:{_NAME}\s+(?P<verb>{REPORT_VERB})\s+(?:that\s+)?|according\s+to\s+(?P<source>(?-i:[A-Z])[\w-]*)\s*,\s*|"
    rf"(?P<owner>(?-i:[A-Z])[\w-]*)(?:'s|’s)\s+(?:{STATEMENT_NOUN})\s*:\s*)"
    rf"{_SAID}(?:\s*[,;]\s*(?:and\s+)?"
    r"(?:(?:so|therefore|thus|hence|which\s+(?:means|shows|implies|gives)(?:\s+that)?)\s+"
    r"|which\s+makes\s+(?=(?-i:[A-Z])[\w-]*\s+(?:an?\s+)?[\w-]+\s*(?:[.;!?]|$)))"
    # "Lena says Quinn is a knave. So Lena is a knave.": the report is the next sentence's reason
    r"|\.\s+(?:so|therefore|thus|hence)(?!\s+far\b)\s*,?\s+)"
    rf"(?!(?:if|suppose|assume|assuming|either|whether)\b){_CLAIM_REST}",
    re.I,
)
_REASON_AFTER = compile_guarded(
    r"(?:^|(?<=[.!?]\s))(?P<claim>[^.;!?,\ue000]+?)\s*,?\s+(?:since|because|as)\s+"
    rf"{_NAME}\s+(?P<verb>{REPORT_VERB})\s+(?:that\s+)?{_SAID}(?=[.;!?]|$)",
    re.I,
)
_REASON_NOUN = compile_guarded(
    r"(?:^|(?<=[.!?]\s))(?:since|because\s+of|given|in\s+(?:light|view)\s+of|based\s+on|considering|"
    r"following|going\s+by|judging\s+by|thanks\s+to)\s+"
    rf"(?:{_NAME}(?:'s|’s)\s+(?:own\s+)?(?:{STATEMENT_NOUN})|what\s+(?P<who2>(?-i:[A-Z])[\w-]*)\s+"
    rf"(?:{REPORT_VERB}))\s*,\s*(?:so\s+|then\s+)?{_CLAIM_REST}",
    re.I,
)


def _made(rest: str) -> str:
    """ "..., which makes Quinn a knave": the clause it makes, "Quinn is a knave"."""
    made = re.fullmatch(r"((?-i:[A-Z])[\w-]*)\s+((?:an?\s+)?[\w-]+)", rest.strip())
    return f"{made.group(1)} is {made.group(2)}" if made else rest


def _report_so(m: re.Match[str]) -> str:
    """'Milo says Finn is a knave, so ...', 'According to Lena, Quinn is a knave; so ...', 'Lena says Quinn
    is a knave. Hence ...': the report, then the claim with the speaker's statement as its citation."""
    who = m["who"] or m["source"] or m["owner"]
    if m["who"]:
        report = f"{who} {m['verb']} {m['said']}"
    elif m["source"]:
        report = f"According to {who}, {m['said']}"
    else:
        report = f"{who}'s statement: {m['said']}"
    return f"{m['lead']}{report}. {_made(m['rest'])} (by {who}'s statement)"


def _spoken_reasons(whole: str) -> str:
    whole = _REASON_FIRST.sub(
        lambda m: f"{m['lead']}{m['who']} {m['verb']} {m['said']}. {m['rest']} (by {m['who']}'s statement)",
        whole,
    )
    whole = _REPORT_SO.sub(_report_so, whole)
    whole = _REASON_AFTER.sub(
        lambda m: f"{m['claim']} (by {m['who']}'s statement). {m['who']} {m['verb']} {m['said']}", whole
    )
    return _REASON_NOUN.sub(lambda m: f"{m['rest']} (by {m['who'] or m['who2']}'s statement)", whole)


def _split_sentences(whole: str) -> list[str]:
    """Sentences, and a claim cut from the cases after its colon (not a case label: "Case 1: if ...")."""
    out: list[str] = []
    sentences = _conditional_runs(_SENTENCE.split(whole))
    for sentence in (part for whole_part in sentences for part in _AND_IF.split(whole_part)):
        match = _COLON_IF.search(sentence)
        head = sentence[: match.start()] if match else ""
        if (
            match
            and not HYPOTHESIS.match(_FILLER.sub("", head))
            and not re.search(r"\b(?:if|when)\b", head, re.I)
        ):
            out += [head, sentence[match.end() :]]
        else:
            out.append(sentence)
    return out


_QUOTE_ENDS = re.compile(r"\ue000(\d+)\ue001(?=\s+[A-Z])")
_ENDS_SENTENCE = re.compile(r'[.!?]\s*"$')
_MID_CITATION = compile_guarded(
    r"(\b(?:by|from|per|via|using)\s+(?:premise|clue|statement|constraint)\s*#?\s*\d+)"
    r"\s*(?:,\s*(?:and\s+)?|\s+and\s+)(?!\d|(?:premise|clue|statement|constraint)s?\b)(?=\S)",
    re.I,
)
_IF_LEAD = re.compile(r"^(?:if|when|whenever)\s", re.I)
_THEN = re.compile(r"\bthen\s*,?\s*$", re.I)


# the same matches, tried only where one can start (`trigger_words.py`): its lookbehinds would otherwise
# run at every position of every sentence
_CONNECTIVE_AT = with_first_character_test(_CONNECTIVE)
# and a sentence without the words every connective needs (read off the pattern, its lookaheads' words
# too: "so", "then", "because", "but", "true", ...) is not scanned at all
_CONNECTIVE_WORDS = Guarded(_CONNECTIVE)


def _cut(sentence: str) -> list[str]:
    """The sentence cut at its connectives, except that an "if ..." cut off mid-sentence keeps its
    "then ..." ("Lena lies, so if Kai is truthful then Lena is a knave": the conditional is one clause,
    which the walk reads as a case)."""
    if not _CONNECTIVE_WORDS.may_match(sentence):  # no connective's words: nothing to cut at
        return [sentence]
    parts: list[str] = []
    at = 0
    join = False
    for match in _CONNECTIVE_AT.finditer(sentence):
        piece = sentence[at : match.start()]
        if join:
            parts[-1] += piece
        else:
            parts.append(piece)
        at = match.end()
        join = bool(_IF_LEAD.match(_FILLER.sub("", parts[-1].strip()))) and bool(_THEN.search(match.group(0)))
        if join:
            parts[-1] += match.group(0)
    rest = sentence[at:]
    if join:
        parts[-1] += rest
    else:
        parts.append(rest)
    return parts


_MARK = re.compile(r"\ue003(\d+)\ue004")
_SPACE_RUN = re.compile(r"\s+")


def _unmark(text: str) -> str:
    return re.sub(r"\s+", " ", _MARK.sub(" ", text)).strip()


_BRACKETED = re.compile(r"\([^()]*;[^()]*\)")


def without_asides(text: str) -> tuple[str, list[str]]:
    """The text without its bracketed asides, and the asides ("Lena were a knight (as Kai says)")."""
    found: list[str] = []
    for _ in range(4):
        matches = [m for m in _PAREN.finditer(text) if not _formula_group(text, m)]
        if not matches:
            break
        found += [m.group(1) for m in matches]
        for m in reversed(matches):
            text = (text[: m.start()] + " " + text[m.end() :]).strip()
    return text, found


_REPORTED_IF = compile_guarded(
    rf"(\b(?:{REPORT_VERB})\s+(?:that\s+)?)(if\s+[^,;.\ue000]{{1,80}}?\s+then)(?=\s)",
    re.I,
)


GRID_ROW = re.compile(
    r"(?:(?:row|column|col|r|c)\s*\d{1,2}\s*(?:[:=|]|is)?\s*)?[#■□.\-_0-9xX?·█░○●⬛⬜▓|\s,]+", re.I
)
_CASE_PAREN = re.compile(
    r"^((?:case|scenario|option|possibility|hypothesis|branch)\s*[\w.]{0,4})\s*\(([^()]*)\)\s*:?", re.I
)
_LABELLED = re.compile(r"^house\s*#?\s*\d+\s*(?:\([^()]*\))?\s*[:\-–—=]", re.I)


EVERY_CASE = compile_guarded(
    r"\s*,?\s*(?:in\s+(?:every|either|both|all|each)\s+cases?|either\s+way|in\s+any\s+case|no\s+matter\s+what|"
    r"regardless)[\s.!]*$",
    re.I,
)


@functools.lru_cache(maxsize=4096)
def unfill(clause: str) -> str:
    """The clause without leading connective filler ("So, we can conclude that ...") and without a
    trailing citation ("... by premise 2", "... by (2)"). Cached: the walk unfills a clause, then reads
    what it got, unfilling that again."""
    text = _FILLER.sub("", clause)
    if may_cite_by_label(text):  # "(2) gives", "P2 and P4 give"
        cited = PAREN_CITE.sub("", text)
        if cited != text:
            text = _FILLER.sub("", cited)
    text = CITATION.sub("", text)
    if "(" in text:
        text = PAREN_CITATION.sub("", text)
    return _trim(text)


def _trim(text: str) -> str:
    """Without the punctuation around a clause; a leading "!" stays: "!p" is a negation."""
    # "p is true, and" cut before "by premise 3, p is false": the conjunction leads the next clause
    text = text.strip(" .,;:")
    if _DANGLING_WORD.search(text[-8:]):  # only a clause ending in one is scanned, at every space
        text = _DANGLING.sub("", text)
    return text.strip(" .,;:").rstrip(" .,;:!")


_DANGLING = re.compile(r"(?:\s*,\s*|\s+)(?:and|but|while|whereas)$", re.I)
# its last word, which any match ends with: in the last 8 characters ("whereas" and the newline before
# which "$" also matches)
_DANGLING_WORD = re.compile(r"(?:and|but|while|whereas)$", re.I)
