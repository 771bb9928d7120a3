"""Bad inputs for exports and the graph page: rows E1-E5 of the bad-input checklist
(/work/shared/design/bad-inputs.md; what llmkg does about each is in docs/hardening.md).

Hostile data gets into real stores the way a user's data does: a document ingested with the real
pipeline, and extractions written with the library's own mapping (``ingest.to_rdf``) and
``KGStore.replace_document``, as an older llmkg or a Python user would have written them. Every
export is re-parsed with real parsers (lxml, ElementTree, networkx, pydot, rdflib, pyoxigraph,
``json`` in strict mode); the page runs in Debian's Chromium against a live ``llmkg serve``.
"""

from __future__ import annotations

import asyncio
import html.parser
import io
import json
import math
import shutil
import socket
import threading
import time
import warnings
import xml.etree.ElementTree as ET
from collections.abc import Callable, Iterator
from concurrent.futures import ThreadPoolExecutor
from datetime import UTC, datetime
from pathlib import Path
from typing import Any
from urllib.parse import quote, urlsplit

import httpx
import networkx as nx
import pyoxigraph as ox
import pytest
from conftest import LiveServer
from lxml import etree
from rdflib import BNode, Dataset, Graph, Literal, URIRef
from rdflib.compare import isomorphic
from rdflib.term import Node
from spacy.language import Language

from api.routes.page import CSP, STATIC
from ingest.pipeline import run_ingest
from ingest.records import Claim, Document, Entity, EntityRef, Evidence, Extraction, Relation, Result
from ingest.to_rdf import document_quads, entity_ref_iri, extraction_quads
from kg.errors import InvalidInputError, PayloadTooLargeError
from kg.export import EXPORT_MAX_QUADS, Subgraph, export, to_networkx
from kg.settings import Settings
from kg.store import KGStore
from kg.stores import open_store
from kg.terms import META_GRAPH, ONTOLOGY_GRAPH, content_hash, document_iri, graph_iri
from kg.vocab import LK, RDFS, XSD

ID = "https://w3id.org/llmkg/id/"
XSD_STRING = "http://www.w3.org/2001/XMLSchema#string"

# --------------------------------------------------------------------------- hostile text

SCRIPT = "</script><script>alert(1)</script>"
IMG = '"><img src=x onerror=alert(1)>'
SEPARATORS = "Line\u2028Sep\u2029Para 7B"
BENCH = "<svg onload=alert(1)>Bench"
JS_LINK = "javascript:alert(1)//"
#: every C0 control, DEL, a C1 control, U+FFFE/U+FFFF, plus tab, LF and CR (which XML keeps)
CONTROLS = "ctl" + "".join(map(chr, range(0x20))) + "\x7f\x85\ufffe\uffff end"
TRICKY = 'quote " back \\ apos \' amp & lt < gt > \u2028\u2029 \u202eRTL emoji \U0001f999 e\u0301'


def xml_chars(text: str) -> str:
    """``text`` with what XML 1.0 cannot hold removed: the ``Char`` production of the spec,
    ``#x9 | #xA | #xD | [#x20-#xD7FF] | [#xE000-#xFFFD] | [#x10000-#x10FFFF]``."""
    return "".join(c for c in text if c in "\t\n\r" or 0x20 <= ord(c) <= 0xD7FF
                   or 0xE000 <= ord(c) <= 0xFFFD or ord(c) >= 0x10000)


def dot_chars(text: str) -> str:
    """``text`` as kg.export writes it into DOT (docs): XML's rule, minus DEL and the C1
    controls, CR read as a line break and tab as a space."""
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\t", " ")
    return "".join(c for c in xml_chars(text) if c == "\n" or not (0x7f <= ord(c) <= 0x9f or ord(c) < 0x20))


# --------------------------------------------------------------------------- writing hostile data


def write_extraction(store: KGStore, ex: Extraction, extra: list[tuple[Node, Node, Node]] = ()) -> URIRef:
    """Write one extraction the way ingestion does (pure mapping, one transaction), plus ``extra``
    triples in the same document graph; return the graph."""
    chash = content_hash(ex.document.text)
    doc, graph = document_iri(chash), graph_iri(chash)
    quads = list(extraction_quads(ex, chash))
    quads += [(s, p, o, graph) for s, p, o in extra]
    quads += list(document_quads(ex.document, chash, ingested_at=datetime(2025, 1, 2, tzinfo=UTC)))
    store.replace_document(doc, graph, quads)
    return graph


def _ev(text: str, part: str) -> Evidence:
    start = text.index(part)
    return Evidence(start, start + len(part), part, rule="test")


def markup_extraction() -> Extraction:
    """Entities named with markup, U+2028/U+2029 and a ``javascript:`` alias (for E1)."""
    text = (f"{IMG} released {SCRIPT}, fine-tuned from {SEPARATORS}. "
            f"{SCRIPT} scores 99.5 on {BENCH}. {IMG} says {SCRIPT} is unbeatable.")
    doc = Document(text=text, source="hostile-release.md", title=f"{SCRIPT} release notes")
    model, lab = EntityRef("Model", SCRIPT), EntityRef("Organization", IMG)
    base, bench = EntityRef("Model", SEPARATORS), EntityRef("Benchmark", BENCH)
    entities = tuple(Entity(ref, frozenset({ref.type}), frozenset(alts), (_ev(text, ref.label),))
                     for ref, alts in ((model, {JS_LINK}), (lab, ()), (base, ()), (bench, ())))
    return Extraction(
        document=doc, entities=entities,
        relations=(Relation(model, "developedBy", lab, _ev(text, f"{IMG} released {SCRIPT}")),
                   Relation(model, "fineTunedFrom", base, _ev(text, f"fine-tuned from {SEPARATORS}"))),
        results=(Result(model, bench, 99.5, _ev(text, f"scores 99.5 on {BENCH}"), metric="<b>acc</b>"),),
        claims=(Claim(lab, "asserts", (model,), f"{SCRIPT} is unbeatable",
                      _ev(text, f"{IMG} says {SCRIPT} is unbeatable")),))


MODEL_IRI = str(entity_ref_iri(EntityRef("Model", SCRIPT)))
LAB_IRI = str(entity_ref_iri(EntityRef("Organization", IMG)))
BASE_IRI = str(entity_ref_iri(EntityRef("Model", SEPARATORS)))
JS_IRI = "javascript:alert(1)//x"


