"""`verify_jsonl`: any JSONL of model outputs, malformed lines included."""

import json
from pathlib import Path

import pytest

from assay.errors import ConfigError
from assay.records import Candidate, Problem, Status, StepResult, StepStatus, Verdict
from assay.registry import Registry
from assay.store import Store
from assay.verification import Verifiers, choose_verifiers, verify_jsonl, verify_store
from assay.workers import WorkerPool

GOOD = {
    "id": "a",
    "domain": "math",
    "prompt": "Solve for x: 2x + 5 = 13",
    "reference": {"answer": "4"},
    "response": "2x + 5 - 5 = 13 - 5\n2x = 8\nx = 8/2 = 4\nVerify: 2(4) + 5 = 13",
}
WRONG = {**GOOD, "id": "b", "response": "2x = 8\nx = 3"}
ROOTS = {
    "id": "c",
    "prompt": "Solve x^2 - 5x + 6 = 0",
    "reference": {"answer": "x = 2, x = 3"},
    "response": "(x - 2)(x - 3) = 0\nx = 2 or x = 3",
}


def _run(tmp_path: Path, pool: WorkerPool, lines: list[bytes]) -> list[dict]:
    source = tmp_path / "in.jsonl"
    source.write_bytes(b"\n".join(lines) + b"\n")
    destination = tmp_path / "out.jsonl"
    verify_jsonl(source, destination, Verifiers(pool=pool))
    assert not (tmp_path / "out.jsonl.partial").exists()
    return [json.loads(line) for line in destination.read_text().splitlines()]


def test_output_format_and_order(tmp_path: Path, pool: WorkerPool) -> None:
    out = _run(tmp_path, pool, [json.dumps(r).encode() for r in (GOOD, WRONG, ROOTS)])
    assert [o["id"] for o in out] == ["a", "b", "c"]
    assert [o["status"] for o in out] == ["verified", "refuted", "verified"]
    assert set(out[0]) == {"id", "status", "steps", "first_error_step", "evidence", "verifier"}
    assert out[0]["first_error_step"] is None
    assert out[1]["first_error_step"] == 2
    assert out[0]["steps"][0] == {
        "index": 1,
        "status": "verified",
        "evidence": out[0]["steps"][0]["evidence"],
    }
    assert out[0]["verifier"] == "math-steps@27"


def test_line_break_characters_never_split_an_output_line(tmp_path: Path, pool: WorkerPool) -> None:
    """U+2028, U+2029 and U+0085 end a line for str.splitlines: written raw, one verdict would read as
    two lines there. They are written escaped; the ids read back exactly."""
    ids = ["a\u2028b", "c\u2029d", "e\x85f"]
    rows = [{**GOOD, "id": i, "response": GOOD["response"] + "\u2028"} for i in ids]
    out = _run(tmp_path, pool, [json.dumps(r, ensure_ascii=False).encode() for r in rows])
    assert [o["id"] for o in out] == ids


def test_malformed_lines_become_error_lines_and_the_rest_is_processed(
    tmp_path: Path, pool: WorkerPool
) -> None:
    lines = [
        b'{"id": "x", "prompt": "Solve for x: 2x = 4", "reference": {"answer": "2"}',  # broken JSON
        b"[1, 2, 3]",
        json.dumps({"id": "y", "prompt": "p", "response": "r"}).encode(),  # no reference
        json.dumps(
            {"id": "z", "domain": "chemistry", "prompt": "p", "reference": {"answer": "1"}, "response": "r"}
        ).encode(),
        b"",
        b'{"id": "bad-utf8", "prompt": "Solve for x: 2x = 4", "reference": {"answer": "2"}, '
        b'"response": "x = \xff\xfe"}',
        json.dumps(GOOD).encode(),
    ]
    out = _run(tmp_path, pool, lines)
    assert [o["status"] for o in out] == ["error", "error", "error", "error", "unknown", "verified"]
    assert "line 1" in out[0]["evidence"] and "JSON" in out[0]["evidence"]
    assert "line 2" in out[1]["evidence"]
    assert out[2]["id"] == "y" and "reference" in out[2]["evidence"]
    assert "chemistry" in out[3]["evidence"]
    assert out[4]["id"] == "bad-utf8"


DEEP = 100_000


