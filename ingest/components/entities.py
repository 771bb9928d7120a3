"""Entity mentions: the gazetteer plus rules that find names from their shape and context.

The finder works on the document text with character offsets, sentence by sentence:

1. gazetteer forms (spaCy ``PhraseMatcher`` over the tokens, plus a key lookup of every
   candidate so that "Llama-3.1" finds "Llama 3.1");
2. model-name shapes: a capitalised head grown by version, size and variant parts
   ("Kestrel 3.5 Mini", "Qwen2.5-72B-Instruct", "Saro 8x12B", "o3-mini") and by any part with a
   digit or a suffix word after a hyphen ("-128E-Instruct", "-0613", "-beta"); lower-case ids
   ("gpt-oss-120b"); repository ids ("owner/Name-7B", the owner its publisher); models the text
   calls models ("a model called X") and the variants of their line ("X Small");
3. organisation shapes ("Corvid Labs", "University of X") and contexts ("the startup X",
   "developed by X", "X released ...");
4. people: capitalised name pairs next to speech verbs or job titles, or with a known first name;
5. benchmarks: names ending in Bench/Eval/QA/Arena, "the X benchmark", "N on X", editions of
   known benchmarks ("AIME 24"), leaderboards of several words;
6. hardware: accelerator part numbers (H100, MI300X, TPU v5e).

What never forms a name is data: ``patterns/non_entities.txt`` (terms: formats, methods,
libraries, datasets, licences, places, table headers) blocks every shorter name inside a listed
term, and ``patterns/non_name_words.txt`` (openers, headline verbs, generic nouns, tail words)
stops names from beginning, growing or ending on those words. Overlaps keep the longest span;
acronyms beside their expansion and names in a list of benchmarks are typed after that. Then
:func:`ingest.components.resolution.resolve_mentions` (the next stage) gives each mention its
canonical label: short forms ("Maverick", "R1"), surnames and first words of labs resolve to the
full name met in the same document.
"""

from __future__ import annotations

import re
from bisect import bisect_left, insort
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field, replace

from kg.terms import name_key

from ..gazetteer import Gazetteer
from ..lexicon import (
    BENCH_SUFFIXES,
    COMMON_CAPS,
    FAMILY_NOUNS,
    FIRST_NAMES,
    GENERIC_VARIANT_WORDS,
    MODEL_NOUNS,
    NAME_BLOCK_HEADS,
    NAME_SUFFIX_WORDS,
    NON_ENTITY_TERMS,
    NON_NAME_WORDS,
    ORG_OF_HEADS,
    ORG_SUFFIXES,
    STANCE_VERBS,
    TITLE_WORDS,
    VARIANT_WORDS,
    is_non_entity,
)

__all__ = ["Mention", "find_mentions", "WORD_RE"]


@dataclass(frozen=True)
class Mention:
    """A typed name in the text: ``text[start:end]``, its type and its canonical label."""

    start: int
    end: int
    text: str
    type: str
    label: str
    rule: str
    family: bool = False
    sent: int = -1
    extra: dict[str, str] = field(default_factory=dict, compare=False, hash=False)


WORD_RE = re.compile(r"[^\W_]+(?:[.][0-9]+)*[^\W_]*(?:\+|(?<=[^\W\d_])'s)?")
_VERSION = re.compile(r"^(?:v|V)?\d+(?:\.\d+)*[a-z]{0,2}$")
_SIZE = re.compile(r"^(?:\d+x)?\d+(?:\.\d+)?[BMKTbmk]$|^A\d+(?:\.\d+)?B$")
_LETTER_VERSION = re.compile(r"^[A-Z]{1,2}\d+(?:\.\d+)?[a-z]?$")
_CAMEL_DIGIT = re.compile(r"^[A-Z][A-Za-z]*[a-z][A-Za-z]*\d+(?:\.\d+)*[a-z]?$|^[A-Z]{2,}\d+[A-Za-z]*$")
_YEAR = re.compile(r"^(?:19|20)\d\d$")
#: number formats and quantisation levels, not models: Int4, FP8, BF16, Q4, NF4
_PRECISION = re.compile(r"^(?:int|fp|bf|nf|q|w|a)\d+(?:_[a-z0-9]+)?$", re.IGNORECASE)
_CAP = re.compile(r"^[A-ZÀ-ÖØ-Þ]")
_HARDWARE = re.compile(
    r"(?<![\w-])(?:(?:Nvidia|NVIDIA|AMD|Intel|Google|Apple)(?:'s)?\s+)?"
    r"(?:(?:GeForce\s+)?RTX\s?\d{4}(?:\s?Ti)?|(?:RTX\s+)?A\d{4}|[HABLV]\d{2,3}[A-Z]?|GB\d{3}|L40S?|L4|T4"
    r"|M\d\s+(?:Ultra|Max|Pro)|iPhone\s+\d{2}(?:\s+Pro)?|Raspberry\s+Pi\s+\d"
    r"|(?:Instinct\s+)?MI\d{3}X?|TPU\s?v\d[a-z]?|Gaudi\s?\d|Trainium\d?|Inferentia\d?"
    r"|Jetson\s+\w+|DGX\s+[HAB]\d{3})"
    r"(?:(?:-|\s)?\d{2,3}\s?GB(?!\s+(?:of\s+)?(?:VRAM|RAM|memory|HBM)))?"  # "A100-80GB", "A100 40GB": a memory size of the part
    r"(?![\w-])"
)
#: a GeForce card by its bare number after a count: "fits on a single 4090", "two 3090s", "1x 4090"
_BARE_GEFORCE = re.compile(
    r"\b(?:single|one|two|four|eight|dual|a|an|your|my|\dx)\s(?P<hw>[3-5]0[5-9]0(?:\s?Ti)?)(?=s?\b)"
    r"(?!s?\s*(?:%|percent|points?|tokens?|Elo|MB|GB|ms|words?|people|users|times|years?)\b)")
_HW_WORDS = re.compile(r"\b(?:GPU|GPUs|accelerator|accelerators|chip|chips|card|cards|TPU|TPUs)\b")
_ORG_CTX_BEFORE = re.compile(
    r"(?:\b(?:startup|start-up|lab|laboratory|company|firm|developer|maker|outfit|team at|"
    r"researchers at|researchers from|engineers at|scientists at|group at|by|from|at|"
    r"rival|rivals|competitor|competitors|unicorn|vendor|provider|spinout|spin-off|"
    r"partnership\s+with|partnered\s+with|collaboration\s+with|funded\s+by)\s+)$"
)
#: "made and uploaded by QuantFarm", "quantized by", "merged by": who made a release
_MAKER_BY = re.compile(
    r"\b(?:made|uploaded|published|quantized|quantised|merged|maintained|packaged|converted|"
    r"released|developed|built|created|trained|fine-?tuned|customi[sz]ed)(?:\s+and\s+\w+)?\s+by:?\s+"
    r"(?:the\s+)?$", re.IGNORECASE)
_PERSON_TITLE_AFTER = re.compile(
    r"^,\s+(?:(?:the\s+|a\s+|an\s+|its\s+|their\s+)?(?:[\w'’-]+\s+){0,4}?(?:" +
    "|".join(sorted(TITLE_WORDS)) + r")\b|speaking\s+(?:on\s+behalf\s+of|for)\s)", re.IGNORECASE)
_PERSON_TITLE_BEFORE = re.compile(
    r"\b(?:(?:" + "|".join(sorted(TITLE_WORDS)) + r")s?|dr\.?|mr\.?|ms\.?|mrs\.?|prof\.?|"
    r"(?:founded|co-founded|started|established)\s+(?:[\w-]+\s+){0,4}?by|"
    r"(?:led|designed|written|maintained|created|authored)\s+by|contact|maintainer,?)\s+$",
    re.IGNORECASE)
_SPEECH = "|".join(sorted(STANCE_VERBS, key=len, reverse=True))
_PERSON_SPEECH_AFTER = re.compile(r"^,?\s+(?:" + _SPEECH + r")\b")
_PERSON_SPEECH_BEFORE = re.compile(r"\b(?:" + _SPEECH + r"|according to|said)\s+$")
#: "according to Crunchbase data": a name modifying where figures come from is no speaker
_SOURCE_NOUN_AFTER = re.compile(r"^\s+(?:pricing|prices?|data|figures|numbers|estimates|rates|rankings|records|"
                                r"listings?|benchmarks?|metrics|calculations?)\b")
_BENCH_CTX_AFTER = re.compile(
    r"^[\s-]+(?:benchmark|benchmarks|leaderboard|test set|eval|evaluation suite|suite)\b",
    re.IGNORECASE)
_NUMBER = r"\d+(?:[.,]\d+)?"
_SCORE_BEFORE = re.compile(
    r"(?:" + _NUMBER + r")\s*(?:%|percent|points?|pts)?\s*(?:\w+\s+){0,2}?(?:on|in)\s+(?:the\s+)?$")
_SCORE_AFTER = re.compile(r"^\s*(?:score\s+)?(?::|of|at|=)\s*" + _NUMBER)

#: capitalised words that never begin a name: "Notably", "Nearly 400", "Group 1", "Shows"
_NOT_HEAD = NON_NAME_WORDS["opener"] | NON_NAME_WORDS["verb"] | NON_NAME_WORDS["generic noun"] | \
    NON_NAME_WORDS["tail"]
#: words of a benchmark's edition after its name ("SWE-bench Verified", "GPQA Diamond", "MMLU Pro")
_BENCH_PARTS = frozenset("verified diamond pro lite hard full easy challenge redux".split())
#: words that end a name where they stand: a name stops before a verb, an opener or a tail word
#: ("Gemma 3 Achieves", "Phi-3 Technical Report", "GPT-4 API")
_STOP_WORDS = NON_NAME_WORDS["opener"] | NON_NAME_WORDS["verb"] | NON_NAME_WORDS["tail"]
_TAIL_WORDS = NON_NAME_WORDS["tail"]
#: GGML quantisation types and levels: "GGML_TYPE_Q4_K", "Q4_K_M", "IQ3_XS", "Q8_0"; the micro-scaled
#: 4-bit formats and their MoE variants ("MXFP4_MOE", "NVFP4")
_QUANT_NAME = re.compile(r"(?<![\w.-])(?:i\d-)?(?:(?:GGML_TYPE_)?I?Q\d(?:_[A-Z0-9]+)+|(?:MX|NV)FP[48](?:_[A-Z0-9]+)*)(?![\w-])")
#: GPU form factors and memory specs: "SXM4-80GB-400W", "PCIe", "NVLink", "HBM3e"
_HW_SPEC = re.compile(r"(?<![\w-])(?:SXM\d*|PCIe|NVLink|HBM\d?e?)(?:-\w+)*(?![\w-])")
#: a Hugging Face repository id, "owner/name", alone or in a huggingface.co URL
_REPO_ID = re.compile(
    r"(?:(?<![\w./:@-])|(?<=huggingface\.co/))(?P<owner>[A-Za-z0-9][\w-]{0,38}[A-Za-z0-9])/"
    r"(?P<name>[A-Za-z0-9][\w.-]*[A-Za-z0-9])(?![\w/-]|\.\w)")
#: a chain of lower-case name parts joined by hyphens or underscores: "gpt-oss-120b", "phi-3-mini"
_LOWER_ID = re.compile(r"(?<![\w./@-])[a-z][a-z0-9]*(?:\.\d+)*(?:[-_][a-z0-9]+(?:\.\d+)*)+(?![\w-])")
#: separators allowed inside a listed non-entity term ("Grouped-Query Attention", "llama.cpp")
_TERM_SEP = re.compile(r"^[ \t._/-]{0,2}$")


def _words(text: str, start: int, end: int) -> list[tuple[int, int, str]]:
    return [(m.start(), m.end(), m.group()) for m in WORD_RE.finditer(text, start, end)]


def _strip_poss(w: str) -> str:
    return w[:-2] if w.endswith("'s") else w


def _is_cap(w: str) -> bool:
    return bool(_CAP.match(w))


def _digit_part(w: str) -> bool:
    return bool(_VERSION.match(w) or _SIZE.match(w) or _LETTER_VERSION.match(w))


class _Cands:
    """Accumulates candidate spans with a priority; overlaps are settled at the end."""

    def __init__(self) -> None:
        self.items: list[tuple[int, int, str, str, int, str | None]] = []

    def add(self, start: int, end: int, etype: str, rule: str, prio: int,
            label: str | None = None) -> None:
        if end > start:
            self.items.append((start, end, etype, rule, prio, label))

    def settle(self) -> list[tuple[int, int, str, str, str | None]]:
        order = sorted(self.items, key=lambda c: (-(c[1] - c[0]), -c[4], c[0]))
        taken: list[tuple[int, int, str, str, str | None]] = []
        index = _SpanIndex()
        for s, e, t, r, _p, lab in order:
            if index.overlaps(s, e):
                continue
            taken.append((s, e, t, r, lab))
            index.add(s, e)
        return sorted(taken)


class _SpanIndex:
    """Character spans, sorted, answering "does ``[s, e)`` overlap any of them?" without a scan.

    Checking every span against every earlier one made the finder quadratic in the length of a
    document (a 200,000-character text took seconds); this finds the spans that start before
    ``e`` by bisection and looks back only as far as the longest span reaches.

    >>> ix = _SpanIndex([(0, 5), (10, 12)])
    >>> ix.overlaps(4, 6), ix.overlaps(5, 10), ix.overlaps(11, 30)
    (True, False, True)
    """

    def __init__(self, spans: Iterable[tuple[int, int]] = ()) -> None:
        self._spans: list[tuple[int, int]] = sorted(spans)
        self._longest = max((e - s for s, e in self._spans), default=0)

    def add(self, s: int, e: int) -> None:
        insort(self._spans, (s, e))
        self._longest = max(self._longest, e - s)

    def overlaps(self, s: int, e: int) -> bool:
        i = bisect_left(self._spans, (e,)) - 1  # the last span starting before e
        while i >= 0 and self._spans[i][0] > s - self._longest:
            if self._spans[i][1] > s:
                return True
            i -= 1
        return False


#: file formats a quantized release is named after ("Llama 2 7B Chat - GGUF")
_FORMAT_WORDS = frozenset("gguf ggml awq gptq exl2 mlx onnx".split())


#: words joined to a model's name by a hyphen that describe, not name: "Llama-Based", "GPT-Powered"
_HYPHEN_NOT_NAME = frozenset(
    "based powered driven like style styled compatible inspired generated tuned trained sized class "
    "level grade grown made built enabled backed focused centric first only native ready friendly "
    "flavored flavoured sourced derived esque".split())


