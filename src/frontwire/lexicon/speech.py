"""Words of speech and attribution: the one list of them every stage reads.

The quotes stage decides from a verb's frame (a speaker subject, a reporting verb and a content
clause or quotation), not from membership in a broad list; these lists name what each verb can
do in that frame:

- ``SPEECH_VERBS`` report speech: their subject said something, and a clause, a quotation or
  the clause they hang from ("X, he said") is what was said.
- ``CLAIM_VERBS`` assert a finding or an estimate; a document or a body may be their subject
  ("the report found that ...", "the ministry estimated that ..."). They attribute only with a
  content clause.
- ``BELIEF_VERBS``, ``WISH_VERBS``, ``FINDING_VERBS`` and ``VOTING_VERBS`` are not speech:
  "believes", "wants", "found", "voted for" report a state of mind or an act, never words.
  ``NON_SPEECH_VERBS`` is their union.
- ``ACTION_OBJECT_VERBS`` are speech acts whose plain object is an act, not content ("announced
  the victory", "thanked the troops"): a quote only when a clause or a quotation follows.
- ``INFINITIVE_SPEECH`` report an infinitive ("told residents to leave"), ``CHARACTERISING``
  an object with its "as" phrase ("described the attack as a provocation"), and
  ``QUOTE_ONLY`` speech only with a quotation ("he continued, '...'").
- ``SOURCE_NOUNS`` head a phrase that can be a source without a name ("a spokesman", "the
  report"); ``ORG_SOURCE_NOUNS`` make that source an organisation; ``DOCUMENT_NOUNS`` speak
  for whoever issued them. ``PLACE_NOUNS``, ``TIME_NOUNS`` and ``EVENT_NOUNS`` are never a
  source.
- ``CLAIM_CUES`` and ``CLAIM_PATTERN``: the surface cues that mark a sentence as a claim rather
  than a report, for stages that read text without the parse (event status).

The verbs were chosen from the cues annotated in PolNeAR's training file and from the
reporting verbs of news style guides; the development file was not read to choose them.
"""

from __future__ import annotations

import re

# Verbs whose subject says the content: with "that", with a quotation, or hung off the clause
# they report ("X, he said").
SPEECH_VERBS = frozenset(
    ["say", "tell", "add", "write", "state", "claim", "insist", "warn", "announce", "confirm",
     "deny", "admit", "acknowledge", "assert", "contend", "maintain", "allege", "argue",
     "explain", "note", "report", "reply", "respond", "tweet", "declare", "testify", "concede",
     "stress", "emphasize", "emphasise", "observe", "remark", "recall", "complain", "caution",
     "predict", "reveal", "disclose", "mention", "repeat", "reiterate", "continue", "quip",
     "joke", "boast", "vow", "pledge", "promise", "threaten", "agree", "counter", "retort",
     "post", "exclaim", "shout", "scream", "yell", "interject", "whisper", "ask", "wonder",
     "charge", "suggest", "estimate", "conclude", "indicate", "point", "comment", "answer",
     "describe", "accuse", "blame", "tout", "brag", "lament", "acknowledge", "urge", "order",
     "advise", "demand", "plead", "beg", "recount", "recommend", "proclaim", "posit", "muse"]
)  # fmt: skip

# Verbs of finding and estimating that documents and bodies use to assert a content clause.
CLAIM_VERBS = frozenset(
    ["find", "show", "conclude", "estimate", "suggest", "indicate", "reveal", "calculate",
     "forecast", "project", "determine", "establish", "confirm", "predict"]
)  # fmt: skip

