"""A verifier's version names what it decides, so a changed verifier can never reuse old verdicts.

`assay verify` skips a candidate that already has a verdict of the verifier's `name@version`, and export
trusts that verdict; a verifier whose code changed but whose version did not would therefore keep the
old code's verdicts (a false accept fixed in the code would still be exported). This test pins, for
each built-in verifier's current version, a fingerprint of the sources that decide its verdicts. When it
fails, decide: if the change can turn any verdict, bump the verifier's `version` (stored verdicts of the
old one are then re-verified, and export selects the new ones); if it cannot (speed, comments, names),
pin the new fingerprint below and say why in the commit message.
"""

from __future__ import annotations

import hashlib
from pathlib import Path

import pytest

import assay
from assay.registry import Registry

SOURCES = Path(assay.__file__).parent
# the packages whose code decides each verifier's verdicts (besides the shared floor it is built on)
DECIDED_BY = {
    "math-answer": ("domains/math", "text"),
    "math-steps": ("domains/math", "text"),
    "code-tests": ("domains/code", "text"),
    "logic-steps": ("domains/logic", "text"),
}
PINNED = {
    # version 9: a system's line is held to the move it names however it names it ("(1) + (2):", "R1 − 2R2",
    # "Doubling equation 2", "From the bottom equation", an equation written out as the source, "Check (2):",
    # a heading's move held to the next line), and a name it cannot resolve is unknown; a parenthesised
    # number an operand follows is a factor, not a line label; a lost subject kept ("So x is 12 − 9 = 3"),
    # arithmetic on numbers no line wrote unknown in one-equation traces; operations on both sides read in
    # any words and held to the line; a step to another degree or function with the same roots is no move;
    # an operation named on an arithmetic line must be the one it computes; "We factor A as B" an identity;
    # a story with a fraction is a word problem; units in arithmetic, labels held to what they count;
    # helper unknowns worked to the answer; SymPy's witness drawn on both halves of the line
    # version 10: names of equations read in compatibility form (NFKC), and a line naming both adding and
    # subtracting equations is unknown
    # version 11: plural, paired, number-word and circled names of equations; a move named after its equation
    # is a name, not a factor; a heading's unreadable move leaves the next line unknown; a written combination
    # held to its own simplification; eliminated-variable verbs checked; cases on one line checked one at a
    # time; approximations dropped only when rounded exactly; "Answer: x = 4 ✓" and JSON answers; extraneous
    # roots rejected by their checks; a retraction on its own line; word problems: labels read wherever a line
    # writes them, operation nouns and names held to the arithmetic, kinds of quantity held to the result's
    # unit, a line of several sentences read a sentence a step, a step called wrong unknown
    # version 12: every word that names a line's move (before its equation, after it, in brackets, on an
    # instruction line or heading above) is a move the line is held to or a harmless word, else the line is
    # unknown; the first arithmetic a linear line shows starts from an equation's number side; a failed
    # check that ends "Reject." rejects its candidate (re-pinned for a refactor of move_words: one reader of
    # a matched number)
    # version 13: solver phrasings (a fraction in lowest terms is a number, a move's operand before a comma,
    # reciprocals, the quadratic formula and discriminant stated in letters, "distribute the negative", "set
    # them equal"); a word problem's line read clause by clause; labelled chains with a box; closing sentences
    # in the question's words; a restatement holds every word after its number to the prompt; a given number
    # subtracted again only when it undoes itself; an x between numbers multiplies; named moves held on every
    # line and in systems; move marks (`2x = 8 (−5)`); rejections with reasons and domain notes; rate articles
    # (`90 a day`); truncated decimals; units after inline LaTeX; per-what labels; taxes; prompt conditions
    # (`for x > 0`); rounding as asked
    # version 14: scientific notation read when it has one reading (`4.2e1`; `1.5e-3` unknown); `1,000.5`
    # read as 1000.5 and `1.000,5` never refuted as a list alone; an answer with a letter the reference lacks
    # (`12 m`, `1k`) unknown; a tuple follows the order the prompt lists the unknowns in, and is unknown when
    # the prompt names them out of order without asking for one; `(x, y, z) = (...)` names three values; a
    # move mark after inline math; a named sign slip takes back the roots before it; "x = 3 is excluded"
    # rejects a root; a value a word problem computes carries a record of what it counts, held to its later
    # uses and to the question; a formula in words (`Distance = speed × time`) is prose when its words
    # measure alike, alone or before the bare arithmetic it names; `mi` is a unit
    # version 15: a closing sentence whose number is followed by a unit or a counted thing other than the one
    # the question asks for (`8 cm` for meters, `6 pears` for apples) is no answer; `left over`, `remain`,
    # `ends up with` and one spelled number (`twenty-three`) read; `Answer: 23 muffins left` read whole; a
    # total said with its arithmetic is a claim, one said alone the answer only when no other is stated;
    # `3 x $4` multiplies; `the total cost` names no value; `a $20 bill` counts dollars; a number after `and`
    # shares the verb before it; `Answer:` before a sentence; a decimal that is a value cut to its places,
    # written with `=` (`200 / 45 = 4.44`), is unknown, not refuted; a closing sentence may name the
    # quantity the question asks for (`Her average score is 85.`) and give a fraction (`3/8 of the pizza`); a
    # prompt sentence that starts with a pronoun is about the subject of the one before it (restatements);
    # the prompt's own `N more` said again is a restatement
    # version 16: a surd written as a short decimal with `=` (`√2 = 1.41`) is an approximation, unknown; an
    # `Answer:` label before a sentence may read as the answer line does (`So the final answer: ...`); a
    # number after `and` takes the verb of the number before it only with no other number (`30%`) between;
    # `€20` and `£20` are prices as `$20` is; a chain after words that take its first number into another
    # value (`half of 100 = 50`, `100 minus 15 = 85`, `older than 100`) is unread, never refuted; `half of
    # 100, which is 100 / 2 = 50` heads its chain with the part; "how much water" in a prompt that measures
    # water in one unit asks in that unit; a closing sentence may say where the quantity is (`left in the
    # tank`), the substance (`liters of water`) and the question's own given (`12 pencils cost $4.`);
    # `each time` is an occasion, not a duration; a label before a chain that starts with a percentage or a
    # fraction of a number (`Boys = 40% of 30 = 12`) is taken off as before any chain; `Empty chairs:` (empty,
    # whole, single, double) before a chain with no variable names things, no property of a value; a unit
    # letter the prompt measures in closing a chain (`= 34 m.`, `= 60 m²`) is the unit, never a variable
    # (`34m` refuted correct answers); a unit of a kind the prompt measures in another unit (`60 feet` for
    # a garden in meters) is unread; `square meters` names no squaring; a formula of a figure in words
    # (`Area = length × width = 12 × 5 = 60`); a result's squared or cubed unit is an area or a volume, held
    # to its label (`Area = ... = 60 m^3` unread)
    # version 17: an answer doubted, supposed or taken back without a named mistake (`The answer is 56; no,
    # 54.`, `Final answer: 56` then `Actually no.`, `I'm not sure the answer is 56`, `Maybe \boxed{56}`) is
    # no committed answer; an answer stating a false equality of numbers (`\boxed{54 = 56}`) is refuted; a
    # struck box (`\sout{\boxed{56}}`) is struck text; a unit math-verify reads as letters (`20\text{ cm}^2`)
    # is unknown, never refuted; a step's equation in i (`i^2 = -1`) is unknown (the imaginary unit); word
    # problems: conversion facts and chains held to a table of conversions (`There are 7 days in a week`,
    # `2 hours = 2 × 60 = 120 minutes`), a one-letter unit never a variable, `0.25 × 100 = 25%` a percentage,
    # a prompt's `-3 degrees` or `3½ cups` a quantity, several named values for one asked unknown
    # version 18: word problems: a line that says the prompt's givens again is held to their signs, rates, the
    # person before each number and the words after it, and may name the prompt's one person for `he` or
    # start from its first number; quantities named in the unknown (`Then Emma's age is 3x.`) read only as the
    # prompt's stated relations say, and computed once the unknown is solved; `Let the smaller integer be
    # n`; a division rounded up or down in words, checked exactly; signed values computed and used, a sign
    # flipped on a computed value unknown; a square's four sides; a fraction of grounded numbers as the
    # answer; `600 cents = $6`; a formula in words of any nouns and the `=` lines under it; closing
    # sentences with a negative value, the prompt's substance, an area in the unit squared, a percent;
    # relative change is no number taken back; bracketed reasons written ahead of their lines when the
    # first is the problem with a move (a correct trace in that style was refuted); a segment read once per
    # text, exact values kept on the tree, whole-number arithmetic without the general fraction code (no
    # verdict change; re-pinned for speed alone: the prompt's names found without a pattern per word, a
    # rounding looked for only on a line that says "round"; the tree walks with exact type tests)
    # version 19: an answer put forward as a question, with a hedge or a verdict against it (`x = 4?`,
    # `Probably x = 2, 3`, `x = 4 (incorrect)`), or doubted after it (`That seems off.`) is no answer; a value
    # for a name the problem does not have, after its own or instead of them (`x = 3, y = 2, z = 7`); a
    # rejected root leaves the others as the answer; a value bound in prose after the last claim leaves none;
    # a closing sentence that does a given's act (`He gave away 29 apples.`) for what is left; cases split at
    # "or" end with their sentence (a later `So x = 3` dropped a root and verified); a move said of one side
    # of an equation is unknown; an answer in an unconverted unit scale (cents as dollars) or a length to the
    # wrong power (`cm³` for an area) is unread; a square's 4 only for the square; label = value
    # restatements, rates in words inside a product, `each box holds 8`, `the sum is 11/12` read (the tree
    # walks with exact type tests: speed, no verdict)
    # version 20: a line after the stated answer that puts another value forward leaves no answer (`Or maybe
    # x = 5.`, `Hmm, or 30?`, `P.S. If he also ate one, 28.`, a plain `x = 5`, `2x = 10`, a number in words,
    # a line with no claim and a new number, work after the answer that ends on another value); a reply
    # after a reasoning block that disowns it (`I don't know.`); prose after the last claim that works on a
    # number (`29 - 1 apples`) or gives a percent the last claim did not (`29% of the apples`); a closing
    # sentence about someone the prompt lacks (`His sister has ...`); a rounding after a stated answer taken
    # off when it holds (`\boxed{19/40} ≈ 0.48`), `\approx` no hedge,
    # `{19 \over 40}`; boxes joined by and/or one answer; a chain closed by a line `= v`; side checks over two
    # lines; a subscripted number in an answer unknown; a false calculator note refuted at its step; a chain
    # of equations false at the solution before refuted; `I` no variable; prices in written products (the
    # readers of claims in words skipped on plain equations, one scan of the tokens, shared leaves, guarded
    # word patterns in the checkers, multiples of linear forms by primitive direction: speed, no verdict;
    # re-pinned for one fraction reader in after_answer.py, no verdict)
    # version 21: a value offered after the stated answer where a sentence puts its value leaves no answer
    # even when the work wrote it (`Maybe 36.`, `Could x be 8?`, `On second thought: 36.`), and so does
    # another value under a label (`Apples left: 36`, a table row, `∴ 36`, a line read as an answer that
    # states none) unless the label recaps a given or a check; a doubt that names no value takes the answer
    # back (`Probably wrong.`, `Not confident.`, `I think.`); a closing sentence after another answer leaves
    # none instead of refuting; a closing sentence before lines that only look back is the answer; work after
    # an answer ending on a number the problem wrote leaves none unless it looks back; `29, not 36` and `29
    # apples, not 36` read; `still` no longer moves a closing sentence's number; `now` after its unit kept
    # (scans skipped where their text cannot be, a prefix tree of unit names: speed, no verdict; re-pinned
    # for one reader of a written number shared by after_answer.py and labelled_values.py, no verdict)
    # version 22: invisible format characters leave the response before any reader sees it (bidi controls
    # kept and refused); `<reasoning>`, `<thinking>` and `<|begin_of_thought|>` blocks end as `</think>`
    # does; a block never closed, or a text that ends right after one or after an announced answer, states
    # none, and a reply after a block with no answer and no work in it leaves none (no fall back to the
    # block); a text that stops before it is done (broken off, work announced and never shown, a second
    # thought left open) leaves none; a sentence that disowns any answer (`I cannot determine the answer.`,
    # `Confidence: low`) and a failing mark (`29 ✗`, `❌`, an unticked box) doubt; a correction label
    # (`Update:`) offers its value; a check after the stated answer is held to it, not a second answer; a
    # percent taken of a number in the answer's chain gives the chain's value (verified only); a label's
    # answer sentence before courtesy lines is the answer; an offer of help and `∎` are prose; a value
    # concluded after a claim (`36 - 7 = 29, so 36`), an empty box, an answer line nobody reads, a box inside
    # a larger value and `\boxed{> 29}` state no answer; a reason after because/since is a clause of its
    # own; Expand/Simplify/Factor problems whose reference rewrites the prompt's expression are step-checked
    # (every claim an exact identity); arithmetic with numbers in words, `A means B`, `15% of 240 is
    # $\boxed{36}$`, short time units, powered units in chains, a system's equation divided by a number
    # (held to the scaling) and `x = 0 or x - 2 = 0, which means x = 2` read
    # version 23: a system whose prompt asks for one of its names (`Find x.`) is answered by that name's
    # value; a relation said in words of a term in a variable (`x^2 is the same as x plus x`) is a claim;
    # more texts that stop before they are done (trailing emoji, a bare hesitation or connective, a question
    # about the answer, a redo that names a number but shows no work, a hedge split over the last two lines,
    # a cut-off behind a lone closing tag or `**`), fewer that do not (`No need to double-check.`, a letter's
    # closing, `Actually, this is the only solution.`); `I might have made an error` doubts
    # version 24: a line that judges the stated answer (`The answer is correct.`, `The answer checks out ✅`)
    # is a look back held to it, no unreadable answer of its own (an answer in words nobody reads still
    # leaves none: `Answer: unknown`)
    # version 25: a line of values and few words after the answer (`(5)`, `i.e. 5`, `So (4, 6).`) must give
    # the answer's values, in the names' order for several; a lone expression after it (`29 + 1`) puts its
    # value forward; a box inside a command's argument (`\\phantom{\\boxed{5}}`) or after an unread command
    # is no answer; a TeX `%` comment in math leaves a response unanswered; boxes that only join are one
    # answer step; `x = 2; x = 3` lists the solutions; a clause that names its move and writes an equation is
    # a step of its own, held to that move; an expression that goes on past a unit word (`x = 240 km / 3 h`)
    # is unread; a closing sentence's number in inline math (`\\(40\\)`) is read; a rate the question asks
    # for (`in km/h?`) is the answer's unit in any spelling; `Average speed = distance / time` is a formula;
    # `The answer is correct ✅` with nothing after the judgment but marks is a look back, and prose; doubts
    # of the value just given (`the answer might be different`, `that seems too small`) and an objection
    # from the problem left unanswered (`but the problem says ...`) take the answer back. Re-pinned after a
    # review that merged duplicated readers (box spans, values after the answer); no verdict changed on
    # the math corpus, 1,500 bench and 1,500 mix items
    "math-answer@25": "1515d6eab72fc33a",
    "math-steps@25": "1515d6eab72fc33a",
    # version 26: an answer asked about (`\\boxed{72}?`, `Answer: 72. Right?`, `Correct?` after it) is no
    # answer; a check mark after the asked unit (`72 clips ✓`) and LaTeX's escaped dollar (`\\$1,250`) are
    # read; an expression written out after the answer worth another value (`Alternatively: 4 + 6 + 1 + 1`,
    # `four plus six`), a root rejected or dropped after it (`But x = 3 doesn't work.`, `Only x = 2 is
    # valid.`) and a pair named nothing given the other way round take the answer back; Game of 24: the
    # whole answer again after the steps is a recap, and after a step not read a missing number is unknown;
    # a check line checks each value it binds, one worked in pieces (`3 × 4 = 12, 12 + 5 = 17`) is the claim
    # it makes, and a result taken on in words (`3 times 4 is 12, plus 5 is 17`) is read; an expression whose
    # value is not the reference (`What is 3/8 as a percent?`) leaves its steps unknown, and `as a percent`
    # asks in percent; a value a program after the answer prints or returns, or one inside HTML tags, is
    # held to it; a word problem's answer stated before its work is held to what the whole trace computed; a
    # hyphen or en dash right after the answer word (`Answer - 4`: a separator or a minus) leaves it unread;
    # `Ans:` is the answer word; boxes after a connective alone (`So \\boxed{2} and \\boxed{3}.`) are one
    # answer step; `Both roots are valid.` is prose; `Result:`, `Final:` and `Answer —` label the answer;
    # a last line of a conclusion word and values (`I get -11/7.`, `So 2 and 3.`) states it; labelled values
    # (`{x: 6, y: 4}`) are claims; `(B) 36` answers when the prompt lists it, and choices are no givens;
    # `the expanded form is ...` and a substance after the unit (`20 kg of flour`) are read; a line naming a
    # percent of a number and ending on a colon is one chain with the arithmetic line after it. Re-pinned
    # after a review that reads an answer's worth with the answer reader's own assignments; no verdict
    # changed on the math corpus, 1,500 bench and 1,500 mix items
    "math-answer@26": "7ce6f1d21121440f",
    "math-steps@26": "7ce6f1d21121440f",
    # version 27: a Game of 24 answer with a rule-breaking answer offered after it (`6^1 × 4^1`, `4!`, a
    # number used twice, the target from other numbers) is unknown; an expression after any answer is weighed
    # by the answer's worth, not its operands; a closing sentence with a contracted negation (`doesn't`,
    # `won’t`) is no answer; `You need 4 cups` (the question's `needed`), `Area = 150 cm²`, `$600 per week`
    # for "in a week" and a boxed fraction in a sentence are read; a rounding not claimed (`We don't round up
    # to 4`, `..., i.e. five`) is unread, and one said by what must be bought (`he must buy 13 packs`) is
    # read; word problems: consecutive integers and a ratio's parts named at once (`Let the integers be n, n +
    # 1, n + 2`, `Let the angles be 2x, 3x, 4x`), their offsets and a figure's angle sum given by the words,
    # relations to a relative read both ways, a quantity in the solved unknown evaluated (`The largest is n +
    # 2 = 25`), an order or a noun as a quantity's label, label = inline math, degrees as a unit in a prompt
    # about angles, two bare fractions a story's quantities; a helper equation with a number one operation
    # away from the prompt's, or after a step not read, is unknown, not refuted; `the sum of the four numbers
    # is 4 × 15` names the quantity, not the operation; counted things are units of their own in a chain; a
    # value written again as the same number (`3/2 (or 1.5)`) is one answer; `Let x = Carl's apples.` names
    # the unknown; `1/3 of 90 is 30` and `Twice 45 is 90` are read when true; a change asked in percent asks
    # percent
    "math-answer@27": "521bd9c01b4761d8",
    "math-steps@27": "521bd9c01b4761d8",
    # version 8: identity judged on values that cross as copies (tuples, strings, numbers) is unknown;
    # getattr, vars, globals and __dict__ screened at run time (ordinary uses verify); callbacks never take
    # the bridge's frame; a handle refuses copy and pickle; NaN crosses with its identity; the candidate's
    # code keeps Python's limit on int digits; the tests never compare objects whose class defines equality
    # version 9: program, setup and tests compiled as written (the sandbox's own __future__ imports no longer
    # defer a program's annotations); finalizers that run when C lets go of what the tests dropped, objects
    # Python drives only by their own type, operators of the candidate's classes and a class switched after
    # crossing leave the run unknown; a handle has exactly its object's protocols
    # version 10: type(x) and x.__class__ of an object of the other side leave the run unknown; a coroutine
    # awaited alone in the tests' event loop runs to its end in C; a value the tests cannot lend to C leaves
    # the run unknown; a module of tests after the code is left out of the program; prose shaped like a
    # compound statement's head is prose (C reads every class for a builtin __del__ only when its program may
    # make a finalizer: speed, no verdict)
    # version 11: the per-task time limit is CPU time with a wall-clock backstop (a loaded machine no longer
    # times out a correct program); pytest test functions and classes and unittest TestCases run; assert False
    # on the failing path counts as a check
    # version 12: tests written for pytest and unittest run as their runner runs them (marks, fixtures,
    # approx as pytest 9 has it, a module that starts its own runner left out); a whole program's threads are
    # waited for and its atexit functions run before its output is judged; tests that need a module the
    # sandbox lacks are unknown; a block that stands for code left out (`# ... rest unchanged`) is no program
    # version 13: a later definition the response calls old, wrong or a mistake (in its lead or a comment), or
    # prose after the versions that chooses an earlier one, leaves the final code unknown
    # version 14: unfenced code is read when it is certain (runs judged like fenced blocks: two versions,
    # prose inside, an edit after it stay unknown); a `>>>` transcript is the answer, its shown outputs
    # checks; blocks named as files are joined; example calls and labelled example lines after the code are
    # harmless; the worker compiles the candidate's code under C's limits and C loads it (no verdict change)
    # version 15: a block whose fence is never closed is read up to its first line of prose, and an open
    # block after a complete one may be the final code cut off (unknown); indented prose after bare code
    # ends it when certain; transcript outputs of `print` with several arguments, wrapped outputs and sets
    # are checked, and `>>> f(1), f(2)` is the tuple it shows
    # version 16: what a transcript's loop or `print` with `sep=`, `end=` or `*args` prints is checked line by
    # line; a transcript after the code is checked as a second program (the code, then its outputs as
    # checks); prose after the code that disowns or edits it (`Disregard the code above`, `EDIT:`, `use x * 2
    # instead`) leaves the final code unknown (a static class's protocols read once per class: speed, no
    # verdict)
    # version 17: a block under a heading that names only its own language is a translation (a Python
    # solution then `**Java:**` and a Java block verifies); the tests keep the globals reader and the
    # program's exports to their end (a finalizer no longer runs at the first check), one compile of the
    # tests fewer, the program sent before C starts (speed)
    # version 18: a sentence after the code that doubts it as a whole (`This doesn't work.`, `(untested)`,
    # `This might be wrong.`) leaves the final code unknown; `**Correct approach:**` after a block introduced
    # as wrong is its correction (the last version tested), not an alternative that must pass too; Llama's
    # tool-call tokens end a line (code after `<|python_tag|>` read)
    # version 19: prose after the code is read with invisible characters taken out (`This doesn't w\u200bork.`
    # doubts); a response whose last line stops before it is done (`Here is the improved version:`, `Wait,
    # let me reconsider.`) has no certain final code; a later block giving the code again under a new name,
    # and code in an HTML comment, fail closed; a diff after the code that applies at exactly one place per
    # hunk is read as the code given again; a reply that is only its reasoning section is read without its
    # tags (the worker reads the candidate's code for C once: speed, no verdict)
    # version 20: the texts that stop before they are done as math reads them (text/unfinished.py, above),
    # a lone closing tag or fence after the last line skipped
    # version 21: a LeetCode `class Solution` whose method is the entry point answers tests that call the
    # function (a new Solution per call); a completion whose prompt does not compile with it runs as it is;
    # code followed by a sentence that says it fails (`This fails the tests.`, `It doesn't handle negatives
    # correctly.`, `Confidence: low`) has no certain final code
    "code-tests@21": "cee10922b98632d1",
    # version 22: a line introducing the final code that disowns it (`A common wrong answer:`, `Here's a buggy
    # attempt:`, `(untested)`, an `<example>` tag), a sentence after it that disowns it whole (`This is a
    # draft.`, `I just guessed.`, `(placeholder)`) or a fence line or comment marking it a draft leaves no
    # certain final code; a failure word beside a fixing word (`That fails for negatives. Final:`) still
    # introduces the fix
    "code-tests@22": "cd2313c312b2cdcf",
    # version 8: a sudoku reason is taken as read only when the grid so far bears it out; a citation after a
    # claim is the claim's (knights' "by Milo's statement" checked); "all statements are true" is a claim in
    # knights; a counterfactual "which works" judges its case; a heading with data on its line, and cells in
    # another notation, are unknown; zebra, knights and propositional phrasings read (recall)
    # version 9: a cited premise, clue or statement must give the claim with what the trace established
    # (literals too, and inside refuted cases); a reason named in any words ("As clue 2 says", "By P3",
    # "Since Cleo said ...", "X says ..., so", "Given Tess's remark", "her words force it") is the claim's
    # citation, and a number or pronoun it cannot resolve is unknown; an unquoted report is never skipped; one
    # list of report verbs and statement nouns; sudoku reasons before the placement; a claim taken back in its
    # own aside is unknown
    # version 10: a quotation is skipped as someone's words only when it is their words, in a frame that says
    # they said it; a statement quoted back is read in the puzzle's statement language; a question that
    # takes a claim for granted is held to it or unknown; a fact said again with a citation is held to the
    # cited premise without itself; a quantified claim about the puzzle's own text is unknown
    # version 11: premises cited by label in lists and leading a claim; the house right after/before another;
    # each bracketed citation in a list of claims belongs to the claim it follows (guarded scans: speed)
    # version 12: a citation uses only what came before it (not claims listed after it on its line); knights
    # statements cited by number or pronoun; negation scope; case marks; counterfactuals; corrections
    # version 13: a numbered item given a verdict after a colon ("Premise 2: F", "P2: ¬(T ∧ F) = F") is a
    # claim on it; zebra answers placed by company, and labels naming another attribute than their value;
    # a knights verdict the reader cannot read (`(2): T`) is unknown, a knave's statement being false
    # (re-pinned for speed alone: the Tseitin encoding and the formula check without per-node copies, a
    # single name read without the list splitter, a clause without a quotation not searched for one)
    # version 14: knights answers as truth letters (`Will: T, May: F`), counts with their names (`There are
    # two knights: Ava and Cal`, the count held to the names), "the other two", "only" and "alone" forms, an
    # ellipsis after a semicolon; zebra "neither ... nor" and "does not live in", tables with one row per
    # attribute (re-pinned for knights@2's generation, no checker change, and for speed alone)
    # version 15: a knights sentence that copies the role of the plain claim before it across a full stop
    # (`Ava and Cal are knights. Ben is not.`, `So is Cal.`) is read with it; zebra `X drinks neither A nor
    # B` read as two denials, whole or not at all
    # version 16: an answer that lists one entry twice (`Knights: Ava, Ava`, a table row or house line
    # repeated, a name twice in a respectively list) is unknown, a restatement in its own block still reads;
    # a plural denial after a plain claim across a full stop, semicolon or "but" (`Ben and Cal are not.`);
    # zebra `X is not Y` a denial; `Knight(s):`, `The knights are:`
    # version 17: a knights table on its side (people as columns, a row of roles or yes/no marks) read when
    # every cell is; a LaTeX command's brace after an answer marker is no data block (`**Answer:**
    # $\boxed{\text{...}}$`); `To restate:`/`To recap:` mark the answer; a sudoku row numbered with its
    # position read without the number
    # version 18: `What if X?` opens a case (what follows it is checked under X); a role denied after `not a
    # ROLE and` stays denied; `Only Ava is a knight; the other two are knaves.`, `the others` after a plain
    # claim, double denials, `none of A and B`, `A and B both lie`, inline `<answer>` tags, YAML answers and
    # zebra tables with a blank corner read; the task restated, naming nobody, is no claim
    # (re-pinned: text/unfinished.py, which logic does not use, changed; no logic verdict)
    # version 19: an answer rated below sure (`confidence: low`, `Confidence: 40%`) is no answer
    "logic-steps@19": "5e292203dceced0a",
    # version 20: a heading above the answer is read only when every word of it is an answer heading's, and
    # one that disowns or transforms it (`Transposed grid:`, `A common wrong answer is:`, `Draft:`, `_Decoy_`,
    # `<draft>`, a table header) leaves it unread, as does a sentence anywhere saying the answer is written
    # transformed, a line giving up, a cross above it, a disowning sentence before `Answer:` or a closing
    # offer in other than an offer's words; struck-out text is taken back for every reader; an answer in an
    # HTML comment is no answer; a cross is no bullet
    "logic-steps@20": "66533da54fb05826",
}


