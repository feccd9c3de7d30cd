"""The response's final code in a form assay cannot run (inline code, another language, a transcript)
fails closed; a correction after a draft, and a script between prose lines, are read."""

from __future__ import annotations

import pytest

from assay.domains.code.extract import extract
from assay.domains.code.extract_final import bound_names, correction_lead, draft_lead, marked_draft

SCRIPT = "n = int(input())\nprint(n * (n + 1) * (2 * n + 1) // 6)"
DRAFT = "n = int(input())\nprint(n * n)"
FUNCTION = "def second_largest(nums):\n    return sorted(set(nums))[-2]"
S = f"```python\n{SCRIPT}\n```\n\n"
F = f"```python\n{FUNCTION}\n```\n\n"


@pytest.mark.parametrize(
    "text",
    [
        # inline code after the code: a statement offered as the final, shorter or other version
        S + "Even shorter: `print(int(input()) ** 2)`",
        S + "Shorter: <code>print(int(input())**2)</code>",
        S + 'Shorter: <code class="language-python">print(int(input())**2)</code>',
        S + "The same in JS:\n```js\nconsole.log(1)\n```\nUse this one.",
        S + "**Final code:**\n\n`print(int(input()) ** 2)`",
        S + "- Final: `n = int(input()); print(n*n)`",
        S + "> Final: `print(n*n)`",
        S + "Final: `n = int(input())` then `print(n * n)`.",
        S + "Final: `import sys; print(int(sys.stdin.read()) ** 2)`",
        S + "Even shorter: `exec('print(1)')`",
        F + "Or as a one-liner: `second_largest = lambda nums: sorted(nums)[-2]`",
        F + "Final answer: `def second_largest(nums): return sorted(nums)[-2]`",
        F + "You could also `return sorted(nums)[-2]` here.",
        F + "Alternatively, `sorted(nums)[-2]`.",
        F + "Final version: `if len(nums) < 2: return None`",
        F + "`sorted(nums)[-2]` is the final answer.",
        S + "Even simpler, just print `n ** 2`.",
        F + "Or simply use `sorted(nums)[-2]`.",
        # a block in another language called final, or not called a translation
        S + "Final version (JavaScript):\n```javascript\nconsole.log(1);\n```",
        S + "```rust\nfn main() {}\n```\nThis Rust version is my final answer.",
        S + "```cpp\nint main() {}\n```",
        S + "Final:\n```kotlin\nfun main() { println(readLine()!!.toInt()) }\n```",
        S + "Final (awk):\n```awk\n{ print $1 * $1 }\n```",
        S + "Final version:\n```\nconst n = +require('fs').readFileSync(0); console.log(n * n);\n```",
        S + "<details><summary>Final code (Go)</summary>\n\n```go\nfunc main() {}\n```\n</details>",
        S + "Final version:\n> ```js\n> console.log(1)\n> ```",
        S + "Actually, here is the same thing in JavaScript:\n```js\nconsole.log(1)\n```",
        S + "Here is a better version in Ruby:\n~~~ruby\nputs gets.to_i ** 2\n~~~",
        # a heading naming a language is a translation only over a block in that language, not called final
        S + "### C++\n```java\nclass Main {}\n```",
        S + "Final, Java:\n```java\nclass Main {}\n```",
        S + "**Java:**\n```java\nclass Main {}\n```\nUse this one.",
        # a transcript given as the final version, or rebinding a name the script binds
        S + "Actually, here's the final version:\n```pycon\n>>> n = 3\n>>> print(n * n)\n9\n```",
        S + "Final version:\n```pycon\n>>> m = 3\n>>> print(m * m)\n9\n```",
        S + "Check:\n```pycon\n>>> n = 5\n>>> print(n * n)\n25\n```",
        # a correction the prose takes back, or an alternative: which is final is not said
        S + f"Wait, corrected:\n```python\n{DRAFT}\n```\nActually the first one is right.",
        S + f"Or, the corrected alternative:\n```python\n{DRAFT}\n```",
        # a script between prose lines, then an edit or another version
        f"Here's the code:\n\n{SCRIPT}\n\nActually, that is wrong: use `print(n ** 3)` instead.",
        f"Code:\n{SCRIPT}\nOr:\nprint(int(input()) ** 3)",
        f"Code:\n{SCRIPT}\n\nFinal: `print(int(input()) ** 3)`",
        # a sentence after the code that doubts or disowns it as a whole
        F + "This doesn't work.",
        F + "I'm not sure this works.",
        F + "(untested)",
        F + "This might be wrong.",
        F + "The above is wrong, it should skip duplicates.",
    ],
)
def test_the_final_code_in_a_form_assay_cannot_run_fails_closed(text: str) -> None:
    found = extract(text)
    assert found.code is None, found
    assert "not" in found.reason


