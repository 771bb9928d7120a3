"""Claims: who says what, with which stance; the reporter is not the claimant.

A sentence holds a claim when a reported-speech cue ("said", "denied", "according to",
"acknowledged", "citing", "the rumor was started by") has an agent: a named person or
organisation, an unnamed one ("a former employee", "an engineer at Saltmarsh", "two people
familiar with the plans"), or a word that stands for one already met ("she", "the company", "its
technical report", "a Kestrel spokesperson").

The agent is the cue's subject, read the way a news sentence is built:

- before the cue, separated from it only by what may stand between a subject and its verb: a
  modifier ("of Google DeepMind", "on X"), a relative clause ("who tested the model"), an
  apposition between commas ("Tomas Vell, a spokesperson for Quillfeather Labs, denied") and
  adverbs or auxiliaries ("also", "did, however,"). A name that is the object of a preposition
  ("filed in the Oslo District Court") or that ends an apposition is not a subject;
- after the cue when the cue follows a quotation or a comma (‘"...," said Dana Whitlock’), after
  "according to", and after "citing" (the cited source makes its own claim).

Cues without a subject of their own ("... and denied that", "..., saying") continue the claim of
their clause; a cue inside what someone else said ("X said Y had told customers") is not a claim
of its own. When one agent does several things in a sentence, the most committed stance is kept
(a denial beats the "said" that introduces it). A quotation that continues what the same speaker
was just reported to say carries that stance ("... could be years away," he said). Negated cues
("did not say"), headlines whose agent is a bare plural ("Researchers say ...") and outlets that
relay news (stance ``reports``) are told apart.

A denial of "the allegations" or "the rumor" is about what the last allegation was about, and
shares its topic, so the two meet on one proposition.

:func:`find_document_claims` reads a whole document (it remembers who was named, which
organisation the text is about and who spoke last); :func:`find_claims` reads one sentence with
only the previous claim as context.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path

from ..lexicon import (
    AGENT_HEADS,
    COMMON_CAPS,
    ORG_NOUNS,
    OUTLET_HEADS,
    SPEAKS_FOR_TITLES,
    SPOKES_NOUNS,
    STATEMENT_NOUNS,
    TITLE_WORDS,
    read_claim_cues,
)
from .entities import Mention
from .relations import SentenceTemplate

__all__ = ["QUALITY_CUE", "QUALITY_CUES", "ClaimHit", "Discourse", "find_claims", "find_document_claims",
           "is_allegation", "read_quality_cues"]


@dataclass(frozen=True)
class ClaimHit:
    """A claim found in a sentence."""

    claimant: Mention
    stance: str
    about: tuple[Mention, ...]
    content: str
    topic: str
    sent: SentenceTemplate
    rule: str


#: how committed a stance is: when one agent both says and denies, the denial is the claim
STANCE_RANK = {"asserts": 0, "reports": 1, "speculates": 2, "acknowledges": 3, "denies": 4}


# ----------------------------------------------------------------------------- word patterns

#: what a lab says of its own model that is a claim (``patterns/claim_quality.tsv``)
QUALITY_CUES_PATH = Path(__file__).resolve().parents[1] / "patterns" / "claim_quality.tsv"


def read_quality_cues(path: Path = QUALITY_CUES_PATH) -> dict[str, str]:
    """The cues of ``patterns/claim_quality.tsv``: phrase -> stance (asserts or acknowledges).

    Raises:
        ValueError: a line without two fields, or another stance.
    """
    out: dict[str, str] = {}
    for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        fields = [f.strip() for f in line.split("\t")]
        if len(fields) != 2 or fields[1] not in ("asserts", "acknowledges"):
            raise ValueError(f"{path.name}:{n}: expected 'cue<TAB>asserts|acknowledges', got {line!r}")
        out[" ".join(fields[0].lower().split())] = fields[1]
    return out


QUALITY_CUES = read_quality_cues()
#: any quality cue, as written ("outperforms", "on par with", "state-of-the-art")
QUALITY_CUE = re.compile(r"(?<![\w-])(" + "|".join(
    sorted((r"\s+".join(re.escape(w) for w in cue.split()) for cue in QUALITY_CUES), key=len, reverse=True)) +
    r")(?![\w-])", re.IGNORECASE)


def _alt(words: Iterable[str]) -> str:
    return "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))


#: the cues of ``patterns/claim_cues.tsv``: phrase -> (stance, where the agent is)
_CUES: dict[str, tuple[str, str]] = {cue: (stance, agent) for cue, stance, agent in read_claim_cues()}
_CUE = re.compile(r"(?<![\w-])(" + "|".join(
    sorted((r"\s+".join(re.escape(w) for w in cue.split()) for cue in _CUES), key=len, reverse=True)) +
    r")(?![\w-])", re.IGNORECASE)
#: the owner of a claim noun: "⟪O1⟫'s accusation", "⟪P1⟫'s earlier claim"; "the claim by ⟪O1⟫"
_OWNER_BEFORE = re.compile(r"(⟪[OPA](\d+)⟫)['’]s?\s+(?:[\w-]+\s+){0,2}$")
_OWNER_AFTER = re.compile(r"\s*,?\s*(?:(?:first\s+)?(?:made|levell?ed|posted|published|raised)\s+)?(?:by|from)\s+(?:the\s+)?"
                          r"(⟪[OPA](\d+)⟫)")
#: what a claim noun introduces: "that ...", ": ...", "of ...ing"
_THAT_AFTER = re.compile(r"\s*(?:,\s*)?(?:that\b|:|of\s+\w+ing\b|(?:about|over)\s)", re.IGNORECASE)
#: cues whose passive is no speech: "maintained by", "called by", "charged by the hour"
_NOT_SPEECH_BY = frozenset({"maintained", "called", "charged", "added", "measured"})
#: an unnamed agent who is someone in particular ("a former engineer", "two researchers at ⟪O1⟫"),
#: not a generic group ("their developers", "users")
_SOMEONE = re.compile(r"(?:an?|one|two|three|four|five|several)\s|[^⟪]*⟪O\d+⟫", re.IGNORECASE)
#: a passive cue's agent: "the figure reported by ⟪O1⟫", "a note posted on a forum by ⟪O2⟫"
_BY_AGENT = re.compile(r"\s+(?:(?:on|in|at|to|via)\s+(?:[\w.-]+\s+){1,3}?)?by\s+", re.IGNORECASE)
_STOP = (r"when|with|and|or|but|that|as|by|to|of|from|for|in|on|while|after|before|if|because|"
         r"since|so|then|than|also|even|who|which|what|whom|whose|how|why|this|these|those|"
         r"said|says|told")
#: an unnamed agent: "a former ⟪O1⟫ engineer", "two people familiar with the plans",
#: "an engineer at ⟪O3⟫", "developers on Reddit's forum"
_AGENT_PHRASE = re.compile(
    r"(?<![\w'’-])(?:(?:a|an|the|one|several|multiple|two|three|four|five|some|many|other|various|"
    r"few|a\s+few|most|those|these|(?:some|many|several|one|most)\s+of\s+(?:the|those|these))\s+)?"
    r"(?:(?:supposed|anonymous|alleged|former|current|unnamed|self-described|purported|internal|"
    r"senior|independent|outside|early|disgruntled|ex-)\s*)*"
    r"(?:⟪O\d+⟫\s+)?(?:(?!(?:" + _STOP + r")\s)[a-z][\w-]*\s+)?(?:" + _alt(AGENT_HEADS) + r")(?![\w-])"
    r"(?:\s+(?:familiar\s+with|with\s+(?:direct\s+)?knowledge\s+of|briefed\s+on|close\s+to)\s+"
    r"(?:the|its|their|this|that)\s+(?:⟪O\d+⟫|[a-z]+)"
    r"|\s+close\s+to\s+⟪O\d+⟫"
    r"|\s+(?:at|from|within|with|on|of|in)\s+(?:the\s+)?(?:⟪O\d+⟫|(?-i:[A-Z][\w-]+)(?:['’]s)?)(?:\s+(?-i:[A-Z][\w-]+))?"
    r"(?:\s+(?:forum|subreddit|team|lab|group))?)?", re.IGNORECASE)
_PRONOUN = re.compile(r"(?<![\w'’-])(he|she|they|it)(?![\w'’-])", re.IGNORECASE)
#: "the company", "the Oslo AI developer", "the Chinese lab", "the ChatGPT-maker" (not "the company's CEO")
_ORG_DESC = re.compile(
    r"(?<![\w-])(?:the|that)\s+(?:(?!(?:" + _STOP + r")\s)(?:[\w-]+|⟪O\d+⟫)\s+){0,3}?(?:" + _alt(ORG_NOUNS) +
    r")(?![\w'’-])"
    r"|(?<![\w-])(?:the|that)\s+(?:⟪[MFO]\d+⟫|[A-Z][\w.]*)-(?:maker|developer|creator|owner)(?![\w'’-])",
    re.IGNORECASE)
#: what an organisation's own figures are called when they speak for it ("⟪O1⟫'s evaluation data shows",
#: "its internal benchmarks suggest")
_DATA_NOUNS = frozenset("""data results figures numbers benchmarks evaluation evaluations tests testing charts
    study analysis measurements""".split())
_SOURCE_NOUNS = STATEMENT_NOUNS | _DATA_NOUNS
_DATA_SUBJECT = re.compile(r"(?<![\w-])(?:" + _alt(_DATA_NOUNS) + r")(?![\w-])", re.IGNORECASE)
#: "its technical report", "the company's blog post", "⟪O2⟫'s statement", "the ⟪O1⟫ blog"
_STATEMENT = re.compile(
    r"(?<![\w-])(?:its|their|(?:the\s+)?(?:" + _alt(ORG_NOUNS) + r")['’]s|⟪O(\d+)⟫['’]s?)\s+"
    r"(?:own\s+)?(?:[\w-]+\s+){0,2}(?:" + _alt(_SOURCE_NOUNS) + r")(?![\w'’-])"  # the longest: "blog post"
    r"|(?<![\w-])(?:a|an|the)\s+(?:[\w-]+\s+){0,2}?(?:" + _alt(STATEMENT_NOUNS) + r")\s+"
    r"(?:(?:on|to)\s+(?:the\s+|its\s+)?(?:⟪[A-Z]\d+⟫|[\w.-]+)\s+)?"  # "a post on X from ⟪O1⟫"
    r"(?:from|by|of|(?:published|posted|printed|appearing|run)\s+(?:in|by|on))\s+(?:the\s+)?⟪O(\d+)⟫"
    r"|(?<![\w-])the\s+⟪O(\d+)⟫\s+(?:[\w-]+\s+)?(?:" + _alt(STATEMENT_NOUNS) + r")(?![\w'’⟪-])",  # "the ⟪O1⟫ blog"
    re.IGNORECASE)
#: "a Kestrel spokesperson", "a spokesperson for ⟪O4⟫", "the company's spokesperson"
_SPOKES = re.compile(
    r"(?<![\w-])(?:(?:an?|the)\s+(?:⟪O(\d+)⟫\s+|(?:company|firm|lab)['’]s\s+)?|⟪O(\d+)⟫(?:['’]s?)?\s+)"
    r"(?:" + _alt(SPOKES_NOUNS) + r")(?:\s+(?:for|at|of|from)\s+(?:the\s+)?⟪O(\d+)⟫)?(?![\w'’-])",
    re.IGNORECASE)
_SLOT = re.compile(r"⟪([A-Z])(\d+)⟫")
#: a person named by their handle on a platform: "X user Fynn", "Reddit user u/kestrel", "a GitHub
#: user @tovey" (not "X users", nor "an X user who ...")
_PLATFORM_USER = re.compile(
    r"(?<![\w-])(?-i:X|Twitter|Reddit|GitHub|Github|Discord|Bluesky|Threads|Mastodon|LinkedIn|YouTube|Hacker\s+News|"
    r"Hugging\s+Face|Weibo|Zhihu)\s+(?:user|poster|commenter|account)\s+"
    r"(?P<name>(?:u/|@)[\w.-]{2,30}[\w]|(?-i:[A-Z][\w.-]{1,29})(?:\s+(?-i:[A-Z][\w-]{1,29}))?)(?![\w'’⟪-])",
    re.IGNORECASE)
#: "the ⟪F1⟫ team" (the people who make a model line speak as an organisation)
_TEAM = re.compile(r"(?<![\w-])(?:the\s+)?⟪[MF](\d+)⟫\s+(?:team|developers|authors)(?![\w'’-])", re.IGNORECASE)
#: the people of an organisation speak for it: "⟪O1⟫'s researchers noted", "⟪O1⟫'s own engineers"
#: a capitalised word that may be part of a person's name ("Lind", "O'Neill", "Thanh-Mai")
_NAME_WORD = re.compile(r"[A-Z][a-z]+(?:[-'’][A-Z]?[a-z]+)?")
#: capitalised words after a title that are no names: days, months, the field's own nouns
_NOT_A_NAME = frozenset("""monday tuesday wednesday thursday friday saturday sunday january february march
    april may june july august september october november december ai model models product products
    officer chief research technology operating executive financial science engineering""".split())
_TITLES = TITLE_WORDS | {"entrepreneur", "economist", "expert", "critic", "commentator", "journalist",
                         "developer", "lawyer", "attorney", "academic", "professor", "officer"}
#: a title right before a name the entity stage did not find, the name followed by its verb or a
#: comma: "Chief Product Officer Ada Lind said", "AI entrepreneur Tomas stated"
_TITLED_NAME = re.compile(
    r"(?<![\w-])(?:" + _alt(_TITLES) + r")\s+(?P<name>(?-i:" + _NAME_WORD.pattern + r")(?:\s+(?-i:"
    + _NAME_WORD.pattern + r")){0,2})(?=\s*,|\s+(?-i:[a-z]))", re.IGNORECASE)
#: a full name not found as an entity: two or three name words
_FULL_NAME = _NAME_WORD.pattern + r"(?:\s+" + _NAME_WORD.pattern + r"){1,2}"
#: full names in apposition to a group right before them: ", Ada Lind and Tomas Vell,"
_ONE_NAME = r"(?:" + _FULL_NAME + r"|⟪P\d+⟫)"
_NAMES_IN_APPOSITION = re.compile(r"\s*,\s*" + _ONE_NAME + r"(?:\s*,\s*" + _ONE_NAME + r")*"
                                  r"\s*,?\s+and\s+" + _ONE_NAME + r"\s*,")
_STAFF = re.compile(r"(?<![\w-])⟪O(\d+)⟫['’]s?\s+(?:own\s+)?(?:researchers|engineers|scientists|team|staff|"
                    r"developers|authors|(?:[\w-]+\s+)?(?:unit|division|arm|subsidiary))(?![\w'’-])", re.IGNORECASE)
#: what joins the items of a list of models ("A, B and C's new model D")
_LISTED = re.compile(r"(?:\s*,\s*|\s+)(?:and|or|as\s+well\s+as)?\s*(?:[\w'’⟪⟫-]+\s+){0,3}", re.IGNORECASE)
#: a model named after these is held up for comparison, not what the text is about
_COMPARED_BEFORE = re.compile(
    r"\b(?:than|vs\.?|versus|outperform\w*|beats?|beating|surpass\w*|like|such\s+as|including|"
    r"rival\w*|against|compared\s+(?:with|to)|over|unlike)\s+(?:[\w'’⟪⟫-]+\s+){0,3}$", re.IGNORECASE)

# what may stand between a subject and its verb
_ADV = (r"(?:also|itself|themselves|himself|herself|originally|initially|later|earlier|previously|then|now|"
        r"still|further|separately|again|first|already|once|since|meanwhile|however|too|had|has|"
        r"have|did|does|do|would|will|has\s+since|once\s+(?:more|again)|(?:was|were|is)\s+quoted\s+as|"
        r"[a-z]+ly)")
#: where something was said, between a speaker and the verb: "X, a co-founder, on X denied"
_VENUE = (r"(?:on|in|via|during)\s+(?:X|Twitter|LinkedIn|Threads|Bluesky|Reddit|social\s+media|"
          r"(?:a|an|the|his|her|its|their)\s+(?:[\w-]+\s+){0,2}?(?:statement|post|interview|podcast|livestream|"
          r"tweet|thread|email|letter|memo|video))")
_GAP = re.compile(
    r"(?:\]\([^)\s]{1,300}\))?"  # a Markdown link's target after the name: "[⟪O1⟫](https://...)"
    r"(?:\s+(?:at|from|of|on|in|with|for)\s+[^,;:\"“”⟪]{0,40}?(?:⟪[OPB]\d+⟫(?:['’]s)?[^,;:\"“”⟪]{0,25}?)?)?"  # "of ⟪O1⟫"
    r"(?:\s+(?:who|that)\s+[^,;:\"“”]{1,120}?)?"  # "who tested the model"
    r"(?:\s+" + _ADV + r"|\s*,[^;:\"“”]{1,220}?,|\s+" + _VENUE + r")*"  # "also", ", a spokesperson for ⟪O1⟫,", "on X"
    r"\s*", re.IGNORECASE)
#: an absolute construction whose subject is a name: "with ⟪P1⟫ arguing", "such as ⟪P1⟫, mocking"
_ABSOLUTE_BEFORE = re.compile(r"\b(?:with|such\s+as|including|like)\s+(?:[\w'’⟪⟫.-]+\s+){0,4}$", re.IGNORECASE)
_ABSOLUTE_GAP = re.compile(r"\s*,?(?:\s+" + _ADV + r")*\s*", re.IGNORECASE)
_RELATIVE = re.compile(r"\s*,[^;:\"“”]{0,220}?,?\s*(?:which|who)\s+(?:" + _ADV + r"\s+)*$|\s*(?:,\s*)?(?:which|who)\s+$",
                       re.IGNORECASE)
#: a role that a name stands in apposition to, opening its clause ("AI2's chief executive, ")
_ROLE_BEFORE = re.compile(
    r"(?:^|[.;:]\s*|\b(?:and|but)\s+)(?:(?:the|its|their|⟪[OMF]\d+⟫['’]s?|[\w-]+['’]s)\s+)?(?:[\w-]+\s+){0,4}?"
    r"(?:co-)?(?:" + _alt(TITLE_WORDS) + r")\s*,\s*$", re.IGNORECASE)
#: a description that opens the sentence and a name stands in apposition to: "⟪O1⟫'s robotics
#: unit, ", "Its parent company, " (a noun phrase: no verb of its own)
_DESCRIPTION_BEFORE = re.compile(
    r"^\W*(?:(?:the|its|their|⟪O\d+⟫['’]s?|[\w-]+['’]s)\s+)(?:(?!(?:is|are|was|were|has|have|had|said|says|did|"
    r"does|will|would|who|which|that)\b)[\w'’-]+\s+){0,4}?(?:division|unit|lab|laboratory|arm|team|subsidiary|"
    r"company|startup|group|department|institute|parent|affiliate|branch|venture)\s*,\s*$", re.IGNORECASE)
#: a description of a company that a name stands in apposition to ("The maker of ⟪M1⟫, ")
_MAKER_BEFORE = re.compile(
    r"(?:^|[.;:]\s*)(?:the|its|their)\s+(?:[\w-]+\s+){0,3}?(?:" + _alt(ORG_NOUNS) +
    r")\b[^,;:]{0,60}?,\s*$", re.IGNORECASE)
_OBJECT_BEFORE = re.compile(
    r"(?:\b(?:of|for|at|from|by|with|in|on|to|about|against|behind|than|like|into|over|between|"
    r"under|via|including|what|how|whether|if|ones|one)\s+(?:the\s+|a\s+|an\s+)?|['’]s\s+)$",
    re.IGNORECASE)
#: a cue whose subject is the one of the clause before it: "... and denied", "..., saying"
_COORDINATED = re.compile(r"(?:,\s*|\s+)(?:and|but|while|yet)\s+(?:" + _ADV + r"\s+)*$|,\s*$|\bwhile\s+$",
                          re.IGNORECASE)
#: a verb joined to the clause before it by "and" or "but" (not a bare comma)
_JOINED = re.compile(r"(?:,\s*|\s+)(?:and|but)\s+(?:" + _ADV + r"\s+)*$", re.IGNORECASE)
#: "the same person", "those researchers", "some of these users": an unnamed agent already met
_UNNAMED_ANAPHOR = re.compile(
    r"(?i)(?:(?:some|many|several|one|most)\s+of\s+)?(?:the|those|these)\s+(?:same\s+)?(?:\w+\s+)?"
    r"(?:person|people|poster|user|users|employee|employees|source|sources|whistleblower|insider|"
    r"insiders|engineer|engineers|researcher|researchers|account)\b")
#: what separates two clauses that each may hold a claim
_CLAUSE_BREAK = re.compile(
    r";|—|–|\s-\s|,\s*(?:and|but|while|whereas|although|though|which|who|even\s+as)\b|"
    r",\s*(?:a|an)\s+(?:[\w-]+\s+)?(?:claim|assertion|allegation|accusation|figure|characteri[sz]ation|"
    r"account|conclusion)\s+(?:that\s+|which\s+)?$|"  # "..., a claim ⟪O1⟫ rejected" (up to its subject)
    r"\b(?:while|whereas|although|but)\b", re.IGNORECASE)
_NEGATED = re.compile(
    r"(?:\b(?:not|never|nor|cannot|declined\s+to|declining\s+to|refused\s+to|refusing\s+to|yet\s+to)"
    r"|n['’]t)\s+(?:\w+\s+)?$|\bto\s+$"
    # an inverted negation before the subject: "Nor has ⟪P1⟫ clarified", "Neither did the company say"
    r"|\b(?:nor|neither)\s+(?:has|have|had|did|does|do|is|was|were|are|will|would|could|can)\s+"
    r"(?:(?:[\w'’-]+|⟪[A-Z]\d+⟫)\s+){1,3}$", re.IGNORECASE)
#: verbs of saying proper: the only ones "it" (a company) is the subject of
_SAYS = frozenset("""said says claims claimed denied denies acknowledged acknowledges admitted admits
    confirmed confirms stated states told announced argued argues insisted insists clarified clarifies
    explained explains noted notes""".split())
#: verbs that are events rather than speech when their object is a model ("announced X")
_EVENT_VERBS = frozenset("""added adds adding announced announces revealed reveals disclosed discloses
    posted posts showed shows demonstrated demonstrates described describes""".split())
#: "told X to do": what someone was asked to do, not what was said
_TOLD = frozenset({"told", "tell", "tells", "telling"})
#: cues of a stated belief: a claim only when it is about someone named ("X believes Y is training Z")
_BELIEFS = frozenset({"believes", "believed", "believe"})
_TOLD_TO = re.compile(r"\s+(?:[\w⟪⟫'’-]+\s+){1,3}?to\s+(?!(?:the|a|an|his|her|their|its|⟪)\b)[a-z]+\b(?![^.;]{0,80}\bthat\b)",
                      re.IGNORECASE)
_QUOTE_BEFORE = re.compile(r"[\"”’']\s*,?\s*$|,\s*$")

_ANAPHOR = re.compile(
    r"\b(?:the|these|those|such|that|this)\s+(?:\w+\s+)?(?:allegations?|claims?|rumou?rs?|reports?|"
    r"accusations?|charges?|post|posts|suggestions?|assertions?|account)\b|\b(?:denied|rejected|disputed)\s+(?:it|them|this|that)\b",
    re.IGNORECASE)
_ALLEGATION_WORDS = re.compile(r"\b(?:rumou?rs?|allegations?|alleged|accus\w+|claims?|leak\w*|whistleblower)\b",
                               re.IGNORECASE)
_STARTED_BY = re.compile(
    r"\b(?:rumou?rs?|allegations?|claims?|reports?|post|posts|accusations?)\s+(?:was|were|had been|has been)?\s*"
    r"(?:reportedly\s+|first\s+|originally\s+)?(?:started|made|posted|spread|levell?ed|raised|published|written|shared)\s+by\s+",
    re.IGNORECASE)
#: a cue whose agent is a source the speaker cites ("..., citing three people"): an outlet's mark
_CITING = re.compile(r"(?<![\w-])(?:" + "|".join(
    r"\s+".join(map(re.escape, c.split())) for c, (_s, agent) in _CUES.items() if agent == "cited") +
    r")\s+", re.IGNORECASE)
#: an act aimed against an accusation, its verb after the act's own ("X gave a talk defending Y
#: against accusations that ...", "X published its logs to counter the claims"): X's denial
_DEFENCE = re.compile(
    r"(?:defend\w*|counter(?:s|ed|ing)?|rebut\w*|refut\w*|disput\w*|push\w*\s+back)\s+[^.;:!?\"“”]{0,80}?"
    r"\b(?:accusations?|allegations?|claims?|charges|criticisms?|rumou?rs?|suspicions?|suggestions?)\b",
    re.IGNORECASE)
#: what leaves an act undone, or someone else's to do: "has not offered evidence to counter", "failed
#: to rebut", "critics urged the lab to rebut the claims", "it may counter"
_NOT_DONE = re.compile(r"\b(?:not|never|no|without|failed|fails|yet|urg\w+|ask\w*|called\s+on|calls\s+on|"
                       r"want\w*|demand\w*|expect\w*|press\w*|pushing|need\w*|must|should|may|might|could|"
                       r"would|will|plans?|hopes?|invit\w+)\b|n['’]t\b", re.IGNORECASE)
#: a statement made in answer to an accusation defends against it: "In response to these doubts, X said"
_IN_RESPONSE = re.compile(
    r"\b(?:in\s+(?:response|reply)\s+to|responding\s+to|answering|to\s+address|addressing)\s+(?:the\s+|these\s+|"
    r"those\s+|such\s+|this\s+|that\s+)?(?:[\w-]+\s+){0,2}?(?:doubts?|allegations?|accusations?|claims?|criticisms?|"
    r"concerns|controvers(?:y|ies)|backlash|charges|rumou?rs?|suspicions?|speculation)\b", re.IGNORECASE)
_DENIAL_PHRASE = re.compile(r"\b(?:pushe[sd]\s+back|push\s+back|not\s+true|false|never\s+do)\b",
                            re.IGNORECASE)
#: what the speaker says of a claim makes the claim a denial ("said the report was speculative")
_FALSE_CLAIM = re.compile(
    r"\b(?:reports?|claims?|allegations?|accusations?|figures?|numbers?|account|story|stories|"
    r"narrative|rumou?rs?|suggestions?|characteri[sz]ations?)\b[^.;]{0,60}?"
    r"(?:\b(?:false|untrue|baseless|unfounded|speculative|inaccurate|incorrect|wrong|misleading|"
    r"overstated|exaggerated|invented|fabricated|nonsense|overstate|overstates|exaggerate|"
    r"exaggerates)\b)", re.IGNORECASE)
#: "could" of what a model was able to do ("said the model could solve half of ...") is no hedge
_ABILITY = (r"answer|solve|handle|process|read|understand|run|support|generate|write|complete|pass|"
            r"score|follow|translate|reason|code|recogni[sz]e|perform|match|beat|outperform|reach|"
            r"achieve|fit|take|accept|produce|see|hear|speak|use|call|browse|search|describe")
_HEDGED = re.compile(r"\b(?:might|(?-i:may)|could(?!\s+(?:not|" + _ABILITY + r")\b)|possibly|perhaps|probably|"
                     r"likely)\b", re.IGNORECASE)
#: evidence held against another party's figure makes a finding a dispute ("measured 31%, well below
#: the 48% figure ⟪O1⟫ announced", "under ⟪O1⟫'s advertised score", "lower than ⟪P1⟫'s claims",
#: "lower than ⟪O1⟫ claimed")
_CONTRADICTS = re.compile(
    r"\b(?:below|under|short\s+of|lower\s+than|less\s+than|far\s+from|well\s+off|above|higher\s+than|"
    r"contrary\s+to|at\s+odds\s+with|inconsistent\s+with|contradict\w*|instead\s+of|rather\s+than)\s+"
    r"(?P<np>[^.;]{0,40}?\b(?:figures?|claims?|numbers?|scores?|results?|marks?)\b(?:\s+(?:that\s+|of\s+|by\s+|from\s+)?(?:the\s+)?⟪[OP]\d+⟫|"
    r"[^.;]{0,25}?\b(?:claimed|reported|advertised|announced|touted|discussed|presented|published|stated|"
    r"promised)\b)?|(?:the\s+)?(?:⟪[OP]\d+⟫\s+)?(?:had\s+|has\s+|have\s+)?(?:claimed|reported|advertised|"
    r"announced|touted|promised|stated|said)\b)", re.IGNORECASE)
_ATTRIBUTED = re.compile(r"⟪[OP]\d+⟫|\b(?:claimed|reported|advertised|announced|touted|discussed|presented|"
                         r"published|stated|promised|official|headline|marketed)\b", re.IGNORECASE)
_REPORT_CUE = re.compile(r"report(?:ed|s|ing)?$", re.IGNORECASE)
#: what may follow a speech verb that ends its clause ("..., the company said in a statement.")
_CLAUSE_END = re.compile(
    r"(?:\s+(?:in|on|at|during|to|via)\s+(?:(?:a|an|the|its|his|her|their)\s+)?(?:[\w-]+\s+){0,3}?"
    r"(?:statement|interview|post|blog|briefing|call|conference|note|letter|email|podcast|video|thread|"
    r"reporters|X|Twitter|LinkedIn|\w+day|week|month|year|morning|evening|afternoon|night)"
    r"|\s+(?:last|this|earlier|later)\s+\w+|\s+(?:earlier|later|afterwards|recently))*"
    r"\s*[.!?\"”’')\]]*\s*")
#: what someone reports that the next sentence spells out ("X publishes its own evaluation results")
_ABOUT_NEXT = re.compile(r"\b(?:results?|scores?|rankings?|evaluations?|findings|figures|numbers|leaderboards?)\b",
                         re.IGNORECASE)
#: the model a claim is about without naming it
_MODEL_ANAPHOR = re.compile(r"\b(?:the|this|that|its|their)\s+(?:(?:(?:new|latest|same|own|tested|released|"
                            r"public|updated|final)\s+)?model(?:['’]s)?|"
                            r"(?:new|latest)\s+models)"
                            r"(?![\w-])", re.IGNORECASE)
#: an outlet named just before: "the outlet", "the publication"
_THE_OUTLET = re.compile(r"(?:the|that)\s+(?:outlet|publication|newspaper|magazine|site|paper|newsletter)",
                         re.IGNORECASE)
#: a quotation speaking of a model without naming it: "it is the best", "our new model", "we trained it"
_QUOTED_MODEL = re.compile(r"^\W*(?:it|this)(?:\s+(?:is|was|has|beats|outperforms|can|will|does)\b|['’]s\b|"
                           r"\s+(?:isn|wasn|doesn|won)['’]t\b)|^\W*we\s+trained\b|"
                           r"\b(?:our|this)\s+(?:new\s+|latest\s+|own\s+)?model\b|"
                           r"\b(?:trained|released|built|tested|shipped|launched)\s+it\b|"
                           r"\bthink\s+it\s+is\b", re.IGNORECASE)
_SENTENCE_END = re.compile(r"[.!?][\"”’')\]]*\s*$")


# ----------------------------------------------------------------------------- discourse

@dataclass
class Discourse:
    """What the claims reader remembers of a document: who was named, who spoke, the topic.

    ``observe`` is called with each sentence after its claims are read.
    """

    previous: ClaimHit | None = None
    allegation_about: tuple[Mention, ...] = ()
    allegation_text: str = ""
    #: organisation label -> (mentions so far, order of the last mention, the last mention)
    orgs: dict[str, tuple[int, int, Mention]] = field(default_factory=dict)
    #: the last person named as a sentence's subject, and the sentence index
    subject_person: tuple[int, Mention] | None = None
    #: the last unnamed agent that made a claim
    unnamed: Mention | None = None
    #: person label -> the organisation they speak for ("X, Kestrel's chief executive")
    speaks_for: dict[str, Mention] = field(default_factory=dict)
    #: claimant label -> their last claim
    said: dict[str, ClaimHit] = field(default_factory=dict)
    #: the last organisation that opened a sentence as its subject, and the sentence index
    subject_org: tuple[int, Mention] | None = None
    #: whether to count organisations (not when only the previous claim's sentence is known)
    counts_orgs: bool = True
    #: the model the text was last about: the first model a sentence names not as a comparison
    topic_model: Mention | None = None
    #: every model named so far, in reading order
    models: list[Mention] = field(default_factory=list)
    #: the last organisation that reported something ("Reporting by X", "X reported"), and the
    #: sentence index: who "the outlet" is
    outlet: tuple[int, Mention] | None = None
    #: the organisations whose researchers last spoke ("researchers at X and Y said"): who "the
    #: researchers" are later
    staff: tuple[Mention, ...] = ()
    #: a person's surname -> the person ("Vell said" after "Tomas Vell"); None when two share it
    people: dict[str, Mention | None] = field(default_factory=dict)
    _seen: int = 0

    def _know_person(self, person: Mention) -> None:
        words = person.label.split()
        if (len(words) < 2 and person.rule != "unfound-person") or not _NAME_WORD.fullmatch(words[-1]):
            return
        old = self.people.get(words[-1], person)
        self.people[words[-1]] = person if old is not None and old.label == person.label else None

    def observe(self, sent: SentenceTemplate, found: Sequence[ClaimHit]) -> None:
        """Remember the sentence's organisations, its subject person, roles and claims."""
        t = sent.template
        opening = re.match(r"\s*(?:[\w-]+\s+){0,3}?(?:the\s+)?(⟪O(\d+)⟫)(?!['’]s)", t)
        if opening is not None and "⟪" not in t[:opening.start(1)]:
            self.subject_org = (sent.index, sent.slots[int(opening.group(2))])
        for m in _SLOT.finditer(t):
            mention = sent.slots[int(m.group(2))]
            if m.group(1) == "O" and self.counts_orgs:
                self._seen += 1
                count = self.orgs.get(mention.label, (0, 0, mention))[0]
                self.orgs[mention.label] = (count + 1, self._seen, mention)
        first_person = re.search(r"⟪P(\d+)⟫", t)
        if first_person is not None and first_person.start() <= 40 and not re.search(
                r"⟪[OPMF]\d+⟫", t[:first_person.start()]):
            self.subject_person = (sent.index, sent.slots[int(first_person.group(1))])
        for m in re.finditer(r"⟪P(\d+)⟫\s*,\s*([^,;]{0,80}?)(?:,|$)|⟪O(\d+)⟫(?:['’]s)?\s+([\w -]{0,40}?)\s*⟪P(\d+)⟫", t):
            if m.group(1) is not None:
                role, person = m.group(2), sent.slots[int(m.group(1))]
                org_m = re.search(r"⟪O(\d+)⟫", role)
            else:
                role, person = m.group(4), sent.slots[int(m.group(5))]
                org_m = re.match(r"⟪O(\d+)⟫", m.group())
            words = set(re.findall(r"[a-z-]+", role.lower()))
            if org_m is not None and words & SPEAKS_FOR_TITLES:
                self.speaks_for[person.label] = sent.slots[int(org_m.group(1))]
        for m in re.finditer(r"⟪P(\d+)⟫", t):
            self._know_person(sent.slots[int(m.group(1))])
        self.models.extend(sent.slots[int(m.group(1))] for m in re.finditer(r"⟪M(\d+)⟫", t))
        compared_end = -1  # "beats ⟪M1⟫ and ⟪O2⟫'s larger model ⟪M3⟫": both held up for comparison
        for m in re.finditer(r"⟪[MF](\d+)⟫", t):
            if _COMPARED_BEFORE.search(t[max(0, m.start() - 40):m.start()]) or (
                    compared_end >= 0 and _LISTED.fullmatch(t[compared_end:m.start()])):
                compared_end = m.end()
                continue
            self.topic_model = sent.slots[int(m.group(1))]
            break
        for hit in found:
            self.said[hit.claimant.label] = hit
            if hit.claimant.type == "Person":
                self._know_person(hit.claimant)
            if hit.claimant.type == "UnnamedAgent":
                self.unnamed = hit.claimant
        if found:
            self.previous = found[-1]  # the sentence's main claim (see _read)
        if is_allegation(sent):
            about = tuple(sent.slots[int(m.group(2))] for m in re.finditer(r"⟪([MFOB])(\d+)⟫", t))
            if about:
                self.allegation_about = tuple(dict.fromkeys(self.allegation_about + about))
                self.allegation_text = re.sub(r"\s+", " ", sent.text).strip()

    def salient_org(self, index: int) -> Mention | None:
        """The organisation "the company" or "its report" refers to in sentence ``index``.

        The organisation that opened the sentence before, else the last claimant when it was an
        organisation, else the organisation the last speaker speaks for, else the organisation
        named most often so far (the later one on a tie).
        """
        if self.subject_org is not None and self.subject_org[0] == index - 1:
            return self.subject_org[1]
        prev = self.previous
        if prev is not None:
            if prev.claimant.type == "Organization":
                return prev.claimant
            if prev.claimant.label in self.speaks_for:
                return self.speaks_for[prev.claimant.label]
        if not self.orgs:
            return None
        return max(self.orgs.values(), key=lambda v: (v[0], v[1]))[2]

    def person(self, index: int) -> Mention | None:
        """Who "he" or "she" is in sentence ``index``: the last speaker, or a newer subject."""
        prev = self.previous
        subj = self.subject_person
        if prev is not None and prev.claimant.type == "Person" and prev.sent.index < index and (
                subj is None or subj[0] <= prev.sent.index):
            return prev.claimant
        if subj is not None:
            return subj[1]
        return None