def control_extraction() -> Extraction:
    """Labels, aliases, quotes, a claim and a metric holding every control character (for E2/E4).

    The text of a document is normalised by today's loaders; an older llmkg, or a Python user
    writing with the library, could store anything a literal can hold."""
    text = f"{CONTROLS} released Ctl Model 9B. {TRICKY} was distilled from Ctl Model 9B."
    doc = Document(text=text, source="controls.txt", title=f"Title {CONTROLS}")
    model, other = EntityRef("Model", f"Ctl Model 9B {CONTROLS}"), EntityRef("Model", f"Tricky {TRICKY}")
    lab, bench = EntityRef("Organization", f"Lab {CONTROLS}"), EntityRef("Benchmark", f"Bench {CONTROLS}")
    entities = tuple(Entity(ref, frozenset({ref.type}), frozenset(alts), (_ev(text, "Ctl Model 9B"),))
                     for ref, alts in ((model, {f"alias {CONTROLS}", "alias two"}), (other, {TRICKY}),
                                       (lab, ()), (bench, ())))
    quote = _ev(text, text[:40])
    return Extraction(
        document=doc, entities=entities,
        relations=(Relation(model, "developedBy", lab, quote), Relation(other, "distilledFrom", model, quote)),
        results=(Result(model, bench, 71.25, quote, metric=f"metric {CONTROLS}"),),
        claims=(Claim(lab, "denies", (model, other), f"claim {CONTROLS}", quote),))


CTL_MODEL = str(entity_ref_iri(EntityRef("Model", f"Ctl Model 9B {CONTROLS}")))
CTL_LAB = str(entity_ref_iri(EntityRef("Organization", f"Lab {CONTROLS}")))
TRICKY_MODEL = str(entity_ref_iri(EntityRef("Model", f"Tricky {TRICKY}")))
NAN_RESULT = URIRef(ID + "result/nan-score")


def control_extras() -> list[tuple[Node, Node, Node]]:
    """Literal kinds the mapping never makes: language-tagged, custom datatypes, blank nodes, a
    NaN score, IRIs with unusual but legal characters."""
    odd = URIRef(ID + "model/odd'name&x=1;\u00e9\U0001f999")
    bnode = BNode("hostile1")
    return [
        (URIRef(CTL_MODEL), RDFS.comment, Literal(f"lang {CONTROLS}", lang="en-GB")),
        (URIRef(CTL_MODEL), RDFS.comment, Literal(f"typed {CONTROLS}", datatype=URIRef("urn:x-llmkg:dt"))),
        (URIRef(CTL_MODEL), RDFS.seeAlso, bnode),
        (bnode, RDFS.label, Literal(f"blank {CONTROLS}")),
        (odd, URIRef(str(LK) + "memberOfFamily"), URIRef(CTL_MODEL)),
        (odd, RDFS.label, Literal("Odd \u00e9 \U0001f999")),
        (odd, URIRef("http://www.w3.org/1999/02/22-rdf-syntax-ns#type"), LK.Model),
        (NAN_RESULT, URIRef("http://www.w3.org/1999/02/22-rdf-syntax-ns#type"), LK.BenchmarkResult),
        (NAN_RESULT, LK.evaluatedModel, URIRef(CTL_MODEL)),
        (NAN_RESULT, LK.onBenchmark, URIRef(str(entity_ref_iri(EntityRef("Benchmark", f"Bench {CONTROLS}"))))),
        (NAN_RESULT, LK.score, Literal("NaN", datatype=XSD.double)),
    ]


@pytest.fixture(scope="module")
def hostile() -> Iterator[KGStore]:
    """An in-memory store holding the markup and the control-character documents."""
    with open_store(None) as store:
        write_extraction(store, control_extraction(), control_extras())
        write_extraction(store, markup_extraction())
        yield store


def _rd(term: Any) -> Node:
    if isinstance(term, ox.NamedNode):
        return URIRef(term.value)
    if isinstance(term, ox.BlankNode):
        return BNode(term.value)
    if term.language:
        return Literal(term.value, lang=term.language)
    datatype = term.datatype.value
    return Literal(term.value, datatype=None if datatype == XSD_STRING else URIRef(datatype))


def store_graphs(store: KGStore) -> dict[str, Graph]:
    """The store's named graphs (not the ontology) as rdflib graphs: what the exports must hold."""
    graphs: dict[str, Graph] = {}
    for q in store.ox:
        if isinstance(q.graph_name, ox.NamedNode) and q.graph_name.value != str(ONTOLOGY_GRAPH):
            graphs.setdefault(q.graph_name.value, Graph()).add((_rd(q.subject), _rd(q.predicate),
                                                                _rd(q.object)))
    return graphs


def union(graphs: dict[str, Graph]) -> Graph:
    merged = Graph()
    for graph in graphs.values():
        for triple in graph:
            merged.add(triple)
    return merged


def strict_json(data: bytes) -> Any:
    """Parse JSON as a browser's ``JSON.parse`` would: no NaN or Infinity."""
    def refuse(token: str) -> None:
        raise ValueError(f"not JSON: {token}")

    return json.loads(data.decode("utf-8"), parse_constant=refuse)


def parse_dot(data: bytes) -> Any:
    import pydot

    with warnings.catch_warnings():  # pydot's parser trips pyparsing 3.3's deprecations on import
        warnings.simplefilter("ignore", DeprecationWarning)
        graphs = pydot.graph_from_dot_data(data.decode("utf-8"))
    assert graphs is not None and len(graphs) == 1
    return graphs[0]


def undot(value: str) -> str:
    import re

    assert value.startswith('"') and value.endswith('"'), value
    return re.sub(r"\\(.)", lambda m: "\n" if m.group(1) == "n" else m.group(1), value[1:-1], flags=re.DOTALL)


# =========================================================================== E1: the page


@pytest.fixture(scope="module")
def markup_server(tmp_path_factory: pytest.TempPathFactory, nlp: Language) -> Iterator[LiveServer]:
    """``llmkg serve`` on a store with markup everywhere: a model card ingested with the real
    pipeline (its title is a script tag), and entities with markup names written by the library."""
    root = tmp_path_factory.mktemp("e1-markup")
    path = root / "store"
    card = root / "card.md"
    card.write_text(f'---\ntitle: "{SCRIPT} card"\n---\n'
                    "Meta released Llama 3 in April 2024. Llama 3 was developed by Meta.\n", encoding="utf-8")
    with open_store(path) as store:
        report = run_ingest([card], settings=Settings(store=path), store=store, nlp=nlp)
        assert report.failed == [] and report.outcomes[0].status == "added"
        write_extraction(store, markup_extraction(), [
            (URIRef(MODEL_IRI), LK.developedBy, URIRef(JS_IRI)),
            (URIRef(JS_IRI), RDFS.label, Literal("Link Holder")),
            (URIRef(JS_IRI), URIRef("http://www.w3.org/1999/02/22-rdf-syntax-ns#type"), LK.Organization)])
    server = LiveServer(path, {}, root / "server.log")
    yield server
    server.stop()


