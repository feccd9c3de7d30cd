"""Math said to be a value in prose: `the right side drops to x + 1` is a claim, never a mention.

After a word of result or equality (`is`, `drops to`, `becomes`, `gives`, `works out to`, `leaves`, `we
get`, `stands at`, a colon or an arrow after a word), a piece of math with a variable, a radical or a
function in it, or digits glued to a letter (`x + 1`, `9x`, `sqrt(49)`, `\\sqrt{100}`, `log(100)`, `0x9`),
is what something comes to. The claim reader reads claims written with `=`, not these, so spoken.py counts
such a clause as one that states a value and its step is unreadable. Math placed on a side (`so x + 1 on
the right`, `⇒ right side x + 1`) says the same.

Elsewhere math is a mention: `isolate x`, `the coefficient of x`, `Let x be the number`, `x + 1 is the
expression we need`, `substitute 4 into 2x + 3`, `the expression is x^2 - 5x + 6` (the given restated).
A letter alone after `is`/`get`/`be`/`:` names the unknown (`the variable is x`, `get x by itself`) unless
a side is what it is said of (`the right side is x`). The verb list is open (`drops to`, `rises to`,
`plummets to`), so any verb ending in -s/-ed/-ing before `to`/`into` counts, except verbs whose object is
an expression (`plug it into`, `apply it to`). Pure text work.
"""

from __future__ import annotations

import re

from assay.text.trigger_words import compile_guarded

# verbs whose object after `to`/`into` is what they act on, not what something comes to (`plug it into`).
# `factors into`, `expands to`, `multiplies out to`, `breaks into`, `moves to` do say what a side becomes.
_OTHER_VERBS = (
    r"(?:substitut|plug|put|insert|add|subtract|appl|want|need"
    r"|ha[sv]|tr[yi]|us|lead|refer|belong|set|bring|tak|approach|look|point|listen)"
)
# `It factors as (x - 1)(x - 6)`, `can be written as ...`, `expands out as ...`: `as` after a verb of
# rewriting says what the thing is
_AS_VERBS = (
    r"(?:factors?|factori[sz]e[sd]?|factored|expands?(?:\s+out)?|expanded|(?:re)?written|(?:re)?writes?"
    r"(?:\s+(?:it|this|that|them))?|expressed|express(?:\s+(?:it|this|that))?|multiplies\s+out"
    r"|simplifies|simplified|breaks?\s+down|rearranges?|rearranged|comes\s+out)\s+as"
)
_DETERMINERS = ("the", "a", "its", "our", "their", "his", "her", "your", "my", "grand", "running", "new")
_RESULT_MATH = re.compile(
    r"\b(?P<verb>is|are|was|were|equals?|equal to|gives?|giving|gave|makes?|making|yields?|yielding"
    r"|becomes?|becoming|became|leaves?|leaving|left with|ends? up with|ended up with|get|gets|getting|got"
    # `total` after a determiner is a noun (`find the total cost`), no verb of result
    r"|totals|total(?:l?ed|l?ing)|" + "".join(f"(?<!{d} )" for d in _DETERMINERS) + r"total"
    r"|reads?|remains?|stays?|be|(?:stands?|sits?|ends?|settles?|stops?) at"
    r"|(?!" + _OTHER_VERBS + r")[a-z]+(?:s|ed|ing)(?:\s+(?:out|down|up|back|off))?\s+(?:to|into)"
    r"|" + _AS_VERBS + r")\b"
    # `the right side: 0x9`, `right side → x + 1`: a colon or an arrow after a word says the same
    r"|(?<=[A-Za-z])(?P<mark>:)|(?P<arrow>→|⇒|⟹|->|=>|\\Rightarrow\b|\\implies\b|\\to\b)",
    re.I,
)
_FUNCTION = r"\\[A-Za-z]+|sqrt|cbrt|log|ln|exp|sin|cos|tan|pi"
_MATH_PIECE = re.compile(r"[0-9A-Za-z+\-*/^().{}\\\[\]_|·×√∛π]+")
# `get x by itself`, `leaves x on its own`, `the x-term`: a letter alone names the unknown
_LONE_AIM = re.compile(r"\s*(?:alone|by|on|isolated|terms?|itself|only|[-‐]\s*terms?)\b", re.I)
_NAMING_VERBS = frozenset({"is", "are", "was", "were", "be", "get", "gets", "got", "getting", ":"})
_SIDE_IS = re.compile(r"\b(?:side|lhs|rhs|result|total)\s*$", re.I)
# `the expression is x^2 - 5x + 6`, `Factor: x^2 - 5x + 6`: what is given, restated
_RESTATED = re.compile(
    r"\b(?:expression|equation|polynomial|quadratic|function|problem|system|integrand|formula)\s+"
    r"(?:we (?:have|are given)\s+)?(?:is|are|was|reads?)\s*$"
    r"|\b(?:expression|equation|polynomial|quadratic|function|problem|system|integrand|formula|given|original"
    r"|factor|simplify|expand|solve|evaluate|compute|find|rewrite|recall|start|starting|task|goal|aim)\s*:\s*$",
    re.I,
)
_SIDE_THEN = re.compile(r"\b(?:side|lhs|rhs)\b", re.I)
_PLACED = re.compile(
    r"^\W*(?:(?:so|now|thus|hence|then|and|we have|we've got|we get|there'?s|there is|that'?s|which is)\s+)*"
    r"(.+?)\s+on\s+(?:the\s+)?(?:left|right|lhs|rhs|other)\b",
    re.I,
)
_FILLER = frozenset({"just", "now", "simply", "only", "exactly", "then", "still", "us", "you", "me", "also"})