# ----------------------------------------------------------------------------- agents

@dataclass(frozen=True)
class _Agent:
    """A phrase in a sentence that may be a cue's subject, and who it stands for."""

    start: int
    end: int
    kind: str  # slot, unnamed, pronoun, org-desc, statement, spokes
    mention: Mention | None


def _agents(sent: SentenceTemplate, ctx: Discourse) -> list[_Agent]:
    """Every phrase of the sentence that may name an agent, nearest-to-the-end first."""
    t = sent.template
    out: list[_Agent] = []
    for m in _SLOT.finditer(t):
        if m.group(1) in "OPA" and not t.startswith(("'s", "’s"), m.end()):
            out.append(_Agent(m.start(), m.end(), "slot", sent.slots[int(m.group(2))]))
    described = [(m.start(), m.end()) for m in _ORG_DESC.finditer(t)]
    for m in _AGENT_PHRASE.finditer(t):
        if any(s <= m.start() and m.end() <= e for s, e in described):
            continue  # "the Oslo AI developer" is a company already named, not an unnamed agent
        out.append(_Agent(m.start(), m.end(), "unnamed", _unnamed(sent, m, ctx)))
    for m in _PLATFORM_USER.finditer(t):
        # "X user Fynn claimed", "Reddit user u/kestrel said": one person, named by their handle
        s, e = sent.text_pos(m.start("name")), sent.text_pos(m.end("name") - 1) + 1
        name = sent.text[s - sent.start:e - sent.start]
        out.append(_Agent(m.start(), m.end(), "slot", Mention(s, e, name, "Person", name, "platform-user",
                                                             sent=sent.index)))
    for m in _TEAM.finditer(t):
        out.append(_Agent(m.start(), m.end(), "slot", _team(sent, m)))
    out.extend(_unfound_people(sent, ctx))
    for m in _STAFF.finditer(t):
        out.append(_Agent(m.start(), m.end(), "spokes", sent.slots[int(m.group(1))]))
    for m in _SPOKES.finditer(t):
        sid = m.group(1) or m.group(2) or m.group(3)
        org = sent.slots[int(sid)] if sid else ctx.salient_org(sent.index)
        out.append(_Agent(m.start(), m.end(), "spokes", org))
    for m in _STATEMENT.finditer(t):
        sid = m.group(1) or m.group(2) or m.group(3)
        org = sent.slots[int(sid)] if sid else ctx.salient_org(sent.index)
        out.append(_Agent(m.start(), m.end(), "statement", org))
    for s, e in described:
        named = re.match(r"\s*⟪O(\d+)⟫(?!['’]s)", t[e:])
        inside = re.search(r"⟪O(\d+)⟫", t[s:e])
        if named is not None:  # "the research firm ⟪O4⟫": the description names it
            out.append(_Agent(s, e + named.end(), "org-desc", sent.slots[int(named.group(1))]))
        elif inside is not None:  # "the ⟪O4⟫ team"
            out.append(_Agent(s, e, "org-desc", sent.slots[int(inside.group(1))]))
        elif (of_org := _OF_ORG.match(t, e)) is not None:  # "the team from ⟪O4⟫", "the lab at ⟪O4⟫"
            out.append(_Agent(s, of_org.end(), "org-desc", sent.slots[int(of_org.group(1))]))
        else:
            out.append(_Agent(s, e, "org-desc", _org_before(sent, s) or ctx.salient_org(sent.index)))
    for m in _PRONOUN.finditer(t):
        word = m.group(1).lower()
        if word in ("he", "she"):
            who = ctx.person(sent.index)
        elif word == "it":
            who = ctx.salient_org(sent.index)
        else:
            who = ctx.previous.claimant if ctx.previous is not None else None
        out.append(_Agent(m.start(), m.end(), "pronoun", who))
    out.sort(key=lambda a: (-a.end, a.start))
    return out


