"""A fenced block the reply never closes: the model forgot the closing fence, or the reply was cut off
(at max tokens) inside it. Pure text work, linear on hostile input.

What the block holds is read, not its end: in a Python block (by its tag or its first line) the code
runs to the first line of prose, read by the rules for bare code (extract_unfenced: a line of prose at
the margin, a paragraph indented under it), and what follows is prose after the code, checked as any
text after a closed block is ("This doubles x." is harmless, "Wait, use `x * 3`" is an edit). A line
between code and prose that reads as a statement leaves no code, as for bare code. A program cut off
is not repaired: what the block holds runs as it is, so a cut inside a statement fails to load and a
cut that leaves a shorter program is judged by the tests.

After a whole Python block, a Python block left open may be the final code cut off ("Shorter:" /
```` ```python ```` / `f = lambda n: n`): extract leaves no code (see Block.cut), even when it is empty
(cut right after its fence) or defines nothing; unless each of its lines is an example call of the
code (`print(add(1, 2))  # 3`, `assert add(1, 2) == 3`), which binds nothing (usage_only): then it is
judged as the closed block would be. A block of another kind left open (output, text,
another language) is judged as the closed block would be, when the reply has a closed block; a reply
with none is read as bare text, as before (a stray fence after bare code, a closing fence whose
opening one is missing, a fence line glued to a template's end marker).
"""

from __future__ import annotations

from assay.domains.code.extract_rules import block_kind, defines, usage_call
from assay.domains.code.extract_scan import Block
from assay.domains.code.extract_unfenced import code_end


def read_open_block(items: list[Block | str], fenced: bool) -> tuple[list[Block | str], bool] | str:
    """items with the block left open at their end read as its code and the prose after it (see the
    module's rules), and whether a Python block was found there; or why its code is not certain.
    fenced: a block was closed before it."""
    last = items[-1] if items else None
    if not isinstance(last, Block) or last.closed:
        return items, False
    body = last.body
    start = next((i for i, line in enumerate(body) if line.strip()), None)
    if start is None:
        return items, False  # an empty block: judged in extract (cut right after its fence?)
    if not fenced and any(isinstance(item, str) and defines(item) for item in items[:-1]):
        return items, False  # bare code, then a fence that closes it with no opening: read as bare text
    kind = block_kind(last.tag, body)
    if kind not in ("code", "fragment"):
        if not fenced and any(defines(line) for line in body):
            return f"a Python definition in a block tagged {last.tag or 'with nothing'} left open"
        if not fenced:
            return items, False
        return [*items[:-1], Block(last.tag, body, True, last.intro, last.lead, cut=True)], False
    end, why = code_end(list(body), start)
    if why:
        return f"a code block left open: {why}"
    block = Block(last.tag, tuple(body[:end]), True, last.intro, last.lead, cut=True)
    return [*items[:-1], block, *body[end:]], True


def usage_only(body: tuple[str, ...], functions: set[str]) -> bool:
    """Whether every line of a block is a comment or an example call of the code's functions (no
    definition, no binding: it cannot be the start of another version)."""
    lines = [line.strip() for line in body if line.strip()]
    return bool(lines) and all(line.startswith("#") or usage_call(line, functions) for line in lines)
