"""Finding code in model text."""

from __future__ import annotations

import pytest

from assay.domains.code.extract import extract, extract_code


def test_fenced_python_blocks_are_joined_and_other_languages_skipped() -> None:
    text = (
        "Helper:\n```python\ndef h(x):\n    return x\n```\nRun it:\n```bash\nls\n```\n"
        "Main:\n```\ndef f(x):\n    return h(x)\n```"
    )
    assert extract_code(text) == "def h(x):\n    return x\ndef f(x):\n    return h(x)"


def test_bare_code_between_prose() -> None:
    text = (
        "Sure, here it is.\nimport math\n\ndef f(x):\n    return math.sqrt(x)\n\nThis uses the square root."
    )
    assert extract_code(text) == "import math\n\ndef f(x):\n    return math.sqrt(x)"


def test_a_completion_of_the_prompt_is_kept_as_is() -> None:
    assert extract_code("    return x + 1\n") == "    return x + 1\n"


def test_no_code() -> None:
    assert extract_code("I cannot solve this.") is None
    assert extract_code("") is None
    assert extract_code("```bash\nrm -rf /\n```") is None


def test_hostile_sizes_give_an_answer() -> None:
    """Linear passes over the lines: these finish (no timing is asserted, only the answers)."""
    assert extract_code("```\n" * 200_000) is None
    assert extract_code("```python\n" + "x = 1\n" * 100_000) is None  # never closed: no block, no code
    assert extract_code("def f():\n" + "    " * 10_000 + "pass\n") is not None
    assert extract_code("x" * 10_000_000) is None


DRAFT = "def f():\n    return 1"
FINAL = "def f():\n    return 2"


@pytest.mark.parametrize(
    ("opening", "closing"),
    [
        ("```python", "```"),
        ("```py", "```"),
        ("```Python", "```"),
        ("```python3", "```"),
        ("```PY3", "```"),
        ("```python3.11", "```"),
        ("```{python}", "```"),
        ('```py title="solution.py"', "```"),
        ("```", "```"),
        ("~~~", "~~~"),
        ("~~~python", "~~~"),
        ("````python", "````"),
        ("```python", "`````"),  # a closing fence may be longer
    ],
)
def test_the_final_block_follows_the_draft_whatever_its_fence(opening: str, closing: str) -> None:
    text = f"Draft:\n```python\n{DRAFT}\n```\nFixed:\n{opening}\n{FINAL}\n{closing}\nDone."
    assert extract_code(text) == f"{DRAFT}\n{FINAL}"  # run in order, the final definition wins


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # example output and transcripts in untagged or other-language blocks are not code
        (f"```python\n{FINAL}\n```\nOutput:\n```\n2\n```", FINAL),
        # (a transcript's shown outputs are checked in a second program: test_extract_transcript)
        (f"```python\n{FINAL}\n```\n```\n>>> f()\n2\n```", FINAL),
        (f"```python\n{FINAL}\n```\n```pycon\n>>> f()\n2\n```", FINAL),
        (f"```python\n{FINAL}\n```\n```text\nInput: 5\n```", FINAL),
        # a reasoning section's drafts are dropped
        (f"<think>\n```python\n{DRAFT}\n```\n</think>\n```python\n{FINAL}\n```", FINAL),
        (f"<think>\nmaybe def f(): return 1\n</think>\n\n{FINAL}\n", FINAL),
        # a fence inside a list item is indented
        (f"1. Code:\n   ```python\n   {FINAL.replace(chr(10), chr(10) + '   ')}\n   ```", FINAL),
        # a completion whose first line is blank
        ("\n   \n    return 2\n", "\n   \n    return 2\n"),
    ],
)
def test_what_counts_as_code(text: str, expected: str) -> None:
    assert extract_code(text) == expected