def _unfound_people(sent: SentenceTemplate, ctx: Discourse) -> list[_Agent]:
    """People the entity stage left unnamed: a titled name ("Chief Product Officer Ada Lind said",
    "AI entrepreneur Tomas stated") and the surname of a person met before ("Vell said")."""
    t = sent.template
    found: list[tuple[int, int, str, str]] = []
    for m in _TITLED_NAME.finditer(t):
        words = m.group("name").split()
        if not any(w.lower() in COMMON_CAPS or w.lower() in _NOT_A_NAME for w in words):
            found.append((m.start("name"), m.end("name"), m.group("name"), m.group("name")))
    for surname, person in ctx.people.items():
        if person is None:
            continue
        for m in re.finditer(r"(?<![\w⟪'’-])" + re.escape(surname) + r"(?![\w⟫-])", t):
            if not any(s <= m.start() < e for s, e, _n, _l in found):
                found.append((m.start(), m.end(), surname, person.label))
    out = []
    for ts, te, _name, label in found:
        s, e = sent.text_pos(ts), sent.text_pos(te - 1) + 1
        surface = sent.text[s - sent.start:e - sent.start]
        out.append(_Agent(ts, te, "slot", Mention(s, e, surface, "Person", label, "unfound-person", sent=sent.index)))
    return out