class _NoInlineCode(html.parser.HTMLParser):
    """Collects inline scripts, event-handler and style attributes, and javascript: URLs."""

    def __init__(self) -> None:
        super().__init__()
        self.found: list[str] = []
        self._in_script = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        names = dict(attrs)
        if tag == "script":
            self._in_script = True
            if not names.get("src"):
                self.found.append("inline <script>")
        for name, value in attrs:
            if name.startswith("on") or name == "style":
                self.found.append(f"{tag} {name}=")
            if (value or "").strip().lower().startswith("javascript:"):
                self.found.append(f"{tag} {name}={value}")

    def handle_endtag(self, tag: str) -> None:
        self._in_script = False

    def handle_data(self, data: str) -> None:
        if self._in_script and data.strip():
            self.found.append("inline script text")


@pytest.mark.parametrize("query", ["", f"?entity={quote(SCRIPT)}", f"?entity={quote(IMG)}&x={quote(JS_LINK)}"])
def test_e1_graph_page_embeds_no_data_and_is_served_with_a_strict_csp(markup_server: LiveServer,
                                                                       query: str) -> None:
    r = httpx.get(f"{markup_server.url}/graph{query}")
    assert r.status_code == 200
    # the page is a static file: nothing from the store or the URL is written into the HTML
    assert r.content == (STATIC / "graph.html").read_bytes()
    assert b"alert(" not in r.content and b"onerror" not in r.content
    parser = _NoInlineCode()
    parser.feed(r.text)
    assert parser.found == []
    csp = r.headers["content-security-policy"]
    assert csp == CSP
    assert "script-src 'self';" in csp and "style-src 'self';" in csp and "default-src 'none';" in csp
    assert "unsafe" not in csp and "data:" not in csp.split("script-src", 1)[1].split(";", 1)[0]
    assert r.headers["x-content-type-options"] == "nosniff"


@pytest.mark.parametrize("fmt", ["cytoscape"])
def test_e1_cytoscape_json_escapes_what_html_would_read(markup_server: LiveServer, fmt: str) -> None:
    """If someone pastes the export into a <script>, nothing in it can end the script element."""
    r = httpx.get(f"{markup_server.url}/export/{fmt}", timeout=60)
    assert r.status_code == 200
    for raw in (b"<", b">", b"&", b"'", "\u2028".encode(), "\u2029".encode()):
        assert raw not in r.content, raw
    labels = {n["data"]["id"]: n["data"]["label"] for n in strict_json(r.content)["elements"]["nodes"]}
    assert labels[MODEL_IRI] == SCRIPT and labels[LAB_IRI] == IMG and labels[BASE_IRI] == SEPARATORS


# -- in Chromium


def _browser_helpers() -> Any:
    import test_page

    return test_page


@pytest.fixture(scope="module")
def chromium() -> Iterator[Any]:
    """Headless Debian Chromium, as tests/test_page.py launches it."""
    helpers = _browser_helpers()
    if not helpers.CHROMIUM.exists():
        pytest.fail(f"{helpers.CHROMIUM} is missing: install Debian's Chromium with `apt-get install -y "
                    "chromium` (`make test` does it); never `playwright install`")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=str(helpers.CHROMIUM), args=helpers.CHROMIUM_ARGS)
        yield b
        b.close()


#: every element attribute that runs code or navigates: none may be an event handler or javascript:
DOM_AUDIT = """(() => {
  const bad = [];
  for (const el of document.querySelectorAll('*')) {
    for (const a of el.attributes) {
      const v = (a.value || '').trim().toLowerCase();
      if (a.name.startsWith('on')) bad.push(el.tagName + ' ' + a.name);
      if (['href', 'src', 'action', 'formaction', 'xlink:href'].includes(a.name) && v.startsWith('javascript:'))
        bad.push(el.tagName + ' ' + a.name + '=' + v);
    }
  }
  for (const s of document.scripts) if (!s.src) bad.push('inline script');
  const injected = document.querySelectorAll('main img, main svg, main script, main iframe, main object, #results img');
  return bad.concat(Array.from(injected, e => 'injected ' + e.tagName));
})()"""


class HostileTab:
    """A tab on the graph page that records dialogs (alert/confirm/prompt), console errors,
    uncaught exceptions, CSP violations and every request, from before the first script runs."""

    def __init__(self, browser: Any, server: LiveServer, query: str) -> None:
        helpers = _browser_helpers()
        self.until: Callable[..., Any] = helpers.until
        self.origin = server.url
        self.page = browser.new_page(viewport={"width": 1280, "height": 800})
        self.dialogs: list[str] = []
        self.errors: list[str] = []
        self.requests: list[str] = []
        self.page.add_init_script(helpers.CSP_LISTENER)
        self.page.on("dialog", self._dialog)
        self.page.on("console", lambda m: self.errors.append(m.text) if m.type == "error" else None)
        self.page.on("pageerror", lambda e: self.errors.append(str(e)))
        self.page.on("request", lambda r: self.requests.append(r.url))
        self.page.goto(f"{server.url}/graph{query}")

    def _dialog(self, dialog: Any) -> None:
        self.dialogs.append(f"{dialog.type}: {dialog.message}")
        dialog.dismiss()

    def js(self, expression: str) -> Any:
        return self.page.evaluate(expression)

    def text(self, selector: str) -> str:
        return self.page.text_content(selector) or ""

    def labels(self) -> set[str]:
        return set(self.js("window.llmkgGraph ? window.llmkgGraph.nodes().map(n => n.data('label')) : []"))

    def wait_panel(self, label: str) -> None:
        self.until(lambda: self.text("[data-testid=entity-label]") == label
                   and self.page.locator("[data-testid=fact]").count(), what=f"the panel of {label!r}")

    def close(self, allowed_errors: Callable[[str], bool] = lambda _: False) -> None:
        """Assert: no dialog, no CSP violation, no injected or event-handler element, no error but
        the allowed ones, and every request to the page's own origin."""
        audit = self.js(DOM_AUDIT)
        violations = self.js("window.__csp")
        pwned = self.js("typeof window.pwned")
        self.page.close()
        assert self.dialogs == []
        assert violations == []
        assert audit == []
        assert pwned == "undefined"
        assert [e for e in self.errors if not allowed_errors(e)] == []
        hosts = {urlsplit(u).netloc for u in self.requests if not u.startswith("data:")}
        assert hosts == {urlsplit(self.origin).netloc}