# `the left side is therefore x + 5`, `is, after halving, x + 5`, `reduces to therefore 3x`: an adverb or an
# aside between a verb of result and its math leaves the claim the same (and a clause split at `therefore`
# must not cut the verb from the math)
_ASIDE_WORDS = r"(?:after|before|when|once|upon|by|on|in|with|for|from|having|following)\b"
_ASIDE = compile_guarded(
    r"\b(is|are|was|were|equals?|gives?|becomes?|leaves?|yields?|makes?|remains?|get|gets|got"
    r"|(?:reduces|comes|simplifies|works\s+out|drops|goes|turns\s+out)\s+to)"
    r"(?:\s*,\s*" + _ASIDE_WORDS + r"[^,=;.$\\\d{}]{0,40},"
    r"|\s+(?:therefore|thus|hence|then|so|consequently|accordingly|again|now|indeed|still|finally|just"
    r"|simply|clearly|actually|certainly|precisely|exactly|effectively|basically|essentially|obviously"
    r"|really|evidently|surely|definitely|necessarily|immediately|automatically|correctly|indeed)\b"
    r"(?:\s*,(?=\s*[^\s,])(?!\s*" + _ASIDE_WORDS + r"))?)+",
    re.I,
)


def without_asides(text: str) -> str:
    """text with the adverbs and asides right after a verb of result taken out (see `_ASIDE`)."""
    return _ASIDE.sub(r"\1", text) if "," in text or " " in text else text


def states_math(text: str) -> bool:
    """Whether a clause without `=` says a piece of math is what something comes to (see module)."""
    text = without_asides(text)
    for found in _RESULT_MATH.finditer(text):
        end = found.end()
        if _RESTATED.search(text[:end]):
            continue
        run = _run_after(text[end:])
        if not run:
            continue
        if _lone_letter(run):
            after = text[end:].split(run[0], 1)[-1]
            if run[0] in "aAI" or _LONE_AIM.match(after):
                continue
            verb = (found.group("verb") or ":").lower()
            if verb in _NAMING_VERBS and not _SIDE_IS.search(text[: found.start()]):
                continue  # `the variable is x`, `we get x by itself`
            return True
        if any(re.search(r"[A-Za-z√∛π|]", token) for token in run):
            return True
    return _placed_on_a_side(text) or _said_of_something(text)