# Lines built to break the reader or anything after it: each becomes one `error` line naming the line
# and why, and the lines around it are still verified.
HOSTILE_LINES = [
    # nesting beyond the JSON decoder's own limit, as the whole line and inside a field
    ("[" * DEEP + "]" * DEEP, "nests deeper"),
    (
        '{"id": "d", "prompt": "p", "reference": {"answer": "4", "x": ' + "[" * DEEP + "]" * DEEP + "}}",
        "nests",
    ),
    # nesting the decoder reads but that would reach recursive code later (ids, reference checks)
    (
        '{"id": "m", "domain": "logic", "prompt": "p", "reference": {"kind": "propositional", '
        '"atoms": ["p"], "premises": ['
        + '["not", ' * 150
        + '["var", "p"]'
        + "]" * 150
        + ']}, "response": "p"}',
        "nests deeper than 100",
    ),
    (
        '{"id": "o", "prompt": "p", "reference": ' + '{"a": ' * 150 + "1" + "}" * 150 + ', "response": "r"}',
        "nests",
    ),
    # numbers Python will not convert, and numbers that are not finite
    ('{"id": "i", "prompt": "p", "reference": {"answer": ' + "9" * 5000 + '}, "response": "r"}', "digits"),
    ('{"id": "n", "prompt": "p", "reference": {"answer": NaN}, "response": "x = 4"}', "finite"),
    ('{"id": "f", "prompt": "p", "reference": {"answer": -Infinity}, "response": "x = 4"}', "finite"),
    # lone surrogates: valid JSON escapes, but no UTF-8 output can hold them
    ('{"id": "s", "prompt": "p", "reference": {"answer": "4"}, "response": "x = 4 \\ud800"}', "surrogate"),
    ('{"id": "\\udc00", "prompt": "p", "reference": {"answer": "4"}, "response": "x = 4"}', "surrogate"),
    ('{"id": "k", "prompt": "p", "reference": {"answer": "4", "\\udfff": 1}, "response": "x"}', "surrogate"),
]


def test_any_line_becomes_a_verdict_and_the_rest_is_still_checked(tmp_path: Path, pool: WorkerPool) -> None:
    lines = [json.dumps(GOOD).encode()]
    for text, _ in HOSTILE_LINES:
        lines += [text.encode(), json.dumps(GOOD).encode()]
    out = _run(tmp_path, pool, lines)
    assert len(out) == 1 + 2 * len(HOSTILE_LINES)
    assert all(o["status"] == "verified" for o in out[::2])
    for number, ((_, reason), found) in enumerate(zip(HOSTILE_LINES, out[1::2], strict=True)):
        assert found["status"] == "error", found
        assert reason in found["evidence"] and f"line {2 * number + 2}" in found["evidence"], found
    assert out[1]["id"] == "line-2"  # an unreadable line keeps its place under a made-up id
    assert out[17]["id"] == "line-18"  # an id that cannot be written out is not written out


# --- verifiers from the registry, chosen per domain --------------------------------------------------


class _Plugin:
    """A plugin verifier for the domain "colour" with only the one required method. What it answers is
    chosen by the response text, so each row of the table below tests one way a plugin can misbehave."""

    name, version, domain = "colour-check", "1", "colour"
    id = "colour-check@1"

    def verify(self, problem: Problem, candidate: Candidate) -> Verdict:
        text = candidate.text
        if text == "crash":
            raise RuntimeError("plugin bug")
        if text == "not a verdict":
            return "verified"  # type: ignore[return-value]
        if text == "other candidate":
            return Verdict("cand_someone_else", self.id, Status.VERIFIED)
        if text == "other verifier":
            return Verdict(candidate.id, "math-steps@27", Status.VERIFIED)
        if text == "verified with an unknown step":
            step = StepResult(1, StepStatus.UNKNOWN, "cannot read")
            return Verdict(candidate.id, self.id, Status.VERIFIED, "looks fine", steps=(step,))
        right = text == problem.reference["answer"]
        return Verdict(candidate.id, self.id, Status.VERIFIED if right else Status.REFUTED)


class _Rival(_Plugin):
    name = "colour-rival"
    id = "colour-rival@1"


def _registry(*extra: tuple[str, object]) -> Registry:
    registry = Registry.from_entry_points()
    for name, factory in extra:
        registry.register("verifiers", name, factory)  # type: ignore[arg-type]
    return registry


COLOUR = Problem("colour", "mix", "Blue and yellow make?", {"answer": "green"}, "test")


@pytest.mark.parametrize(
    ("response", "status"),
    [
        ("green", Status.VERIFIED),
        ("red", Status.REFUTED),
        # a plugin that breaks the contract never yields `verified`
        ("crash", Status.ERROR),
        ("not a verdict", Status.ERROR),
        ("other candidate", Status.ERROR),
        ("other verifier", Status.ERROR),
        ("verified with an unknown step", Status.UNKNOWN),
    ],
)
def test_a_plugin_verifier_checks_its_new_domain(response: str, status: Status) -> None:
    candidate = Candidate(COLOUR.id, response, None)
    with Verifiers(registry=_registry(("colour-check", _Plugin))) as verifiers:
        (verdict,) = verifiers.verify_many([(COLOUR, candidate)])
    assert verdict.status == status, verdict
    assert verdict.candidate_id == candidate.id
    assert verdict.verifier == "colour-check@1"