@pytest.mark.browser
def test_e1_markup_labels_from_a_real_store_show_as_text_and_run_nothing(chromium: Any,
                                                                         markup_server: LiveServer) -> None:
    tab = HostileTab(chromium, markup_server, f"?entity={quote(MODEL_IRI)}")
    tab.wait_panel(SCRIPT)
    tab.until(lambda: {SCRIPT, IMG, SEPARATORS} <= tab.labels(), what="the hostile nodes")
    tab.until(lambda: tab.page.locator("[data-testid=claim]").count()
              and tab.page.locator("[data-testid=result]").count(), what="the results and claims")
    panel = tab.page.inner_text("[data-testid=panel]")
    # text exactly as stored, via textContent: links, alias line, quotes, titles, results, claims
    links = tab.js("Array.from(document.querySelectorAll('#entity-body button.link'), b => b.textContent)")
    assert {IMG, SEPARATORS, BENCH, "Link Holder"} <= set(links)
    assert tab.text("#entity-alts") == f"also: {JS_LINK}"
    quotes = tab.js("Array.from(document.querySelectorAll('[data-testid=source] .quote'), q => q.textContent)")
    assert any(SCRIPT in q and IMG in q for q in quotes)
    assert f"{SCRIPT} release notes" in panel  # the document title
    assert "<b>acc</b>" in panel
    # search: the result list shows the label as text
    tab.page.fill("[data-testid=search]", "<script>alert(1)")  # search is by substring of the name
    tab.page.wait_for_selector("[data-testid=result-item]")
    assert SCRIPT in tab.js("Array.from(document.querySelectorAll('[data-testid=result-item] .label'), "
                            "l => l.textContent)")
    tab.page.press("[data-testid=search]", "Escape")
    # the lineage view draws the U+2028/U+2029 label as data, and the caption as text
    tab.page.click("[data-testid=lineage]")
    tab.until(lambda: "Lineage of" in tab.text("[data-testid=caption]"), what="the lineage view")
    assert tab.text("[data-testid=caption]").startswith(f"Lineage of {SCRIPT}:")
    assert {SCRIPT, SEPARATORS} <= tab.labels()
    tab.close()


@pytest.mark.browser
def test_e1_a_javascript_iri_is_a_button_that_never_navigates(chromium: Any, markup_server: LiveServer) -> None:
    tab = HostileTab(chromium, markup_server, f"?entity={quote(MODEL_IRI)}")
    tab.wait_panel(SCRIPT)
    before = tab.page.url
    link = tab.page.locator("#entity-body button.link", has_text="Link Holder")
    assert link.get_attribute("title") == JS_IRI and link.get_attribute("href") is None
    link.click()
    message = tab.until(lambda: tab.text("[data-testid=message]"), what="a message")
    # the API's 400 says which parameter it refused and what an IRI must start with
    assert "iri" in message and "https?://|urn:" in message, message
    time.sleep(0.3)
    assert tab.page.url == before
    # the API refuses the javascript: IRI (400); Chromium logs each refused request as an error
    tab.close(allowed_errors=lambda e: "status of 400" in e)


@pytest.mark.browser
def test_e1_opening_a_markup_name_from_the_url_runs_nothing(chromium: Any, markup_server: LiveServer) -> None:
    tab = HostileTab(chromium, markup_server, f"?entity={quote(SCRIPT)}")
    tab.until(lambda: tab.text("[data-testid=entity-label]") or tab.text("[data-testid=message]"),
              what="the entity or a message")
    shown = tab.text("[data-testid=entity-label]") or tab.text("[data-testid=message]")
    assert SCRIPT in shown
    tab.close(allowed_errors=lambda e: "status of 404" in e)


@pytest.mark.browser
def test_e1_the_browser_checks_catch_markup_written_as_html(chromium: Any, markup_server: LiveServer) -> None:
    """A control for the tests above: the same label written with innerHTML (what the page never
    does) is caught twice, by the page's CSP (a recorded violation, no dialog: the handler never
    runs) and by the DOM audit; so those tests would fail if the page inserted a label as HTML."""
    tab = HostileTab(chromium, markup_server, f"?entity={quote(MODEL_IRI)}")
    tab.wait_panel(SCRIPT)
    tab.js(f"document.getElementById('entity-label').innerHTML = {json.dumps(IMG)}")
    tab.until(lambda: tab.js("window.__csp.length"), what="a CSP violation")
    violations, audit = tab.js("window.__csp"), tab.js(DOM_AUDIT)
    time.sleep(0.3)
    tab.page.close()
    assert any(v.startswith("script-src") for v in violations), violations
    assert "IMG onerror" in audit, audit
    assert tab.dialogs == []


# =========================================================================== E2: control characters


@pytest.mark.parametrize("write", [
    "literal", "replace_document", "sparql_raw", "sparql_escape", "nquads_escape", "nquads_bytes",
    "jsonld_escape", "rdflib_view"])
def test_e2_lone_surrogates_cannot_enter_the_store(write: str, snapshot: Callable[[KGStore], Any]) -> None:
    """So no export ever meets one: every way to write a literal refuses ``\\ud800``."""
    with open_store(None) as store:
        before = snapshot(store)
        g = URIRef(ID.replace("id/", "graph/") + "surrogate")
        attempts: dict[str, Callable[[], object]] = {
            "literal": lambda: ox.Literal("x\ud800y"),
            "replace_document": lambda: store.replace_document(
                URIRef(ID + "doc-surrogate"), g, [(URIRef(ID + "model/s"), RDFS.label, Literal("x\ud800y"), g)]),
            "sparql_raw": lambda: store.ox.update('INSERT DATA { <urn:s> <urn:p> "x\ud800y" }'),
            "sparql_escape": lambda: store.ox.update('INSERT DATA { <urn:s> <urn:p> "x\\uD800y" }'),
            "nquads_escape": lambda: store.ox.load(b'<urn:s> <urn:p> "x\\uD800y" <urn:g> .\n',
                                                   format=ox.RdfFormat.N_QUADS),
            "nquads_bytes": lambda: store.ox.load(b'<urn:s> <urn:p> "x\xed\xa0\x80y" <urn:g> .\n',
                                                  format=ox.RdfFormat.N_QUADS),
            "jsonld_escape": lambda: store.ox.load(b'{"@id": "urn:s", "urn:p": "x\\ud800y"}',
                                                   format=ox.RdfFormat.JSON_LD),
            "rdflib_view": lambda: store.dataset().graph(g).add((URIRef("urn:s"), RDFS.label, Literal("x\ud800y"))),
        }
        with pytest.raises((ValueError, SyntaxError, UnicodeEncodeError)):
            attempts[write]()
        assert snapshot(store) == before


