"""The interactive graph page; its scripts are served by the app itself (no CDN)."""

from __future__ import annotations

from pathlib import Path

from fastapi import APIRouter
from fastapi.responses import FileResponse, RedirectResponse

__all__ = ["STATIC", "router"]

STATIC = Path(__file__).resolve().parents[1] / "static"

router = APIRouter(tags=["page"], include_in_schema=False)

#: the one stylesheet cytoscape.js 3.34.4 injects into the page (its container rules), by hash
CYTOSCAPE_STYLE = "'sha256-pgvDUBa4IjFA2yuSJ2cqcyxmNYJMborsd0ORcRv9vw8='"
#: the page only loads what this app serves; no inline script, no other inline style, no eval
CSP = ("default-src 'none'; script-src 'self'; "
       f"style-src 'self' {CYTOSCAPE_STYLE}; img-src 'self' data:; "
       "connect-src 'self'; font-src 'self'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'")


@router.get("/")
async def root() -> RedirectResponse:
    """The graph page."""
    return RedirectResponse("/graph")


@router.get("/graph")
async def graph_page() -> FileResponse:
    """The interactive graph page."""
    return FileResponse(STATIC / "graph.html", media_type="text/html; charset=utf-8",
                        headers={"Content-Security-Policy": CSP, "X-Content-Type-Options": "nosniff",
                                 "Referrer-Policy": "no-referrer"})
