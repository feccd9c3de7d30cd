"""Chain-of-thought markers the walk reads (`walk.py`): a self-check ("Check Jade: ..."), a
retraction ("Wait, that's wrong: ..."), a bare verdict after a hesitation ("Hmm, that leads to a
contradiction"), the reason of a forced claim ("since any other role contradicts the statements"), and
a look at a person or statement that assumes nothing ("Check Lena's statement: ..."), the claim said in
the clause of a verdict ("Rose is a knave, a contradiction"), a bare citation ("(clue 3)"), and the
verdicts on the case in force ("contradiction", "this works", "consistent so far" is none) with the words
that lead a conclusion ("So ...") or a claim about a case already refuted ("In that case ...").

Each only says what a clause is; what it may change (a claim dropped, an assumption not opened) is
decided in the walk, and every claim around a marker is still read and checked.
"""

from __future__ import annotations

import re

from assay.domains.logic.speech_words import REASON, REPORT_VERB, STATEMENT_NOUN
from assay.text.trigger_words import compile_guarded

CHECK = re.compile(
    r"^\s*(?:let\s+me\s+|let'?s\s+|now\s+|quick\s+)?(?:double[- ]?check|sanity\s+check|self[- ]check|"
    r"check(?:ing)?|verify|verification|verifying)"
    r"(?:\s+(?:it|this|that|everything|the\s+answer|(?P<who>[A-Z][\w-]*)))?\s*[:—–]\s*",
    re.I,
)
# A citation that says its premise gives the claim ("premise 1 forces it", "by clue 3 alone"): more than
# which premise it is, which the walk does not take as read
CITATION_CLAIM = re.compile(
    r"\b(?:forces?|gives?|impl(?:y|ies)|settles?|decides?|shows?|means|yields?|requires?|determines?|fix(?:es)?|"
    r"confirms?)\s+"
    r"(?:it|this|that|so)\b|\balone\b|\bonly\b|\bby\s+itself\b|\bon\s+its\s+own\b",
    re.I,
)
# A look at one person that claims nothing ("Start with Cleo.", "Consider Rosa's statement."): a pronoun
# opening the next clause ("If she were a knave, ...") is that person.
FOCUS = re.compile(
    r"^\s*(?i:(?:(?:first|next|now|then)\s*,?\s+)?(?:let\s+me\s+|let'?s\s+|we\s+|i'?ll\s+)?"
    r"(?:(?:start|begin)\s+with|look\s+at|consider|take|examine|turn\s+to)\s+)"
    r"(?P<who>[A-Z][\w-]*)(?:'s\s+(?i:statement|claim))?[\s.:!]*$",
)
# A verdict on the case in force, with nothing else in it: "that leads to a contradiction", "this works".
VERDICT_ONLY = re.compile(
    r"^(?:that|this|it)\s+(?:leads\s+to\s+a\s+contradiction|(?:is|'s)\s+(?:a\s+contradiction|impossible)|"
    r"contradicts\s+(?:itself|the\s+(?:statements?|clues?|premises?))|works|is\s+consistent)[\s.!✓✔✅✗❌]*$",
    re.I,
)
# The reason of a claim that says only that the claim is forced: it claims nothing beyond the claim.
FORCED = re.compile(
    r"^(?:any|every|each|the)\s+other\s+(?:role|value|option|choice|assignment|possibility|placement|house|"
    r"digit)s?\s+(?:contradicts|leads?\s+to\s+(?:a\s+)?contradictions?|is\s+impossible|fails|breaks)\b"
    r"(?:\s+(?:the|a|an|some|one\s+of\s+the)\s+(?:statements?|clues?|premises?|constraints?|rules?)"
    r"(?:\s+and\s+the\s+steps\s+above)?)?[\s.!]*$",
    re.I,
)
# A retraction of the claim before, in the words chain-of-thought uses; what it takes back is only known
# from the claim that follows it (see `take_back`).
RETRACTION = re.compile(
    r"^(?:(?:wait|hold\s+on|hmm+|no|oops|whoops|actually|sorry|hang\s+on)[\s,.!—–-]+)*(?:"
    r"(?:that'?s|that\s+is|this\s+is|that\s+was|this\s+was|i\s+was|i'?m)\s+(?:wrong|not\s+right|"
    r"incorrect|a\s+mistake|mistaken)|i\s+made\s+(?:a|an)\s+(?:mistake|error)(?:\s+(?:there|above))?|"
    r"scratch\s+that|let\s+me\s+(?:redo|fix|correct)\s+(?:that|this)|correction|"
    # "No wait, Cal is a knight", "Wait, no: ...", "Actually, no": a correction of the claim before
    r"no\s*,?\s*wait|wait\s*,?\s*no|actually\s*,?\s*no|no\s*,\s*actually)(?![\w-])",
    re.I,
)
# "Hmm, actually, Cal is a knight", "Oh wait, Cal is a knight": a correction when the claim after it denies
# an earlier one, and otherwise a claim like any other (`WalkState.take_back`)
SOFT_RETRACTION = re.compile(r"^(?:hmm+\s*,?\s*actually|oh\s*,?\s*wait)(?![\w-])", re.I)