@pytest.mark.parametrize(
    ("text", "code"),
    [
        # inline code that quotes the code, calls it, or is not a statement
        (S + "It reads `n = int(input())` and prints the closed form.", SCRIPT),
        (S + "It reads <code>n = int(input())</code> first.", SCRIPT),
        (F + "Sorting is simpler than `heapq.nlargest(2, nums)`.", FUNCTION),
        (F + "We use `set(nums)` to drop duplicates, not `nums.sort()` on the input.", FUNCTION),
        (F + "For example `second_largest([1, 3, 2])` returns `2`.", FUNCTION),
        (F + "Time complexity: `O(n log n)`. The final function is `second_largest`.", FUNCTION),
        (S + "The formula is `n(n+1)(2n+1)/6`.", SCRIPT),
        (S + "As one line: `n = int(input()); print(n * (n + 1) * (2 * n + 1) // 6)`.", SCRIPT),
        (F + "The final complexity is `O(n log n)`.", FUNCTION),
        # another language as a translation; output and data blocks
        (S + "The same solution in C++:\n```cpp\nint main() {}\n```", SCRIPT),
        (S + "JavaScript version:\n```js\nconsole.log(1)\n```", SCRIPT),
        # a solution given in several languages, each under a heading that names it
        (S + "**Java:**\n```java\nclass Main {}\n```", SCRIPT),
        (S + "### C++\n```cpp\nint main() {}\n```", SCRIPT),
        (S + "It runs in O(1).\n\nJavaScript:\n```js\nconsole.log(1)\n```", SCRIPT),
        (S + "Final output:\n```\n14\n```", SCRIPT),
        (S + "Example:\n```\nInput: 3\nOutput: 14\n```", SCRIPT),
        (S + "```sample-output\n14\n```", SCRIPT),
        (S + '```json\n{"a": 1}\n```', SCRIPT),
        # a transcript that only calls the code
        (F + "Final check:\n```pycon\n>>> second_largest([1, 2, 3])\n2\n```", FUNCTION),
        # a draft and its correction: the correction
        (
            f"```python\n{DRAFT}\n```\n\nWait, that only prints n². Corrected:\n\n" + S + "It sums squares.",
            SCRIPT,
        ),
        (f"First try:\n```python\n{DRAFT}\n```\nOops. Here's the final version:\n" + S, SCRIPT),
        # a draft with definitions, replaced by its correction
        (
            "```python\ndef main():\n    print(int(input()) ** 2)\nmain()\n```\n"
            "Wait, that is wrong. Corrected:\n"
            f"```python\ndef main():\n    {SCRIPT.replace(chr(10), chr(10) + '    ')}\nmain()\n```",
            f"def main():\n    {SCRIPT.replace(chr(10), chr(10) + '    ')}\nmain()",
        ),
        # a script between prose lines
        (f"Here's the code:\n\n{SCRIPT}\n\nIt uses the closed form.", SCRIPT),
    ],
)
def test_harmless_text_after_the_code_and_corrections_are_read(text: str, code: str) -> None:
    assert extract(text).code == code


