"""Tables: the :class:`~ingest.records.Table` records normalisation read (Markdown pipes, HTML
``<table>``, whitespace-aligned columns; also what the HTML and PDF loaders rebuild).

Layouts read:

- **one benchmark per row**, models as columns (``| Benchmark | Brisa-3 | Corra-2 |``). Header
  notes such as "(base)" or "(Instruct)" are resolved to the variant they name, a size note
  ("Corra 2 (27B)") to the size variant; a short column name ("8x7B", "14B") is the model of
  the text whose name ends with it, when exactly one does (else the column is left out: a
  missing result is better than a wrong one); a column of "base" / "Instruct" values picks, row
  by row, the base or the tuned model of each column.
- **one model per row** (``| Model | Developer | Params | Context | MMLU |``), leaderboards
  included (``| Rank | Model | Arena Elo | 95% CI | Votes | Organization | License |``):
  benchmark columns give results (a metric after the benchmark's name, "AIME 2024 pass@1",
  "MT-Bench / Avg. Score", is the result's metric); a developer or organisation column gives
  ``developedBy``, a parameters column ``totalParameters`` (and "146B total, 41B active" also
  ``activeParameters``), a context column ``contextWindowTokens``, a base-model column the
  lineage edge (its predicate from a type column: merge, quantization, distillation, adapter,
  further pre-training, else fine-tuning). Rows that are not models ("Human experts", "Random")
  are skipped; a row named by a repository id ("org/Name-7B") is the model "Name-7B".
- **facts of one model**, as key-value rows (``| Developed by | Quillfeather Labs |``) or as a
  header of keys over one row of values (``| Parameters | Layers | Sequence Length |``): the
  same properties, for the document's own model.

Never results: rank, vote, confidence-interval, licence, date, size, throughput, latency,
runtime and tokens-per-second columns; "Average" / "Overall" columns and rows, except where the
table's heading or introduction says whose scores they are ("Open LLM Leaderboard results",
"performs well on the X benchmark suite"): then the average is the result on that suite.

Every fact found in a table has the table row as its evidence (rule ``table-row``).
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from kg.terms import name_key

from .collect import Collector, evidence_for
from .components import table_roles
from .components.entities import Mention
from .components.relations import name_sizes, parse_number
from .gazetteer import Gazetteer
from .lexicon import read_sections
from .normalise import read_tables
from .records import Attribute, EntityRef, Evidence, LinkHint, Result, Table, TableCell

__all__ = ["main_model", "table_abbreviations", "tables"]


def _title_name(title: str) -> str:
    """A title as it may name a model: "" for a section heading ("Introduction"), without a
    heading word ending it ("Foo-2 GGUF Quantizations" is "Foo-2 GGUF").

    >>> _title_name("Introduction"), _title_name("Foo-2 GGUF Quantizations"), _title_name("Foo-2 Weights")
    ('', 'Foo-2 GGUF', 'Foo-2')
    >>> _title_name("Quantizations"), _title_name("Foo-2 Instruct")
    ('', 'Foo-2 Instruct')
    """
    title = title.strip().lstrip("#").strip()
    if name_key(title) in _SECTION_HEADINGS:
        return ""
    head, _sep, last = title.rpartition(" ")
    if head.strip() and name_key(last) in _TITLE_TAILS:
        return head.strip()
    return title


_HEADINGS_FILE = read_sections(Path(__file__).parent / "patterns" / "section_headings.txt")
_SECTION_HEADINGS = frozenset(name_key(t) for t in _HEADINGS_FILE.get("section", ()))
_TITLE_TAILS = frozenset(name_key(t) for t in _HEADINGS_FILE.get("tail", ()))


def main_model(col: Collector, mentions: list[Mention], gaz: Gazetteer) -> Mention | None:
    """The model the document is about: the one its title names, a card's title, else the first."""
    title = _title_name(col.document.title)
    at = col.text.find(title) if title else -1
    for m in mentions:
        if m.type in ("Model", "ModelFamily") and m.start < len(col.text) and (
                name_key(m.label) == name_key(title) or 0 <= at <= m.start < at + len(title)):
            rest = title[m.end - at:] if at >= 0 and m.start == at else ""
            if not (rest.strip() and _is_bare(rest)):
                return m
            # "Corra 2" found in a document titled "Corra 2 9B": its model is the title's
            return Mention(at, at + len(title), title, "Model", title, "title")
    card = col.document.doc_type == "ModelCard"
    indexed = _model_index_name(col, mentions) if card else None
    if indexed is not None:
        return indexed
    heading = next((m for m in mentions if m.type in ("Model", "ModelFamily") and at < 0 and re.fullmatch(
        r"\s*", col.text[col.text.rfind("\n", 0, m.start) + 1:m.start] + col.text[m.end:(
            col.text.find("\n", m.end) + 1 or len(col.text) + 1) - 1])), None)
    if heading is not None:
        return heading  # a title not in the text ("UPD: ... succeeded by X"): the card's heading
    if title and card and len(title) < 80 and _NAME_LIKE.match(title):
        entry = gaz.lookup(title)
        label = entry.label if entry else re.sub(r"^.*/", "", title)
        pos = max(0, col.text.find(title))
        return Mention(pos, pos + len(title), title, "Model", label, "card-title")
    models = [m for m in mentions if m.type == "Model"]
    if card:  # a card's heading: the first model named on a line of its own
        for m in models:
            line_start = col.text.rfind("\n", 0, m.start) + 1
            line_end = col.text.find("\n", m.end)
            if not col.text[line_start:m.start].strip() and \
                    not col.text[m.end:line_end if line_end >= 0 else len(col.text)].strip():
                return m
    return models[0] if models else None


#: a title that can be a model's name (not "update: added a license", not a sentence)
_NAME_LIKE = re.compile(r"^(?!.*(?:\*\*|<|\b(?:is|are|was|by|this|the|to|for|and|with|of)\b))"
                        r"(?!\w+:\s)[^\n]{1,80}$", re.IGNORECASE)


def _model_index_name(col: Collector, mentions: list[Mention]) -> Mention | None:
    """The model a card's ``model-index`` front matter names first (Hugging Face's results
    metadata names the card's own model): the text's mention of it, else a mention at its first
    occurrence (or at the start: the front matter is not in the text)."""
    front = col.document.metadata.get("front_matter")
    index = front.get("model-index") if isinstance(front, dict) else None
    first = index[0] if isinstance(index, list) and index else None
    name = first.get("name") if isinstance(first, dict) else None
    if not isinstance(name, str) or not name.strip():
        return None
    short = name.strip().split("/")[-1]
    key = name_key(short)
    found = next((m for m in mentions if m.type in ("Model", "ModelFamily") and name_key(m.label) == key),
                 None)
    if found is not None or not re.search(r"[^\W\d_]{2,}", short) or len(short) > 80:
        return found
    return _mention_at(col.text, short, 0, "Model", short, "front-matter") if short in col.text else \
        Mention(0, 0, short, "Model", short, "front-matter")


_GENERIC_HEADERS = re.compile(r"^(?:score|scores|result|results|value|values|accuracy|acc|performance|"
                              r"metric|ours|this model|pass@1|%)$", re.IGNORECASE)
_BENCH_HEADERS = re.compile(r"^(?:benchmark|benchmarks|task|tasks|dataset|datasets|eval|evaluation|"
                            r"evals|test|category|metric|metrics)$", re.IGNORECASE)
_MODEL_HEADERS = re.compile(r"^(?:model|models|model name|name|system|checkpoint|llm|llms)$", re.IGNORECASE)
#: columns of a benchmark-per-row table that hold no model
_NOTE_HEADERS = re.compile(r"\b(?:metric|shots?|n-shot|notes?|type|setting|settings|mode|prompt|"
                           r"unit|units|version|filter|stderr|source)\b", re.IGNORECASE)
#: row or column labels that name no model: references, baselines, differences
_NOT_MODEL = re.compile(
    r"^(?:humans?|human\s+(?:experts?|baseline|performance|annotators?|average)|experts?|annotators?|"
    r"crowd\s*workers?|random(?:\s+(?:baseline|guess|chance))?|chance|majority(?:\s+class)?|"
    r"baseline|oracle|average|avg\.?|mean|overall|total|Δ|delta|diff(?:erence)?|change|gain|"
    r"improvement|\+/-|±|ppl|perplexity|kld|kl[\s-]+divergence|bpb|bpw|loss)$", re.IGNORECASE)
#: labels of an average over the table's benchmarks
_AVERAGE = re.compile(r"^(?:average|avg\.?|mean|overall(?:\s+(?:score|acc(?:uracy)?\.?|avg\.?|average))?|"
                      r"total(?:\s+score)?|"
                      r"(?:macro|micro|weighted)[\s-]+(?:average|avg\.?)|avg\.?\s+score|average\s+score)$",
                      re.IGNORECASE)
#: row labels of a benchmark-per-row table that are no benchmark
_NOT_BENCH = re.compile(r"^(?:rank|ranking|#|no\.?|position|params?|parameters|size|license|"
                        r"licen[cs]e|date|release(?:\s+date)?)$", re.IGNORECASE)
#: a category of tasks heading a column or a group of rows ("Multilingual", "Reasoning", "Coding"):
#: a score there is an aggregate of benchmarks the label does not name, no benchmark's ("MATH",
#: upper case, is one)
_CATEGORY = re.compile(
    r"^(?:(?i:multilingual|multi-lingual|reasoning|coding|code|knowledge|academic|general|chat|safety|writing|"
    r"role-?play|extraction|stem|humanities|social\s+sciences?|instruction[\s-]following|long[\s-]context|"
    r"agentic|agents?|tool\s+use|function\s+calling|vision|multimodal|understanding|commonsense|"
    r"comprehension|language|translation)|Math|math|Mathematics|mathematics)$")
#: the words a category of tasks is made of: a label of only these ("Common-sense Reasoning",
#: "Math & Code", "Reading comprehension", "World Knowledge") names a group, not one benchmark
_CATEGORY_WORDS = frozenset(
    "multilingual reasoning coding code knowledge academic general chat safety writing roleplay "
    "role play extraction stem humanities social science sciences instruction following long context "
    "agentic agent agents tool tools use function calling vision multimodal understanding commonsense "
    "common sense comprehension reading language languages translation math maths mathematics "
    "mathematical world symbolic problem solving examination exam exams english chinese arithmetic "
    "logic logical programming question answering qa factuality factual domain specific".split())


def _category(name: str) -> bool:
    """Whether a label names a category of tasks rather than one benchmark ("Reasoning",
    "Common-sense Reasoning", "Math & Code"; not "MATH", which is a benchmark).

    >>> _category("Common-sense Reasoning"), _category("Math & Code"), _category("MATH"), _category("MMLU")
    (True, True, False, False)
    >>> _category("Examination"), _category("Math")
    (True, True)
    """
    if _CATEGORY.match(name):
        return True
    words = [w for w in re.split(r"[\s\-&/,+]+|\band\b", name.lower()) if w]
    if len(words) == 1:  # "Examination", "English"; "Math" only as _CATEGORY says ("MATH" is a benchmark)
        return words[0] in _CATEGORY_WORDS and words[0] not in ("math", "maths", "mathematics")
    return bool(words) and all(w in _CATEGORY_WORDS for w in words)
#: a metric written after a benchmark's name: "AIME 2024 pass@1", "MTBench First Turn",
#: "Arena Elo Rating", "HumanEval (0-shot)"
_METRIC_SUFFIX = re.compile(
    r"[\s_-]+(?P<m>pass@\d+|cons@\d+|maj@\d+|avg\.?|average|mean|first[\s-]+turn|second[\s-]+turn|"
    r"turn[\s-]*\d|(?:lc[\s-]+)?win[\s-]*rate|elo(?:[\s-]+rating)?|rating|score|acc(?:uracy)?|"
    r"acc_norm|em|exact[\s-]+match|f1|\d+-shots?(?:@\d+)?|zero-shot|few-shot|cot)$", re.IGNORECASE)
#: a metric alone (the lower row of a grouped header: "MT-Bench / Avg. Score")
_METRIC_ONLY = re.compile(
    r"^(?:avg\.?(?:\s+score)?|average(?:\s+score)?|mean|score|scores|rating|elo|elo\s+rating|"
    r"(?:lc\s+)?win\s*rate|length[\s-]+controlled\s+win\s*rate|acc(?:uracy)?|acc_norm|em|f1|"
    r"pass@\d+|cons@\d+|maj@\d+|\d+-shots?(?:@\d+)?|zero-shot|few-shot|%|first\s+turn|second\s+turn|"
    r"turn\s*\d|exact\s+match|rate|(?:macro|micro)[\s-]f1|rouge(?:-?[12l])?|bleu|chrf|"
    r"(?:f1|em|bleu|rouge(?:-?[12l])?|pass@\d+)\s+(?:score|\(%\))|normali[sz]ed\s+accuracy|"
    r"accuracy\s+\(%\)|score\s+\(%\))$", re.IGNORECASE)
_NUM_CELL = re.compile(r"^\**(?P<n>\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?)\s*%?\**"
                       r"(?:\s*(?:±|\+/-)\s*\d+(?:\.\d+)?)?"
                       r"(?:\s*\(\s*(?:±|\+/-|\+)\s*\d+(?:\.\d+)?(?:\s*/\s*-\s*\d+(?:\.\d+)?)?\s*\))?"
                       r"\s*(?P<mark>[†‡§¶*]+)?$")
#: problems solved out of a set, "11/40" (math competitions): the score is the count solved
_FRACTION_CELL = re.compile(r"^\**(?P<n>\d{1,4})\s*/\s*(?P<of>\d{1,4})\**\s*(?P<mark>[†‡§¶*]+)?$")
_EMPTY = re.compile(r"^(?:|[-–—]+|n/?a|none|unknown|not\s+(?:disclosed|reported|public|available)|"
                    r"undisclosed|\?+)$", re.IGNORECASE)

_DEVELOPER = re.compile(r"^(?:developers?|developed\s+by|organi[sz]ations?|org|labs?|company|"
                        r"companies|vendors?|providers?|creators?|created\s+by|makers?|publishers?|"
                        r"released\s+by|trained\s+by|from)$", re.IGNORECASE)
_ACTIVE = re.compile(r"^#\s*AP$|^(?:#\s*)?\(?(?:active|activated|act\.?)\)?(?:\s*(?:params?|parameters))?"
                     r"(?:\s+per\s+token)?$", re.IGNORECASE)