CITED = re.compile(
    r"^(?:(?P<who>[A-Za-z][\w-]*)(?:'s?\s+(?:statement|claim|words|assertion))?|(?:the\s+)?(?:statement|"
    r"premise|clue|constraint)\s*#?\s*\d+)$",
    re.I,
)
LOOK = re.compile(r"\b(?:check|verify|examine|see|look|test)\b", re.I)


# A claim and the verdict it reaches in one clause: "Rose is a knave, a contradiction", "q = false —
# impossible", "Contradiction: Rose is a knave", "p is false, which is absurd", "Nora is a knight and
# this contradicts her statement": what comes before the verdict (without the words that glue it to
# the verdict) is a claim, and so is what follows a verdict and a colon
_GLUE_BEFORE = re.compile(
    r"(?:[\s,;:!.…—–(\[-]|\b(?:which|that|this|it|and|but|so|hence|thus|then|is|was|would|be|being|'s|a|an|"
    r"clear|direct|obvious|gives?|giving|yields?|leads?\s+to|leading\s+to|means?|"
    # "..., which clue 4 forbids": the clue is the verdict's, the claim ends before it
    r"(?:clues?|premises?|constraints?)\s+\d+|"
    r"can'?t|cannot|does\s*n[o']t|do\s*n[o']t|not|both|clearly|again|also|still|however|therefore)\b)*$",
    re.I,
)
_VERDICT_HEAD = re.compile(r"^\s*(?:(?:a|an|that'?s\s+a|this\s+is\s+a)\s+)?\S[^:]{0,20}?:\s*(?P<claim>.+)$")