@pytest.mark.parametrize(
    ("lead", "expected"),
    [
        ("Wait, that only prints n². Corrected:", True),
        ("Here's the final version:", True),
        ("Or, using the closed form:", False),
        ("**Approach 2 (formula):**", False),
        ("Alternatively, the fixed version:", False),
        ("Here it is again:", False),
    ],
)
def test_a_correction_is_told_from_an_alternative(lead: str, expected: bool) -> None:
    assert correction_lead(lead) is expected


def test_bound_names_are_the_top_level_bindings() -> None:
    code = "n = int(input())\na, b = 1, 2\nx: int = 3\ndef f(y):\n    z = y\n    return z\nclass C:\n    pass"
    assert bound_names(code) == {"n", "a", "b", "x", "f", "C"}


FIXED_FUNCTION = "def second_largest(nums):\n    return sorted(nums)[-2]"


@pytest.mark.parametrize(
    ("text", "programs"),
    [
        # whole stdin programs given as alternatives: each alone
        (S + f"Or, shorter:\n```python\n{DRAFT}\n```", (SCRIPT, DRAFT)),
        (f"**Approach 1:**\n```python\n{DRAFT}\n```\n**Approach 2:**\n" + S, (DRAFT, SCRIPT)),
        # functions given again as another way: each approach with what came before it
        (
            F + f"Alternatively:\n```python\n{FIXED_FUNCTION}\n```",
            (FUNCTION, f"{FUNCTION}\n{FIXED_FUNCTION}"),
        ),
        (
            F
            + f"Another option:\n```python\n{FIXED_FUNCTION}\n```\n"
            + "Usage:\n```python\nprint(second_largest([1, 2]))\n```",
            (FUNCTION, f"{FUNCTION}\n{FIXED_FUNCTION}\nprint(second_largest([1, 2]))"),
        ),
        # a draft and its final version: the final one (functions: the later definition replaces)
        (
            f"```python\n{FIXED_FUNCTION}\n```\nHere is the final version:\n" + F,
            (f"{FIXED_FUNCTION}\n{FUNCTION}",),
        ),
    ],
)
def test_alternatives_are_each_a_program(text: str, programs: tuple[str, ...]) -> None:
    assert extract(text).programs == programs


@pytest.mark.parametrize(
    "text",
    [
        S + f"Or:\n```python\n{DRAFT}\n```\nI prefer the first one.",
        F + f"Another option:\n```python\n{FIXED_FUNCTION}\n```\nUse the first one.",
        S + "Or:\n```python\nprint(n * n)\n```",  # not a whole program: it needs the first
        F
        + "Actually in that one, replace `set(nums)` with `nums`.\n\nApproach 2:\n"
        + F.replace("set(", "list("),
    ],
)
def test_alternatives_one_of_which_is_chosen_or_edited_fail_closed(text: str) -> None:
    assert extract(text).code is None


def test_runs_of_spaces_in_prose_after_the_code_are_read_in_linear_time() -> None:
    """An assignment test with three `\\s*` in a row backtracked cubically on a run of spaces (30 s for
    this text); no timing is asserted, only that the answers come."""
    text = S + ("js" + " " * 1000) * 60 + "\n```rust\nfn main() {}\n```"
    assert extract(text).code is None
    assert extract(S + ("a" + " " * 1000 + ", ") * 60 + "done.").code == SCRIPT
    assert bound_names(("a" + " " * 100_000 + "\n") * 2) == set()


ADD = "def add(a, b):\n    return a + b"
SUB = "def add(a, b):\n    return a - b"


@pytest.mark.parametrize(
    ("lead", "expected"),
    [
        ("For reference, the old (wrong) version was:", True),
        ("Don't do this:", True),
        ("A common mistake is to write:", True),
        ("At first I wrote:", True),
        ("Here is the corrected version of the old code:", False),
        ("Oops, that is wrong. Fixed:", False),
        ("Here's the complete code:", False),
    ],
)
def test_a_draft_is_told_from_a_correction(lead: str, expected: bool) -> None:
    assert draft_lead(lead) is expected


