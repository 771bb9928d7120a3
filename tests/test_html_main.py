"""Web pages: rendering a page as blocks, the extractors' vote, and what the vote keeps.

The pages here are written for these tests (invented labs and models). The rules are tested on
their own where they can be (``select_blocks`` with candidate texts given by the test), and end
to end through the real extractors where the behaviour is about a page layout (an article in a
wrapper whose class names furniture, in an inline element, in a table used for layout).
"""

from __future__ import annotations

import lxml.html
import pytest

from ingest.loaders import LoadLimits, load_bytes
from ingest.loaders import _html_main as vote
from ingest.loaders import _html_tree as page_tree
from kg.errors import LoaderError

STORY = [
    "Brisa-3 is a family of open-weight language models that Quillfeather Labs released in March, "
    "with sizes from 3 to 72 billion parameters.",
    "The largest member reads up to 256K tokens of context and was trained on a corpus the lab says "
    "it can show to anyone who asks for it.",
    "Brisa-3 Mini was distilled from Brisa-3 Large and is meant to run on a single accelerator, "
    "which makes it the cheapest of the three to serve.",
    "The lab published its evaluation code alongside the weights, so outside groups can check the "
    "reported scores against their own runs.",
    "A rival lab disputed the MMLU-Pro figure, saying its own run of the released weights came out "
    "four points lower than the announcement.",
]
ARTICLE = "".join(f"<p>{p}</p>" for p in STORY)
TABLE = ("<table><tr><th>Benchmark</th><th>Brisa-3 Large</th><th>Brisa-2</th></tr>"
         "<tr><td>MMLU-Pro</td><td>81.4</td><td>70.2</td></tr></table>")
PIPE_TABLE = "| Benchmark | Brisa-3 Large | Brisa-2 |\n|---|---|---|\n| MMLU-Pro | 81.4 | 70.2 |"
MENU = "<nav><a href='/'>Home</a> <a href='/ai'>AI</a> <a href='/chips'>Chips</a></nav>"
SIDEBAR = ("<aside class='sidebar'><h3>Popular now</h3><ul><li><a href='/x'>Orca-70B tops the "
           "open board again</a></li><li><a href='/y'>Cirrus-5 review</a></li></ul></aside>")


def _page(body: str, title: str = "Brisa-3 notes") -> str:
    return f"<!doctype html><html><head><title>{title}</title></head><body>{body}</body></html>"


def _root(html: str) -> lxml.html.HtmlElement:
    return page_tree.parse(html, 1000)


def _render(fragment: str) -> list[page_tree.Block]:
    return page_tree.render(lxml.html.fragment_fromstring(fragment, create_parent="div"))


# --------------------------------------------------------------------------- rendering


@pytest.mark.parametrize(("fragment", "text", "kind"), [
    ("<h2>Results</h2>", "## Results", "heading"),
    ("<ul><li>Brisa-3 Large</li></ul>", "- Brisa-3 Large", "item"),
    (TABLE, PIPE_TABLE, "table"),
    ("<pre>pip install brisa\nbrisa serve --port 8000</pre>", "pip install brisa\nbrisa serve --port 8000",
     "code"),
    ("<p>Quillfeather Labs<br>Lisbon, Portugal</p>", "Quillfeather Labs\nLisbon, Portugal", "text"),
    ("<p>Brisa-3 reads 256K tokens\n   of context, the\nlab says.</p>", "Brisa-3 reads 256K tokens of context, the lab says.",
     "text"),
    ("<figure><img src='x.png'><figcaption>Brisa-3 at launch</figcaption></figure>",
     "Brisa-3 at launch", "caption"),
])
def test_render_writes_each_kind_of_block(fragment: str, text: str, kind: str) -> None:
    [block] = _render(fragment)
    assert (block.text, block.kind) == (text, kind)


def test_render_reads_paragraphs_and_a_table_inside_an_inline_element_as_blocks() -> None:
    blocks = _render(f"<span class='story'>{ARTICLE}{TABLE}</span>")
    assert [b.text for b in blocks] == [*STORY, PIPE_TABLE]


@pytest.mark.parametrize("layout", [
    f"<table><tr><td>{MENU}</td><td>{ARTICLE}</td></tr></table>",
    f"<table><tr><td><table><tr><td>{STORY[0]}</td></tr></table></td><td>{STORY[1]}</td></tr></table>",
    f"<table><tr><td><p>{' '.join(STORY)}</p></td></tr></table>",
])
def test_a_table_used_for_layout_is_read_as_the_blocks_it_holds(layout: str) -> None:
    table = lxml.html.fragment_fromstring(layout)
    assert not page_tree.is_data_table(table)
    texts = [b.text for b in page_tree.render(lxml.html.fragment_fromstring(layout, create_parent="div"))]
    assert not any(t.startswith("|") for t in texts) and STORY[0] in " ".join(texts)