# A bracket or clause that only cites: "(clue 3)", "By premises 2 and 4"
CITATION_ONLY = re.compile(
    # "given what Cleo says", "because Dan claims": a knights statement cited by its speaker's report
    rf"\b(?:{REASON}|what)\s+(?:what\s+)?[A-Za-z][\w-]*\s+(?:{REPORT_VERB})\b|\b(?:{REASON})\b|"
    # "Then by premise 2", "As clue 2 says", "Since clue 7 says so": a connective leads the citation
    r"\b(?:then|so|thus|hence|now|next|since|as|because|given|also|"
    r"by|from|using|via|per|see|cf|according\s+to|and|with|the|premises?|clues?|constraints?|"
    r"conditions?|rules?|hints?|facts?|together|cf|one|two|three|four|five|six|seven|eight|nine|ten|first|"
    r"second|third|fourth|fifth|sixth|seventh|eighth|ninth|tenth)\b|(?<![\w])[pc](?=\d)|(?<![\w])(?-i:S)\s?(?=\d)|"
    # "the 3rd clue", "As clue 2 says": an ordinal in digits, a bare "says" ending the citation
    r"\d+(?:st|nd|rd|th)?\b|[#&+,().]|\b(?:says|said|states|stated)\s*$|"
    # "[from Milo's statement]", "in light of Tess's remark": a knights statement cited by its speaker
    rf"\b[\w-]+(?:'s|’s)(?=[\s,]|$)|\b(?:true\s+|false\s+|own\s+)?(?:{STATEMENT_NOUN})\b|"
    # "(by her statement)", "S1": a statement cited by a pronoun or by its number (resolved, or unknown)
    rf"\b(?:his|her|their)\s+(?=(?:own\s+)?(?:{STATEMENT_NOUN})\b)|"
    # "[clue 1 says so]": the clue is cited for the claim it is attached to, and said to say it
    r"\b(?:says|said|states|gives|shows|tells\s+us)\s+(?:so|this|that|it)\b|"
    # "as Cleo's statement shows": said to show the claim it is attached to
    r"\b(?:shows|proves|confirms|establishes|demonstrates|indicates)\b",
    re.I,
)


# The verdict words after which the words before are a claim ("Nora is a knight, a contradiction")
CLASH = re.compile(
    r"contradict\w*|impossible|inconsistent|absurd|not\s+possible|paradox\w*|cannot\s+(?:hold|happen)|"
    r"forbid(?:s|den)|violat(?:es|ed)|"
    r"can'?t\s+(?:hold|happen)|✗|❌|⊥",
    re.I,
)


def verdict_claim(text: str, start: int) -> str:
    """The claim said in the same clause as a verdict, or "" when the clause is the verdict alone."""
    # the glue is a few words: only the end is scanned, so a long clause costs no more than a short one
    before = text[:start]
    keep = max(0, len(before) - 120)
    before = (before[:keep] + _GLUE_BEFORE.sub("", before[keep:])).strip()
    if before:
        return before
    after = _VERDICT_HEAD.match(text[start:])
    return after.group("claim").strip() if after else ""


# --- verdicts on the case in force, and words that lead a clause -------------------------------------

# A hesitation before a claim ("Wait, ...", "Hmm, ..."): with a claim already on its line, a correction.
HESITATION = re.compile(
    r"^\s*(?:(?:no|nope|nah|wait|er+m?|uh+|hmm+)\s*(?:[,.!:;—–-]|\.\.\.|…)|(?:no\s+wait|sorry|oops|whoops|"
    r"correction|i\s+mean|i\s+meant|or\s+rather|rather|make\s+(?:that|it)|scratch\s+that|not\s+quite|"
    r"strike\s+that)\b)",
    re.I,
)
# A clash word: the case in force reaches a contradiction (a clause without its words is not scanned:
# `trigger_words.py`).
CONTRADICTION = compile_guarded(
    r"\b(?:contradict\w*|impossible|inconsistent|absurd|not\s+possible|cannot\s+(?:hold|happen|work)|"
    r"can'?t\s+(?:hold|happen|work)|doesn'?t\s+work|does\s+not\s+work|fails|invalid|paradox\w*|"
    r"not\s+consistent|cannot\s+both|can'?t\s+both|rule[sd]?\s+out|ruled\s+out|so\s+this\s+case\s+is\s+out|"
    # "r would be both true and false": the case reaches a clash
    r"both\s+true\s+and\s+false|"
    r"forbid(?:s|den)|violat(?:es|ed))\b|"
    r"✗|❌|⊥",
    re.I,
)
# A conclusion: what follows may discharge the assumption it flatly denies.
CONCLUDING = re.compile(
    r"^(?:so|therefore|thus|hence|consequently|this\s+means|which\s+means|that\s+means|we\s+conclude|"
    r"in\s+conclusion|it\s+follows|as\s+a\s+result|finally)\b",
    re.I,
)
# A claim about a case already refuted ("In that case Sam is also a knight").
CLOSED_CASE = re.compile(
    r"^(?:(?:and|so|then|but|also)[\s,]+)?(?:in\s+(?:this|that|such\s+a|which)\s+(?:case|scenario|branch|world|"
    r"situation)|here\s*,)",
    re.I,
)
NO_CONTRADICTION = re.compile(
    r"\b(?:no|without|nothing|never)\s+(?:\w+\s+)?(?:contradict\w*|conflicts?|inconsistenc\w+)\b|"
    r"\b(?:does\s+not|doesn'?t|do\s+not|don'?t)\s+contradict\w*",
    re.I,
)
# "this works": the case in force is consistent (guarded as CONTRADICTION is).
CONSISTENT = compile_guarded(
    r"\b(?:consistent|works|no\s+contradictions?|checks\s+out|valid|holds|satisf(?:ied|ies)|fits|(?:is|'s)\s+fine|"
    r"all\s+(?:statements|clues|premises|constraints)\s+(?:are\s+)?(?:satisfied|hold|true))\b"
    # "consistent so far" judges the steps until now, not the assumption: the case goes on
    r"(?!\s*(?:so\s+far|for\s+now|up\s+to\s+(?:now|here|this\s+point)|until\s+now))|✓|✔|✅",
    re.I,
)

