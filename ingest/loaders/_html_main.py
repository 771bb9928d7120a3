"""The article of a web page, by the agreement of several main-content extractors.

Loaded (like ``_html_tree.py``) in the HTML parser's child process, never in the ingesting
process. No single extractor is right on every page: trafilatura misses an article whose
wrapper's class says "widget" or "sidebar", or keeps a footer; readability takes one container
and misses the rest; jusText keeps every paragraph that reads like prose, teasers included; the
project's own picker has its own blind spots. Where they agree, they are rarely wrong. So:

1. :func:`candidates`: the text five extractors take from the page: trafilatura 2.3.1 in its
   balanced and its recall mode (tables on, comments off), its readability port, jusText
   (English stop words) and :func:`~ingest.loaders._html_tree.main_text`.
2. :func:`~ingest.loaders._html_tree.render` writes the whole page (without code) as blocks in
   document order; :func:`votes` gives each block the share of its word 4-grams each candidate
   holds (a candidate holds a block from half of them on).
3. :func:`article_region`: the deepest element holding 80% of the text that trafilatura and
   readability or jusText agree on, grown to its parent while what the parent adds is mostly
   agreed text, is the article.
4. :func:`select_blocks`: inside the article, a block two candidates hold is kept (one, in a
   collapsed panel: trafilatura and the own picker skip hidden text); not a caption trafilatura
   drops, not a line of page furniture (:func:`is_boilerplate`, ``patterns/html_boilerplate.txt``),
   not a repeat of text already kept, not in a run of three or more link-only lines (a menu).
   Outside the article nothing is kept.

The text is the kept blocks, separated by blank lines: headings with ``#`` prefixes, list items
with ``- ``, tables as pipe tables. A page none of them agree on (an article in an element named
"comments", which trafilatura refuses) falls back to trafilatura's text, then the own picker's.
Measured on 200 real article pages (WCXB dev): docs/extraction.md.
"""

from __future__ import annotations

import copy
import re
from collections.abc import Callable
from pathlib import Path
from typing import Any, NamedTuple

import justext
import lxml.html
import trafilatura
from justext.core import ParagraphMaker, classify_paragraphs, revise_paragraph_classification
from trafilatura.readability_lxml import Document as Readability

if __package__:
    from . import _html_tree as tree
else:  # loaded by path in the parser's child process (``_html_worker.py``), after _html_tree
    import _html_tree as tree  # type: ignore[no-redef]

__all__ = ["CANDIDATES", "Votes", "article_region", "article_text", "candidates", "is_boilerplate",
           "read_page", "select_blocks", "votes"]

#: the voters, in the order they run
CANDIDATES = ("trafilatura", "trafilatura_recall", "readability", "justext", "own")
#: a candidate holds a block when it holds this share of the block's word 4-grams
_HOLDS = 0.5
#: the article is the deepest element holding this share of the agreed text
_REGION_SHARE = 0.8
#: the article's element grows to its parent while what the parent adds is this share agreed text
_CLIMB = 0.5
#: a block inside the article is kept when this many candidates hold it
_MIN_VOTES = 2
#: a block of this many 4-grams or more is a repeat when all but this share of them are already
#: in the kept text (a short line may recur: "Warm-up: 10 minutes" in each week of a plan)
_REPEAT_MIN = 8
_REPEAT_NEW = 0.02
#: ... or, from this many 4-grams on (the article again, as one block), when half of them are
_REPEAT_LONG = 200
#: class words of ad slots, sponsored boxes, paywall and newsletter prompts: a block under an element
#: of the article with one of them is dropped whatever the votes
_AD_CLASSES = frozenset("""
    ad ads advert adverts advertisement advertising adslot ad-slot sponsored sponsor promo promoted
    paywall newsletter subscribe subscription signup
""".split())
#: class words of collapsible panels (accordions, tabs): whole words, word starts, word ends
_PANEL_WORDS = frozenset({"tab", "tabs", "tab-pane", "tabpanel", "faq", "faqs"})
_PANEL_STARTS = ("accordion", "collaps", "toggle", "expand", "panel")
_PANEL_ENDS = ("panel", "accordion")
#: a run of this many short link-only blocks is a menu or a list of other pages
_LINK_RUN = 3
_LINK_SHARE = 0.9
_LINK_MAX_WORDS = 12
_WORD = re.compile(r"\w+")
_STOPLIST = frozenset(justext.get_stoplist("English"))
#: page furniture blocks by their whole text (``ingest/patterns/html_boilerplate.txt``)
_BOILERPLATE_PATH = Path(__file__).resolve().parents[1] / "patterns" / "html_boilerplate.txt"
#: a block longer than this many words is never matched against the boilerplate lines
_BOILERPLATE_MAX_WORDS = 12
_MARKERS = re.compile(r"^[#\-\s]+|[\s.:!?\u2192\u2193\u00bb>|]+$")


