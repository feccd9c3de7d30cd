"""Finding the program in a model's text. Pure text work: nothing here parses or runs Python.

The code tested must be the response's FINAL code. Rules, in order:
1. Fenced blocks (``` or ~~~, three or more, indented or not). A block is Python when its tag says so
   (`python`, `py`, `Python3`, `python3.11`, `{python}`, `py title="x"`, any case) or when it is
   untagged and its first line is a Python statement (`a, b = ...`, `(a, b) = ...`, `*xs, = ...`,
   `n: int = ...`, a docstring, a comprehension, a call, a keyword statement). The Python blocks are
   joined in order, so a helper in one block and the function in the next both count, and a later
   block's definition (the final code after a draft) replaces the earlier one when the program runs.
   A block whose first code line is indented is a FRAGMENT: before any whole block it is a completion
   of the prompt's function (joined); after one it would land inside the draft's function, after its
   return, so it is not joined (see below).
   What may be, or may change, the final code and cannot be taken with certainty makes extraction fail
   closed (no code, and the reason), never fall back to a draft:
   - anywhere: a Python definition in a block not taken for Python or outside every block (bare,
     indented, quoted, in HTML, in a list item); after the code, a Python block left open at the end
     (the final code cut off; extract_open reads a block never closed up to its prose), unless it only
     calls the code;
     two Python blocks that both read stdin (a draft and its fix: joined, the draft would consume the
     input and a fix that tolerates an empty input would print nothing, so the draft would be judged),
     unless the line introducing the last calls it the correction or the final version (it alone is
     the program, if no prose after it goes back to the draft) or each is a whole program introduced
     as an alternative ("Approach 2:", "Or, using the closed form:": each is tested, see
     Extraction.alternatives; functions given again as another way are tested the same way);
   - a Python block with a comment that stands for code left out (`# ... rest unchanged`, `# same as
     above`, `# existing code`): it is an excerpt;
   - after the first Python block: a fragment, unless it quotes the code line for line and is not introduced
     as an edit; a text or untagged block whose lines read as Python (a program in ```text, a Python line
     under another language's tag); a ```diff whose `+` lines the code lacks or whose `-` lines it still holds
     (unless it applies to the code: see below); a shell block that does more than run the file, feed it
     input, install a package or run pytest (`sed -i`, `python -c`, a heredoc); a `>>>` transcript that
     defines, rebinds a name the code defines or reads stdin; a prose line that is Python (bare or
     markdown-indented code) or tells an edit ("in line 2, ...", "replace the body with ...", "`X` should be
     `Y`", "Wait, that is wrong", X still in the code); inline code that is a statement not quoted from the
     code and defines, rebinds, reads the input, prints in a script, returns, or is called final, shorter or
     an alternative; a block in another language called final (before it or in the line after) or not
     introduced as a translation; a text block called final that holds code; a transcript given as the final
     version; more than MAX_AFTER characters to read.
   Such an edit is overtaken, and harmless, when a later block defines again every function and class
   defined before it (a draft, "Oops, that is wrong. Corrected:", the whole final code).
   Harmless after the code (the styles of GPT-4o, Claude, Qwen, DeepSeek-R1): sample input or output
   (numbers, words, lists, `f(5) -> 120`), `python3 sol.py < in.txt`, `echo "1 2" | python3 sol.py`,
   `pip install x`, a transcript that only calls the code, an excerpt of it, a diff it already holds,
   explanations, the same solution in another language introduced as one ("The same in C++:"), a module
   of tests for it that changes none of its names (`import pytest`, `from solution import f`, `def
   test_f():`, `class TestF(unittest.TestCase):`; extract_rules.tests_of).
2. No fences (extract_unfenced): the runs of code, from a definition, a decorator or an import at the
   margin, or one indented as a markdown block under a blank line, to the first line of prose, are read
   as the response's blocks and judged as above (the text after them checked the same way). Two runs
   that define or bind one name (two versions), a definition with prose for its body, a run ending on a
   line that reads as a statement, and runs both at the margin and indented: no code. Without such a
   run, a `>>>` transcript is read as a block (below); else a script that reads the input, from its
   first line that is a whole statement, is read as the response's only block.
3. Otherwise, a text that starts with indentation is read as a completion of the prompt (HumanEval
   style: the model continues the function body).
4. A `>>>` transcript that defines, with no Python block in the response, is the code when it alone
   defines (extract_transcript): what it typed, its shown outputs checked when the program runs; two
   such transcripts, a name defined twice or rebound, an error shown: no code. A harmless transcript
   after the code has its outputs checked too, in a second program (Extraction.alternatives).
A ```diff after the code whose every hunk applies to it at exactly one place (extract_diff) is read as
the code given again with the change made ("Fix:" and the diff: the fixed code is the final code).
Blocks named as files (`utils.py`, `# main.py`) are joined without their imports of each other
(extract_files). A byte order mark is dropped and non-breaking spaces in indentation read as spaces.
Harmless after the code too: an example call of it on a line of its own (`print(add(1, 2))  # 3`).

Reasoning sections are removed first: code in them is a draft, not the answer. A section opens with
`<think>`, `<thinking>`, `<reasoning>`, `<reflection>`, `<|begin_of_thought|>`, `◁think▷` or `[THINK]`
and closes with the matching end tag (any of them closes any). A close with no open before it
(DeepSeek-R1 templates put the `<think>` in the prompt, so the reply starts inside it) makes everything
before it draft; an open never closed (a reply cut off while still thinking) makes everything after it
draft. Harmony's analysis and commentary channels end at `<|end|>` or the final channel, and a
`<details>` whose summary says it holds the thinking ends at `</details>`; those two closes end only
their own kind of section (they also end ordinary messages and collapsed sections). With no code left
outside the reasoning there is no code: an earlier draft is never taken for the answer, which may say
otherwise in prose ("The function returns n unchanged"). Only a reply that is its reasoning and nothing
else, closed (not cut off), is read with its tags taken out, under every rule here. A section
that holds code and comes after a fenced block outside it (a `<reflection>` with a "fixed" version) may
hold the final code: no code.

Code inside an HTML comment (`<!-- ... -->`: a fence or a definition), which a rendered reply does
not show, makes extraction fail closed.

Llama's tool-call tokens (`<|python_tag|>` before code sent to the interpreter, `<|eom_id|>` and
`<|eot_id|>` ending a message) end a line: the code after the tag is read as code written on its own lines.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from assay.domains.code.extract_diff import apply_diff
from assay.domains.code.extract_files import file_module, without_own_imports
from assay.domains.code.extract_final import (
    alternative_lead,
    bound_names,
    correction_lead,
    draft_lead,
    flat,
    inline_code_risk,
    marked_draft,
    other_language_risk,
    points_back,
    righted_lead,
    transcript_final_risk,
)
from assay.domains.code.extract_open import read_open_block, usage_only
from assay.domains.code.extract_rules import (
    acts,
    block_kind,
    defined_names,
    defines,
    disowned_by_comment,
    disowning_lead,
    edit_instruction,
    elides,
    example_label,
    prose_statement,
    reads_as_python,
    reads_stdin,
    shell_harmless,
    statement,
    strip_prose_marks,
    tests_of,
    transcript_harmless,
    usage_call,
)
from assay.domains.code.extract_scan import (
    Block,
    outside_reasoning,
    reasoning_closed,
    scan,
    without_reasoning_tags,
)
from assay.domains.code.extract_transcript import (
    is_transcript_head,
    transcript_checks,
    transcript_defines,
    transcript_program,
    transcript_runs,
)
from assay.domains.code.extract_unfenced import unfenced_items
from assay.text.unfinished import closes_nothing, ends_unfinished

MAX_CODE = 256 * 1024  # characters; longer programs are not extracted
MAX_AFTER = 64 * 1024  # characters of text after the first code block the heuristics read; beyond: unknown
NO_CODE = "no code found in the response"
_MAX_ALTERNATIVES = 4  # whole programs given as alternatives, each tested; more: unknown
_QUOTES_CHECKED = 16  # Python blocks after the first checked for being quotes of it (each check is linear)

_PYTHON_TAG = re.compile(r"(?:python|py)[0-9.]*")
_INTRO_EDIT = re.compile(
    r"\b(?:change[sd]?|replace[sd]?|fix(?:ed)?|correct(?:ed|ion)?|update[sd]?|modif(?:y|ied)|instead"
    r"|should\s+be|final|wait|actually|bug|mistake|wrong|revis(?:e|ed|ion)|edit(?:ed)?|keep\s+only"
    r"|only\s+the)\b",
    re.I,
)


@dataclass(frozen=True)
class Extraction:
    """The program found in a response, or None and why there is none. A response that gives several
    whole programs as alternatives ("Approach 1:" / "Approach 2:", "Or, using the closed form:") claims
    each is a solution: alternatives holds them all (code is the first), and each must pass. A transcript
    after the code that shows outputs adds the code with those outputs as checks, which must pass too."""

    code: str | None
    reason: str = ""
    alternatives: tuple[str, ...] = ()

    @property
    def programs(self) -> tuple[str, ...]:
        """The programs to test: every alternative, or the code alone."""
        if self.alternatives:
            return self.alternatives
        return () if self.code is None else (self.code,)


def extract_code(text: str) -> str | None:
    """The program in text, or None if there is none."""
    return extract(text).code


def extract(text: str) -> Extraction:
    """The program in text, or None and the reason (see the module's rules)."""
    if not text.strip():
        return Extraction(None, NO_CODE)
    if len(text) > 4 * MAX_CODE:
        return Extraction(None, "the response is too long to extract code from")
    text = _TOOL_TOKEN.sub("\n", text.removeprefix("\ufeff"))
    visible, late = outside_reasoning(text)
    if late:
        return Extraction(None, "code in a reasoning section after the code: the final code is not certain")
    if not visible.strip() and reasoning_closed(text):
        # the reply is its reasoning and nothing else: no answer after it that could say otherwise, so its
        # code is read as if written in the open, under every rule here
        return _visible(without_reasoning_tags(text))
    return _visible(visible)


def _visible(text: str) -> Extraction:
    """The program in text, whose reasoning sections are taken out or opened."""
    if "<!--" in text and any(_HIDDEN_CODE.search(m.group(0)) for m in _HTML_COMMENT.finditer(text)):
        # a rendered reply does not show it, yet joined it could be the code the tests judge
        return Extraction(None, "code inside an HTML comment: the final code is not certain")
    lines = [_plain_indent(line) for line in text.splitlines()]
    items, fenced = scan(lines)
    opened = read_open_block(items, fenced)
    if isinstance(opened, str):
        return Extraction(None, f"{opened}: the final code is not certain")
    items, found = opened
    if fenced or found:
        extraction = _from_blocks(items)
        # `</answer>`, `**` alone close nothing: the line before them is where the response stopped
        last = next(
            (
                item
                for item in reversed(items)
                if not isinstance(item, str) or (item.strip() and not closes_nothing(item))
            ),
            "",
        )
        if extraction.code is not None and isinstance(last, str) and ends_unfinished(strip_prose_marks(last)):
            # `Here is the improved version:`, `Wait, let me reconsider.` closing the response: the code
            # above may not be the one it meant to give (text/unfinished.py)
            why = f"the response stops before it is done ({_clip(last.strip())})"
            return Extraction(None, f"{why}: the final code is not certain")
        return extraction
    return _unfenced(text, lines)


_INDENT = re.compile(r"^[ \t\u00a0]+")
# an HTML comment opening a line (never closed: to the end), which a line of Python never does, holding a
# fence or a definition
_HTML_COMMENT = re.compile(r"^[ \t>]*<!--.*?(?:-->|\Z)", re.S | re.M)
_HIDDEN_CODE = re.compile(r"```|~~~|^\s*(?:async\s+def|def|class)\s+\w", re.M)
# Llama's tool-call tokens: the code sent to the interpreter follows the tag on the same line
_TOOL_TOKEN = re.compile(r"<\|(?:python_tag|eom_id|eot_id)\|>")


def _plain_indent(line: str) -> str:
    """line with the non-breaking spaces of its indentation made spaces: a rendered page or a chat
    client turns indentation into them, and Python refuses them, so a reader sees the same code."""
    found = _INDENT.match(line)
    if found is None or "\u00a0" not in found.group():
        return line
    return found.group().replace("\u00a0", " ") + line[found.end() :]


def _transcript_answer(items: list[Block | str]) -> list[Block | str] | str:
    """items with the `>>>` transcript that is the answer read as the Python block it typed
    (extract_transcript), when no Python block is there and one transcript alone defines; or why the
    code is not certain."""
    kinds = [
        block_kind(item.tag, item.body) if isinstance(item, Block) and item.closed else "" for item in items
    ]
    if any(kind in ("code", "fragment") for kind in kinds):
        return items
    defining = [
        i
        for i, item in enumerate(items)
        if isinstance(item, Block) and kinds[i] == "transcript" and transcript_defines(item.body)
    ]
    if not defining:
        return items
    if len(defining) > 1:
        return "two transcripts that define code (a draft and a correction?)"
    block = items[defining[0]]
    assert isinstance(block, Block)
    program, why = transcript_program(block.body)
    if why:
        return why
    converted = Block("python", tuple(program.splitlines()), True, block.intro, block.lead)
    return [*items[: defining[0]], converted, *items[defining[0] + 1 :]]


def _from_blocks(items: list[Block | str]) -> Extraction:
    answer = _transcript_answer(items)
    if isinstance(answer, str):
        return Extraction(None, f"{answer}: the final code is not certain")
    items = _diffs_applied(answer)
    kinds = [
        block_kind(item.tag, item.body) if isinstance(item, Block) and item.closed else "" for item in items
    ]
    # the blocks joined: whole blocks, and fragments before the first whole one (a completion of the
    # prompt's function, in a fence); a fragment after a whole block is an edit or a quote (see _risk)
    joined: list[int] = []
    whole = False
    checked = 0
    for i, kind in enumerate(kinds):
        if kind == "code" and whole and checked < _QUOTES_CHECKED:
            # a block that quotes the code so far ("It reads the input with ```a, b = ...```") is
            # not run again: joined, a quoted input read would count as a second program
            checked += 1
            block = items[i]
            so_far = "\n".join("\n".join(_body(items[k])) for k in joined)
            if isinstance(block, Block) and _Quotable(so_far).quotes(block.body, block.intro):
                kinds[i] = "quote"
                continue
        if kind == "code" and whole:
            # a module of tests for the code (pytest, unittest), which the tested program is not
            block = items[i]
            so_far = "\n".join("\n".join(_body(items[k])) for k in joined)
            if isinstance(block, Block) and tests_of(block.body, so_far):
                kinds[i] = "tests"
                continue
        block = items[i]
        if kind in ("code", "fragment") and whole and isinstance(block, Block) and block.cut:
            so_far = "\n".join("\n".join(_body(items[k])) for k in joined)
            if not usage_only(block.body, defined_names(so_far)):
                return Extraction(
                    None, "a code block left open after the code (cut off?): the final code is not certain"
                )
        if kind == "code" or (kind == "fragment" and not whole):
            joined.append(i)
            whole = whole or kind == "code"
    pieces = ["\n".join(_body(items[i])).rstrip() for i in joined]
    pieces = without_own_imports(pieces, [_file_module(items[i]) for i in joined])
    if any(elides(_body(items[i])) for i in joined):
        return Extraction(
            None, "a code block leaves code out (`# ... rest unchanged`): the final code is not certain"
        )
    alternatives: tuple[str, ...] = ()
    if any(reads_stdin(piece) for piece in pieces) and sum(1 for piece in pieces if acts(piece)) > 1:
        # a draft and its correction ("Wait, that is wrong. Corrected:"): the correction alone is the
        # program, when it is whole and the line that introduces it says it corrects what came before
        last = max(k for k, piece in enumerate(pieces) if acts(piece))
        block = items[joined[last]]
        earlier = [item.lead for item in (items[k] for k in joined[:last]) if isinstance(item, Block)]
        if (
            isinstance(block, Block)
            and reads_stdin(pieces[last])
            and (correction_lead(block.lead) or righted_lead(block.lead, earlier))
        ):
            if any(isinstance(item, str) and points_back(item) for item in items[joined[last] + 1 :]):
                return Extraction(
                    None, "prose after the correction may choose the draft: which is final is not said"
                )
            joined, pieces = joined[last:], pieces[last:]
        elif _alternatives(items, joined, pieces):
            alternatives = tuple(piece.strip("\n") for piece in pieces)
    elif len(pieces) > 1 and not any(reads_stdin(piece) for piece in pieces):
        if _renamed_version(pieces):
            return Extraction(
                None, "a later block defines the code again under other names: which is final is not said"
            )
        found = _redefining_alternatives(items, joined, pieces)
        if found is None:
            return Extraction(
                None, "several versions of the code, one chosen in prose: which is final is not said"
            )
        alternatives = found
    code = "\n".join(pieces).strip("\n")
    if not code.strip():
        return Extraction(None, "no Python code block in the response")
    if marked_draft(code):
        return Extraction(None, "a definition the code's comments call old or wrong replaces the one before")
    final = items[joined[-1]]
    if isinstance(final, Block) and (disowning_lead(final.lead) or disowning_lead(final.info)):
        # "A common wrong answer:", "Draft:", "(untested)" above the code: the writer does not give it as
        # the answer, as a line after it saying so ("This doesn't work.") would not
        why = f"the line introducing the code disowns it ({_clip((final.lead or final.info).strip())})"
        return Extraction(None, f"{why}: the final code is not certain")
    if disowned_by_comment(code):
        why = "a comment in the code says it is not the answer"
        return Extraction(None, f"{why}: the final code is not certain")
    if len(code) > MAX_CODE:
        return Extraction(None, "the code is too long")
    if alternatives:
        pass  # each runs alone; the text after them is checked below against them all
    elif any(reads_stdin(piece) for piece in pieces) and sum(1 for piece in pieces if acts(piece)) > 1:
        # two programs run one after the other: the first would consume the input, and a second that
        # tolerates an empty input would print nothing, so the first, a draft, would be judged
        return Extraction(
            None,
            "two code blocks run as programs on the input (a draft and its fix?): which is final is not said",
        )
    code_lines = {line.strip() for line in code.splitlines() if line.strip()}
    quotable = _Quotable(code)
    context = _Context(code, code_lines, quotable, defined_names(code), bound_names(code), flat(code))
    taken = set(joined)
    following = _following(items)
    # an edit between two alternatives is not overtaken by the second: the first is tested too
    superseded = [False] * len(items) if alternatives else _superseded(joined, pieces, len(items))
    read = 0  # characters after the code read by the heuristics below: bounded, so their cost is too
    run: list[str] = []  # prose lines after the code that are lines of it, one after the other
    intro = ""  # the prose line before them
    before = ""  # the last non-blank prose line before the item
    for i, item in enumerate(items):
        if i in taken:
            continue
        after = i > joined[0] and not superseded[i]
        if after:
            read += sum(len(line) + 1 for line in _body(item))
            if read > MAX_AFTER:
                return Extraction(None, "too much text after the code to read: the final code is not certain")
        why = _risk(item, kinds[i], after, context, before, following[i])
        line = strip_prose_marks(item) if isinstance(item, str) else ""
        if line or not isinstance(item, str):
            before = line
        if not why and after and line in code_lines:
            run.append(line)
            continue
        if not why and isinstance(item, str) and not line:
            continue  # a blank line: a markdown-indented quote goes on after it
        if run and not quotable.quotes(run, intro):
            why = f"lines of the code rearranged after it ({_clip(' / '.join(run))})"
        run, intro = [], line
        if why:
            return Extraction(None, f"{why}: the final code is not certain")
    if run and not quotable.quotes(run, intro):
        return Extraction(None, "lines of the code rearranged after it: the final code is not certain")
    if alternatives:
        return Extraction(alternatives[0], alternatives=alternatives)
    # a transcript after the code that calls it shows outputs of the code: they are checked when it runs,
    # in a second program (the code, then the transcript as checks), so that what the transcript runs
    # cannot change the code the tests judge: both must pass
    checks = [
        transcript_checks(item.body)
        for i, item in enumerate(items)
        if isinstance(item, Block) and kinds[i] == "transcript" and i > joined[0] and not superseded[i]
    ]
    outputs = "\n".join(check for check in checks if check)
    if outputs:
        return Extraction(code, alternatives=(code, f"{code}\n{outputs}"))
    return Extraction(code)


_MAX_DIFFS = 4  # diffs after the code applied to it; later ones are judged as they stand


def _diffs_applied(items: list[Block | str]) -> list[Block | str]:
    """items with each ```diff after Python code that applies to the code so far (extract_diff) turned
    into a Python block holding the changed code, introduced as the diff was: then the rules below read
    it as the code given again ("Fix:", then the whole fixed code), not as an edit they cannot follow."""
    out = list(items)
    so_far: list[str] = []
    applied = 0
    for i, item in enumerate(out):
        if not isinstance(item, Block) or not item.closed:
            continue
        kind = block_kind(item.tag, item.body)
        if kind == "code":
            so_far.append("\n".join(item.body))
        elif kind == "diff" and so_far and applied < _MAX_DIFFS:
            patched = apply_diff("\n".join(so_far), item.body)
            if patched is not None:
                out[i] = Block("python", tuple(patched.splitlines()), True, item.intro, item.lead)
                so_far = [patched]
                applied += 1
    return out


def _alternatives(items: list[Block | str], joined: list[int], pieces: list[str]) -> bool:
    """Whether the joined blocks are whole programs given as alternatives: each reads the input and
    acts (no helper block another one needs), each after the first is introduced as another way
    ("Or, using the closed form:", "Approach 2:") and not as a correction, and no prose after the
    last chooses one of them."""
    if len(pieces) > _MAX_ALTERNATIVES or not all(reads_stdin(piece) and acts(piece) for piece in pieces):
        return False
    for index in joined[1:]:
        block = items[index]
        if not isinstance(block, Block) or not alternative_lead(block.lead):
            return False
    return not any(isinstance(item, str) and points_back(item) for item in items[joined[-1] + 1 :])


_WORD = re.compile(r"[A-Za-z_]\w*")
# a top-level function, undecorated (a fixture or a route is no version of the code), and its parameters
_PLAIN_DEF = re.compile(r"^(?:async\s+)?def\s+(\w+)\s*\(([^)]*)\)")


def _arities(piece: str) -> dict[str, int]:
    """The top-level functions of piece not under a decorator, with their number of parameters."""
    found: dict[str, int] = {}
    lines = piece.splitlines()
    for k, line in enumerate(lines):
        m = _PLAIN_DEF.match(line)
        if m is None or (k > 0 and lines[k - 1].lstrip().startswith("@")):
            continue
        params = [p for p in m.group(2).split(",") if p.strip() and p.strip() not in ("/", "*")]
        found[m.group(1)] = len(params)
    return found


def _renamed_version(pieces: list[str]) -> bool:
    """Whether a block after the first defines only new names that no other block uses, uses none of the
    names defined before it, and holds a plain function taking as many parameters as one before: the
    code again under another name ("A cleaner version:" with `def square(x)` after `def sq(x)`), not a
    helper, a fixture or an unrelated extra. The tests call the first name, so the draft would be judged
    while the answer is the later block."""
    used = [set(_WORD.findall(piece)) for piece in pieces]
    seen = defined_names(pieces[0])
    arities = set(_arities(pieces[0]).values())
    for k in range(1, len(pieces)):
        names = defined_names(pieces[k])
        others = set().union(*(used[j] for j in range(len(pieces)) if j != k))
        mine = _arities(pieces[k])
        if (
            names
            and not names & seen
            and not names & others
            and not seen & used[k]
            and arities & set(mine.values())
        ):
            return True
        seen |= names
        arities |= set(mine.values())
    return False


def _redefining_alternatives(
    items: list[Block | str], joined: list[int], pieces: list[str]
) -> tuple[str, ...] | None:
    """The programs of a response that gives its functions again as another way ("Approach 2:",
    "Alternatively:", not a correction): each approach is claimed a solution, so each is tested. The
    program of an approach is every block before the next approach (its helpers and usage included;
    a later definition replaces an earlier one when it runs). () when there are no such alternatives;
    None when there are too many, or prose after them chooses one."""
    starts: list[int] = []
    redefined = False
    seen = defined_names(pieces[0])
    for k in range(1, len(pieces)):
        names = defined_names(pieces[k])
        block = items[joined[k]]
        if names & seen and isinstance(block, Block) and draft_lead(block.lead):
            return None  # a redefinition shown as the old or wrong version: it runs last, yet is not final
        earlier = [item.lead for item in (items[joined[j]] for j in range(k)) if isinstance(item, Block)]
        if names & seen and isinstance(block, Block) and righted_lead(block.lead, earlier):
            pass  # "### Correct approach" after "### Incorrect approach": the correction runs last
        elif names & seen and isinstance(block, Block) and alternative_lead(block.lead):
            starts.append(k)
        redefined = redefined or bool(names & seen)
        seen |= names
    chooses = any(isinstance(item, str) and points_back(item) for item in items[joined[-1] + 1 :])
    if not starts:
        # the last definition runs: prose after it that may choose an earlier one leaves it uncertain
        return None if redefined and chooses else ()
    if len(starts) >= _MAX_ALTERNATIVES or chooses:
        return None
    return tuple("\n".join(pieces[:end]).strip("\n") for end in [*starts, len(pieces)])


class _Quotable:
    """The code's lines (stripped, no blanks or comments), to tell a quote of them (a run of its lines,
    in order, not introduced as an edit) from lines of it rearranged into another program."""

    def __init__(self, code: str) -> None:
        self._text = "\n" + "\n".join(_meaningful(code.splitlines())) + "\n"

    def quotes(self, lines: list[str] | tuple[str, ...], intro: str) -> bool:
        meaningful = _meaningful(lines)
        return (
            bool(meaningful)
            and "\n" + "\n".join(meaningful) + "\n" in self._text
            and not _INTRO_EDIT.search(intro)
        )


def _meaningful(lines: list[str] | tuple[str, ...]) -> list[str]:
    return [line.strip() for line in lines if line.strip() and not line.strip().startswith("#")]


def _superseded(joined: list[int], pieces: list[str], count: int) -> list[bool]:
    """For each item, whether a later block defines again every function and class defined before it:
    then an edit between them (a fragment, a diff, "Oops, that is wrong. Corrected:") is overtaken by
    the later block, which is the final code. One sweep: the earliest last definition of the names seen
    so far must come after the item."""
    last: dict[str, int] = {}
    for index, piece in zip(joined, pieces, strict=True):
        for name in defined_names(piece):
            last[name] = index
    result = [False] * count
    earliest = count  # the smallest last-definition index of the names defined so far
    seen = False
    position = 0
    for index, piece in zip(joined, pieces, strict=True):
        for i in range(position, index):
            result[i] = seen and earliest > i
        names = defined_names(piece)
        if names:
            seen = True
            earliest = min(earliest, *(last[name] for name in names))
        position = index + 1
    for i in range(position, count):
        result[i] = seen and earliest > i
    return result


def _file_module(item: Block | str) -> str:
    return file_module(item.lead, item.body) if isinstance(item, Block) else ""


def _body(item: Block | str) -> tuple[str, ...]:
    return item.body if isinstance(item, Block) else (item,)


@dataclass(frozen=True)
class _Context:
    """The code joined, and what the rules after it compare with."""

    code: str
    lines: set[str]  # its lines, stripped
    quotable: _Quotable
    functions: set[str]  # the functions and classes it defines
    names: set[str]  # every name it binds at the top level
    flat: str  # without whitespace


def _risk(item: Block | str, kind: str, after: bool, context: _Context, before: str, following: str) -> str:
    """Why item, not joined, may be or may change the final code ("" when it is harmless); after: it
    comes after the first joined block; before: the prose line before it; following: for a block, the
    first prose line after it."""
    code, code_lines, quotable = context.code, context.lines, context.quotable
    if isinstance(item, str):
        line = strip_prose_marks(item)
        if defines(line):
            return "a Python definition outside the code blocks"
        if after and line in code_lines:
            return ""  # a quote of the code
        if after and usage_call(line, context.functions):
            return ""  # an example call of the code ("Example usage:" / `print(add(1, 2))  # 3`)
        # `Input: nums = [2,7], target = 9` reads as an annotated assignment: an example of the problem
        code_like = prose_statement(line) or _joined_statements(line)
        if after and code_like and not example_label(line, context.names):
            return f"code outside the code blocks ({_clip(line)})"
        if after and edit_instruction(item, code):
            return f"an edit of the code in prose ({_clip(item.strip())})"
        if after:
            return inline_code_risk(item.strip(), before, context.flat, context.names, context.functions)
        return ""
    if not item.closed:
        if any(defines(x) for x in item.body) or (after and _PYTHON_TAG.fullmatch(item.tag)):
            return "a code block left open at the end"  # (empty: cut right after its fence)
        return ""
    excerpt = quotable.quotes(item.body, item.intro)
    if kind in ("quote", "tests") or (kind == "code" and not after):
        return ""  # a quote of the code; a draft a correction replaced (whole Python blocks are joined)
    if kind == "fragment":  # after a whole block (not after: a later block defines everything again)
        if not after or excerpt:
            return ""
        return "a code fragment after the code (an edit of it?)"
    if any(defines(x) for x in item.body) and not excerpt:
        return f"a Python definition in a block tagged {item.tag or 'with nothing'}"
    if not after or excerpt:
        return ""
    if kind in ("text", "other") and reads_as_python(kind, item.body):
        return f"a block tagged {item.tag or 'with nothing'} that reads as Python"
    if kind == "transcript" and not transcript_harmless(item.body, context.names):
        return "a transcript that defines, rebinds or reads the input"
    if kind == "transcript":
        return transcript_final_risk(item.body, item.intro, context.functions)
    if kind in ("text", "other"):
        return other_language_risk(item.tag, item.body, item.intro, following)
    if kind == "diff" and not _diff_applied(item.body, code_lines):
        return "a diff the code does not hold"
    if kind == "shell" and not shell_harmless(item.body):
        return "a shell block that may change or replace the code"
    return ""


def _joined_statements(line: str) -> bool:
    """Whether a prose line is statements joined by `;` (`add(1, 2); add = None`), one of which reads
    as a line of Python."""
    parts = [part.strip() for part in line.split(";")]
    return len(parts) > 1 and any(part and prose_statement(part) for part in parts)


def _following(items: list[Block | str]) -> list[str]:
    """For each block, the first non-blank prose line after it before the next block ("" for prose)."""
    result = [""] * len(items)
    line = ""
    for i in range(len(items) - 1, -1, -1):
        item = items[i]
        if isinstance(item, str):
            if item.strip():
                line = item.strip()
        else:
            result[i], line = line, ""
    return result


def _diff_applied(body: tuple[str, ...], code_lines: set[str]) -> bool:
    """A diff shown after the code is harmless only when the code already holds its result: every added
    line is in the code and no removed line still is."""
    for line in body:
        if line.startswith(("+++", "---")):
            continue
        text = line[1:].strip()
        if not text:
            continue
        if line.startswith("+") and text not in code_lines:
            return False
        if line.startswith("-") and text in code_lines:
            return False
    return True


def _unfenced(text: str, lines: list[str]) -> Extraction:
    """A reply without fences: its runs of code read as blocks (extract_unfenced), then judged as
    fenced blocks are; with none, a completion of the prompt or a script between prose lines."""
    found = unfenced_items(lines)
    if isinstance(found, str):
        return Extraction(None, f"{found}: the final code is not certain")
    if any(isinstance(item, Block) for item in found):
        return _from_blocks(found)
    if any(is_transcript_head(line) for line in lines):
        return _from_blocks(transcript_runs(lines))
    first = next((line for line in lines if line.strip()), "")
    if first[:1] in (" ", "\t") and len(text) <= MAX_CODE:
        return Extraction(text)  # a completion of the prompt
    return _unfenced_script(lines)


def _code_end(lines: list[str], start: int) -> int:
    """The end of the script starting at lines[start]: the first line after it that reads as prose."""
    end = start + 1
    for i in range(start + 1, len(lines)):
        line = lines[i]
        if not line.strip() or line[:1] in (" ", "\t") or statement(line):
            end = i + 1
            continue
        break
    return end


def _unfenced_script(lines: list[str]) -> Extraction:
    """A script without a definition between prose lines ("Here's the code:" / `n = int(input())` /
    `print(n * n)` / "It uses the closed form."): its first line is a whole statement and it reads the
    input. It is read as the only block of the response, so the text after it is checked like the
    text after a fenced block (another statement, an edit, inline code: no code)."""
    start = next(
        (i for i, line in enumerate(lines) if line[:1] not in (" ", "\t") and prose_statement(line.strip())),
        None,
    )
    if start is None:
        return Extraction(None, NO_CODE)
    end = _code_end(lines, start)
    body = tuple(line.rstrip() for line in lines[start:end])
    if not reads_stdin("\n".join(body)):
        return Extraction(None, NO_CODE)
    intro = [line.strip() for line in lines[:start] if line.strip()][-3:]
    block = Block("python", body, True, " ".join(intro), intro[-1] if intro else "")
    return _from_blocks([*lines[:start], block, *lines[end:]])


def _clip(text: str) -> str:
    return repr(text if len(text) <= 60 else text[:60] + "…")
