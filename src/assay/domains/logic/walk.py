"""The walk over a response: every clause read in order, with the assumption in force.

`read.clauses` cuts lines into clauses; this module decides what each clause does. A clause may be
skipped only when it provably asserts nothing about the puzzle: it names nothing of the puzzle, or it
is a question nobody answers, or another speaker's words (`speech.py` tells which); a question answered
"Yes"/"No" states its claim, a tag question its body. "Assume/Suppose/Case k: ..." opens an
assumption (claims under it are checked with it); "If A, then B" is a conditional whose scope ends at
the next plain assertion; a contradiction, a "this works", or a conclusion that flatly denies the
assumption closes it; anything else is asserted. A claim-like clause the kind cannot read is an
`unknown` event, never skipped.

It must never let an assumed or reported claim pass for an asserted one, or the reverse without a
check: every way out of an assumption is itself a checked event.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any, Literal

from assay.domains.logic import asides, cases, marks, refer
from assay.domains.logic.citations import cited_numbers
from assay.domains.logic.guard import PRONOUN, VALUE_MENTION
from assay.domains.logic.read import (
    ANSWER,
    CONDITIONAL,
    EVERY_CASE,
    GRID_ROW,
    HYPOTHESIS,
    ClauseReader,
    Formula,
    Reading,
    clauses,
    clean,
    strip_answer_marker,
    unfill,
    without_asides,
)
from assay.domains.logic.speech import (
    ANSWER_WORD,
    OPENER,
    TAG,
    YES_NO,
    anything,
    asks,
    declarative,
    in_mood,
    reported,
    split_report,
)

_QUESTION = re.compile(r"\?\s*$")


# --- the walk ---------------------------------------------------------------------------------------

# "would": a claim in the conditional mood outside any case ("so Kai would be a knave")
Mode = Literal["fact", "assumed", "conditional", "would"]


@dataclass
class Claim:
    """One readable claim: formulas (a conjunction), the mode it was made in, and its context."""

    line: int
    formulas: list[Formula]
    mode: Mode
    context: list[Formula]  # the assumptions in force (empty for facts)
    text: str
    # how many formulas at the end of context are this case's own earlier claims: a refuted case checks
    # a claim from its assumptions alone, never from them (see `closure.py`)
    chained: int = 0
    # the premises or clues the clause cites by number ("by clue 3"): the claim must follow from them
    # and the facts before it, not only from the whole puzzle (`check.py`)
    cited: tuple[int, ...] = ()
    # the clause says what a cited clue or premise says ("Clue 2 says ...", "Clue 1: ..."): a restatement,
    # which the cited ones must give without the puzzle's other placements (`zebra.cited_gives`)
    restated: bool = False
    # the citation says the cited ones give the claim themselves ("premise 4 forces it", "(clue 5 alone)")
    forced: bool = False


@dataclass
class Event:
    """What one clause did, in order: a claim, an opened or closed assumption, or an unreadable claim."""

    line: int
    what: Literal["claim", "open", "close-contradiction", "close-consistent", "unknown", "end", "retract"]
    claim: Claim | None = None
    note: str = ""
    frame: int = 0
    retracts: Claim | None = None  # for "retract": the claim taken back (the very object)


@dataclass
class _Frame:
    id: int
    line: int
    assumptions: list[Formula] | None  # None: the assumption itself was unreadable
    derived: list[Formula] = field(default_factory=list)
    soft: bool = False  # a conditional's scope: ends at the first plain assertion


def walk(
    lines: Sequence[str],
    read: ClauseReader,
    mentions: Callable[[str], bool] = anything,
    cites: Callable[[str], tuple[int, ...]] = cited_numbers,
) -> list[Event]:
    """Every clause of every line, read in order with the assumption in force. `mentions` says whether a
    clause names anything of the puzzle (`guard.mentions`); only a clause that names nothing may be
    skipped for its shape alone (a question, a quotation). Without it, every clause names something.
    `cites` finds the premises or clues a clause cites, as numbers (`cited_numbers` by default; a kind
    whose premises are not numbered has its own, `knights_cited.cited`)."""
    events: list[Event] = []
    frames: list[_Frame] = []
    counter = 0

    def context() -> list[Formula] | None:
        found: list[Formula] = []
        for frame in frames:
            if frame.assumptions is None:
                return None
            found += frame.assumptions + frame.derived
        return found

    def close(index: int, what: Literal["close-contradiction", "close-consistent", "end"]) -> None:
        frame = frames.pop()
        note = "soft" if frame.soft else ""
        events.append(Event(index, what, frame=frame.id, claim=_frame_claim(frame, frames), note=note))
        closed[:] = [what == "close-contradiction" and not frames]

    def open_frame(index: int, reading: Reading, soft: bool, text: str) -> None:
        nonlocal counter
        counter += 1
        if isinstance(reading, str) or reading is None:
            frames.append(_Frame(counter, index, None, soft=soft))
            events.append(Event(index, "unknown", note=f"an assumption that cannot be read: {text[:80]}"))
            return
        frames.append(_Frame(counter, index, reading, soft=soft))
        events.append(Event(index, "open", frame=counter, claim=_frame_claim(frames[-1], frames[:-1])))

    def claim(
        index: int, reading: list[Formula], text: str, counterfactual: bool, concluding: bool = False
    ) -> None:
        while frames and frames[-1].soft and not counterfactual:
            close(index, "end")  # a plain assertion after "if ..., then ..." is a fact again
        if frames and concluding and not counterfactual and cases.negates(reading, frames[-1].assumptions):
            # "Suppose Leo is a knight. ... So Leo is a knave": the conclusion discharges the assumption
            close(index, "close-contradiction")
        if counterfactual and not frames:
            # "Kai would be a knave" with no case in force: its condition is unsaid, so it is checked as a
            # claim true whatever the condition (the puzzle entails it, and so every "if ..., then" that
            # ends in it); when it is not, the unsaid condition may make it right: unknown, not refuted
            events.append(
                Event(index, "claim", Claim(index, reading, "would", [], text, 0, citing[0], restating[0]))
            )
            return
        ctx = context()
        if ctx is None:
            events.append(Event(index, "unknown", note=f"made under an unreadable assumption: {text[:80]}"))
            return
        mode: Mode = "fact" if not frames else ("conditional" if frames[-1].soft else "assumed")
        if mode == "fact":
            closed[:] = [False]  # "So Lena is a knave. In that case ...": the case is now the fact
        if retracting:
            take_back(index, reading, mode)
        chained = len(frames[-1].derived) if frames else 0
        events.append(
            Event(index, "claim", Claim(index, reading, mode, ctx, text, chained, citing[0], restating[0]))
        )
        if frames:
            frames[-1].derived += reading

    retracting: list[int] = []  # the line of a retraction ("wait, that's wrong") not yet resolved
    citing: list[tuple[int, ...]] = [()]  # what the clause being read cites by number
    restating: list[bool] = [False]  # whether it says what the cited ones say
    closed: list[bool] = [False]  # a case just refuted, with no fact asserted since
    pending: list[Any] = []  # the line and numbers of a citation cut off before its claim

    def take_back(index: int, reading: list[Formula], mode: Mode) -> None:
        """The claim after a retraction names what it takes back when it flatly denies an earlier
        asserted fact ("Kai is a knight. Wait, that's wrong: Kai is a knave"): that fact is dropped
        (never checked, never a fact), and the correction is checked like any claim. A retraction that
        names nothing it takes back, or made under an assumption (where claims feed the assumption's
        context), is unknown, and the earlier claim stays as it was."""
        line = retracting.pop()
        if mode == "fact":
            for event in reversed(events):
                if event.what == "claim" and event.claim is not None and event.claim.mode == "fact":
                    denied = [f for f in event.claim.formulas if cases.negates(reading, [f])]
                    if denied:
                        # only the part named is taken back: "Lena is a knight and Sam is a knave. Wait,
                        # that's wrong: Lena is a knave" leaves "Sam is a knave" to be checked
                        event.claim.formulas = [f for f in event.claim.formulas if f not in denied]
                        note = f"takes back a claim on line {event.line + 1}"
                        events.append(Event(line, "retract", note=note, retracts=event.claim))
                        return
        note = "a retraction that does not name the claim it takes back"
        events.append(Event(line, "unknown", note=note))

    previous: list[Any] = [-1, ""]  # the line and text of the last main clause

    def question(index: int, text: str, following: str | None) -> None:
        """A clause that ends in "?": skipped only when it names nothing, or when it asks (opens with a
        question word) and what follows is not a bare answer to it ("Is Lena a knight? Yes.")."""
        if not (mentions(text) or PRONOUN.search(text)):
            return
        tag = TAG.search(text)
        if tag is not None and tag.start() > 0 and not asks(text, mentions):
            # "Lena is a knave, isn't it?": the body is stated; it is read and checked as a claim
            body = text[: tag.start()].strip(" ,")
            mood = in_mood(body, mentions)
            _assert(index, body, read, claim, events, counterfactual=mood, mentions=mentions)
            return
        if not asks(text, mentions):
            events.append(Event(index, "unknown", note=f"a statement asked as a question: {text[:80]}"))
            return
        if following is None or not _answered(following):
            return
        word = YES_NO.match(clean(following))
        stated = declarative(text, read, bool(word.group("yes"))) if word is not None else None
        if stated is None:
            note = f"a question answered in words the reader cannot read: {text[:80]}"
            events.append(Event(index, "unknown", note=note))
            return
        # "Is Lena a knight? Yes." states "Lena is a knight"; "No" states its negation. The answer word
        # is used up here; the rest of its clause ("No, Lena is a knave") is read on its own
        answered[:] = [following]
        claim(index, stated, text, False)

    def _answered(following: str) -> bool:
        """False when what follows a question is plainly not its answer: a claim the kind reads (checked
        on its own), another question, an assumption or a plan. "Yes", "I believe so", "Ann.", "She
        is." answer it, in words that carry its claim without saying it."""
        after = clean(following)
        if ANSWER_WORD.match(after):
            return True
        if after.endswith("?") or OPENER.match(after):
            return False
        body = unfill(strip_answer_marker(after))
        if HYPOTHESIS.match(body) or CONDITIONAL.match(body):
            return False
        return not isinstance(read(body), list)

    focus: list[str] = []  # the one person a clause only looked at ("Start with Cleo.")
    tail = [False]  # whether the clause read is the last main clause of its line
    answered: list[str] = []  # the clause whose leading "Yes"/"No" answered the question before it

    def process(
        index: int, piece: str, host: str | None, forced_mood: bool = False, following: str | None = None
    ) -> None:
        if answered and host is None and piece == answered[0]:
            answered.clear()
            piece = YES_NO.sub("", clean(piece), count=1).lstrip(" ,.!:;—–-")
            if not piece:
                return
        check = marks.CHECK.match(piece)
        if check is not None:  # "Check: Ben is a knight ...", "Check Jade: her statement ...": asserted
            piece = piece[check.end() :]
            who = check.group("who")
            if who and mentions(who):
                piece = refer.name_pronoun(piece, who)
        if not piece.strip():
            return
        if host is None:
            # "Start with Cleo. If she were a knave, ...": the look names who the next clause's pronoun is
            looked, focus[:] = focus[:], []
            focused = marks.FOCUS.match(clean(piece))
            if focused is not None and mentions(focused.group("who")):
                focus.append(focused.group("who"))
                return  # the look itself claims nothing
            if looked:
                piece = refer.name_pronoun(piece, looked[0])
        if host is not None:  # "Row 2 (clue 2 1)": the clue restated, not a citation of clue 2
            piece = asides.line_clue(piece, host) or piece
        citing[0] = cites(piece)
        restating[0] = bool(marks.RESTATES.search(piece))
        if host is None and not frames and closed[0] and marks.CLOSED_CASE.match(clean(piece)):
            # "...: contradiction. In that case Sam is also a knight.": the claim is about the case just
            # refuted, where it is not a fact, and the case is no longer in force to check it under
            events.append(Event(index, "unknown", note=f"a claim about a case already refuted: {piece[:80]}"))
            return
        if host is None and citing[0] and not marks.CITATION_ONLY.sub("", piece).strip(" .,;:"):
            last = next((e for e in reversed(events) if e.line == index and e.what == "claim"), None)
            if tail[0] and last is not None and last.claim is not None:
                # "the rabbit is in house 4 — see clue 6": a citation that ends the line is the claim's
                last.claim.cited = tuple(dict.fromkeys([*last.claim.cited, *citing[0]]))
                # "— premise 2 gives it": the cited ones are said to give it themselves
                last.claim.forced = last.claim.forced or bool(marks.CITATION_CLAIM.search(piece))
                return
            # "By clue 2, tea is in house 2" is cut at the comma: the citation is the next clause's
            pending[:] = [index, citing[0]]
            return
        if host is None and pending and pending[0] == index:
            citing[0] = tuple(dict.fromkeys([*pending[1], *citing[0]]))
        if host is None:
            pending.clear()
        retraction = marks.RETRACTION.match(clean(piece)) if host is None else None
        if retraction is not None and not frames:
            # "Wait, that's wrong: Kai is a knave": the next claim says what is taken back
            while retracting:
                events.append(Event(retracting.pop(), "unknown", note="a retraction never resolved"))
            retracting.append(index)
            rest = clean(piece)[retraction.end() :].strip(" ,.:;!—–-")
            if rest:
                process(index, rest, None, forced_mood, following)
            return
        hedge = marks.HESITATION.match(piece)
        if hedge is not None and marks.VERDICT_ONLY.match(piece[hedge.end() :].strip(" ,.!:;—–-")):
            piece = piece[hedge.end() :].strip(" ,.!:;—–-")  # "Hmm, that leads to a contradiction"
            hedge = None
        if (
            "other" in piece.lower()
            and marks.FORCED.match(unfill(piece))
            and events
            and events[-1].line == index
            and events[-1].what == "claim"
        ):
            return  # "Dan is a knave, since any other role contradicts the statements": the claim's reason
        if hedge is not None and any(e.line == index and e.what == "claim" for e in events):
            # "Gus is a knave... no, a knight": the writer takes back the claim before it and says
            # something the reader cannot complete; the line cannot count as the first claim alone
            events.append(Event(index, "unknown", note=f"a claim corrected on its own line: {piece[:80]}"))
            return
        if host is not None and citing[0] and not marks.CITATION_ONLY.sub("", piece).strip(" .,;:"):
            # "tea is in house 2 (clue 3)": the bracket cites the clue for the claim it is attached to
            last = next((e for e in reversed(events) if e.line == index and e.what == "claim"), None)
            if last is not None and last.claim is not None:
                last.claim.cited = tuple(dict.fromkeys([*last.claim.cited, *citing[0]]))
                last.claim.restated = last.claim.restated or restating[0]  # "[clue 1 says so]"
                # "(premise 2 gives it)": the cited ones are said to give it themselves
                last.claim.forced = last.claim.forced or bool(marks.CITATION_CLAIM.search(piece))
            return
        if host is not None:
            piece = asides.resolve(piece, strip_answer_marker(host), read, mentions)
        elif previous[0] == index or (
            0 <= previous[0] < index and HYPOTHESIS.match(unfill(strip_answer_marker(previous[1])))
        ):
            # the clause before on this line, or a case heading on the line before ("**Case 1: Alice is a
            # knight.**" then "Then her statement is true"): a pronoun leading the clause may be its subject
            piece = (
                refer.judged_report(piece, previous[1], mentions)
                or refer.line_cell(piece, previous[1])
                or refer.resolve_lead(piece, refer.host_text(previous[1]), read, mentions)
            )
        if host is None:
            previous[:] = [index, piece]
        text = piece if GRID_ROW.fullmatch(piece) else unfill(strip_answer_marker(piece))
        if not text:
            return
        every = EVERY_CASE.search(text)
        if every is not None and host is None:
            # "r = false in every case": a fact, checked as one; inside a case it would be checked under
            # that case only, which is less than it says
            if any(not frame.soft for frame in frames):
                events.append(
                    Event(index, "unknown", note=f"a claim said of every case, inside one: {text[:80]}")
                )
                return
            while frames:
                close(index, "end")
            text = text[: every.start()].strip(" .,;:!")
        if _QUESTION.search(piece):
            question(index, text, following)
            return
        split = split_report(text, read, mentions) if host is None else None
        if split is not None:
            for part in split:  # the report and the writer's own clause, each read on its own
                process(index, part, None, forced_mood, following)
            return
        # the mood is read before the filler goes: "premise 3 would force r true" is said under the case
        mood = forced_mood or in_mood(clean(piece), mentions)
        if (
            host is not None
            and frames
            and frames[-1].soft
            and frames[-1].line == index
            and marks.CONSISTENT_TAIL.match(text)
        ):
            close(index, "close-consistent")  # "If A, then B (no contradiction)": the case judged
            return
        forced = bool(citing[0]) and bool(marks.CITATION_CLAIM.search(piece))
        if forced and not marks.CITATION_ONLY.sub("", marks.CITATION_CLAIM.sub("", piece)).strip(" .,;:"):
            # "s = true (premise 4 forces it)", "— premise 3 forces it", "(clue 5 alone)": the cited ones
            # are said to give the claim themselves, which the check holds them to (`Claim.forced`)
            last = next((e for e in reversed(events) if e.line == index and e.what == "claim"), None)
            if (host is not None or tail[0]) and last is not None and last.claim is not None:
                last.claim.cited = tuple(dict.fromkeys([*last.claim.cited, *citing[0]]))
                last.claim.forced = True
                return
        if citing[0] and host is None and marks.CITATION_CLAIM.search(piece) and read(text) is None:
            # "q = false — premise 1 forces it": the citation says its premise gives the claim before it
            events.append(
                Event(index, "unknown", note=f"a citation in words that are not read: {piece[:80]}")
            )
            return
        if host is not None:  # an aside gives a reason or restates; it opens and closes nothing
            if citing[0] and read(text) is None:
                # "(by premise 3 alone)", "[clue 1 forces it]": a citation with words that say more than
                # which premise it is, and nothing here reads them
                events.append(
                    Event(index, "unknown", note=f"a citation in words that are not read: {piece[:80]}")
                )
                return
            _assert(index, text, read, claim, events, counterfactual=mood, mentions=mentions)
            return
        conditional = CONDITIONAL.match(text)
        hypothesis = HYPOTHESIS.match(text)
        if hypothesis and hypothesis.end() < len(text):
            body = text[hypothesis.end() :]
            head, _, rest = cases.split_then(re.sub(r"^\(([^()]*)\)", r"\1", body.strip()))
            if cases.BOTH_CASES.match(head):
                return  # "Let's test both cases for p": a plan, nothing assumed yet
            cited = marks.CITED.match(head.strip())
            if cited and cited.group("who") and not marks.LOOK.search(hypothesis.group(0)):
                cited = None  # "Assume p: ..." assumes p; only "Check Jade: ..." looks at someone
            if cited and rest:
                # "Check Lena's statement: ...", "Check Jade: ...": a look at a statement or a person,
                # not an assumption; what follows the colon is asserted, its pronouns that person
                subs = clauses(rest)
                who = cited.group("who")
                for i, (sub, sub_host) in enumerate(subs):
                    if who and mentions(who) and sub_host is None:
                        sub = refer.name_pronoun(sub, who)
                    process(index, sub, sub_host, following=_next_main(subs, i + 1) or following)
                return
            topic = cases.TOPIC_HEAD.match(head.strip())
            if topic is not None and all(
                mentions(name) for name in re.split(r"\s*(?:,|\band\b|&)\s*", topic["names"])
            ):
                return  # "Let me try Ava first", "We test May first": whom to look at, nothing assumed
            head, head_asides = without_asides(head)
            reading = read(refer.indicative(head))
            if (
                reading is None
                and not hypothesis.group(0).lower().startswith(("case", "scenario"))
                and not head_asides
            ):
                return  # "Let's check Ben's statement": nothing assumed
            while frames:
                close(index, "end")
            open_frame(index, reading, False, head)
            for aside in head_asides:
                process(index, aside, head)
            subs = clauses(rest) if rest else []
            for i, (sub, sub_host) in enumerate(subs):
                process(index, sub, sub_host, following=_next_main(subs, i + 1) or following)
            return
        if conditional:
            head, rest = conditional.group(1), conditional.group(2)
            head, head_asides = without_asides(head)
            reading = read(refer.indicative(head))
            if reading is None:
                _assert(index, text, read, claim, events, counterfactual=mood, mentions=mentions)
                return
            if head_asides:
                # "If Ava (the first speaker) were a knave, ...": the aside is read under the case it names
                while frames and frames[-1].soft:
                    close(index, "end")
                open_frame(index, reading, True, head)
                for aside in head_asides:
                    process(index, aside, head, True)
                subs = clauses(rest)
                for i, (sub, sub_host) in enumerate(subs):
                    process(index, sub, sub_host, True, _next_main(subs, i + 1) or following)
                return
            if cases.rule_restated(reading, rest):
                # "If Ava is a knight, the statement is true": the rule of the island, no step; its
                # antecedent is still a case that a verdict after it may close ("That's impossible")
                while frames and frames[-1].soft:
                    close(index, "end")
                open_frame(index, reading, True, head)
                return
            while frames and frames[-1].soft:
                close(index, "end")
            open_frame(index, reading, True, head)
            subs = clauses(rest)
            for i, (sub, sub_host) in enumerate(subs):
                process(index, sub, sub_host, True, _next_main(subs, i + 1) or following)
            return
        consistent = marks.CONSISTENT.search(text) and read(text) is None
        # "r fails" may be a claim the kind reads ("p holds, r fails"), not a verdict on an assumption
        verdict = marks.CONTRADICTION.search(text)
        if (
            verdict
            and not marks.NO_CONTRADICTION.search(text)
            and not marks.STATEMENT_CONTRADICTS.match(text)
            and (verdict.group(0).lower() != "fails" or not isinstance(read(text), list))
        ):
            # "s fails", "premise 2 is invalid", "this is ruled out": what stands before such a verdict
            # is the thing judged, not a claim; only a clash word follows a claim ("..., impossible")
            said = marks.verdict_claim(text, verdict.start()) if marks.CLASH.match(verdict.group(0)) else ""
            reading = read(refer.indicative(said) if mood else said) if said else None
            if isinstance(reading, list) and frames:
                # the part that flatly denies the assumption is the clash the verdict declares ("Assume
                # Lena is a knight. Then her statement is false, a contradiction"), checked with it
                reading = [f for f in reading if not cases.negates([f], frames[-1].assumptions)]
                if reading:
                    claim(index, reading, said, mood)
            elif said and (isinstance(reading, list) or VALUE_MENTION.search(said)):
                # "Then Rose is a knave, contradiction": the claim that reaches the verdict is made
                # under the assumption and checked like any other, never dropped with the verdict word;
                # one that names a role or value but cannot be read is unknown. Only a description of
                # the clash with no value in it ("Kai's statement clashes with Finn's") stays the verdict's
                _assert(index, said, read, claim, events, counterfactual=mood, mentions=mentions)
            if frames:
                close(index, "close-contradiction")
                return
            if events and events[-1].what == "close-contradiction" and events[-1].line == index:
                return  # "some premise fails, so this case is impossible": the same verdict, said twice
            note = f"a contradiction claimed outside any assumption: {text[:80]}"
            events.append(Event(index, "unknown", note=note))
            return
        if frames and consistent:
            if frames[-1].soft and frames[-1].line == index and marks.CONSISTENT_TAIL.match(text):
                # "If Rosa is a knave, then Milo is a knight, which is consistent": on the conditional's
                # own line, the verdict judges its antecedent, checked like "this works"
                close(index, "close-consistent")
                return
            # "this works" judges an assumption; a conditional's antecedent is not one ("If Ben is a
            # knave, the statement is false. ... only one assignment is consistent"): its scope just ends
            while frames and frames[-1].soft:
                close(index, "end")
            if frames:
                close(index, "close-consistent")
            return
        concluding = bool(marks.CONCLUDING.match(clean(piece)))
        _assert(
            index,
            text,
            read,
            functools.partial(claim, concluding=concluding),
            events,
            counterfactual=mood,
            mentions=mentions,
        )

    cut = [clauses(raw) if raw.strip() else [] for raw in lines]

    def after(index: int, position: int) -> str | None:
        """The next main clause after this one, on this line or a later one (what answers a question)."""
        found = _next_main(cut[index], position + 1)
        for later in cut[index + 1 :]:
            if found is not None:
                break
            found = _next_main(later, 0)
        return found

    last = -1  # the last line with text: a retraction is resolved on its own line or the next one
    for index, raw in enumerate(lines):
        if not raw.strip():
            continue
        if retracting and (ANSWER.match(clean(raw)) or retracting[-1] not in (index, last)):
            events.append(Event(retracting.pop(), "unknown", note="a retraction with no claim after it"))
        last = index
        if ANSWER.match(clean(raw)):
            while frames:  # the answer is asserted, whatever case analysis came before
                close(index, "end")
        if _TOPIC_HEADING.match(raw):
            continue  # "### Step 1: r": a heading that names what the step is about claims nothing
        for position, (piece, host) in enumerate(cut[index]):
            following = after(index, position) if piece.rstrip().endswith("?") else None
            tail[0] = _next_main(cut[index], position + 1) is None
            process(index, piece, host, following=following)
    while frames:
        close(len(lines) - 1 if lines else 0, "end")
    while retracting:
        events.append(Event(retracting.pop(), "unknown", note="a retraction with no claim after it"))
    # `process` calls itself, so it holds itself through its closure: a cycle that would keep the walk's
    # state alive until the cyclic collector runs (each response's walk would then cost a collection's
    # share). Unbound, everything is freed at once by reference counting
    process = None  # type: ignore[assignment]
    return events