def _boilerplate_pattern(path: Path = _BOILERPLATE_PATH) -> re.Pattern[str]:
    lines = (ln.strip() for ln in path.read_text(encoding="utf-8").splitlines())
    alternatives = [ln for ln in lines if ln and not ln.startswith("#")]
    return re.compile("|".join(f"(?:{a})" for a in alternatives), re.IGNORECASE)


_BOILERPLATE = _boilerplate_pattern()


def is_boilerplate(text: str) -> bool:
    """Whether a block's whole text is page furniture ("Advertisement", "5 min read", "Share")."""
    if len(_WORD.findall(text)) > _BOILERPLATE_MAX_WORDS:
        return False
    return _BOILERPLATE.fullmatch(_MARKERS.sub("", " ".join(text.split()))) is not None


class Votes(NamedTuple):
    """One rendered block and, per candidate, the share of its text the candidate holds."""

    block: tree.Block
    shares: dict[str, float]
    shingles: list[tuple[str, ...]]

    def held_by(self, name: str) -> bool:
        """Whether candidate ``name`` holds the block."""
        return self.shares.get(name, 0.0) >= _HOLDS

    def count(self) -> int:
        """How many candidates hold the block."""
        return sum(share >= _HOLDS for share in self.shares.values())


# ----------------------------------------------------------------------------- candidates


def _trafilatura(root: lxml.html.HtmlElement, recall: bool) -> str:
    text = trafilatura.extract(root, output_format="txt", include_tables=True,
                               include_comments=False, favor_recall=recall)
    return text or ""


def _readability(root: lxml.html.HtmlElement) -> str:
    html = Readability(copy.deepcopy(root)).summary()
    return "\n".join(b.text for b in tree.render(lxml.html.fromstring(html)))


def _justext(root: lxml.html.HtmlElement) -> str:
    paragraphs = ParagraphMaker.make_paragraphs(root)
    classify_paragraphs(paragraphs, _STOPLIST, 70, 200, 0.30, 0.32, 0.2, False)
    revise_paragraph_classification(paragraphs, 200)
    return "\n".join(p.text for p in paragraphs if not p.is_boilerplate)


def _own(root: lxml.html.HtmlElement) -> str:
    return tree.main_text(copy.deepcopy(root))


def candidates(root: lxml.html.HtmlElement) -> dict[str, str]:
    """The text each extractor takes from the page (an empty one where it fails or refuses).

    ``root`` loses its code (scripts, styles, comments) on the way, nothing else.
    """
    out = {}
    steps: list[tuple[str, Callable[[lxml.html.HtmlElement], str]]] = [
        ("trafilatura", lambda r: _trafilatura(r, recall=False)),
        ("trafilatura_recall", lambda r: _trafilatura(r, recall=True)),
        ("readability", _readability), ("justext", _justext), ("own", _own)]
    for name, step in steps:
        if name == "readability":  # trafilatura saw the page whole; the rest see no code
            tree.strip_code(root)
        try:
            out[name] = step(root)
        except MemoryError:
            raise
        except Exception:  # noqa: BLE001 - one extractor failing on an odd page leaves the others to vote
            out[name] = ""
    return out


# ----------------------------------------------------------------------------- votes


