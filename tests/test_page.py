"""Specs for the graph page in a real browser: Debian's Chromium driven by Playwright against a
live ``llmkg serve`` (the ``live_server`` fixture). A screenshot is kept in tests/artifacts/."""

from __future__ import annotations

import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import httpx
import pytest
from conftest import LiveServer

CHROMIUM = Path("/usr/bin/chromium")
ARTIFACTS = Path(__file__).resolve().parent / "artifacts"
SCOUT = "https://w3id.org/llmkg/id/model/llama-4-scout"
LLAMA_4 = "https://w3id.org/llmkg/id/model/llama-4"

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    """Headless Debian Chromium (never a downloaded browser)."""
    if not CHROMIUM.exists():
        pytest.fail(f"{CHROMIUM} is missing: install it with `apt-get install -y chromium` (make test does)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=str(CHROMIUM), args=[
            "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
            "--disable-sync", "--no-first-run"])
        yield b
        b.close()


class Page:
    """One browser tab on the graph page, recording console errors and every request."""

    def __init__(self, browser: Any, server: LiveServer, query: str = "") -> None:
        self.page = browser.new_page(viewport={"width": 1280, "height": 800})
        self.errors: list[str] = []
        self.requests: list[str] = []
        self.page.on("console", lambda m: self.errors.append(m.text) if m.type == "error" else None)
        self.page.on("pageerror", lambda e: self.errors.append(str(e)))
        self.page.on("request", lambda r: self.requests.append(r.url))
        self.page.goto(f"{server.url}/graph{query}")

    def nodes(self) -> int:
        return int(self.page.evaluate("window.llmkgGraph ? window.llmkgGraph.nodes().length : 0"))

    def labels(self) -> set[str]:
        return set(self.page.evaluate("window.llmkgGraph.nodes().map(n => n.data('label'))"))

    def wait_nodes(self, more_than: int, timeout: float = 15) -> int:
        """Wait until the graph has more than ``more_than`` nodes (the page's CSP forbids
        Playwright's eval-based wait_for_function, so this polls)."""
        end = time.monotonic() + timeout
        while time.monotonic() < end:
            n = self.nodes()
            if n > more_than:
                return n
            time.sleep(0.1)
        raise AssertionError(f"the graph still has {self.nodes()} nodes")


@pytest.mark.parametrize("query", [""])
def test_page_loads_renders_nodes_with_no_errors_and_a_strict_csp(browser: Any, live_server: LiveServer,
                                                                  query: str) -> None:
    response = httpx.get(f"{live_server.url}/graph{query}")
    csp = response.headers["content-security-policy"]
    assert "script-src 'self';" in csp and "unsafe" not in csp
    page = Page(browser, live_server, query)
    assert page.wait_nodes(3) > 3
    page.page.wait_for_selector("[data-testid=fact]")
    assert page.errors == []
    assert {urlsplit(u).netloc for u in page.requests if not u.startswith("data:")} == {urlsplit(live_server.url).netloc}
    page.page.close()


@pytest.mark.parametrize(("typed", "label"), [("Scout", "Llama 4 Scout")])
def test_page_search_selects_an_entity_and_shows_its_sourced_facts(browser: Any, live_server: LiveServer,
                                                                   typed: str, label: str) -> None:
    page = Page(browser, live_server)
    page.wait_nodes(0)
    page.page.fill("[data-testid=search]", typed)
    page.page.wait_for_selector(f"[data-testid=results] li:has-text('{label}')")
    page.page.press("[data-testid=search]", "Enter")
    page.page.wait_for_selector(f"#panel h2:text-is('{label}')")
    fact = page.page.locator("[data-testid=fact]", has_text="distilledFrom")
    assert "Llama 4 Behemoth" in fact.inner_text()
    assert "teacher" in fact.locator(".quote").first.inner_text()
    assert label in page.labels()
    assert page.errors == []
    page.page.close()


@pytest.mark.parametrize("entity", [SCOUT])
def test_page_expanding_a_node_adds_its_neighbours(browser: Any, live_server: LiveServer, entity: str) -> None:
    page = Page(browser, live_server, f"?entity={entity}")
    before = page.wait_nodes(2)
    page.page.evaluate(f"window.llmkgGraph.getElementById('{LLAMA_4}').emit('tap') && null")  # no collection back
    page.page.wait_for_selector("#panel h2:text-is('Llama 4')")
    page.page.click("#btn-expand")
    after = page.wait_nodes(before)
    assert after > before and "Llama 3" in page.labels()
    page.page.close()


@pytest.mark.parametrize("entity", ["Llama 4 Scout"])
def test_page_lineage_view_shows_the_teacher_and_the_family_line(browser: Any, live_server: LiveServer,
                                                                entity: str) -> None:
    page = Page(browser, live_server, f"?entity={entity}")
    page.wait_nodes(2)
    page.page.click("#btn-lineage")
    end = time.monotonic() + 15
    while "Llama 3" not in page.labels() and time.monotonic() < end:
        time.sleep(0.1)
    assert {"Llama 4 Scout", "Llama 4 Behemoth", "Llama 4", "Llama 3"} <= page.labels()
    relations = set(page.page.evaluate("window.llmkgGraph.edges().map(e => e.data('relation'))"))
    assert {"distilledFrom", "memberOfFamily", "successorOf"} <= relations
    ARTIFACTS.mkdir(exist_ok=True)
    page.page.screenshot(path=str(ARTIFACTS / "graph-page-lineage.png"))
    page.page.close()


@pytest.mark.parametrize("typed", ['<img src=x onerror="window.pwned=1"><script>window.pwned=1</script>'])
def test_page_shows_markup_from_input_and_api_as_text(browser: Any, live_server: LiveServer, typed: str) -> None:
    page = Page(browser, live_server)
    page.wait_nodes(0)
    page.page.fill("[data-testid=search]", typed)
    page.page.wait_for_selector("[data-testid=message]:not([hidden])")
    assert typed in page.page.inner_text("[data-testid=message]")
    assert page.page.evaluate("document.querySelectorAll('#message *').length") == 0
    assert page.page.evaluate("window.pwned === undefined")
    page.page.close()


@pytest.mark.parametrize("entity", ["Meta"])
def test_page_screenshot_is_kept_for_humans(browser: Any, live_server: LiveServer, entity: str) -> None:
    page = Page(browser, live_server, f"?entity={entity}")
    assert page.wait_nodes(10) > 10
    page.page.wait_for_selector("[data-testid=fact]")
    ARTIFACTS.mkdir(exist_ok=True)
    shot = ARTIFACTS / "graph-page.png"
    page.page.screenshot(path=str(shot))
    assert shot.stat().st_size > 20_000  # a drawn graph, not a blank page
    page.page.close()
