"""How a (problem, candidate) pair becomes token windows for the reward models, and where to read them.

One layout for training and scoring, so a model reads at scoring time exactly what it learned from:

    <bos> prompt (first PROMPT_CHARS characters) "\\n" step 1 "\\n" step 2 "\\n" ... step n <eos>

(exactly the tiny model's own layout for a prompt in the `tiny-v1` template and its response, so a
reward model started from the generator's weights reads text shaped as it learned it, and its
language-model head's surprise at each token means what it meant to the generator; a closing "\\n"
instead of <eos> would surprise it at the end of every trace alike and hide the surprise that matters)

The value head is read at the token that ends each step: its "\\n", or <eos> for the last step (the
PRM's per-step values); the ORM's value is the last step's end. A trace longer than the model's window is cut
into windows that each repeat the prompt header, so every step end is read somewhere and nothing is
silently dropped; a step sees only the steps of its own window then.

Steps are the candidate's stored steps (the math trace parser's, the same ones the step verifier's
results are numbered by); a math candidate read from a file is parsed by that same allow-list parser;
any other text is split into its non-blank lines. Nothing here evaluates or runs text.
"""

from __future__ import annotations

from dataclasses import dataclass

from assay.model.tokenizer import BOS, EOS, CharTokenizer
from assay.records import Candidate, Problem

PROMPT_CHARS = 96  # the prompt's head: enough to name the problem, short enough to leave room for steps
MAX_STEPS = 64  # lines past this are joined into the last step (the trace parser has its own limit)
MAX_STEP_CHARS = 400  # a longer step keeps its tail, where its conclusion is


def trace_steps(problem: Problem, candidate: Candidate) -> tuple[str, ...]:
    """The candidate's steps as text (at least one: an empty response is one empty step)."""
    if candidate.steps:
        steps = [step.text for step in candidate.steps]
    elif problem.domain == "math":
        # (imported here: the math parser is only needed for math text that was never parsed)
        from assay.generate import read_response

        steps = [step.text for step in read_response(problem, candidate.text)[1]]
    else:
        steps = [line.strip() for line in candidate.text.splitlines() if line.strip()]
    if len(steps) > MAX_STEPS:
        steps = [*steps[: MAX_STEPS - 1], " ".join(steps[MAX_STEPS - 1 :])]
    steps = [" ".join(step.split())[-MAX_STEP_CHARS:] for step in steps]  # one line each
    return tuple(steps) or ("",)


@dataclass(frozen=True)
class Window:
    """Tokens for one model call, and which steps end where in it."""

    tokens: tuple[int, ...]
    reads: tuple[tuple[int, int], ...]  # (position in tokens, step index 0-based)
    start: int = 0  # where the response's tokens begin (after the prompt header): the model's own choices


def windows(
    tokenizer: CharTokenizer, prompt: str, steps: tuple[str, ...], block_size: int
) -> tuple[Window, ...]:
    """The pair's token windows, each at most block_size long; every step end is read in one of them."""
    header = (BOS, *tokenizer.encode(prompt[:PROMPT_CHARS]), *tokenizer.encode("\n"))
    room = block_size - len(header)
    if room < 8:
        header = header[: block_size // 2]
        room = block_size - len(header)
    body: list[int] = []
    ends: list[int] = []  # position in body of each step's closing newline
    for i, step in enumerate(steps):
        body.extend(tokenizer.encode(step))
        body.append(EOS if i == len(steps) - 1 else tokenizer.encode("\n")[0])
        ends.append(len(body) - 1)
    out: list[Window] = []
    for start in range(0, len(body), room):
        piece = body[start : start + room]
        reads = tuple(
            (len(header) + end - start, i) for i, end in enumerate(ends) if start <= end < start + room
        )
        out.append(Window((*header, *piece), reads, len(header)))
    return tuple(out)
