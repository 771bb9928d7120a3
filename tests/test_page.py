"""Specs for the graph page in a real browser: Debian's Chromium (never a downloaded browser) driven
by Playwright against a live ``llmkg serve`` on the sample corpus (the ``live_server`` fixture).

Every tab records its console errors, uncaught exceptions, Content-Security-Policy violations and
the URL of every request it made; :meth:`Tab.close` asserts there were no errors and that every
request went to the test server. Screenshots are kept in tests/artifacts/ (not committed).
"""

from __future__ import annotations

import json
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any
from urllib.parse import quote, urlsplit

import httpx
import pytest
from conftest import LiveServer

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--no-first-run"]
ARTIFACTS = Path(__file__).resolve().parent / "artifacts"
ID = "https://w3id.org/llmkg/id/"
SCOUT, LLAMA_4, LLAMA_3 = ID + "model/llama-4-scout", ID + "model/llama-4", ID + "model/llama-3"
#: installed before any page script runs (through the DevTools protocol, which the CSP does not govern)
CSP_LISTENER = """window.__csp = [];
document.addEventListener('securitypolicyviolation',
  e => window.__csp.push(e.violatedDirective + ' ' + e.blockedURI));"""

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    """Headless Debian Chromium; a missing browser fails the test with the command that installs it."""
    if not CHROMIUM.exists():
        pytest.fail(f"{CHROMIUM} is missing: install Debian's Chromium with `apt-get install -y chromium` "
                    "(`make test` does it); never `playwright install`")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield b
        b.close()


def until(check: Callable[[], Any], timeout: float = 15, what: str = "the page") -> Any:
    """Poll ``check`` until it returns something truthy (the page's CSP forbids the eval that
    Playwright's ``wait_for_function`` needs, so the tests poll through ``evaluate``)."""
    end = time.monotonic() + timeout
    while True:
        value = check()
        if value:
            return value
        if time.monotonic() > end:
            raise AssertionError(f"timed out waiting for {what}")
        time.sleep(0.05)


class Tab:
    """One 1280x800 tab on the graph page, recording errors, CSP violations and requests."""

    def __init__(self, browser: Any, server: LiveServer, query: str = "",
                 fake_api: Callable[[str, dict[str, str]], Any] | None = None) -> None:
        self.origin = server.url
        self.page = browser.new_page(viewport={"width": 1280, "height": 800})
        self.errors: list[str] = []
        self.requests: list[str] = []
        self.page.add_init_script(CSP_LISTENER)
        self.page.on("console", lambda m: self.errors.append(m.text) if m.type == "error" else None)
        self.page.on("pageerror", lambda e: self.errors.append(str(e)))
        self.page.on("request", lambda r: self.requests.append(r.url))
        if fake_api is not None:
            self.page.route(f"{server.url}/api/**", lambda route: self._fake(route, fake_api))
        self.page.goto(f"{server.url}/graph{query}")

    @staticmethod
    def _fake(route: Any, answer: Callable[[str, dict[str, str]], Any]) -> None:
        url = httpx.URL(route.request.url)
        route.fulfill(status=200, content_type="application/json",
                      body=json.dumps(answer(url.path, dict(url.params))))

    def js(self, expression: str) -> Any:
        return self.page.evaluate(expression)

    def nodes(self) -> int:
        return int(self.js("window.llmkgGraph ? window.llmkgGraph.nodes().length : 0"))

    def labels(self) -> set[str]:
        return set(self.js("window.llmkgGraph.nodes().map(n => n.data('label'))"))

    def wait_nodes(self, more_than: int) -> int:
        return until(lambda: self.nodes() > more_than and self.nodes(), what=f"more than {more_than} nodes")

    def panel_title(self) -> str:
        return self.page.text_content("[data-testid=entity-label]") or ""

    def wait_panel(self, label: str) -> None:
        until(lambda: self.panel_title() == label and self.page.locator("[data-testid=fact]").count(),
              what=f"the panel of {label}")

    def tap(self, iri: str) -> None:
        self.js(f"window.llmkgGraph.getElementById({json.dumps(iri)}).emit('tap') && null")

    def node_on_screen(self, iri: str) -> tuple[float, float]:
        box = self.page.locator("[data-testid=graph]").bounding_box()
        at = self.js(f"window.llmkgGraph.getElementById({json.dumps(iri)}).renderedPosition()")
        return box["x"] + at["x"], box["y"] + at["y"]

    def close(self, expect_errors: int = 0) -> None:
        """Assert the tab logged no error, broke no CSP rule and asked only its own origin; close it."""
        violations = self.js("window.__csp")
        self.page.close()
        assert violations == []
        assert len(self.errors) == expect_errors, self.errors
        assert {urlsplit(u).netloc for u in self.requests if not u.startswith("data:")} == {urlsplit(self.origin).netloc}