@pytest.mark.parametrize(
    "text",
    [
        # the final answer first, then a redefinition shown as the old, wrong or warned-against version:
        # Python would run the last definition, which the response does not mean
        f"Final solution:\n```python\n{SUB}\n```\n\nFor reference, the old (wrong) version was:\n"
        f"```python\n{ADD}\n```",
        f"```python\n{SUB}\n```\n\nDon't do this:\n```python\n{ADD}\n```",
        f"```python\n{SUB}\n```\n\nA common mistake is to write:\n```python\n{ADD}\n```",
        # prose after two versions that chooses the earlier one
        f"```python\n{SUB}\n```\n\n```python\n{ADD}\n```\n\nUse the first one; the second is wrong.",
        f"Version A:\n```python\n{SUB}\n```\n\nVersion B:\n```python\n{ADD}\n```\n\nI recommend version A.",
        # a comment that calls the redefinition after it old, in its own block or in the same one
        f"```python\n{SUB}\n```\n\n```python\n# old version, do not use\n{ADD}\n```",
        f"```python\n{SUB}\n# Old version (wrong):\n{ADD}\n```",
    ],
)
def test_a_redefinition_called_a_draft_leaves_no_answer(text: str) -> None:
    found = extract(text)
    assert found.code is None and found.reason


@pytest.mark.parametrize(
    "text",
    [
        f"First try:\n```python\n{SUB}\n```\nOops, that subtracts. Corrected version:\n```python\n{ADD}\n```",
        f"```python\n# first attempt\n{SUB}\n# final version\n{ADD}\n```",
        f"```python\n{SUB}\n\n{ADD}\n```",
    ],
)
def test_a_redefinition_not_called_a_draft_is_the_final_code(text: str) -> None:
    code = extract(text).code
    assert code is not None and code.rstrip().endswith("a + b")


def test_marked_draft_needs_an_earlier_definition_of_the_name() -> None:
    assert marked_draft(f"# old helper kept for reference\n{ADD}") is False
    assert marked_draft(f"{ADD}\n# the naive version\n{SUB}") is True
    assert marked_draft(f"{ADD}\n# naive version of another helper\ndef other():\n    pass") is False


@pytest.mark.parametrize(
    ("tail", "harmless"),
    [
        ("Note that writing `return a - b` would be wrong.", True),
        ("A common mistake is `return a - b`.", True),
        ("Don't write `return a - b` here.", True),
        # called right after all, or final: another body for the function
        ("Avoid the bug: `return a - b` is correct.", False),
        ("A common mistake is `return a - b`, which is the right fix.", False),
        ("The final version: don't forget `return a - b`.", False),
        ("Don't write `return a + b`; `return a - b` is what works.", False),
    ],
)
def test_a_return_the_prose_calls_wrong_is_not_another_body(tail: str, harmless: bool) -> None:
    text = "```python\ndef add(a, b):\n    return a + b\n```\n" + tail + "\n"
    assert (extract(text).code is not None) is harmless


SQ = "```python\ndef sq(x):\n    return x * x\n```\n\n"


@pytest.mark.parametrize(
    "tail",
    [
        # the code disowned after it: which code the response stands by is not said
        "Disregard the code above.",
        "Do not use the code above; it fails for negatives.",
        "P.S. I made a mistake above; the correct code multiplies by 2.",
        "Note that the above code has a bug.",
        "EDIT: fixed below",
        "Update: x * 2 is right, x * x was a typo.",
        "Hmm, this fails for x = -3.",
        "Actually, return x + x would be correct here.",
        # an edit told in words, without backticks
        "In sq, use x * 2 instead.",
        "Change the multiplication to x * 2.",
        "Swap x * x for x * 2.",
        "Replace x * x by x * 2.",
        "Instead of x * x, write x * 2.",
        "Note: it should return x * 2, not x * x.",
        "The return line must be x * 2.",
        "Better: return x * 2.",
        "Make it return 2 * x instead.",
        "Correction: return x * 2",
    ],
)
def test_an_edit_or_disowning_in_plain_words_fails_closed(tail: str) -> None:
    found = extract(SQ + tail + "\n")
    assert found.code is None
    assert "edit of the code in prose" in found.reason