HELPER = "def square(x):\n    return x * x"
ANSWER = "def total(xs):\n    return sum(square(x) for x in xs)"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # DeepSeek-R1: the template opened <think> in the prompt, the reply only closes it
        (f"Okay, a helper:\n```python\n{HELPER}\n```\n</think>\n\n```python\n{ANSWER}\n```", ANSWER),
        (f"Let me think.\n{HELPER}\n</think>\n{ANSWER}\n", ANSWER),
        # other reasoning wrappers, closed
        (f"<reasoning>\n```python\n{HELPER}\n```\n</reasoning>\n```python\n{ANSWER}\n```", ANSWER),
        (f"<thinking>\n```python\n{HELPER}\n```\n</thinking>\n```python\n{ANSWER}\n```", ANSWER),
        (
            f"<|begin_of_thought|>\n```python\n{HELPER}\n```\n<|end_of_thought|>\n"
            f"<|begin_of_solution|>\n```python\n{ANSWER}\n```\n<|end_of_solution|>",
            ANSWER,
        ),
        (f"◁think▷\n```python\n{HELPER}\n```\n◁/think▷\n```python\n{ANSWER}\n```", ANSWER),
        (f"<THINK>\n```python\n{HELPER}\n```\n</THINK>\n```python\n{ANSWER}\n```", ANSWER),
        # two reasoning sections: the code between and after them is the answer
        (
            f"<think>a</think>\n```python\n{HELPER}\n```\n<think>b</think>\n```python\n{ANSWER}\n```",
            f"{HELPER}\n{ANSWER}",
        ),
        # no code after the reasoning: no code, never the draft
        (f"Draft:\n```python\n{ANSWER}\n```\n</think>\nThe function above is the answer.", None),
        (f"<reasoning>\n```python\n{ANSWER}\n```\n</reasoning>\nDone.", None),
        # a reasoning section never closed (cut off while thinking): all of it is draft
        (f"<think>\n```python\n{ANSWER}\n```\nHmm, but wait", None),
        # code in a reasoning section after the code may be its final version: no answer
        (f"```python\n{HELPER}\n```\n<think>\n```python\n{ANSWER}\n```", None),
        (f"```python\n{ANSWER}\n```\n<reflection>\nFixed:\n```python\n{HELPER}\n```\n</reflection>", None),
        (f"```python\n{ANSWER}\n```\n<details><summary>My reasoning</summary>\n\n{HELPER}\n</details>", None),
        (f"```python\n{ANSWER}\n```\n<reflection>The code handles empty lists.</reflection>", ANSWER),
        # words about thinking are not tags
        (f"I think this works:\n```python\n{ANSWER}\n```", ANSWER),
    ],
)
def test_reasoning_sections_are_drafts(text: str, expected: str | None) -> None:
    assert extract_code(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        # the final code in a block not tagged Python: which block is the answer is not said
        f"```python\n{HELPER}\n```\nFinal version:\n```text\n{ANSWER}\n```",
        f"```python\n{HELPER}\n```\nFinal:\n```ipython\n{ANSWER}\n```",
        f"```python\n{HELPER}\n```\n```plaintext\nclass Solution:\n    pass\n```",
        # the final code pasted after the fenced draft, bare or indented
        f"```python\n{HELPER}\n```\nFinal answer:\n\n{ANSWER}\n",
        f"```python\n{HELPER}\n```\nFinal answer:\n\n    def total(xs):\n        return 0\n",
        # quoted, in HTML, in a list item
        f"```python\n{HELPER}\n```\nFinal:\n> def total(xs):\n>     return 0\n",
        f"```python\n{HELPER}\n```\nFinal:\n<pre><code>def total(xs):\n    return 0\n</code></pre>",
        f"```python\n{HELPER}\n```\n1. Final version: def total(xs): return 0\n",
        # a last block never closed: the reply was cut off inside its final code
        f"```python\n{HELPER}\n```\nSimpler:\n```python\n{ANSWER}\n",
    ],
)
def test_python_outside_the_python_blocks_leaves_no_answer(text: str) -> None:
    assert extract_code(text) is None


@pytest.mark.parametrize(
    "tail",
    [
        # another language, as a translation
        "The same in Java:\n```java\nclass Solution {\n    int total(int[] xs) { return 0; }\n}\n```",
        "```\n>>> total([1, 2])\n5\n```",  # a transcript that calls the code
        "```text\ntotal([1, 2]) -> 5\n```",  # example output
        "The function `def total(xs):` sums the squares.",  # prose that names it
    ],
)
def test_other_languages_and_transcripts_after_the_code_are_not_answers(tail: str) -> None:
    assert extract_code(f"```python\n{ANSWER}\n```\n{tail}") == ANSWER