def test_page_is_served_with_a_strict_content_security_policy(live_server: LiveServer) -> None:
    response = httpx.get(f"{live_server.url}/graph")
    csp = response.headers["content-security-policy"]
    assert response.status_code == 200 and response.headers["content-type"].startswith("text/html")
    for rule in ("default-src 'none'", "script-src 'self'", "style-src 'self'", "connect-src 'self'"):
        assert f"{rule};" in csp
    assert "unsafe" not in csp and "sha256" not in csp and "http" not in csp
    assert httpx.get(f"{live_server.url}/").headers["location"] == "/graph"
    assert httpx.get(f"{live_server.url}/static/vendor/cytoscape/cytoscape.min.js").status_code == 200


def test_page_opens_the_lineage_of_the_most_connected_family_with_no_errors(browser: Any,
                                                                          live_server: LiveServer) -> None:
    tab = Tab(browser, live_server)
    n = tab.wait_nodes(3)
    until(lambda: tab.page.locator("[data-testid=fact]").count(), what="the facts")
    assert tab.page.text_content("[data-testid=node-count]") == f"{n} nodes"
    assert tab.page.locator("[data-testid=legend] li").count() == 7
    root = tab.js("window.llmkgGraph.nodes('.centre').map(n => [n.id(), n.data('type')])")
    ranked = httpx.get(f"{live_server.url}/api/analytics/centrality",
                       params={"kind": "model", "measure": "degree", "limit": 50}).json()
    family = next(r for r in ranked if r["type"] == "ModelFamily")
    assert root == [[family["iri"], "ModelFamily"]]
    assert tab.page.text_content("[data-testid=caption]").startswith(f"Lineage of {family['label']}")
    assert tab.js("window.location.search") == f"?entity={quote(family['iri'], safe='')}&view=lineage"
    tab.close()


def test_page_deep_link_opens_an_entitys_lineage(browser: Any, live_server: LiveServer) -> None:
    tab = Tab(browser, live_server, "?entity=Llama%204%20Scout&view=lineage")
    until(lambda: "Llama 3" in tab.labels() and "Llama 4 Behemoth" in tab.labels(), what="the lineage")
    assert "Lineage of Llama 4 Scout" in tab.page.text_content("[data-testid=caption]")
    tab.wait_panel("Llama 4 Scout")
    tab.close()


def test_page_address_bar_links_to_what_is_shown(browser: Any, live_server: LiveServer) -> None:
    """The address bar follows the entity and the view, and opening it again shows the same."""
    tab = Tab(browser, live_server, f"?entity={SCOUT}")
    tab.wait_nodes(2)
    tab.tap(LLAMA_4)
    tab.wait_panel("Llama 4")
    until(lambda: tab.js("window.location.search") == f"?entity={quote(LLAMA_4, safe='')}", what="the URL")
    tab.page.click("[data-testid=lineage]")
    until(lambda: tab.js("window.location.search").endswith("&view=lineage"), what="the lineage URL")
    link = tab.js("window.location.href")
    tab.close()
    again = Tab(browser, live_server, "?" + link.split("?", 1)[1])
    until(lambda: "Llama 3" in again.labels(), what="the shared lineage")
    assert again.page.text_content("[data-testid=caption]").startswith("Lineage of Llama 4")
    again.close()


def test_page_edge_labels_do_not_pile_up_on_a_hub(browser: Any, live_server: LiveServer) -> None:
    """Zoomed out on a lab with many models, no relation name is drawn until the pointer is on the
    lab (then its edges') or the view is zoomed in (then all)."""
    meta = ID + "org/meta"
    tab = Tab(browser, live_server, f"?entity={meta}")
    tab.wait_nodes(8)
    labelled = "window.llmkgGraph.edges('.labelled').length"
    tab.js("window.llmkgGraph.zoom(0.5) && null")
    until(lambda: tab.js(labelled) == 0, what="no labels zoomed out")
    tab.js(f"window.llmkgGraph.getElementById({json.dumps(meta)}).emit('mouseover') && null")
    hub = tab.js(f"window.llmkgGraph.getElementById({json.dumps(meta)}).connectedEdges().length")
    assert hub >= 8 and tab.js(labelled) == hub
    tab.js(f"window.llmkgGraph.getElementById({json.dumps(meta)}).emit('mouseout') && null")
    assert tab.js(labelled) == 0
    tab.js("window.llmkgGraph.zoom(1.2) && null")
    assert tab.js(labelled) == tab.js("window.llmkgGraph.edges().length")
    tab.close()