_PARAMS = re.compile(r"^#\s*TP$|^(?:#\s*|no\.?\s+of\s+|number\s+of\s+)?(?:total\s+)?(?:params?|parameters|"
                     r"parameter\s+count|model\s+size|size|size\s+of\s+(?:the\s+)?param(?:eter)?s|"
                     r"param(?:eter)?s?\s+size)$", re.IGNORECASE)
_CONTEXT = re.compile(r"^(?:max(?:imum)?\.?\s+)?(?:context(?:\s+(?:length|window|size|tokens))?|"
                      r"context\s+window\s+size|(?:input\s+)?sequence\s+length|seq\.?\s+len(?:gth)?)$|"
                      # "Max. length" of a model table; config keys written as headers
                      r"^max(?:imum)?\.?\s+(?:length|position\s+embeddings)$|"
                      r"^(?:n_ctx|n_positions|max_position_embeddings|max_seq(?:uence)?_len(?:gth)?|context_length)$",
                      re.IGNORECASE)
_BASE_COLUMN = re.compile(r"^(?:base(?:\s+model)?|base\s+checkpoint|parent(?:\s+model)?|"
                          r"(?:fine-?tuned|finetuned|trained|built|initiali[sz]ed)\s+from(?:\s+model)?|"
                          r"original(?:\s+model)?|teacher(?:\s+model)?|distilled\s+from)$", re.IGNORECASE)
_TYPE_COLUMN = re.compile(r"^(?:model\s+)?(?:type|kind|method|recipe)$", re.IGNORECASE)
#: a column of prose describing each row's model ("a chat assistant fine-tuned from X by Y")
_DESCRIPTION_COLUMN = re.compile(r"^(?:(?:model\s+)?descriptions?|about|summary|details|notes?|remarks?|"
                                 r"comments?)$", re.IGNORECASE)
#: a header unit note: "Params (B)", "Context (K tokens)"
_HEADER_UNIT = re.compile(r"\s*[(\[]\s*(?P<u>[BMKT]|billions?|millions?|thousands?|bn|mn)"
                          r"(?:\s+tokens)?\s*[)\]]\s*$", re.IGNORECASE)
_AMOUNT = re.compile(r"(?P<num>\d+(?:,\d{3})*(?:\.\d+)?)\s*-?(?P<unit>trillion|billion|million|"
                     r"thousand|bn|mn|[TBMK](?![A-Za-z]))?(?:\s*(?:params?|parameters))?"
                     r"(?:\s*(?P<kind>total|active|activated))?", re.IGNORECASE)
_SIZE_TOKEN = re.compile(r"^(?:\d+(?:\.\d+)?x)?\d+(?:\.\d+)?[bmkt]?$|^a\d+(?:\.\d+)?b$", re.IGNORECASE)
_SIZE_NOTE = re.compile(r"^(?:\d+(?:\.\d+)?x)?\d+(?:\.\d+)?\s?[BMT]$", re.IGNORECASE)
_VARIANT_WORDS = {"base", "instruct", "chat", "it", "sft", "dpo", "rl", "rlhf", "pretrained",
                  "pre-trained", "tuned", "fp8", "int4", "int8", "awq", "gptq", "gguf", "thinking",
                  "reasoning", "preview"}
_BASE_WORDS = {"base", "pretrained", "pre-trained", "foundation", "pt"}
_TUNED_WORDS = {"instruct", "chat", "it", "sft", "rlhf", "dpo", "tuned", "instruction-tuned",
                "instruction tuned", "aligned", "post-trained"}
_TUNED_SUFFIXES = ("instruct", "chat", "it")
#: a table that measures speed or resources, not quality: none of its numbers is a result
_RUNTIME = re.compile(r"tokens?\s*/\s*s(?:ec(?:ond)?)?\b|\btok/s\b|tokens?\s+per\s+second|throughput|\btps\b|"
                      r"requests?\s*(?:/|per)\s*s(?:ec(?:ond)?)?\b|"
                      r"latency|\bttft\b|batch\s+size|\bruntime\b|\bspeed\b|memory|\bvram\b|\bram\b|"
                      r"\bGB\b|prompt\s+length|generation\s+length|number\s+of\s+prompts", re.IGNORECASE)
#: words after a benchmark mention that make it a suite or leaderboard ("the Nous benchmark suite")
_SUITE_WORDS = re.compile(r"\b(?:leaderboard|suite|arena|benchmarks?|evaluation\s+harness)\b", re.IGNORECASE)
#: words that say the table's numbers are results on something ("results", "performs ... on")
_RESULTS_CUE = re.compile(r"\b(?:results?|scores?|scored|evaluations?|evaluated|tested|performs?|performance|"
                          r"submitted|ranks?|ranked|ranking)\b", re.IGNORECASE)


def _sub_header(record: Table) -> tuple[Table, list[str] | None]:
    """A pipe table's second header row, written as its first body row (Markdown has one header
    line): a row with no label whose cells hold no score ("| | Flash | Pro | 2B | 9B |" under
    "| | Foo 1.5 | | Bar 2 | |", or "| | 5-shot | 0-shot |" under benchmark names). The row moves
    into the header; a group label is carried over the empty cells after it, and each column is
    named "Group Sub" ("Bar 2 9B", "MMLU 5-shot"). ``(record, None)`` when there is no such row.
    """
    if len(record.header) != 1 or len(record.body) < 2 or record.width < 3:
        return record, None
    sub = record.body[0].texts
    filled = [c for c in sub[1:] if _clean(c) and not _EMPTY.match(_clean(c))]
    if _clean(sub[0]) or len(filled) < 2 or any(_NUM_CELL.match(_clean(c)) for c in filled) or \
            not any(_NUM_CELL.match(_clean(c)) for c in record.body[1].texts[1:]):
        return record, None
    lows = [_clean(c).lower() for c in filled]
    if len(set(lows)) < len(lows) and not all(_METRIC_ONLY.match(c) for c in lows):
        return record, None  # "func | param | value" under each model: metrics of one score each
    top = [c.text for c in record.header[0].cells]
    header: list[str] = []
    group = ""
    for i in range(record.width):
        label = _clean(top[i]) if i < len(top) else ""
        if label and i > 0:
            group = label
        elif i > 0 and group and i < len(sub) and _clean(sub[i]):
            label = group  # the group's label spans its empty cells
        low = _clean(sub[i]) if i < len(sub) and not _EMPTY.match(_clean(sub[i])) else ""
        header.append(f"{label} {low}".strip() if low and low != label else label)
    moved = Table(record.header + record.body[:1], record.body[1:], record.start, record.end, record.layout)
    return moved, header


def _without_section_rows(record: Table) -> Table:
    """The table without its section rows: a row that spans the table with one label repeated in
    every cell ("| Base Model | Base Model | Base Model |", an HTML ``colspan`` flattened) heads the
    rows below it and names no model or benchmark of its own."""
    kept = [r for r in record.body if len(r.texts) < 2 or len({_clean(c) for c in r.texts}) > 1
            or _NUM_CELL.match(_clean(r.texts[0]))]
    if len(kept) == len(record.body) or not kept:
        return record
    return Table(record.header, tuple(kept), record.start, record.end, record.layout)


@dataclass(frozen=True)
class _Table:
    """One table as this module reads it: its column labels, its body rows' cell texts, and the
    spans of its lines in the text (header line first, when it has one)."""

    record: Table
    header: list[str]
    rows: list[list[str]]
    spans: list[tuple[int, int]]

    @classmethod
    def of(cls, record: Table) -> _Table:
        record = _without_section_rows(record)
        record, header = _sub_header(record)
        if header is not None:
            spans = [(record.header[0].start, record.header[0].end)] + [(r.start, r.end) for r in record.body]
            return cls(record, header, [list(r.texts) for r in record.body], spans)
        header = [record.column_label(i) for i in range(record.width)]
        spans = ([(record.header[0].start, record.header[0].end)] if record.header else [])
        spans += [(r.start, r.end) for r in record.body]
        return cls(record, header, [list(r.texts) for r in record.body], spans)

    @property
    def start(self) -> int:
        """Where the table starts in the text."""
        return self.spans[0][0]

    @property
    def end(self) -> int:
        """Where the table ends in the text."""
        return self.spans[-1][1]

    @property
    def body(self) -> list[tuple[int, int]]:
        """The spans of the body rows."""
        return [(r.start, r.end) for r in self.record.body]

    def group(self, i: int) -> tuple[str, str]:
        """Column ``i``'s top and bottom header labels (equal for a one-row header)."""
        labels = [r.cells[i].text for r in self.record.header if i < len(r.cells) and r.cells[i].text]
        return (labels[0], labels[-1]) if labels else ("", "")


@dataclass(frozen=True)
class _Names:
    """What the tables of one document resolve names against."""

    models: dict[str, Mention]
    orgs: dict[str, Mention]
    mentions: list[Mention]
    main: Mention | None
    table_ends: tuple[int, ...] = ()
    details: tuple[LinkHint, ...] = ()  # links to a leaderboard's details of one model's results


def table_abbreviations(mentions: list[Mention], records: Sequence[Table]) -> list[Mention]:
    """The mentions with a table's shortened model name read as the model of the text it
    shortens: a column "Foo-3-Mini-Ins" in a card about "Foo-3-Mini-Instruct" is that model
    (its label becomes the full name; the short form stays its surface text, an alias)."""
    spans = [(r.start, r.end) for r in records]
    if not spans:
        return mentions
    models = [m for m in mentions if m.type == "Model"]
    by_key = {name_key(m.label): m for m in mentions if m.type in ("Model", "ModelFamily")}
    cells = [c for r in records for row in (*r.header, *r.body) for c in row.cells if c.end > c.start]
    out = []
    for m in mentions:
        if m.type in ("Model", "ModelFamily") and any(s <= m.start < e for s, e in spans):
            released = _released_cell(m, cells)
            if released is not None:  # "| GPT-4o (11-20) |": the release the cell names, not GPT-4o
                out.append(released)
                continue
        if m.type == "Model" and any(s <= m.start < e for s, e in spans):
            full = _abbreviated(m.label, models) or _size_noted(m.text, by_key)
            if full is not None:
                m = Mention(m.start, m.end, m.text, full.type, full.label, m.rule, full.family, m.sent,
                            m.extra)
        out.append(m)
    return out


def _released_cell(m: Mention, cells: Sequence[TableCell]) -> Mention | None:
    """The mention of a table cell that names a model's release by a note after it ("GPT-4o
    (11-20)"), as that release: the whole cell its text and label."""
    for c in cells:
        if c.start <= m.start and m.end <= c.end:
            name = _clean(c.text)
            note = _QUALIFIER.search(name)
            if note is None or not _RELEASE_NOTE.fullmatch(note.group(1).strip()) or \
                    name_key(name[:note.start()]) != name_key(m.text):
                return None
            if not name.startswith(m.text):
                return None
            return Mention(m.start, m.start + len(name), name, "Model", _strip_qualifier(name), m.rule, None,
                           m.sent, m.extra)
    return None


def tables(col: Collector, mentions: list[Mention], gaz: Gazetteer,
           records: Sequence[Table] | None = None, hints: Sequence[LinkHint] = ()) -> None:
    """Read every table of the document into ``col`` (results, attributes, developers, lineage).

    ``records`` are the tables normalisation read (:class:`~ingest.records.Table`, their spans
    indexing ``col.text``); by default they are read from ``col.text``.
    """
    models = {name_key(m.label): m for m in mentions if m.type in ("Model", "ModelFamily")}
    orgs: dict[str, Mention] = {}
    for m in mentions:
        if m.type == "Organization":
            orgs.setdefault(name_key(m.label), m)
            orgs.setdefault(name_key(m.text), m)
    records = read_tables(col.text) if records is None else records
    names = _Names(models, orgs, sorted(mentions, key=lambda m: m.start),
                   main_model(col, mentions, gaz), tuple(r.end for r in records),
                   tuple(h for h in hints if _DETAILS_OF.search(h.url)))
    for record in records:
        if not record.body or record.width < 2:
            continue
        table = _Table.of(record)
        _hardware_column(col, gaz, table, names)
        if _facts_table(col, gaz, table, names) or _facts_header_table(col, gaz, table, names):
            continue
        if _runtime_table(table) or _quant_table(table):
            continue
        if _spec_columns_table(col, gaz, table, names):
            _bench_rows_table(col, gaz, table, names)  # its benchmark rows, if any ("| MMLU | 66.0 |")
            continue
        if _models_in_rows(table, gaz, names):
            _model_rows_table(col, gaz, table, names)
        else:
            _bench_rows_table(col, gaz, table, names)
    _flat_tables(col, gaz, names, records)
    _keyed_rows(col, gaz, names, records)
    _model_index(col, gaz, names)


def _model_index(col: Collector, gaz: Gazetteer, names: _Names) -> None:
    """A model card's ``model-index`` front matter (Hugging Face's results metadata): each
    entry's model (its ``name``, else the card's model) scores each metric ``value`` on the
    ``dataset`` named. The front matter is not in the text: the evidence is empty (rule
    ``front-matter:model-index``); a table row giving the same result keeps its row instead."""
    front = col.document.metadata.get("front_matter")
    index = front.get("model-index") if isinstance(front, dict) else None
    if not isinstance(index, list):
        return
    ev = evidence_for(col.text, 0, 0, rule="front-matter:model-index", confidence=0.9)
    for entry in index[:50]:
        if not isinstance(entry, dict) or not isinstance(entry.get("results"), list):
            continue
        name = entry.get("name")
        model = (_resolve_model(col, gaz, name, names, 0, "front-matter") if isinstance(name, str)
                 else None) or names.main
        if model is None or model.type not in ("Model", "ModelFamily"):
            continue
        for res in entry["results"][:500]:
            dataset = res.get("dataset") if isinstance(res, dict) else None
            metrics = res.get("metrics") if isinstance(res, dict) else None
            if not isinstance(dataset, dict) or not isinstance(metrics, list):
                continue
            label = dataset.get("name") or dataset.get("type")
            if not isinstance(label, str):
                continue
            bench, _metric = _benchmark(col, gaz, names, label, 0, "front-matter")
            for metric in metrics[:20]:
                value = metric.get("value") if isinstance(metric, dict) else None
                if isinstance(value, bool) or not isinstance(value, int | float | str):
                    continue
                kind = metric.get("name") or metric.get("type")
                # a metric named by a benchmark ("ARC (25-shot)") under a dataset that is the
                # training set ("acme/chat-mix"): the metric's benchmark
                own = _named_benchmark(col, gaz, names, kind) if isinstance(kind, str) else None
                if (own or bench) is not None:
                    _cell_result(col, model, own or bench, str(value), ev, str(kind) if kind else None, {})