# -- the final code (issue 11, red team 6): what follows the code may be, or may change, the final code

SUM = "a, b = map(int, input().split())\nprint(a + b)"


@pytest.mark.parametrize(
    "program",
    [
        SUM,  # a tuple assignment: the most common first line of a stdin program
        "(a, b) = map(int, input().split())\nprint(a + b)",
        "[a, b] = map(int, input().split())\nprint(a + b)",
        "*nums, = map(int, input().split())\nprint(sum(nums))",
        "line: str = input()\nprint(sum(map(int, line.split())))",
        '"""Sum two numbers."""\nprint(sum(map(int, input().split())))',
        "[print(sum(map(int, l.split()))) for l in open(0)]",
        "n=int(input());print(n)",
        "# read two numbers\na, b = map(int, input().split())\nprint(a + b)",
    ],
)
def test_a_lone_untagged_block_is_code_whatever_its_first_statement(program: str) -> None:
    assert extract_code(f"Here you go:\n```\n{program}\n```\n") == program


@pytest.mark.parametrize(
    "final",
    [
        f"```\n{SUM.replace('+', '-')}\n```",
        "```\n(a, b) = map(int, input().split())\nprint(a * b)\n```",
        "```\n*nums, = map(int, input().split())\nprint(max(nums))\n```",
        "```\nline: str = input()\nprint(sum(map(int, line.split())) + 1)\n```",
        '```\n"""Print the product."""\nx = input().split()\nprint(int(x[0]) * int(x[1]))\n```',
        "```\n[print(sum(map(int, l.split())) * 2) for l in open(0)]\n```",
        "```python\nimport sys\nfor line in sys.stdin:\n    print(eval(line.replace(' ', '-')))\n```",
    ],
)
def test_two_programs_reading_the_input_leave_no_answer(final: str) -> None:
    """Joined, the draft would consume the input and a final program that tolerates an empty input
    would print nothing: the draft would be judged. Introduced as an alternative, which is final is not
    said; introduced as the final version, the final one alone is the program; as an alternative, each
    is a program of its own."""
    found = extract(f"```python\n{SUM}\n```\n\nShorter:\n\n{final}\n")
    assert found.code is None and "on the input" in found.reason
    program = "\n".join(final.splitlines()[1:-1])
    assert extract_code(f"```python\n{SUM}\n```\n\nFinal version:\n\n{final}\n") == program
    assert extract(f"```python\n{SUM}\n```\n\nOr, shorter:\n\n{final}\n").programs == (SUM, program)


@pytest.mark.parametrize(
    "tail",
    [
        # the final program in a block not taken for Python, or outside every block
        f"```text\n{SUM.replace('+', '-')}\n```",
        "```txt\nprint(int(input()) * 2)\n```",
        "```output\nimport sys; print(sys.stdin.read())\n```",
        "```ruby\nprint(sum(map(int, input().split())) - 1)\n```",  # a Python line under another tag
        "```sage\nfor line in open(0):\n    pass\n```",
        "    a, b = map(int, input().split())\n    print(a - b)\n",  # markdown-indented code
        "a, b = map(int, input().split())\nprint(a - b)\n",  # bare
        "> print(a - b)\n",  # quoted
        "<pre>print(a - b)</pre>\n",
        # shell blocks that are other programs or edits
        "```sh\npython3 -c 'a, b = map(int, input().split()); print(a - b)'\n```",
        "```bash\nsed -i 's/a + b/a - b/' solution.py\npython3 solution.py\n```",
        "```bash\ncat > solution.py << 'EOF'\nprint(0)\nEOF\n```",
        "```console\n$ perl -pi -e 's/\\+/-/' sol.py\n```",
        "```bash\npython3 - <<EOF\nprint(0)\nEOF\n```",
        # transcripts that program
        "```pycon\n>>> a, b = map(int, input().split())\n>>> print(a - b)\n```",
    ],
)
def test_a_program_after_the_code_leaves_no_answer(tail: str) -> None:
    found = extract(f"```python\n{SUM}\n```\n\nFinal version:\n\n{tail}")
    assert found.code is None and found.reason