@pytest.mark.parametrize("table", [
    TABLE,
    "<table><tr><td><p>MMLU-Pro</p></td><td><div>81.4</div></td></tr></table>",
])
def test_a_table_of_words_and_numbers_is_data(table: str) -> None:
    assert page_tree.is_data_table(lxml.html.fragment_fromstring(table))


# --------------------------------------------------------------------------- the own picker


@pytest.mark.parametrize("wrapper", [
    '<div class="sidebar-layout">{}</div>',
    '<div class="elementor-widget-container">{}</div>',
    '<div class="newsletter-wrap">{}</div>',
])
def test_own_picker_keeps_a_wrapper_named_like_furniture_that_holds_the_article(wrapper: str) -> None:
    text = page_tree.main_text(_root(_page(MENU + wrapper.format(ARTICLE) + SIDEBAR)))
    assert all(p in text for p in STORY)
    assert "Orca-70B" not in text and "Home" not in text


def test_own_picker_keeps_an_article_that_a_broken_page_nested_in_a_button() -> None:
    text = page_tree.main_text(_root(_page(f"<header><button class='menu'>Menu<div>{ARTICLE}</div></button></header>")))
    assert all(p in text for p in STORY)


# --------------------------------------------------------------------------- the vote


def _blocks(body: str) -> list[page_tree.Block]:
    return page_tree.render(_root(_page(body)).find("body"))


def _kept(body: str, texts: dict[str, str]) -> list[str]:
    return [b.text for b in vote.select_blocks(vote.votes(_blocks(body), texts))]


def _all(text: str) -> dict[str, str]:
    return dict.fromkeys(vote.CANDIDATES, text)


@pytest.mark.parametrize(("voters", "kept"), [
    (("trafilatura", "readability"), True),
    (("justext", "own"), True),
    (("trafilatura",), False),
    (("own",), False),
])
def test_a_block_is_kept_when_two_extractors_hold_it(voters: tuple[str, ...], kept: bool) -> None:
    body = f"<article>{ARTICLE}<p>Brisa-3 weights are on the lab's own mirror too.</p></article>"
    texts = _all("\n".join(STORY))
    for name in voters:
        texts[name] += "\nBrisa-3 weights are on the lab's own mirror too."
    assert ("Brisa-3 weights are on the lab's own mirror too." in _kept(body, texts)) is kept


def test_blocks_outside_the_article_the_extractors_agree_on_are_dropped() -> None:
    teaser = "Orca-70B is said to beat every open model of its size on the leaderboard this week."
    body = f"<main><article>{ARTICLE}</article><div class='more'><p>{teaser}</p></div></main>"
    texts = {**_all("\n".join(STORY)), "justext": "\n".join([*STORY, teaser]),
             "own": "\n".join([*STORY, teaser])}
    kept = _kept(body, texts)
    assert kept == STORY


def test_an_intro_beside_the_list_holding_the_rest_is_part_of_the_article() -> None:
    intro = "Here is what Quillfeather Labs changed between Brisa-2 and Brisa-3, point by point."
    items = "".join(f"<li>{p}</li>" for p in STORY)
    body = f"<div id='page'><div class='story'><p>{intro}</p><ul>{items}</ul></div><footer>(c) 2025</footer></div>"
    # the list holds most (over 80%) of the agreed text, its parent adds only agreed text
    kept = _kept(body, _all("\n".join([intro, *STORY])))
    assert kept[0] == intro and len(kept) == 1 + len(STORY)


@pytest.mark.parametrize(("trafilatura_keeps_it", "kept"), [(True, True), (False, False)])
def test_a_caption_needs_trafilatura(trafilatura_keeps_it: bool, kept: bool) -> None:
    caption = "Brisa-3 Large answering questions at the Lisbon launch event"
    body = f"<article>{ARTICLE}<figure><figcaption>{caption}</figcaption></figure></article>"
    texts = _all("\n".join([*STORY, caption]))
    if not trafilatura_keeps_it:
        texts["trafilatura"] = texts["trafilatura_recall"] = "\n".join(STORY)
    assert (caption in _kept(body, texts)) is kept


def test_a_block_repeating_one_already_kept_is_dropped() -> None:
    body = f"<article>{ARTICLE}<div class='mobile-copy'><p>{STORY[0]}</p></div></article>"
    assert _kept(body, _all("\n".join(STORY))) == STORY