# States of mind, wishes, discoveries and votes: not speech, whatever their complement.
BELIEF_VERBS = frozenset(
    ["believe", "think", "feel", "fear", "suspect", "doubt", "guess", "reckon", "assume",
     "consider", "understand", "know", "expect", "imagine", "suppose", "worry", "trust",
     "recognize", "recognise", "realize", "realise", "remember", "forget", "agree", "seem",
     "appear", "speculate"]
)  # fmt: skip
WISH_VERBS = frozenset(
    ["want", "wish", "hope", "prefer", "like", "love", "hate", "desire", "intend", "plan",
     "need", "seek", "try", "aim", "dream", "long", "crave", "favor", "favour"]
)  # fmt: skip
FINDING_VERBS = frozenset(
    ["find", "discover", "show", "learn", "notice", "see", "hear", "prove", "demonstrate",
     "determine", "detect", "spot", "uncover", "establish", "identify"]
)  # fmt: skip
VOTING_VERBS = frozenset(
    ["vote", "elect", "back", "support", "oppose", "endorse", "nominate", "veto", "ratify",
     "approve", "reject", "pass", "sign", "campaign", "rally"]
)  # fmt: skip
NON_SPEECH_VERBS = BELIEF_VERBS | WISH_VERBS | FINDING_VERBS | VOTING_VERBS

# Speech acts whose plain noun-phrase object is an act, not what was said: "announced the
# victory", "thanked the troops", "confirmed the deaths". A quote only with a clause or a
# quotation after them.
ACTION_OBJECT_VERBS = frozenset(
    ["announce", "thank", "confirm", "praise", "welcome", "condemn", "applaud", "congratulate",
     "greet", "address", "criticize", "criticise", "slam", "mock", "defend", "question", "cite",
     "discuss", "express", "accuse", "blame", "call", "describe", "report", "deny", "reject",
     "dismiss", "reveal", "ask", "tell", "urge", "promise", "pledge", "vow", "declare"]
)  # fmt: skip

# The cue's status when its own meaning says it: denied, estimated or hedged claims.
DENIAL_VERBS = frozenset(["deny", "reject", "dismiss", "refute", "dispute", "doubt"])
ESTIMATE_VERBS = frozenset(
    ["estimate", "predict", "forecast", "project", "expect", "calculate", "reckon"]
)
HEDGE_VERBS = frozenset(
    ["believe", "think", "feel", "suggest", "suspect", "speculate", "guess", "claim", "allege",
     "appear", "seem", "hope", "fear", "imply", "indicate", "assume", "wonder"]
)  # fmt: skip
# Words inside a content that hedge it ("may", "reportedly").
HEDGE_WORDS = frozenset(
    {"may", "might", "could", "possibly", "perhaps", "reportedly", "allegedly", "apparently"}
)
# Adverbs that attribute a whole clause to an unnamed source.
HEARSAY_ADVERBS = frozenset({"reportedly", "allegedly", "purportedly", "supposedly"})

# Heads of a source phrase without a name: people who speak for others, and documents.
SOURCE_NOUNS = frozenset(
    ["spokesman", "spokeswoman", "spokesperson", "official", "officials", "source", "sources",
     "statement", "report", "study", "survey", "poll", "analysis", "investigation", "review",
     "assessment", "document", "memo", "letter", "filing", "complaint", "indictment", "ruling",
     "update", "briefing", "bulletin", "communique", "witness", "witnesses", "resident",
     "residents", "expert", "experts", "analyst", "analysts", "aide", "aides", "adviser",
     "advisers", "advisor", "advisors", "representative", "representatives", "campaign",
     "intelligence", "authorities", "authority", "observer", "observers", "monitor"]
)  # fmt: skip
# Documents that speak for whoever issued them ("the ministry's report found").
DOCUMENT_NOUNS = frozenset(
    ["statement", "report", "study", "survey", "poll", "analysis", "investigation", "review",
     "assessment", "document", "memo", "letter", "filing", "complaint", "indictment", "ruling",
     "update", "briefing", "bulletin", "communique", "release", "post", "tweet", "video"]
)  # fmt: skip
# Heads of a source phrase that make it an organisation rather than a person or a group.
ORG_SOURCE_NOUNS = frozenset(
    ["ministry", "government", "administration", "agency", "office", "department", "committee",
     "campaign", "report", "statement", "poll", "survey", "study", "court", "army", "police",
     "military", "company", "newspaper", "council", "parliament", "congress", "senate",
     "commission", "party", "institute", "organization", "organisation", "group", "network",
     "paper", "magazine", "website", "service", "command", "force", "forces", "centre",
     "center", "bureau", "university", "union", "kremlin", "pentagon", "white", "house",
     "authorities", "intelligence", "headquarters", "staff", "cabinet", "embassy", "mission",
     "navy", "guard", "prosecutor", "prosecutors"]
)  # fmt: skip