ABS = "def f(n):\n    return abs(n)"


@pytest.mark.parametrize(
    "tail",
    [
        # fragments: joined, they would land inside the draft's function after its return
        "Wait, I need to change one line:\n```python\n    return n * 2\n```",
        "Final version:\n```python\n    if n < 0:\n        return n\n    return n\n```",
        "Final code (only the changed line shown):\n```python\n    return n  # changed\n```",
        "```python\n# final answer below: keep only the branch for n >= 0\n    return n\n```",
        "With type hints:\n```python\n    def f(n: int) -> int:\n        return n\n```",
        "The fix:\n```python\n    return abs(n)\n```",  # a line of the code, introduced as an edit
        # diffs that cannot be applied with certainty (one that applies changes the code: test_extract_diff)
        "```diff\n+    return n\n```",
        "Apply this change:\n```diff\n-    return abs (n)\n+    return n * 2\n```",
        # edits told in prose
        "Simpler version: replace the body with `return n` since inputs are non-negative.",
        "**Edit:** in line 2, replace `abs(n)` with `n`; that is the final answer.",
        "Note: `abs(n)` should be `n` here.",
        "Change `abs(n)` to `n` and it is done.",
        "You should replace `abs(n)` with `-n`.",
        "Then remove the `abs` call: `abs(n)` -> `n`.",
        "Oops, `abs(n)` is wrong, it must keep the sign.",
        "Wait, that is wrong: it should keep the sign.",
        "Actually the code above is wrong.",
        "Use `n` instead of `abs(n)`.",
        "On line 2 the call must go.",
        "Change the return statement so it keeps the sign.",
        "Simply rewrite the function body as a single expression that keeps the sign.",
        "Return `n` instead.",
        "Add a guard for negative inputs before the return.",
        "Flip the sign check and it is done.",
        "Same as above, but with `n` in place of the call.",
        # the final code inside JSON
        '```json\n{"code": "def f(n):\\n    return n"}\n```',
        # a transcript that rebinds what the code defines
        "```python\n>>> f = lambda n: n\n>>> f(-3)\n-3\n```",
        "```pycon\n>>> def f(n):\n...     return n\n```",
        "```\n>>> f = abs\n```",
        # a block left open at the end with the final code
        "Simpler:\n```python\ndef f(n):\n    return n\n",
    ],
)
def test_an_edit_after_the_code_leaves_no_answer(tail: str) -> None:
    found = extract(f"```python\n{ABS}\n```\n\n{tail}\n")
    assert found.code is None and found.reason


@pytest.mark.parametrize(
    "tail",
    [
        # what GPT-4o, Claude, Qwen and DeepSeek-R1 put after their final code
        "### Explanation\n1. **Absolute value**: we return `abs(n)`.\n2. The time complexity is O(1).",
        "### Example Usage\n```python\nprint(f(-3))  # Output: 3\n```",
        "```python\n>>> f(-3)\n3\n>>> f(2)\n2\n```",
        "```pycon\n>>> from solution import f\n>>> f(-3)\n3\n```",
        "Output:\n```\n3\n```",
        "```text\nf(-3) -> 3\nf(2) -> 2\n```",
        "```\nf(-3) = 3\n```",
        "```text\nInput: -3\nOutput: 3\n```",
        '```json\n{"n": -3, "result": 3}\n```',
        "Run it with:\n```bash\npython3 solution.py\n```",
        "```bash\npip install numpy\npytest test_solution.py -q\n```",
        '```bash\necho "-3" | python3 main.py\n# 3\n```',
        "```bash\npython solution.py < input.txt > output.txt\n```",
        "```console\n$ python3 sol.py\n3\n```",
        # the same solution in another language, introduced as one
        "In C++:\n```cpp\nint f(int n) { return n < 0 ? -n : n; }\n```",
        "Equivalent Java:\n```java\nclass Solution {\n    int f(int n) { return Math.abs(n); }\n}\n```",
        # a quote of the code, not introduced as an edit
        "The key line is:\n```python\n    return abs(n)\n```",
        # a diff the code already holds (the change from an earlier version)
        "The change from the first attempt:\n```diff\n-    return n\n+    return abs(n)\n```",
        # prose that contrasts the code with what it does not do
        "We use `abs(n)` instead of `n if n > 0 else -n` for clarity.",
        "We replace each negative number with its opposite.",
        "We add a check for zero implicitly: `abs(0)` is 0.",
        "Steps: 1. Update the balance by adding each operation. 2. Update the loop counter.",
        "3. Return `abs(n)`.",
        "Python's `abs` handles ints and floats alike.",
        "The function returns `abs(n)`, which is never negative.",
        "Note: if you want the sign kept, this is not the function for you.",
        "**Time complexity**: O(1). **Space**: O(1).",
        "For negative inputs we return `abs(n)`, the distance from zero.",
        "Return `abs(n)` for every input: that is what the function does.",
    ],
)
def test_harmless_text_after_the_code_keeps_it(tail: str) -> None:
    found = extract(f"```python\n{ABS}\n```\n\n{tail}\n")
    assert found.code is not None and found.code.startswith(ABS), found.reason  # usage blocks are joined