def test_a_short_line_may_recur() -> None:
    line = "Warm-up: ten minutes of easy running."
    body = f"<article><h2>Week 1</h2><p>{line}</p>{ARTICLE}<h2>Week 2</h2><p>{line}</p></article>"
    kept = _kept(body, _all("\n".join(["Week 1", line, *STORY, "Week 2", line])))
    assert kept.count(line) == 2


def test_paragraphs_that_differ_in_a_number_are_not_repeats() -> None:
    lines = [f"Brisa-3 {n}B was trained on the same licensed corpus with a context of {n * 4}K tokens."
             for n in (3, 12, 72)]
    body = "<article>" + "".join(f"<p>{p}</p>" for p in lines) + "</article>"
    assert _kept(body, _all("\n".join(lines))) == lines


@pytest.mark.parametrize(("links", "kept"), [(2, True), (3, False), (6, False)])
def test_a_run_of_short_link_only_lines_is_a_menu(links: int, kept: bool) -> None:
    names = [f"Brisa-3 review part {i}" for i in range(links)]
    run = "".join(f"<p><a href='/r{i}'>{n}</a></p>" for i, n in enumerate(names))
    body = f"<article>{ARTICLE}{run}</article>"
    out = _kept(body, _all("\n".join([*STORY, *names])))
    assert out[:len(STORY)] == STORY
    assert (names[0] in out) is kept


@pytest.mark.parametrize(("wrapper", "kept"), [
    ('<div class="accordion-item"><div class="accordion-body" style="display:none">{}</div></div>', True),
    ('<details><summary>Training data</summary><p>{}</p></details>', True),
    ('<div class="tab-pane" hidden>{}</div>', True),
    ('<div class="signup-modal" style="display: none">{}</div>', False),
])
def test_text_in_a_collapsed_panel_needs_one_reader_of_hidden_text(wrapper: str, kept: bool) -> None:
    hidden = "Brisa-3 saw two trillion tokens of licensed text before its long-context stage began."
    body = f"<article>{ARTICLE}{wrapper.format(hidden)}</article>"
    texts = {**_all("\n".join(STORY)), "justext": "\n".join([*STORY, hidden])}
    assert (hidden in _kept(body, texts)) is kept


@pytest.mark.parametrize("text", [
    "Advertisement", "ADVERTISEMENT", "Sponsored content", "5 min read", "Share", "Share on X",
    "Read more ↓", "- Learn More", "Table of Contents", "Written by", "Sign up", "Get a quote",
    "Last updated: March 11, 2025", "Photo: Quillfeather Labs", "Getty Images / Ana Ruiz",
])
def test_page_furniture_lines_are_boilerplate(text: str) -> None:
    assert vote.is_boilerplate(text)


@pytest.mark.parametrize("text", [
    "The advertisement market for AI assistants grew fast.",
    "Read more about how Brisa-3 was trained in the technical report.",
    "Photos can be shown in portrait or landscape mode",
    "Share of compute spent on pre-training",
    STORY[0],
])
def test_sentences_that_merely_start_like_furniture_are_not_boilerplate(text: str) -> None:
    assert not vote.is_boilerplate(text)


@pytest.mark.parametrize("box", [
    '<div class="pp-promo">Sponsored: run open models in one click with Ravelspan. <a href="/go">Start free</a></div>',
    '<div class="paywall-teaser"><p>Enjoying the Ledger? Create a free account to read every story.</p></div>',
    '<aside class="newsletter-signup"><p>Get the weekly AI briefing in your inbox every Friday.</p></aside>',
])
def test_ad_and_sign_up_boxes_inside_the_article_are_dropped(box: str) -> None:
    body = f"<article>{ARTICLE}{box}</article>"
    box_text = " ".join(b.text for b in page_tree.render(lxml.html.fragment_fromstring(box)))
    assert _kept(body, _all("\n".join([*STORY, box_text]))) == STORY


def test_boilerplate_blocks_are_dropped_even_when_extractors_keep_them() -> None:
    body = f"<article><p>{STORY[0]}</p><div class='slot'>Advertisement</div><p>{STORY[1]}</p></article>"
    assert _kept(body, _all("\n".join([STORY[0], "Advertisement", STORY[1]]))) == STORY[:2]


# --------------------------------------------------------------------------- end to end


