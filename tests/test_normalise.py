"""Specs for the normalisation stage (``ingest.normalise``): Markdown and HTML reduced to clean
text, blocks kept as lines, tables read as records, link hints and offsets kept honest.

Every fixture is written here, about invented models ("Brisa-3", "Corra-2", "Tovey-5"), labs
("Quillfeather Labs", "Velvetine") and benchmarks ("GlimmerQA", "RidgeMath").
"""

from __future__ import annotations

import pytest
from spacy.language import Language

from ingest.normalise import normalise, normalise_inline, read_tables, render_table
from ingest.pipeline import extract_document
from ingest.records import Document, Extraction, LinkHint, NormalisedText


def _text(source: str) -> str:
    return normalise(source).text


# --------------------------------------------------------------------------- inline syntax


@pytest.mark.parametrize(("source", "clean"), [
    ("Try [Brisa-3](https://example.org/brisa) today.", "Try Brisa-3 today."),
    ("Try [**Brisa-3**](https://example.org/brisa) today.", "Try Brisa-3 today."),
    ("Try [ Brisa-3 ](https://example.org/brisa) today.", "Try Brisa-3 today."),
    ('See [the card](https://example.org/c "Card title") now.', "See the card now."),
    ("See [the card][card] now.\n\n[card]: https://example.org/card", "See the card now."),
    ("Logo ![Brisa logo](https://example.org/logo.png) here.", "Logo  here."),
    ("Badge [![build](https://example.org/b.svg)](https://example.org/ci) here.", "Badge  here."),
    ("Mail <https://example.org/x> us.", "Mail https://example.org/x us."),
])
def test_links_and_images_become_their_text(source: str, clean: str) -> None:
    assert _text(source).strip() == clean


@pytest.mark.parametrize(("source", "clean"), [
    ("**Brisa-3** leads.", "Brisa-3 leads."),
    ("__Brisa-3__ leads.", "Brisa-3 leads."),
    ("*Brisa-3* leads.", "Brisa-3 leads."),
    ("_Brisa-3_ leads.", "Brisa-3 leads."),
    ("~~Brisa-2~~ Brisa-3 leads.", "Brisa-2 Brisa-3 leads."),
    ("***Brisa-3*** leads.", "Brisa-3 leads."),
    ("Brisa**-**3 leads.", "Brisa-3 leads."),
    ("Call `Brisa-3` from code.", "Call Brisa-3 from code."),
    ("Call ``Brisa`3`` from code.", "Call Brisa`3 from code."),
])
def test_emphasis_and_code_markers_go(source: str, clean: str) -> None:
    assert _text(source).strip() == clean


@pytest.mark.parametrize("source", [
    "The file type GGML_TYPE_Q4_K is used.",
    "Set max_new_tokens to 64.",
    "Scores 5 * 3 and 4 * 2 are not emphasis.",
    "Keep the mark on GPT-Z* and the sum 2*3.",
    "Its 128K window is [on paper] the largest.",
])
def test_text_that_only_looks_like_syntax_is_kept(source: str) -> None:
    assert _text(source).strip() == source


@pytest.mark.parametrize(("source", "clean"), [
    ("Brisa-3 <u>wins</u> <b>twice</b>.", "Brisa-3 wins twice."),
    ('Brisa-3 <span style="color:red">wins</span>.', "Brisa-3 wins."),
    ("Brisa-3 scores 61.0<sup>*</sup> on GlimmerQA.", "Brisa-3 scores 61.0* on GlimmerQA."),
    ("Brisa-3 is open<sup>2</sup> and fast.", "Brisa-3 is open and fast."),
    ("Quillfeather &amp; Velvetine&#39;s models", "Quillfeather & Velvetine's models"),
    ("Brisa&nbsp;3 is new.", "Brisa 3 is new."),
    (r"An escaped \*star\* and a \[bracket\].", "An escaped *star* and a [bracket]."),
    ("Brisa-3 leads[^1] the chart.", "Brisa-3 leads the chart."),
    ("Brisa-3 was distilled from Corra-2 [3][4].", "Brisa-3 was distilled from Corra-2."),
    ("Brisa-3 was distilled from Corra-2[12].", "Brisa-3 was distilled from Corra-2."),
    ("We love #Brisa3 and #OpenModels here.", "We love Brisa3 and OpenModels here."),
    ('{{< button href="https://example.org" label="DEMO" >}} Brisa-3 is out.', "Brisa-3 is out."),
    ("Brisa-3 <!-- draft note --> is out.", "Brisa-3 is out."),
    ("The answer follows <think> in its output.", "The answer follows <think> in its output."),
    ("Brisa\u200b-3 is out.", "Brisa-3 is out."),
])
def test_inline_html_entities_escapes_and_footnotes(source: str, clean: str) -> None:
    assert _text(source).strip() == clean