def _grow_model(words: list[tuple[int, int, str]], i: int, text: str,
                variant_ok: set[str], known_head: bool = False, known_model: bool = False) -> int:
    """Return the index one past the last word of a model name starting at ``words[i]``."""
    j = i + 1
    strong = j  # one past the last part that is not merely a capitalised word of the text
    has_digit = any(ch.isdigit() for ch in words[i][2])
    only_variants = True  # every part after the head so far is a variant word
    while j < len(words):
        prev_end = words[j - 1][1]
        sep = text[prev_end:words[j][0]]
        w = words[j][2]
        if sep == "- " and _SIZE.match(w):
            sep = "-"  # "StarCoder2- 15B": a hyphen at a line break, the space left behind
        elif sep in (" - ", " – ") and has_digit and (w.lower() in GENERIC_VARIANT_WORDS
                                                      or w.lower() in _FORMAT_WORDS) and not (
                w.islower() and re.match(r" [a-z]", text[words[j][1]:words[j][1] + 2])):
            # (not "Falcon 2 11B – it enables ...": a lower-case word that goes on into a clause)
            sep = "-"  # "Mixtral 8x7B - Instruct", "Llama 2 7B Chat - GGUF": a spaced dash, one name
        elif sep in (" - ", " – ") and (known_head or known_model) and j == i + 1 and _is_cap(w) and (
                w.lower() in GENERIC_VARIANT_WORDS or w.lower() in _SPECIALISATIONS):
            sep = "-"  # "Code Llama - Python", "Code Llama - Instruct": a known line's variant
        if words[j - 1][2].endswith("'s") or sep not in (" ", "-", "_"):
            break
        wl = w.lower()
        if wl in _STOP_WORDS and wl not in VARIANT_WORDS:
            # "Gemma 3 Achieves", "Qwen1.5-110B-Chat-Demo", "GPT-4 API"; before a tail word the
            # capitalised words of its phrase go too: "DeciLM-7B Finetuning Notebook"
            return strong if wl in _TAIL_WORDS else j
        if _YEAR.match(w) and sep == " ":
            break
        if sep == " " and wl in ("moe", "dense") and _SIZE.match(words[j - 1][2]) and \
                re.match(r"\s+models?\b", text[words[j][1]:words[j][1] + 8]):
            break  # "Brisa 40B MoE model": the kind of model after its size, no part of its name
        if sep == " " and re.fullmatch(r"\d+(?:\.\d+)?", w) and (
                not _version_number(w, text, words[j][1]) or words[j - 1][2].lower() in _FORMAT_WORDS) \
                and not (text[words[i][0] - 1:words[i][0]] in _OPEN_QUOTES
                         and re.match(r"[,.]?[”\"’']", text[words[j][1]:words[j][1] + 2])):
            break  # "Vicuna 1054 vs", "Falcon 180B 2.5 times", "Maintains 79.3", "X-AWQ 6.4": no
            # name part (unless the text quotes the whole name: “R1 1776”)
        if sep == " " and _SIZE.match(w) and w[0] not in "Aa" and _SIZE.match(words[j - 1][2]):
            break  # "Brindle-1.5B 1.6B": a second size is the next cell or a count
        if _digit_part(w) or _SIZE.match(w):
            has_digit = True
        elif sep in ("-", "_") and (_is_cap(w) or wl in VARIANT_WORDS or wl in NAME_SUFFIX_WORDS
                                     or any(ch.isdigit() for ch in w)):
            pass  # "-Instruct", "-0613", "-128E", "-v0.1", "-beta", "-high"
        elif wl in VARIANT_WORDS and (has_digit or sep == "-") and (_is_cap(w) or sep == "-"):
            pass
        elif _is_cap(w) and not has_digit and j + 1 < len(words) and \
                text[words[j][1]:words[j + 1][0]] == " " and _digit_part(words[j + 1][2]) and \
                not _YEAR.match(words[j + 1][2]) and wl not in COMMON_CAPS and \
                (wl in VARIANT_WORDS or known_head):
            pass  # "Claude Opus 4", "Llama Guard 3"
        elif _is_cap(_strip_poss(w)) and has_digit and _strip_poss(w) in variant_ok:
            if j + 1 < len(words) and text[words[j][1]:words[j + 1][0]] == " " and \
                    words[j + 1][2] in NON_NAME_WORDS["verb"] and w[1:].islower() and \
                    text.count(text[words[i][0]:words[j][1]]) < 2:
                break  # "... from Brisa 2 Kestrel released ...": the word opens the next clause
                # (unless the text names the longer form elsewhere: "Brisa 7B TIR")
            j += 1
            continue  # not a strong part
        elif known_head and only_variants and wl in VARIANT_WORDS and (_is_cap(w) or sep == "-"):
            pass  # "Gemini Pro", "Qwen-Plus", "Pangu Pro MoE": a known family and variant words
        elif known_model and j == i + 1 and wl in GENERIC_VARIANT_WORDS and _is_cap(w):
            pass  # "DBRX Instruct", "DBRX Base": a known model and the word of its build
        elif sep == " " and has_digit and wl in ("mini", "nano", "micro"):
            pass  # "GPT-4o mini", "Grok 3 mini"
        elif sep in ("-", "_") and _joined_to_size(words, j, text):
            pass  # "Llama3-merge-biomed-8b", "Qwen2-med-slerp-7B": a hub name's own words, one token
        else:
            break
        only_variants = only_variants and wl in VARIANT_WORDS
        j += 1
        strong = j
    return j


#: what a variant named after a spaced dash may specialise in ("Code Llama - Python")
_SPECIALISATIONS = frozenset("python code coder math vision".split())


def _joined_to_size(words: list[tuple[int, int, str]], j: int, text: str) -> bool:
    """Whether lower-case ``words[j]`` starts a run of words joined by hyphens or underscores (no
    space) that reaches a size ("-merge-biomed-8b"): a repository-style name, one token however
    plain its middle words."""
    k = j
    while k < len(words) and re.fullmatch(r"[a-z][a-z0-9]*", words[k][2]) and not _SIZE.match(words[k][2]):
        if k + 1 >= len(words) or text[words[k][1]:words[k + 1][0]] not in ("-", "_"):
            return False
        k += 1
    return k > j and k < len(words) and bool(_SIZE.match(words[k][2]))


_OPEN_QUOTES = ("“", '"', "‘", "'")
#: words after a number that make it a quantity, not a version: "2.5 times", "1.8 trillion"
_QUANTITY_AFTER = re.compile(  # ("3-Billion-Parameter": the hyphenated adjective too)
    r"(?:\s*|-(?=[a-z]))(?:%|x\b|×|times\b|percent\b|per\s*cent\b|points?\b|pts\b|(?:thousand|million|billion|"
    r"trillion)\b|tokens?\b|parameters?\b|params\b|[kmg]b\b|hours?\b|days?\b|elo\b|votes?\b|"
    r"battles?\b|vs\.?(?!\w)|-\s*shots?\b)", re.IGNORECASE)


def _version_number(w: str, text: str, end: int) -> bool:
    """Whether a bare number written after a name with a space reads as its version.

    A version is small ("Llama 3", "Qwen 2.5", "Mistral Large 24.11") or a date stamp ("GPT-4
    0613", "Mistral Large 2411"); a larger number is a score or a count ("Vicuna 1054", "Maintains
    79.3"), and any number followed by a unit or "vs" is a quantity ("Falcon 180B 2.5 times"), one
    followed by "-shot" a setting ("MMLU 5-shot").

    >>> [_version_number(w, "", 0) for w in ("3", "2.5", "24.11", "0613", "2411", "1054", "79.3")]
    [True, True, True, True, True, False, False]
    """
    if _QUANTITY_AFTER.match(text, end):
        return False
    major, _, minor = w.partition(".")
    if minor:
        return int(major) <= 30
    if len(w) <= 2:
        return True
    return len(w) == 4 and bool(re.fullmatch(r"(?:0[1-9]|1[0-2])(?:[0-2]\d|3[01])|2\d(?:0[1-9]|1[0-2])", w))


def _bench_prefix(span_words: list[tuple[int, int, str]], text: str, gazetteer: Gazetteer) -> int:
    """How many leading words of a name are a known benchmark, when more words follow
    ("AIME" of "AIME 24", "Arena-Hard" of "Arena-Hard v2"); 0 when none is."""
    for k in range(len(span_words) - 1, 0, -1):
        entry = gazetteer.lookup(text[span_words[0][0]:span_words[k - 1][1]])
        if entry is not None and entry.type == "Benchmark":
            return k
    return 0


def _sentence_of(bounds: Sequence[tuple[int, int]], pos: int) -> int:
    lo, hi = 0, len(bounds) - 1
    while lo <= hi:
        mid = (lo + hi) // 2
        s, e = bounds[mid]
        if pos < s:
            hi = mid - 1
        elif pos >= e:
            lo = mid + 1
        else:
            return mid
    return max(0, min(len(bounds) - 1, lo))


def find_mentions(text: str, sentences: Sequence[tuple[int, int]], gazetteer: Gazetteer,
                  phrase_hits: Iterable[tuple[int, int]] = ()) -> list[Mention]:
    """Find every entity mention in ``text``.

    Args:
        text: the document text.
        sentences: ``(start, end)`` character bounds of each sentence, in order.
        gazetteer: the known names.
        phrase_hits: character spans the gazetteer's PhraseMatcher found.

    Returns:
        Non-overlapping mentions in text order, typed, with their (not yet resolved) labels.
    """
    lines = text  # the text as written, line by line (headlines, table rows); same offsets
    # hard-wrapped names ("Google\nDeepMind"); not after a headline, whose last word ends its line
    # ("... Rival to Kestrel 3\nOstra Labs also released ...")
    # (a line with commas is a wrapped list, such as authors: "..., Kwabena\nThornquist" joins)
    title_ends = {e for s, e in _title_lines(lines) if "," not in lines[s:e]}
    text = re.sub(r"(?<=[^\n])\n(?=[^\n])", lambda m: "\n" if m.start() in title_ends else " ", text)
    cands = _Cands()
    for s, e in phrase_hits:
        entry = gazetteer.lookup(text[s:e])
        if entry is not None:
            cands.add(s, e, entry.type, "gazetteer", 3, entry.label)

    all_words = _words(text, 0, len(text))
    for s, e in _non_entity_spans(text, all_words):
        cands.add(s, e, _BLOCK, "non-entity", 9)
    for m in _STYLED_NAME.finditer(text):  # "an Alpaca-style template": a manner, no model named
        cands.add(m.start(), m.end(), _BLOCK, "non-entity", 9)

    # Words that stand alone, capitalised, mid-sentence somewhere: may end a model name. Not a
    # word of a title-case line (every word of a headline is capitalised), not a verb, opener or
    # tail word.
    titles = _SpanIndex(_title_lines(lines))
    standalone = Counter(
        _strip_poss(w) for k, (s, e, w) in enumerate(all_words)
        if _is_cap(w) and k > 0 and not any(ch.isdigit() for ch in w) and not titles.overlaps(s, e)
    )
    # (not a job title: "CEO Ada Lind said" puts "CEO" mid-sentence, yet "Kestrel 2 CEO" in a
    # headline is the lab's chief, no model)
    # (nor "LLM": "the Falcon 2 LLM" is the model Falcon 2, the noun after its name)
    variant_ok = {w for w, n in standalone.items() if n >= 1 and w.lower() not in COMMON_CAPS
                  and w.lower() not in _STOP_WORDS | _NOT_HEAD | TITLE_WORDS | {"llm", "llms"}}

    uncued: list[tuple[int, int, str]] = []  # model-shaped names in sentences with no model cue
    not_models: set[str] = set()  # names the text calls a tokenizer, a dataset, an instance ...
    # models the text names as models ("a reasoning model called Magistral", "its Pangu Pro MoE
    # model"): their first word heads variants too ("Magistral Small")
    doc_heads: set[str] = set()
    for rx in (_MODEL_NAMED, _MODEL_BY_NOUN, _MODEL_INTRODUCED, _MODEL_SERIES, _MODEL_DEFINED):
        for m in rx.finditer(text):
            if rx is _MODEL_INTRODUCED and not _introduces_models(text, m):
                continue
            if rx is _MODEL_DEFINED and not _defines_model(m, gazetteer):
                continue
            if rx is _MODEL_BY_NOUN and (not _known_org(m.group("owner"), gazetteer) if m.group("owner")
                                         else m.group().endswith("s")):
                continue  # "Apple's OpenELM models" names a model when the owner is a known lab
            ns, ne = m.span("name")
            name = m.group("name")
            while " " in name and is_non_entity(name.rsplit(" ", 1)[1]):
                name = name.rsplit(" ", 1)[0]  # "its Maverick AI model": the name is Maverick
                ne = ns + len(name)
            if name.split()[0].lower() in VARIANT_WORDS:
                continue  # "Maverick", "Scout": a variant's short name, resolved later
            lab_named = rx is _MODEL_DEFINED and " " in name and _known_org(name.split()[0], gazetteer) \
                and gazetteer.lookup(name) is None and _context_model_ok(name.split(" ", 1)[1], gazetteer)
            # ("Kestrel Ostra is a ... model": the lab's name opens its model's name)
            if (lab_named or _context_model_ok(name, gazetteer)) and not re.search(
                    r"(?<![\w-])" + re.escape(name) + r"\s+(?:" + _ORG_SUFFIX_ALT + r")\b", text):
                # ("the Halcyra model" after "Halcyra Labs": a model of the lab, not one named so)
                doc_heads.add(name.split()[0].lower())
                for piece in name.split()[0].split("-")[:-1]:  # "Arcee-Ostra-Medius": "Ostra" heads too
                    if _CAP.match(piece) and not piece.isupper() and not _known_org(piece, gazetteer) and \
                            not re.search(r"(?<![\w-])" + re.escape(piece) + r"\s+(?:" + _ORG_SUFFIX_ALT + r")\b",
                                          text):
                        doc_heads.add(piece.lower())
                entry = gazetteer.lookup(name)
                cands.add(ns, ne, entry.type if entry else "Model", "model-noun", 0,
                          entry.label if entry else None)
    # a known model's name grows on from its last word: "Stable LM" + "2 1.6B"
    known_phrase = {s: e for s, e in phrase_hits if (g := gazetteer.lookup(text[s:e])) is not None
                    and g.type in ("Model", "ModelFamily") and " " in text[s:e]}
    for ss, se in sentences:
        sent = text[ss:se]
        low_sent = sent.lower()
        cue = any(c in low_sent for c in _SENTENCE_CUES)
        words = _words(text, ss, se)
        i = 0
        while i < len(words):
            ws, we, w = words[i]
            wb = _strip_poss(w)
            head_ok = (_is_cap(wb) or re.match(r"^o\d$", wb) is not None) and \
                wb.lower() not in NAME_BLOCK_HEADS and not _PRECISION.match(wb) and \
                wb.lower() not in _NOT_HEAD and text[ws - 1:ws] not in ("·", "・", "•", "&")
            # (a letter after a joining dot is the middle of a name: the "E" of "DALL·E 3")
            if head_ok:
                head_entry = gazetteer.lookup(wb)
                k = i
                if ws in known_phrase:
                    while k + 1 < len(words) and words[k + 1][1] <= known_phrase[ws]:
                        k += 1
                    head_entry = gazetteer.lookup(text[ws:known_phrase[ws]])
                j = _grow_model(words, k, text, variant_ok,
                                head_entry is not None and head_entry.type == "ModelFamily"
                                or wb.lower() in doc_heads,
                                head_entry is not None and head_entry.type == "Model")
                for more in (2, 1):  # a longer known name: "AI2 Reasoning" + "Challenge"
                    if j + more <= len(words) and not (wb.isalpha() and wb.isupper()) and all(
                            text[words[x - 1][1]:words[x][0]] in (" ", "-") for x in range(j, j + more)) \
                            and gazetteer.lookup(text[ws:words[j + more - 1][1]]) is not None:
                        j += more
                        # and on from there, hyphen-joined: "Claude-instant" + "-1"
                        if j < len(words) and text[words[j - 1][1]:words[j][0]] == "-":
                            j = _grow_model(words, j - 1, text, variant_ok, True)
                        break
                span_words = words[i:j]
                end = span_words[-1][1]
                if span_words[-1][2].endswith("'s"):
                    end -= 2
                surface = text[ws:end]
                parts = [x[2] for x in span_words]
                family_head = head_entry is not None and head_entry.type == "ModelFamily" or \
                    wb.lower() in doc_heads
                digit = any(_digit_part(_strip_poss(p)) for p in parts[1:]) or bool(
                    _CAMEL_DIGIT.match(wb)) or (
                    len(parts) > 1 and re.match(r"^[A-Za-z]{1,2}\d+(?:\.\d+)?$", wb)) or (
                    len(parts) >= 2 and family_head
                    and all(p.lower() in VARIANT_WORDS for p in parts[1:])) or (
                    len(parts) == 2 and head_entry is not None and head_entry.type == "Model"
                    and parts[1].lower() in GENERIC_VARIANT_WORDS) or (
                    head_entry is not None and head_entry.type in ("Model", "ModelFamily")
                    and re.search(r"\s[-–]\s", surface) is not None) or (  # "Code Llama - Python"
                    len(parts) == 2 and family_head and head_entry is not None and text[we:we + 1] == "-"
                    and re.fullmatch(r"[A-Z][a-z]{2,}", parts[1]) is not None
                    and parts[1].lower() not in _HYPHEN_NOT_NAME | COMMON_CAPS)
                # ("Yi-Lightning", "Ernie-Speed": a known line's name and a word joined by a hyphen)
                entry = gazetteer.lookup(surface)
                rest = surface[len(wb) + 1:] if len(parts) > 1 and text[we:we + 1] == "-" else ""
                rest_entry = gazetteer.lookup(rest) if rest else None
                if head_entry is not None and head_entry.type == "Organization" and rest and (
                        rest_entry is not None and rest_entry.type in ("Model", "ModelFamily")
                        or _stems(gazetteer).get(re.match(r"[a-z]*", name_key(rest)).group()) == "Model"):  # type: ignore[union-attr]
                    # "Meta-Llama3-70B", "OpenAI-o1": the lab's name before its model's
                    cands.add(ws, end, "Model", "org-prefixed", 3,
                              rest_entry.label if rest_entry is not None else _tidy(rest))
                elif head_entry is not None and head_entry.type == "Organization" and entry is None \
                        and len(parts) == 2 and text[we:we + 1] == "-" and parts[1].lower() in VARIANT_WORDS \
                        and any(stem.startswith(name_key(wb)) and kind == "Model"
                                for stem, kind in _stems(gazetteer).items()):
                    # "DeepSeek-MoE", "DeepSeek-Coder": a lab named like its models, and a line of them
                    cands.add(ws, end, "Model", "lab-line", 2)
                elif entry is not None and _STYLE_AFTER.match(text, end) and entry.type in ("Model", "ModelFamily"):
                    pass  # "an Alpaca-style template", "Vicuna-like prompts": a format named after a model
                elif entry is not None:
                    cands.add(ws, end, entry.type, "gazetteer-key", 3, entry.label)
                elif (bench_at := _bench_prefix(span_words, text, gazetteer)) and \
                        all(_digit_part(p) or p.lower() in _BENCH_PARTS for p in parts[bench_at:]):
                    head_entry = gazetteer.lookup(text[ws:span_words[bench_at - 1][1]])
                    # "AIME 24-25", "LiveCodeBench v5": an edition of a known benchmark
                    label = surface
                    if bench_at == 1 and len(parts) == 2 and re.fullmatch(r"[12]\d", parts[-1]):
                        label = f"{head_entry.label} 20{parts[-1]}"  # "AIME 24" is AIME 2024
                        year = gazetteer.lookup(label)
                        label = year.label if year is not None else label
                    cands.add(ws, end, "Benchmark", "bench-edition", 2, label)
                elif digit and (len(parts) > 1 or _CAMEL_DIGIT.match(wb)):
                    low_head = wb.lower()
                    if low_head.rstrip("s") in ("gpu", "tpu") or (
                        re.match(r"^[A-Z]{2,4}$", wb) and parts[1:] and _YEAR.match(parts[-1])
                    ):
                        pass
                    elif _HARDWARE.search(surface) or re.search(r"\bGPUs?\b", surface):
                        pass
                    elif _named_thing(text, end):
                        not_models.add(surface)
                    elif re.fullmatch(r"\d+(?:\.\d+)?[KkMm]", parts[-1]) and \
                            re.match(r"[\s-]*(?:tokens?|context)\b", text[end:end + 12], re.IGNORECASE):
                        pass  # "Citations 128K Token Context": a context length after a word
                    else:
                        known_head = head_entry is not None and head_entry.type in (
                            "ModelFamily", "Model")
                        etype = _type_of_shape(surface, text, ws, end, cue or known_head)
                        if etype:
                            cands.add(ws, end, etype, "shape", 1)
                        else:
                            uncued.append((ws, end, wb.lower()))
                    # a gazetteer prefix inside ("Llama 4" in "Llama 4 Foo") still counts
                i = max(j, i + 1)
                continue
            i += 1

        _apposition_models(text, se, words, cands, gazetteer)
        _org_candidates(text, ss, se, words, cands, gazetteer)
        _person_candidates(text, ss, se, words, cands, gazetteer)
        _one_word_agents(text, ss, se, cands, gazetteer)
        _bench_candidates(text, ss, se, words, cands, gazetteer)
        for m in _HARDWARE.finditer(text, ss, se):
            hw = m.group()
            if re.match(r"^(?:[HABLV]\d{2,3}[A-Z]?|L4|T4|A\d{4})$", hw) and not (
                _HW_WORDS.search(text, m.end(), min(se, m.end() + 40)) or
                re.search(r"(Nvidia|NVIDIA|GPU)", text[max(ss, m.start() - 30):m.end() + 30])
            ) and gazetteer.lookup(hw) is None:
                continue
            if re.match(r"(?:iPhone|Raspberry|M\d\s)", hw) and not re.search(
                    r"\b(?:on|onto)\s+(?:an?\s+|one\s+|a\s+single\s+)?$", text[max(ss, m.start() - 25):m.start()]):
                continue  # a phone or a board is hardware a model runs on, not a product in the news
            cands.add(m.start(), m.end(), "Hardware", "hardware-shape", 2,
                      _hardware_label(hw, gazetteer))
        for m in _BARE_GEFORCE.finditer(text, ss, se):
            cands.add(m.start("hw"), m.end("hw"), "Hardware", "geforce-number", 2,
                      _hardware_label("RTX " + m.group("hw"), gazetteer))
        if re.search(r"\bTPUs?\b", text[ss:se]):  # "27B on v5p, 9B on TPU v4": a TPU generation
            for m in re.finditer(r"(?<![\w-])v[2-7][ep]?(?![\w-])", text[ss:se]):
                cands.add(ss + m.start(), ss + m.end(), "Hardware", "tpu-generation", 2,
                          _hardware_label("TPU " + m.group(), gazetteer))

    # "Brisa-3 Mini, a smaller sibling, runs on phones": a versioned name whose brand word heads
    # a model found elsewhere in the document is a model of that line too
    heads = {re.split(r"[\s_-]+", text[c[0]:c[1]])[0].lower() for c in cands.items if c[2] == "Model"}
    for ws, end, head in uncued:
        if head in heads:
            cands.add(ws, end, "Model", "shape-same-line", 1)
    _lab_tiers(text, cands, gazetteer)
    _lowercase_ids(text, cands, gazetteer, heads)
    publishers = _repo_ids(text, cands, gazetteer)
    _leaderboards(text, lines, cands, gazetteer)
    _size_before_line(text, cands, gazetteer)
    _institutions(text, cands, gazetteer)
    _kind_lists(text, cands, gazetteer)
    _org_lists(lines, cands, gazetteer)
    _handles(text, cands)
    for s, e in _licence_spans(lines):
        cands.add(s, e, _BLOCK, "licence", 9)
    _name_lists(text, cands)
    bounds = list(sentences)
    settled = cands.settle()
    settled = _context_names(text, settled, gazetteer)
    settled = _acronyms(text, settled)
    settled = _same_name(text, settled)
    settled = _list_types(text, settled)
    settled = _bare_heads(text, settled, gazetteer)
    # a name the text says is a model is no lab where it merely opens a sentence: "Brisa introduces
    # a new attention layer" after "Brisa, a 7B model" (an organisation only by its verb)
    said_models = {text[s:e] for s, e, t, r, _lab in settled
                   if t == "Model" and r in ("model-noun", "model-apposition")}
    settled = [x for x in settled if not (x[2] == "Organization" and x[3] == "org-context"
                                          and text[x[0]:x[1]] in said_models)]
    mentions = []
    for s, e, t, r, lab in settled:
        surface = text[s:e]
        if t == _BLOCK or (surface in not_models and not r.startswith("gazetteer")):
            continue
        if t == "Model" and _FILE_EXTENSION.match(text, e):
            continue  # "Llama-3.1-8B-Instruct-Q4_K_M.gguf" is a file of a release, not a model
        if t in ("Model", "ModelFamily") and re.match(r"-(?:style|format)\b", text[e:e + 8]):
            continue  # "an Alpaca-style template": a prompt format named after a model
        if t == "Benchmark" and mentions and mentions[-1].type == "Benchmark" and text[e:e + 1] == ")" \
                and re.fullmatch(r"\s*\(", text[mentions[-1].end:s]):
            continue  # "MMLU (HELM)": the harness a benchmark was run with, a qualifier of it
        if (is_non_entity(surface) and r != "geforce-number") or (lab is not None and is_non_entity(lab)):
            continue  # (a bare number is no name, except a card's number after a count: "a single 4090")
        if not r.startswith("gazetteer") and t != "Benchmark" and \
                re.split(r"[\s_-]+", surface)[-1].lower() in _TAIL_WORDS:
            continue  # "Latent Attention", "Dolmino Mix", "Model License Agreement"
        mentions.append(Mention(s, e, surface, t, lab or _tidy(surface), r,
                                sent=_sentence_of(bounds, s),
                                extra={"publisher": publishers[s][0], "owner": publishers[s][1]}
                                if s in publishers else {}))
    mentions = _variant_short_forms(text, mentions, gazetteer, bounds)
    mentions = _without_lab_prefix(text, mentions, bounds)
    return _mark_families(text, mentions, gazetteer)


