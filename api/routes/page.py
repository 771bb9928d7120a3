"""The interactive graph page; its scripts are served by the app itself (no CDN)."""

from __future__ import annotations

from pathlib import Path

from fastapi import APIRouter
from fastapi.responses import FileResponse, RedirectResponse

__all__ = ["STATIC", "router"]

STATIC = Path(__file__).resolve().parents[1] / "static"

router = APIRouter(tags=["page"], include_in_schema=False)

#: the page only loads what this app serves: no inline script or style, no eval. (Cytoscape.js
#: injects no <style> of its own because graph.html's stylesheet link carries the id it looks for.)
CSP = ("default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
       "connect-src 'self'; font-src 'self'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'")


#: ReDoc's bundle styles its page from <style> elements it adds: one empty element that
#: styled-components fills through the CSSOM (allowed by the hash of the empty string), and
#: perfect-scrollbar's fixed rules (pinned by their hash; a new ReDoc version that changes them is
#: refused by the browser, and the browser test says so). Nothing else is relaxed.
REDOC_CSP = CSP.replace("style-src 'self';", (
    "style-src 'self' 'sha256-47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU=' "
    "'sha256-QMIg+bpjm3JdElJ388KYke01izlUW0UoNOeKjpMxdgc=';"))


@router.get("/")
async def root() -> RedirectResponse:
    """The graph page."""
    return RedirectResponse("/graph")


def _page(name: str, csp: str = CSP) -> FileResponse:
    return FileResponse(STATIC / name, media_type="text/html; charset=utf-8",
                        headers={"Content-Security-Policy": csp, "X-Content-Type-Options": "nosniff",
                                 "Referrer-Policy": "no-referrer"})


@router.get("/graph")
async def graph_page() -> FileResponse:
    """The interactive graph page."""
    return _page("graph.html")


@router.get("/docs")
async def docs_page() -> FileResponse:
    """Swagger UI on /openapi.json, from the vendored swagger-ui-dist (static/vendor/README.md)."""
    return _page("docs.html")


@router.get("/redoc")
async def redoc_page() -> FileResponse:
    """ReDoc on /openapi.json, from the vendored redoc bundle (static/vendor/README.md)."""
    return _page("redoc.html", REDOC_CSP)