def test_e2_the_xml_sanitiser_also_drops_lone_surrogates() -> None:
    """Defence in depth (no store can hold one): a networkx graph with a lone surrogate and
    controls in ids, attribute names and values still writes well-formed GraphML and GEXF."""
    from kg.export import _xml_safe

    graph = nx.MultiDiGraph()
    graph.add_node("n\ud800\x00", label="a\udfff\x0bb", type="Model")
    graph.add_node("m", label="ok")
    graph.add_edge("n\ud800\x00", "m", key="e\x01", relation="r\ud800")
    for write in (nx.write_graphml, nx.write_gexf):
        out = io.BytesIO()
        write(_xml_safe(graph), out, encoding="utf-8")
        etree.fromstring(out.getvalue())
        assert b"\xed\xa0" not in out.getvalue()


@pytest.mark.parametrize("fmt", ["graphml", "gexf"])
def test_e2_graphml_and_gexf_with_control_characters_are_well_formed(hostile: KGStore, fmt: str) -> None:
    data = export(hostile, fmt)
    etree.fromstring(data)  # lxml: strict XML 1.0, raises on any invalid character
    ET.fromstring(data)
    graph = (nx.read_graphml if fmt == "graphml" else nx.read_gexf)(io.BytesIO(data))
    original = to_networkx(hostile)
    assert set(graph.nodes) == {xml_chars(n) for n in original.nodes} == set(original.nodes)
    # every string stripped by the one rule (XML's Char production), nothing else changed
    for node, attrs in original.nodes(data=True):
        for key in ("label", "altLabels"):
            assert graph.nodes[node].get(key, "") == xml_chars(attrs[key]), (node, key)
    assert graph.nodes[CTL_MODEL]["label"] == xml_chars(f"Ctl Model 9B {CONTROLS}")
    assert "\t" in graph.nodes[CTL_MODEL]["label"] and "\n" in graph.nodes[CTL_MODEL]["label"]
    metrics = {d.get("metric") for _, _, d in graph.edges(data=True)}
    assert xml_chars(f"metric {CONTROLS}") in metrics
    assert graph.number_of_edges() == original.number_of_edges()


OX_READERS = {"turtle": ox.RdfFormat.TURTLE, "nquads": ox.RdfFormat.N_QUADS, "ntriples": ox.RdfFormat.N_TRIPLES}


@pytest.mark.parametrize("fmt", ["turtle", "nquads", "ntriples", "jsonld"])
def test_e2_rdf_exports_keep_control_characters_escaped(hostile: KGStore, fmt: str) -> None:
    data = export(hostile, fmt)
    assert b"\x00" not in data and b"\x0b" not in data  # escaped (\u0000), never raw
    wanted = {f"Ctl Model 9B {CONTROLS}", f"Tricky {TRICKY}", f"Lab {CONTROLS}"}
    if fmt == "jsonld":
        labels = {str(o) for o in Graph().parse(data=data, format="json-ld").objects(None, RDFS.label)}
    else:  # pyoxigraph reads N-Triples and Turtle as quads in the default graph
        labels = {q.object.value for q in ox.parse(data, format=OX_READERS[fmt])
                  if q.predicate.value == str(RDFS.label)}
    assert wanted <= labels  # every character back, exactly


def test_e2_cytoscape_json_and_dot_stay_valid_with_control_characters(hostile: KGStore) -> None:
    doc = strict_json(export(hostile, "cytoscape"))  # also: a NaN score is left out, never written as NaN
    nodes = {n["data"]["id"]: n["data"] for n in doc["elements"]["nodes"]}
    assert nodes[CTL_MODEL]["label"] == f"Ctl Model 9B {CONTROLS}"  # JSON keeps every character
    nan_edges = [e["data"] for e in doc["elements"]["edges"] if e["data"].get("iri") == str(NAN_RESULT)]
    assert len(nan_edges) == 1 and "score" not in nan_edges[0]
    assert all(math.isfinite(e["data"].get("score", 0)) for e in doc["elements"]["edges"])
    data = export(hostile, "dot")
    dot = parse_dot(data)
    labels = {undot(n.get_name()): undot(n.get("label")) for n in dot.get_nodes()
              if n.get_name() not in ("node", "edge", "graph")}
    assert labels[CTL_MODEL] == dot_chars(f"Ctl Model 9B {CONTROLS}")
    assert labels[TRICKY_MODEL] == dot_chars(f"Tricky {TRICKY}")
    assert len(labels) == len(nodes)
    if shutil.which("dot"):  # Graphviz itself, when installed
        import subprocess

        subprocess.run(["dot", "-Tsvg", "-o", "/dev/null"], input=data, check=True, timeout=60)


def test_e2_rdfxml_is_not_an_export_format(markup_server: LiveServer) -> None:
    """RDF/XML is not offered (XML 1.0 cannot hold a control character, even escaped, so it could
    not carry every literal the RDF formats keep): 400, and the library refuses it too. GraphML
    and GEXF are the XML exports."""
    r = httpx.get(markup_server.url + "/export/rdfxml")
    assert r.status_code == 400 and r.json()["error"] == "invalid_input"
    with open_store(None) as store, pytest.raises(InvalidInputError):
        export(store, "rdfxml")


# =========================================================================== E3: a large store


@pytest.fixture(scope="module")
def corpus_nquads(corpus_store_dir: Path) -> str:
    """The sample corpus's document and metadata graphs as N-Quads."""
    with open_store(corpus_store_dir, read_only=True) as store:
        quads = [q for q in store.ox if isinstance(q.graph_name, ox.NamedNode)
                 and q.graph_name.value != str(ONTOLOGY_GRAPH)]
    out = io.BytesIO()
    ox.serialize(quads, out, ox.RdfFormat.N_QUADS)
    return out.getvalue().decode("utf-8")