#: the organisation a described group belongs to, right after it: "the team from ⟪O4⟫"
_OF_ORG = re.compile(r"\s+(?:from|at)\s+(?:the\s+)?⟪O(\d+)⟫(?!['’])")


def _apposed_people(sent: SentenceTemplate, at: int) -> list[Mention]:
    """The people named in apposition right after a group ("Two team members, Ada Lind and Tomas
    Vell, apologized"): the group speaks through them, each by name."""
    t = sent.template
    names = _NAMES_IN_APPOSITION.match(t, at)
    if names is None:
        return []
    out = []
    for m in re.finditer(r"⟪P(\d+)⟫|" + _FULL_NAME, names.group()):
        if m.group(1) is not None:
            out.append(sent.slots[int(m.group(1))])
            continue
        if any(w.lower() in COMMON_CAPS or w.lower() in _NOT_A_NAME for w in m.group().split()):
            return []
        s, e = sent.text_pos(names.start() + m.start()), sent.text_pos(names.start() + m.end() - 1) + 1
        surface = sent.text[s - sent.start:e - sent.start]
        out.append(Mention(s, e, surface, "Person", re.sub(r"\s+", " ", surface), "unfound-person", sent=sent.index))
    return out


def _org_before(sent: SentenceTemplate, at: int) -> Mention | None:
    """The organisation an earlier clause of the sentence has as its subject ("After ⟪O1⟫
    shipped ⟪M2⟫, the company said"): not an object ("of ⟪O1⟫") or a possessive ("⟪O1⟫'s")."""
    t = sent.template
    found = None
    for m in _SLOT.finditer(t, 0, at):
        if m.group(1) != "O" or t.startswith(("'", "’"), m.end()):
            continue
        if _OBJECT_BEFORE.search(t[max(0, m.start() - 20):m.start()]):
            continue
        found = sent.slots[int(m.group(2))]
    return found


