"""Claims: who says what, with which stance; the reporter is not the claimant.

A sentence holds a claim when a reported-speech cue ("said", "denied", "according to",
"acknowledged", "alleged", "the rumor was started by") has an agent: a named person or
organisation, or an unnamed one ("a former employee", "insiders"). The claimant is the agent of
the cue: a person before an apposition beats the organisation inside it ("Ahmad Al-Dahle, VP of
generative AI at Meta, denied ..."). A denial of "the allegations" or "the rumor" is about what
the last allegation was about, and shares its topic, so the two meet on one proposition.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

from ..lexicon import AGENT_HEADS, STANCE_VERBS
from .entities import Mention
from .relations import SentenceTemplate

__all__ = ["ClaimHit", "find_claims"]


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


_VERB = re.compile(r"\b(" + "|".join(sorted(STANCE_VERBS, key=len, reverse=True)) + r")\b",
                   re.IGNORECASE)
_AGENT_PHRASE = re.compile(
    r"(?<![\w-])(?:(?:a|an|the|one|several|multiple|two|three|four|some|many|other|various)\s+)?"
    r"(?:(?:supposed|anonymous|alleged|former|current|unnamed|self-described|purported|internal|"
    r"senior|independent|outside|early|disgruntled|ex-)\s*)*"
    r"(?:⟪O\d+⟫\s+)?(?:(?!(?:when|with|and|or|but|that|as|by|to|of|from|for|in|on|while|after|"
    r"before|if|because|since|so|then|than|also|even|who|which|what|whom|whose|how|why)\s)[a-z]+\s+)?(?:" +
    "|".join(sorted(AGENT_HEADS, key=len, reverse=True)) + r")(?![\w-])", re.IGNORECASE)
_ANAPHOR = re.compile(
    r"\b(?:the|these|those|such|that|this)\s+(?:\w+\s+)?(?:allegations?|claims?|rumou?rs?|reports?|"
    r"accusations?|charges?|post|posts|suggestions?|assertions?)\b|\b(?:denied|rejected|disputed)\s+(?:it|them|this|that)\b",
    re.IGNORECASE)
_ALLEGATION_WORDS = re.compile(r"\b(?:rumou?rs?|allegations?|alleged|accus\w+|claims?|leak\w*|whistleblower)\b",
                               re.IGNORECASE)
_STARTED_BY = re.compile(
    r"\b(?:rumou?rs?|allegations?|claims?|reports?|post|posts|accusations?)\s+(?:was|were|had been|has been)?\s*"
    r"(?:reportedly\s+|first\s+|originally\s+)?(?:started|made|posted|spread|levell?ed|raised|published|written|shared)\s+by\s+",
    re.IGNORECASE)
_ACCORDING = re.compile(r"\baccording\s+to\s+", re.IGNORECASE)
_DENIAL_PHRASE = re.compile(r"\b(?:pushe[sd]\s+back|push\s+back|not\s+true|false|never\s+do)\b",
                            re.IGNORECASE)
_SLOT = re.compile(r"⟪([A-Z])(\d+)⟫")
_HEDGED = re.compile(r"\b(?:might|may|could|possibly|perhaps|probably|likely)\b", re.IGNORECASE)


def _agents_in(t: str, sent: SentenceTemplate) -> list[tuple[int, int, Mention]]:
    out = []
    for m in _SLOT.finditer(t):
        if m.group(1) in "OPA":
            out.append((m.start(), m.end(), sent.slots[int(m.group(2))]))
    return out


def _unnamed(sent: SentenceTemplate, m: re.Match[str], previous: ClaimHit | None = None) -> Mention:
    if previous is not None and previous.claimant.type == "UnnamedAgent" and re.match(
            r"(?i)the\s+(?:same\s+)?(?:\w+\s+)?(?:person|poster|user|employee|source|whistleblower|"
            r"insider|engineer|researcher|account)\b", m.group()):
        return previous.claimant  # "The poster", "The same person": the agent already met
    return _make_unnamed(sent, m)


def _make_unnamed(sent: SentenceTemplate, m: re.Match[str]) -> Mention:
    s = sent.text_pos(m.start())
    e = sent.text_pos(m.end() - 1) + 1
    surface = sent.text[s - sent.start:e - sent.start]
    label = re.sub(r"\s+", " ", surface).strip()
    return Mention(s, e, surface, "UnnamedAgent", label, "unnamed-agent", sent=sent.index)


def find_claims(sent: SentenceTemplate, previous: ClaimHit | None,
                allegation_about: tuple[Mention, ...], allegation_text: str = "") -> list[ClaimHit]:
    """Find the claims stated in one sentence.

    Args:
        sent: the sentence template.
        previous: the last claim of the document (for "the allegations" and "he said").
        allegation_about: what the last allegation-bearing sentence was about.
    """
    t = sent.template
    hits: list[ClaimHit] = []
    cues: list[tuple[int, int, str, str]] = []  # (start, end, stance, rule)
    for m in _VERB.finditer(t):
        word = m.group(1)
        prev = t[max(0, m.start() - 12):m.start()].lower()
        nxt = t[m.end():m.end() + 12].lower()
        if word[0].isupper() and m.start() > 0:
            continue  # "Alleged Training-Data Cheating" in a headline
        if re.search(r"\b(?:the|an?|and|of|was|were|been|being|is|are)\s+$", prev) and \
                not nxt.lstrip().startswith("that"):
            continue  # adjective or passive use: "the alleged cheating", "was reported"
        cues.append((m.start(), m.end(), STANCE_VERBS[m.group(1).lower()], "speech-verb"))
    for m in _STARTED_BY.finditer(t):
        cues.append((m.start(), m.end(), "asserts", "started-by"))
    for m in _ACCORDING.finditer(t):
        cues.append((m.start(), m.end(), "asserts", "according-to"))
    if not cues:
        return hits
    agents = [(s, e, a) for s, e, a in _agents_in(t, sent) if not t.startswith(("'s", "’s"), e)]
    for cs, ce, stance, rule in cues:
        claimant: Mention | None = None
        after = t[ce:ce + 120]
        if rule in ("started-by", "according-to"):
            m = re.match(r"\s*(?:the\s+)?⟪([OPA])(\d+)⟫", after)
            if m:
                claimant = sent.slots[int(m.group(2))]
            else:
                um = _AGENT_PHRASE.match(after.lstrip())
                if um:
                    off = ce + (len(after) - len(after.lstrip()))
                    um = _AGENT_PHRASE.search(t, off)
                    if um and um.start() == off:
                        claimant = _unnamed(sent, um, previous)
        else:
            before = [(s, e, a) for s, e, a in agents if e <= cs]
            gap_ok = [(s, e, a) for s, e, a in before if len(t[e:cs]) <= 120]
            persons = [x for x in gap_ok if x[2].type == "Person"]
            # speech verb right after a name: "said Dana Whitlock" / "Dana Whitlock said"
            inv = re.match(r"\s*,?\s*⟪([OP])(\d+)⟫", after)
            # "a former ⟪O⟫ engineer alleged": the unnamed agent, not the organisation inside it
            last_um = None
            for cand in _AGENT_PHRASE.finditer(t, 0, cs):
                last_um = cand
            embedded = (last_um is not None and gap_ok and last_um.start() <= gap_ok[-1][0]
                        and last_um.end() > gap_ok[-1][1] and len(t[last_um.end():cs]) <= 40)
            if persons:
                claimant = persons[-1][2]
            elif embedded and last_um is not None:
                claimant = _unnamed(sent, last_um, previous)
            elif gap_ok and len(t[gap_ok[-1][1]:cs]) <= 50:
                claimant = gap_ok[-1][2]
            elif inv and re.search(r"[\"”']\s*,?\s*$|,\s*$", t[:cs]):
                claimant = sent.slots[int(inv.group(2))]
            else:
                um = None
                for cand in _AGENT_PHRASE.finditer(t, 0, cs):
                    um = cand
                if um is not None and len(t[um.end():cs]) <= 60 and not re.search(
                        r"\bwhat\s+$", t[max(0, um.start() - 6):um.start()]):
                    claimant = _unnamed(sent, um, previous)
                elif re.search(r"\b(?:he|she|they|the\s+(?:executive|company|firm|lab|spokesperson))\s+(?:\w+\s+)?$",
                               t[max(0, cs - 30):cs], re.IGNORECASE) and previous is not None:
                    claimant = previous.claimant
        if claimant is None:
            continue
        if claimant.type == "Organization" and rule == "speech-verb" and stance == "asserts" and \
                re.match(r"(?:described|describes|noted|notes|added|adds|explained|explains)$",
                         t[cs:ce], re.IGNORECASE):
            pass
        if stance == "asserts" and _DENIAL_PHRASE.search(t[ce:]):
            stance = "denies"
        elif stance == "asserts" and _HEDGED.search(t[ce:ce + 100]):
            stance = "speculates"  # "argued that miqu might simply be a fine-tune"
        content = re.sub(r"⟪[A-Z]\d+⟫", lambda x: sent.slots[int(x.group()[2:-1])].text, t[ce:]).strip(" ,:;")
        about = _dedupe(sent.slots[int(m.group(2))] for m in _SLOT.finditer(t)
                        if m.group(1) in "MFOB" and sent.slots[int(m.group(2))].label != claimant.label)
        topic = content[:200]
        anaphoric = _ANAPHOR.search(t)
        if anaphoric and allegation_about:
            about = _dedupe(about + allegation_about)
            if previous is not None:
                topic = previous.topic
        if rule == "started-by" and allegation_text:
            content = allegation_text  # what the rumour says, not who started it
            about = _dedupe(about + allegation_about)
            topic = allegation_text[:200]
        hits.append(ClaimHit(claimant, stance, about, content, topic, sent, rule))
        break  # one claim per sentence: the first cue with an agent (a second clause's claim
        # was tried: it found as many wrong claimants as right ones on the dev set)
    return hits


def _dedupe(mentions: Iterable[Mention]) -> tuple[Mention, ...]:
    seen: dict[str, Mention] = {}
    for m in mentions:
        seen.setdefault(m.label, m)
    return tuple(seen.values())


def is_allegation(sent: SentenceTemplate) -> bool:
    """Whether the sentence carries allegation language (rumours, accusations, leaks)."""
    return bool(_ALLEGATION_WORDS.search(sent.template))