def test_a_break_tag_splits_a_line_of_prose() -> None:
    assert _text("Brisa-3 is out.<br>Corra-2 follows.") == "Brisa-3 is out.\nCorra-2 follows.\n"


def test_a_line_of_hashtags_is_dropped() -> None:
    assert _text("Brisa-3 is out.\n\n#AI #OpenModels #Brisa\n\nCorra-2 follows.") == \
        "Brisa-3 is out.\n\nCorra-2 follows.\n"


def test_html_comments_over_several_lines_are_dropped() -> None:
    assert _text("Brisa-3 is out.\n<!-- a note\nover lines -->\nCorra-2 follows.\n") == \
        "Brisa-3 is out.\n\nCorra-2 follows.\n"


def test_script_and_details_summary_are_dropped() -> None:
    text = _text("<details>\n<summary>Click to expand</summary>\nBrisa-3 is out.\n</details>\n"
                 "<script>var x = 1;</script>\n")
    assert text == "Brisa-3 is out.\n"


@pytest.mark.parametrize(("source", "clean"), [
    ("# `Brisa 3 7B`", "Brisa 3 7B"),
    ("[**Corra-2**](https://example.org/c) &amp; friends", "Corra-2 & friends"),
    ("Brisa<br>3", "Brisa 3"),
])
def test_normalise_inline_cleans_a_title(source: str, clean: str) -> None:
    assert normalise_inline(source.lstrip("# ")) == clean


# --------------------------------------------------------------------------- link hints


def test_a_link_leaves_a_hint_over_its_text() -> None:
    n = normalise("Built on [**Corra-2-7B**](https://huggingface.co/velvetine/Corra-2-7B).")
    [hint] = n.hints
    assert n.text[hint.start:hint.end] == "Corra-2-7B"
    assert hint.url == "https://huggingface.co/velvetine/Corra-2-7B"
    assert hint.repo_id == "velvetine/Corra-2-7B"


def test_html_anchors_and_bare_urls_leave_hints() -> None:
    n = normalise('See <a href="https://example.org/brisa">the Brisa card</a> or https://example.org/c.')
    assert [(n.text[h.start:h.end], h.url) for h in n.hints] == [
        ("the Brisa card", "https://example.org/brisa"), ("https://example.org/c", "https://example.org/c")]


def test_anchor_links_leave_no_hint() -> None:
    n = normalise("Read the [usage notes](#usage) first.")
    assert n.text == "Read the usage notes first.\n" and n.hints == ()


@pytest.mark.parametrize(("url", "repo"), [
    ("https://huggingface.co/velvetine/Corra-2-7B", "velvetine/Corra-2-7B"),
    ("https://huggingface.co/velvetine/Corra-2-7B/blob/main/README.md", "velvetine/Corra-2-7B"),
    ("https://hf.co/quill/Brisa-3", "quill/Brisa-3"),
    ("https://huggingface.co/datasets/quill/glimmer", None),
    ("https://huggingface.co/spaces/quill/demo", None),
    ("https://github.com/quill/brisa", None),
])
def test_repo_id_of_a_hugging_face_model_url(url: str, repo: str | None) -> None:
    assert LinkHint(0, 1, url).repo_id == repo