def build_copies(path: Path, text: str, min_quads: int) -> int:
    """Bulk-load marked copies of the corpus (every IRI under id/, graph/, doc/ renamed) into a
    new store at ``path`` until its named graphs hold ``min_quads`` quads; return that count."""
    base, meta = "https://w3id.org/llmkg/", f"<{META_GRAPH}>"
    with open_store(path) as store:
        write_extraction(store, control_extraction(), control_extras())
        k = 0
        while (n := _document_quads(store)) < min_quads:
            copy = text
            for part in ("id/", "graph/", "doc/"):
                copy = copy.replace(base + part, f"{base}{part}c{k}-")
            store.ox.bulk_load(copy.replace(f"<{base}graph/c{k}-meta>", meta).encode("utf-8"),
                               format=ox.RdfFormat.N_QUADS)
            k += 1
        return n


def _document_quads(store: KGStore) -> int:
    """The quads of the document and metadata graphs (what an export of the store holds)."""
    rows = store.select(f"SELECT (COUNT(*) AS ?n) WHERE {{ GRAPH ?g {{ ?s ?p ?o }} FILTER(?g != <{ONTOLOGY_GRAPH}>) }}")
    return int(rows[0]["n"])


@pytest.fixture(scope="module")
def large(tmp_path_factory: pytest.TempPathFactory, corpus_nquads: str) -> Iterator[tuple[LiveServer, int]]:
    """``llmkg serve`` on copies of the corpus past :data:`EXPORT_MAX_QUADS` (about 110k quads,
    with the control-character document), and a 2 s query timeout (the export's stall limit)."""
    root = tmp_path_factory.mktemp("e3-large")
    quads = build_copies(root / "store", corpus_nquads, EXPORT_MAX_QUADS + 1)
    server = LiveServer(root / "store", {"LLMKG_QUERY_TIMEOUT_S": "2"}, root / "server.log")
    yield server, quads
    server.stop()


def _get(server: LiveServer, path: str) -> tuple[httpx.Response, bytes, float, int]:
    """GET a streamed export: the response, its body, seconds to the first chunk, chunk count."""
    start = time.perf_counter()
    first, chunks, body = None, 0, bytearray()
    with httpx.stream("GET", server.url + path, timeout=120) as r:
        for chunk in r.iter_raw():
            first = first or time.perf_counter() - start
            chunks += 1
            body += chunk
    return r, bytes(body), first or 0.0, chunks


def test_e3_whole_store_nquads_is_streamed_and_complete(large: tuple[LiveServer, int]) -> None:
    server, quads = large
    r, body, first, chunks = _get(server, "/export/nquads")
    assert r.status_code == 200 and r.headers["content-type"].startswith("application/n-quads")
    assert "content-length" not in r.headers and r.headers["transfer-encoding"] == "chunked"
    assert chunks > 10 and first < 2.0, (chunks, first)
    parsed = list(ox.parse(body, format=ox.RdfFormat.N_QUADS))
    assert len(parsed) == quads and all(isinstance(q.graph_name, ox.NamedNode) for q in parsed)


@pytest.mark.parametrize(("fmt", "rdf_format"), [("turtle", ox.RdfFormat.TURTLE),
                                                 ("ntriples", ox.RdfFormat.N_TRIPLES)])
def test_e3_whole_store_turtle_and_ntriples_are_streamed_each_triple_once(
        large: tuple[LiveServer, int], fmt: str, rdf_format: ox.RdfFormat) -> None:
    server, _ = large
    r, body, first, chunks = _get(server, f"/export/{fmt}")
    assert r.status_code == 200 and "content-length" not in r.headers and chunks > 3 and first < 2.0
    triples = [q.triple for q in ox.parse(body, format=rdf_format)]
    with open_store(server.store, read_only=True) as store:
        expected = {q.triple for q in store.ox if isinstance(q.graph_name, ox.NamedNode)
                    and q.graph_name.value != str(ONTOLOGY_GRAPH)}
    assert len(triples) == len(set(triples)) == len(expected)  # the union, no triple twice
    assert set(triples) == expected


@pytest.mark.parametrize("path", ["/export/jsonld", "/export/jsonld?ontology=true"])
def test_e3_in_memory_formats_past_the_cap_get_413_with_guidance(large: tuple[LiveServer, int],
                                                                 path: str) -> None:
    server, quads = large
    start = time.perf_counter()
    r = httpx.get(server.url + path, timeout=60)
    assert time.perf_counter() - start < 5
    assert r.status_code == 413
    body = r.json()
    assert body["ok"] is False and body["status"] == 413 and body["error"] == "payload_too_large"
    for advice in ("nquads", "llmkg export", "subgraph", str(EXPORT_MAX_QUADS)):
        assert advice in body["message"], body["message"]


@pytest.mark.parametrize("fmt", ["graphml", "cytoscape"])
def test_e3_property_graph_exports_under_their_cap_still_work(large: tuple[LiveServer, int], fmt: str) -> None:
    server, _ = large
    r, body, _, _ = _get(server, f"/export/{fmt}")
    assert r.status_code == 200
    nodes = (set(nx.read_graphml(io.BytesIO(body)).nodes) if fmt == "graphml"
             else {n["data"]["id"] for n in strict_json(body)["elements"]["nodes"]})
    assert CTL_MODEL in nodes and len(nodes) > 1000


def test_e3_a_client_that_goes_away_stops_the_export(large: tuple[LiveServer, int]) -> None:
    """The export's thread stops at its next chunk once the client has gone (not when it would
    have given up on a stalled reader, 2 s here: the log says which), long before it could have
    written the ~25 MB, and drops its store iterators on its own thread (no leak, no traceback)."""
    server, _ = large
    marker = "the client went away"
    offset = len(server.log.read_bytes())
    with httpx.stream("GET", server.url + "/export/nquads", timeout=60) as r:
        next(r.iter_raw())
    start = time.monotonic()

    def logged() -> str:
        return server.log.read_bytes()[offset:].decode(errors="replace")

    while marker not in logged():
        assert time.monotonic() - start < 10, f"the export did not stop: {logged()!r}"
        time.sleep(0.05)
    line = next(x for x in logged().splitlines() if marker in x)
    assert int(line.split("stopped after ")[1].split()[0]) < 5_000_000, line
    time.sleep(0.5)  # anything the end of the export would log
    assert "took no data" not in logged() and "Traceback" not in logged() and "unsendable" not in logged()
    assert httpx.get(server.url + "/health", timeout=5).status_code == 200