def _shingles(text: str) -> list[tuple[str, ...]]:
    """Word 4-grams of each line of ``text`` (a shorter line is one gram of its words)."""
    out: list[tuple[str, ...]] = []
    for line in text.lower().split("\n"):
        words = _WORD.findall(line)
        if len(words) >= 4:
            out.extend(zip(words, words[1:], words[2:], words[3:], strict=False))
        elif words:
            out.append(tuple(words))
    return out


class _Holder:
    """What a candidate's text holds: its 4-grams, and its words as one string for short lines."""

    def __init__(self, text: str) -> None:
        self.grams = set(_shingles(text))
        self.words = " " + " ".join(_WORD.findall(text.lower())) + " "

    def share(self, grams: list[tuple[str, ...]]) -> float:
        if len(grams) == 1 and len(grams[0]) < 4:
            return float(" " + " ".join(grams[0]) + " " in self.words)
        distinct = set(grams)
        return len(distinct & self.grams) / len(distinct)


def votes(blocks: list[tree.Block], texts: dict[str, str]) -> list[Votes]:
    """Each block with the share of it each candidate text holds (blocks without words left out)."""
    holders = {name: _Holder(text) for name, text in texts.items()}
    out = []
    for block in blocks:
        grams = _shingles(block.text)
        if grams:
            out.append(Votes(block, {n: h.share(grams) for n, h in holders.items()}, grams))
    return out


def _agreed(v: Votes) -> bool:
    """Trafilatura and a second, different algorithm both keep the block."""
    return v.held_by("trafilatura") and (v.held_by("readability") or v.held_by("justext"))


def article_region(voted: list[Votes]) -> lxml.html.HtmlElement | None:
    """The element holding the article (None: the extractors agree on nothing).

    The deepest element holding most (``_REGION_SHARE``) of the text the extractors agree on;
    then its parent, for as long as what the parent adds is mostly agreed text (an intro
    paragraph beside the list that holds the rest).
    """
    agreed: dict[lxml.html.HtmlElement, int] = {}
    every: dict[lxml.html.HtmlElement, int] = {}
    total = 0
    for v in voted:
        n = len(_WORD.findall(v.block.text))
        is_agreed = _agreed(v)
        total += n if is_agreed else 0
        for el in (v.block.element, *v.block.element.iterancestors()):
            every[el] = every.get(el, 0) + n
            if is_agreed:
                agreed[el] = agreed.get(el, 0) + n
    if not total:
        return None
    held = [el for el, n in agreed.items() if n >= _REGION_SHARE * total]
    region = max(held, key=lambda el: sum(1 for _ in el.iterancestors()))
    while (parent := region.getparent()) is not None:
        more_agreed = agreed.get(parent, 0) - agreed.get(region, 0)
        more = every.get(parent, 0) - every.get(region, 0)
        if not more_agreed or more_agreed < _CLIMB * more:
            break
        region = parent
    return region


def _inside(el: lxml.html.HtmlElement, region: lxml.html.HtmlElement | None) -> bool:
    return region is None or el is region or any(a is region for a in el.iterancestors())


def _repeats(grams: list[tuple[str, ...]], seen: set[tuple[str, ...]]) -> bool:
    """Whether a block repeats text already kept: all of it (not a short line), or half of a very
    long block.

    Paragraphs that differ in a number or a name ("X-7B was trained on ...", "X-70B was trained
    on ...") are not repeats: each says something of its own.
    """
    new = sum(g not in seen for g in grams)
    if len(grams) >= _REPEAT_LONG:
        return new <= len(grams) / 2
    return len(grams) >= _REPEAT_MIN and new <= _REPEAT_NEW * len(grams)


def _link_share(block: tree.Block) -> float:
    """The share of a block's text that is link text (0 when its element holds more than it)."""
    size = len(" ".join(block.text.split()))
    whole = len(" ".join(block.element.text_content().split()))
    if not size or whole > 1.3 * size + 10:
        return 0.0
    links = sum(len(" ".join(a.text_content().split())) for a in block.element.iter("a"))
    return min(1.0, links / size)