def test_a_url_with_underscores_is_not_emphasis() -> None:
    source = "Files at https://example.org/a_b_c_d/_x_ today."
    assert _text(source).strip() == source


# --------------------------------------------------------------------------- blocks


def test_a_heading_is_its_own_paragraph_without_its_marks() -> None:
    n = normalise("## Brisa-3 results ##\nBrisa-3 scores 61.0 on GlimmerQA.")
    assert n.text == "Brisa-3 results\n\nBrisa-3 scores 61.0 on GlimmerQA.\n"
    [heading] = [b for b in n.blocks if b.kind == "heading"]
    assert (n.text[heading.start:heading.end], heading.level) == ("Brisa-3 results", 2)


@pytest.mark.parametrize("underline", ["======", "------"])
def test_a_setext_heading_loses_its_underline(underline: str) -> None:
    n = normalise(f"Brisa-3 results\n{underline}\n\nBrisa-3 scores 61.0.")
    assert n.text == "Brisa-3 results\n\nBrisa-3 scores 61.0.\n"


@pytest.mark.parametrize(("source", "clean"), [
    ("* **Developed by:** Quillfeather Labs", "- Developed by: Quillfeather Labs"),
    ("+ Brisa-3", "- Brisa-3"),
    ("• Brisa-3", "- Brisa-3"),
    ("3) Brisa-3", "3) Brisa-3"),
    ("2. [Brisa-3-7B](https://example.org/b)", "2. Brisa-3-7B"),
])
def test_list_items_keep_a_plain_marker(source: str, clean: str) -> None:
    assert _text(source) == clean + "\n"


def test_a_wrapped_list_item_is_one_line() -> None:
    source = ("- Brisa-3 handles English,\n  French and German, and performs strongly\n"
              "on code. It was released in May.\n- Corra-2 follows.\n")
    assert _text(source) == ("- Brisa-3 handles English, French and German, and performs strongly "
                             "on code. It was released in May.\n- Corra-2 follows.\n")


def test_a_blockquote_loses_its_marks() -> None:
    n = normalise("> Brisa-3 is *very* good.\n>\n> > Corra-2 too.")
    assert n.text == "Brisa-3 is very good.\n\nCorra-2 too.\n"
    assert {b.kind for b in n.blocks} == {"quote"}


@pytest.mark.parametrize("rule", ["---", "***", "___", "- - -"])
def test_a_rule_is_a_paragraph_break(rule: str) -> None:
    assert _text(f"Brisa-3 is out.\n\n{rule}\n\nCorra-2 follows.") == "Brisa-3 is out.\n\nCorra-2 follows.\n"


def test_fenced_code_is_kept_out_of_the_text_and_recorded() -> None:
    n = normalise("Load it:\n\n```python\nmodel = load('quill/Brisa-3')\n```\n\nThen run it.")
    assert n.text == "Load it:\n\nThen run it.\n"
    [code] = n.code
    assert (code.info, code.text) == ("python", "model = load('quill/Brisa-3')\n")
    assert [b.kind for b in n.blocks if b.kind == "code"] == ["code"]


def test_a_fence_that_is_never_closed_is_prose() -> None:
    assert _text("```\nBrisa-3 is out.") == "```\nBrisa-3 is out.\n"


def test_a_table_inside_a_code_fence_is_read_as_a_table() -> None:
    n = normalise("```\n| Task | Score |\n|---|---|\n| GlimmerQA | 61.0 |\n```\n")
    [table] = n.tables
    assert table.body[0].texts == ("GlimmerQA", "61.0")


def test_blank_lines_collapse_and_the_text_ends_with_one_newline() -> None:
    assert _text("Brisa-3.\n\n\n\nCorra-2.\n\n\n") == "Brisa-3.\n\nCorra-2.\n"


@pytest.mark.parametrize("source", [
    "Quillfeather Labs released Brisa-3 today. It has 7B parameters.\nCorra-2 follows.\n",
    "Brisa-3 (7B) beats Corra-2 on GlimmerQA: 61.0 against 55.2.\n",
])
def test_plain_prose_passes_through_unchanged(source: str) -> None:
    assert _text(source) == source


