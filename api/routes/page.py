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