def _without_lab_prefix(text: str, mentions: list[Mention], bounds: Sequence[tuple[int, int]]) -> list[Mention]:
    """A model named with its lab's name in front ("Quillby-Kestrel-Mini", lab "Quillby Labs") is
    the same model where the text drops the lab ("Kestrel-Mini"): the rest of the name, when it
    still looks like a name of its own (a hyphen or an inner capital, six letters or more), is a
    mention of it wherever no other mention covers it."""
    labs = {m.label.split()[0].lower() for m in mentions if m.type == "Organization" and m.label.split()}
    taken = _SpanIndex([(m.start, m.end) for m in mentions])
    out = list(mentions)
    seen: set[str] = set()
    for m in mentions:
        if m.type != "Model" or "-" not in m.label or m.label in seen:
            continue
        seen.add(m.label)
        lab, rest = m.label.split("-", 1)
        if lab.lower() not in labs or len(rest) < 6 or not rest[0].isupper() or \
                not re.search(r"-|[a-z][A-Z]", rest):
            continue
        for hit in re.finditer(rf"(?<![\w-]){re.escape(rest)}(?![\w-])", text):
            if not taken.overlaps(hit.start(), hit.end()):
                out.append(Mention(hit.start(), hit.end(), rest, "Model", m.label, "lab-prefix-dropped",
                                   sent=_sentence_of(bounds, hit.start())))
        # the rest already read as a model of its own ("Kestrel-Mini" by its shape) is this one
        out = [replace(x, label=m.label) if x.type == "Model" and x.label == rest else x for x in out]
    return sorted(out, key=lambda x: x.start)


_Span = tuple[int, int, str, str, str | None]
#: the type of a candidate that only blocks shorter names inside a non-entity term
_BLOCK = "_block"


def _non_entity_spans(text: str, words: list[tuple[int, int, str]]) -> list[tuple[int, int]]:
    """Where the text writes a term of ``patterns/non_entities.txt`` or a GGML quantisation name.

    Runs of up to six words joined by spaces, hyphens, dots, slashes or underscores are compared
    by key, so "Grouped-Query Attention" and "grouped query attention" are both found.
    """
    spans = [(m.start(), m.end()) for rx in (_QUANT_NAME, _HW_SPEC) for m in rx.finditer(text)]
    keys = [w.lower() if w.isascii() and w.isalnum() else name_key(w) for _s, _e, w in words]
    for i in range(len(words)):
        key = ""
        for j in range(i, min(i + 6, len(words))):
            if j > i and not _TERM_SEP.match(text[words[j - 1][1]:words[j][0]]):
                break
            key += keys[j]
            if key not in _TERM_PREFIXES:
                break
            if key in NON_ENTITY_TERMS and not text[words[j][1]:words[j][1] + 1].isalnum():
                spans.append((words[i][0], words[j][1]))
    return spans


#: every leading part of a non-entity term's key: a run of words that is none stops at once
_TERM_PREFIXES = frozenset(key[:k] for key in NON_ENTITY_TERMS for k in range(1, len(key) + 1))


#: a capitalised name, a space, a capitalised word: "Reka Core", "Ostra Edge"
_NAME_TIER = re.compile(r"(?<![\w.-])(?P<lab>[A-Z][\w.]*[\w])\s(?P<tier>[A-Z][a-z]+)(?![\w-])")


def _lab_tiers(text: str, cands: _Cands, gazetteer: Gazetteer) -> None:
    """ "Reka Core" and "Reka Edge" beside "Reka Flash 3": a known lab's name and a tier word is a
    model of the lab's line when the text names a model that opens with the lab's name (alone,
    "Microsoft Edge" stays a lab's product the text does not call a model)."""
    model_heads = {text[c[0]:c[1]].split()[0] for c in cands.items
                   if c[2] == "Model" and " " in text[c[0]:c[1]]}
    for m in _NAME_TIER.finditer(text):
        lab, tier = m.group("lab"), m.group("tier")
        if lab not in model_heads or tier.lower() not in VARIANT_WORDS:
            continue
        entry = gazetteer.lookup(lab)
        if entry is None or entry.type != "Organization":
            continue
        full = gazetteer.lookup(m.group())
        cands.add(m.start(), m.end(), full.type if full else "Model", "lab-tier", 2,
                  full.label if full else None)


def _stems(gazetteer: Gazetteer) -> dict[str, str]:
    """The leading letters of every gazetteer model and benchmark name, by the type they start:
    "phi" (Phi-3) and "gemma" are model stems, "gsm" (GSM8K) a benchmark stem. Cached."""
    cached = _STEMS.get(id(gazetteer))
    if cached is not None and cached[0] is gazetteer:
        return cached[1]
    stems: dict[str, str] = {}
    for entry in gazetteer.entries:
        kind = "Model" if entry.type in ("Model", "ModelFamily") else entry.type
        if kind not in ("Model", "Benchmark"):
            continue
        for form in entry.forms:
            m = re.match(r"[a-z]+", name_key(form))
            if m and len(m.group()) >= 3:
                stems.setdefault(m.group(), kind)
    _STEMS[id(gazetteer)] = (gazetteer, stems)
    return stems


_STEMS: dict[int, tuple[Gazetteer, dict[str, str]]] = {}


def _lowercase_ids(text: str, cands: _Cands, gazetteer: Gazetteer, heads: set[str]) -> None:
    """Model names written in lower case with hyphens: "gpt-oss-120b", "phi-3-mini", "gemma-2-9b-it".

    A chain of parts with a digit is a model when its stem is that of a known model or of a model
    of the text, or when it carries a size ("falcon-mamba-7b"); a known benchmark's stem makes it
    a benchmark. Trailing parts that are not sizes, versions or variant words are left out
    ("gpt-4-class" names gpt-4); names inside web addresses are not read.
    """
    stems = _stems(gazetteer)
    for m in _LOWER_ID.finditer(text):
        token_start = max(text.rfind(" ", 0, m.start()), text.rfind("\n", 0, m.start())) + 1
        if "://" in text[token_start:m.start()] or text[token_start:m.start()].startswith("www."):
            continue
        parts = re.split(r"[-_]", m.group())
        while len(parts) > 1 and not (any(ch.isdigit() for ch in parts[-1]) or
                                      parts[-1] in VARIANT_WORDS or parts[-1] in NAME_SUFFIX_WORDS):
            parts.pop()
        if len(parts) < 2 or not any(ch.isdigit() for p in parts for ch in p):
            continue
        stem = re.match(r"[a-z]+", parts[0])
        kind = stems.get(stem.group()) if stem else None
        if kind is None and not (stem and stem.group() in heads) and \
                not any(_SIZE.match(p) for p in parts[1:]):
            continue
        end = m.start() + len("-".join(parts))
        if _FILE_EXTENSION.match(text, end):
            continue
        etype = "Benchmark" if kind == "Benchmark" else "Model"
        entry = gazetteer.lookup(text[m.start():end])
        if entry is not None:
            cands.add(m.start(), end, entry.type, "gazetteer-key", 3, entry.label)
        else:
            cands.add(m.start(), end, etype, "lower-id", 1)


def _repo_ids(text: str, cands: _Cands, gazetteer: Gazetteer) -> dict[int, tuple[str, str]]:
    """Hugging Face repository ids, "owner/name": one mention of the model, labelled by its name
    (so "01-ai/Yi-34B" and "Yi-34B" are one entity), whose owner is its publisher.

    Returns the publisher's label and the owner as written by the start of each repository
    mention. Not a dataset ("argilla/dpo-mix-7k", whose owner is then no entity either), a
    comparison ("GPT-4/GPT-4o") or a pair of numbers.
    """
    publishers: dict[int, tuple[str, str]] = {}
    for m in _REPO_ID.finditer(text):
        owner, name = m.group("owner"), m.group("name")
        parts = [p for p in re.split(r"[-_.\s]+", name.lower()) if p]
        if not re.search(r"[A-Za-z]{2,}", name) or not re.search(r"[A-Za-z]", owner) or \
                _SIZE.match(owner) or is_non_entity(name) or \
                any(p in _TAIL_WORDS for p in parts):
            continue
        own = gazetteer.lookup(owner)
        stem = re.match(r"[a-z]*", name_key(owner)).group()  # type: ignore[union-attr]
        if own is not None and own.type != "Organization" and not name_key(name).startswith(
                name_key(owner)) or (
                any(ch.isdigit() for ch in owner) and stem and name_key(name).startswith(stem)):
            continue  # "Qwen2.5/Qwen3", "Llama/Qwen-7B": two names, not a repository (but
            # "qwen/qwen-2.5-7b-instruct" is the repository of a lab named after its models)
        entry = gazetteer.lookup(name)
        if entry is None and not any(_SIZE.match(p) or _VERSION.match(p) for p in re.split(r"[-_]", name)):
            if own is not None and (name.islower() or "_" in name):
                cands.add(m.start(), m.end(), _BLOCK, "dataset-id", 9)  # "Intel/orca_dpo_pairs"
            continue  # a model repository names a size or a version
        if entry is not None and _stems(gazetteer).get(name_key(owner)) == "Model":
            continue  # "GPT/LLaMA": two model lines, not a repository
        label = entry.label if entry is not None else name
        etype = entry.type if entry is not None else "Model"
        if etype not in ("Model", "ModelFamily"):
            continue
        cands.add(m.start(), m.end(), etype, "repo-id", 4, label)
        if not name_key(name).startswith(name_key(owner)):  # "BioMistral/BioMistral-7B": a project
            publishers[m.start()] = (own.label if own is not None else owner, owner)
    return publishers


#: a licence named after its maker or model: "Yi License", "Llama 2 Community License", "NVIDIA Open
#: Model License Agreement"
_LICENCE_NAME = re.compile(
    r"(?<![\w-])(?:[A-Z0-9][\w.-]*\s+){1,5}?(?:Community\s+|Open\s+Model\s+|Research\s+)?"
    r"Licen[cs]e(?:\s+Agreement)?\b")


