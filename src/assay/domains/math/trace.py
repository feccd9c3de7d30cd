"""Read free-form model text into steps and a final answer; never guess.

A trace may use `Step n:` labels, numbered lists, plain lines, arrows (`→`, `=>`) between steps,
`=` chains, LaTeX, unicode operators, bracketed reasons and prose. Each step gets a kind:

- CLAIM: math with `=` (or a line that is math only). Its `math` field holds the claims, separated by
  `;`, with `or` joining the alternatives of one disjunction (`x - 2 = 0 or x - 3 = 0`).
- VERIFICATION: a `Verify:` / `Check:` line.
- PROSE: words only, no claim.
- UNREADABLE: has `=` but no math the grammar reads. The checker reports it as unknown.

Only text is handled here: nothing is evaluated, so this is safe in any process.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from assay.domains.math.expr import CONSTANTS, FUNCTIONS, parse_chain
from assay.errors import MathParseError
from assay.records import Step, StepKind

MAX_TRACE = 200_000  # characters; a longer response is one unreadable step
MAX_STEPS = 400

_ARROWS = re.compile(r"\s*(?:→|⟶|⟹|⇒|=>|->|\\implies|\\Rightarrow|\\rightarrow|\\Longrightarrow)\s*")
_LABEL = re.compile(r"^\s*(?:(?:step|line)\s*\d+\s*[:.)\-]?|\d{1,3}\s*[.)]\s|\(\d{1,3}\)\s*|[-*•]\s)", re.I)
_VERIFY = re.compile(r"^\s*(?:verify|verification|verifying|check|checking)\b\s*[:\-]?\s*", re.I)
_ANSWER_LINE = re.compile(r"(?:final answer|answer)\s*(?:is|:|=)?\s*[:]?\s*(.+)$", re.I)
_ANSWER_START = re.compile(r"^\s*(?:the\s+)?(?:final\s+)?answer\s*(?:is\b|:)\s*", re.I)
_CONCLUDE = re.compile(r"^\s*(?:therefore|thus|so|hence|finally)\b[,:]?\s*", re.I)
_REASON = re.compile(r"\[([^\[\]]*)\]")
_MATH_CHARS = re.compile(r"^[0-9A-Za-z+\-*/^().,=±{}\[\]\\!−×÷·√²³π|]+$")
_LETTERS = re.compile(r"[A-Za-z]+")
_WORD_OK = (
    FUNCTIONS
    | CONSTANTS
    | {"frac", "dfrac", "tfrac", "cdot", "times", "div", "pm", "sqrt", "left", "right", "boxed"}
)


@dataclass(frozen=True)
class Trace:
    steps: tuple[Step, ...]
    answer: str | None


def parse_trace(text: str) -> Trace:
    """Split text into steps and find the final answer."""
    if len(text) > MAX_TRACE:
        step = Step(1, text[:200], StepKind.UNREADABLE, reason=f"response of {len(text)} characters")
        return Trace((step,), None)
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\x00", "\ufffd")
    text = text.replace("\\[", "\n").replace("\\]", "\n").replace("$$", "\n")
    segments: list[str] = []
    for line in text.split("\n"):
        segments.extend(part for part in _ARROWS.split(line) if part.strip())
    steps: list[Step] = []
    for raw in segments[:MAX_STEPS]:
        steps.append(_read_step(len(steps) + 1, raw))
    if len(segments) > MAX_STEPS:
        steps.append(Step(len(steps) + 1, "…", StepKind.UNREADABLE, reason=f"more than {MAX_STEPS} steps"))
    return Trace(tuple(steps), find_answer(text, steps))


def _read_step(index: int, raw: str) -> Step:
    body = _LABEL.sub("", raw, count=1)
    reasons: list[str] = []

    def keep_reason(match: re.Match[str]) -> str:
        inside = match.group(1)
        if _is_prose(inside):
            reasons.append(inside.strip())
            return " "
        return match.group(0)

    body = _REASON.sub(keep_reason, body)
    body = _strip_delimiters(body)
    reason = "; ".join(reasons)
    conclude = _CONCLUDE.match(body)
    if conclude is not None and "=" not in body:
        rest = body[conclude.end() :].strip().rstrip(".")
        if rest and all(_is_mathy(w) for w in rest.split()) and _readable(rest):
            return Step(index, raw.strip(), StepKind.ANSWER, math=rest, reason=reason)  # "Therefore 4."
    answer = _ANSWER_START.match(body)
    if answer:
        rest = body[answer.end() :].strip().rstrip(".")
        math = extract_claims(rest) if "=" in rest else (rest if rest and _readable_values(rest) else None)
        if math:
            return Step(index, raw.strip(), StepKind.ANSWER, math=math, reason=reason)
        return Step(index, raw.strip(), StepKind.UNREADABLE if rest else StepKind.PROSE, reason=reason)
    verify = _VERIFY.match(body)
    if verify:
        math = extract_claims(body[verify.end() :])
        if math is None or not math:
            return Step(index, raw.strip(), StepKind.UNREADABLE, reason=reason)
        return Step(index, raw.strip(), StepKind.VERIFICATION, math=math, reason=reason)
    math = extract_claims(body)
    if math is None:
        return Step(index, raw.strip(), StepKind.UNREADABLE, reason=reason)
    if not math:
        return Step(index, raw.strip(), StepKind.PROSE, reason=reason)
    return Step(index, raw.strip(), StepKind.CLAIM, math=math, reason=reason)


def _strip_delimiters(body: str) -> str:
    body = body.replace("$", " ").replace("\\(", " ").replace("\\)", " ")
    body = re.sub(r"\\boxed\s*\{", "{", body)
    return body.replace("✓", " ").replace("✔", " ")


def _is_prose(text: str) -> bool:
    """True if text has a word that is not math (so a bracket holds a reason, a line holds prose)."""
    return any(len(w) > 1 and w.lower() not in _WORD_OK for w in _LETTERS.findall(text))


def _is_mathy(word: str) -> bool:
    if not word or not _MATH_CHARS.match(word):
        return False
    letters = _LETTERS.findall(word)
    if any(len(w) > 1 and w.lower() not in _WORD_OK for w in letters):
        return False
    return not (re.fullmatch(r"[A-Za-z.]+", word) and "." in word)  # not "e.g."


def _runs(body: str) -> tuple[list[str], list[str], bool]:
    """Maximal runs of math words, the words between consecutive runs, and whether body is all math."""
    words = body.split()
    runs: list[list[str]] = []
    joins: list[str] = []  # the word(s) between run i and run i+1
    current: list[str] = []
    between: list[str] = []
    only_math = True
    for word in words:
        trimmed = word.rstrip(".,;:")
        if _is_mathy(trimmed) or (word.startswith("=") and _is_mathy(word)):
            if not current and runs:
                joins.append(" ".join(between).lower())
            between = []
            ends_sentence = word != trimmed and word.endswith((".", ";", ":"))
            current.append(trimmed if ends_sentence else word)
            if ends_sentence:  # sentence punctuation ends the run
                runs.append(current)
                current = []
        else:
            only_math = False
            if current:
                runs.append(current)
                current = []
            between.append(word)
    if current:
        runs.append(current)
    return [" ".join(r).strip().strip(",") for r in runs], joins, only_math


def math_runs(text: str) -> list[str]:
    """The stretches of math in text (prose removed)."""
    return [r for r in _runs(_strip_delimiters(text))[0] if r]


def extract_claims(body: str) -> str | None:
    """The claims of one step as `a = b; c = d or e = f`; "" for prose; None if '=' but unreadable."""
    texts, joins, only_math = _runs(body)
    if not texts:
        return "" if "=" not in body else None
    claims: list[list[str]] = []
    for i, run_text in enumerate(texts):
        has_equals = "=" in run_text
        if not has_equals and not (only_math and len(texts) == 1 and _has_operator(run_text)):
            continue
        parts = split_top_level(run_text) if has_equals else [run_text]
        if any(not _readable(p) for p in parts):
            return None
        if i > 0 and joins[i - 1] in ("or", ", or") and claims:
            claims[-1].extend(parts)
        elif len(parts) > 1 and _same_variable_values(parts):
            claims.append(list(parts))  # "x = 2, x = 3": alternatives
        else:
            claims.extend([p] for p in parts)
    if not claims:
        return "" if "=" not in body else None
    return "; ".join(" or ".join(group) for group in claims)


def _has_operator(text: str) -> bool:
    return bool(re.search(r"[-+*/^×÷−·]|\\frac|sqrt|\\cdot|\\times", text))


def _readable(part: str) -> bool:
    try:
        parse_chain(part.lstrip("="))
    except MathParseError:
        return False
    return True


def _readable_values(text: str) -> bool:
    """A bare answer: one value, a list `2, 3`, or a tuple `(3, 2)`."""
    inner = text[1:-1] if text.startswith("(") and text.endswith(")") and "," in text else text
    return all(_readable(part) for part in split_top_level(inner))


def split_top_level(text: str) -> list[str]:
    """Split on commas and semicolons outside brackets."""
    parts: list[str] = []
    depth, start = 0, 0
    for i, ch in enumerate(text):
        if ch in "([{":
            depth += 1
        elif ch in ")]}":
            depth -= 1
        elif ch in ",;" and depth == 0:
            parts.append(text[start:i].strip())
            start = i + 1
    parts.append(text[start:].strip())
    return [p for p in parts if p]


def _same_variable_values(parts: list[str]) -> bool:
    names = set()
    for part in parts:
        m = re.fullmatch(r"\s*([A-Za-z])\s*=\s*[^=]+", part)
        if m is None:
            return False
        names.add(m.group(1))
    return len(names) == 1


# --- the final answer --------------------------------------------------------------------------------


def _last_boxed(text: str) -> str | None:
    start = text.rfind("\\boxed")
    if start < 0:
        return None
    open_brace = text.find("{", start)
    if open_brace < 0:
        return None
    depth = 0
    for i in range(open_brace, min(len(text), open_brace + 2000)):
        if text[i] == "{":
            depth += 1
        elif text[i] == "}":
            depth -= 1
            if depth == 0:
                return text[open_brace + 1 : i].strip()
    return None


def find_answer(text: str, steps: list[Step]) -> str | None:
    """The final answer: the last \\boxed{}, an `Answer:` line, a `Therefore ...` line, or the last claim."""
    boxed = _last_boxed(text)
    if boxed:
        return boxed
    for line in reversed(text.split("\n")):
        if "####" in line:
            return line.split("####")[-1].strip() or None
        m = _ANSWER_LINE.search(line)
        if m:
            found = m.group(1).strip().rstrip(".")
            math = extract_claims(found)
            if math:
                return math.replace("; ", ", ").replace(" or ", ", ")
            return found or None
    for step in reversed(steps):
        if step.kind == StepKind.ANSWER:
            return step.math.replace("; ", ", ").replace(" or ", ", ")
        if step.kind == StepKind.CLAIM:
            body = _CONCLUDE.sub("", _LABEL.sub("", step.text, count=1))
            conclusion = extract_claims(_strip_delimiters(_REASON.sub(" ", body)))
            if conclusion:
                return conclusion.replace("; ", ", ").replace(" or ", ", ")
            break
        if step.kind == StepKind.UNREADABLE:
            break
    return None