def _drop_link_runs(blocks: list[tree.Block]) -> list[tree.Block]:
    """Without runs of ``_LINK_RUN`` or more short blocks that are nothing but a link: a menu,
    a list of other stories or pages, not the article's text."""
    def is_link(b: tree.Block) -> bool:
        return (b.kind != "heading" and len(_WORD.findall(b.text)) <= _LINK_MAX_WORDS
                and _link_share(b) >= _LINK_SHARE)

    out: list[tree.Block] = []
    run: list[tree.Block] = []
    for b in [*blocks, None]:
        if b is not None and is_link(b):
            run.append(b)
            continue
        if len(run) < _LINK_RUN:
            out.extend(run)
        run = []
        if b is not None:
            out.append(b)
    return out


def _in_collapsed_panel(el: lxml.html.HtmlElement, region: lxml.html.HtmlElement | None) -> bool:
    """Whether the page hides ``el`` in a collapsed panel of the article (an accordion, a tab,
    ``<details>``): text a reader opens, which the extractors that honour hiding never see."""
    for a in (el, *el.iterancestors()):
        if a is region or a.tag in ("body", "html"):
            return False
        if a.tag == "details":
            return True
        if tree.is_hidden(a):
            parent = a.getparent()
            words = tree.class_words(a) | (tree.class_words(parent) if parent is not None else set())
            return any(w in _PANEL_WORDS or w.startswith(_PANEL_STARTS) or w.endswith(_PANEL_ENDS)
                       for w in words)
    return False


def _in_ad_box(el: lxml.html.HtmlElement, region: lxml.html.HtmlElement | None) -> bool:
    """Whether ``el`` sits in an ad slot, a sponsored box or a sign-up prompt inside the article
    (by the class words of the elements between it and the article region)."""
    for a in (el, *el.iterancestors()):
        if a is region or a.tag in ("body", "html"):
            return False
        if tree.class_words(a, attrs=("class",)) & _AD_CLASSES:
            return True
    return False


def _enough_votes(v: Votes, region: lxml.html.HtmlElement | None) -> bool:
    if v.count() >= _MIN_VOTES:
        return True
    # trafilatura and the own picker skip hidden text: in a collapsed panel one reader is enough
    return ((v.held_by("readability") or v.held_by("justext"))
            and _in_collapsed_panel(v.block.element, region))


def select_blocks(voted: list[Votes]) -> list[tree.Block]:
    """The article's blocks: inside :func:`article_region`, those held by two candidates (one, in
    a collapsed panel); not a caption trafilatura drops, not in an ad or sign-up box, not a line
    of page furniture, not a repeat of text already kept, not in a run of link-only lines."""
    region = article_region(voted)
    kept: list[tree.Block] = []
    seen: set[tuple[str, ...]] = set()
    for v in voted:
        block = v.block
        if not _inside(block.element, region) or not _enough_votes(v, region):
            continue
        if block.kind == "caption" and not v.held_by("trafilatura"):
            continue
        if is_boilerplate(block.text) or (region is not None and _in_ad_box(block.element, region)):
            continue
        if _repeats(v.shingles, seen):
            continue
        seen.update(v.shingles)
        kept.append(block)
    return _drop_link_runs(kept)


def article_text(root: lxml.html.HtmlElement) -> str:
    """The article of a parsed page as text (see the module docstring); ``root`` loses its code."""
    texts = candidates(root)
    body = root.find("body")
    blocks = tree.render(body if body is not None else root)
    kept = select_blocks(votes(blocks, texts))
    if kept:
        return "\n\n".join(b.text for b in kept)
    return texts["trafilatura"] or texts["own"]


def read_page(text: str, max_depth: int) -> dict[str, Any]:
    """Everything the loader needs from a page: metadata, the whole page's text, the article text.

    Raises:
        PageError: see :func:`~ingest.loaders._html_tree.parse`.
    """
    root = tree.parse(text, max_depth)
    meta = tree.page_facts(root)
    article = article_text(root)
    # the page's words without its code (a 15 MB <script> is not text, nor sent to the parent)
    page_text = " ".join(root.text_content().split())
    return {"meta": meta, "page_text": page_text, "text": article}