#: a licence named by its short name where the text speaks of licences: "under MIT", "Apache 2.0
#: or MIT" (MIT the university is a lab elsewhere)
_SHORT_LICENCE = re.compile(
    r"(?:\b(?:under|licen[cs]ed\s+(?:as|under))\s+(?:the\s+|an?\s+)?|"
    r"\b(?:Apache(?:[ -]2\.0)?|BSD(?:-\d-Clause)?|GPL(?:v?\d)?|CC[- ]BY[\w.-]*)\s*(?:,|/|\bor\b|\band\b)\s*)"
    r"(?P<name>MIT|BSD|GPL(?:v?\d)?)(?![\w-])")


def _licence_spans(text: str) -> list[tuple[int, int]]:
    """Where the text names a licence: "X License" phrases, short names where the text speaks of
    licences ("under Apache 2.0 or MIT") and the cells of a table's License column."""
    spans = [m.span() for m in _LICENCE_NAME.finditer(text)]
    spans += [m.span("name") for m in _SHORT_LICENCE.finditer(text)]
    lines = [(m.start(), m.group()) for m in re.finditer(r"[^\n]+", text)]
    col: int | None = None
    for k, (start, line) in enumerate(lines):
        if not line.lstrip().startswith("|"):
            col = None
            continue
        if k + 1 < len(lines) and re.match(r"^\s*\|?\s*:?-{2,}", lines[k + 1][1]):
            heads = [c.strip().strip("*_ ").lower() for c in line.strip().strip("|").split("|")]
            col = next((i for i, h in enumerate(heads) if h in ("license", "licence")), None)
            continue
        if col is None:
            continue
        offset = start + line.index("|") + 1
        for i, cell in enumerate(line.strip().strip("|").split("|")):
            if i == col:
                spans.append((offset, offset + len(cell)))
            offset += len(cell) + 1
    return spans


#: a leaderboard or benchmark named with its noun: "Scale SEAL Leaderboard", "Nous Benchmark"
_LEADERBOARD = re.compile(
    r"(?<![\w-])(?P<name>(?:[A-Z][\w.-]*[ \t]+){1,4}(?:Leaderboard|Benchmark|Arena|Challenge|Index|Olympiad))(?![\w-])")


def _leaderboards(text: str, lines: str, cands: _Cands, gazetteer: Gazetteer) -> None:
    """Names of several capitalised words ending in a singular benchmark noun are benchmarks, the
    noun included ("Scale SEAL Leaderboard"; not "Runtime Benchmarks", a heading; not the opener or
    the host lab before the name; one word and its noun is the word: see ``_BENCH_CTX_AFTER``)."""
    titles = _SpanIndex(_title_lines(lines))
    for m in _LEADERBOARD.finditer(text):
        end = m.end("name")
        starts = [w.start() for w in re.finditer(r"\S+", m.group("name"))][:-1]
        starts = [m.start("name") + k for k in starts]
        known = next((s for s in starts if gazetteer.lookup(text[s:end]) is not None), None)
        if known is not None and all(_leading_word(text[s:known].split()[0], gazetteer) for s in starts
                                     if s < known):
            # "Open LLM Leaderboard", "AI2 Reasoning Challenge"; not "Yet Another LLM Leaderboard"
            entry = gazetteer.lookup(text[known:end])
            version = re.match(r"[ \t]+(v?\d{1,2}(?:\.\d+)?)(?![\w.%-]|\s*(?:%|percent|points|models?)\b)", text[end:])
            if entry is not None and entry.type == "Benchmark" and version is not None:
                # "the new Open LLM Leaderboard 2": a board's next edition, a board of its own
                cands.add(known, end + version.end(), "Benchmark", "board-edition", 3,
                          f"{entry.label} {version.group(1)}")
                continue
            cands.add(known, end, entry.type, "gazetteer-key", 3, entry.label)  # type: ignore[union-attr]
            continue
        line_at = lines.rfind("\n", 0, m.start()) + 1
        line = lines[line_at:(lines.find("\n", end) + 1 or len(lines) + 1) - 1]
        if titles.overlaps(m.start(), end) and not line.startswith("#") and \
                _HEADING_METRIC.sub("", line.strip(" #*:")) != text[m.start("name"):end]:
            continue  # every word of a headline is capitalised: no telling where a name starts
            # (unless the heading is the name alone: "## Scale SEAL Leaderboard")
        noun_at = m.start("name") + m.group("name").rstrip().rfind(" ")
        if any((g := gazetteer.lookup(text[s:noun_at])) is not None and g.type != "Organization"
               for s in starts):
            continue  # "the LMArena Leaderboard": a known name and its noun
        start = None
        for s in starts:
            words = text[s:end].split()
            if any((g := gazetteer.lookup(" ".join(words[:k]))) is not None and g.type == "Organization"
                   for k in (3, 2, 1) if len(words) > k and (k > 1 or words[-1] in ("Leaderboard", "Arena"))):
                # (one word of a lab and its leaderboard: "Huggingface Leaderboard")
                start = s  # "Artificial Analysis Quality Index": the lab's own index, its name kept
                break
            if not _leading_word(words[0], gazetteer):
                start = s
                break
        if start is None:
            continue
        name = text[start:end]
        host = gazetteer.lookup(name.rsplit(None, 1)[0])
        if len(name.split()) < 3 and (host is None or host.type != "Organization"):
            continue  # "LedgerMath Leaderboard": the name is the word before its noun
        if name.endswith("Index") and not re.search(
                r"\b(?:benchmark|leaderboard|ranks?|ranked|scores?)\b", text[end:end + 120], re.IGNORECASE):
            continue  # an index is a benchmark when the text ranks or scores on it
        if not is_non_entity(name) and not is_non_entity(name.rsplit(None, 1)[0]):
            cands.add(start, end, "Benchmark", "leaderboard", 2)


#: "the 7B Mistral model", "a 70B Llama 2 model": a line's model named by its size first
#: a list introduced by the kind of its names: "models such as Kestrel (a text model), Brisa and
#: Ostra", "leaderboards for Nordic languages (such as NorBench and SkaldQA)", "investors including
#: Velora and Quillby"
_KIND_NOUNS = {"models": "Model", "llms": "Model", "benchmarks": "Benchmark", "leaderboards": "Benchmark",
               "evaluations": "Benchmark", "evals": "Benchmark", "test suites": "Benchmark",
               "companies": "Organization", "firms": "Organization", "labs": "Organization",
               "startups": "Organization", "start-ups": "Organization", "investors": "Organization",
               "partners": "Organization", "organisations": "Organization", "organizations": "Organization"}
_KIND_ALT = "|".join(sorted((re.escape(k) for k in _KIND_NOUNS), key=len, reverse=True))
_ITEM_NAME = r"[A-Z][\w.+-]*[\w+](?:\s[A-Z0-9](?:[\w.+-]*[\w+])?){0,3}"
_ITEM = _ITEM_NAME + r"(?:\s*\([^()\n]{1,60}\))?"
_KIND_LIST = re.compile(
    r"\b(?P<noun>(?i:" + _KIND_ALT + r"))\b(?P<gap>(?:(?!\b(?i:" + _KIND_ALT + r")\b)[^.;:()\n]){0,70}?)"
    r"(?:,\s*|\s*\(\s*|\s+)(?:such\s+as|including)\s+"
    r"(?P<items>" + _ITEM + r"(?:(?:,\s*|,?\s+and\s+|,?\s+or\s+)" + _ITEM + r")*)")


def _kind_lists(text: str, cands: _Cands, gazetteer: Gazetteer) -> None:
    """Each name in a list that the text introduces by their kind ("models such as A, B and C",
    "leaderboards ... (such as A and B)") is of that kind, unless the gazetteer says otherwise.
    A list of models or benchmarks must show one name of that kind by the gazetteer or by its
    shape (a digit, capitals inside): "models ... such as Maltese and Irish" lists languages."""
    for m in _KIND_LIST.finditer(text):
        if not m.group("noun")[0].islower() or re.search(
                r"[!?]|\b(?:not|no|is|are|was|were|be|been|has|have|had|variants?|versions?|formats?|"
                r"tasks?|domains?|areas?|fields?|sizes?)\b", m.group("gap")):
            continue  # (a capitalised "Models such as" opens a heading; "models ... are available in
            # variants such as": the list is of the nearer noun's kind)
        etype = _KIND_NOUNS[m.group("noun").lower()]
        names = [(m.start("items") + x.start(), re.match(_ITEM_NAME, x.group()).group())  # type: ignore[union-attr]
                 for x in re.finditer(_ITEM, m.group("items"))]  # (not the words in an item's brackets)
        kinds = [gazetteer.lookup(n) for _s, n in names]
        if etype != "Organization" and not any(
                (k is not None and k.type.startswith(etype)) or re.search(r"\d|[a-z][A-Z]|^[A-Z]{2,}", n)
                for (_s, n), k in zip(names, kinds, strict=True)):
            continue
        for (start, name), entry in zip(names, kinds, strict=True):
            words = name.split()
            if words[0].lower() in COMMON_CAPS | _NOT_HEAD | NAME_BLOCK_HEADS or is_non_entity(name) or \
                    _descriptor(words[0]) or entry is not None or name.lower() in VARIANT_WORDS:
                continue  # (the gazetteer's type stands; "Instruct" is a build, no name)
            cands.add(start, start + len(name), etype, "kind-list", 1)


_ONE_NAME = r"[A-Z][\w&.+-]*[\w+]"
#: a run of one-word names joined by commas: "Corvid, Brume, Quillby and Velora"
_NAME_LIST = re.compile(r"(?<![\w&.+-])" + _ONE_NAME + r"(?:,\s*" + _ONE_NAME + r"){1,}(?:,?\s+(?:and|&)\s+" +
                        _ONE_NAME + r")?(?![\w&+-]|[ \t]+[A-Z])")


def _org_lists(text: str, cands: _Cands, gazetteer: Gazetteer) -> None:
    """In a list of three or more one-word names where a known organisation stands and nothing the
    gazetteer knows as anything else, the other names are organisations too: "working with IBM,
    QuillbyAI, VELORA", "Companies: Hugging Face, CorvidNet, NVIDIA". A plain capitalised word
    (which may be a surname: "Altman, Lind and Google") needs two known organisations beside it.
    ``text`` is read line by line (a list ends with its line)."""
    for m in _NAME_LIST.finditer(text):
        items = [(x.start(), x.group()) for x in re.finditer(_ONE_NAME, m.group())]
        items = [(m.start() + s, w) for s, w in items if w not in ("and",)]
        if len(items) < 3:
            continue
        kinds = [gazetteer.lookup(w) for _s, w in items]
        known = sum(1 for k in kinds if k is not None and k.type == "Organization")
        if not known or any(k is not None and k.type != "Organization" for k in kinds):
            continue
        for (s, w), k in zip(items, kinds, strict=True):
            wl = w.lower()
            if known < 2 and not re.fullmatch(r"[A-Z]{3,}|[A-Z][a-z]+(?:[A-Z][a-z]*)+", w):
                continue  # a plain word beside one lab: a surname as well as a company
            if k is not None or wl in COMMON_CAPS or wl in NAME_BLOCK_HEADS or wl in _NOT_HEAD or \
                    is_non_entity(w) or _descriptor(w) or wl in TITLE_WORDS or any(ch.isdigit() for ch in w):
                continue
            cands.add(s, s + len(w), "Organization", "org-list", 1)


#: an institution written out with its acronym in brackets: "Nordic National Compute Centre (NNCC)",
#: "Lisbon AI Programme (LAIP)", "Kestrel's Applied Reasoning Laboratory (ARL)"
_INSTITUTION_ACRONYM = re.compile(
    r"(?<![\w-])(?P<name>[A-ZÀ-ÖØ-Þ][\w’'.&-]*(?:\s+(?:(?:and|of|for|on)\s+)?[A-ZÀ-ÖØ-Þ][\w’'.&-]*){0,6}?"
    r"\s+(?:Centre|Center|Programme|Program|Laboratory|Laboratories|Institute|Initiative|Council|Agency|"
    r"Authority|Office|Academy|Consortium|Alliance|Network|Hub|Foundation|Observatory|Commission))"
    r"\s+\((?P<acr>[A-Z][A-Za-z]?[A-Z0-9]{1,6})\)")


def _institutions(text: str, cands: _Cands, gazetteer: Gazetteer) -> None:
    """An institution the text writes out with its acronym in brackets is an organisation, and so
    is every other use of the acronym: "the Nordic National Compute Centre (NNCC) ... director of
    NNCC". The acronym need not spell the name (a programme keeps the acronym of its old name)."""
    for m in _INSTITUTION_ACRONYM.finditer(text):
        name, ns = m.group("name"), m.start("name")
        poss = list(re.finditer(r"['’]s\s+", name))
        if poss:  # "Kestrel's Applied Reasoning Laboratory": the institution after the owner's name
            ns += poss[-1].end()
            name = name[poss[-1].end():]
        lead = re.match(r"(?:(?:The|A|An|Its|Their|Our)\s+)+", name)
        if lead:
            ns += lead.end()
            name = name[lead.end():]
        first = name.split()[0].lower()
        if len(name.split()) < 2 or first in _NOT_HEAD or first in NON_NAME_WORDS["opener"] or \
                is_non_entity(name) or gazetteer.lookup(name) is not None:
            continue
        acr = m.group("acr")
        label = _tidy(name)
        cands.add(ns, ns + len(name), "Organization", "institution-acronym", 3, label)
        if is_non_entity(acr) or (gazetteer.lookup(acr) is not None):
            continue
        for a in re.finditer(r"(?<![\w-])" + re.escape(acr) + r"(?![\w-])", text):
            cands.add(a.start(), a.end(), "Organization", "institution-acronym", 3, label)


_SIZE_BEFORE_LINE = re.compile(
    r"\b(?:the|a|an|our|its)\s+(?P<size>\d+(?:\.\d+)?[BM])\s+(?P<name>[A-Z][\w.-]*(?:\s+\d+(?:\.\d+)?)?)\s+"
    r"(?:base\s+|pre-?trained\s+|pretrained\s+)?(?:model|checkpoint|LLM)\b")


def _size_before_line(text: str, cands: _Cands, gazetteer: Gazetteer) -> None:
    """ "Fine-tuning the 7B Mistral model": the line's model of that size ("Mistral 7B"), when the
    gazetteer knows that model or knows the name as a line (not the lab "Mistral")."""
    for m in _SIZE_BEFORE_LINE.finditer(text):
        name, size = m.group("name"), m.group("size")
        sized = gazetteer.lookup(f"{name} {size}") or gazetteer.lookup(f"{name}-{size}")
        line = gazetteer.lookup(name)
        if sized is not None and sized.type == "Model":
            label = sized.label
        elif line is not None and line.type == "ModelFamily":
            label = f"{line.label} {size}"
        else:
            continue
        cands.add(m.start("size"), m.end("name"), "Model", "size-before-line", 3, label)


#: a metric after a leaderboard's name in a heading: "Huggingface Leaderboard Score"
_HEADING_METRIC = re.compile(r"\s+(?:Scores?|Results|Rankings?|Ratings?)$")


def _leading_word(word: str, gazetteer: Gazetteer) -> bool:
    """A word before a benchmark's name that is not part of it: an opener, a common word, a lab."""
    entry = gazetteer.lookup(word)
    return word.lower() in _LEADING_WORDS | COMMON_CAPS | _NOT_HEAD or (
        entry is not None and entry.type == "Organization")


def _acronym_of(acronym: str, name: str) -> bool:
    """Whether ``acronym`` abbreviates ``name``: its letters found in order, the first at the
    name's start and each word's initial used (Schwartz and Hearst's test, loosened for words
    that give two letters: "SWH" for "SoftWare Heritage", "GQA" for "Grouped-Query Attention").

    >>> _acronym_of("YALL", "Yet Another LLM Leaderboard"), _acronym_of("SWH", "Software Heritage")
    (True, True)
    >>> _acronym_of("MLA", "Llama Guard"), _acronym_of("AI", "Allen Institute for AI")
    (False, False)
    """
    words = [w for w in re.split(r"[\s-]+", name) if w and w.lower() not in ("of", "for", "the", "and", "a", "an")]
    letters = acronym.lower()
    if len(letters) < 2 or not words or letters[0] != words[0][0].lower():
        return False
    # each word must give at least its initial, in order, and the letters must be used up
    pos = 0
    for k, w in enumerate(words):
        wl = w.lower()
        if pos >= len(letters) or letters[pos] != wl[0]:
            return False
        pos += 1
        # a word may give more letters from inside it, if the rest still fits the next words
        inner = 1
        while pos < len(letters) and len(letters) - pos > len(words) - k - 1 and \
                letters[pos] in wl[inner:]:
            inner = wl.index(letters[pos], inner) + 1
            pos += 1
    return pos == len(letters)