@pytest.mark.parametrize(
    "tail",
    [
        "This function returns the square of x.",
        "So we return x * x.",
        "1. Return x*x.",
        "Finally, return the result.",
        "You could also use x ** 2 instead.",
        "Alternatively, you can use pow(x, 2).",
        "Instead of a loop, we use a single multiplication.",
        "We use multiplication instead of pow for speed.",
        "1. Replace each vowel with a star.",
        "Note: the function should return an int for int input.",
        "This fails only if x is not a number.",
        "Swap the arguments to change the order.",
    ],
)
def test_explanations_after_the_code_stay_harmless(tail: str) -> None:
    assert extract(SQ + tail + "\n").code == "def sq(x):\n    return x * x"


@pytest.mark.parametrize(
    "after",
    [
        "This doesn't work for an empty list, which the problem excludes.",
        "The code above is correct.",
        "This approach is wrong for huge inputs but fine here.",
    ],
)
def test_a_limited_caveat_after_the_code_keeps_it(after: str) -> None:
    assert extract(F + after).code == FUNCTION


_WRONG = "def sq(x):\n    return x * 2\n"
_RIGHT = "def sq(x):\n    return x * x\n"


@pytest.mark.parametrize(
    ("first", "second"),
    [
        ("### Incorrect approach", "### Correct approach"),
        ("**Incorrect solution:**", "**Correct solution:**"),
        ("Wrong approach:", "Right approach:"),
        ("### Naive approach", "### Correct approach"),
    ],
)
def test_a_right_version_after_a_wrong_one_is_its_correction(first: str, second: str) -> None:
    found = extract(f"{first}\n```python\n{_WRONG}```\n\n{second}\n```python\n{_RIGHT}```\n")
    assert found.code == _WRONG + _RIGHT.rstrip("\n") and len(found.programs) == 1


@pytest.mark.parametrize(
    "second",
    ["### Correct approach, or alternatively", "### Another correct approach"],
)
def test_a_right_version_offered_as_another_way_is_tested_too(second: str) -> None:
    found = extract(f"### Incorrect approach\n```python\n{_WRONG}```\n\n{second}\n```python\n{_RIGHT}```\n")
    assert len(found.programs) == 2


def test_prose_choosing_the_wrong_version_again_leaves_no_answer() -> None:
    text = f"### Incorrect approach\n```python\n{_RIGHT}```\n\n### Correct approach\n```python\n{_WRONG}```\n"
    assert extract(text + "Actually the first one is better.\n").code is None


@pytest.mark.parametrize("end", ["", "<|eom_id|>", "<|eot_id|>"])
def test_code_after_a_tool_call_tag_is_read(end: str) -> None:
    assert extract(f"<|python_tag|>{_RIGHT}{end}").code == _RIGHT.rstrip("\n")


def test_a_right_program_after_a_wrong_one_reading_the_input_is_its_correction() -> None:
    wrong, right = "n = int(input())\nprint(n * 2)\n", "n = int(input())\nprint(n * n)\n"
    text = f"### Incorrect approach\n```python\n{wrong}```\n\n### Correct approach\n```python\n{right}```\n"
    assert extract(text).programs == (right.rstrip("\n"),)
    swapped = (
        f"### Correct approach\n```python\n{right}```\n\n### Incorrect approach\n```python\n{wrong}```\n"
    )
    assert extract(swapped).code is None
