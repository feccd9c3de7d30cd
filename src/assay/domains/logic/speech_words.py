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
# The words a frame around a quotation may hold besides the speaker's name, each saying that the speaker said
# the quoted words: 'Quinn replies "..."', '"...," Quinn answers', "Quinn's words were "..."". A frame with
# any other word ('Quinn denies "..."', 'Quinn never says', 'Looking at Quinn:', 'Someone other than Quinn
# says') does not attribute the quotation to the speaker as said, so it is not skipped as their words.
_QUOTE_FRAME_WORDS = """
    says say said claims claim claimed states state stated asserts assert asserted declares declare declared
    tells tell told us you me remarks remarked mentions mentioned notes noted comments commented replies
    reply replied answers answer answered responds respond responded insists insist insisted shouts shout
    shouted exclaims exclaimed adds added retorts retorted whispers whispered announces announced proclaims
    proclaimed yells yelled cries cried explains explained continues continued also then first next and
    words word statement claim claims remark was were is that
"""
QUOTE_FRAME = frozenset(_QUOTE_FRAME_WORDS.split())