# "If Rosa is a knave, then Milo is a knight, which is consistent (with all three statements)": a verdict
# on the case the conditional on its line opened, nothing else in the clause.
CONSISTENT_TAIL = re.compile(
    r"^(?:and\s+|so\s+)?(?:(?:which|that|this|it)(?:'s|\s+is|\s+was)?\s+)?(?:(?:all|fully|perfectly|entirely)\s+)?"
    r"(?:consistent(?:\s+with\s+(?:all|every|each|both|the)\b[^,;.]*)?|works|checks\s+out|fits|holds\s+up|fine|"
    r"no\s+contradictions?)[\s.!✓✔✅]*$",
    re.I,
)

# "Clue 2 says the bird is in house 2", "Clue 6 tells us ...", "Clue 1: ...": what the clue itself says
RESTATES = compile_guarded(
    r"(?:\b(?:clue|premise|statement)s?\s*#?\s*\d{1,2}(?:\s*(?:,|and|&)\s*\d{1,2})*|"
    r"\b(?:first|second|third|fourth|fifth|sixth|seventh|eighth|ninth|tenth)\s+(?:clue|premise))"
    r"\s*(?:says|states|reads|tells\s+us|:)",
    re.I,
)

# "Hana's statement is a contradiction": a claim about a statement (false whatever the roles), no verdict
STATEMENT_CONTRADICTS = re.compile(
    r"^[A-Za-z][\w-]*'s?\s+(?:statement|claim|assertion|words?)\s*(?:,?\s*\(?\s*\"[^\"]+\"\s*\)?\s*,?)?\s*(?:is|are)\s+"
    r"(?:a\s+)?(?:self-)?contradict(?:ion|ory)\b",
    re.I,
)


# "As clue 2 says", "Since clue 7 says so": the clue is the reason for the claim after it; "Premise 1
# says: ..." with no "as" leads a restatement, which the kind reads
_AS_SAYING = re.compile(
    r"^(?:as|since|because|given\s+that)\s+(?:the\s+)?(?:premise|clue|constraint|condition|statement|rule|hint|"
    r"fact)s?\s*#?\s*\d{1,3}(?:\s*(?:,|and|&)\s*\d{1,3})*\s+(?:says?|said|states?|stated|tells\s+us|shows?)"
    r"(?:\s+(?:so|it|this|that))?[\s.,;:]*$",
    re.I,
)


def citation_only(piece: str) -> bool:
    """True if the clause only cites ("(clue 3)", "By premises 2 and 4", "As clue 2 says")."""
    return not CITATION_ONLY.sub("", piece).strip(" .,;:") or _AS_SAYING.match(piece.strip()) is not None