def _named_benchmark(col: Collector, gaz: Gazetteer, names: _Names, label: str) -> Mention | None:
    """The benchmark a metric's name is, when the gazetteer knows it as one ("MMLU (5-shot)")."""
    entry = gaz.lookup(_bench_name(label)[0])
    if entry is None or entry.type != "Benchmark":
        return None
    return _benchmark(col, gaz, names, label, 0, "front-matter")[0]


_HARDWARE_COLUMN = re.compile(r"^(?:gpus?|hardware|devices?|accelerators?|chips?|gpu\s+type|"
                              r"hardware\s+used)$", re.IGNORECASE)


def _hardware_column(col: Collector, gaz: Gazetteer, table: _Table, names: _Names) -> None:
    """A hardware column ("| Inference Tool | Hardware | tokens/sec |" in a model's card, "| Model
    | GPU | ... |") says the model ran on that hardware: the row's model, or the document's when the
    table names none. Only chips the text names as hardware count."""
    cols = [i for i, h in enumerate(table.header) if _HARDWARE_COLUMN.match(_clean(h))]
    if not cols:
        return
    first = _model_column(table)
    name_col = first if _MODEL_HEADERS.match(_clean(table.header[first])) else None
    for line, record in zip(table.body, table.record.body, strict=True):
        if name_col is not None:
            cell = record.cells[name_col] if name_col < len(record.cells) else None
            model = _resolve_model(col, gaz, cell.text, names, line[0], "table-row") if cell else None
        else:
            model = names.main
        if model is None or model.type not in ("Model", "ModelFamily"):
            continue
        for i in cols:
            if i >= len(record.cells):
                continue
            cell = record.cells[i]
            for m in names.mentions:
                if m.type == "Hardware" and cell.start <= m.start < cell.end:
                    col.relation(col.entity(model), "fitsOn", col.entity(m), _row_evidence(col, line))


#: a quantization format or a weights file ("Q4_K_M", "IQ3_XS", "BF16", "foo-7b.Q4_K_M.gguf")
_QUANT_LABEL = re.compile(r"(?i)^(?:i?q\d(?:_[a-z0-9]+)*|f16|f32|fp16|fp32|bf16|fp8|fp4|int[248]|nf4|"
                          r"w\d+a\d+|awq|gptq|exl2|\d+(?:\.\d+)?\s*bpw)$|\.(?:gguf|ggml|bin|safetensors|pth?|onnx)$")
_QUANT_HEADER = re.compile(r"(?i)^(?:quant(?:i[sz]ation)?(?:\s+(?:method|type|format|level))?|quants?|"
                           r"precision|bits|dtype|data\s+type|file(?:\s+name)?|filename)$")


def _quant_table(table: _Table) -> bool:
    """Whether a table compares quantizations of one model ("| Quant | Size (GB) | PPL | KLD |",
    "| Name | Quant method | Bits | Size |" over weights files): none of its numbers is a result."""
    if _QUANT_HEADER.match(_clean(table.header[0])):
        return True
    labels = [_clean(r[0]) for r in table.rows if r and _clean(r[0])]
    return bool(labels) and sum(bool(_QUANT_LABEL.search(x)) for x in labels) * 2 > len(labels)


def _runtime_table(table: _Table) -> bool:
    """A table of speeds, memory or serving settings (two or more such columns): no results."""
    return sum(1 for h in table.header if _RUNTIME.search(h)) >= 2


def _known(name: str, gaz: Gazetteer, names: _Names) -> str | None:
    """Whether a table label is a model or a benchmark the text or the gazetteer knows."""
    for form in (_clean(name), _strip_qualifier(_clean(name)), _bench_name(_clean(name))[0]):
        key = name_key(form)
        if not key:
            continue
        if key in names.models:
            return "model"
        if any(name_key(m.label) == key for m in names.mentions if m.type == "Benchmark"):
            return "benchmark"
        entry = gaz.lookup(form)
        if entry is not None:
            return "model" if entry.type in ("Model", "ModelFamily") else (
                "benchmark" if entry.type == "Benchmark" else None)
    return None


def _models_in_rows(table: _Table, gaz: Gazetteer, names: _Names) -> bool:
    """Whether the table has one model per row: a "Model" column says so (the first, or one
    after a rank column), or, when no header names either, its row labels are known models or
    its column names known benchmarks more than the other way round."""
    learned = table_roles.active("all")
    if learned is not None:  # the learned table reader decides alone (measured, off by default)
        return learned.models_in_rows(table.header, table.rows, lambda s: _known(s, gaz, names))
    first = _clean(table.header[0])
    if _MODEL_HEADERS.match(first) or (_rank_header(first) and len(table.header) > 2
                                       and _MODEL_HEADERS.match(_clean(table.header[1]))):
        return True
    if _model_column(table) == 1:  # "| Benchmark | Model | AGIEval | ... |": a suite, then the model
        return True
    if _BENCH_HEADERS.match(first) or _label_column(table):
        return False
    learned = table_roles.active("fallback")
    if learned is not None:  # where no header word decides (measured, off by default)
        return learned.models_in_rows(table.header, table.rows, lambda s: _known(s, gaz, names))
    rows = [_known(r[0], gaz, names) for r in table.rows if r]
    cols = [_known(h, gaz, names) for h in table.header[1:]]
    model_rows = rows.count("model") + cols.count("benchmark")
    bench_rows = rows.count("benchmark") + cols.count("model")
    return model_rows > bench_rows


def _learned_other(table: _Table, i: int, gaz: Gazetteer, names: _Names, row: bool = False) -> bool:
    """Whether the learned table reader (mode ``labels``; measured, off by default) reads column
    ``i`` (row ``i`` when ``row``) as neither a model nor a benchmark, so that it gives no results."""
    learned = table_roles.active("labels")
    if learned is None:
        return False
    at = table_roles.threshold()
    if row:
        cells = table.rows[i]
        return bool(cells) and learned.other(cells[0], cells[1:], "row", _known(cells[0], gaz, names), at)
    label = table.header[i]
    cells = [r[i] for r in table.rows if i < len(r)]
    return learned.other(label, cells, "col", _known(label, gaz, names), at)


def _rank_header(label: str) -> bool:
    return bool(re.fullmatch(r"(?i)rank(?:ing)?|#|no\.?|position|place|pos\.?", label))


#: pictographs in a cell: medals before a leaderboard's names ("🥇 GPT-4"), sort arrows after a
#: header ("Score ⬇️"), ticks and crosses; none is part of a name
_PICTOGRAPHS = re.compile("[\u2190-\u21ff\u2300-\u23ff\u2600-\u27bf\u2b00-\u2bff\ufe0f\u200d"
                          "\U0001f000-\U0001faff]+")


def _clean(cell: str) -> str:
    """A cell's label: no leftover emphasis, no footnote mark, no pictograph, no surrounding space."""
    cell = _PICTOGRAPHS.sub(" ", cell) if not cell.isascii() else cell
    return re.sub(r"(?<=\S)\s*[*†‡§¶]+$", "", cell.strip().strip("*_` ").strip()).strip()


_QUALIFIER = re.compile(r"\s*\(([^()]{1,30})\)\s*$")


#: a note that dates or numbers one release of a model: "(0613)", "(11-20)", "(2024-08-06)",
#: "(002)", "(2411)", "(exp)", "(1106 preview)"
_RELEASE_NOTE = re.compile(
    r"(?:\d{4}-\d{2}-\d{2}|(?:0[1-9]|1[0-2])[-/](?:0[1-9]|[12]\d|3[01])|0\d{2,3}|"
    r"(?:0[1-9]|1[0-2])(?:0[1-9]|[12]\d|3[01])|2[3-9](?:0[1-9]|1[0-2])|exp(?:erimental)?)"
    r"(?:[\s-]+preview)?", re.IGNORECASE)


def _strip_qualifier(name: str) -> str:
    """A table's model name without its note: "Llama 3.2 1B (base)" -> "Llama 3.2 1B";
    "phi-4 (14B)" -> "phi-4"; an "(Instruct)" or "(chat)" note names the variant, and so does a
    release's date or number ("Foo-4 (0613)" is that release, kept whole)."""
    m = _QUALIFIER.search(name)
    if m is None or m.start() == 0:
        return name
    base = name[:m.start()].strip()
    note = m.group(1).strip()
    if _RELEASE_NOTE.fullmatch(note):
        return f"{base} ({note})"
    if re.fullmatch(r"(?i)instruct|chat|it", note):
        return f"{base} {note[0].upper()}{note[1:]}" if note.lower() != "it" else f"{base}-it"
    return base


def _sized(name: str, gaz: Gazetteer) -> str | None:
    """The size variant a size note names: "Corra 2 (27B)" -> "Corra 2 27B", when the name before
    the note has no size of its own and is not a single model the gazetteer knows.

    >>> from ingest.gazetteer import load_gazetteer
    >>> _sized("Corra 2 (27B)", load_gazetteer()), _sized("Corra 2 9B (base)", load_gazetteer())
    ('Corra 2 27B', None)
    """
    m = _QUALIFIER.search(name)
    if m is None or m.start() == 0 or not _SIZE_NOTE.match(m.group(1).strip()):
        return None
    base = name[:m.start()].strip()
    if any(_SIZE_TOKEN.match(t) and re.search(r"[bmkt]$", t) for t in _tokens(base)):
        return None
    entry = gaz.lookup(base)
    if (entry is not None and entry.type not in ("ModelFamily", "Organization")) or \
            name_key(base) in _single_models(gaz):
        return None  # "phi-4 (14B)": one model, the note is its size
    return f"{base} {m.group(1).strip().replace(' ', '')}"


_SINGLE_MODELS: dict[int, frozenset[str]] = {}


def _single_models(gaz: Gazetteer) -> frozenset[str]:
    """The keys of every name the gazetteer knows as a single model (some are families too)."""
    keys = _SINGLE_MODELS.get(id(gaz.entries))
    if keys is None:
        keys = frozenset(name_key(f) for e in gaz.entries if e.type == "Model" for f in e.forms)
        _SINGLE_MODELS[id(gaz.entries)] = keys
    return keys


def _tokens(name: str) -> list[str]:
    """The lower-cased parts of a name, split at spaces, hyphens, underscores and slashes.

    >>> _tokens("Brisa-3-8x7B")
    ['brisa', '3', '8x7b']
    """
    return [t for t in re.split(r"[\s\-_/]+", name.lower()) if t]


def _is_bare(name: str) -> bool:
    """A name made only of sizes and variant words ("8x22B", "7B Instruct"): no model by itself.

    >>> _is_bare("8x22B"), _is_bare("7B Instruct"), _is_bare("Corra-2 7B")
    (True, True, False)
    """
    toks = _tokens(name)
    return all(_SIZE_TOKEN.match(t) or t in _VARIANT_WORDS for t in toks)


def _model_like(name: str) -> bool:
    """Whether a table label can be a model's name (not "Human experts", "Δ", "7B", "Batch Size")."""
    return (bool(re.search(r"[^\W\d_]{2,}", name)) and not _NOT_MODEL.match(name)
            and not _is_bare(name) and not _RUNTIME.search(name) and not _AVERAGE.match(name))


def _mention_at(text: str, name: str, at: int, etype: str, label: str, rule: str) -> Mention:
    """A mention of ``name`` made by a table, placed at its first occurrence from ``at``."""
    pos = text.find(name, at)
    if pos < 0:
        pos = max(0, text.find(name))
    return Mention(pos, pos + len(name), name, etype, label, rule)


def _completed_at(text: str, part: str, whole: str, at: int, etype: str, label: str, rule: str) -> Mention:
    """A mention of the model ``label`` that a row names only in part (its line, "Llama 1", in one
    cell and its size, "7B", in the next), placed at the part. The part is no name of that model:
    the mention's surface is the ``whole`` name the row composes ("Llama 1 7B"; a surface becomes
    the entity's alias, and the line's name would make the sized model one with its line)."""
    m = _mention_at(text, part, at, etype, label, rule)
    return Mention(m.start, m.end, whole, etype, label, rule)


def _alias(name: str, col: Collector, gaz: Gazetteer, names: _Names) -> Mention | None:
    """The model a caption or note says a table name stands for: "phi-3 (14B) is phi-3-medium"
    (a model of the text, or one the gazetteer knows)."""
    for m in re.finditer(re.escape(name) + r"\s+(?:is|denotes|refers\s+to|stands\s+for|=)\s+(?:the\s+)?",
                         col.text):
        for mention in names.mentions:
            if mention.start == m.end() and mention.type in ("Model", "ModelFamily"):
                return mention
        word = re.match(r"[A-Za-z][\w.+-]*[\w+]", col.text[m.end():])
        entry = gaz.lookup(word.group()) if word else None
        if word and entry is not None and entry.type == "Model":
            return Mention(m.end(), m.end() + len(word.group()), word.group(), "Model", entry.label,
                           "table-alias")
    return None


def _by_suffix(name: str, names: _Names, near: str) -> Mention | None:
    """The one model of the text whose name ends with a short table name ("8x7B" -> "Brisa-3-8x7B").

    Several candidates are narrowed to those of the document's main model or family, then to
    those named in the paragraph before the table; still several (or none) gives ``None``.
    """
    tail = _tokens(name)
    if not tail:
        return None
    cands: dict[str, Mention] = {}
    for m in names.mentions:
        toks = _tokens(m.label)
        if m.type == "Model" and len(toks) > len(tail) and toks[-len(tail):] == tail:
            cands.setdefault(m.label, m)
    if len(cands) > 1 and names.main is not None:
        head = _tokens(names.main.label)
        narrowed = {k: m for k, m in cands.items()
                    if len(_tokens(k)) > len(head) and _tokens(k)[:len(head)] == head}
        cands = narrowed or cands
    if len(cands) > 1:
        near_keys = {name_key(m.label) for m in names.mentions if m.text in near}
        cands = {k: m for k, m in cands.items() if name_key(k) in near_keys}
    return next(iter(cands.values())) if len(cands) == 1 else None


_NAMED_SIZE = re.compile(r"(?P<name>.+?)[\s_]+(?P<size>(?:\d+x)?\d+(?:\.\d+)?\s?[BMbm])")
_TIER_WORDS = {"mini", "small", "medium", "large", "nano", "micro", "pro", "lite", "flash", "ultra"}