# what may stand right before an expression that is only mentioned: an operation or a relation word
# whose object it is (`subtract 5 from 2x + 5`, `the coefficient of 3x`, `divide 3x by 3`, `factor x^2 - 1`)
_MENTION_BEFORE = re.compile(
    r"(?:from|by|of|in|into|with|for|on|and|or|than|the|a|an|both|each|term|terms|expression|equation"
    r"|polynomial|quadratic|binomial|product|sum|factor(?:ing|ise|ize)?|expand(?:ing)?|simplify(?:ing)?"
    r"|solv(?:e|ing)|isolat(?:e|ing)|substitut(?:e|ing)|plug(?:ging)?|combin(?:e|ing)|mov(?:e|ing)|bring(?:ing)?"
    r"|tak(?:e|ing)|collect(?:ing)?|rearrang(?:e|ing)|rewrit(?:e|ing)|evaluat(?:e|ing)|comput(?:e|ing)"
    r"|consider(?:ing)?|writ(?:e|ing)|us(?:e|ing)|apply(?:ing)?|set(?:ting)?|let|subtract(?:ing)?|add(?:ing)?"
    r"|divid(?:e|ing)|multiply(?:ing)?|cancel(?:ling|ing)?|check(?:ing)?|verify(?:ing)?|test(?:ing)?|try(?:ing)?"
    r"|find(?:ing)?|want|need|leave|keep|get|call|denote|named|called|about|like\s+terms|at|as|if|when|where"
    r"|since|because|so|then|now|thus|hence|therefore|here|first|next|finally|we|i|you|to|that|which|this)",
    re.I,
)


def _said_of_something(text: str) -> bool:
    """A verb list stays open (`went to 3x`, `shrank to`, `stands for`, `resembles`, `→`): math with a
    variable after any other word (`the left side fell to 3x`) says what something is, unless that word
    makes it the object of an operation or of a preposition (`_MENTION_BEFORE`). A lone letter (`x`) only
    names the unknown; math that opens its clause is its subject."""
    words = text.split()
    for i in range(1, len(words)):
        run = _run_after(" ".join(words[i : i + 8]))
        if not run or not _with_a_variable(run) or _RESTATED.search(" ".join(words[:i])):
            continue  # (`the expression is x^2 - 5x + 6`: the given, restated)
        before = words[i - 1].strip(".,;:?!*_$`'\"()").lower()
        if _run_after(words[i - 1]):
            continue  # inside a run that started earlier
        if before in _PARTICLES:
            # `add 5 to 2x` (math before `to`: the object of the operation) against `fell to 3x`, `ends up
            # as 3x`, `stands for 3x`: the word before the particle decides
            k = i - 2
            while k >= 0 and words[k].strip(".,;:?!*_$`'\"()").lower() in _PARTICLES | {"down", "up", "out"}:
                k -= 1
            verb = words[k].strip(".,;:?!*_$`'\"()").lower() if k >= 0 else ""
            if not verb or _run_after(words[k]) or _MENTION_BEFORE.fullmatch(verb) or verb in _AIM_VERBS:
                continue
            if any(
                _INSTRUCTION.fullmatch(w.strip(".,;:?!*_$`'\"()").lower())
                for w in words[max(0, k - 6) : k + 1]
            ):
                continue  # `apply the formula to x^2 - 5x + 6`, `add the 5 to 2x`: the operation's object
            return True
        if before and not _MENTION_BEFORE.fullmatch(before):
            return True
    return False


_INSTRUCTION = re.compile(
    r"(?:factor|expand|simplif|solv|isolat|substitut|plug|combin|mov|bring|tak|collect|rearrang|rewrit|evaluat"
    r"|comput|writ|us|appl|set|subtract|add|divid|multipl|cancel|check|verify|test|tr[yi]|find|compar|refer)\w*"
)
_PARTICLES = frozenset({"to", "as", "for", "like", "into"})
# verbs whose object after a particle is what they act on or refer to (`refer to 3x`, `apply it to 2x`)
_AIM_VERBS = frozenset(
    {
        "it",
        "them",
        "this",
        "that",
        "refer",
        "refers",
        "apply",
        "applies",
        "belongs",
        "belong",
        "compare",
        "compared",
        "close",
        "equal",
        "equivalent",
        "known",
        "such",
        "well",
        "same",
        "treat",
        "treated",
        "regard",
        "regarded",
        "written",
        "rewrite",
        "expressed",
        "express",
        "factor",
        "factors",
        "factored",
    }
)