def test_a_domain_without_a_verifier_gets_an_error_and_its_reason() -> None:
    candidate = Candidate(COLOUR.id, "green", None)
    with Verifiers() as verifiers:
        assert not verifiers.has_verifier("colour")
        (verdict,) = verifiers.verify_many([(COLOUR, candidate)])
    assert verdict.status == Status.ERROR
    assert "domain 'colour' has no verifier" in verdict.evidence


@pytest.mark.parametrize(
    ("extra", "chosen", "expected"),
    [
        # defaults: built-ins, and the one plugin that names a new domain
        ((), {}, {"math": "math-steps", "code": "code-tests", "logic": "logic-steps"}),
        ((("colour-check", _Plugin),), {}, {"colour": "colour-check"}),
        # a choice overrides the default, with or without its version
        ((), {"math": "math-answer"}, {"math": "math-answer"}),
        ((), {"math": "math-answer@27"}, {"math": "math-answer"}),
        # two plugins for one domain: the choice settles it
        (
            (("colour-check", _Plugin), ("colour-rival", _Rival)),
            {"colour": "colour-rival"},
            {"colour": "colour-rival"},
        ),
    ],
)
def test_each_domain_gets_its_verifier(
    extra: tuple[tuple[str, object], ...], chosen: dict[str, str], expected: dict[str, str]
) -> None:
    table = choose_verifiers(_registry(*extra), chosen)
    assert expected.items() <= table.items()


@pytest.mark.parametrize(
    ("extra", "chosen", "message"),
    [
        ((), {"math": "math-step"}, r"\[verify\] math = 'math-step': no verifier named 'math-step'; known: "),
        ((), {"math": "math-steps@999"}, r"installed at version \d+, not 999"),
        (
            (),
            {"math": "logic-steps"},
            r"\[verify\] math = 'logic-steps': that verifier checks domain 'logic'",
        ),
        ((("colour-check", _Plugin), ("colour-rival", _Rival)), {}, r"domain 'colour' has several verifiers"),
    ],
)
def test_a_bad_choice_is_one_clear_error(
    extra: tuple[tuple[str, object], ...], chosen: dict[str, str], message: str
) -> None:
    with pytest.raises(ConfigError, match=message) as raised:
        choose_verifiers(_registry(*extra), chosen)
    assert "\n" not in str(raised.value)


def test_verify_store_leaves_a_domain_without_verifier_unverified(tmp_path: Path, pool: WorkerPool) -> None:
    store = Store(f"sqlite:///{tmp_path / 'x.db'}")
    math = Problem("math", "linear", "Solve for x: 2x = 4", {"answer": "2"}, "test")
    store.add_problems([math, COLOUR])
    store.add_candidates([Candidate(math.id, "x = 4/2 = 2", None), Candidate(COLOUR.id, "green", None)])
    with Verifiers(pool=pool) as verifiers:
        counts = verify_store(store, verifiers)
    assert (counts.total, counts.verified, counts.no_verifier) == (1, 1, 1)
    assert "domain 'colour' has no verifier" in counts.no_verifier_note
    # with the plugin installed, the same store is verified on the next run; math is not redone
    with Verifiers(pool=pool, registry=_registry(("colour-check", _Plugin))) as verifiers:
        counts = verify_store(store, verifiers)
    assert (counts.total, counts.verified, counts.no_verifier) == (1, 1, 0)
    store.close()


def test_a_plugin_domain_in_a_file_is_checked_by_its_reference_check(
    tmp_path: Path, pool: WorkerPool
) -> None:
    class Strict(_Plugin):
        @staticmethod
        def check_reference(reference: object) -> None:
            from assay.errors import InputError

            if not isinstance(reference, dict) or not isinstance(reference.get("answer"), str):
                raise InputError("'reference.answer' must be a colour name")

    lines = [
        {
            "id": "ok",
            "domain": "colour",
            "prompt": "p",
            "reference": {"answer": "green"},
            "response": "green",
        },
        {"id": "bad-ref", "domain": "colour", "prompt": "p", "reference": {"answer": 3}, "response": "green"},
        {"id": "unknown-domain", "domain": "flavour", "prompt": "p", "reference": {}, "response": "x"},
    ]
    source = tmp_path / "in.jsonl"
    source.write_text("".join(json.dumps(line) + "\n" for line in lines))
    destination = tmp_path / "out.jsonl"
    verify_jsonl(source, destination, Verifiers(pool=pool, registry=_registry(("colour-check", Strict))))
    out = {o["id"]: o for o in map(json.loads, destination.read_text().splitlines())}
    assert out["ok"]["status"] == "verified"
    assert out["bad-ref"]["status"] == "error" and "colour name" in out["bad-ref"]["evidence"]
    assert out["unknown-domain"]["status"] == "error"
    assert "domain 'flavour' has no verifier" in out["unknown-domain"]["evidence"]