def _size_noted(raw: str, models: dict[str, Mention]) -> Mention | None:
    """The model a header names before a size note on its second line: "Foo-Small-Instruct 7b"
    (written "Foo-Small-Instruct<br>7b") is the text's "Foo-Small-Instruct" when that name ends
    with a variant or tier word (a size goes before those, so the size is a note, not part of
    the name); "Foo 7B" after a family name "Foo" stays the size variant."""
    m = _NAMED_SIZE.fullmatch(raw)
    if m is None:
        return None
    model = models.get(name_key(m.group("name")))
    toks = _tokens(m.group("name"))
    if model is None or not toks or toks[-1] not in _VARIANT_WORDS | _TIER_WORDS:
        return None
    return model


def _by_abbreviation(name: str, names: _Names) -> Mention | None:
    """The one model of the text a table name abbreviates by cutting one word of it short."""
    return _abbreviated(name, names.mentions)


def _abbreviated(name: str, mentions: Sequence[Mention]) -> Mention | None:
    """The one model of ``mentions`` that ``name`` abbreviates by cutting one word of it short
    (at least three letters kept): "Foo-3-Mini-Ins" for "Foo-3-Mini-Instruct", "Bar-8B-Inst"
    for "Bar-8B-Instruct"; ``None`` when no model or several fit.

    >>> m = Mention(0, 10, "Foo-3-Mini-Instruct", "Model", "Foo-3-Mini-Instruct", "t")
    >>> _abbreviated("Foo-3-Mini-Ins", [m]).label, _abbreviated("Foo-3-Mini-In", [m])
    ('Foo-3-Mini-Instruct', None)
    """
    toks = _tokens(name)
    if len(toks) < 2:
        return None
    found: dict[str, Mention] = {}
    for m in mentions:
        other = _tokens(m.label)
        if m.type != "Model" or len(other) != len(toks):
            continue
        diff = [(a, b) for a, b in zip(toks, other, strict=True) if a != b]
        if len(diff) == 1 and len(diff[0][0]) >= 3 and diff[0][1].startswith(diff[0][0]) \
                and diff[0][0].isalpha():
            found.setdefault(name_key(m.label), m)
    return next(iter(found.values())) if len(found) == 1 else None


def _resolve_model(col: Collector, gaz: Gazetteer, raw: str, names: _Names, at: int,
                   rule: str) -> Mention | None:
    """The model a table's row or column name means, or ``None`` when it names none for sure.

    A repository id ("acme/Foo-7B") is the model its name part names ("Foo-7B"); a size note
    ("Foo 2 (9B)") names the size variant.
    """
    raw = _clean(raw)
    if not raw or _NOT_MODEL.match(raw) or _QUANT_LABEL.search(raw):
        return None  # also no quantization format or weights file ("Q4_K_M", "foo.Q4_K_M.gguf")
    grouped = _GROUP_SIZE.fullmatch(raw)
    if grouped is not None:  # "Gemma / 7B" (a line over its sizes' columns)
        group = grouped.group(1)
        found = _grouped_model(col, gaz, group, grouped.group(2), names, at, rule) or \
            _resolve_model(col, gaz, f"{group} {grouped.group(2)}", names, at, rule)
        tuned = re.fullmatch(r"(?i)(.+?)-(?:ft|sft|instruct|chat|it)", grouped.group(2))
        base = names.models.get(name_key(f"{group} {tuned.group(1)}")) if tuned else None
        if found is not None and base is not None and base.label != found.label:
            # "Foo / 12B-Base | Foo / 12B-FT": the fine-tuned column's model was tuned from the other
            end = col.text.find("\n", at)
            col.relation(col.entity(found), "fineTunedFrom", col.entity(base), evidence_for(
                col.text, at, end if end >= 0 else len(col.text), rule="table-header", confidence=0.7))
        line = gaz.lookup(group)
        if found is not None and line is not None and line.type == "ModelFamily" and found.type == "Model":
            # "Gemma / 7B": Gemma 7B, a size of the Gemma line
            end = col.text.find("\n", at)
            ev = evidence_for(col.text, at, end if end >= 0 else len(col.text), rule="table-header",
                              confidence=0.8)
            family = _mention_at(col.text, group, at, "ModelFamily", line.label, rule)
            col.relation(col.entity(found), "memberOfFamily", col.entity(family), ev)
        return found
    repo = re.fullmatch(r"[\w.-]+/([\w.-]*[A-Za-z][\w.-]*)", raw)
    if repo is not None:
        found = _resolve_model(col, gaz, repo.group(1), names, at, rule)
        pos = col.text.find(raw, at)
        if found is None or pos < 0:
            return found
        # the repository id is the model's alias (Collector.entity keeps it as an alt label)
        return Mention(pos, pos + len(raw), raw, found.type, found.label, rule)
    if name_key(raw) in names.models:
        return names.models[name_key(raw)]
    noted = _size_noted(raw, names.models)
    if noted is not None:
        return noted
    alias = _alias(raw, col, gaz, names)
    if alias is not None:
        return alias
    sized = _sized(raw, gaz)
    if sized is not None:
        if name_key(sized) in names.models:
            return names.models[name_key(sized)]
        entry = gaz.lookup(sized)
        if entry is not None:
            return (_mention_at(col.text, raw, at, entry.type, entry.label, rule)
                    if entry.type in ("Model", "ModelFamily") else None)
        return _mention_at(col.text, raw, at, "Model", sized, rule)
    name = _strip_qualifier(raw)
    if name_key(name) in names.models:
        return names.models[name_key(name)]
    alias = _alias(name, col, gaz, names) if name != raw else None
    if alias is not None:
        return alias
    entry = gaz.lookup(name)
    if entry is not None:
        if entry.type not in ("Model", "ModelFamily"):
            return None
        return _mention_at(col.text, name, at, entry.type, entry.label, rule)
    short = _by_suffix(name, names, _paragraph_before(col.text, at)) or _by_abbreviation(name, names)
    if short is not None:
        return short
    if not _model_like(name):
        return None
    return _mention_at(col.text, name, at, "Model", name, rule)


def _grouped_model(col: Collector, gaz: Gazetteer, group: str, size: str, names: _Names, at: int,
                   rule: str) -> Mention | None:
    """The model of a column headed by a line's name over a size ("Gemma / 7B"): the sized model
    the text names ("Llama 3.1 8B"; "Foo 4B-Depth" is the text's "Foo-4B-Depth-Base", a base model
    being the plain one); else, when a name no line of the gazetteer heads this one column, the
    model as the table names it ("Minitron"); ``None`` to read the two as one name ("Gemma 7B")."""
    sized = f"{group} {size}"
    plain = re.sub(r"(?i)-base$", "", sized)
    for key in (name_key(sized), name_key(sized) + "base", name_key(plain)):
        if key in names.models:
            return names.models[key]
    if sized != plain or "-" in size:
        return None
    heads = len(re.findall(rf"\|\s*{re.escape(group)} / ", col.text))
    if heads != 1:
        return None  # "Llama 2 / 7B | Llama 2 / 13B": the line's sizes, each its own model
    found = _resolve_model(col, gaz, group, names, at, rule)
    # a known line ("Gemma") has many sizes: its column is the sized model ("Gemma 7B")
    return found if found is not None and found.type == "Model" and gaz.lookup(group) is None else None


#: a two-row header of a line over a size: "Gemma / 7B", "Foo-2 / 4B-Depth", "Bar / 2B*"
_GROUP_SIZE = re.compile(r"([^/]*[^\W\d_][^/]*?) / (\d+(?:\.\d+)?[BMKT](?:-[A-Za-z][\w.]*)?)[*†‡]*")


def _paragraph_before(text: str, at: int) -> str:
    """The paragraph just before offset ``at`` (a table's caption or introduction)."""
    end = text.rfind("\n\n", 0, at)
    if end < 0:
        return text[:at]
    start = text.rfind("\n\n", 0, end)
    return text[start + 2 if start >= 0 else 0:end]


_SCORES_OF = re.compile(r"\b(?:scores?|results?|numbers?|figures?)\b[^.;\n]*\b(?:for|of)\s+"
                        r"(?:the\s+)?(?:[\w-]+\s+){0,2}$", re.IGNORECASE)


#: a leaderboard's per-model details: ".../datasets/open-llm-leaderboard/details_acme__Foo-7B"
_DETAILS_OF = re.compile(r"open-llm-leaderboard/(?:details_)?[\w.-]+?__(?P<name>[\w.-]*[A-Za-z][\w.-]*?)"
                         r"(?:-details)?/?$")


def _table_subject(col: Collector, names: _Names, at: int, gaz: Gazetteer | None = None) -> Mention | None:
    """The model a table of bare scores is about: the one whose results its introduction links
    to ("Detailed results can be found [here](…/details_acme__Foo-7B)"), the one it says the
    scores are for ("The scores below are the ones reported for the original X"), else the main
    model."""
    start = col.text.rfind("\n\n", 0, max(0, col.text.rfind("\n\n", 0, at)))
    start = max(0, start)
    for hint in names.details:
        if start <= hint.start < at and gaz is not None:
            name = _DETAILS_OF.search(hint.url).group("name")  # type: ignore[union-attr]
            model = _resolve_model(col, gaz, name, names, hint.start, "table-subject")
            if model is not None:
                return model
    cands = {}
    for m in names.mentions:
        if start <= m.start < at and m.type in ("Model", "ModelFamily"):
            sent_start = max(start, col.text.rfind(". ", start, m.start))
            if _SCORES_OF.search(" ".join(col.text[sent_start:m.start].split()) + " "):
                cands[m.label] = m
    if len(cands) == 1:
        return next(iter(cands.values()))
    return names.main


# --------------------------------------------------------------------------- benchmarks and suites


def _bench_name(label: str) -> tuple[str, str | None]:
    """A benchmark label without its shot note and metric: ("AIME 2024", "pass@1") for
    "AIME 2024 pass@1", ("MT-Bench", "Avg. Score") for "MT-Bench / Avg. Score".

    >>> _bench_name("AIME 2024 pass@1"), _bench_name("MMLU (5-shot)"), _bench_name("Arena Elo Rating")
    (('AIME 2024', 'pass@1'), ('MMLU', None), ('Arena', 'Elo Rating'))
    >>> _bench_name("Reasoning / ARC-C"), _bench_name("MT-Bench / Avg. Score")
    (('ARC-C', None), ('MT-Bench', 'Avg. Score'))
    """
    label = _clean(label)
    if " / " in label:
        top, _sep, low = label.rpartition(" / ")
        if _METRIC_ONLY.match(low.strip()):
            name, metric = _bench_name(top)
            return name, low.strip() if metric is None else f"{metric} {low.strip()}"
        return _bench_name(low)
    name = re.sub(r"\s*\(.*?\)\s*$", "", label).strip() or label
    metric: list[str] = []
    while True:
        m = _METRIC_SUFFIX.search(name)
        if m is None or m.start() == 0 or not re.search(r"[A-Za-z]{2}|\d", name[:m.start()]):
            break
        metric.insert(0, m.group("m"))
        name = name[:m.start()].strip()
        # "C-Eval (val) 5-shot": the note before the metric goes too
        name = re.sub(r"(?<=\S)\s*\([^()]*\)$", "", name).strip() or name
    return name, " ".join(metric) or None


def _benchmark(col: Collector, gaz: Gazetteer, names: _Names, label: str, at: int,
               rule: str, categories_elsewhere: bool = False) -> tuple[Mention | None, str | None]:
    """The benchmark (and metric) a column or row label names, or ``(None, None)``.

    A name the gazetteer knows is its entry (none when it is not a benchmark); a short name that
    ends, as a word, the one benchmark the text names so ("Arena" of "Chatbot Arena") is that
    benchmark.
    """
    name, metric = _bench_name(label)
    if not name or _AVERAGE.match(name) or _NOT_BENCH.match(name) or _RUNTIME.search(name) \
            or not re.search(r"[A-Za-z]", name):
        return None, None
    if _category(name) and not (categories_elsewhere and re.fullmatch(r"(?i)math", name)):
        return None, None  # "Math" is the MATH benchmark where another column holds the categories
    key = name_key(name)
    entry = gaz.lookup(name)
    if entry is not None:
        if entry.type != "Benchmark":
            return None, None
        return _mention_at(col.text, name, at, "Benchmark", entry.label, rule), metric
    ends = re.compile(rf"(?<=[\s-]){re.escape(name)}$", re.IGNORECASE)
    longer = {m.label for m in names.mentions if m.type == "Benchmark" and any(
        name_key(form).endswith(key) and len(name_key(form)) > len(key) and ends.search(form)
        for form in (m.label, m.text))}
    if len(longer) == 1 and " " not in name:  # "Arena" in a text about the "Chatbot Arena"
        return _mention_at(col.text, name, at, "Benchmark", longer.pop(), rule), metric
    for m in names.mentions:
        if m.type == "Benchmark" and name_key(m.label) == key:
            return _mention_at(col.text, name, at, "Benchmark", m.label, rule), metric
    if len(longer) == 1:
        return _mention_at(col.text, name, at, "Benchmark", longer.pop(), rule), metric
    return _mention_at(col.text, name, at, "Benchmark", name, rule), metric


def _known_benchmark(bench: Mention, gaz: Gazetteer, names: _Names, table: _Table) -> bool:
    """Whether a table's benchmark is one in its own right: the gazetteer knows its name, or the
    text names it outside the table."""
    if gaz.lookup(bench.label) is not None or gaz.lookup(bench.text) is not None:
        return True
    key = name_key(bench.label)
    return any(m.type == "Benchmark" and name_key(m.label) == key and not table.start <= m.start <= table.end
               for m in names.mentions)


def _context_before(col: Collector, names: _Names, table: _Table) -> str:
    """What introduces a table: the text before it, back to the previous table (at most 1,200
    characters)."""
    start = max([0, table.start - 1200, *(e for e in names.table_ends if e < table.start)])
    return col.text[start:table.start]