def test_e3_a_client_that_stops_reading_is_cut_after_the_query_timeout(large: tuple[LiveServer, int]) -> None:
    """``query_timeout_s`` (2 s here) without the client taking a chunk: the export stops and the
    connection is cut before the end, so the client cannot take what it got for the whole."""
    server, _ = large
    with socket.create_connection(("127.0.0.1", server.port)) as sock:
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_RCVBUF, 64 * 1024)
        sock.sendall(b"GET /export/nquads HTTP/1.1\r\nHost: test\r\nConnection: close\r\n\r\n")
        head = sock.recv(65536)
        assert head.startswith(b"HTTP/1.1 200")
        time.sleep(5)  # more than the 2 s the server waits for a reader
        sock.settimeout(30)
        rest = bytearray(head)
        while chunk := sock.recv(1 << 20):
            rest += chunk
    assert not rest.endswith(b"\r\n0\r\n\r\n"), "the stream ended as if complete"
    assert len(rest) < 20_000_000  # far less than the ~25 MB export
    assert "the client took no data for 2 s" in server.log.read_text(errors="replace")


def test_e3_an_export_that_cannot_start_within_the_query_timeout_gets_503(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture) -> None:
    """``query_timeout_s`` also bounds the wait for an export's first byte (an in-memory format
    still building): past it 503 with ``Retry-After``, and the export is told to stop (its first
    write raises, and the log says why)."""
    import api.routes.export as route
    from api.main import create_app

    def slow_export(**kwargs: Any) -> None:
        time.sleep(1.0)  # building in memory for longer than the 0.2 s timeout
        kwargs["out"].write(b"late")

    async def get() -> tuple[httpx.Response, float]:
        app = create_app(Settings(store=tmp_path / "store", query_timeout_s=0.2))
        async with app.router.lifespan_context(app), httpx.AsyncClient(
                transport=httpx.ASGITransport(app=app), base_url="http://llmkg") as client:
            start = time.perf_counter()
            r = await client.get("/export/jsonld")
            return r, time.perf_counter() - start

    monkeypatch.setattr(route, "export", slow_export)
    caplog.set_level("WARNING", logger="llmkg.api")
    # on a thread of its own: Playwright's sync API keeps an event loop running on this one
    with ThreadPoolExecutor(1) as pool:
        r, seconds = pool.submit(lambda: asyncio.run(get())).result()
    assert seconds < 0.9  # answered before the export could have ended
    assert r.status_code == 503 and r.headers["retry-after"] == "5"
    assert r.json()["error"] == "query_timeout" and "did not start within 0.2 s" in r.json()["message"]
    deadline = time.monotonic() + 5
    while "export of jsonld stopped after 0 bytes: the export did not start" not in caplog.text:
        assert time.monotonic() < deadline, caplog.text
        time.sleep(0.05)


@pytest.mark.slow
def test_e3_a_million_triples_stream_in_bounded_server_memory(tmp_path: Path, corpus_nquads: str) -> None:
    """The 1M-triple measurement of bench/export_stream.py, as a test (``--slow``): the server's
    resident memory sampled every 20 ms while a client downloads the whole store as N-Quads."""
    quads = build_copies(tmp_path / "store", corpus_nquads, 1_000_000)
    server = LiveServer(tmp_path / "store", {}, tmp_path / "server.log")
    try:
        def rss_mb() -> float:
            status = Path(f"/proc/{server.proc.pid}/status").read_text()
            return int(next(x for x in status.splitlines() if x.startswith("VmRSS:")).split()[1]) / 1024

        before, peak, size, lines, done = rss_mb(), [0.0], 0, 0, threading.Event()

        def sample() -> None:
            while not done.is_set():
                peak[0] = max(peak[0], rss_mb())
                time.sleep(0.02)

        sampler = threading.Thread(target=sample, daemon=True)
        sampler.start()
        start = time.perf_counter()
        try:
            with httpx.stream("GET", server.url + "/export/nquads", timeout=600) as r:
                for chunk in r.iter_raw():
                    size += len(chunk)
                    lines += chunk.count(b"\n")
        finally:
            seconds = time.perf_counter() - start
            done.set()
            sampler.join()
        print(f"\n1M export: {quads} quads, {size / 1e6:.1f} MB in {seconds:.1f} s; server RSS "
              f"{before:.0f} MB before, {peak[0]:.0f} MB at peak")
        assert r.status_code == 200 and size > 200_000_000
        assert lines == quads  # N-Quads: one quad a line (line breaks in literals are escaped)
        assert peak[0] - before < 150, (before, peak[0])
        assert seconds < 60, seconds
        assert httpx.get(server.url + "/export/jsonld", timeout=60).status_code == 413
        assert quads >= 1_000_000
    finally:
        server.stop()


@pytest.mark.parametrize(("fmt", "kwargs"), [
    ("jsonld", {"max_quads": 1000}),
    ("turtle", {"max_quads": 1000, "subgraph": "neighbourhood"}),
    ("nquads", {"max_quads": 1000, "subgraph": "neighbourhood"}),
    ("graphml", {"max_elements": 100}),
    ("cytoscape", {"max_elements": 3, "subgraph": "neighbourhood"}),
])
def test_e3_library_caps_refuse_before_writing(corpus_store_dir: Path, fmt: str, kwargs: dict[str, Any]) -> None:
    scout = ID + "model/llama-4-scout"
    if kwargs.pop("subgraph", None):
        kwargs["subgraph"] = Subgraph("neighbourhood", scout, hops=3)
    out = io.BytesIO()
    with open_store(corpus_store_dir, read_only=True) as store, \
            pytest.raises(PayloadTooLargeError, match="nquads, ntriples or turtle") as refused:
        export(store, fmt, out=out, **kwargs)
    assert out.getvalue() == b"" and refused.value.status == 413


@pytest.mark.parametrize("fmt", ["turtle", "nquads", "ntriples"])
def test_e3_streamed_formats_ignore_the_caps(corpus_store_dir: Path, fmt: str) -> None:
    with open_store(corpus_store_dir, read_only=True) as store:
        data = export(store, fmt, max_quads=10, max_elements=10)
    assert data is not None and len(data) > 1_000_000


# =========================================================================== E4: round trips

RDFLIB_FORMATS = {"turtle": "turtle", "ntriples": "nt", "jsonld": "json-ld"}
OX_FORMATS = {"turtle": ox.RdfFormat.TURTLE, "ntriples": ox.RdfFormat.N_TRIPLES}


@pytest.fixture(scope="module")
def corpus_ro(corpus_store_dir: Path) -> Iterator[KGStore]:
    with open_store(corpus_store_dir, read_only=True) as store:
        yield store