# A markdown heading whose words after an optional "Step N:" are one or a few names and nothing else
_TOPIC_HEADING = re.compile(
    r"^\s*#{1,6}\s*(?:\*\*)?\s*(?:step\s*\d+\s*[:.)\-–—]\s*)?"
    r"[A-Za-z][\w-]*(?:\s*(?:,|&|\band\b)\s*[A-Za-z][\w-]*)*\s*(?:\*\*)?\s*$",
    re.I,
)


def _next_main(pieces: Sequence[tuple[str, str | None]], start: int) -> str | None:
    return next((piece for piece, host in pieces[start:] if host is None), None)


def _frame_claim(frame: _Frame, outer: Sequence[_Frame]) -> Claim | None:
    if frame.assumptions is None:
        return None
    context: list[Formula] = []
    for other in outer:
        if other.assumptions is None:
            return None
        context += other.assumptions + other.derived
    return Claim(frame.line, frame.assumptions, "assumed", context, "")


def _assert(
    index: int,
    text: str,
    read: ClauseReader,
    claim: Callable[[int, list[Formula], str, bool], None],
    events: list[Event],
    counterfactual: bool = False,
    mentions: Callable[[str], bool] = anything,
) -> None:
    text = text if GRID_ROW.fullmatch(text) else unfill(text)
    if not text:
        return
    reading = read(refer.indicative(text) if counterfactual else text)
    if _NON_ASCII_LETTER.search(text) and not reported(text, read, mentions):
        # puzzle names and values are ASCII: "Αva" (a Greek capital alpha) must not pass for prose
        events.append(Event(index, "unknown", note=f"letters outside ASCII in a claim: {text[:80]}"))
        return
    if reading is None:
        return
    if isinstance(reading, str):
        if reported(text, read, mentions):
            return  # reported speech: the speaker's words, not the writer's claim
        events.append(Event(index, "unknown", note=reading))
        return
    claim(index, reading, text, counterfactual)


_NON_ASCII_LETTER = re.compile(r"[^\W\d_a-zA-Z]")