def _suite(col: Collector, names: _Names, table: _Table, gaz: Gazetteer) -> Mention | None:
    """The suite or leaderboard whose results a table reports, as its introduction says:
    "Open LLM Leaderboard results", "performs well on the X benchmark suite" (the one benchmark
    named there with a suite word, in a sentence that speaks of results), else ``None``."""
    context = _context_before(col, names, table)
    base = table.start - len(context)
    own = {name_key(_bench_name(h)[0]) for h in table.header}
    own |= {name_key(_bench_name(r[0])[0]) for r in table.rows if r}
    found: dict[str, Mention] = {}
    for m in names.mentions:
        if m.type != "Benchmark" or not base <= m.start < table.start or name_key(m.label) in own:
            continue
        after = col.text[m.start:m.end + 30]
        if not _SUITE_WORDS.search(after):
            continue
        sent_start = max(col.text.rfind("\n", base, m.start), col.text.rfind(". ", base, m.start), base)
        sent_end = min(x for x in (col.text.find("\n", m.end, table.start), col.text.find(". ", m.end,
                                   table.start), table.start) if x >= 0)
        if _RESULTS_CUE.search(col.text[sent_start:sent_end]):
            # "the Harbor Tool Leaderboard" read as "Tool": the board's whole name
            whole = next((b for b in _BOARD_NAME.finditer(col.text, sent_start, sent_end)
                          if b.start(1) <= m.start and m.end <= b.end(1)
                          and b.end(1) - b.start(1) > m.end - m.start), None)
            if whole is not None:
                bench, _metric = _benchmark(col, gaz, names, whole.group(1).strip(), whole.start(1),
                                            "table-header")
                m = bench or m
            else:  # "the Nous benchmark suite": the suite as the text names it (an alias)
                named = re.match(r"[ \t]+(?:benchmark[ \t]+suite|benchmarks?|suite)\b", col.text[m.end:])
                if named is not None:
                    m = Mention(m.start, m.end + named.end(), col.text[m.start:m.end + named.end()], m.type,
                                m.label, m.rule)
            found.setdefault(m.label, m)
    return next(iter(found.values())) if len(found) == 1 else None


# --------------------------------------------------------------------------- one benchmark per row


def _variant_column(table: _Table) -> int | None:
    """The column whose cells say, row by row, "base" or "Instruct" (which variant is scored)."""
    for i in range(1, len(table.header)):
        cells = [_clean(r[i]).lower() for r in table.rows if i < len(r) and _clean(r[i])]
        if cells and sum(c in _BASE_WORDS | _TUNED_WORDS for c in cells) * 2 >= len(table.rows) and \
                not any(_NUM_CELL.match(c) for c in cells):
            return i
    return None


def _variant_of(model: Mention, variant: str, names: _Names) -> Mention | None:
    """The ``variant`` ("base", "Instruct") of a column's model, if the text names it."""
    v = variant.strip().lower()
    key = name_key(model.label)
    if v in _BASE_WORDS:
        if key + "base" in names.models:
            return names.models[key + "base"]
        return None if key.endswith(_TUNED_SUFFIXES) else model
    vkey = name_key(v)
    if vkey and key.endswith(vkey):
        return model
    if key + vkey in names.models:
        return names.models[key + vkey]
    if v in _TUNED_WORDS:
        found = [names.models[key + s] for s in _TUNED_SUFFIXES if key + s in names.models]
        if len(found) == 1:
            return found[0]
    return None


def _marked_models(col: Collector, names: _Names, table: _Table) -> dict[str, Mention]:
    """Footnote marks that move a cell to another model: "the MMLU score marked † is for the
    base model, X-Base" (looked for in the paragraphs around the table)."""
    lo = max(0, table.start - 1500)
    hi = min(len(col.text), table.end + 1500)
    out: dict[str, Mention] = {}
    for m in re.finditer(r"\bmarked\s+(?:with\s+)?(?:an?\s+)?[\"“]?(?P<sym>[†‡§¶*]+)[\"”]?\s+"
                         r"(?:is|are|was|were)\s+(?:for|from|of|by)\b", col.text[lo:hi]):
        end = lo + m.end()
        after = [x for x in names.mentions if end <= x.start < end + 60 and x.type == "Model"]
        if after:
            out[m.group("sym")] = after[0]
    return out


def _label_column(table: _Table) -> int:
    """The column naming each row's benchmark: the first, or the one a "Benchmark" header marks
    after a category column ("| | Benchmark (Metric) | # Shots | Foo-7B |")."""
    found = [i for i, h in enumerate(table.header[:3])
             if _BENCH_HEADERS.match(re.sub(r"\s*\(.*?\)\s*$", "", _clean(h)))
             and not _number_column(table, i)]
    # "| Category | Benchmark | ...": the benchmark column, not the category before it
    named = [i for i in found if not re.match(r"(?i)categor|metric", _clean(table.header[i]))]
    return (named or found or [0])[0]


def _number_column(table: _Table, i: int) -> bool:
    """Whether every filled cell of column ``i`` is a number ("| Tasks |" over "| 163 |": a count,
    not the column naming each row's benchmark)."""
    cells = [_clean(r[i]) for r in table.rows if i < len(r) and _clean(r[i])]
    return bool(cells) and all(_NUM_CELL.match(c) for c in cells)


def _bench_rows_table(col: Collector, gaz: Gazetteer, table: _Table, names: _Names) -> None:
    """A results table with one benchmark per row and one model per column."""
    header, at = table.header, table.start
    label = _label_column(table)
    variant_col = _variant_column(table)
    col_models: dict[int, Mention] = {}
    col_metrics: dict[int, str] = {}  # a column named by a metric ("F1 Score"): the model's, in it
    for i, h in enumerate(header[label + 1:], label + 1):
        h_clean = _clean(h)
        if i == variant_col or not _strip_qualifier(h_clean) or _RUNTIME.search(h_clean) or (
                _NOTE_HEADERS.search(h_clean) and not _METRIC_ONLY.match(h_clean)):
            continue
        if _GENERIC_HEADERS.match(h_clean) or _METRIC_ONLY.match(h_clean):
            subject = _table_subject(col, names, at, gaz)
            if subject is not None:
                col_models[i] = subject
                if _METRIC_ONLY.match(h_clean) and not _GENERIC_HEADERS.match(h_clean):
                    col_metrics[i] = h_clean
            continue
        model = _resolve_model(col, gaz, h_clean, names, at, "table-header") or \
            _main_of_size(col, gaz, h_clean, names, at)
        if model is not None and not _learned_other(table, i, gaz, names):
            col_models[i] = model
    if not col_models:
        return
    metric_col = next((i for i, h in enumerate(header) if re.match(r"^metric$", _clean(h), re.IGNORECASE)),
                      None)
    marked = _marked_models(col, names, table)
    # "| Benchmark | Domain | ..." : the categories have their own column, the labels are benchmarks
    category_col = any(re.fullmatch(r"(?i)domains?|categor(?:y|ies)|areas?|skills?|capabilit(?:y|ies)",
                                    _clean(h)) for i, h in enumerate(header) if i != label)
    suite: Mention | None = None
    suite_read = False
    last: Mention | None = None  # the benchmark of the row above
    for n, (row, line) in enumerate(zip(table.rows, table.body, strict=True)):
        setting = _row_setting(row, label, col_models)
        if setting is None and metric_col is not None and metric_col < len(row) and _clean(row[metric_col]) \
                and (len(row) <= label or not _clean(row[label])):
            # "| | | acc_norm | 58.4 | ± | 1.4 |" under "| arc_challenge | 0 | acc | 54.5 |": the
            # row above's task scored by another metric (an evaluation harness's output)
            setting = _clean(row[metric_col])
        if len(row) <= label or not _clean(row[label]):
            if last is not None and setting is not None:  # "| | maj@64 | 18 |": the row above's benchmark
                _bench_row_cells(col, row, col_models, last, _row_evidence(col, line), setting, marked)
            continue
        ev = _row_evidence(col, line)
        if _spec_key(row[label]) is not None:
            continue  # "| Parameters | 8B |", "| Layers | 32 |": a spec, no benchmark
        if _AVERAGE.match(_clean(row[label])):
            if not suite_read:
                suite, suite_read = _suite(col, names, table, gaz), True
            if suite is not None:
                for i, model in col_models.items():
                    if i < len(row):
                        _cell_result(col, model, suite, row[i], ev, None, marked)
            continue
        bench, metric = _benchmark(col, gaz, names, row[label], line[0], "table-row", category_col)
        if bench is not None and label == 0 and _learned_other(table, n, gaz, names, row=True):
            bench = None
        if bench is not None and last is not None and setting is not None and _described(row[label]) \
                and not _known_benchmark(bench, gaz, names, table):
            bench = None  # a description, not a benchmark (below)
        if bench is None:
            # "| Contest-level algebra | maj@64 | 9/30 |": a description under the benchmark
            # row, scored in another setting: the row above's benchmark
            if last is not None and setting is not None:
                _bench_row_cells(col, row, col_models, last, ev, setting, marked)
            else:
                last = None
            continue
        last = bench
        if metric_col is not None and metric_col < len(row) and row[metric_col]:
            metric = row[metric_col]
        variant = _clean(row[variant_col]) if variant_col is not None and variant_col < len(row) else ""
        for i, model in col_models.items():
            if i >= len(row):
                continue
            target: Mention | None = model
            if variant:
                target = _variant_of(model, variant, names)
            if target is not None:
                _cell_result(col, target, bench, row[i], ev, col_metrics.get(i, metric), marked)


#: a cell naming the setting a row is scored in: "0-shot", "maj@64", "pass@1", "CoT"
_SETTING = re.compile(r"^(?:\d+-shots?|zero-shot|few-shot|(?:maj|pass|cons)@\d+|cot|greedy)$", re.IGNORECASE)


def _row_setting(row: list[str], label: int, col_models: dict[int, Mention]) -> str | None:
    """The setting a benchmark row's own column names ("maj@64"), if any."""
    for i, cell in enumerate(row):
        if i != label and i not in col_models and _SETTING.match(_clean(cell)):
            return _clean(cell)
    return None


def _described(label: str) -> bool:
    """Whether a row label is a phrase of lower-case words ("Contest-level algebra"), not a name.

    >>> _described("Contest-level algebra"), _described("Word problems for kids"), _described("RidgeMath")
    (True, True, False)
    >>> _described("AIME 2024"), _described("Natural Questions")
    (False, False)
    """
    words = _clean(label).split()
    return len(words) >= 2 and all(re.fullmatch(r"[a-z]+(?:-[a-z]+)*", w) for w in words[1:]) \
        and not re.search(r"\d", words[0]) and not words[0][1:].lower() != words[0][1:]


def _bench_row_cells(col: Collector, row: list[str], col_models: dict[int, Mention], bench: Mention,
                     ev: Evidence, metric: str | None, marked: dict[str, Mention]) -> None:
    """The results of one row of a benchmark-per-row table, each column's model's."""
    for i, model in col_models.items():
        if i < len(row):
            _cell_result(col, model, bench, row[i], ev, metric, marked)


#: a mixture-of-experts size, total then active: "57B-A14B", "30B-A3B"
_MOE_SIZE = re.compile(r"^\d+(?:\.\d+)?[BMT]-A\d+(?:\.\d+)?[BMT]$", re.IGNORECASE)


def _main_of_size(col: Collector, gaz: Gazetteer, header: str, names: _Names, at: int) -> Mention | None:
    """A bare size heading a column ("7B") of a card about a line named without a size ("Corra-2"):
    that line's model of the size ("Corra-2 7B")."""
    main = names.main
    if main is None or not (_SIZE_NOTE.match(header) or _MOE_SIZE.match(header)) or "x" in header.lower() \
            or name_sizes(main.label)[0]:
        return None
    sized = f"{main.label} {header.replace(' ', '')}"
    if name_key(sized) in names.models:
        return names.models[name_key(sized)]
    entry = gaz.lookup(sized)
    if entry is not None:
        return _mention_at(col.text, header, at, entry.type, entry.label, "table-header") \
            if entry.type in ("Model", "ModelFamily") else None
    return _mention_at(col.text, header, at, "Model", sized, "table-header")


def _row_evidence(col: Collector, line: tuple[int, int]) -> Evidence:
    """A table row as the evidence of what its cells say."""
    return evidence_for(col.text, line[0], line[1], rule="table-row", confidence=0.9)


# --------------------------------------------------------------------------- one model per row


@dataclass(frozen=True)
class _Column:
    """What one column of a model-per-row table holds: ``kind`` and the unit of bare numbers."""

    kind: str  # "benchmark", "average", "developer", "params", "active", "context", "base", "type",
    # "description", "skip"
    unit: int = 1


_SKIP_COLUMN = re.compile(
    r"\b(?:licen[cs]es?|date|released?|year|cutoff|notes?|remarks?|weights|access|availability|open|"
    r"price|cost|pricing|latency|throughput|speed|memory|vram|gpus?|hardware|quanti[sz]ation|quant|"
    r"precision|bits|layers|heads|experts|vocab(?:ulary)?|hidden|dim(?:ension)?s?|tokens|"
    r"training|trained|data|modalit(?:y|ies)|languages?|variant|version|family|architecture|"
    r"arch|url|link|links|download|downloads|rank|ranking|votes?|ci|interval|use\s+case|"
    r"ram|size\s+on\s+disk|file|files|repo|repository|hub|demo|paper|organi[sz]ation\s+type|"
    r"country|num|#|non-?embedding|embeddings?|power|consumption|carbon|emitted|emissions?|co2\w*|"
    r"energy|watts?|kwh|tdp|hours?|days|time|runs|tasks|problems|samples|questions)\b|"
    r"^(?:#|no\.?|position|place)$", re.IGNORECASE)


def _column_kind(header: str) -> _Column:
    """Classify a model-per-row table's column by its header.

    >>> _column_kind("Params (B)")
    _Column(kind='params', unit=1000000000)
    >>> _column_kind("Context length").kind, _column_kind("Developer").kind, _column_kind("MMLU").kind
    ('context', 'developer', 'benchmark')
    >>> _column_kind("#Total Params").kind, _column_kind("Vote count").kind, _column_kind("Avg.").kind
    ('params', 'skip', 'average')
    """
    h = _clean(header)
    unit_m = _HEADER_UNIT.search(h)
    unit = (parse_number("1", unit_m.group("u")) or 1) if unit_m else 1
    base = h[:unit_m.start()].strip() if unit_m else h
    if _DEVELOPER.match(base):
        return _Column("developer")
    if _ACTIVE.match(base):
        return _Column("active", unit)
    if _PARAMS.match(base):
        return _Column("params", unit)
    if _CONTEXT.match(base):
        return _Column("context", unit)
    if _BASE_COLUMN.match(base):
        return _Column("base")
    if _TYPE_COLUMN.match(base):
        return _Column("type")
    if _DESCRIPTION_COLUMN.match(base):
        return _Column("description")
    if _AVERAGE.match(base) or _OVERALL.match(base):
        return _Column("average")
    if not base or _SKIP_COLUMN.search(base) or _RUNTIME.search(base):
        return _Column("skip")
    return _Column("benchmark")


#: a column of scores on the leaderboard the table shows, named by its metric alone: "Elo Rating",
#: "Score", "Leaderboard score"
_BOARD_METRIC = re.compile(r"^(?:elo(?:\s+(?:rating|score))?|ratings?|scores?|overall\s+score|"
                           r"leaderboard(?:\s+(?:score|rating|average|avg\.?))?)$", re.IGNORECASE)