# Surface cues that make a sentence a claim rather than a report. The events stage reads them
# as one pattern (``CLAIM_PATTERN``); each entry is a regular-expression alternative.
CLAIM_CUES: tuple[str, ...] = (
    r"claim\w*",
    r"said",
    r"says",
    r"according\s+to",
    r"reported(?:ly)?",
    r"alleged\w*",
    r"told",
    r"in\s+a\s+statement",
)
CLAIM_PATTERN: re.Pattern[str] = re.compile(r"\b(?:" + "|".join(CLAIM_CUES) + r")\b", re.I)

# Speech verbs whose infinitive (with its object) is what was said: "told residents not to
# drink the water", "urged Congress to act", "vowed to retaliate".
INFINITIVE_SPEECH = frozenset(
    ["ask", "tell", "urge", "warn", "order", "advise", "promise", "vow", "pledge", "threaten",
     "call", "demand", "beg", "plead", "encourage", "invite", "challenge", "instruct", "agree",
     "refuse", "decline", "offer", "claim"]
)  # fmt: skip
# Speech verbs whose object and its "as" phrase are a characterisation the subject made:
# "described the attack as a provocation", "called the plan a disaster".
CHARACTERISING = frozenset(["describe", "call", "label", "brand", "dub", "characterize"])

# Speech verbs that report speech only with a quotation ("he continued, '...'"); with a
# clause or an infinitive they report an act ("she continued to campaign").
QUOTE_ONLY = frozenset(["continue", "post", "repeat"])

# Who cannot be a source (``can_speak`` in the quotes stage): the nouns the small parse wrongly
# makes subjects of speech: places, times and events ("the region's second city", "the past
# week", "fighting"). Any other noun may name someone ("the magnate", "caucus-goers").
PLACE_NOUNS = frozenset(
    {"city", "town", "village", "region", "province", "oblast", "district", "county", "state",
     "capital", "country", "area", "border", "port", "island"}
)  # fmt: skip
TIME_NOUNS = frozenset(
    {"week", "day", "month", "year", "hour", "minute", "time", "night", "morning", "evening",
     "afternoon", "weekend", "season", "decade", "period", "moment", "date", "past", "future"}
)  # fmt: skip
EVENT_NOUNS = frozenset(
    {"war", "attack", "strike", "battle", "conflict", "offensive", "clash", "violence",
     "explosion", "fire", "blast", "flood", "storm", "crisis", "situation", "incident", "event",
     "operation", "invasion", "assault", "raid", "siege", "bombardment", "fight", "fighting",
     "shelling", "scene", "scenes", "retreat", "advance", "victory", "defeat", "failure",
     "takeover", "progress", "move", "push"}
)  # fmt: skip

# Acts of state that, like speech, make a place their subject stand for its government ("Russia
# expelled the diplomats"): the places stage's metonymy test reads ``METONYM_VERBS``.
STATE_ACT_VERBS = frozenset(
    ["refuse", "accuse", "demand", "reject", "sign", "condemn", "order", "call", "want",
     "decide", "plan", "propose", "offer", "expel", "impose", "sanction", "recognise",
     "recognize", "support", "oppose", "send", "supply", "protest", "veto", "vote", "believe",
     "hope"]
)  # fmt: skip
METONYM_VERBS = SPEECH_VERBS | STATE_ACT_VERBS

# Labels that open a line with a colon but name no source ("Note:", "Photo:", "Twitter:").
PAGE_LABELS = frozenset(
    {"note", "notes", "update", "updated", "photo", "photos", "image", "images", "video",
     "source", "sources", "editor", "related", "read", "watch", "advertisement", "correction",
     "caption", "credit", "credits", "getty", "twitter", "facebook", "instagram", "email",
     "listen", "transcript", "live", "breaking", "exclusive", "analysis", "opinion", "more",
     "also", "see", "tags", "topics", "follow", "subscribe", "share", "contact", "reuters",
     "ap", "afp", "warning", "disclaimer", "q", "a"}
)  # fmt: skip
