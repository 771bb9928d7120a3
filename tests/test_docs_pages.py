"""``/docs`` (Swagger UI) and ``/redoc`` (ReDoc) work offline: every file is served by the app
(issue 17, item 1). In Debian's Chromium with every request to anything but the server blocked,
each page renders the API's operations under the graph page's strict CSP."""

from __future__ import annotations

from typing import Any
from urllib.parse import urlsplit

import httpx
import pytest
from conftest import LiveServer
from test_page import CSP_LISTENER, browser, until  # noqa: F401 - the browser fixture

pytestmark = [pytest.mark.browser, pytest.mark.issue(17)]


class OfflineTab:
    """A tab that may reach the server only: any other request is aborted and recorded."""

    def __init__(self, browser: Any, server: LiveServer, path: str) -> None:  # noqa: F811
        self.origin = urlsplit(server.url).netloc
        self.page = browser.new_page(viewport={"width": 1280, "height": 800})
        self.errors: list[str] = []
        self.blocked: list[str] = []
        self.page.add_init_script(CSP_LISTENER)
        self.page.on("console", lambda m: self.errors.append(m.text) if m.type == "error" else None)
        self.page.on("pageerror", lambda e: self.errors.append(str(e)))
        self.page.route("**/*", self._only_the_server)
        self.page.goto(server.url + path)

    def _only_the_server(self, route: Any) -> None:
        url = route.request.url
        if url.startswith("data:") or urlsplit(url).netloc == self.origin:
            route.continue_()
        else:
            self.blocked.append(url)
            route.abort()

    def close(self, refused: tuple[str, ...] = ()) -> None:
        """No request left for another host; no CSP violation or console error but the ``refused``
        URLs' (which the policy stopped before any request was made)."""
        violations = [v for v in self.page.evaluate("window.__csp") if v.split()[-1] not in refused]
        errors = [e for e in self.errors if not any(url in e for url in refused)]
        self.page.close()
        assert violations == [], violations
        assert self.blocked == [], self.blocked
        assert errors == [], errors


@pytest.fixture
def operations(live_server: LiveServer) -> int:
    spec = httpx.get(live_server.url + "/openapi.json", timeout=30).json()
    return sum(1 for item in spec["paths"].values() for m in item if m in ("get", "post", "put", "delete"))


@pytest.mark.parametrize("path", ["/docs", "/redoc"])
def test_docs_page_is_served_with_the_strict_csp(live_server: LiveServer, path: str) -> None:
    r = httpx.get(live_server.url + path, timeout=30)
    assert r.status_code == 200 and r.headers["content-type"].startswith("text/html")
    csp = r.headers["content-security-policy"]
    assert "script-src 'self';" in csp and "default-src 'none';" in csp
    assert "unsafe" not in csp and "http" not in csp and "blob" not in csp
    assert "cdn" not in r.text.lower() and "https://" not in r.text


def test_swagger_ui_renders_every_operation_offline(browser: Any, live_server: LiveServer,  # noqa: F811
                                                    operations: int) -> None:
    tab = OfflineTab(browser, live_server, "/docs")
    shown = until(lambda: tab.page.locator(".opblock").count() >= operations and tab.page.locator(".opblock").count(),
                  timeout=30, what="Swagger UI's operations")
    assert shown == operations
    assert tab.page.locator(".opblock-summary-path", has_text="/api/entities").count() >= 1
    tab.close()


def test_redoc_renders_every_operation_offline(browser: Any, live_server: LiveServer,  # noqa: F811
                                               operations: int) -> None:
    tab = OfflineTab(browser, live_server, "/redoc")
    sel = "[data-section-id^='operation/']"
    shown = until(lambda: tab.page.locator(sel).count() >= operations and tab.page.locator(sel).count(),
                  timeout=30, what="ReDoc's operations")
    assert shown == operations
    # ReDoc's sidebar asks for its maker's logo from a CDN: the policy refuses it before any request
    # is made, and ReDoc hides the image
    tab.close(refused=("https://cdn.redoc.ly/redoc/logo-mini.svg",))