_BOARD_WORDS = re.compile(r"leaderboard|arena|board\b", re.IGNORECASE)
#: a leaderboard the text names without the entity finder having read it as one
_BOARD_NAME = re.compile(r"(?<![\w-])((?:[A-Z][\w.-]*\s+){1,3}(?:Leaderboard|Arena))\b")


def _board(col: Collector, gaz: Gazetteer, names: _Names, table: _Table, elo: bool) -> Mention | None:
    """The leaderboard a column of bare scores is on ("Elo Rating", "Leaderboard score").

    The one leaderboard or arena the table's heading or introduction names; else, for an Elo
    column, the one arena the document names; else one the introduction names in words
    ("... on the LLM Leaderboard:"), the nearest before the table.
    """
    context = _context_before(col, names, table)
    base = table.start - len(context)
    near = {m.label: m for m in names.mentions if m.type == "Benchmark" and base <= m.start < table.start
            and _BOARD_WORDS.search(m.label + " " + m.text)}
    if len(near) == 1:
        return next(iter(near.values()))
    if elo:
        arenas = {m.label: m for m in names.mentions if m.type == "Benchmark" and re.search(
            r"arena", m.label + " " + m.text, re.IGNORECASE)}
        if len(arenas) == 1:
            return next(iter(arenas.values()))
    if near:
        return None
    named = list(_BOARD_NAME.finditer(context))
    if named:
        bench, _metric = _benchmark(col, gaz, names, named[-1].group(1).strip(), base + named[-1].start(1),
                                    "table-header")
        return bench
    return None


def _column_unit(table: _Table, i: int, name_col: int) -> int:
    """The unit of the bare numbers of a parameter column whose header states none, from the
    sizes its rows' names state ("Corra-2-7B" over "7.2": billions); 1 when they do not say."""
    votes: Counter[int] = Counter()
    for row in table.rows:
        if max(i, name_col) >= len(row):
            continue
        bare = re.fullmatch(r"[~≈]?\s*(\d+(?:\.\d+)?)", _clean(row[i]))
        sizes = [x for x in name_sizes(_clean(row[name_col])) if x]
        if bare is None or not sizes:
            continue
        for unit in (10**9, 10**6):
            if any(0.75 <= float(bare.group(1)) * unit / size <= 1.35 for size in sizes):
                votes[unit] += 1
    if len(votes) == 1:
        return next(iter(votes))
    return 1


def _model_column(table: _Table) -> int:
    """The column that names each row's model: the first, or the one after a rank column."""
    if _rank_header(_clean(table.header[0])) and len(table.header) > 1:
        return 1
    # "| Benchmark | Model | AGIEval | GPT4All |" (the suite, then the model scored on its parts):
    # a "Model" header second, after a label column, with scores after it
    if len(table.header) > 2 and _MODEL_HEADERS.match(_clean(table.header[1])) and \
            _BENCH_HEADERS.match(_clean(table.header[0])) and any(
                _NUM_CELL.match(_clean(c)) for r in table.rows for c in r[2:]):
        return 1
    return 0


#: a column of a benchmark's overall score under a word no benchmark is named by ("Overall success",
#: "Pass rate"): the benchmark is the one the table's heading or introduction names
_OVERALL = re.compile(r"^(?:overall\s+(?:acc(?:uracy)?\.?|success(?:\s+rate)?)|success\s+rate|pass\s+rate)$",
                      re.IGNORECASE)
#: the column of a one-benchmark table that holds the benchmark's own score
_TOTAL_HEADER = re.compile(r"^(?:total|total\s+score|average|avg\.?|average\s+score|overall|overall\s+score|"
                           r"score|mean|accuracy|acc\.?)$", re.IGNORECASE)
#: words that mark a label as a benchmark's name ("MT-Bench", "Arena General", "AlpacaEval")
_BENCH_SHAPE = re.compile(r"bench|eval|arena|leaderboard|\bqa\b|\btest\b", re.IGNORECASE)


def _heading_before(col: Collector, names: _Names, table: _Table) -> tuple[int, int] | None:
    """The span of the heading over a table: a short line of its own, no sentence, at most one
    paragraph above the table."""
    context = _context_before(col, names, table)
    base = table.start - len(context)
    paragraphs = [(base + m.start(), base + m.end()) for m in re.finditer(r"[^\n]+(?:\n[^\n]+)*", context)]
    for start, end in reversed(paragraphs[-2:]):
        line = col.text[start:end].strip()
        if "\n" not in line and len(line.split()) <= 10 and not re.search(r"[.:;,]$", line):
            return start, end
    return None


def _own_benchmark_column(col: Collector, gaz: Gazetteer, names: _Names, table: _Table, name_col: int,
                          kinds: dict[int, _Column]) -> tuple[int, Mention] | None:
    """The one benchmark a model-per-row table reports, and the column of its score.

    The benchmark is named in the table's corner cell ("| MT-Bench | Total | Turn 1 |") or in
    the heading right above it; its score is the one total, average or score column. The other
    columns are its parts (turns, categories, intervals, lengths): none of them may be a
    benchmark known on its own, else the average is one over benchmarks.
    """
    totals = [i for i, h in enumerate(table.header) if i != name_col and _TOTAL_HEADER.match(_clean(h))]
    if not totals:
        overall = [i for i, h in enumerate(table.header) if i != name_col and _OVERALL.match(_clean(h))]
        if len(overall) != 1:
            return None
        # "| | Runs | Tasks | Overall success |" after "... on the Foo problem set": a benchmark's own
        # overall score (not a mean of columns), the benchmark the text before the table names
        bench = _suite(col, names, table, gaz) or _introduced_alone(col, names, table)
        return None if bench is None or _known_parts(col, gaz, names, table, kinds, overall) \
            else (overall[0], bench)
    if len(totals) != 1:
        return None
    bench = None
    corner = _clean(table.header[name_col]) if name_col < len(table.header) else ""
    if corner and not _MODEL_HEADERS.match(corner) and not _BENCH_HEADERS.match(corner):
        found, _metric = _benchmark(col, gaz, names, corner, table.start, "table-header")
        if found is not None and (_known_benchmark(found, gaz, names, table) or _BENCH_SHAPE.search(corner)):
            bench = found
    elif not corner or _MODEL_HEADERS.match(corner):
        heading = _heading_before(col, names, table)
        if heading is not None:
            named = {m.label: m for m in names.mentions
                     if m.type == "Benchmark" and heading[0] <= m.start < heading[1]}
            bench = next(iter(named.values())) if len(named) == 1 else None
    if bench is None or _known_parts(col, gaz, names, table, kinds, totals):
        return None
    return totals[0], bench


def _known_parts(col: Collector, gaz: Gazetteer, names: _Names, table: _Table, kinds: dict[int, _Column],
                 totals: list[int]) -> bool:
    """Whether a column beside a table's total is a benchmark known on its own (the total is then
    a mean over benchmarks, not one benchmark's score)."""
    for i, kind in kinds.items():
        if i in totals or kind.kind != "benchmark":
            continue
        part, _metric = _benchmark(col, gaz, names, table.header[i], table.start, "table-header")
        if part is not None and _known_benchmark(part, gaz, names, table):
            return True
    return False


def _introduced_alone(col: Collector, names: _Names, table: _Table) -> Mention | None:
    """The one benchmark the text before a table names ("a comparison ... on the Foo problem set",
    a heading "Results" between): back to the previous table, only one benchmark is named there
    (two or more, and the table's total is not said to be any one's)."""
    context = _context_before(col, names, table)
    base = table.start - len(context)
    named = {m.label: m for m in names.mentions if m.type == "Benchmark" and base <= m.start < table.start}
    return next(iter(named.values())) if len(named) == 1 else None


def _model_rows_table(col: Collector, gaz: Gazetteer, table: _Table, names: _Names) -> None:
    """A table with one model per row: results, developers, parameter counts, context windows,
    lineage."""
    name_col = _model_column(table)
    kinds = {i: _column_kind(h) if i > name_col or not _BENCH_HEADERS.match(_clean(h)) else _Column("skip")
             for i, h in enumerate(table.header) if i != name_col}
    for i, kind in kinds.items():
        if kind.kind == "skip" and not _clean(table.header[i]) and _size_cells(table, i):
            # "| | | TruthfulQA |" over "| Foo 1 | 7B | 27.4 |": an unheaded column of sizes
            # is the size column ("Model | Size" without its words)
            kinds[i] = _Column("params")
        if kind.kind in ("params", "active") and kind.unit == 1:
            kinds[i] = _Column(kinds[i].kind, _column_unit(table, i, name_col))
    at = table.start
    benches: dict[int, tuple[Mention, str | None]] = {}
    own = _own_benchmark_column(col, gaz, names, table, name_col, kinds)
    if own is not None:  # "| MT-Bench | Total | Turn 1 | Turn 2 |": the total alone is its result
        benches[own[0]] = (own[1], None)
    for i, h in enumerate(table.header):
        if own is not None:
            break
        if i == name_col or kinds[i].kind != "benchmark":
            continue
        if _BOARD_METRIC.match(_clean(h)):  # "Elo Rating", "Leaderboard score": the table's leaderboard
            board = _board(col, gaz, names, table, "elo" in h.lower())
            if board is not None:
                benches[i] = (board, _clean(h))
            continue
        bench, metric = _benchmark(col, gaz, names, h, max(0, at - 2000), "table-header")
        if bench is None:
            top, _low = table.group(i)
            if top and _clean(top) != _clean(h):
                bench, metric = _benchmark(col, gaz, names, top, max(0, at - 2000), "table-header")
        if bench is not None and not _learned_other(table, i, gaz, names):
            benches[i] = (bench, metric)
    if own is None and any(k.kind == "average" for k in kinds.values()):
        suite = _suite(col, names, table, gaz)
        if suite is not None:
            for i, k in kinds.items():
                if k.kind == "average":
                    benches[i] = (suite, None)
            # the other columns of a suite's table with its overall score are the suite's parts
            # ("AST Summary", "Relevance") when none of them is a benchmark known on its own
            parts = [i for i in benches if kinds[i].kind == "benchmark"]
            if not any(_known_benchmark(benches[i][0], gaz, names, table) for i in parts):
                for i in parts:
                    del benches[i]
    type_col = next((i for i, k in kinds.items() if k.kind == "type"), None)
    name_counts = Counter(name_key(_clean(r[name_col])) for r in table.rows if len(r) > name_col)
    for row, line, record in zip(table.rows, table.body, table.record.body, strict=True):
        if len(row) <= name_col or not _clean(row[name_col]):
            continue
        model = _resolve_model(col, gaz, row[name_col], names, line[0], "table-row")
        if model is None:
            continue
        model = _size_variant(col, gaz, names, model, row, kinds, line[0],
                              name_counts[name_key(_clean(row[name_col]))] > 1)
        _repo_alias(col, model, record.cells[name_col])
        ev = _row_evidence(col, line)
        note = _QUALIFIER.search(_clean(row[name_col]))
        has_params = any(k.kind == "params" for k in kinds.values())
        if note is not None and _SIZE_NOTE.match(note.group(1).strip()) and not has_params and \
                _sized(_clean(row[name_col]), gaz) is None:
            # "PHI-2 (2.7B)": the note states the size of the one model the name is (a note that
            # names a size variant, "Corra 2 (27B)", is read by _resolve_model)
            size = parse_number(note.group(1).strip()[:-1], note.group(1).strip()[-1])
            own = name_sizes(model.label)[0]
            if size and "x" not in note.group(1).lower() and (own is None or 0.9 * own <= size <= 1.3 * own):
                _set_attribute(col, col.entity(model), "totalParameters", size, ev)
        for i, (bench, metric) in benches.items():
            if i < len(row):
                _cell_result(col, model, bench, row[i], ev, metric, {})
        for i, kind in kinds.items():
            if i >= len(row) or kind.kind in ("benchmark", "average", "skip", "type"):
                continue
            if kind.kind == "base":
                kind_of = row[type_col] if type_col is not None and type_col < len(row) else ""
                _base_cell(col, gaz, names, model, row[i], kind_of, line[0], ev)
            elif kind.kind == "description":
                _description_cell(col, gaz, names, model, record.cells[i], ev)
            else:
                _cell_fact(col, gaz, names, model, kind, row[i], line[0], ev)


def _size_cells(table: _Table, i: int) -> bool:
    """Whether every filled cell of column ``i`` is a model size ("7B", "13B"), and two or more are."""
    cells = [_clean(r[i]) for r in table.rows if i < len(r) and _clean(r[i])]
    return len(cells) >= 2 and all(_SIZE_NOTE.match(c) for c in cells)


def _size_variant(col: Collector, gaz: Gazetteer, names: _Names, model: Mention, row: list[str],
                  kinds: dict[int, _Column], at: int, repeated: bool = False) -> Mention:
    """A row named by its line and sized in a size column ("Falcon" | "180B") is the model of that
    size the text or the gazetteer names ("Falcon 180B"); a name the table gives several sizes
    ("Corra-1" | "7B", "Corra-1" | "13B") is, row by row, its model of that size ("Corra-1 7B");
    else the row's model as named."""
    if name_sizes(model.label)[0] is not None:
        return model
    made: Mention | None = None
    for i, kind in kinds.items():
        if kind.kind != "params" or i >= len(row):
            continue
        size = _clean(row[i]).lstrip("~≈ ")
        if not _SIZE_NOTE.match(size) or "x" in size.lower():
            continue
        forms = [f"{model.label} {size.replace(' ', '')}"]
        tuned = re.fullmatch(r"(?i)(.+?)[\s_-]+(instruct|chat|it|base)", model.label)
        if tuned:  # "Foo3-Instruct" | "70B": "Foo3 70B Instruct" (the size goes before the variant)
            forms.append(f"{tuned.group(1)} {size.replace(' ', '')} {tuned.group(2)}")
        for sized in forms:
            if name_key(sized) in names.models:
                return names.models[name_key(sized)]
            entry = gaz.lookup(sized)
            if entry is not None and entry.type in ("Model", "ModelFamily"):
                return _completed_at(col.text, model.text, sized, at, entry.type, entry.label, "table-row")
        entry = gaz.lookup(f"{tuned.group(1)} {size.replace(' ', '')}") if tuned else None
        if tuned and entry is not None and entry.type == "Model":
            # "Foo3-Instruct" | "70B" where "Foo 3 70B" is known: its tuned variant
            suffix = tuned.group(2)
            suffix = "it" if suffix.lower() == "it" else suffix[0].upper() + suffix[1:]
            return _completed_at(col.text, model.text, forms[0], at, "Model", f"{entry.label} {suffix}",
                                 "table-row")
        if repeated and made is None:
            made = _completed_at(col.text, model.text, forms[0], at, "Model", forms[0], "table-row")
    return made or model


