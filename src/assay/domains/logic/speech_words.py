"""The words in which a trace speaks of what someone said: the verbs of a report ("Ava notes Ben is a
knave") and the nouns of a statement ("Ava's remark"). One list for every reader, because a word only one
reader knew was a way through: the walk skipped "Tess mentions that Hana is a knave" as reported speech
while the knights reader, which checks a report against the speaker's statement, knew only "says".
"""

from __future__ import annotations

# "Ava <verb> Ben is a knave": an unquoted report
REPORT_VERB = (
    r"says?|said|claims?|claimed|states?|stated|asserts?|asserted|declares?|declared|"
    r"tells?\s+(?:us|you|me)|told(?:\s+(?:us|you|me))?|remarks?|remarked|mentions?|mentioned|notes?|noted|"
    r"comments?|commented|expressed"
)
# "Ava's <noun>": what she said, named as a thing
STATEMENT_NOUN = (
    r"statements?|claims?|assertions?|words?|remarks?|comments?|testimon(?:y|ies)|declarations?|"
    r"utterances?"
)
# The words that make what follows a reason: "by Milo's statement", "given what Rosa says", "since Dan said
# ...", "as Tess's remark shows", "in light of Cleo's words"
REASON = (
    r"by|from|using|via|per|see|according\s+to|given(?:\s+that)?|after|since|because(?:\s+of)?|as|"
    r"in\s+(?:light|view)\s+of|based\s+on|going\s+by|considering|following|judging\s+by|thanks\s+to"
)