def _with_a_variable(run: list[str]) -> bool:
    """An expression in a variable, not a lone letter: `3x`, `x + 5`, `x^2`, `2y - 1`."""
    joined = " ".join(run)
    return re.search(r"(?<![A-Za-z])[a-zA-Z](?![A-Za-z])", joined) is not None and (
        len(run) > 1 or re.search(r"\d|[-+*/^]", joined) is not None
    )


def _placed_on_a_side(text: str) -> bool:
    """`so x + 1 on the right`, `⇒ right side x + 1`: math placed on a side is what that side is."""
    if any(_run_after(text[found.end() :]) for found in _SIDE_THEN.finditer(text)):
        return True
    placed = _PLACED.match(text)
    if placed is None:
        return False
    # the whole of what stands before `on the left`: `2x + 3 is the expression on the left` is a mention,
    # `x on the left` names where the unknown is
    run = _run_after(placed.group(1))
    return len(run) == len(placed.group(1).split()) and not _lone_letter(run)


def _lone_letter(run: list[str]) -> bool:
    return len(run) == 1 and len(run[0]) == 1 and run[0].isalpha()


def _run_after(text: str) -> list[str]:
    """The pieces of math right after a verb (past a few filler words), up to the first word."""
    run: list[str] = []
    for word in text.split():
        token = word.strip(".,;:?!*_$`'\"").removeprefix("\\(").removesuffix("\\)").strip("$")
        if not run and word.lower() in _FILLER:
            continue
        letters = re.findall("[A-Za-z]+", re.sub(_FUNCTION, "", token))
        if not token or not _MATH_PIECE.fullmatch(token) or any(len(w) > 1 for w in letters):
            break  # a word (`is the`, `gives us`): the math, if any, ends here
        run.append(token)
        if word[-1:] in ".,;:?!":
            break
    return run


# words that say what follows is the result of what came before (`2x + 5 = 13, so 3x`, `Now 3x`, `then
# 2x - 9`): an expression alone after them is what something came to, stated without a relation
_CONSEQUENCE = (
    r"(?:so|then|now|thus|hence|therefore|consequently|finally|next|here|giving|whence|ergo|and(?:\s+so|\s+then)?"
    r"|which\s+(?:gives|leaves|is)|i\.?e\.?)"
)
_OPENED = re.compile(r"^\W*(?:" + _CONSEQUENCE + r"\b[\s,:.]*)+", re.I)
# where a clause starts: sentence punctuation, or a word of consequence (kept, to be read with its clause)
_RESULT_CLAUSE = re.compile(r"([,;!?]\s+|[.:](?:\s+|$)|(?=\b" + _CONSEQUENCE + r"\b))", re.I)


def result_alone(text: str) -> bool:
    """Whether a clause of text is an expression in a variable after a word of consequence or after a
    claim (`2x + 5 = 13, so 3x`, `Now 3x.`, `2x + 5 = 13; 2x - 9`, `Subtract 5: 3x`): what something came
    to, with the relation left out, so a claim nobody can check. An expression alone in a clause of its own
    elsewhere (`Factor the left side, x^2 - 5x + 6, as ...`) is a mention, a given restated after a colon
    (`Factor: x^2 - 5x + 6`) too, and a lone letter names the unknown (`so x`)."""
    pieces = _RESULT_CLAUSE.split(text)  # clause, separator, clause, ...
    for at in range(0, len(pieces), 2):
        clause = pieces[at]
        opened = _OPENED.match(clause)
        rest = clause[opened.end() :] if opened else clause
        words = rest.split()
        if not words or (at == 0 and opened is None):
            continue
        before, mark = pieces[at - 2], pieces[at - 1].strip()
        colon = mark == ":" and bool(before.strip()) and not _RESTATED.search(before + ":")
        run = _run_after(rest)
        after = opened is not None or "=" in before or colon
        if after and len(run) == len(words) and _with_a_variable(run):
            return True
    return False