# --------------------------------------------------------------------------- tables

PIPES = """\
| Model | GlimmerQA | RidgeMath |
|:------|----------:|:---------:|
| [**Brisa-3-7B**](https://huggingface.co/quill/Brisa-3-7B) | **61.0** | <u>40.2</u> |
| Corra-2-9B | 55.2 | 38.0 |
"""


NO_OUTER_PIPES = """\
Model | GlimmerQA | RidgeMath
:------|----------:|:---------:
[**Brisa-3-7B**](https://huggingface.co/quill/Brisa-3-7B) | **61.0** | <u>40.2</u>
Corra-2-9B | 55.2 | 38.0
"""


@pytest.mark.parametrize("source", [PIPES, NO_OUTER_PIPES])
def test_pipe_table_cells_are_clean(source: str) -> None:
    [table] = normalise(source).tables
    assert table.header[0].texts == ("Model", "GlimmerQA", "RidgeMath")
    assert [r.texts for r in table.body] == [("Brisa-3-7B", "61.0", "40.2"), ("Corra-2-9B", "55.2", "38.0")]


def test_a_table_is_rendered_as_clean_pipe_rows() -> None:
    assert _text(PIPES) == ("| Model | GlimmerQA | RidgeMath |\n| --- | --- | --- |\n"
                            "| Brisa-3-7B | 61.0 | 40.2 |\n| Corra-2-9B | 55.2 | 38.0 |\n")


def test_cell_spans_index_the_normalised_text() -> None:
    n = normalise(PIPES)
    [table] = n.tables
    for row in (*table.header, *table.body):
        assert n.text[row.start:row.end].startswith("|")
        for cell in row.cells:
            assert n.text[cell.start:cell.end] == cell.text


def test_a_cell_keeps_its_link() -> None:
    n = normalise(PIPES)
    [hint] = n.tables[0].body[0].cells[0].hints
    assert (n.text[hint.start:hint.end], hint.repo_id) == ("Brisa-3-7B", "quill/Brisa-3-7B")


def test_an_escaped_pipe_stays_inside_its_cell() -> None:
    [table] = normalise("| Model | Note |\n|---|---|\n| Brisa-3 | fast \\| small |\n").tables
    assert table.body[0].texts == ("Brisa-3", "fast / small")


def test_empty_separator_rows_are_dropped() -> None:
    [table] = normalise("| Model | GlimmerQA |\n|---|---|\n| Brisa-3 | 61.0 |\n| | |\n| Corra-2 | 55.2 |\n").tables
    assert [r.texts[0] for r in table.body] == ["Brisa-3", "Corra-2"]


def test_a_pipe_table_without_a_rule_row() -> None:
    [table] = normalise("| Model | GlimmerQA |\n| Brisa-3 | 61.0 |\n| Corra-2 | 55.2 |\n").tables
    assert table.header[0].texts == ("Model", "GlimmerQA")
    assert len(table.body) == 2


HTML_TABLE = """\
Scores below.
<table>
  <thead>
    <tr><th rowspan="2">Model</th><th colspan="2">GlimmerQA</th><th>RidgeMath</th></tr>
    <tr><th>base</th><th>chat</th><th>Avg. Score</th></tr>
  </thead>
  <tbody>
    <tr><td><a href="https://huggingface.co/quill/Brisa-3">Brisa-3</a></td><td>61.0</td><td>63.5</td><td>40.2</td></tr>
    <tr><td>Corra-2 &amp; co</td><td>55.2</td><td>57.0<br>(new)</td><td>38.0</td></tr>
  </tbody>
</table>
After the table.
"""


def test_html_table_inside_markdown_is_read() -> None:
    n = normalise(HTML_TABLE)
    [table] = n.tables
    assert table.layout == "html"
    assert [r.texts for r in table.body] == [("Brisa-3", "61.0", "63.5", "40.2"),
                                              ("Corra-2 & co", "55.2", "57.0 (new)", "38.0")]
    assert n.text.startswith("Scores below.\n\n|") and n.text.endswith("|\n\nAfter the table.\n")