@pytest.mark.parametrize(("typed", "label"), [("Scout", "Llama 4 Scout")])
def test_page_search_selects_an_entity_and_shows_its_facts_with_their_sentences(
        browser: Any, live_server: LiveServer, typed: str, label: str) -> None:
    tab = Tab(browser, live_server)
    tab.wait_nodes(0)
    tab.page.fill("[data-testid=search]", typed)
    tab.page.wait_for_selector(f"[data-testid=results] li:has-text('{label}')")
    tab.page.press("[data-testid=search]", "Enter")
    tab.wait_panel(label)
    fact = tab.page.locator("[data-testid=fact]", has_text="distilledFrom")
    assert "Llama 4 Behemoth" in fact.inner_text()
    source = fact.locator("[data-testid=source]").first
    assert "served as the teacher" in source.locator(".quote").inner_text()
    assert "Llama 4 arrives" in source.locator(".src").inner_text()  # the document's title
    until(lambda: label in tab.labels() and tab.js(f"window.llmkgGraph.getElementById('{SCOUT}').hasClass('centre')"),
          what="Scout at the centre of the graph")
    tab.close()


def test_page_expanding_neighbours_adds_nodes_once(browser: Any, live_server: LiveServer) -> None:
    tab = Tab(browser, live_server, f"?entity={SCOUT}")
    before = tab.wait_nodes(2)
    tab.tap(LLAMA_4)
    tab.wait_panel("Llama 4")
    tab.page.click("[data-testid=expand]")
    after = tab.wait_nodes(before)
    assert "Llama 3" in tab.labels()
    tab.page.click("[data-testid=expand]")  # again: nothing new, nothing twice
    time.sleep(0.5)
    ids = tab.js("window.llmkgGraph.elements().map(e => e.id())")
    assert tab.nodes() == after and len(ids) == len(set(ids))
    x, y = tab.node_on_screen(LLAMA_3)  # a real double-click on the canvas expands too
    tab.page.mouse.dblclick(x, y)
    assert tab.wait_nodes(after) > after
    assert tab.page.text_content("[data-testid=node-count]") == f"{tab.nodes()} nodes"
    tab.close()


@pytest.mark.parametrize("entity", ["Llama 4 Scout"])
def test_page_lineage_view_shows_the_teacher_and_the_family_line(browser: Any, live_server: LiveServer,
                                                                entity: str) -> None:
    tab = Tab(browser, live_server, f"?entity={entity}")
    tab.wait_nodes(2)
    tab.wait_panel(entity)
    tab.page.click("[data-testid=lineage]")
    until(lambda: "Llama 3" in tab.labels(), what="the lineage")
    assert {"Llama 4 Scout", "Llama 4 Behemoth", "Llama 4", "Llama 3"} <= tab.labels()
    relations = set(tab.js("window.llmkgGraph.edges().map(e => e.data('relation'))"))
    assert {"distilledFrom", "memberOfFamily", "successorOf"} <= relations
    y = tab.js("Object.fromEntries(window.llmkgGraph.nodes().map(n => [n.data('label'), n.position('y')]))")
    assert y["Llama 4 Behemoth"] < y["Llama 4 Scout"] and y["Llama 3"] < y["Llama 4"]  # ancestors above
    assert "Lineage of Llama 4 Scout" in tab.page.text_content("[data-testid=caption]")
    assert tab.page.text_content("[data-testid=lineage]") == "Neighbourhood view"
    ARTIFACTS.mkdir(exist_ok=True)
    tab.page.screenshot(path=str(ARTIFACTS / "graph-page-lineage.png"))
    tab.close()


MARKUP = '<img src=x onerror="window.pwned=1"><b>Evil</b> & <script>window.pwned=1</script>'
EVIL, OTHER = ID + "model/evil", ID + "org/other"