_ACRONYM_AFTER = re.compile(r"\s*(?:\(|-\s+|–\s+)?(?P<acr>[A-Z][A-Za-z0-9]*[A-Z][A-Za-z0-9]*)\)?")


def _acronyms(text: str, spans: list[_Span]) -> list[_Span]:
    """An acronym written beside its expansion is the same entity: "Software Heritage (SWH)",
    "YALL - Yet Another LLM Leaderboard"; every other use of the acronym in the text too."""
    out = list(spans)
    index = _SpanIndex((s, e) for s, e, *_ in spans)
    found: dict[str, tuple[str, str]] = {}
    for s, e, t, _r, lab in spans:
        if t == _BLOCK:
            continue
        name = text[s:e]
        m = re.match(r"\s*\((?P<acr>[A-Z][A-Za-z0-9]{1,7})\)", text[e:e + 12])
        if m and _acronym_of(m.group("acr"), name):
            found.setdefault(m.group("acr"), (t, lab or _tidy(name)))
        m = re.search(r"(?<![\w-])(?P<acr>[A-Z][A-Za-z0-9]{1,7})\s+(?:-|–)\s+$|\((?P<acr2>[A-Z][A-Za-z0-9]{1,7})\)\s*$",
                      text[max(0, s - 14):s])
        acr = m and (m.group("acr") or m.group("acr2"))
        if acr and _acronym_of(acr, name):
            found.setdefault(acr, (t, lab or _tidy(name)))
    for acr, (t, lab) in found.items():
        if is_non_entity(acr):
            continue
        for m in re.finditer(r"(?<![\w-])" + re.escape(acr) + r"(?![\w-])", text):
            if not index.overlaps(m.start(), m.end()):
                out.append((m.start(), m.end(), t, "acronym", lab))
                index.add(m.start(), m.end())
    return sorted(out)


def _bare_heads(text: str, spans: list[_Span], gazetteer: Gazetteer) -> list[_Span]:
    """The brand word of a versioned model found by its shape, written alone elsewhere in the text,
    names the model's line: "Corvid's Kestrel v3.5 ... integrated Kestrel into phones"."""
    heads: set[str] = set()
    for s, e, t, r, _lab in spans:
        if t == "Model" and r in ("shape", "shape-same-line"):
            m = re.fullmatch(r"([A-Z][a-z]{2,}[A-Za-z]*)\s+v?\d+(?:\.\d+)*", text[s:e])
            if m and gazetteer.lookup(m.group(1)) is None and m.group(1).lower() not in (
                    COMMON_CAPS | _NOT_HEAD | NAME_BLOCK_HEADS | VARIANT_WORDS | TITLE_WORDS) and \
                    not is_non_entity(m.group(1)):
                heads.add(m.group(1))
    # (not a brand a lab of the text is named with: "Brisa Labs ... Brisa 2 ... Brisa said")
    heads = {h for h in heads if not any(t == "Organization" and text[s:e].split()[0] == h
                                         for s, e, t, _r, _lab in spans)}
    if not heads:
        return spans
    out = list(spans)
    index = _SpanIndex((s, e) for s, e, *_ in spans)
    for head in heads:
        for m in re.finditer(r"(?<![\w.'’-])" + re.escape(head) + r"(?![\w'’-]|\s+(?:[A-Z0-9]|v\d))", text):
            if not index.overlaps(m.start(), m.end()):
                out.append((m.start(), m.end(), "ModelFamily", "bare-head", head))
                index.add(m.start(), m.end())
    return sorted(out)


def _list_types(text: str, spans: list[_Span]) -> list[_Span]:
    """A name in a list of benchmarks is a benchmark: "AGIEval, GPT4All, TruthfulQA and Bigbench",
    a table header of benchmarks; only a name typed as a model by its shape alone."""
    out = list(spans)
    named = [k for k, sp in enumerate(spans) if sp[2] != _BLOCK]
    for pos, k in enumerate(named):
        s, e, t, r, lab = spans[k]
        if t != "Model" or r not in ("shape", "shape-same-line", "lower-id") or \
                any(_SIZE.match(p) for p in re.split(r"[\s_-]+", text[s:e])):
            continue
        siblings = 0
        for step in (-1, 1):
            q, edge = pos + step, (s if step < 0 else e)
            while 0 <= q < len(named):
                qs, qe, qt, _qr, _ql = spans[named[q]]
                gap = text[qe:edge] if step < 0 else text[edge:qs]
                if not re.fullmatch(r"[\s,|&]*(?:\b(?:and|or)\b)?[\s,|&]*", gap) or qt != "Benchmark":
                    break
                siblings += 1
                edge = qs if step < 0 else qe
                q += step
        if siblings >= 2:
            out[k] = (s, e, "Benchmark", "benchmark-list", lab)
    return out


#: a social-media handle as the agent of a post: "posted on GitHub by @HonestAGI", "@x_user said"
_HANDLE = re.compile(r"(?<![\w@/.])@(?P<name>[A-Za-z][A-Za-z0-9_]{2,30})(?![\w@])")
_HANDLE_BEFORE = re.compile(r"\b(?:by|from|user|account|according\s+to)\s+$", re.IGNORECASE)


def _handles(text: str, cands: _Cands) -> None:
    """A handle that posts or says something is an agent: an organisation when its name ends as a
    lab's does ("@HonestAGI", "@KestrelLabs"), else a person; labelled without the "@"."""
    for m in _HANDLE.finditer(text):
        after = text[m.end():m.end() + 30]
        if not (_HANDLE_BEFORE.search(text[max(0, m.start() - 20):m.start()])
                or _PERSON_SPEECH_AFTER.match(after)):
            continue
        name = m.group("name")
        org = re.search(r"(?:AI|AGI|Labs?|Research|HQ|News|Team|Inc)$", name) is not None
        cands.add(m.start(), m.end(), "Organization" if org else "Person", "handle", 2, name)


def _title_lines(text: str) -> list[tuple[int, int]]:
    r"""Lines written in title case (headlines, headings, captions): most longer words capitalised.

    >>> t = "Kestrel 3 Shows Strong Results On Math\nThe model shows strong results."
    >>> [t[s:e] for s, e in _title_lines(t)]
    ['Kestrel 3 Shows Strong Results On Math']
    """
    out = []
    for m in re.finditer(r"[^\n]+", text):
        long_words = [w for w in re.findall(r"[^\W\d_][\w'’-]*", m.group()) if len(w) > 3]
        caps = sum(1 for w in long_words if w[0].isupper())
        if len(long_words) >= 3 and caps >= 0.8 * len(long_words):
            out.append(m.span())
    return out
#: a file name's rest up to its extension: ".gguf", ".Q4_K_M.gguf", "-Q4_K_M.gguf"
_FILE_EXTENSION = re.compile(r"(?:[.\-_][A-Za-z0-9_]+)*?\.(?:gguf|ggml|safetensors|bin|pt|pth|onnx|"
                             r"llamafile|mlmodel)\b", re.IGNORECASE)
_NAME_RUN = r"[A-ZÀ-ÖØ-Þ][\w’'.&-]*[\w](?:\s+[A-ZÀ-ÖØ-Þ][\w’'.&-]*[\w]){0,2}"
_FROM_ORG = re.compile(r"\s+(?:from|by)\s+(?:the\s+)?(" + _NAME_RUN + r")")
_POSS_ORG = re.compile(r"(?<![\w-])(" + _NAME_RUN + r")['’]s\s+$")
_FAMILY_BY_NOUN = re.compile(
    r"\b(?i:the|its|our|their|a|an|whole|entire)\s+(?P<name>[A-ZÀ-ÖØ-Þ][\w.-]*[\w])"
    r"(?:\s+(?:open|open-weight|language|reasoning|chat|base|instruct|model))*\s+"
    r"(?:family|families|series|lineup|line|models|model\s+family|language\s+models)\b")

#: "Brisa is a series of language models that ...", "Ostrel is a family of open models": a line
#: the sentence opens with
_FAMILY_IS_SERIES = re.compile(
    r"(?:^|(?<=[.!?]\s)|(?<=\n))(?P<name>[A-ZÀ-ÖØ-Þ][\w.-]*[\w])\s+(?:is|are)\s+(?:a|an)\s+"
    r"(?:(?:new|open|open-weight|small|large)\s+)?(?:series|family|suite|collection)\s+of\s+"
    r"(?:(?:open|open-weight|open-source|small|large|language|foundation|chat|code|coding|math|reasoning|"
    r"multimodal|vision|instruction-tuned|pre-?trained|generative|text|embedding)\s+){0,3}(?:models|LLMs)\b",
    re.MULTILINE)


_NAME_WORDS = r"[A-ZÀ-ÖØ-Þ][\w.+-]*[\w+](?:\s+[A-ZÀ-ÖØ-Þ][\w.+-]*[\w+]){0,2}"
#: an organisation ending, capitalised: "Labs", "AI", "Research" ("Halcyra Labs")
_ORG_SUFFIX_ALT = "|".join(re.escape(s[0].upper() + s[1:]) for s in sorted(ORG_SUFFIXES) if s.isalpha()) + \
    "|AI"
#: "a reasoning model called Magistral", "an enterprise version named Magistral Medium"
_MODEL_NAMED = re.compile(
    r"\b(?:model|LLM|chatbot|assistant|version|variant)s?,?\s+(?:called|named|dubbed|known\s+as)\s+"
    r"(?P<name>" + _NAME_WORDS + r"|[a-z]{1,6}-?\d+(?:[\w.-]*\w)?(?![\w-]))")  # also "called s1", "o3-mini"
#: "its newly open-sourced Pangu Pro MoE model", "the Magistral model"
_MODEL_BY_NOUN = re.compile(
    r"(?:\b(?i:the|its|their|our|a|an)|(?<![\w.-])(?P<owner>[A-Z][\w.-]*[\w])['’]s)\s+(?:(?i:new|newly|latest|open-sourced?|open-weights?|open|"
    r"flagship|inaugural|first|upcoming|experimental|reasoning|proprietary|closed)\s+){0,3}"
    r"(?P<name>" + _NAME_WORDS + r")\s+(?:model|LLM)s?\b")


#: "Tessaly is a series of language models trained to ...": a line of models the text presents
_MODEL_SERIES = re.compile(
    r"(?:^|(?<=[.!?]\s)|(?<=\n))(?P<name>[A-ZÀ-ÖØ-Þ][\w.+-]*[\w+])\s+(?:is|are)\s+(?:a|an|the)\s+"
    r"(?:(?:new|open|open-weight|growing)\s+)?(?:series|family|suite|collection)\s+of\s+"
    r"(?:(?:open|open-weight|open-source|small|large|language|foundation|chat|code|coding|math|reasoning|"
    r"multimodal|vision|instruction-tuned|pre-?trained|generative|text|embedding|decoder-only|[\w.-]*\d[\w.-]*)\s+){0,3}"
    r"(?:models|LLMs)\b")  # what kind of model, not what it is about ("a family of camelid models")
#: "Brisa is a 9B open-weight language model", "Brisa is Kestrel Labs' in-house chat model": a name a
#: sentence opens with and defines as a model (the words between are checked by _defines_model)
_MODEL_DEFINED = re.compile(
    r"(?:^|(?<=[.!?]\s)|(?<=\n))(?P<name>[A-ZÀ-ÖØ-Þ][\w.+-]*[\w+](?:\s[A-ZÀ-ÖØ-Þ][\w.+-]*[\w+])?)\s+"
    r"is\s+(?:(?:a|an)\s|(?P<owner>[A-Z][\w.-]*[\w](?:\s(?:AI|Labs?))?)['’]s?\s)"
    r"(?P<between>(?:[\w.,()-]+\s+){0,6}?)(?:model|LLM)\b"
    r"(?=\s*[,.;:!?()]|\s*$|\s+(?:that|which|with|for|from|by|developed|released|trained|built|designed|"
    r"optimi[sz]ed|fine-tuned|based|created|made|in|on|and|to)\b)")


def _defines_model(m: re.Match[str], gazetteer: Gazetteer) -> bool:
    """Whether a "<Name> is a ... model" sentence defines a model, not a framework or a dataset."""
    between = m.group("between").lower().replace(",", " ").split()
    if any(w in _TAIL_WORDS or w in ("framework", "library", "tool", "platform", "benchmark", "dataset",
                                     "suite", "reward", "embedding", "series", "family", "of", "for")
           for w in between):
        return False
    return not m.group("owner") or _known_org(m.group("owner"), gazetteer)


#: "We introduce Tessaly and Tessaly-chat, new language models": what a paper or post presents
_MODEL_INTRODUCED = re.compile(
    r"\b(?i:we|they)\s+(?:(?i:are|have)\s+)?(?:introduc\w*|present\w*|releas\w*|unveil\w*|"
    r"launch\w*|open-sourc\w*)\s+(?P<name>[A-ZÀ-ÖØ-Þ][\w.+]*[\w+])(?=(?:-[a-z]+)?\s*(?:,|\band\b|$))")


def _introduces_models(text: str, m: re.Match[str]) -> bool:
    """Whether the sentence of an introduced name says it is a model, and the name is no tokenizer,
    dataset or benchmark ("we introduce X, a benchmark of ...")."""
    line_end = text.find("\n", m.end())
    sent = text[m.end():line_end if line_end >= 0 else len(text)]
    stop = re.search(r"[.!?](?:\s|$)", sent)
    sent = sent[:stop.start()] if stop else sent
    return bool(re.search(r"\b(?:models?|LLMs?)\b", sent)) and not re.search(
        r"\b(?:benchmarks?|datasets?|corpus|leaderboards?|suites?|tokenizers?|methods?|frameworks?|"
        r"libraries|library|algorithms?)\b", sent)


def _known_org(name: str, gazetteer: Gazetteer) -> bool:
    """Whether the gazetteer knows ``name`` as an organisation ("Apple", "Mistral AI")."""
    entry = gazetteer.lookup(name)
    return entry is not None and entry.type == "Organization"


def _context_model_ok(name: str, gazetteer: Gazetteer) -> bool:
    """Whether a name the text calls a model can be one (not "the AI model", "the OpenAI model")."""
    first = name.split()[0].lower()
    if (len(name) < 3 and not re.fullmatch(r"[a-z]\d", name)) or first in COMMON_CAPS or first in NAME_BLOCK_HEADS or first in _NOT_HEAD or \
            first in FIRST_NAMES or is_non_entity(name) or is_non_entity(name.split()[0]):
        return False
    entry = gazetteer.lookup(name) or gazetteer.lookup(name.split()[0])
    return entry is None or entry.type in ("Model", "ModelFamily")


def _context_names(text: str, spans: list[_Span], gazetteer: Gazetteer) -> list[_Span]:
    """Names typed by what a found model is said to come from.

    "Ostrel 3 Pro from Kestrelmoor", "Tesselight's Pellicor": the other name is the developer
    (an organisation). "the Ostrel language models", "the Sedge family": a family name.
    """
    out = list(spans)
    index = _SpanIndex((s, e) for s, e, *_ in spans)
    for s, e, t, _r, _lab in spans:
        if t not in ("Model", "ModelFamily"):
            continue
        found = []
        m = _FROM_ORG.match(text, e)
        if m:
            found.append((m.start(1), m.end(1)))
        m = _POSS_ORG.search(text, max(0, s - 60), s)
        if m:
            found.append((m.start(1), m.end(1)))
        for ns, ne in found:
            name = re.sub(r"['’]s$", "", text[ns:ne])
            ne = ns + len(name)
            first = name.split()[0].lower()
            if first in COMMON_CAPS or first in NAME_BLOCK_HEADS or first in FIRST_NAMES or \
                    any(ch.isdigit() for ch in name) or index.overlaps(ns, ne):
                continue
            entry = gazetteer.lookup(name)
            if entry is not None and entry.type != "Organization":
                continue
            out.append((ns, ne, "Organization", "org-of-model", entry.label if entry else None))
            index.add(ns, ne)
    for m in [*_FAMILY_BY_NOUN.finditer(text), *_FAMILY_IS_SERIES.finditer(text)]:
        ns, ne = m.span("name")
        name = m.group("name")
        if name.lower() in COMMON_CAPS or name.lower() in NAME_BLOCK_HEADS or \
                index.overlaps(ns, ne) or name.isupper() and len(name) <= 3:
            continue
        entry = gazetteer.lookup(name)
        if entry is not None and entry.type not in ("Model", "ModelFamily"):
            continue
        out.append((ns, ne, "ModelFamily", "family-noun", entry.label if entry else None))
        index.add(ns, ne)
    return sorted(out)


#: endings after a brand name: "Halcyra Labs" is also "Halcyra" (unlike "Oslo District Court")
_BRAND_SUFFIXES = frozenset(
    "labs lab ai research technologies technology compute computing analytics bio systems "
    "intelligence robotics software inc corp ltd llc gmbh".split())