def _repo_alias(col: Collector, model: Mention, cell: TableCell) -> None:
    """A model row named by a link to its Hugging Face repository ("[Foo-7B](…/acme/Foo-7B)"):
    the repository id is the model's alias, when its name part is the model's name."""
    for hint in cell.hints:
        repo = hint.repo_id
        if repo and name_key(repo.split("/", 1)[1]) in (name_key(model.label), name_key(cell.text)):
            col.entity(Mention(cell.start, cell.end, repo, model.type, model.label, "table-link"))


#: what a type cell says a model was made by -> the lineage predicate
_MADE_BY = [(re.compile(r"\bmerg", re.IGNORECASE), "mergedFrom"),
            (re.compile(r"\bquanti[sz]", re.IGNORECASE), "quantizedFrom"),
            (re.compile(r"\bdistill", re.IGNORECASE), "distilledFrom"),
            (re.compile(r"\b(?:adapter|lora)\b", re.IGNORECASE), "adapterOf"),
            (re.compile(r"\b(?:further|continued)\s+pre-?train|\bpre-?train", re.IGNORECASE), "derivedFrom")]


def _base_cell(col: Collector, gaz: Gazetteer, names: _Names, model: Mention, cell: str, kind_of: str,
               at: int, ev: Evidence) -> None:
    """A base-model cell: the row's model was made from that model (fine-tuned, unless the row's
    type cell says merged, quantized, distilled, adapted or further pre-trained)."""
    value = _clean(cell)
    if _EMPTY.match(value) or value.lower() in ("-", "none", "n/a", "scratch", "from scratch"):
        return
    base = _resolve_model(col, gaz, value, names, at, "table-row")
    if base is None or name_key(base.label) == name_key(model.label):
        return
    predicate = next((p for pattern, p in _MADE_BY if pattern.search(kind_of)), "fineTunedFrom")
    col.relation(col.entity(model), predicate, col.entity(base), ev)


#: the cue right before a model named in a description cell -> what the row's model is to it
_DESCRIBED_LINEAGE = [
    (re.compile(r"\b(?:quanti[sz]ed|quanti[sz]ation)\s+(?:version\s+|build\s+)?(?:of|from)\s+$"),
     "quantizedFrom"),
    (re.compile(r"\bdistill(?:ed|ation)\s+(?:version\s+)?(?:of|from)\s+$"), "distilledFrom"),
    (re.compile(r"\b(?:merge|merger|blend)\s+of\s+$"), "mergedFrom"),
    (re.compile(r"\b(?:fine-?tuned|finetuned|instruction-tuned|chat-tuned|tuned|post-trained)\s+"
                r"(?:version\s+)?(?:from|of|on(?:\s+top\s+of)?|off|atop)\s+$"), "fineTunedFrom"),
    (re.compile(r"\b(?:fine-?tunes?|finetunes?)\s+of\s+$"), "fineTunedFrom"),
    (re.compile(r"\b(?:instruct|instruction-tuned|chat|aligned|tuned)\s+(?:version|variant)\s+of\s+$"),
     "fineTunedFrom"),
    (re.compile(r"\b(?:based|built)\s+(?:on|upon)(?:\s+top\s+of)?\s+$|\bderived\s+from\s+$|"
                r"\bderivative\s+of\s+$|\b(?:initiali[sz]ed|continued\s+pre-?training)\s+(?:from|of)\s+$"),
     "derivedFrom"),
    (re.compile(r"\b(?:smaller|lighter|faster|cheaper|larger|bigger|compact|distilled|efficient|"
                r"expensive|capable|powerful)\s+(?:version|variant|sibling)\s+of\s+$"), "memberOfFamily"),
]
#: "... by X" in a description names X as the maker, unless the verb before says otherwise
_DESCRIBED_BY = re.compile(r"(?<![\w-])by\s+(?:the\s+)?(?=\S)", re.IGNORECASE)
_NOT_MAKER_BY = re.compile(
    r"\b(?:powered|inspired|judged|evaluated|rated|ranked|measured|scored|followed|replaced|"
    r"surpassed|beaten|outperformed|used|preferred|supported|backed|funded|acquired|owned|hosted|"
    r"served|sponsored|licensed|distributed|compared|voted|reviewed|adopted|led|driven|limited|"
    r"generated|labell?ed|annotated|sorted|grouped|contributed)\s+(?:\w+\s+)?$", re.IGNORECASE)


def _description_cell(col: Collector, gaz: Gazetteer, names: _Names, model: Mention, cell: TableCell,
                      ev: Evidence) -> None:
    """A description cell says who made the row's model and what it was made from, as an
    apposition to it would: "a chat assistant fine-tuned from X on user data by Y" (fine-tuned
    from X, developed by Y: not X by Y), "Z by Y", "Y language models", "a faster version of X".
    """
    text = cell.text
    if not text or cell.end <= cell.start:
        return
    ref = col.entity(model)
    inside = [m for m in names.mentions if cell.start <= m.start < cell.end]
    # what it was made from: the model right after a lineage cue
    for m in inside:
        if m.type not in ("Model", "ModelFamily") or name_key(m.label) == name_key(model.label):
            continue
        before = col.text[max(cell.start, m.start - 60):m.start]
        before = re.sub(r"(?:\b[A-Z][\w.&-]*(?:'s|’s)\s+)$", "", before)  # "from Meta's X"
        for pattern, predicate in _DESCRIBED_LINEAGE:
            if pattern.search(before.lower()):
                col.relation(ref, predicate, col.entity(m), ev)
                break
    # who made it: the organisation after the last "by", else the one the description opens with
    org: Mention | None = None
    for by in reversed(list(_DESCRIBED_BY.finditer(text))):
        if _NOT_MAKER_BY.search(text[:by.start()]):
            continue
        at = cell.start + by.end()
        named = [m for m in inside if m.start == at]
        if named:
            org = named[0] if named[0].type == "Organization" else None
        else:
            name = re.match(r"[^,;.()\[\]]+", text[by.end():])
            org = _organization(col, gaz, name.group().strip(), names, at) if name else None
        break
    if org is None:
        first = min(inside, key=lambda m: m.start, default=None)
        if first is not None and first.type == "Organization" and first.start == cell.start and \
                re.match(r"(?:['’]s)?\s+[a-z]", col.text[first.end:cell.end]):
            org = first  # "Stability AI language models", "Acme's chat model"
    if org is not None and org.type == "Organization":
        col.relation(ref, "developedBy", col.entity(org), ev)


# --------------------------------------------------------------------------- facts of one model


_FACT_KEYS: list[tuple[str, re.Pattern[str]]] = [
    ("developer", _DEVELOPER),
    ("active", re.compile(r"^(?:#\s*)?(?:active|activated)\s+(?:params?|parameters)(?:\s+per\s+token)?$",
                          re.IGNORECASE)),
    ("params", re.compile(r"^(?:#\s*|number\s+of\s+)?(?:total\s+)?(?:params?|parameters|parameter\s+count|"
                          r"model\s+size|size)$", re.IGNORECASE)),
    ("context", _CONTEXT),
]
#: keys of a one-model facts table that give nothing here but show it is one ("Layers", "Heads")
_SPEC_KEYS = re.compile(r"^(?:#\s*)?(?:layers|heads|attention\s+heads|kv\s+heads|hidden\s+(?:size|dim\w*)|"
                        r"d_model|vocab(?:ulary)?(?:\s+size)?|experts?|(?:num(?:ber)?\s+of\s+)?experts|"
                        r"intermediate\s+size|ffn\s+size|embedding\s+size|precision|tokenizer|"
                        r"gqa.*|position\s+embeddings?|activation|norm\w*|architecture|license|"
                        r"training\s+tokens|tokens)$", re.IGNORECASE)


#: the headers of a key-value table of one model's facts: "| Hyperparameter | Value | Comment |",
#: "| Property | Details |", "| Specification | Value |"
_KV_KEY_HEADER = re.compile(r"^(?:(?:hyper-?)?param(?:eter)?s?|propert(?:y|ies)|attributes?|keys?|fields?|"
                            r"settings?|specs?|specifications?|config(?:uration)?s?|items?|features?|"
                            r"characteristics?)$", re.IGNORECASE)
_KV_VALUE_HEADER = re.compile(r"^(?:values?|settings?|details?|specs?|specifications?|descriptions?|"
                              r"information|info)$", re.IGNORECASE)


def _fact_key(label: str) -> _Column | None:
    """The property a key-value row gives ("Developed by", "Parameters", "Context length")."""
    h = _clean(label).rstrip(":").strip()
    unit_m = _HEADER_UNIT.search(h)
    unit = (parse_number("1", unit_m.group("u")) or 1) if unit_m else 1
    base = h[:unit_m.start()].strip() if unit_m else h
    for kind, pattern in _FACT_KEYS:
        if pattern.match(base):
            return _Column(kind, unit)
    return None


def _facts_table(col: Collector, gaz: Gazetteer, table: _Table, names: _Names) -> bool:
    """A two-column table of one model's facts ("| Developed by | X |", "| Parameters | 14B |").

    The model is the one a "Model" row names, else the document's main model. Returns whether
    the table was of this kind.
    """
    kv = bool(table.record.header) and len(table.header) >= 2 and bool(
        _KV_KEY_HEADER.match(_clean(table.header[0]))) and bool(
        _KV_VALUE_HEADER.match(_clean(table.header[1])))
    if kv:  # "| Hyperparameter | Value | Comment |": keys, their values, notes on them
        rows = [(r[:2], line) for r, line in zip(table.rows, table.body, strict=True)]
    else:
        rows = ([(table.header, table.spans[0])] if table.record.header else []) + \
            list(zip(table.rows, table.body, strict=True))
    if any(len(r) != 2 for r, _ in rows):
        return False
    keyed = [(_fact_key(r[0]), r, line) for r, line in rows]
    if not kv and sum(1 for k, _, _ in keyed if k is not None) < 2 and not (
            _clean(table.header[0]) == "" and any(k is not None for k, _, _ in keyed)):
        return False
    subject = names.main
    for r, line in rows:
        if _MODEL_HEADERS.match(_clean(r[0])) and _clean(r[1]):
            subject = _resolve_model(col, gaz, r[1], names, line[0], "table-row") or subject
    if subject is None or subject.type not in ("Model", "ModelFamily"):
        return True
    for kind, r, line in keyed:
        if kind is not None:
            _cell_fact(col, gaz, names, subject, kind, r[1], line[0], _row_evidence(col, line))
    return True


def _spec_key(label: str) -> _Column | None:
    """What a spec table's row key gives: a fact key ("Parameters", "Context length"), or
    ``_Column("skip")`` for a spec that gives nothing here ("Layers", "Training tokens")."""
    key = _fact_key(label)
    if key is not None:
        return key
    h = re.sub(r"\s*\([^()]*\)\s*$", "", _clean(label).rstrip(":")).strip()
    if _SPEC_KEYS.match(h) or re.search(r"(?i)\b(?:non-?embedding|embedding|layers|heads|hidden|vocab|tokens|"
                                        r"experts?|dimension|dim|activation|attention|rope|theta)\b", h):
        return _fact_key(h) or _Column("skip")
    return None


def _spec_columns_table(col: Collector, gaz: Gazetteer, table: _Table, names: _Names) -> bool:
    """A spec table with one model per column and one property per row (``| | Foo-8B | Foo-70B |``
    over ``| Parameters | 8B | 70B |``, ``| Context length | 128K | 128K |``, ``| Layers | 32 | 80 |``):
    each column's model gets the parameter counts and context windows of its cells. Returns
    whether the table was of this kind (its benchmark rows are read as results after)."""
    if len(table.header) < 2 or not table.rows:
        return False
    keys = [_spec_key(r[0]) if r else None for r in table.rows]
    facts = [k for k in keys if k is not None and k.kind in ("params", "active", "context")]
    if not facts or sum(k is not None for k in keys) < 2:
        return False
    at = table.start
    models: dict[int, Mention] = {}
    for i, h in enumerate(table.header[1:], 1):
        h_clean = _clean(h)
        if not h_clean or _NOTE_HEADERS.search(h_clean):
            continue
        model = _resolve_model(col, gaz, h_clean, names, at, "table-header") or \
            _main_of_size(col, gaz, h_clean, names, at)
        if model is not None and model.type in ("Model", "ModelFamily"):
            models[i] = model
    if not models:
        return False
    for row, line, key in zip(table.rows, table.body, keys, strict=True):
        if key is None or key.kind not in ("params", "active", "context"):
            continue
        ev = _row_evidence(col, line)
        for i, model in models.items():
            if i < len(row):
                _cell_fact(col, gaz, names, model, key, row[i], line[0], ev)
    return True


def _facts_header_table(col: Collector, gaz: Gazetteer, table: _Table, names: _Names) -> bool:
    """A one-row table whose header row holds the keys of one model's facts (``| Parameters |
    Layers | Heads | Sequence Length |`` over ``| 1.6B | 24 | 32 | 4096 |``): its facts are the
    document's main model's. Returns whether the table was of this kind."""
    if len(table.rows) != 1 or not table.record.header:
        return False
    keys = [_fact_key(h) for h in table.header]
    if not any(k is not None and k.kind != "developer" for k in keys) or not all(
            k is not None or _SPEC_KEYS.match(_clean(h)) or not _clean(h) for k, h in zip(keys, table.header,
                                                                                      strict=True)):
        return False
    subject = names.main
    if subject is None or subject.type not in ("Model", "ModelFamily"):
        return True
    line = table.body[0]
    ev = _row_evidence(col, line)
    for key, cell in zip(keys, table.rows[0], strict=False):
        if key is not None:
            _cell_fact(col, gaz, names, subject, key, cell, line[0], ev)
    return True


def _cell_fact(col: Collector, gaz: Gazetteer, names: _Names, model: Mention, kind: _Column,
               cell: str, at: int, ev: Evidence) -> None:
    """Record what a developer, parameters or context cell says about ``model``."""
    value = _clean(cell)
    if _EMPTY.match(value):
        return
    ref = col.entity(model)
    if kind.kind == "developer":
        org = _organization(col, gaz, value, names, at)
        if org is not None:
            col.relation(ref, "developedBy", col.entity(org), ev)
    elif kind.kind in ("params", "active"):
        total, active = _parameter_counts(value, kind.unit)
        if kind.kind == "active":
            total, active = None, active or total
        if total:
            _set_attribute(col, ref, "totalParameters", total, ev)
        if active:
            _set_attribute(col, ref, "activeParameters", active, ev)
    elif kind.kind == "context":
        tokens = _context_tokens(value, kind.unit)
        if tokens:
            _set_attribute(col, ref, "contextWindowTokens", tokens, ev)