def _team(sent: SentenceTemplate, m: re.Match[str]) -> Mention:
    """"the Brisa team", "Corra-2 developers": the organisation of the people who make a model."""
    model = sent.slots[int(m.group(1))]
    s, e = sent.text_pos(m.start()), sent.text_pos(m.end() - 1) + 1
    surface = sent.text[s - sent.start:e - sent.start]
    label = re.sub(r"^(?:the|The)\s+", "", re.sub(r"\s+", " ", surface)).replace(model.text, model.label)
    return Mention(s, e, surface, "Organization", label, "model-team", sent=sent.index)


def _unnamed(sent: SentenceTemplate, m: re.Match[str], ctx: Discourse) -> Mention:
    """The unnamed agent a phrase names; "the same person", "those researchers": the one met."""
    if ctx.unnamed is not None and _UNNAMED_ANAPHOR.match(m.group()):
        return ctx.unnamed  # "The poster", "The same person": the agent already met
    if _THE_OUTLET.fullmatch(m.group()) and ctx.outlet is not None and sent.index - ctx.outlet[0] <= 2:
        return ctx.outlet[1]  # "Reporting by X placed ... The outlet confirmed ...": X
    return _make_unnamed(sent, m)


def _make_unnamed(sent: SentenceTemplate, m: re.Match[str]) -> Mention:
    s = sent.text_pos(m.start())
    slot = re.search(r"⟪[A-Z](\d+)⟫$", m.group())
    e = sent.slots[int(slot.group(1))].end if slot else sent.text_pos(m.end() - 1) + 1
    surface = sent.text[s - sent.start:e - sent.start]
    label = re.sub(r"\s+", " ", surface).strip()
    return Mention(s, e, surface, "UnnamedAgent", label, "unnamed-agent", sent=sent.index)


def _subject_before(t: str, cs: int, agents: Sequence[_Agent], wants_that: bool,
                    word: str) -> _Agent | None:
    """The subject of the cue starting at ``cs``: the nearest agent the gap grammar allows."""
    for a in agents:
        if a.end > cs:
            continue
        gap = t[a.end:cs]
        rel = _RELATIVE.match(gap)
        if rel is not None and rel.end() == len(gap):
            if not wants_that and word not in _SAYS:  # "the Collective, which writes vivid fiction"
                continue
            if re.search(r"\bwho\s+(?:\w+\s+)*$", gap, re.IGNORECASE) and a.mention is not None and \
                    a.mention.type == "Organization" and _OBJECT_BEFORE.search(t[max(0, a.start - 20):a.start]):
                continue  # "⟪P1⟫, VP at ⟪O2⟫, who denied": the person, not the employer
        elif gap.strip() == "," and a.kind == "slot" and a.mention is not None and (
                (a.mention.type == "Person" and _ROLE_BEFORE.search(t[:a.start]))
                or (a.mention.type == "Organization" and _MAKER_BEFORE.search(t[:a.start]))):
            pass  # "⟪O1⟫'s chief executive, ⟪P2⟫, said": the name is the role's apposition
        elif word.endswith("ing") and a.kind == "slot" and a.mention is not None and \
                a.mention.type in ("Person", "Organization") and _ABSOLUTE_GAP.fullmatch(gap) and \
                _ABSOLUTE_BEFORE.search(t[:a.start]):
            return a  # "with critics such as ⟪O1⟫ engineer ⟪P2⟫ openly mocking ...": P2
        elif a.kind == "slot" and a.mention is not None and a.mention.type in ("Person", "Organization") and \
                (comma := re.match(r"\s*,", gap)) is not None and _GAP.fullmatch(gap[comma.end():]) and (
                    (a.mention.type == "Person" and _ROLE_BEFORE.search(t[:a.start])) or
                    _DESCRIPTION_BEFORE.search(t[:a.start]) or any(
                        u.kind == "unnamed" and re.fullmatch(r"\s*,\s*", t[u.end:a.start]) for u in agents)):
            pass  # "A veteran tester, ⟪P1⟫, had noted", "⟪O1⟫'s robotics unit, ⟪O2⟫, denied"
        elif not _GAP.fullmatch(gap):
            continue
        elif (obj := _OBJECT_BEFORE.search(t[max(0, a.start - 20):a.start])) and not (
                obj.group().startswith(("'", "’")) and a.mention is not None and (
                    a.mention.type == "Person" or _POSSESSOR_SUBJECT.search(t[:a.start]))):
            continue  # "filed in the ⟪O1⟫": an object, not a subject ("⟪O1⟫'s ⟪P2⟫ said" is one,
            # and so is "⟪P1⟫'s ⟪O2⟫ announced": a founder's company)
        if a.kind == "pronoun" and t[a.start:a.end].lower() == "it" and (
                word not in _SAYS or not re.search(r"(?:^|\bthat|[,;]|\band|\bbut)\s*$", t[:a.start])):
            continue  # "it shows", "even as it confirms": a model, a table or an account
        return a if a.mention is not None else None  # "the company" with no company met: nobody
    return None


#: a possessor named as the subject's owner ("⟪P1⟫'s ⟪O2⟫ announced"), itself no object
_POSSESSOR_SUBJECT = re.compile(r"(?:^|[.;:]\s*|[^\w\s⟫]\s*|\b(?:and|but|then|meanwhile|now)\s+)"
                                r"(?:[\w-]+\s+){0,3}?⟪[OP]\d+⟫['’]s?\s+$", re.IGNORECASE)


def _subject_after(t: str, ce: int, agents: Sequence[_Agent], *, ends_clause: bool) -> _Agent | None:
    """An agent right after the cue ("said ⟪P1⟫, ...", "according to the company").

    With ``ends_clause``, the agent must end its clause (an inverted '"...," said X.').
    """
    m = re.match(r"\s*,?\s*", t[ce:])
    at = ce + (m.end() if m else 0)
    det = re.match(r"(?:the|a|an)\s+", t[at:], re.IGNORECASE)
    starts = {at, at + det.end()} if det else {at}
    best = None
    for a in agents:
        if a.mention is None or a.start not in starts:
            continue
        if ends_clause and not re.match(r"\s*(?:[,.;:!?)\]]|$|(?:in|on|at|during|who|from|of|with)\b)", t[a.end:]):
            continue
        if best is None or a.end > best.end:
            best = a
    return best


# ----------------------------------------------------------------------------- reading

@dataclass
class _Draft:
    """A claim being read: later cues of its clause may still raise its stance."""

    claimant: Mention
    stance: str
    rule: str
    cue_start: int
    cue_end: int
    subject_start: int
    word: str
    inverted: bool


def _cues(t: str) -> list[tuple[int, int, str, str, str]]:
    """(start, end, stance, rule, word) of every reported-speech cue, in text order.

    ``rule`` says where the agent is: "speech-verb" (its subject, or the speaker after a
    quotation), "according-to" (right after it), "citing" (right after it, besides the
    reporter), "by-agent" (after "by": the cue's end is moved past it), "started-by".
    """
    cues: list[tuple[int, int, str, str, str]] = []
    for m in _CUE.finditer(t):
        word = " ".join(m.group(1).lower().split())
        stance, agent = _CUES[word]
        if agent == "owner":
            cues.append((m.start(), m.end(), stance, "owner", word))
            continue
        if agent != "before":
            if word == "per" and (t[:m.start()].strip(" \"“'‘(") or not re.match(r"\s+(?:the\s+)?⟪[OPA]|\s+(?:the|a|an|its|their)\s", t[m.end():])):
                continue  # "Per X, ..." opens a sentence; "per token", "$2 per hour" are rates
            cues.append((m.start(), m.end(), stance, "citing" if agent == "cited" else "according-to", word))
            continue
        prev = t[max(0, m.start() - 30):m.start()]
        nxt = t[m.end():m.end() + 12].lower()
        if m.group(1)[0].isupper() and m.start() > 0:
            continue  # "Alleged Training-Data Cheating" in a headline
        by = _BY_AGENT.match(t, m.end()) if word.endswith("ed") and word not in _NOT_SPEECH_BY else None
        if by is not None:  # "the score reported by ⟪O1⟫": the agent follows "by"
            cues.append((m.start(), by.end(), stance, "by-agent", word))
            continue
        if re.search(r"\b(?:the|an?|of|was|were|been|being|is|are)\s+$", prev, re.IGNORECASE) and \
                not nxt.lstrip().startswith("that"):
            continue  # adjective or passive use: "the alleged cheating", "was reported"
        negated = _NEGATED.search(prev)
        if negated and not (negated.group().strip().lower() == "to" and _DEFENCE.match(t, m.start())):
            continue  # "did not say", "declined to comment", "to expect": no claim made (but "...
            # to counter the claims" answers an accusation)
        if word in _TOLD and _TOLD_TO.match(t, m.end()):
            continue  # "told it to wait", "tells users to update": a request, not a statement
        if word in _EVENT_VERBS and re.match(r"\s+(?:(?:the|a|an|its|their|two|three|four)\s+)?⟪[MFBH]", t[m.end():]):
            continue  # "announced Reflection 70B", "has added GPT-4o mini": an event, not a claim
        cues.append((m.start(), m.end(), stance, "speech-verb", word))
    for m in _STARTED_BY.finditer(t):
        cues.append((m.start(), m.end(), "asserts", "started-by", "started"))
    cues.sort()
    return cues


