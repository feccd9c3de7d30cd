"""Several files in one response: joined without their imports of each other."""

from __future__ import annotations

from assay.domains.code.extract import extract_code
from assay.domains.code.extract_files import file_module, without_own_imports

UTILS = "def plus(a, b):\n    return a + b"
MAIN = "from utils import plus\n\ndef add(a, b):\n    return plus(a, b)"


def test_a_block_is_named_by_its_lead_or_its_first_comment() -> None:
    assert file_module("**utils.py**", ("def f(): pass",)) == "utils"
    assert file_module("", ("# file: main.py", "x = 1")) == "main"
    assert file_module("Put `a.py` and `b.py` side by side:", ("x = 1",)) == ""
    assert file_module("Here:", ("x = 1",)) == ""


def test_an_import_of_the_responses_own_file_is_dropped() -> None:
    text = f"**utils.py**\n```python\n{UTILS}\n```\n**main.py**\n```python\n{MAIN}\n```\n"
    assert extract_code(text) == UTILS + "\n\ndef add(a, b):\n    return plus(a, b)"


def test_other_imports_stay() -> None:
    pieces = [UTILS, "from utils import plus, minus\nfrom utils import plus as p\nfrom math import sqrt"]
    assert without_own_imports(pieces, ["utils", "main"]) == pieces  # minus is bound nowhere
    assert without_own_imports([UTILS, MAIN], ["", ""]) == [UTILS, MAIN]  # no file is named