def _same_name(text: str, spans: list[_Span]) -> list[_Span]:
    """One sense per document: every other occurrence of a name found once is the same entity.

    Full names of organisations, people, benchmarks and digit-less models are found again
    wherever they occur; a person's surname after the full name is that person, and the first
    word of a multi-word organisation ("Halcyra" for "Halcyra Labs") is that organisation, when
    no other person or organisation shares it.
    """
    out = list(spans)
    targets: dict[str, tuple[str, str]] = {}
    ambiguous: set[str] = set()

    def want(form: str, etype: str, label: str) -> None:
        old = targets.get(form)
        if old is None:
            targets[form] = (etype, label)
        elif old[0] != etype or not (label.startswith(old[1]) or old[1].startswith(label)):
            ambiguous.add(form)
        elif len(label) > len(old[1]):
            targets[form] = (etype, label)  # "Halcyra" and "Halcyra Labs": the full name

    for s, e, t, _r, lab in spans:
        surface = text[s:e]
        label = lab or _tidy(surface)
        if "\n" in surface or len(surface) < 3:
            continue
        if t in ("Organization", "Person", "Benchmark") or (
                t in ("Model", "ModelFamily") and not any(ch.isdigit() for ch in surface)):
            want(surface, t, label)
        if t == "Person" and " " in surface:
            surname = surface.split()[-1]
            if _name_word(surname.split("-")[0]) and surname.lower() not in COMMON_CAPS:
                want(surname, t, label)
        if t == "Organization" and len(surface.split()) == 2 and \
                surface.split()[1].lower().rstrip(".") in _BRAND_SUFFIXES:
            head = surface.split()[0]
            if head.lower() not in COMMON_CAPS | NAME_BLOCK_HEADS | ORG_SUFFIXES | ORG_OF_HEADS \
                    and head.lower() not in FIRST_NAMES and len(head) > 3:
                want(head, t, label)
    index = _SpanIndex((s, e) for s, e, *_ in out)
    for form, (etype, label) in targets.items():
        if form in ambiguous:
            continue
        for m in re.finditer(r"(?<![\w-])" + re.escape(form) + r"(?=['’]s\b|(?![\w-]))", text):
            if not index.overlaps(m.start(), m.end()):
                out.append((m.start(), m.end(), etype, "same-name", label))
                index.add(m.start(), m.end())
    return sorted(out)


#: words whose presence in a sentence lets a capitalised name with a version be a model
_SENTENCE_CUES = (
    " model", "llm", "parameter", "token", "benchmark", "weights", "fine-tun", "finetun",
    "distill", "release", "score", "successor", "predecessor", "introduc", "launch", "unveil",
    "announc", "outperform", "beats", "trained", "open-source", "open-weight", "open source",
    "instruct", "variant", "checkpoint", "quantiz", "gguf", "context", "reasoning", "chatbot",
    "mixture-of-experts", "moe", "multimodal", "accuracy", "leaderboard", "arena", "mmlu",
    "family", "lineup", "flagship", "version", "upgrade", "api", "inference", "gpu",
)


def _tidy(surface: str) -> str:
    return re.sub(r"\s+", " ", surface).strip()


def _hardware_label(hw: str, gazetteer: Gazetteer) -> str:
    entry = gazetteer.lookup(hw)
    if entry is not None:
        return entry.label
    core = re.sub(r"^(?:Nvidia|NVIDIA|AMD|Intel|Google|Apple)(?:'s)?\s+", "", hw)
    # "A100-80GB", "A100 40GB": the part in one of its memory sizes, the same part (the surface
    # form stays an alias)
    core = re.sub(r"(?:-|\s)?\d{2,3}\s?GB$", "", core)
    entry = gazetteer.lookup(core)
    return entry.label if entry is not None else _tidy(core)


#: a name followed by, or in apposition to, a noun of a thing that is not a model: "the Arcade100k
#: tokenizer", "Arcade100k, a BPE tokenizer", "P4d instances", "Books3 dataset"
_NOT_MODEL_AFTER = re.compile(
    r"(?:,\s+(?:a|an|the|our|its)\s+(?:[\w.-]+\s+){0,3}?|\s+|-)(?P<noun>[a-z]+)"
    r"(?=\s*(?:[,.;:)]|$)|\s+(?:that|which|with|for|from|of|by|in|on|to|and|extended|trained|"
    r"based|used|built)\b)")


#: "-style", "-like" after a name: a manner or format named after it, not the model itself
_STYLE_AFTER = re.compile(r"-(?:style|styled|like|esque)\b", re.IGNORECASE)
_STYLED_NAME = re.compile(r"(?<![\w.-])[A-Z][\w.]*(?:-[\w.]+)*?-(?:style|styled|like|esque)\b")


def _named_thing(text: str, end: int) -> bool:
    """Whether the name ending at ``end`` is followed by a tail noun ("tokenizer", "dataset")."""
    m = _NOT_MODEL_AFTER.match(text, end, min(len(text), end + 60))
    if m and m.group("noun") == "mixture" and re.match(r"\s+of\s+experts\b", text[m.end():m.end() + 20],
                                                       re.IGNORECASE):
        return False  # "X, a mixture of experts": a model's architecture, not a data mixture
    return bool(m and m.group("noun") in _TAIL_WORDS)


def _type_of_shape(surface: str, text: str, start: int, end: int, cue: bool) -> str | None:
    """Type a model-shaped name by its ending and its context; None when it is not a name."""
    last = re.split(r"[\s_-]+", surface)[-1].lower()
    after = text[end:end + 40]
    before = text[max(0, start - 40):start]
    if any(surface.lower().endswith(s) for s in ("bench", "eval")) or _BENCH_CTX_AFTER.match(
            after) or (_SCORE_BEFORE.search(before) and not _SIZE.match(last)):
        return "Benchmark"
    if last in ORG_SUFFIXES:
        return "Organization"
    has_size = any(_SIZE.match(p) for p in re.split(r"[\s_-]+", surface))
    follows = re.match(r"^[\s-]+(\w+)", after)
    if has_size or cue or (follows and follows.group(1).lower() in MODEL_NOUNS | FAMILY_NOUNS):
        return "Model"
    return None


_MODEL_APPOSITION = re.compile(
    r"^,\s+(?:a|an|the|its|their)\s+(?:(?!benchmark|dataset|suite|test|leaderboard|eval)[\w.,-]+\s+){0,6}?(?:model|LLM|language\s+model|chatbot|"
    r"assistant|reasoning\s+model|family\s+of\s+models)\b")


def _apposition_models(text: str, se: int, words: list[tuple[int, int, str]],
                       cands: _Cands, gazetteer: Gazetteer) -> None:
    """A capitalised name with no digit is a model when the text says so: "Brisa, a new model"."""
    for i, (s, _e, w) in enumerate(words):
        if not _is_cap(w) or w.lower() in COMMON_CAPS or w.lower() in NAME_BLOCK_HEADS \
                or w.lower() in _NOT_HEAD or any(ch.isdigit() for ch in w) or w.endswith("'s"):
            continue
        j = i + 1
        while j < len(words) and j < i + 3 and _is_cap(words[j][2]) and \
                text[words[j - 1][1]:words[j][0]] in (" ", "-"):
            j += 1
        end = words[j - 1][1]
        if not _MODEL_APPOSITION.match(text[end:min(se, end + 80)]):
            continue
        entry = gazetteer.lookup(text[s:end])
        if entry is not None:
            cands.add(s, end, entry.type, "gazetteer-key", 3, entry.label)
        elif words[j - 1][2].lower() not in ORG_SUFFIXES:
            cands.add(s, end, "Model", "model-apposition", 0)


def _org_candidates(text: str, ss: int, se: int, words: list[tuple[int, int, str]],
                    cands: _Cands, gazetteer: Gazetteer) -> None:
    n = len(words)
    for i in range(n):
        # "Corvid Labs", "Helix Research", "Brume AI", "Kestrel Technologies Inc."
        w = _strip_poss(words[i][2])
        if w.lower() in ORG_SUFFIXES and i > 0 and (w[0].isupper()):
            k = i - 1
            while k >= 0 and _is_cap(words[k][2]) and text[words[k][1]:words[k + 1][0]] == " " \
                    and words[k][2].lower() not in COMMON_CAPS and k >= i - 3 and \
                    words[k][2].lower() not in NON_NAME_WORDS["opener"] and \
                    words[k][2].lower() not in NON_NAME_WORDS["verb"] and \
                    not words[k][2].endswith("'s"):
                k -= 1  # (not over a headline's verb: "Lind Says AI ...", "Apple Unveils Apple ...")
            k += 1
            nxt = re.match(r"^\s+([a-z]+)", text[words[i][1]:words[i][1] + 20])
            models = re.match(r"^\s+Models?\b", text[words[i][1]:words[i][1] + 10])
            if models and k < i and w.lower() in ("foundation", "intelligence"):
                # "Brume Foundation Models (BFM)": a line of models named so, not a foundation
                e = words[i][1] + models.end()
                entry = gazetteer.lookup(text[words[k][0]:e])
                cands.add(words[k][0], e, entry.type if entry else "ModelFamily", "foundation-models", 2,
                          entry.label if entry else None)
                k = i
            elif nxt and nxt.group(1) in _ADJECTIVAL_NOUNS:
                k = i  # "the San Francisco AI company"
            elif k < i and (text[words[k][0] - 1:words[k][0]] == "-" or all(
                    _descriptor(words[x][2]) or words[x][2] in ("AI", "ML") for x in range(k, i))):
                k = i  # "the Chinese AI start-up", "Sovereign AI", "Chinese AI Labs" (but "Osaka
                # Institute of Robotics" is still read below as "<Head> of <Name>")
            if k < i:
                s, e = words[k][0], words[i][1] - (2 if words[i][2].endswith("'s") else 0)
                entry = gazetteer.lookup(text[s:e])
                head = gazetteer.lookup(text[s:words[i - 1][1]])
                if entry is not None:
                    cands.add(s, e, entry.type, "gazetteer-key", 3, entry.label)
                elif head is not None and head.type in ("Model", "ModelFamily") and w == "AI":
                    # "Kimi AI", "Claude AI": the assistant a lab names after its model, not a lab
                    cands.add(s, e, head.type, "model-ai", 3, head.label)
                elif w == "AI" and i - k >= 2 and (lab := gazetteer.lookup(words[k][2])) is not None \
                        and lab.type == "Organization":
                    continue  # "Google Cloud Vertex AI", "Microsoft Azure AI": a lab's product
                else:
                    cands.add(s, e, "Organization", "org-suffix", 2)
        # "University of Toronto", "Institute for Applied Model Auditing", "Guild of Northern Letters"
        if w.lower() in ORG_OF_HEADS and _is_cap(w) and i + 2 < n and words[i + 1][2] in ("of", "for"):
            k = i + 2
            if words[k][2] == "the" and k + 1 < n:
                k += 1
            last = None
            while k < n and k < i + 8 and (_is_cap(words[k][2]) or (
                    words[k][2] in ("and", "of", "for") and k + 1 < n and _is_cap(words[k + 1][2]))) \
                    and text[words[k - 1][1]:words[k][0]] == " ":
                if _is_cap(words[k][2]):
                    last = k
                k += 1
            if last is not None:
                start = words[i][0]
                b = i - 1  # "Allen Institute for AI", "Mohamed bin Zayed University of ..."
                while b >= 0 and b >= i - 4 and text[words[b][1]:words[b + 1][0]] == " " and (
                        _is_cap(words[b][2]) and words[b][2].lower() not in COMMON_CAPS | NAME_BLOCK_HEADS
                        or words[b][2] in _PARTICLES and b > 0 and _is_cap(words[b - 1][2])):
                    if _is_cap(words[b][2]):
                        start = words[b][0]
                    b -= 1
                cands.add(start, words[last][1], "Organization", "org-of", 2)
    _title_at_org(text, ss, se, cands)
    _role_orgs(text, ss, se, cands, gazetteer)
    # "OthersideAI", "DeepLearning.AI": a brand run into "AI" is a lab's name
    for m in _AI_BRAND.finditer(text, ss, se):
        brand = m.group("brand")
        entry = gazetteer.lookup(m.group())
        if entry is not None:
            cands.add(m.start(), m.end(), entry.type, "gazetteer-key", 3, entry.label)
        elif brand.lower() not in COMMON_CAPS and not is_non_entity(m.group()) and \
                not _descriptor(brand) and brand.lower() not in _NOT_HEAD:
            cands.add(m.start(), m.end(), "Organization", "org-ai-brand", 1)
    # outlets named with their article: "The Ledgerline reported", "according to The Information"
    for m in _OUTLET.finditer(text, ss, se):
        name = m.group("a") or m.group("b")
        start = m.start("a") if m.group("a") else m.start("b")
        head = name.split()[1].lower()
        if head not in COMMON_CAPS and head not in NAME_BLOCK_HEADS and head not in ORG_SUFFIXES:
            cands.add(start, start + len(name), "Organization", "outlet", 2)
    # context: "the startup Brume", "developed by Corvid", "X released ..."
    for i in range(n):
        s, e, w = words[i]
        wb = _strip_poss(w)
        if not _is_cap(wb) or wb.lower() in COMMON_CAPS or wb.lower() in NAME_BLOCK_HEADS or \
                wb.lower() in _NOT_HEAD:  # "01.AI Startup Addresses Controversy": a headline verb
            continue
        if any(ch.isdigit() for ch in wb):
            continue
        j = i + 1
        while j < n and j < i + 3 and _is_cap(words[j][2]) and text[words[j - 1][1]:words[j][0]] == " " \
                and not words[j - 1][2].endswith("'s") and words[j][2].lower() not in COMMON_CAPS:
            j += 1
        end = words[j - 1][1] - (2 if words[j - 1][2].endswith("'s") else 0)
        before = text[max(ss, s - 40):s]
        after = text[end:min(se, end + 60)]
        ctx_before = _ORG_CTX_BEFORE.search(before.lower())
        if ctx_before and not before[ctx_before.start():].strip()[:1].islower():
            ctx_before = None  # "VP of Developer Education": a capitalised cue word is part of a title
        ctx_after = re.match(
            r"^(?:'s)?,\s+(?:a|an|the)\s+(?:[\w-]+\s+){0,4}?(?:startup|start-up|company|lab|"
            r"laboratory|firm|developer|maker|unicorn|research group|research lab|nonprofit)\b",
            after) or re.match(
            r"^\s+(?:is|are)\s+(?:proud|excited|pleased|thrilled|happy|delighted)\s+to\s+(?:release|announce|"
            r"introduce|unveil|launch|share|open-source)\b", after) or re.match(
            r"^\s+(?:has\s+|have\s+|on \w+\s+|this week\s+|today\s+)?(?:released|releases|unveiled|unveils|"
            r"developed\s+and\s+released|"
            r"announced|announces|launched|launches|open-sourced|open-sources|introduced|"
            r"introduces|debuted|published|shipped|trained|is releasing)\b", after)
        maker_by = _MAKER_BY.search(before)
        if maker_by and _maker_people(text, s, cands):
            continue
        if ctx_after or maker_by or (ctx_before and ctx_before.group().split()[0] in (
                "startup", "start-up", "lab", "laboratory", "company", "firm", "developer",
                "maker", "outfit", "unicorn", "rival", "rivals", "competitor", "competitors",
                "vendor", "provider", "spinout", "spin-off", "partnership", "partnered",
                "collaboration", "funded")):
            if j - i == 1 and (i == 0 or text[ss:s].strip() == "") and not (ctx_after or maker_by):
                continue
            surface = text[s:end]
            entry = gazetteer.lookup(surface)
            if entry is not None:
                cands.add(s, end, entry.type, "gazetteer-key", 3, entry.label)
            elif not _looks_like_person(words[i:j]):
                cands.add(s, end, "Organization", "org-context", 0)
            if maker_by:
                _maker_list(text, end, se, cands, gazetteer)


#: the rest of a makers' list: "developed by A at B, C and D" (B, C, D), one to three capitalised words each
_MAKER_ITEM = re.compile(r"(?:\s+at\s+|,\s*(?:and\s+)?|\s+and\s+|\s*&\s*)"
                         r"(?P<name>[A-Z][\w&.-]*[\w](?:\s[A-Z][\w&.-]*[\w]){0,2})(?=\s*(?:[,.;&)]|and\b|at\b|$))")


def _maker_list(text: str, end: int, se: int, cands: _Cands, gazetteer: Gazetteer) -> None:
    """The organisations listed after the first maker: "developed by MLPLab at Ostra Tech, Brindle
    and Quell Univ" names four (a person in the list is left to :func:`_person_candidates`)."""
    pos = end
    while (m := _MAKER_ITEM.match(text, pos, se)) is not None:
        pos = m.end()
        name = m.group("name")
        words = [(0, 0, w) for w in name.split()]
        if name.split()[0].lower() in COMMON_CAPS or _looks_like_person(words):
            continue
        entry = gazetteer.lookup(name)
        if entry is not None:
            cands.add(m.start("name"), m.end("name"), entry.type, "gazetteer-key", 3, entry.label)
        else:
            cands.add(m.start("name"), m.end("name"), "Organization", "org-context", 0)