def _read(sent: SentenceTemplate, ctx: Discourse) -> list[ClaimHit]:
    """The claims of one sentence, given what the document said before it."""
    t = sent.template
    cues = _cues(t)
    if not cues:
        return []
    agents = _agents(sent, ctx)
    drafts: list[_Draft] = []
    for cs, ce, stance, rule, word in cues:
        agent: _Agent | None = None
        inverted = False
        if rule == "owner":  # "⟪O1⟫'s accusation that", "the claim by ⟪O1⟫ that"
            owner = _OWNER_BEFORE.search(t[:cs]) or _OWNER_AFTER.match(t, ce)
            if owner is None or not _THAT_AFTER.match(t, owner.end() if owner.start() >= ce else ce):
                continue
            agent = next((a for a in agents if a.kind == "slot" and a.start == owner.start(1)), None) or \
                _Agent(owner.start(1), owner.end(1), "slot", sent.slots[int(owner.group(2))])
            inverted = True
        elif rule in ("started-by", "according-to", "citing", "by-agent"):
            agent = _subject_after(t, ce, agents, ends_clause=False)
            inverted = True
            if agent is not None and rule == "according-to" and _SOURCE_NOUN.match(t, agent.end):
                agent = None  # "according to ⟪O1⟫ pricing": figures looked up, nobody speaks
            if rule == "started-by" and agent is None:
                continue
            if rule == "by-agent" and (agent is None or not (agent.kind == "slot" or (
                    agent.kind == "unnamed" and _SOMEONE.match(t[agent.start:agent.end])))):
                continue  # "reported by ⟪O1⟫", "disputed by a former engineer", not "by their developers"
        else:
            wants_that = bool(re.match(r"\s*(?:that\b|[\"“:])", t[ce:]))
            agent = _subject_before(t, cs, agents, wants_that, word)
            if agent is None and not word.endswith("ing") and _QUOTE_BEFORE.search(t[:cs]):
                agent = _subject_after(t, ce, agents, ends_clause=True)
                inverted = agent is not None
        defence = rule == "speech-verb" and stance == "denies" and _DEFENCE.match(t, cs) is not None
        if (agent is None or agent.mention is None) and not drafts and rule == "speech-verb" and (
                _JOINED.search(t[:cs]) or (word.endswith("ing") and re.search(r",\s*$", t[:cs])) or defence):
            agent = _opening_agent(t, agents)  # "X declined to say ..., but said ...", "X ..., saying": X
            if defence and agent is not None and _NOT_DONE.search(t[agent.end:cs]):
                agent = None  # "X has not offered any evidence to counter the claims": no answer given
        if agent is None or agent.mention is None:
            # "... and denied that", "..., saying": the claim of the clause goes on
            if drafts and rule == "speech-verb" and (_COORDINATED.search(t[:cs]) or word.endswith("ing")):
                d = drafts[-1]
                if STANCE_RANK[stance] > STANCE_RANK[d.stance]:
                    d.stance = stance
                    d.word = word
            continue
        claimant = agent.mention
        members = _apposed_people(sent, agent.end) if agent.kind == "unnamed" else []
        if members:
            claimant = members[0]  # "Two team members, A and B, said": A (and B, below)
        staff = _STAFF_OF.fullmatch(t[agent.start:agent.end]) if agent.kind == "unnamed" else None
        if staff is not None and sent.slots[int(staff.group(1))].type == "Organization":
            claimant = sent.slots[int(staff.group(1))]  # "researchers at X said", "the team behind X"
        if agent.kind == "pronoun" and t[agent.start:agent.end].lower() in ("he", "she"):
            met = [d.claimant for d in drafts if d.claimant.type == "Person"]
            claimant = met[-1] if met else claimant  # "X said ..., which he called ...": X
        if agent.kind == "unnamed" and _UNNAMED_ANAPHOR.match(t[agent.start:agent.end]):
            met = [d.claimant for d in drafts if d.claimant.type == "UnnamedAgent"]
            claimant = met[-1] if met else claimant  # "citing employees; some of those researchers said"
            if not met and ctx.staff and _THE_STAFF.fullmatch(t[agent.start:agent.end]):
                claimant = ctx.staff[0]  # "researchers at X said ... According to the researchers": X
                for org in ctx.staff[1:]:
                    drafts.append(_Draft(org, stance, rule, cs, ce, agent.start, word, inverted))
        if staff is not None and claimant.type == "Organization":
            ctx.staff = (claimant,)
        same = [d for d in drafts if d.claimant.label == claimant.label]
        if same:
            if STANCE_RANK[stance] > STANCE_RANK[same[-1].stance]:
                same[-1].stance = stance
                same[-1].word = word
            continue
        if drafts and not inverted and rule != "citing" and agent.start >= drafts[-1].cue_end and \
                drafts[-1].rule != "according-to" and not _CLAUSE_BREAK.search(t[drafts[-1].cue_end:agent.start]):
            continue  # "X said Vantorine had told customers ...": inside X's claim
        if drafts and not inverted and agent.start < drafts[-1].cue_start and rule != "citing":
            continue  # a subject before the last claim's cue belongs to that claim's clause
        drafts.append(_Draft(claimant, stance, rule, cs, ce, agent.start, word, inverted))
        drafts.extend(_Draft(member, stance, rule, cs, ce, agent.start, word, inverted) for member in members[1:])
        named_by = _ORG_STAFF.fullmatch(t[agent.start:agent.end]) if agent.kind == "unnamed" else None
        if named_by is not None and (org := sent.slots[int(named_by.group(1))]).type == "Organization" and \
                all(d.claimant.label != org.label for d in drafts):
            # "an ⟪O1⟫ employee accused ...": the employee's claim, and their organisation's through them
            drafts.append(_Draft(org, stance, rule, cs, ce, agent.start, word, inverted))
        if claimant.type == "Organization" and (_REPORT_CUE.match(word.split()[0]) or (
                agent.kind == "statement" and re.search(r"\breport", t[agent.start:agent.end], re.IGNORECASE))):
            ctx.outlet = (sent.index, claimant)  # "Reporting by X", "according to a report by X"
        both = _STAFF_OF_BOTH.search(t[:agent.start]) if agent.kind == "slot" else None
        if both is not None and claimant.type == "Organization" and \
                (org := sent.slots[int(both.group(1))]).type == "Organization" and \
                all(d.claimant.label != org.label for d in drafts):
            # "researchers at ⟪O1⟫ and the ⟪O2⟫ said": both organisations speak
            drafts.append(_Draft(org, stance, rule, cs, ce, both.start(), word, inverted))
            ctx.staff = (org, claimant)
        # "⟪P1⟫ and ⟪P2⟫ of ⟪O3⟫ wrote": each of the joined subjects makes the claim
        if not inverted:
            for other in _conjuncts(t, agent, agents):
                if other.mention is not None and all(d.claimant.label != other.mention.label for d in drafts):
                    drafts.append(_Draft(other.mention, stance, rule, cs, ce, other.start, word, False))
    hits = [hit for d in drafts if (hit := _finish(sent, d, ctx)) is not None]
    # the main claim (the first subject's) comes last: who "he" and "the company" are next
    return hits[1:] + hits[:1]


#: a sentence's opening adverbial before its subject: "In March, ", "Earlier this week, "
_OPENING_PHRASE = re.compile(r"(?:in|on|at|last|earlier|later|meanwhile|also|separately|this|that|since)\b"
                             r"[^,⟪]{0,30},\s*", re.IGNORECASE)


#: a description before an organisation's name that opens the sentence: "Chinese tech giant ",
#: "French AI startup ", "Cloud provider "
_DESCRIBED_OPENING = re.compile(r"(?:[\w-]+\s+){0,3}?(?:" + _alt(ORG_NOUNS | {"giant", "rival", "upstart",
                                "provider", "unicorn", "conglomerate", "incumbent"}) + r")\s+(?=⟪O)",
                                re.IGNORECASE)


def _opening_agent(t: str, agents: Sequence[_Agent]) -> _Agent | None:
    """The agent that opens the sentence, if one does."""
    first = len(t) - len(t.lstrip(" \"“"))
    # after an opening adverbial: "In March, X introduced Y and claimed ..."
    opening = _OPENING_PHRASE.match(t, first)
    starts = {first, opening.end()} if opening else {first}
    # after a description of the company: "Chinese tech giant X unveiled ..., claiming ..."
    starts |= {m.end() for at in tuple(starts) if (m := _DESCRIBED_OPENING.match(t, at))}
    found = [a for a in agents if a.start in starts and a.mention is not None]
    best = max(found, key=lambda a: a.end) if found else None
    if best is not None and best.kind == "unnamed":
        # "⟪O1⟫ chief executive ⟪P2⟫ gave a talk ...": the person the role names
        named = [a for a in agents if a.kind == "slot" and a.mention is not None and
                 a.mention.type == "Person" and a.start > best.start and not t[best.end:a.start].strip()]
        best = named[0] if named else best
    return best


def _conjuncts(t: str, agent: _Agent, agents: Sequence[_Agent]) -> list[_Agent]:
    """Agents joined to ``agent`` by "and" before it ("A, director at X, and B wrote")."""
    out: list[_Agent] = []
    current = agent
    while current.kind == "slot" and current.mention is not None:
        joiner = re.search(r"(?:,\s*)?\band\s+$", t[:current.start])
        if joiner is None:
            break
        found = None
        for a in agents:
            if a.end > joiner.start() or a.kind != "slot" or a.mention is None or \
                    a.mention.type != current.mention.type:
                continue
            if re.fullmatch(r"\s*(?:,[^;:\"“”]{1,160}?)?", t[a.end:joiner.start()]) and \
                    not _OBJECT_BEFORE.search(t[max(0, a.start - 20):a.start]):
                found = a
            break
        if found is None:
            break
        out.append(found)
        current = found
    return out