def _organization(col: Collector, gaz: Gazetteer, value: str, names: _Names, at: int) -> Mention | None:
    """The organization a developer cell names (one known to the text or the gazetteer, or a
    capitalised name)."""
    name = re.sub(r"\s*\(.*?\)\s*$", "", value).strip()
    key = name_key(name)
    if key in names.orgs:
        return names.orgs[key]
    entry = gaz.lookup(name)
    if entry is not None:
        if entry.type != "Organization":
            return None
        return _mention_at(col.text, name, at, "Organization", entry.label, "table-row")
    if not re.match(r"^[A-Z0-9]", name) or len(name) > 60 or len(name.split()) > 5 or \
            not re.search(r"[^\W\d_]{2,}", name) or re.search(r"[,;/&]|\band\b", name):
        return None
    return _mention_at(col.text, name, at, "Organization", name, "table-row")


def _parameter_counts(cell: str, unit: int = 1) -> tuple[int | None, int | None]:
    """Total and active parameter counts in a table cell.

    A bare number needs a unit from the column header (``unit``) or must be a full count (a
    million or more: "1,644,417,024"); "8x7B" is an expert layout, not a count.

    >>> _parameter_counts("146B total, 41B active")
    (146000000000, 41000000000)
    >>> _parameter_counts("14.7 billion")
    (14700000000, None)
    >>> _parameter_counts("47B (13B active)")
    (47000000000, 13000000000)
    >>> _parameter_counts("32", 10**9), _parameter_counts("1,644,417,024"), _parameter_counts("7.2", 10**9)
    ((32000000000, None), (1644417024, None), (7200000000, None))
    >>> _parameter_counts("8x7B"), _parameter_counts("4.9 GB")
    ((None, None), (None, None))
    """
    if re.search(r"\d\s*[x×]\s*\d", cell) or re.search(r"\d\s*[GMKT]i?B\b", cell):
        return None, None
    total = active = None
    for m in _AMOUNT.finditer(cell.replace("~", "").replace("≈", "")):
        if m.group("unit"):
            n = parse_number(m.group("num"), m.group("unit"))
        elif unit > 1:  # "7.2" under "Params (B)": 7.2 billion, not 7 (parse_number rounds)
            n = round(float(m.group("num").replace(",", "")) * unit) or None
        elif re.fullmatch(r"\d{1,3}(?:,\d{3}){2,}", m.group("num")):
            n = parse_number(m.group("num"), None)
        else:
            n = None
        if n is None or n < 10**6:
            continue
        rest = cell[m.end():m.end() + 12].lower()
        if (m.group("kind") or "").lower().startswith("activ") or rest.lstrip().startswith("activ"):
            active = active or n
        elif total is None:
            total = n
    return total, active


def _context_tokens(cell: str, unit: int = 1) -> int | None:
    """The context window a table cell gives, in tokens.

    >>> _context_tokens("128K"), _context_tokens("131,072 tokens"), _context_tokens("32", 1000)
    (128000, 131072, 32000)
    """
    m = re.search(r"(?P<num>\d+(?:,\d{3})*(?:\.\d+)?)\s*(?P<unit>[KM](?![A-Za-z])|k(?![A-Za-z])|"
                  r"thousand|million)?", cell)
    if m is None:
        return None
    n = parse_number(m.group("num"), m.group("unit").upper() if m.group("unit") and
                     len(m.group("unit")) == 1 else m.group("unit"))
    if n is not None and not m.group("unit"):
        n = round(float(m.group("num").replace(",", "")) * unit)
    return n if n is not None and 256 <= n <= 10**9 else None


def _set_attribute(col: Collector, ref: EntityRef, prop: str, value: int, ev: Evidence) -> None:
    """Record an attribute from a table row; the row overrides what prose rules found for it."""
    for key in [k for k in col.attributes if k[0] == ref and k[1] == prop
                and col.attributes[k].evidence.rule != "table-row"]:
        del col.attributes[key]
    if not any(k[0] == ref and k[1] == prop for k in col.attributes):
        col.attributes[(ref, prop, value)] = Attribute(ref, prop, value, ev)


def _cell_result(col: Collector, model: Mention, bench: Mention, cell: str, ev: Evidence,
                 metric: str | None, marked: dict[str, Mention]) -> None:
    """Record the result in one table cell, if the cell holds a number.

    A cell with a footnote mark that a note gives to another model ("marked † is for X-Base")
    is that model's result.
    """
    m = _NUM_CELL.match(cell.strip()) or _FRACTION_CELL.match(cell.strip())
    if m is None:
        return
    if m.re is _FRACTION_CELL and int(m.group("n")) > int(m.group("of")):
        return  # not problems solved out of a set
    mark = m.group("mark")
    if mark and mark in marked:
        model = marked[mark]
    mref, bref = col.entity(model), col.entity(bench)
    score = float(m.group("n").replace(",", ""))
    col.results.setdefault((mref, bref, score), Result(mref, bref, score, ev, metric=metric))


# --------------------------------------------------------------------------- a table flattened to lines


#: the first word of a flattened table's header line: the column of model names
_FLAT_HEADER = re.compile(r"[ \t]*(?:models?|model\s+name|methods?|systems?)[ \t]+(?=\S)", re.IGNORECASE)
#: one cell of a flattened row: a score, or a dash where there is none
_FLAT_SCORE = re.compile(r"(?:\d+(?:\.\d+)?%?[*†‡]*|[-–—]|n/?a)", re.IGNORECASE)


def _lines_from(text: str, start: int) -> list[tuple[int, int]]:
    """The spans of the lines of ``text`` from ``start`` on, up to a blank line (at most 60)."""
    out: list[tuple[int, int]] = []
    at = start
    while at < len(text) and len(out) < 60:
        end = text.find("\n", at)
        end = len(text) if end < 0 else end
        if not text[at:end].strip():
            break
        out.append((at, end))
        at = end + 1
    return out


def _flat_row(line: str) -> tuple[str, list[str]] | None:
    """A flattened row's name and its cells, the notes in brackets dropped ("Foo 7B 61.2 (5-shot)
    58.0(8-shot)" -> ("Foo 7B", ["61.2", "58.0"])); ``None`` for a line that is no such row."""
    tokens = re.sub(r"\([^()]{0,60}\)", " ", line).split()
    k = 0
    while k < len(tokens) and _FLAT_SCORE.fullmatch(tokens[len(tokens) - 1 - k]):
        k += 1
    name = " ".join(tokens[:len(tokens) - k])
    if k == 0 or not re.match(r"[^\W\d_]", name) or len(name.split()) > 8:
        return None
    return name, tokens[len(tokens) - k:]


def _interval_note(rest: str) -> str:
    """What is left of a one-benchmark header after the benchmark: nothing, or its interval's
    note ("(95% CI)")."""
    note = rest.strip(" \t()")
    return note if re.fullmatch(r"(?i)(?:\d+%\s*)?(?:CI|confidence\s+interval)|", note) else "\0"


def _glued_model(name: str, names: _Names) -> Mention | None:
    """The model a flattened row names when its cell's lines were run together: a model the text
    names, followed without a space by the next line of the cell ("Foo ProBase model" -> Foo Pro)."""
    best: Mention | None = None
    for m in names.mentions:
        if m.type not in ("Model", "ModelFamily") or len(m.text) < 4:
            continue
        if name.startswith(m.text) and len(name) > len(m.text) and name[len(m.text)].isupper() and \
                name[len(m.text) - 1].isalnum() and (best is None or len(m.text) > len(best.text)):
            best = m
    return best


def _flat_tables(col: Collector, gaz: Gazetteer, names: _Names, records: Sequence[Table]) -> None:
    """Tables whose cells lost their separators when a page was flattened to text: a header line
    "Model <benchmark> (<note>) <benchmark> ...", then one line per model, "<name> <score>
    (<setting>) <score> ...". The benchmarks are those the header names, outside its notes; a
    row's scores go to them in order (a row with one score fewer leaves the last one out).
    """
    spans = [(r.start, r.end) for r in records]
    for head in _FLAT_HEADER.finditer(col.text):
        start = head.start()
        if start and col.text[start - 1] != "\n" or any(a <= start < b for a, b in spans):
            continue
        end = col.text.find("\n", start)
        end = len(col.text) if end < 0 else end
        line = col.text[start:end]
        if "|" in line or "\t" in line:
            continue
        benches: list[Mention] = []
        for m in names.mentions:
            if m.type == "Benchmark" and start <= m.start < end and \
                    line[:m.start - start].count("(") == line[:m.start - start].count(")") and \
                    not any(b.start <= m.start < b.end for b in benches):
                benches.append(m)
        n = len(benches)
        if n < 1 or n == 1 and line[benches[0].end - start:].strip(" \t()") != \
                _interval_note(line[benches[0].end - start:]):
            continue  # one benchmark: the header ends with it (and its interval's note)
        rows = [(a, b, _flat_row(col.text[a:b])) for a, b in _lines_from(col.text, end + 1)]
        read = []
        for a, b, row in rows:
            if row is None or len(row[1]) > n + 1 or len(row[1]) < max(2 if n > 1 else 1, n - 1) or \
                    n == 1 and len(row[1]) != 1:
                break
            read.append((a, b, row))
        if len(read) < 2 or not any(len(r[2][1]) == n for r in read):
            continue
        for a, b, (name, cells) in read:
            if len(cells) == n + 1:  # "Foo - Stage 1 53.7 56.0": the first number ends the name
                name, cells = f"{name} {cells[0]}", cells[1:]
            if " + " in name:
                continue  # a model with a method added ("Foo-7B + Self-Refine"): not the model's own
            model = _glued_model(name, names) or _resolve_model(col, gaz, name, names, a, "table-row")
            if model is None:
                continue
            ev = _row_evidence(col, (a, b))
            for bench, cell in zip(benches, cells, strict=False):
                _cell_result(col, model, bench, cell, ev, None, {})


# --------------------------------------------------------------------------- keyed rows


#: one row an evaluation script prints: "<model> | score: 71.3 | 95% CI: (-2.0, 1.9) | ..."
_KEYED_ROW = re.compile(r"(?P<name>[^|:\n]*[^\W\d_][^|:\n]*?)\s*\|(?P<cells>(?:[^|\n]+:[^|\n]*\|?)+)")
_KEYED_CELL = re.compile(r"\s*(?P<label>[^:|]{1,40}?)\s*:\s*(?P<value>[^|]*?)\s*(?:\||$)")
#: a cell label that holds the score on the benchmark the text around the rows names
_SCORE_LABEL = re.compile(r"(?i)^(?:score|win[\s-]?rate|elo(?:\s+rating)?|rating)$")
#: a word of prose that may be a benchmark's name ("arena-hard", "MT-Bench"), not a plain word
_BENCH_WORD = re.compile(r"[A-Za-z][\w.+]*(?:-[\w.+]+)+|[A-Za-z]*[A-Z0-9][\w.+]*")


def _keyed_runs(text: str) -> list[list[tuple[int, int, re.Match[str]]]]:
    """Runs of two or more consecutive keyed rows (each line "<name> | <label>: <value> | ...")."""
    runs: list[list[tuple[int, int, re.Match[str]]]] = []
    current: list[tuple[int, int, re.Match[str]]] = []
    at = 0
    for line in text.split("\n"):
        m = _KEYED_ROW.fullmatch(line.rstrip())
        if m is not None:
            current.append((at, at + len(line), m))
        else:
            if len(current) >= 2:
                runs.append(current)
            current = []
        at += len(line) + 1
    if len(current) >= 2:
        runs.append(current)
    return runs


def _introduced_benchmark(col: Collector, gaz: Gazetteer, names: _Names, start: int) -> Mention | None:
    """The one benchmark the paragraph introducing rows at ``start`` names ("... on arena-hard:"),
    a benchmark mention or a gazetteer benchmark written as a name-like word; ``None`` when it
    names none or several."""
    hi = start
    base = col.text.rfind("\n\n", 0, hi) + 2
    if base >= 2 and not col.text[base:hi].strip():  # the rows follow a blank line
        hi = base - 2
        base = col.text.rfind("\n\n", 0, hi) + 2
    base = max(base, 0) if base >= 2 else 0
    intro = col.text[base:hi]
    found: dict[str, Mention] = {}
    for m in names.mentions:
        if m.type == "Benchmark" and base <= m.start < base + len(intro):
            found.setdefault(m.label, m)
    words = list(_BENCH_WORD.finditer(intro))
    for i, w in enumerate(words):
        spans = [(w.start(), w.end())]
        if i + 1 < len(words) and intro[w.end():words[i + 1].start()] == " ":
            spans.append((w.start(), words[i + 1].end()))
        for a, b in spans:
            entry = gaz.lookup(intro[a:b])
            if entry is not None and entry.type == "Benchmark" and entry.label not in found:
                found[entry.label] = _mention_at(col.text, intro[a:b], base + a, "Benchmark",
                                                 entry.label, "table-intro")
    return next(iter(found.values())) if len(found) == 1 else None


def _keyed_rows(col: Collector, gaz: Gazetteer, names: _Names, records: Sequence[Table]) -> None:
    """Rows an evaluation script prints, one model a line with labelled cells ("<model> | score:
    71.3 | 95% CI: (-2.0, 1.9) | average tokens: 600"): a cell labelled as a score is the model's
    result on the one benchmark the introducing paragraph names; a cell labelled with a
    benchmark's name is its result there. Other cells (intervals, lengths) are not results.
    """
    spans = [(r.start, r.end) for r in records]
    for run in _keyed_runs(col.text):
        if any(a <= run[0][0] < b for a, b in spans):
            continue
        intro: Mention | None = None
        for a, b, m in run:
            cells = [(c.group("label"), c.group("value")) for c in _KEYED_CELL.finditer(m.group("cells"))]
            scored: list[tuple[Mention, str]] = []
            for label, value in cells:
                if _SCORE_LABEL.match(label):
                    intro = intro or _introduced_benchmark(col, gaz, names, run[0][0])
                    if intro is not None:
                        scored.append((intro, value))
                elif (named := _named_benchmark(col, gaz, names, label)) is not None:
                    scored.append((named, value))
            if not scored:
                continue
            model = _resolve_model(col, gaz, m.group("name"), names, a, "table-row")
            if model is None:
                continue
            ev = _row_evidence(col, (a, b))
            for bench, value in scored:
                _cell_result(col, model, bench, value, ev, None, {})