def test_html_table_spans_fill_the_grid_and_join_in_the_header() -> None:
    [table] = normalise(HTML_TABLE).tables
    assert len(table.header) == 2
    assert [table.column_label(i) for i in range(table.width)] == [
        "Model", "GlimmerQA / base", "GlimmerQA / chat", "RidgeMath / Avg. Score"]
    assert table.header[0].cells[1].colspan == 2 and table.header[0].cells[0].rowspan == 2


def test_html_table_without_header_cells_uses_its_first_row() -> None:
    [table] = normalise("<table><tr><td>Model</td><td>GlimmerQA</td></tr>"
                        "<tr><td>Brisa-3</td><td>61.0</td></tr></table>").tables
    assert table.header[0].texts == ("Model", "GlimmerQA") and table.body[0].texts == ("Brisa-3", "61.0")


def test_huge_html_spans_are_capped() -> None:
    [table] = normalise('<table><tr><th colspan="100000">Model</th></tr>'
                        "<tr><td>Brisa-3</td></tr></table>").tables
    assert table.width == 100


ALIGNED = """\
Table 2: results.

Model            GlimmerQA    RidgeMath
Brisa-3-7B       61.0         40.2
Corra-2-9B       55.2         38.0
Tovey-5-Mini     48.9         30.1

Brisa-3-7B leads.
"""


TABS = ("Table 2: results.\n\nModel\tGlimmerQA\tRidgeMath\nBrisa-3-7B\t61.0\t40.2\n"
        "Corra-2-9B\t55.2\t38.0\nTovey-5-Mini\t48.9\t30.1\n\nBrisa-3-7B leads.\n")


@pytest.mark.parametrize("source", [ALIGNED, TABS])
def test_whitespace_aligned_columns_are_a_table(source: str) -> None:
    n = normalise(source)
    [table] = n.tables
    assert table.layout == "aligned"
    assert table.header[0].texts == ("Model", "GlimmerQA", "RidgeMath")
    assert table.body[2].texts == ("Tovey-5-Mini", "48.9", "30.1")
    assert "| Corra-2-9B | 55.2 | 38.0 |" in n.text


@pytest.mark.parametrize("source", [
    # an author list: names separated by two spaces, not in columns
    "Ana Brisa1  Tom Corra2  Li Tovey1\nJo Quill  Maria Velvet  Sam Ridge1\nAl Glim2  Bo Dune  Cy Marsh\n",
    # aligned words with no numbers
    "Brisa       fast     small\nCorra       slow     large\nTovey       fast     large\n",
    # prose with two spaces after full stops
    "Brisa-3 is out.  It is fast.\nCorra-2 follows.  It is slower than 7B.\nWe tested both.  Both run.\n",
])
def test_text_with_gaps_that_is_not_a_table(source: str) -> None:
    assert normalise(source).tables == ()


def test_aligned_table_without_a_corner_cell() -> None:
    n = normalise("                 GlimmerQA    RidgeMath\nBrisa-3-7B       61.0         40.2\n"
                  "Corra-2-9B       55.2         38.0\n")
    [table] = n.tables
    assert table.header[0].texts == ("", "GlimmerQA", "RidgeMath")


def test_render_table_lists_columns_and_rows() -> None:
    [table] = normalise(HTML_TABLE).tables
    lines = render_table(table).splitlines()
    assert lines[0].startswith("table (html, 4 columns, 2 header rows, 2 body rows) at ")
    assert lines[1] == "  columns: Model | GlimmerQA / base | GlimmerQA / chat | RidgeMath / Avg. Score"
    assert lines[2] == "  row 1: Brisa-3 | 61.0 | 63.5 | 40.2"


# --------------------------------------------------------------------------- offsets

CARD = """\
# Brisa-3-7B

Brisa-3-7B is a **7B** model by [Quillfeather Labs](https://example.org/q), fine-tuned from
`Corra-2-7B`. It scores *61.0* on GlimmerQA&trade;.

- **Context window:** 32K tokens

| Benchmark | Brisa-3-7B |
|---|---|
| **GlimmerQA** | 61.0 |
"""