def _maker_people(text: str, start: int, cands: _Cands) -> bool:
    """People named where a card says who made the model: "Developed by: Ada Lind*, Bo Kerr".

    The rest of the line must be a list of person names, either two or more of them or one with
    a hyphenated given name or surname ("Thanh-Mai Le-Vu"); footnote marks are allowed. Each
    name becomes a Person candidate; returns whether the line was read so.
    """
    stop = re.compile(r"\n|(?<![A-Z])\.(?:\s|$)|\s[-|]\s").search(text, start)
    line = text[start:stop.start() if stop else len(text)]
    body = re.sub(r"\s*[*†‡]+\s*", " ", line).strip().rstrip(".")
    parts = [x.strip() for x in _LIST_SPLIT.split(body) if x.strip()]
    if not parts or not all(_person_name(x) for x in parts):
        return False
    if len(parts) < 2 and "-" not in parts[0]:
        return False
    pos = start
    for x in parts:
        first = x.split()[0]
        at = text.find(first, pos)
        end = at
        for w in x.split():  # the name's own words, skipping footnote marks between them
            end = text.find(w, end) + len(w)
        cands.add(at, end, "Person", "maker-people", 2)
        pos = end
    return True


_TITLE_AT = re.compile(
    r"\b(?:(?:" + "|".join(sorted(TITLE_WORDS - {"member", "author", "staff"})) + r")s?|"
    r"employees?|staffers?|spokes(?:person|man|woman)|team|professor|head of [a-z]+|"
    r"co-founders?|founders?)\s+(?:at|of|with|from)\s+(?:the\s+)?$", re.IGNORECASE)
_TITLE_PREP = re.compile(r"\b(?:(?:CEO|CTO|CFO|COO|[Cc]o-?[Ff]ounder|[Ff]ounder)\s+of|"
                         r"(?:CEO|CTO|CFO|COO|Professor|Director|[Ff]ounder)\s+at)\s+(?:the\s+)?")
_CAP_RUN = re.compile(r"[A-ZÀ-ÖØ-Þ][\w’'&.-]*(?:\s+(?:[A-ZÀ-ÖØ-Þ][\w’'&.-]*|of|for|and|&)){0,4}")


#: one capitalised word that speaks, then a personal pronoun: "Reddy, in her tweet, claimed",
#: "Okafor wrote in his post"
_PRONOUN_SPEAKER = re.compile(
    r"(?<![\w'’.-])(?P<name>[A-Z][a-z]{2,})(?:['’]s\s+(?:tweet|post|thread|blog|comments?)\b|,\s+in\s+(?:her|his)\b|"
    r"\s+(?:wrote|said|claimed|argued|posted|noted|added|tweeted)\s+(?:in|on)\s+(?:her|his)\b)")
#: a news outlet named by its reporting: "Reporting by Brightline", "in a story by Quillwire"
_OUTLET_BY = re.compile(
    r"\b(?:[Rr]eporting|[Rr]eported|[Aa]\s+report|[Aa]n\s+article|[Aa]\s+story)\s+(?:by|from|in)\s+"
    r"(?P<name>[A-Z][a-z]+(?:[A-Z][a-z]+)+)(?![\w-])")


def _one_word_agents(text: str, ss: int, se: int, cands: _Cands, gazetteer: Gazetteer) -> None:
    """Agents named by one word: a speaker the text calls "her" or "his" ("Reddy, in her tweet,
    claimed ...") is a person; a run-together brand that reports ("Reporting by Brightline") an
    outlet."""
    for rx, etype in ((_PRONOUN_SPEAKER, "Person"), (_OUTLET_BY, "Organization")):
        for m in rx.finditer(text, ss, se):
            name = m.group("name")
            if name.lower() in COMMON_CAPS or name.lower() in _NOT_HEAD or name.lower() in NAME_BLOCK_HEADS \
                    or gazetteer.lookup(name) is not None or is_non_entity(name):
                continue
            cands.add(m.start("name"), m.end("name"), etype, "one-word-agent", 0)


_OUTLET = re.compile(
    r"(?P<a>\bThe\s+[A-Z][a-z]+[A-Za-z]*(?:\s+[A-Z][a-z]+)?)(?=\s+(?:first\s+)?(?:reported|reports|revealed|wrote|"
    r"said|cited|citing)\b)|\b(?:according\s+to|reported\s+by|told|in\s+an?\s+(?:report|article|story)\s+by|"
    r"(?:report|article|story)\s+(?:published|that\s+appeared|appearing)\s+in)\s+"
    r"(?P<b>The\s+[A-Z][a-z]+[A-Za-z]*(?:\s+[A-Z][a-z]+)?)")


def _title_at_org(text: str, ss: int, se: int, cands: _Cands) -> None:
    """ "an analyst at Harrowgate Securities", "head of product at Foo": the name is an organisation."""
    runs = list(_CAP_RUN.finditer(text, ss, se))
    # "Ada Lind, CEO of Brindle": a capitalised title before "of" runs on into the name; the name
    # starts after the title's preposition
    after_title = {r.start() for t in _TITLE_PREP.finditer(text, ss, se) if (r := _CAP_RUN.match(text, t.end(), se))}
    runs += [r for t in _TITLE_PREP.finditer(text, ss, se) if (r := _CAP_RUN.match(text, t.end(), se))]
    for m in runs:
        if not _TITLE_AT.search(text[max(ss, m.start() - 50):m.start()]):
            continue
        surface = m.group()
        if m.start() in after_title:  # "CEO of Brindle and Quell": the first name only
            surface = re.split(r"\s+(?:and|&)\s+", surface)[0]
        surface = re.sub(r"(?:\s+(?:of|for|and|&))+$", "", surface)
        surface = re.sub(r"['’]s$|[.,]$", "", surface)
        first = surface.split()[0].lower()
        if first in COMMON_CAPS or first in NAME_BLOCK_HEADS or any(ch.isdigit() for ch in surface):
            continue
        cands.add(m.start(), m.start() + len(surface), "Organization", "org-title-at", 2)


_ROLE = r"(?:co-?founder|founder|chair(?:man|woman)?|(?:vice[ -])?president|(?:managing\s+)?director|head|" \
    r"chief(?:\s+[a-z]+){0,2}\s+officer|chief\s+[a-z]+|CEO|CTO|CFO|COO|CSO|[SE]?VP|spokes(?:person|man|woman)|" \
    r"general\s+manager)"
#: an organisation named by the role of the person after it: "Ola's co-founder and CEO Ada Lind",
#: "Corvid's chairman Bo Tran", "Brume Cloud Director Lee Ki-chang"
_ROLE_ORG = re.compile(
    r"(?<![\w.@/'’-])(?P<org>(?:[A-Z]|[a-z][A-Z])[\w.&-]*[\w](?:\s+[A-Z][\w.&-]*[\w]){0,2})(?:['’]s)?\s+"
    r"(?i:" + _ROLE + r"(?:\s*(?:,|and|&)\s*" + _ROLE + r")*)\s+"
    r"(?P<person>[A-Z][a-z]+(?:\s+[A-Z]\.)?(?:[ -][A-Z][a-z]+){1,2}(?:-[a-z]{2,5})?)(?![\w-])")


def _role_orgs(text: str, ss: int, se: int, cands: _Cands, gazetteer: Gazetteer) -> None:
    """ "Ola's co-founder and CEO Ada Lind", "Corvid Cloud Director Bo Tran": the words before a
    person's role, with the person's name after it, name the organisation the person works for."""
    for m in _ROLE_ORG.finditer(text, ss, se):
        words = m.group("org").split()
        while words and (words[-1].lower() in TITLE_WORDS or words[-1].lower() in ("chief", "senior")):
            words.pop()  # "Microsoft Vice" + "President": the title's first word
        while words and (words[0].lower() in COMMON_CAPS or words[0].lower() in NAME_BLOCK_HEADS or
                         words[0].lower() in _NOT_HEAD or _descriptor(words[0]) or
                         words[0].lower() in TITLE_WORDS):
            words.pop(0)  # "Former Corvid CTO ...": the org starts at its name
        if not words or any(ch.isdigit() for w in words for ch in w):
            continue
        org = " ".join(words)
        start = m.start("org") + m.group("org").index(org)
        entry = gazetteer.lookup(org)
        if entry is not None and entry.type != "Organization":
            continue  # "Gemini lead Jo Rae": a model's team, no organisation named
        if is_non_entity(org) or _looks_like_person([(0, 0, w) for w in words]):
            continue
        cands.add(start, start + len(org), "Organization", "org-role", 2, entry.label if entry else None)


#: a capitalised brand of two syllables or more run into "AI" or ".AI": "OthersideAI", "Character.AI"
_AI_BRAND = re.compile(r"(?<![\w.@/-])(?P<brand>[A-Z][a-z]{3,}(?:[A-Z][a-z]+)*)\.?AI(?![\w-])")
_ADJECTIVAL_NOUNS = frozenset(
    "company companies lab labs startup firm model models team researchers research system systems "
    "assistant assistants chatbot products product features platform giant developer developers "
    "maker makers outfit group image images video videos tool tools app apps service services "
    "feature".split())


def _descriptor(word: str) -> bool:
    """A place, a demonym or an adjective of a kind of AI: "China", "European", "Sovereign"."""
    return NON_ENTITY_TERMS.get(name_key(word)) in ("place", "demonym and language") or \
        word.lower() in NON_NAME_WORDS["descriptor"]


def _looks_like_person(ws: list[tuple[int, int, str]]) -> bool:
    return len(ws) >= 2 and ws[0][2].lower() in FIRST_NAMES


_LIST_SPLIT = re.compile(r"\s*(?:,\s*and\s+|,\s*|\s+and\s+|\s*&\s*|\s*;\s*)")


#: endings of abstract nouns, which no given name or surname has ("Creation", "Sparsity")
_ABSTRACT_NOUN = re.compile(r"^[A-Z][a-z]{2,}(?:tion|sion|ity|ics|ness)s?$")


def _person_name(part: str) -> bool:
    """Whether ``part`` reads as one person's name: 2-4 name words, particles allowed."""
    words = part.split()
    if not 2 <= len(words) <= 5 or words[-1].lower() in ORG_SUFFIXES | TITLE_WORDS:
        return False
    names = [w for w in words if w not in _PARTICLES]
    if any(_ABSTRACT_NOUN.search(w) for w in names):
        return False  # "Data Curation and Model Compression": a heading's nouns, not people
    return len(names) >= 2 and all(
        all(_name_word(x) for x in w.split("-")) and w.lower() not in COMMON_CAPS for w in names)


_NAME_RUN_WORDS = re.compile(r"[A-ZÀ-ÖØ-Þ][\w'’-]*(?:[ \t]+[A-ZÀ-ÖØ-Þ][\w'’-]*){3,39}")


def _paired_names(text: str, cands: _Cands) -> None:
    """An author line with no commas ("Ada Lind  Omar Haddad  Mei Sato") is read two words a person.

    A run of capitalised name words, an even number (four or more) of them, where more pairs open
    with a known given name than close with one (and at least two do). The pairs replace the
    longer person spans the run would otherwise give ("Lind Omar Haddad").
    """
    for run in _NAME_RUN_WORDS.finditer(text):
        words = list(re.finditer(r"\S+", run.group()))
        if len(words) % 2 or not all(
                _name_word(w.group()) and len(w.group()) > 2 and w.group().lower() not in COMMON_CAPS
                and w.group().lower() not in ORG_SUFFIXES and not _ABSTRACT_NOUN.search(w.group())
                for w in words):
            continue
        given = sum(words[k].group().lower() in FIRST_NAMES for k in range(0, len(words), 2))
        family = sum(words[k].group().lower() in FIRST_NAMES for k in range(1, len(words), 2))
        if given < 2 or given <= family:
            continue
        rs, re_ = run.span()
        cands.items = [c for c in cands.items if not (c[2] == "Person" and c[0] < re_ and rs < c[1])]
        for k in range(0, len(words), 2):
            cands.add(rs + words[k].start(), rs + words[k + 1].end(), "Person", "name-pairs", 2)


def _name_lists(text: str, cands: _Cands) -> None:
    """A paragraph that is only a list of names is a list of people (paper and card authors).

    "A. Bell, Carla Drum and Ed Fenn" or "Ines Roe and Kenji Ash, Wrenfield Bio." (the last
    part may be the organisation: it ends with an organisation word).
    """
    _paired_names(text, cands)
    for para in re.finditer(r"[^\n]+(?:\n[^\n]+)*", text):
        body = para.group().strip().lstrip("*_ ").rstrip("*_ .")
        body = re.sub(r"^(?:by|authors?:?)\s+", "", body, flags=re.IGNORECASE)
        if not 5 <= len(body) <= 400 or not re.search(r",|\band\b|&", body):
            continue
        parts = [x for x in _LIST_SPLIT.split(body) if x]
        if parts and len(parts) >= 2 and parts[-1].split()[-1].lower() in ORG_SUFFIXES:
            parts = parts[:-1]
        if not parts or not all(_person_name(x) for x in parts):
            continue
        if len(parts) < 2 and not re.search(r"\band\b", body):
            continue
        base = para.start() + para.group().find(parts[0])
        pos = base
        for x in parts:
            at = text.find(x, pos)
            if at < 0:
                break
            cands.add(at, at + len(x), "Person", "name-list", 2)
            pos = at + len(x)


#: verbs of the stop list that are also surnames ("Theresa May", "Ann Will")
_MODALS = frozenset("may will can might".split())
_PARTICLES = frozenset("van von de da del della der den di du la le dos das bin ibn al el ter".split())


def _name_word(w: str) -> bool:
    """A capitalised name word: "Anaïs", "O'Neill", "Solberg", or an initial "Q."."""
    w = _strip_poss(w)
    if re.fullmatch(r"[A-Z]\.?", w):
        return True
    core = re.sub(r"['’]", "", w)
    return len(core) >= 2 and core.isalpha() and core[0].isupper() and (
        core[1:].islower() or re.fullmatch(r"(?:Mc|Mac|O)[A-Z][a-z]+", core) is not None)


#: "Odile Brannon (Quarrystone Analytics)": a name followed by its organisation in brackets
_PAREN_ORG = re.compile(r"^\s*\((?:the\s+)?[A-Z][\w&.'’ -]*\s(?:" + "|".join(
    re.escape(x) for x in sorted(ORG_SUFFIXES)) + r")\)", re.IGNORECASE)


#: the field's own nouns, no part of a person's name: "CEO Rebuts Model Cloning Claims" in a
#: headline is a title before a verb and nouns, not a title before a name
_NOT_PERSON_WORDS = frozenset(
    "model models llm llms ai chatbot chatbots benchmark benchmarks dataset datasets leaderboard".split())


#: a name in Latin letters in brackets right after the same name in Hangul or Han characters, then a
#: comma or a line end: "<hangul>(KyungTae Lim), Professor at ..." (the romanised form of the person)
_ROMANISED_NAME = re.compile(
    r"(?<=[\u3131-\u318E\uAC00-\uD7A3\u4E00-\u9FFF])\s?\((?P<name>[A-Z][a-z]+(?:[A-Z][a-z]+)?(?:[ -][A-Z][a-z]+"
    r"(?:[A-Z][a-z]+)?){1,2})\)(?=\s*(?:[,:;]|$))", re.MULTILINE)
#: the other order: "Chanwoo Park (<hangul>)"
_NAME_BEFORE_HANGUL = re.compile(
    r"(?<![\w-])(?P<name>[A-Z][a-z]+(?:[A-Z][a-z]+)?(?:[ -][A-Z][a-z]+(?:[A-Z][a-z]+)?){1,2})\s?"
    r"\([\u3131-\u318E\uAC00-\uD7A3\u4E00-\u9FFF]{2,4}\)")


#: a syllable of a romanised Korean or Chinese given name ("Ki-chang", "Soo-yeon", "Kang-min")
_ROMANISED_SYLLABLE = re.compile(r"(?=[a-z]{2,5}$)[bcdghjklmnprstwyz]{0,2}[aeiouy]{1,3}(?:ng|n|m|k|l|p|t|r)?")


#: "Ada Lind of Brume Labs", "Bo Tran from Quarrystone": the organisation a person is presented with
_OF_ORG = re.compile(r"\s+(?:of|from)\s+(?:the\s+)?(?P<org>[A-Z][\w&.’'-]*[\w](?:\s+[A-Z][\w&.’'-]*[\w]){0,3})"
                     r"(?=\s*(?:[,;.)]|and\b|$))")