def test_fragments_before_any_whole_block_are_a_completion() -> None:
    """A fenced function body (HumanEval completion style) is the code, joined to the prompt later."""
    body = "    return sorted(set(l))"
    assert extract_code(f"```python\n{body}\n```") == body
    assert extract_code(f"```python\n{body}\n```\nExample:\n```python\nprint(unique([3, 3]))\n```") == (
        f"{body}\nprint(unique([3, 3]))"
    )


def test_a_reason_is_given_when_there_is_no_code() -> None:
    for text in ("", "I cannot solve this.", "```bash\nls\n```", f"```python\n{ABS}\n```\nIn line 2, use n."):
        found = extract(text)
        assert found.code is None and found.reason


@pytest.mark.parametrize(
    "tail",
    [
        "wait " * 100_000,
        "replace `" + "`a` " * 50_000,
        "a(" + ")x" * 100_000,
        "[" + " for" * 100_000,
        "lambda " * 100_000,
        "> " * 100_000 + "x",
        " " * 200_000 + "x",
        "```text\n" + "if :a" * 50_000 + "\n```",
        "```bash\n" + "python3 a.py " * 20_000 + "\n```",
        "```pycon\n>>> " + "x, " * 50_000 + "= 1\n```",
    ],
)
def test_hostile_text_after_the_code_gives_an_answer(tail: str) -> None:
    """Every pattern is linear or bounded, and at most MAX_AFTER characters after the code are read (no
    timing is asserted: a hostile line must just not hang the run)."""
    found = extract(f"```python\n{ABS}\n```\n{tail}")
    assert found.code in (ABS, None)


def test_closing_tags_at_hostile_length() -> None:
    found = extract(f"```python\n{ABS}\n```\nx" + "</a>" * 100_000)
    assert found.code in (ABS, None)


FIXED = "def f(n):\n    return n if n >= 0 else -n"


@pytest.mark.parametrize(
    ("middle", "expected"),
    [
        # an edit between a draft and a later block that defines everything again is overtaken by it
        ("Oops, that's wrong (negatives). Corrected:", f"{ABS}\n{FIXED}"),
        ("In line 2, replace `abs(n)` with the explicit test:", f"{ABS}\n{FIXED}"),
        ("```python\n    return n\n```\nNo, better:", f"{ABS}\n{FIXED}"),
        # a diff that applies is the code given again, changed; the later block replaces it in turn
        (
            "```diff\n-    return abs(n)\n+    return n\n```\nIn full:",
            f"{ABS}\ndef f(n):\n    return n\n{FIXED}",
        ),
    ],
)
def test_an_edit_overtaken_by_a_later_whole_definition(middle: str, expected: str) -> None:
    assert extract_code(f"```python\n{ABS}\n```\n{middle}\n```python\n{FIXED}\n```") == expected


@pytest.mark.parametrize(
    "later",
    [
        "```python\nprint(f(-3))\n```",  # usage defines nothing
        "```python\ndef helper(n):\n    return n\n```",  # defines another name, not f
    ],
)
def test_an_edit_not_overtaken_leaves_no_answer(later: str) -> None:
    text = f"```python\n{ABS}\n```\nIn line 2, replace `abs(n)` with `n`.\n{later}"
    assert extract_code(text) is None