def _markup_api(path: str, params: dict[str, str]) -> Any:
    """An API whose every label, quote and title holds markup."""
    node = {"iri": EVIL, "label": MARKUP, "types": ["Model"]}
    other = {"iri": OTHER, "label": MARKUP + " Inc", "types": ["Organization"]}
    source = {"document": ID + "doc", "title": MARKUP, "source": "<i>file</i>", "quote": MARKUP, "start": 0, "end": 1}
    page = {"total": 1, "offset": 0, "limit": 20, "next_offset": None}
    return {
        "/api/analytics/centrality": [{"iri": EVIL, "label": MARKUP, "type": "Model", "score": 1, "degree": 1}],
        "/api/entities": {"items": [node], **page},
        "/api/entity/neighbours": {"center": EVIL, "nodes": [node, other], "truncated": False,
                                   "edges": [{"source": EVIL, "relation": "<b>developedBy</b>", "target": OTHER}]},
        "/api/entity": {**node, "alt_labels": [MARKUP], "results": 0, "claims": 1, "documents": 1, "facts": [
            {"predicate": "developedBy", "direction": "out", "value": OTHER, "value_label": other["label"],
             "datatype": None, "sources": [source]},
            {"predicate": "<u>note</u>", "direction": "out", "value": MARKUP, "value_label": None,
             "datatype": None, "sources": [source]}]},
        "/api/lineage": {"root": node, "descendants": [], "ancestors": [
            {"subject": node, "relation": "<b>developedBy</b>", "object": other, "sources": [source], "next": []}]},
        "/api/claims": {"items": [{"claim": ID + "claim", "claimant": OTHER, "claimant_label": MARKUP,
                                   "stance": "asserts", "text": MARKUP, "proposition": ID + "p", "source": source}],
                        **page},
    }[path]


def test_page_shows_markup_in_api_labels_and_in_the_search_box_as_text(browser: Any,
                                                                      live_server: LiveServer) -> None:
    # the corpus has no label with markup, so the page gets one from a faked API (Playwright routes)
    tab = Tab(browser, live_server, fake_api=_markup_api)
    tab.wait_panel(MARKUP)
    until(lambda: tab.page.locator("[data-testid=claim]").count(), what="the claims")
    assert tab.labels() == {MARKUP, MARKUP + " Inc"}
    panel = tab.page.inner_text("[data-testid=panel]")
    assert panel.count(MARKUP) >= 5 and "<u>note</u>" in panel and "<i>file</i>" not in panel  # title wins
    tab.page.fill("[data-testid=search]", "<b>")
    tab.page.wait_for_selector("[data-testid=result-item]")
    assert tab.page.inner_text("[data-testid=result-item] .label") == MARKUP
    assert tab.js("document.querySelectorAll('main img, main b, main i, main u, main script, #results b').length") == 0
    assert tab.js("window.pwned") is None
    tab.close()


def test_page_reports_an_unknown_entity_in_the_message_area(browser: Any, live_server: LiveServer) -> None:
    tab = Tab(browser, live_server, "?entity=No%20Such%20Model")
    message = until(lambda: tab.page.text_content("[data-testid=message]"), what="a message")
    assert "No Such Model" in message and "Unknown entity" in message
    assert tab.page.is_visible("[data-testid=message]") and tab.nodes() == 0
    tab.close(expect_errors=1)  # Chromium logs the 404 of /api/entity


@pytest.fixture(scope="module")
def empty_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[LiveServer]:
    """``llmkg serve`` on a store with nothing in it."""
    root = tmp_path_factory.mktemp("live-empty")
    server = LiveServer(root / "store", {}, root / "server.log")
    yield server
    server.stop()


def test_page_says_so_when_the_store_is_empty(browser: Any, empty_server: LiveServer) -> None:
    tab = Tab(browser, empty_server)
    message = until(lambda: tab.page.text_content("[data-testid=message]"), what="a message")
    assert "store is empty" in message and "llmkg ingest" in message
    assert tab.nodes() == 0
    tab.close()


def test_page_screenshot_is_kept_for_humans(browser: Any, live_server: LiveServer) -> None:
    """Llama 4 Scout, with Llama 4 and Llama 3 expanded (docs/img/graph-page.png is a copy of it)."""
    tab = Tab(browser, live_server)
    tab.wait_nodes(0)
    tab.page.fill("[data-testid=search]", "Llama 4 Scout")
    tab.page.wait_for_selector("[data-testid=results] li:has-text('Llama 4 Scout')")
    tab.page.press("[data-testid=search]", "Enter")
    tab.wait_panel("Llama 4 Scout")
    for iri, label in ((LLAMA_4, "Llama 4"), (LLAMA_3, "Llama 3")):
        tab.tap(iri)
        tab.wait_panel(label)
        n = tab.nodes()
        tab.page.click("[data-testid=expand]")
        tab.wait_nodes(n)
    tab.tap(SCOUT)
    tab.wait_panel("Llama 4 Scout")
    tab.page.mouse.move(0, 799)
    ARTIFACTS.mkdir(exist_ok=True)
    shot = ARTIFACTS / "graph-page.png"
    tab.page.screenshot(path=str(shot))
    assert shot.stat().st_size > 20_000  # a drawn graph, not a blank page
    tab.close()