def _finish(sent: SentenceTemplate, d: _Draft, ctx: Discourse) -> ClaimHit | None:
    """Turn a draft into a claim: stance from its content, what it is about, its topic."""
    t = sent.template
    claimant = d.claimant
    if not _SENTENCE_END.search(sent.text) and claimant.type == "UnnamedAgent" and \
            re.fullmatch(r"[A-Za-z]+", claimant.label):
        return None  # "Researchers say ..." in a headline or a teaser: nobody in particular
    quoted = _continues_quote(t, d)
    before = d.rule == "by-agent" or (d.rule == "speech-verb" and (
        quoted or d.inverted or _CLAUSE_END.fullmatch(t[d.cue_end:])))
    # what was said: after the cue, or before the speaker ('"...," she said', '..., the company said')
    content_t = t[:min(d.cue_start, d.subject_start)] if before else t[d.cue_end:]
    if not content_t.strip(" ,:;\"“”"):
        content_t = t[d.cue_end:] or t  # a claim always says something: its topic is never empty
    stance = d.stance
    if stance == "asserts" and (_DENIAL_PHRASE.search(t[d.cue_end:]) or _FALSE_CLAIM.search(content_t) or
                                _IN_RESPONSE.search(t[:min(d.cue_start, d.subject_start)])):
        stance = "denies"
    elif stance == "asserts" and any(_ATTRIBUTED.search(c.group("np")) for c in _CONTRADICTS.finditer(content_t)):
        stance = "denies"  # a finding against what another party claimed disputes it
    elif stance == "asserts" and _HEDGED.search(content_t if before else content_t[:140]):
        stance = "speculates"  # "argued that miqu might simply be a fine-tune"
    if stance == "asserts" and _NOT_REPRODUCED.search(content_t):
        stance = "denies"  # "could not reproduce the score": a dispute of a reported number
    if stance == "asserts" and _CALLED_WRONG.search(t, d.subject_start):
        stance = "denies"  # "called the decision disappointing": takes issue with another's act
    if stance in ("asserts", "acknowledges") and _DENIES_OWN_ACT.search(content_t[:240]):
        stance = "denies"  # "said that it has not violated any agreement": a denial of its own act
    if stance == "asserts" and _negates_allegation(sent, content_t, ctx):
        stance = "denies"  # after "X was trained on Y's data" is alleged: "X is not trained on ..."
    if stance == "asserts" and _REPORT_CUE.match(d.word) and _is_outlet(claimant, t):
        stance = "reports"  # an outlet passing on what its sources say
    prev = ctx.previous
    said = ctx.said.get(claimant.label)
    if said is None and prev is not None and prev.claimant.label == claimant.label:
        said = prev
    if quoted and said is not None and sent.index - said.sent.index <= 2 and \
            STANCE_RANK[said.stance] > STANCE_RANK[stance]:
        stance = said.stance  # '"...," she said' goes on with what she was reported to say
    if d.word in _BELIEFS and not any(sent.slots[int(m.group(2))].label != claimant.label
                                      for m in _SLOT.finditer(content_t) if m.group(1) in "MFOB"):
        return None  # "X believes trustworthy AI is a shared responsibility": a creed, about nobody
    content = re.sub(r"⟪[A-Z]\d+⟫", lambda x: sent.slots[int(x.group()[2:-1])].text, content_t).strip(" ,:;\"“”")
    about = _dedupe(sent.slots[int(m.group(2))] for m in _SLOT.finditer(t)
                    if m.group(1) in "MFOB" and sent.slots[int(m.group(2))].label != claimant.label)
    if ctx.topic_model is not None and all(a.label != ctx.topic_model.label for a in about) and \
            _MODEL_ANAPHOR.search(content_t):
        # "According to X's notes, the model was trained ...", "X clarified that in training the
        # model it used Y's architecture": the model the text is about, besides what is named
        about = about + (ctx.topic_model,)
    elif ctx.topic_model is not None and not any(a.type in ("Model", "ModelFamily") for a in about) and \
            _RESULT_ANAPHOR.search(content_t):
        # "X later confirmed the results were inflated": the results of the model the text is about
        about = about + (ctx.topic_model,)
    elif ctx.topic_model is not None and quoted and claimant.type == "Person" and \
            not any(a.type in ("Model", "ModelFamily") for a in about) and _QUOTED_MODEL.search(content_t):
        # '"We think it is the best model for agents," said X': the model the text is about
        about = about + (ctx.topic_model,)
    elif ctx.topic_model is not None and not any(a.type in ("Model", "ModelFamily") for a in about) and \
            _ABOUT_NEXT.search(d.word):
        # "an excerpt from the official evaluation from X": the evaluation of the model of the text
        about = about + (ctx.topic_model,)
    if ctx.topic_model is not None and not any(a.type in ("Model", "ModelFamily") for a in about) and \
            _DATA_SUBJECT.search(t[d.subject_start:d.cue_start]):
        # "⟪O1⟫'s evaluation data shows improved recall": the figures of the model the text is about
        about = about + (ctx.topic_model,)
    if ctx.topic_model is not None and not any(a.type in ("Model", "ModelFamily") for a in about) and \
            any(a.type == "Benchmark" for a in about) and _SCORE_STATED.search(content_t):
        # "X reports 100% accuracy on B and a 0.91 score on C": a score, of the model the text is about
        about = about + (ctx.topic_model,)
    for size in _SIZED_ANAPHOR.finditer(content_t):
        # "the 70B model was distilled from ...": the model of that size the text has named, the one
        # it is about first
        named = _model_of_size(ctx, size.group(1), size.group(2))
        if named is not None and all(a.label != named.label for a in about):
            about = about + (named,)
    if _ORG_DESC.search(content_t.replace("’", "'").replace("'s", "  ")):
        org = _org_before(sent, len(t)) or ctx.salient_org(sent.index)
        if org is not None and org.label != claimant.label:
            about = _dedupe(about + (org,))  # "defended the company's actions"
    if stance == "denies" and prev is not None and 0 < sent.index - prev.sent.index <= 3 and \
            _RESULT_ANAPHOR.search(content_t) and not any(a.type in ("Model", "ModelFamily") for a in about):
        # "could not reproduce the score": the score the last claim reported, of its model
        about = _dedupe(about + tuple(a for a in prev.about if a.type in ("Model", "ModelFamily")))
    if not about and claimant.type == "Organization":
        about = (claimant,)  # "X says it leads in multilingual reasoning": about itself
    topic = clip_topic(content)
    anaphoric = _ANAPHOR.search(t)
    if anaphoric and ctx.allegation_about:
        about = _dedupe(about + ctx.allegation_about)
        if prev is not None:
            topic = prev.topic
    if d.rule == "started-by" and ctx.allegation_text:
        content = ctx.allegation_text  # what the rumour says, not who started it
        about = _dedupe(about + ctx.allegation_about)
        topic = clip_topic(ctx.allegation_text)
    return ClaimHit(claimant, stance, about, content, topic, sent, d.rule)


#: a verdict against another party's act or word: "called the decision “disappointing”", "called
#: the ban unjustified"
_CALLED_WRONG = re.compile(
    r"\b(?:called|calls|calling|described|describes|describing|termed|labell?ed)\s+(?:the|this|that|its|their|"
    r"⟪[OP]\d+⟫['’]s?)\s+(?:[\w-]+\s+)?(?:decision|move|ban|suspension|cut-?off|restrictions?|claims?|allegations?|"
    r"accusations?|report|characteri[sz]ation|assertions?|charges?)\s+(?:as\s+)?[\"“']?\s*(?:very\s+|deeply\s+|"
    r"simply\s+|completely\s+)?(?:disappointing|unfortunate|unfair|misguided|wrong|false|baseless|inaccurate|"
    r"misleading|unfounded|regrettable|unjustified|absurd|ridiculous|untrue|nonsense|hypocritical)\b", re.IGNORECASE)
#: a negated act: "is not trained on", "wasn't built from", "never used"
_NEGATED_ACT = re.compile(r"\b(?:(?:is|was|are|were|has|have|had|did|does|do)\s*(?:not|n['’]t)|never)\s+"
                          r"(?:been\s+|being\s+|ever\s+)?([a-z]{3,})\b", re.IGNORECASE)


#: the speaker saying it did not do an act, or was not what it was taken for: "said that it has not
#: violated any agreement", "clarified that it was not an attempt to hide", "stated that it did not
#: use", "insists it never trained on" (not "has not yet decided", "did not comment", "is not expected")
_DENIES_OWN_ACT = re.compile(
    r"(?:^\s*|\bthat\s+)(?:it|they|we|he|she|the\s+(?:company|firm|startup|lab|team))\s+(?:"
    r"(?:has|have|had)\s*(?:not|n['’]t|never)\s+(?:ever\s+)?(?!(?:yet|decided|disclosed|commented|responded|"
    r"confirmed|announced|released|shared|published|specified|said|been\s+able)\b)[a-z]{3,}(?:ed|en|wn|ught|ole)\b|"
    r"(?:did|does|do)\s*(?:not|n['’]t)\s+(?!(?:yet|say|comment|respond|reply|disclose|confirm|specify|elaborate|"
    r"expect|plan|intend|know|want|need|have|see|release|announce|share|publish)\b)[a-z]{3,}\b|"
    r"never\s+(?:[a-z]{3,}ed|used|trained|copied|stole|took|made)\b|"
    r"(?:is|was|are|were)\s*(?:not|n['’]t)\s+(?:an?\s+(?:attempt|copy|clone|derivative|rip-?off|fork|wrapper)|"
    r"(?:based|derived|trained|built|copied|stolen|taken|involved|responsible|obliged|bound|liable|in\s+breach)\b))",
    re.IGNORECASE)


#: a score stated as one: "100% accuracy", "a 0.910 score", "scored 88.7", "an Elo of 1,250"
_SCORE_STATED = re.compile(
    r"\d(?:[\d,]*\d)?(?:\.\d+)?\s*(?:%|percent\b)|\b(?:score[sd]?|scoring|accuracy|elo|pass@\d+)\b"
    r"[^.;]{0,30}?\d|\d(?:\.\d+)?\s+(?:\w+\s+)?(?:score|accuracy|points?)\b", re.IGNORECASE)


#: a model named by its size alone: "the 70B model", "their 8-billion-parameter version"
_SIZED_ANAPHOR = re.compile(
    r"\b(?:the|this|that|its|their|our)\s+(\d+(?:\.\d+)?)(?:\s*|-)(b|billion|m|million|t|trillion)"
    r"(?:[\s-]+param(?:eter)?s?)?\s+(?:model|version|variant)\b(?![\w-])", re.IGNORECASE)


def _model_of_size(ctx: Discourse, number: str, unit: str) -> Mention | None:
    """The model of the text whose name gives this size: the one it is about, else the last named."""
    letter = unit[0].upper()
    size = re.compile(rf"(?<![\d.]){re.escape(number)}\s*{letter}(?![a-z])", re.IGNORECASE)
    for m in ([ctx.topic_model] if ctx.topic_model is not None else []) + ctx.models[::-1]:
        if m.type == "Model" and size.search(m.label):
            return m
    return None


def _negates_allegation(sent: SentenceTemplate, content_t: str, ctx: Discourse) -> bool:
    """Whether what is said negates the act an allegation met before stated of the same thing
    ("X was trained on Y's outputs", then "X is not trained on any data from Y")."""
    if not ctx.allegation_text or not ctx.allegation_about:
        return False
    named = {sent.slots[int(m.group(2))].label for m in _SLOT.finditer(content_t)}
    if not named & {a.label for a in ctx.allegation_about}:
        return False
    return any(re.search(r"\b" + re.escape(m.group(1)) + r"\b", ctx.allegation_text, re.IGNORECASE)
               for m in _NEGATED_ACT.finditer(content_t))


#: a finding that a reported result does not hold up: "could not reproduce", "failed to replicate"
_NOT_REPRODUCED = re.compile(r"\b(?:could\s+not|couldn['’]t|cannot|can['’]t|failed\s+to|(?:were|was)\s+unable\s+to|"
                             r"unable\s+to|did\s+not|didn['’]t)\s+(?:independently\s+)?(?:reproduce|replicate|"
                             r"match|verify|confirm|corroborate)\b", re.IGNORECASE)
#: a reported number spoken of without its model: "the score", "those results", "the reported figure"
_RESULT_ANAPHOR = re.compile(r"\b(?:the|that|this|those|these|its|their)\s+(?:reported\s+|claimed\s+|published\s+)?"
                             r"(?:score|scores|result|results|number|numbers|figure|figures|benchmark\s+results?|"
                             r"claims?|performance)\b", re.IGNORECASE)
#: people of an organisation named by it, who speak for it: "an ⟪O1⟫ employee", "⟪O1⟫ researchers",
#: "the ⟪O1⟫ technical experts", "⟪O1⟫ security analysts" (one modifier may stand before the head)
#: (not "a former ⟪O1⟫ engineer": who has left speaks for nobody)
_ORG_STAFF = re.compile(r"(?:(?:an?|the|some|several|two|three|many|other)\s+)?⟪O(\d+)⟫\s+"
                        r"(?:(?-i:[a-z][\w-]*)\s+)?(?:employees?|researchers?|engineers?|staff|staffers?|"
                        r"scientists?|experts?|analysts?)", re.IGNORECASE)
