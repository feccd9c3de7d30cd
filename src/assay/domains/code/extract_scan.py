"""Reading a model's reply into what `extract` judges: the reasoning sections taken out (see extract's
rules), then the fenced blocks and the prose lines between them. Pure text work, linear on hostile input.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

_FENCE = re.compile(r"^([ \t]*)(```+|~~~+)[ \t]*\{?[ \t]*\.?([\w+#.-]*)")


@dataclass(frozen=True)
class Block:
    """A fenced block: its tag (lower case), its lines, whether it was closed, and the prose before it."""

    tag: str
    body: tuple[str, ...]
    closed: bool
    intro: str  # the prose just before the block (the last three non-blank lines)
    lead: str = ""  # the last of them: the line that introduces the block
    cut: bool = False  # the block was never closed: the reply ends inside it (extract_open)
    info: str = ""  # the fence line after its tag (`title="draft.py"`, `{.draft}`, `# draft`)


_REASONING = r"(?:think|thinking|thought|thoughts|reasoning|reflection|scratchpad)"
_REASONING_TAG = re.compile(
    rf"(?P<open><{_REASONING}>|<\|begin_of_{_REASONING}\|>|◁think▷|\[THINK\])"
    rf"|(?P<close></{_REASONING}>|<\|end_of_{_REASONING}\|>|◁/think▷|\[/THINK\])"
    # harmony (gpt-oss): the analysis and commentary channels are reasoning, ended by <|end|> or the final
    # channel; a <details> whose summary says it holds the thinking, ended by </details>
    r"|(?P<harmony><\|channel\|>(?:analysis|commentary)\b[^<]{0,200}<\|message\|>)"
    r"|(?P<harmony_end><\|end\|>|<\|channel\|>final\b)"
    r"|(?P<details><details\b[^>]{0,200}>\s*<summary>(?P<summary>[^<]{0,400})</summary>)"
    r"|(?P<details_end></details>)",
    re.I,
)
# every reasoning tag starts with one of these (IGNORECASE folds none of them): _reasoning_tags tries
# the tags only where one is, instead of at every position of the text as a search does
_TAG_START = re.compile(r"[<\[◁]")
_SOFT_CLOSE = {"harmony_end": "harmony", "details_end": "details"}
_THINKING_SUMMARY = re.compile(r"\b(?:think|thought|reason)", re.I)


def outside_reasoning(text: str) -> tuple[str, bool]:
    """text without its reasoning sections (see the module's rules), and whether a section that holds
    code comes after code outside the reasoning (then it may hold the final code, not a draft). A
    `<|end|>` or `</details>` closes only a section its own kind opened (they also end ordinary
    messages and collapsed sections)."""
    kept: list[str] = []
    opened = ""  # the kind of the open section, "" outside
    opened_at = 0  # where it opened
    late = False
    position = 0
    for match in _reasoning_tags(text):
        kind = "details" if match.group("details") else match.lastgroup or ""
        if kind == "details" and not _THINKING_SUMMARY.search(match.group("summary")):
            continue  # a collapsed section of something else ("Full code"): not reasoning
        if kind in _SOFT_CLOSE:
            if opened != _SOFT_CLOSE[kind]:
                continue
            late = late or _late_code(kept, text[opened_at : match.start()])
            opened = ""
        elif kind == "close":
            if not opened:  # a close with no open: all so far was the reasoning
                kept.clear()
            else:
                late = late or _late_code(kept, text[opened_at : match.start()])
            opened = ""
        elif not opened:
            kept.append(text[position : match.start()])
            opened, opened_at = kind, match.end()
        else:
            continue
        position = match.end()
    if not opened:
        kept.append(text[position:])
    else:
        late = late or _late_code(kept, text[opened_at:])
    return "".join(kept), late


def reasoning_closed(text: str) -> bool:
    """Whether the last reasoning tag of text closes a section and only blank text follows it."""
    last = None
    for match in _reasoning_tags(text):
        last = match
    return last is not None and bool(last.group("close")) and not text[last.end() :].strip()


def without_reasoning_tags(text: str) -> str:
    """text with its reasoning tags taken out and what they hold kept, in order: a reply whose only code
    is in its reasoning, read as if it had written it in the open."""
    kept: list[str] = []
    position = 0
    for match in _reasoning_tags(text):
        if match.group("details") and not _THINKING_SUMMARY.search(match.group("summary")):
            continue
        kept += [text[position : match.start()], "\n"]
        position = match.end()
    kept.append(text[position:])
    return "".join(kept)


def _reasoning_tags(text: str) -> Iterator[re.Match[str]]:
    """_REASONING_TAG.finditer(text), the same matches in the same order: each is tried only where a
    tag can start (_TAG_START), about ten times faster on a reply full of code and prose."""
    position = 0
    while (start := _TAG_START.search(text, position)) is not None:
        match = _REASONING_TAG.match(text, start.start())
        if match is None:
            position = start.start() + 1
        else:
            yield match
            position = match.end()  # never empty: every tag is at least three characters


_FENCE_ANYWHERE = re.compile(r"^[ \t>]*(?:```|~~~)", re.M)
_DEFINITION_ANYWHERE = re.compile(r"^[ \t>]*(?:async\s+)?(?:def|class)\s+\w", re.M)


def _late_code(kept: list[str], section: str) -> bool:
    """Whether a reasoning section holds code and comes after a fenced block outside the reasoning."""
    if not (_FENCE_ANYWHERE.search(section) or _DEFINITION_ANYWHERE.search(section)):
        return False
    return any(_FENCE_ANYWHERE.search(part) for part in kept)


def scan(lines: list[str]) -> tuple[list[Block | str], bool]:
    """The text as fenced blocks and the prose lines between them, in order (an empty block is left
    out: it holds nothing), and whether a block was closed."""
    items: list[Block | str] = []
    fenced = False
    opening: re.Match[str] | None = None
    body: list[str] = []
    intro: list[str] = []
    for line in lines:
        match = _FENCE.match(line)
        if opening is None:
            if match:
                opening, body = match, []
            else:
                items.append(line)
                if line.strip():
                    intro = [*intro[-2:], line.strip()]
            continue
        fence = opening.group(2)
        rest = line.strip()
        if rest.startswith(fence) and set(rest) == {fence[0]}:  # a closing fence: as long or longer
            if any(text.strip() for text in body):
                lead = intro[-1] if intro else ""
                info = opening.string[opening.end() :].strip()
                items.append(
                    Block(opening.group(3).lower(), tuple(body), True, " ".join(intro), lead, info=info)
                )
            opening, intro, fenced = None, [], True
            continue
        indent = opening.group(1)
        body.append(line[len(indent) :] if indent and line.startswith(indent) else line)
    if opening is not None:
        items.append(Block(opening.group(3).lower(), tuple(body), False, " ".join(intro)))
    return items, fenced