def _person_of_org(text: str, end: int, se: int, cands: _Cands, gazetteer: Gazetteer) -> None:
    """The capitalised name after "of" or "from" right after a person's name is an organisation
    ("professor Ada Lind of Brume Labs, Bo Tran of Quarrystone"), unless it is a place."""
    m = _OF_ORG.match(text, end, se)
    if m is None:
        return
    org = re.sub(r"['’]s$", "", m.group("org"))
    first = org.split()[0].lower()
    if first in COMMON_CAPS or first in NAME_BLOCK_HEADS or first in _NOT_HEAD or is_non_entity(org) or \
            _descriptor(org.split()[0]) or any(ch.isdigit() for ch in org):
        return
    entry = gazetteer.lookup(org)
    if entry is not None and entry.type != "Organization":
        return
    cands.add(m.start("org"), m.start("org") + len(org), "Organization", "person-of-org", 1,
              entry.label if entry else None)


def _person_candidates(text: str, ss: int, se: int, words: list[tuple[int, int, str]],
                       cands: _Cands, gazetteer: Gazetteer) -> None:
    for m in _ROMANISED_NAME.finditer(text, ss, se):
        hanja = re.search(r"[\u3131-\u318E\uAC00-\uD7A3\u4E00-\u9FFF]{2,4}$", text[max(ss, m.start() - 5):m.start()])
        if hanja is not None and (hanja.start() == 0 or not re.match(
                r"[\u3131-\u318E\uAC00-\uD7A3\u4E00-\u9FFF]", text[max(ss, m.start() - 5) + hanja.start() - 1])):
            cands.add(m.start("name"), m.end("name"), "Person", "romanised-name", 1)
    for m in _NAME_BEFORE_HANGUL.finditer(text, ss, se):
        cands.add(m.start("name"), m.end("name"), "Person", "romanised-name", 1)
    n = len(words)
    i = 0
    while i < n:
        s, e, w = words[i]
        if not _name_word(w) or w.lower() in COMMON_CAPS or w.lower() in NAME_BLOCK_HEADS or \
                w.lower() in _NOT_PERSON_WORDS or w.lower() in TITLE_WORDS or \
                w.endswith("'s") or _strip_poss(w).lower() in ORG_SUFFIXES or \
                text[s - 1:s] == "-" or (w.lower() in _STOP_WORDS and w.lower() not in FIRST_NAMES):
            # (not the word after a hyphen: the "Max" of "Qwen3-Max Leads"; not a headline verb;
            # not a title: "Vice President Eric Boyd" names Eric Boyd)
            i += 1
            continue
        # collect 2-3 capitalised words joined by single spaces or hyphens (Al-Dahle)
        j = i + 1
        while j < n and j < i + 4:
            sep = text[words[j - 1][1]:words[j][0]]
            wj = _strip_poss(words[j][2])
            if sep == " " and re.fullmatch(r"[A-Z]", wj) and text[words[j][1]:words[j][1] + 2] == ". ":
                j += 1  # middle initial: "Albert Q. Jiang"
                continue
            if sep == " " and wj in _PARTICLES and j + 1 < n and \
                    text[words[j][1]:words[j + 1][0]] == " " and _name_word(words[j + 1][2]):
                j += 1  # "Piet van Oosthuizen", "Ana de la Cruz"
                continue
            if sep == "-" and _ROMANISED_SYLLABLE.fullmatch(wj) and \
                    _ROMANISED_SYLLABLE.fullmatch(words[j - 1][2].lower()) and j - i >= 1 and \
                    text[words[j][1]:words[j][1] + 1] != "-":
                j += 1  # "Lee Ki-chang", "Choi Soo-yeon": a romanised given name of two syllables
                break
            if sep not in (" ", "-", ". ") or (sep == ". " and not re.fullmatch(r"[A-Z]", words[j - 1][2])) \
                    or not _name_word(wj):
                break
            if wj.lower() in ORG_SUFFIXES or wj.lower() in COMMON_CAPS or _descriptor(wj) or \
                    wj.lower() in _NOT_PERSON_WORDS or wj.lower() in TITLE_WORDS or \
                    wj.lower() in _STOP_WORDS and wj.lower() not in _MODALS:
                break  # "Jean Zay French HPC": a demonym is no part of a name
            j += 1
            if words[j - 1][2].endswith("'s"):
                break
        if j - i < 2 or (j - i == 2 and text[words[i][1]:words[i + 1][0]] == "-") or \
                words[j - 1][2].lower() in TITLE_WORDS:  # "Research Lead", "Chief Scientist"
            i += 1
            continue
        end = words[j - 1][1] - (2 if words[j - 1][2].endswith("'s") else 0)
        surface = text[s:end]
        entry = gazetteer.lookup(surface)
        if entry is not None:
            cands.add(s, end, entry.type, "gazetteer-key", 3, entry.label)
            i = j
            continue
        before = text[max(ss, s - 40):s]
        after = text[end:min(se, end + 80)]
        first_known = w.lower() in FIRST_NAMES
        byline = bool(re.search(r"(?:^|\n)\s*(?:[Bb]y|[Ww]ritten by|[Aa]uthor:)\s+$", text[max(0, s - 20):s]))
        coordinated = bool(re.search(r"(?:,|\band)\s+$", before) and any(
            c[2] == "Person" and c[1] <= s and s - c[1] <= 40 for c in cands.items)) or bool(
            re.match(r"^(?:,|\s+and)\s+[A-Z][a-z]+\s+[A-Z]", after) and first_known_next(after))
        ctx = bool(byline or coordinated or _PERSON_TITLE_AFTER.match(after) or _PERSON_TITLE_BEFORE.search(before)
                   or _PERSON_SPEECH_AFTER.match(after) or (_PERSON_SPEECH_BEFORE.search(before)
                                                             and not _SOURCE_NOUN_AFTER.match(after))
                   or re.match(r"^,\s+who\b", after) or _PAREN_ORG.match(after))
        if first_known or ctx:
            # a capitalised title just before stays in the mention, not in the name: "said
            # Professor Ada Lind" is Ada Lind, and the speech verb still stands next to her
            t = i
            while t > 0 and t > i - 3 and _name_word(words[t - 1][2]) and words[t - 1][2].lower() in TITLE_WORDS \
                    and text[words[t - 1][1]:words[t][0]] == " ":
                t -= 1  # (a title word, not an abbreviation: "Upstage CEO Ada Lind" reads as before)
            cands.add(words[t][0], end, "Person", "person-shape", 1 if first_known and ctx else 0,
                      _tidy(surface) if t < i else None)
            _person_of_org(text, end, se, cands, gazetteer)
        i = j


#: capitalised words that look like benchmark names in score context but are not
_NOT_BENCH = frozenset(
    """elo sota stem ai llm llms gpu gpus api apis usd eur gbp cpu tpu moe rl sft dpo rlhf nlp ml
    ceo cto vp pr faq us uk eu id ok pdf html json csv url top pass total overall average avg
    mean score scores accuracy tokens parameters percent points""".split()
)


def first_known_next(after: str) -> bool:
    """Whether the next capitalised pair after a comma or "and" starts with a known first name."""
    m = re.match(r"^(?:,|\s+and)\s+([A-Z][a-z]+)\s+[A-Z]", after)
    return bool(m and m.group(1).lower() in FIRST_NAMES)


_LEADING_WORDS = frozenset(
    "on in for at with across and or but the a an of by from to unlike while its our their "
    "this these both all new".split())


def _bench_candidates(text: str, ss: int, se: int, words: list[tuple[int, int, str]],
                      cands: _Cands, gazetteer: Gazetteer) -> None:
    # hyphen/camel names ending in a benchmark suffix: "AgentMaze-Bench", "LongDocQA"
    for m in re.finditer(r"(?<![\w-])[A-Z][A-Za-z0-9]*(?:[- ][A-Z0-9][A-Za-z0-9]*)*?"
                         r"(?:-?(?:Bench|bench|BENCH|Eval|EVAL|QA|Arena))(?:[- ]?(?:Verified|Hard|Pro|Lite|\d+))?(?![\w-])",
                         text[ss:se]):
        s, e = ss + m.start(), ss + m.end()
        # a sentence-initial word is not part of the name: "On LiveCodeBench", "The ToolQA",
        # nor an opener or the lab that hosts it: "Overall RewardBench", "Hugging Face RewardBench"
        name_at = s  # where the name proper starts: an opener stays in the span, not the name
        while " " in text[name_at:e]:
            first = text[name_at:e].split(" ")[0]
            host = next((k for k in (3, 2, 1) if text[name_at:e].count(" ") >= k and (
                g := gazetteer.lookup(" ".join(text[name_at:e].split(" ")[:k]))) is not None
                and g.type == "Organization"), 0)
            if host:
                name_at += len(" ".join(text[name_at:e].split(" ")[:host])) + 1
                s = name_at
            elif first.lower() in _LEADING_WORDS or first.lower() in COMMON_CAPS:
                name_at += len(first) + 1
                s = name_at
            elif first.lower() in _NOT_HEAD:
                name_at += len(first) + 1
            else:
                break
        surface = text[name_at:e]
        entry = gazetteer.lookup(surface)
        if entry is not None:
            cands.add(s, e, entry.type, "gazetteer-key", 3, entry.label)
        elif surface.lower() not in ("qa", "eval", "arena", "bench"):
            cands.add(s, e, "Benchmark", "bench-suffix", 2, surface if name_at > s else None)
    for i, (s, e, w) in enumerate(words):
        wb = _strip_poss(w)
        if not (_is_cap(wb) or re.match(r"^[A-Z0-9][A-Za-z0-9-]*$", wb)):
            continue
        if wb.lower() in COMMON_CAPS or wb.lower() in NAME_BLOCK_HEADS:
            continue
        end = e - (2 if w.endswith("'s") else 0)
        # extend over hyphen joins: "SWE-bench", "MATH-500"
        j = i + 1
        while j < len(words) and text[words[j - 1][1]:words[j][0]] == "-":
            end = words[j][1]
            j += 1
        surface = text[s:end]
        if surface.lower() in _NOT_BENCH:
            continue
        after = text[end:min(se, end + 40)]
        before = text[max(ss, s - 40):s]
        is_bench = bool(_BENCH_CTX_AFTER.match(after))
        if is_bench and not text[ss:s].strip() and re.fullmatch(r"[A-Z][a-z]+", surface) and \
                re.match(r"^[\s-]+[a-z]", after):
            is_bench = False  # "Traditional benchmarks such as MMLU": an adjective opening the sentence
        if is_bench and re.fullmatch(r"[A-Z][a-z]+", surface) and re.match(r"^[\s-]+Benchmarks\b", after):
            is_bench = False  # "... Rival GPT-4 on Key Benchmarks": a title-case headline
        if not is_bench and _SCORE_BEFORE.search(before) and (
                re.match(r"^[A-Z][A-Za-z0-9-]*$", surface) and any(c.isupper() for c in surface[1:])
                or surface.lower().endswith(BENCH_SUFFIXES)):
            is_bench = True
        if not is_bench and _SCORE_AFTER.match(after) and re.match(r"^[A-Z0-9-]{3,}$", surface):
            is_bench = True
        if is_bench:
            entry = gazetteer.lookup(surface)
            if entry is not None:
                cands.add(s, end, entry.type, "gazetteer-key", 3, entry.label)
            else:
                cands.add(s, end, "Benchmark", "bench-context", 1)


def _variant_short_forms(text: str, mentions: list[Mention], gazetteer: Gazetteer,
                         bounds: Sequence[tuple[int, int]]) -> list[Mention]:
    """Add mentions for bare variant names: "Maverick" after "Llama 4 Maverick" or in a Llama 4 text.

    A capitalised word resolves to a full model name of the document that ends with it, or to
    "<family> <word>" when the gazetteer knows that model and the family is in the document, or
    when the word is followed by a model noun ("the Maverick variant") and the document has one
    family.
    """
    # (nor a word of a term that is never an entity: the "NeMo" of "NeMo Aligner")
    taken = _SpanIndex([(m.start, m.end) for m in mentions] + _non_entity_spans(text, _words(text, 0, len(text))))
    full_models: dict[str, list[str]] = {}
    families = []
    for m in mentions:
        if m.type in ("Model", "ModelFamily"):
            parts = re.split(r"[\s_-]+", m.label)
            if len(parts) >= 2:
                tail = parts[-1]
                if not any(ch.isdigit() for ch in tail) and _is_cap(tail) or _LETTER_VERSION.match(tail):
                    full_models.setdefault(tail, [])
                    if m.label not in full_models[tail]:
                        full_models[tail].append(m.label)
            if gazetteer.lookup(m.label) and gazetteer.lookup(m.label).type == "ModelFamily":  # type: ignore[union-attr]
                families.append(m.label)
    fam_counts = Counter(families)
    mention_count = Counter(m.label for m in mentions)
    out = list(mentions)
    for s, e, w in _words(text, 0, len(text)):
        wb = _strip_poss(w)
        end = e - (len(w) - len(wb))
        if taken.overlaps(s, end):
            continue
        if text[end:end + 1] == "-" and text[end + 1:end + 2].isalpha() or text[s - 1:s] == "-":
            continue  # "Vision-Language Alignment": a word of a hyphenated compound names no variant
        label: str | None = None
        rule = "short-form"
        # "variants such as Instruct": a kind of build is not the short name of one model of the
        # text; it is only a gazetteer model of the document's family ("the Mini version")
        generic = wb.lower() in GENERIC_VARIANT_WORDS or wb.lower() in _FORMAT_WORDS or is_non_entity(wb)
        # ("Python" of "Code Llama - Python" is the language where it stands alone)
        if not generic and wb in full_models and len(full_models[wb]) == 1 and \
                wb.lower() not in COMMON_CAPS:
            label = full_models[wb][0]
        elif not generic and wb in full_models and wb.lower() not in COMMON_CAPS:
            # "Kestrel 3.5 Mini" and "Kestrel 3 Mini": "Mini" is the one the text is about,
            # the name it repeats most; a tie stays unresolved
            ranked = sorted(full_models[wb], key=lambda lab: -mention_count[lab])
            if mention_count[ranked[0]] > mention_count[ranked[1]]:
                label = ranked[0]
        elif _is_cap(wb) and wb.lower() not in COMMON_CAPS and wb.lower() not in ORG_SUFFIXES:
            for fam in fam_counts:
                entry = gazetteer.lookup(f"{fam} {wb}")
                if entry is not None and entry.type == "Model":
                    label = entry.label
                    rule = "family-variant"
                    break
            if label is None and len(fam_counts) == 1 and re.match(
                    r"^\s+(?:variant|model|version|checkpoint)\b", text[end:end + 20]) and \
                    re.search(r"\bthe\s+$", text[max(0, s - 6):s]):
                fam = next(iter(fam_counts))
                label = f"{fam} {wb}"
                rule = "family-variant-context"
        if label is not None:
            out.append(Mention(s, end, text[s:end], "Model", label, rule,
                               sent=_sentence_of(bounds, s)))
            taken.add(s, end)
    return sorted(out, key=lambda m: m.start)


#: name parts that make a derivative of the model named before them, not a family member
_DERIVATIVE_WORDS = frozenset(
    "distill distilled gguf awq gptq exl2 mlx fp8 fp16 bf16 int4 int8 lora qlora adapter merge "
    "abliterated uncensored quantized".split())


def _mark_families(text: str, mentions: list[Mention], gazetteer: Gazetteer) -> list[Mention]:
    """Mark model mentions that name a family (by gazetteer, by a family noun, or as a prefix)."""
    model_labels = {m.label for m in mentions if m.type in ("Model", "ModelFamily")}
    split = {lab: re.split(r"[\s_-]+", lab.lower()) for lab in model_labels}
    # the word sequences that start a longer label and are followed there by a word that is not
    # a derivative's ("Sedge-R1" is not a family for "Sedge-R1-Distill-8B": a derivative, not a
    # member); a set, not a comparison of every pair of labels (quadratic on long documents)
    heads = {tuple(pb[:k]) for pb in split.values() for k in range(len(pb))
             if pb[k] not in _DERIVATIVE_WORDS}
    prefix_of = {a for a, pa in split.items() if tuple(pa) in heads}
    noun_family: set[str] = {m.label for m in mentions if m.rule == "family-noun"}
    for m in mentions:
        if m.type in ("Model", "ModelFamily"):
            after = re.match(r"^[\s-]+(?:model\s+)?(\w+)", text[m.end:m.end + 30])
            if after and after.group(1).lower() in FAMILY_NOUNS - {"models"}:
                noun_family.add(m.label)  # "the Sarnet family", "Nemotron-4 340B model family"
    out = []
    for m in mentions:
        if m.type in ("Model", "ModelFamily"):
            entry = gazetteer.lookup(m.label)
            sized = any(_SIZE.match(p) for p in re.split(r"[\s_-]+", m.label))
            fam = (entry is not None and entry.type == "ModelFamily") or (
                m.label in prefix_of and not sized) or m.label in noun_family
            if entry is not None and entry.type == "Model":
                fam = m.label in noun_family
            extra = {**m.extra, "family_noun": "1"} if m.label in noun_family else m.extra
            out.append(replace(m, type="ModelFamily" if fam else "Model", family=fam, extra=extra))
        else:
            out.append(m)
    return out