@pytest.mark.parametrize("word", ["Quillfeather Labs", "Corra-2-7B", "61.0", "GlimmerQA", "32K tokens"])
def test_offsets_map_copied_text_back_to_the_source(word: str) -> None:
    n = normalise(CARD)
    at = n.text.index(word)
    s, e = n.source_span(at, at + len(word))
    assert CARD[s:e] == word


def test_every_table_cell_maps_back_to_its_source_text() -> None:
    n = normalise(PIPES)
    for row in n.tables[0].body:
        for cell in row.cells:
            s, e = n.source_span(cell.start, cell.end)
            assert PIPES[s:e] == cell.text


def test_read_tables_gives_spans_in_the_text_it_was_given() -> None:
    [table] = read_tables(PIPES)
    row = table.body[1]
    assert PIPES[row.start:row.end] == "| Corra-2-9B | 55.2 | 38.0 |"
    assert [PIPES[c.start:c.end] for c in row.cells] == ["Corra-2-9B", "55.2", "38.0"]


@pytest.mark.parametrize("source", [CARD, PIPES, HTML_TABLE, ALIGNED,
                                    "> quote\n\n- item\n  wrapped\n\n```\ncode\n```\n"])
def test_normalising_twice_changes_nothing(source: str) -> None:
    once = normalise(source)
    twice = normalise(once.text)
    assert twice.text == once.text
    assert [[r.texts for r in t.body] for t in twice.tables] == [[r.texts for r in t.body] for t in once.tables]


def test_an_empty_text_normalises_to_nothing() -> None:
    assert normalise("") == NormalisedText("")


# --------------------------------------------------------------------------- hostile input


@pytest.mark.parametrize("source", [
    "[" * 40_000,
    "[x](" * 20_000,
    "**x " * 10_000,
    "<a href='u'>" * 10_000,
    "<table>\n" * 10_000,
    "| a |\n" * 5_000,
    "x  1\n" * 5_000,
    "<!--" * 10_000,
])
def test_pathological_markup_is_read_in_one_pass(source: str) -> None:
    # each of these took minutes when a search restarted at every opening mark
    assert isinstance(normalise(source).text, str)


# --------------------------------------------------------------------------- quotes

QUOTED_CARD = """\
# Brisa-3-7B

## Overview

**Brisa-3-7B** was fine-tuned from [Corra-2-7B](https://huggingface.co/velvetine/Corra-2-7B) by
Quillfeather Labs.

- **Long inputs.** Brisa-3-7B has a context window of 32K tokens.
1. Brisa-3-7B was distilled from Tovey-5-70B.
"""


@pytest.fixture(scope="module")
def quoted(nlp: Language) -> Extraction:
    """The card above through the whole extraction (normalised first)."""
    return extract_document(Document(text=QUOTED_CARD, source="brisa.md", title="Brisa-3-7B",
                                     media_type="text/markdown"), nlp)


@pytest.mark.parametrize("what", ["relations", "attributes", "entities"])
def test_evidence_quotes_are_clean_sentences(quoted: Extraction, what: str) -> None:
    items = getattr(quoted, what)
    quotes = [e.evidence[0].quote if what == "entities" else e.evidence.quote for e in items]
    assert quotes
    for quote in quotes:
        assert not any(mark in quote for mark in ("**", "](", "## ")), quote
        assert not quote.startswith(("- ", "1. ")), quote


@pytest.mark.parametrize("fact", [
    ("Brisa-3-7B", "fineTunedFrom", "Corra-2-7B"), ("Brisa-3-7B", "distilledFrom", "Tovey-5-70B"),
])
def test_quotes_index_the_normalised_text(quoted: Extraction, fact: tuple[str, str, str]) -> None:
    [rel] = [r for r in quoted.relations if (r.subject.label, r.predicate, r.object.label) == fact]
    assert quoted.document.text[rel.evidence.start:rel.evidence.end] == rel.evidence.quote
    assert quoted.document.text == normalise(QUOTED_CARD).text