#: an unnamed group that speaks for its organisation: "researchers at X", "the team behind X",
#: "insiders at X familiar with the project", "employees within X"
_STAFF_OF = re.compile(r"(?:(?:the|a|some|several|two|three)\s+)?(?:researchers?|scientists?|engineers?|team|"
                       r"analysts?|staff|developers|maintainers|insiders?|employees?)\s+"
                       r"(?:at|from|of|behind|with|within)\s+(?:the\s+)?"
                       r"⟪O(\d+)⟫", re.IGNORECASE)


#: a name that only modifies the source a figure comes from: "according to ⟪O1⟫ pricing"
_SOURCE_NOUN = re.compile(r"\s+(?:pricing|prices?|price\s+list|data|figures|numbers|estimates|rates|rankings|"
                          r"listings?|records|benchmarks?|leaderboards?|charts?|calculations?|metrics)\b")
#: the researchers already met: "the researchers", "the team", "the scientists"
_THE_STAFF = re.compile(r"(?:the|those|these)\s+(?:researchers|scientists|engineers|authors)", re.IGNORECASE)
#: the first of two organisations whose researchers speak: "researchers at ⟪O1⟫ and the ⟪O2⟫"
_STAFF_OF_BOTH = re.compile(r"(?:researchers?|scientists?|engineers?|teams?)\s+(?:at|from)\s+(?:the\s+)?"
                            r"⟪O(\d+)⟫\s*,?\s+and\s+(?:the\s+)?$", re.IGNORECASE)


def clip_topic(text: str, limit: int = 200) -> str:
    """What a claim is about, at most ``limit`` characters, cut after a whole word ("…" marks the
    cut): the readable statement of a proposition that has no triple.

    >>> clip_topic("the model was trained on outputs of another lab's model", 30)
    'the model was trained on…'
    >>> clip_topic("short enough")
    'short enough'
    """
    text = " ".join(text.split())
    if len(text) <= limit:
        return text
    cut = text[:limit].rsplit(" ", 1)[0] if " " in text[:limit] else text[:limit - 1]
    return cut.rstrip(" ,;:") + "…"


def _is_outlet(claimant: Mention, t: str) -> bool:
    """Whether the claimant passes on news: a publication ("The Ledger"), or it cites sources."""
    if claimant.type == "UnnamedAgent":
        return bool(set(claimant.label.lower().split()) & OUTLET_HEADS)
    if claimant.type == "Organization" and re.match(r"The\s+[A-Z]", claimant.label):
        return True
    return bool(_CITING.search(t))


def _continues_quote(t: str, d: _Draft) -> bool:
    """Whether the claim is a quotation followed by its speaker ('"...," she said')."""
    return bool(re.search(r"[\"”]\s*,?\s*$", t[:min(d.cue_start, d.subject_start)]))


def _dedupe(mentions: Iterable[Mention]) -> tuple[Mention, ...]:
    seen: dict[str, Mention] = {}
    for m in mentions:
        seen.setdefault(m.label, m)
    return tuple(seen.values())


# ----------------------------------------------------------------------------- entry points

def find_claims(sent: SentenceTemplate, previous: ClaimHit | None,
                allegation_about: tuple[Mention, ...], allegation_text: str = "") -> list[ClaimHit]:
    """Find the claims stated in one sentence, with only the previous claim as context.

    Args:
        sent: the sentence template.
        previous: the last claim of the document (for "the allegations" and "he said").
        allegation_about: what the last allegation-bearing sentence was about.
        allegation_text: the text of that sentence (what a rumour "started by" someone says).

    Returns:
        the sentence's claims, its main claim (the first subject's) last, so that a caller
        keeping the last claim as ``previous`` keeps the main speaker.
    """
    ctx = Discourse(previous=previous, allegation_about=allegation_about,
                    allegation_text=allegation_text, counts_orgs=False)
    if previous is not None:
        ctx.observe(previous.sent, (previous,))
        ctx.allegation_about, ctx.allegation_text = allegation_about, allegation_text
    return _read(sent, ctx)


def find_document_claims(sents: Iterable[SentenceTemplate]) -> list[ClaimHit]:
    """Find the claims of a whole document, sentence by sentence, in reading order.

    It remembers what :func:`find_claims` cannot: the organisations named so far ("the company"
    is the one the text is about), who was last named as a subject ("he said"), which person
    speaks for which organisation, and the allegations met.
    """
    ctx = Discourse()
    claims: list[ClaimHit] = []
    open_about: list[int] = []  # claims of the last sentence that name nothing but their claimant
    colon: list[int] = []  # claims of the last sentence, which ends on a colon: the next says what
    last: SentenceTemplate | None = None
    seen: list[SentenceTemplate] = []
    for sent in sents:
        if open_about and last is not None and sent.index == last.index + 1 and sent.start - last.end < 2:
            models = _dedupe(sent.slots[int(m.group(2))] for m in _SLOT.finditer(sent.template)
                             if m.group(1) in "MF")
            for i in open_about if models else ():
                claims[i] = replace(claims[i], about=models)  # "X reports results. Model A beats B."
        if colon and last is not None and sent.index == last.index + 1:
            # "X, a spokesperson for Y, stated:" then the statement: what it names is what was said of
            for i in colon:
                named = _dedupe(sent.slots[int(m.group(2))] for m in _SLOT.finditer(sent.template)
                                if m.group(1) in "MFOB" and sent.slots[int(m.group(2))].label != claims[i].claimant.label)
                claims[i] = replace(claims[i], about=_dedupe(claims[i].about + named))
        found = _read(sent, ctx) or _quote_goes_on(sent, ctx)
        open_about = [len(claims) + k for k, hit in enumerate(found)
                      if hit.about == (hit.claimant,) and _ABOUT_NEXT.search(hit.content)]
        colon = [len(claims) + k for k, hit in enumerate(found) if _ENDS_ON_COLON.search(sent.template)]
        claims.extend(found)
        ctx.observe(sent, found)
        last = sent
        seen.append(sent)
        claims.extend(_embedded_post(seen))
    return claims


#: the signature line under an embedded social-media post: "— Ada Lind (@adalind) May 2, 2026",
#: "- Ada Lind (Ada L.) (@adalind) [2 May 2026](link)"
_POST_SIGNATURE = re.compile(
    r"(?m)^[^\S\n]*\\?(?:—|–|-|&mdash;)[^\S\n]*(?:⟪P(?P<slot>\d+)⟫|(?P<name>(?-i:[A-Z][\w'’.-]+(?:[^\S\n]+"
    r"[A-Z][\w'’.-]+){0,3})))[^\S\n]*(?:\([^()@\n]{1,40}\)[^\S\n]*)?\(@\w{1,30}\)[^\S\n]*\[?"
    r"(?:[A-Z][a-z]{2,8}\.?[^\S\n]+\d{1,2},?[^\S\n]+\d{4}|\d{1,2}[^\S\n]+[A-Z][a-z]{2,8}[^\S\n]+\d{4})")
#: how much text an embedded post holds above its signature, links aside (a post is at most 280
#: characters): a sentence that would make it longer is the article's
_POST_CHARS = 280
_LINK = re.compile(r"(?:https?://|pic\.twitter\.com/|pic\.x\.com/)\S+")


def _embedded_post(seen: Sequence[SentenceTemplate]) -> list[ClaimHit]:
    """A post embedded in an article is its author's statement: the text above the signature line
    ("... — Ada Lind (@adalind) May 2, 2026"), within a post's length, says what it claims."""
    sent = seen[-1]
    t = sent.template
    sig = _POST_SIGNATURE.search(t)
    if sig is None:
        return []
    if sig.group("slot") is not None:
        who = sent.slots[int(sig.group("slot"))]
        if who.type != "Person":
            return []
    else:
        s, e = sent.text_pos(sig.start("name")), sent.text_pos(sig.end("name") - 1) + 1
        surface = sent.text[s - sent.start:e - sent.start]
        who = Mention(s, e, surface, "Person", surface, "post-signature", sent=sent.index)
    parts = [(sent, t[:sig.start()])]
    held = len(_LINK.sub("", t[:sig.start()]).strip())
    for prev in reversed(seen[:-1]):
        held += len(_LINK.sub("", prev.text).strip()) + 1
        if held > _POST_CHARS or _POST_SIGNATURE.search(prev.template):
            break
        parts.insert(0, (prev, prev.template))
    about = _dedupe(part.slots[int(m.group(2))] for part, text in parts for m in _SLOT.finditer(text)
                    if m.group(1) in "MFOB" and part.slots[int(m.group(2))].label != who.label)
    if not about:
        return []
    content = " ".join(re.sub(r"⟪[A-Z]\d+⟫", lambda x, p=part: p.slots[int(x.group()[2:-1])].text, text)
                       for part, text in parts).strip()
    return [ClaimHit(who, "asserts", about, content, clip_topic(content), sent, "embedded-post")]


#: a sentence whose statement follows it: "X stated:", "..., emphasizing:"
_ENDS_ON_COLON = re.compile(r":\s*$")
#: a sentence that ends a quotation the sentence before opened
_CLOSES_QUOTE = re.compile(r"^[^\"“”]+[”\"]\s*$")
#: a sentence that is all quotation ('"Brisa beats every open model on math."')
_ALL_QUOTE = re.compile(r"^\s*[\"“][^\"“”]+[\"”]?\s*$")


def _quote_goes_on(sent: SentenceTemplate, ctx: Discourse) -> list[ClaimHit]:
    """A quotation standing alone right after a quoted speaker's sentence is theirs:
    '"We are proud," said X. "Brisa-4 beats every open model."' (X says both)."""
    prev = ctx.previous
    if prev is None or sent.index - prev.sent.index != 1:
        return []
    closes = prev.sent.template.count("“") > prev.sent.template.count("”") and \
        _CLOSES_QUOTE.match(sent.template)  # '... emphasizing: “A. B.”': B ends what was opened before
    if not closes and (not _ALL_QUOTE.match(sent.template) or not re.search(r"[\"“”]", prev.sent.template)):
        return []
    t = sent.template
    about = _dedupe(sent.slots[int(m.group(2))] for m in _SLOT.finditer(t)
                    if m.group(1) in "MFOB" and sent.slots[int(m.group(2))].label != prev.claimant.label)
    if ctx.topic_model is not None and not any(a.type in ("Model", "ModelFamily") for a in about) and \
            _QUOTED_MODEL.search(t.lstrip(" \"“")):
        about = about + (ctx.topic_model,)
    if not about:
        return []  # nothing named: the quotation adds nothing to what the speaker was said to claim
    content = re.sub(r"⟪[A-Z]\d+⟫", lambda x: sent.slots[int(x.group()[2:-1])].text, t).strip(" \"“”")
    return [ClaimHit(prev.claimant, prev.stance, about, content, content[:200], sent, "quote-goes-on")]


def is_allegation(sent: SentenceTemplate) -> bool:
    """Whether the sentence carries allegation language (rumours, accusations, leaks)."""
    return bool(_ALLEGATION_WORDS.search(sent.template))