@pytest.mark.parametrize("wrapper", [
    '<div class="sidebar-layout">{}</div>',
    '<div class="elementor-widget-container">{}</div>',
    '<div class="newsletter-wrap">{}</div>',
    '<span class="story">{}</span>',
])
def test_the_article_is_read_whatever_its_wrapper_is_called(wrapper: str) -> None:
    text = vote.article_text(_root(_page(MENU + wrapper.format(ARTICLE + TABLE) + SIDEBAR)))
    assert all(p in text for p in STORY) and PIPE_TABLE in text
    assert "Orca-70B" not in text and "Popular now" not in text


def test_a_page_trafilatura_refuses_falls_back_to_the_own_picker() -> None:
    root = _root(_page(f"<div class='comments-area'>{ARTICLE}</div>"))
    assert vote.candidates(_root(_page(f"<div class='comments-area'>{ARTICLE}</div>")))["trafilatura"] == ""
    assert all(p in vote.article_text(root) for p in STORY)


def test_an_extractor_that_fails_on_a_page_leaves_the_others_to_vote(monkeypatch: pytest.MonkeyPatch) -> None:
    def broken(root: lxml.html.HtmlElement) -> str:
        raise RecursionError("too deep for this one")

    monkeypatch.setattr(vote, "_readability", broken)
    html = _page(MENU + f"<article>{ARTICLE}</article>" + SIDEBAR)
    assert vote.candidates(_root(html))["readability"] == ""
    assert all(p in vote.article_text(_root(html)) for p in STORY)


def test_the_loader_gives_headings_lists_and_tables_as_their_own_lines() -> None:
    body = (f"{MENU}<article><h1>Brisa-3 notes</h1>{ARTICLE}<h2>Scores</h2>{TABLE}"
            "<ul><li>Brisa-3 Mini: 3B</li><li>Brisa-3 Large: 72B</li></ul></article>" + SIDEBAR)
    [doc] = load_bytes(_page(body).encode(), "notes.html")
    lines = doc.text.split("\n")
    assert lines[0] == "# Brisa-3 notes" and "## Scores" in lines
    assert PIPE_TABLE in doc.text and "- Brisa-3 Large: 72B" in lines


# --------------------------------------------------------------------------- the parser server


def test_pages_are_parsed_by_a_server_that_outlives_each_page() -> None:
    from ingest.loaders import html as html_loader

    page = _page(f"<article>{ARTICLE}</article>").encode()
    load_bytes(page, "one.html")
    servers = [s.proc.pid for s in html_loader._IDLE]
    load_bytes(page, "two.html")
    assert servers and [s.proc.pid for s in html_loader._IDLE] == servers


def test_a_page_past_the_deadline_is_killed_and_the_server_goes_on() -> None:
    page = _page(f"<article>{ARTICLE}</article>").encode()
    with pytest.raises(LoaderError, match=r"slow.html: HTML parsing took longer than 0.001 s \(killed\)"):
        load_bytes(page, "slow.html", limits=LoadLimits(parse_timeout_s=0.001))
    [doc] = load_bytes(page, "after.html")
    assert STORY[0] in doc.text


def test_a_page_over_the_memory_allowance_dies_alone() -> None:
    big = _page(f"<article>{ARTICLE * 3000}</article>").encode()  # 2 MB: more than 20 MB to read
    with pytest.raises(LoaderError, match="big.html: resource limit"):
        load_bytes(big, "big.html", limits=LoadLimits(parse_memory_mb=20))
    page = _page(f"<article>{ARTICLE}</article>").encode()
    [doc] = load_bytes(page, "after.html")
    assert STORY[0] in doc.text


def test_a_dead_server_falls_back_to_a_fresh_child() -> None:
    from ingest.loaders import html as html_loader

    page = _page(f"<article>{ARTICLE}</article>").encode()
    load_bytes(page, "warm.html")
    for server in html_loader._IDLE:
        server.proc.kill()
        server.proc.wait()
    [doc] = load_bytes(page, "cold.html")
    assert STORY[0] in doc.text


def test_pages_parsed_at_once_from_threads_each_get_their_own_answer() -> None:
    from concurrent.futures import ThreadPoolExecutor

    pages = {f"p{i}.html": _page(f"<article><p>Model Brisa-{i} has {i} billion parameters, and "
                                 f"it was trained by Quillfeather Labs on licensed text.</p>{ARTICLE}</article>")
             for i in range(6)}
    with ThreadPoolExecutor(3) as pool:
        docs = dict(zip(pages, pool.map(lambda kv: load_bytes(kv[1].encode(), kv[0])[0], pages.items()),
                        strict=True))
    assert all(f"Brisa-{name[1]} has {name[1]} billion" in doc.text for name, doc in docs.items())