def _source(name: str, request: pytest.FixtureRequest) -> KGStore:
    return request.getfixturevalue({"corpus": "corpus_ro", "hostile": "hostile"}[name])


@pytest.mark.parametrize("fmt", sorted(RDFLIB_FORMATS))
@pytest.mark.parametrize("source", ["corpus", "hostile"])
def test_e4_rdf_export_round_trips_to_an_isomorphic_graph(source: str, fmt: str,
                                                          request: pytest.FixtureRequest) -> None:
    store = _source(source, request)
    data = export(store, fmt)
    expected = union(store_graphs(store))
    parsed = Graph().parse(data=data, format=RDFLIB_FORMATS[fmt])  # rdflib
    assert len(parsed) == len(expected) > 0
    assert isomorphic(parsed, expected)
    if fmt in OX_FORMATS:  # and pyoxigraph, a second parser
        again = Graph()
        for t in ox.parse(data, format=OX_FORMATS[fmt]):
            again.add((_rd(t.subject), _rd(t.predicate), _rd(t.object)))
        assert isomorphic(again, expected)


@pytest.mark.filterwarnings("ignore:Dataset.default_context is deprecated:DeprecationWarning")
@pytest.mark.parametrize("source", ["corpus", "hostile"])
def test_e4_nquads_export_round_trips_every_graph(source: str, request: pytest.FixtureRequest) -> None:
    store = _source(source, request)
    data = export(store, "nquads")
    expected = store_graphs(store)
    ds = Dataset()
    ds.parse(data=data, format="nquads")
    parsed = {str(g.identifier): g for g in ds.graphs() if len(g)}
    assert set(parsed) == set(expected)
    for name, graph in expected.items():
        assert isomorphic(parsed[name], graph), name
    by_graph: dict[str, Graph] = {}
    for q in ox.parse(data, format=ox.RdfFormat.N_QUADS):
        by_graph.setdefault(q.graph_name.value, Graph()).add((_rd(q.subject), _rd(q.predicate), _rd(q.object)))
    assert set(by_graph) == set(expected)
    assert all(isomorphic(by_graph[name], graph) for name, graph in expected.items())


# =========================================================================== E5: same label, other IRI

TWINS = {ID + "model/mercury": "Model", ID + "model/mercury-2": "Model", ID + "hardware/mercury": "Hardware"}


@pytest.fixture(scope="module")
def twins() -> Iterator[KGStore]:
    """Three entities labelled "Mercury" (two models, one chip), each with its own edge, stated
    by two documents."""
    text = "Mercury runs on Mercury. Mercury 2, also sold as Mercury, was developed by Acme."
    doc = Document(text=text, source="mercury.txt", title="Mercury")
    m1, m2 = EntityRef("Model", "Mercury"), EntityRef("Model", "Mercury 2")
    chip, acme = EntityRef("Hardware", "Mercury"), EntityRef("Organization", "Acme")
    ev = _ev(text, "Mercury runs on Mercury")
    ex = Extraction(document=doc, entities=tuple(
        Entity(r, frozenset({r.type}), frozenset(), (ev,)) for r in (m1, m2, chip, acme)),
        relations=(Relation(m1, "fitsOn", chip, ev), Relation(m2, "developedBy", acme, ev)))
    with open_store(None) as store:
        write_extraction(store, ex)
        # a second document calls Mercury 2 just "Mercury" (its label in that graph)
        g = graph_iri("sha256:second")
        store.replace_document(document_iri("sha256:second"), g, [
            (URIRef(ID + "model/mercury-2"), RDFS.label, Literal("Mercury"), g),
            (URIRef(ID + "model/mercury-2"), LK.successorOf, URIRef(ID + "model/mercury"), g)])
        yield store


def _property_nodes(fmt: str, data: bytes) -> tuple[dict[str, str], list[tuple[str, str, str]]]:
    """Node id -> label, and (source, target, edge id) of a property-graph export."""
    if fmt == "cytoscape":
        doc = strict_json(data)
        return ({n["data"]["id"]: n["data"]["label"] for n in doc["elements"]["nodes"]},
                [(e["data"]["source"], e["data"]["target"], e["data"]["id"]) for e in doc["elements"]["edges"]])
    if fmt == "dot":
        dot = parse_dot(data)
        return ({undot(n.get_name()): undot(n.get("label")) for n in dot.get_nodes()
                 if n.get_name() not in ("node", "edge", "graph")},
                [(undot(e.get_source()), undot(e.get_destination()), undot(e.get("id"))) for e in dot.get_edges()])
    graph = (nx.read_graphml if fmt == "graphml" else nx.read_gexf)(io.BytesIO(data))
    edges = graph.edges(keys=True) if graph.is_multigraph() else (
        (u, v, d["id"]) for u, v, d in graph.edges(data=True))
    return {n: d["label"] for n, d in graph.nodes(data=True)}, list(edges)


@pytest.mark.parametrize("fmt", ["cytoscape", "graphml", "gexf", "dot"])
def test_e5_same_label_different_iris_stay_apart(twins: KGStore, fmt: str) -> None:
    nodes, edges = _property_nodes(fmt, export(twins, fmt))
    mercury = {iri for iri, label in nodes.items() if label == "Mercury"}
    assert mercury == set(TWINS)  # three nodes, ids are the IRIs, none merged
    assert len(nodes) == 4
    assert sorted((s, t) for s, t, _ in edges) == sorted([
        (ID + "model/mercury", ID + "hardware/mercury"), (ID + "model/mercury-2", ID + "org/acme"),
        (ID + "model/mercury-2", ID + "model/mercury")])
    ids = [e for _, _, e in edges]
    assert len(set(ids)) == 3 and not set(ids) & set(nodes)
    assert _property_nodes(fmt, export(twins, fmt))[1] == edges  # stable: the same ids every time


def test_e5_the_live_api_keeps_same_label_entities_apart(markup_server: LiveServer) -> None:
    """On the E1 server, "Llama 3" from the ingested card and every hostile label: one node per IRI."""
    doc = strict_json(httpx.get(f"{markup_server.url}/export/cytoscape", timeout=60).content)
    ids = [n["data"]["id"] for n in doc["elements"]["nodes"]]
    assert len(ids) == len(set(ids)) and all(i.startswith(("https://", "javascript:")) for i in ids)
    assert {MODEL_IRI, LAB_IRI, BASE_IRI, JS_IRI} <= set(ids)