@pytest.mark.parametrize(
    "text",
    [
        # other reasoning formats: Mistral's [THINK], harmony's analysis channel, a thinking <details>
        f"[THINK]\n```python\n{ABS}\n```\nHmm.\n[/THINK]\n\nThe function is the identity.",
        f"<|channel|>analysis<|message|>Draft:\n```python\n{ABS}\n```\n<|end|><|start|>assistant"
        "<|channel|>final<|message|>Return n unchanged.",
        f"<details><summary>Thinking</summary>\n\n```python\n{ABS}\n```\n\n</details>\n\nReturn n.",
        # a soft close inside another kind of section does not end it
        f"<think>\n</details>\n```python\n{ABS}\n```\n",
        f"<think>\n<|end|>\n```python\n{ABS}\n```\n",
    ],
)
def test_code_only_in_reasoning_is_no_answer(text: str) -> None:
    assert extract_code(text) is None


@pytest.mark.parametrize(
    "text",
    [
        f"[THINK]\nabs does it.\n[/THINK]\n\n```python\n{ABS}\n```",
        f"<|channel|>analysis<|message|>abs.<|end|><|start|>assistant<|channel|>final<|message|>```python\n{ABS}\n```",
        f"<|channel|>final<|message|>```python\n{ABS}\n```<|return|>",
        f"<|channel|>final<|message|>```python\n{ABS}\n```<|end|>",
        f"<details><summary>Full code</summary>\n\n```python\n{ABS}\n```\n</details>",
    ],
)
def test_code_after_or_outside_other_reasoning_formats(text: str) -> None:
    assert extract_code(text) == ABS


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a draft program and a fix whose input read the text test cannot see: still two programs
        (
            f"```python\n{SUM}\n```\nThen:\n```python\n"
            "import os\nprint(os.read(0, 99).split()[0].decode())\n```",
            None,
        ),
        (
            "```python\nimport sys\nS = getattr(sys, 'std' + 'in')\n"
            "for l in S:\n    print(sum(map(int, l.split())))\n"
            f"```\nHere:\n```python\n{SUM.replace('+', '-')}\n```",
            None,
        ),
        # the same, the second introduced as the final version: it alone is the program
        (
            "```python\nimport sys\nS = getattr(sys, 'std' + 'in')\n"
            "for l in S:\n    print(sum(map(int, l.split())))\n"
            f"```\nFinal:\n```python\n{SUM.replace('+', '-')}\n```",
            SUM.replace("+", "-"),
        ),
        # a helper that reads in one block and the program in the next: one program
        (
            "```python\nimport sys\ndef ints():\n    return map(int, sys.stdin.readline().split())\n```\n"
            "```python\na, b = ints()\nprint(a + b)\n```",
            "import sys\ndef ints():\n    return map(int, sys.stdin.readline().split())\n"
            "a, b = ints()\nprint(a + b)",
        ),
        # a function task: a draft and a final each with a usage print, no input read: joined
        (
            f"```python\n{ABS}\nprint(f(-3))\n```\n```python\n{FIXED}\nprint(f(-3))\n```",
            f"{ABS}\nprint(f(-3))\n{FIXED}\nprint(f(-3))",
        ),
    ],
)
def test_two_programs_and_the_input(text: str, expected: str | None) -> None:
    assert extract_code(text) == expected


MAX2 = "a, b = map(int, input().split())\nif a > b:\n    print(a)\nelse:\n    print(b)"


@pytest.mark.parametrize(
    "tail",
    [
        # another program made of the draft's own lines: a quote only if its lines run in order
        "Final version:\n```text\na, b = map(int, input().split())\nprint(a)\n```",
        "Final version:\n\na, b = map(int, input().split())\nprint(b)\n",
        "Final version:\n\n    a, b = map(int, input().split())\n    print(a)\n",
        "```\nprint(b)\nprint(a)\n```",
        # a true quote introduced as the final code or an edit
        "Final version:\n\n    print(a)\n",
        "Actually only this is needed:\n```python\n    print(a)\n```",
    ],
)
def test_the_code_s_own_lines_rearranged_leave_no_answer(tail: str) -> None:
    assert extract_code(f"```python\n{MAX2}\n```\n{tail}") is None