def fingerprint(folders: tuple[str, ...]) -> str:
    digest = hashlib.sha256()
    for folder in folders:
        for path in sorted((SOURCES / folder).rglob("*.py")):
            digest.update(str(path.relative_to(SOURCES)).encode() + b"\0")
            digest.update(path.read_bytes().replace(b"\r\n", b"\n") + b"\0")
    return digest.hexdigest()[:16]


@pytest.mark.parametrize("name", sorted(DECIDED_BY))
def test_a_changed_verifier_comes_with_a_new_version(name: str) -> None:
    verifier_id = Registry.from_entry_points().verifier(name).id
    assert verifier_id in PINNED, f"{verifier_id} is not pinned here: add it with its fingerprint"
    now = fingerprint(DECIDED_BY[name])
    assert now == PINNED[verifier_id], (
        f"the sources of {verifier_id} changed (fingerprint {now}). If a verdict can change, bump "
        f"{name}'s version; if none can, pin {now} for {verifier_id} in this file and say why"
    )


def test_every_built_in_verifier_is_pinned() -> None:
    built_in = {
        name
        for name in Registry.from_entry_points().names("verifiers")
        if Registry.from_entry_points().factory("verifiers", name).__module__.startswith("assay.")
    }
    assert built_in == set(DECIDED_BY)