@pytest.mark.parametrize(
    "tail",
    [
        "The comparison:\n\n    if a > b:\n        print(a)\n",
        "It reads the input with\n```\na, b = map(int, input().split())\n```\nand prints the larger.",
        "The `else` branch:\n```python\n    else:\n        print(b)\n```",
    ],
)
def test_a_quote_of_the_code_in_order_keeps_it(tail: str) -> None:
    assert extract_code(f"```python\n{MAX2}\n```\n{tail}") == MAX2


SOLUTION = "```python\ndef add(a, b):\n    return a + b\n```\n\n"


@pytest.mark.parametrize(
    ("tests_block", "left_out"),
    [
        # a module of tests for the code: left out, the code alone is the program
        ("import pytest\nfrom solution import add\n\ndef test_add():\n    assert add(2, 3) == 5\n", True),
        (
            "import pytest\n\n@pytest.mark.parametrize('a,b,c', [\n    (1, 1, 2),\n])\n"
            "def test_many(a, b, c):\n    assert add(a, b) == c\n",
            True,
        ),
        (
            "import unittest\n\nclass TestAdd(unittest.TestCase):\n    def test_it(self):\n"
            "        self.assertEqual(add(1, 2), 3)\n\nif __name__ == '__main__':\n    unittest.main()\n",
            True,
        ),
        # anything else in it is code: joined as before
        ("from solution import add, sub\n\ndef test_add():\n    assert add(2, 3) == 5\n", False),
        ("import pytest\n\ndef add(a, b):\n    return a - b\n\ndef test_add():\n    pass\n", False),
        ("import pytest\nadd = lambda a, b: 0\n\ndef test_add():\n    pass\n", False),
        ("from solution import *\n\ndef test_add():\n    assert add(2, 3) == 5\n", False),
        ("import pytest\n\n@pytest.fixture\ndef numbers():\n    return [1, 2]\n", False),
        ("assert add(2, 3) == 5\n", False),
    ],
)
def test_a_module_of_tests_after_the_code_is_left_out(tests_block: str, left_out: bool) -> None:
    code = extract_code(SOLUTION + "Tests:\n\n```python\n" + tests_block + "```\n")
    assert code is not None
    assert (code == "def add(a, b):\n    return a + b") is left_out, code


@pytest.mark.parametrize(
    ("line", "prose"),
    [
        # a compound statement's head with two names side by side is prose
        ("with the helper:", True),
        ("- for each query:", True),
        ("1. if the list is empty:", True),
        # Python's own heads stay code (after the code, they leave no answer)
        ("for i in range(n):", False),
        ('with open("my file") as f:', False),
        ("if x is not None:", False),
        ("if needed:", False),
    ],
)
def test_prose_that_reads_like_a_compound_head(line: str, prose: bool) -> None:
    text = SOLUTION + line + "\n\nThat is all.\n"
    assert (extract_code(text) == "def add(a, b):\n    return a + b") is prose


ELIDED_FINAL = "def f(x):\n    return x * x\n"


@pytest.mark.parametrize(
    ("comment", "elided"),
    [
        ("# ... rest of the function unchanged", True),
        ("# ...", True),
        ("    # … existing code …", True),
        ("# (rest of the code stays the same)", True),
        ("# same as above", True),
        ("# previous implementation here", True),
        ("# body omitted", True),
        # comments that say something of the code itself stay
        ("# the rest of the list is unchanged by the loop", False),
        ("# squares x", False),
        ("# if x is unchanged, return it", False),
    ],
)
def test_a_block_that_leaves_code_out_is_not_the_program(comment: str, elided: bool) -> None:
    """An excerpt ("Update: handle negatives" with `# ... rest unchanged`) is not the whole program:
    joined, it would replace the whole function by its first lines."""
    edit = f"def f(x):\n    if x < 0:\n        return 0\n{comment}\n"
    found = extract(f"```python\n{ELIDED_FINAL}```\n\nUpdate:\n\n```python\n{edit}```")
    assert (found.code is None and "leaves code out" in found.reason) is elided, found
