"""Hostile input to ingestion: rows I1-I18 of bad-inputs.md (section I), one or more tests each.

Every hostile file is built here, as bytes (PDFs are written object by object by :func:`_pdf`),
and ingested in a batch next to good files: the test checks the per-file error (it names the file
and the reason), that nothing of the failed file reached the store, and that the good files were
still ingested. URL ingestion is tested against real HTTP servers on loopback (:class:`Site`);
"public" addresses are simulated by an injected resolver and by :func:`internet`, which sends a
connection to :data:`PUBLIC_IP` to the loopback server on the same port and refuses any other
address (no test needs the network).
"""

from __future__ import annotations

import gzip
import http.server
import io
import re
import socket
import ssl
import subprocess
import threading
import time
import zlib
from collections.abc import Callable, Iterator
from dataclasses import replace
from pathlib import Path
from typing import Any

import pyoxigraph as ox
import pypdf
import pytest
import rdflib
from rdflib import Literal
from spacy.language import Language
from typer.testing import CliRunner

import ingest.document as document_stage
from ingest.fetch import fetch_url
from ingest.loaders import LoadLimits, load_bytes, load_path
from ingest.nlp import annotate, chunk_spans, make_nlp
from ingest.pipeline import (
    DocumentOutcome,
    IngestReport,
    ingest_bytes,
    ingest_document,
    ingest_url,
    run_ingest,
)
from ingest.records import Document, Entity, EntityRef, Evidence
from kg.errors import LoaderError
from kg.settings import Settings
from kg.store import KGStore
from kg.stores import open_store
from kg.terms import META_GRAPH, is_safe_iri
from llmkg.cli import app

#: a public address (example.com's) that the tests pretend to reach: see :func:`internet`
PUBLIC_IP = "93.184.216.34"
#: what no literal of the store may hold (NUL, C0/C1 controls but tab/newline/CR, DEL, surrogates)
BAD_CHARS = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ud800-\udfff]")
TIMESTAMPS = ("http://www.w3.org/ns/prov#endedAtTime", "http://www.w3.org/ns/prov#generatedAtTime")

#: good files ingested next to each hostile one: each must still be "added"
GOOD = {
    "good-release.txt": "Quillfeather Labs released Brisa-3 14B, a new open-weight model.\n",
    "good-card.md": "# Brisa-3 Mini\n\nBrisa-3 Mini was distilled from the larger Brisa-3 Max model.\n",
}
ARTICLE = ("<p>Halcyra Labs released Ostrel-5 70B, a new open-weight language model, on Tuesday. "
           "Ostrel-5 70B was distilled from the larger Ostrel-5 Max model.</p>")


# --------------------------------------------------------------------------- helpers


def _write(folder: Path, files: dict[str, bytes | str]) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    for name, content in files.items():
        (folder / name).write_bytes(content.encode("utf-8") if isinstance(content, str) else content)
    return folder


def _batch(tmp_path: Path, settings: Settings, store: KGStore, nlp: Language,
           bad: dict[str, bytes | str]) -> tuple[Path, IngestReport]:
    """Write the good files and ``bad`` to one folder and ingest them, each named on its own (as
    ``llmkg ingest a b c`` does: a folder walk skips types it does not know); return the folder
    and the report."""
    files = {**GOOD, **bad}
    folder = _write(tmp_path / "batch", files)
    return folder, run_ingest([folder / n for n in sorted(files)], settings=settings, store=store, nlp=nlp)


def _failure(report: IngestReport, name: str, *reasons: str) -> DocumentOutcome:
    """The one failed outcome of ``name``: its error names the file and every reason; the good
    files of the batch were added."""
    failed = [o for o in report.failed if Path(o.source).name == name or o.source == name]
    assert len(failed) == 1, report.outcomes
    [out] = failed
    assert out.error is not None
    assert name in out.error, out.error
    for reason in reasons:
        assert reason in out.error, out.error
    for good in GOOD:
        statuses = [o.status for o in report.outcomes if Path(o.source).name == good]
        assert statuses in ([], ["added"]), report.outcomes
    return out


def _goods_added(report: IngestReport) -> None:
    assert {Path(o.source).name for o in report.outcomes if o.status == "added"} >= set(GOOD)


def _literals(store: KGStore) -> list[str]:
    return [q.object.value for q in store.quads() if isinstance(q.object, ox.Literal)]


def _nothing_of(store: KGStore, source: str, *markers: str) -> None:
    """No document read from ``source`` is in the store, and no literal holds any ``marker``."""
    assert store.document_by_source(source) == []
    for marker in markers:
        assert not [v for v in _literals(store) if marker in v], marker


def _doc_count(store: KGStore) -> int:
    rows = store.select(f"SELECT (COUNT(DISTINCT ?d) AS ?n) WHERE {{ GRAPH <{META_GRAPH}> "
                        "{ ?d a lk:Document } }")
    return int(rows[0]["n"])


def _page(body: str, head: str = "") -> str:
    return f"<!doctype html><html><head>{head}</head><body><article>{body}</article></body></html>"


# --------------------------------------------------------------------------- PDFs as bytes


def _pdf(objects: dict[int, bytes], *, prev_loop: bool = False) -> bytes:
    """A PDF of ``objects`` (number -> body) with a correct xref table; object 1 is the catalog.

    ``prev_loop`` gives the trailer a ``/Prev`` pointing at its own xref table (a cycle).
    """
    out = bytearray(b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n")
    offsets: dict[int, int] = {}
    for n in sorted(objects):
        offsets[n] = len(out)
        out += b"%d 0 obj\n" % n + objects[n] + b"\nendobj\n"
    xref = len(out)
    size = max(objects) + 1
    out += b"xref\n0 %d\n0000000000 65535 f \n" % size
    for n in range(1, size):
        out += b"%010d 00000 n \n" % offsets.get(n, 0)
    trailer = b"/Size %d /Root 1 0 R" % size + (b" /Prev %d" % xref if prev_loop else b"")
    out += b"trailer\n<< " + trailer + b" >>\nstartxref\n%d\n%%%%EOF\n" % xref
    return bytes(out)


def _stream(data: bytes, extra: bytes = b"") -> bytes:
    return b"<< /Length %d %s >>\nstream\n" % (len(data), extra) + data + b"\nendstream"


def _text_ops(*lines: str) -> bytes:
    ops = [b"BT /F1 12 Tf 72 720 Td 14 TL"] + [b"(" + ln.encode("latin-1") + b") Tj T*" for ln in lines]
    return b"\n".join([*ops, b"ET"])


PDF_LINES = ("Halcyra Labs released Ostrel-5 70B, a new open-weight model.",
             "Ostrel-5 70B was distilled from the larger Ostrel-5 Max model.")


def _page_pdf(content: bytes | None = None, *, filters: bytes = b"", catalog: bytes = b"",
              extra: dict[int, bytes] | None = None, prev_loop: bool = False) -> bytes:
    """A one-page PDF (Helvetica text); ``extra`` adds or replaces objects."""
    objects = {
        1: b"<< /Type /Catalog /Pages 2 0 R " + catalog + b">>",
        2: b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        3: b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R "
           b"/Resources << /Font << /F1 5 0 R >> >> >>",
        4: _stream(_text_ops(*PDF_LINES) if content is None else content, filters),
        5: b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    }
    objects.update(extra or {})
    return _pdf(objects, prev_loop=prev_loop)


def _double_flate_of_zeros(megabytes: int) -> bytes:
    """``megabytes`` MB of NUL bytes compressed twice with zlib (a content stream with
    ``/Filter [/FlateDecode /FlateDecode]``): a few hundred bytes."""
    c = zlib.compressobj(9)
    block = b"\0" * 1_000_000
    inner = b"".join(c.compress(block) for _ in range(megabytes)) + c.flush()
    return zlib.compress(inner, 9)


def _bomb_pdf(megabytes: int) -> bytes:
    return _page_pdf(_double_flate_of_zeros(megabytes), filters=b"/Filter [/FlateDecode /FlateDecode]")


# --------------------------------------------------------------------------- HTTP servers


Route = tuple[int, dict[str, str], bytes] | Callable[[http.server.BaseHTTPRequestHandler], None]


class Site:
    """A real HTTP server on 127.0.0.1 (a free port), answering ``routes`` (path -> response or
    handler function) and recording every request it gets in ``hits`` (path, headers)."""

    def __init__(self, tls: ssl.SSLContext | None = None) -> None:
        self.routes: dict[str, Route] = {}
        self.hits: list[tuple[str, dict[str, str]]] = []
        site = self

        class Handler(http.server.BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def do_GET(self) -> None:  # noqa: N802 - the http.server API
                site.hits.append((self.path, dict(self.headers.items())))
                route = site.routes.get(self.path)
                if route is None:
                    route = (404, {}, b"not here")
                if callable(route):
                    route(self)
                    return
                status, headers, body = route
                self.send_response(status)
                for k, v in {"Content-Length": str(len(body)), **headers}.items():
                    self.send_header(k, v)
                self.end_headers()
                try:
                    self.wfile.write(body)
                except OSError:
                    pass

            def log_message(self, *args: object) -> None:
                pass

        self.server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.server.daemon_threads = True
        if tls is not None:
            self.server.socket = tls.wrap_socket(self.server.socket, server_side=True)
        self.port = self.server.server_address[1]
        self.thread = threading.Thread(target=self.server.serve_forever, kwargs={"poll_interval": 0.05},
                                       daemon=True)
        self.thread.start()

    def url(self, path: str = "/", host: str = "127.0.0.1") -> str:
        return f"http://{host}:{self.port}{path}"

    def close(self) -> None:
        self.server.shutdown()
        self.server.server_close()


@pytest.fixture
def site() -> Iterator[Site]:
    """A loopback HTTP server (see :class:`Site`)."""
    s = Site()
    yield s
    s.close()


@pytest.fixture
def internal() -> Iterator[Site]:
    """A second loopback server, standing for a service on the private network: no test may
    ever reach it."""
    s = Site()
    s.routes["/secret"] = (200, {"Content-Type": "text/plain"}, b"INTERNAL-SECRET " * 10)
    yield s
    assert s.hits == [], f"the internal server was reached: {s.hits}"
    s.close()


@pytest.fixture
def internet(monkeypatch: pytest.MonkeyPatch) -> list[tuple[str, int]]:
    """Every TCP connection the fetcher opens, recorded as ``(address, port)``.

    A connection to :data:`PUBLIC_IP` goes to the loopback server on the same port (the tests'
    stand-in for a public web server); loopback connections go through; any other address is
    refused (there is no network).
    """
    real = socket.create_connection
    connects: list[tuple[str, int]] = []

    def connect(address: tuple[str, int], *args: Any, **kwargs: Any) -> socket.socket:
        host, port = str(address[0]), int(address[1])
        connects.append((host, port))
        if host == PUBLIC_IP:
            return real(("127.0.0.1", port), *args, **kwargs)
        if host == "127.0.0.1":
            return real(address, *args, **kwargs)
        raise OSError(f"test: no route to {host}")

    monkeypatch.setattr(socket, "create_connection", connect)
    return connects


def _public(name_to_ips: dict[str, list[str]]) -> Callable[[str, int], list[str]]:
    """An injected resolver: host name -> addresses (a name it does not know does not resolve)."""

    def resolve(host: str, port: int) -> list[str]:  # noqa: ARG001
        if host not in name_to_ips:
            raise LoaderError(f"cannot resolve host {host!r} (test resolver)")
        return name_to_ips[host]

    return resolve


@pytest.fixture
def no_dns(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """Host names the system resolver was asked for (numeric hosts are not recorded); asking for
    a name fails, so only the injected resolver can answer."""
    real = socket.getaddrinfo
    asked: list[str] = []

    def getaddrinfo(host: Any, *args: Any, **kwargs: Any) -> Any:
        name = host.decode() if isinstance(host, bytes) else str(host)
        try:
            socket.inet_pton(socket.AF_INET6 if ":" in name else socket.AF_INET, name)
        except OSError:
            asked.append(name)
            raise socket.gaierror(socket.EAI_NONAME, f"test: no DNS for {name}") from None
        return real(host, *args, **kwargs)

    monkeypatch.setattr(socket, "getaddrinfo", getaddrinfo)
    return asked


def _html_route(body: str, head: str = "") -> Route:
    return (200, {"Content-Type": "text/html; charset=utf-8"}, _page(body, head).encode("utf-8"))


# =========================================================================== I1 PDF bombs


def test_i1_nested_flatedecode_bomb_pdf_is_refused_by_the_decompression_limit(
        tmp_path: Path, settings: Settings, store: KGStore, nlp: Language) -> None:
    bomb = _bomb_pdf(200)  # 200 MB of content in a few hundred bytes
    assert len(bomb) < 2000
    started = time.monotonic()
    _folder, report = _batch(tmp_path, settings, store, nlp, {"bomb.pdf": bomb})
    out = _failure(report, "bomb.pdf", "resource limit", "decompression bomb")
    assert out.status == "failed"
    assert time.monotonic() - started < 60
    _nothing_of(store, str(tmp_path / "batch" / "bomb.pdf"))
    assert _doc_count(store) == len(GOOD)


def test_i1_bomb_under_the_library_limit_is_stopped_by_the_child_memory_limit(
        tmp_path: Path, store: KGStore, nlp: Language) -> None:
    # 70 MB is under pypdf's own 75 MB output limit: the child's RLIMIT_AS stops it instead
    settings = Settings(store=tmp_path / "unused", parse_memory_mb=120)
    _folder, report = _batch(tmp_path, settings, store, nlp,
                             {"bomb70.pdf": _bomb_pdf(70), "fine.pdf": _page_pdf()})
    _failure(report, "bomb70.pdf", "resource limit")
    # the same allowance reads an ordinary PDF: the limit is what stopped the bomb
    assert [o.status for o in report.outcomes if o.source.endswith("fine.pdf")] == ["added"]
    _nothing_of(store, str(tmp_path / "batch" / "bomb70.pdf"))


# =========================================================================== I2 cyclic PDFs


@pytest.mark.parametrize(("name", "pdf", "expected"), [
    ("xref-prev-loop.pdf", _page_pdf(prev_loop=True), "added"),
    ("cyclic-pages.pdf", _page_pdf(extra={2: b"<< /Type /Pages /Kids [3 0 R 2 0 R] /Count 2 >>"}),
     "cyclic page references"),
    ("cyclic-pages-deep.pdf", _page_pdf(extra={
        2: b"<< /Type /Pages /Kids [6 0 R] /Count 1 >>",
        6: b"<< /Type /Pages /Parent 2 0 R /Kids [2 0 R 3 0 R] /Count 1 >>"}), "cyclic page references"),
    ("cyclic-outline.pdf", _page_pdf(catalog=b"/Outlines 6 0 R ", extra={
        6: b"<< /Type /Outlines /First 7 0 R /Last 7 0 R /Count 1 >>",
        7: b"<< /Title (Loop) /Parent 6 0 R /Next 7 0 R /Prev 7 0 R /First 7 0 R /Dest [3 0 R /Fit] >>"}),
     "added"),
])
def test_i2_cyclic_pdf_structures_load_or_fail_without_hanging(
        tmp_path: Path, settings: Settings, store: KGStore, nlp: Language, name: str, pdf: bytes,
        expected: str) -> None:
    started = time.monotonic()
    _folder, report = _batch(tmp_path, settings, store, nlp, {name: pdf})
    assert time.monotonic() - started < 60
    if expected == "added":  # the cycle is in a part that is never followed (xref chain, outline)
        assert [o.status for o in report.outcomes if Path(o.source).name == name] == ["added"]
        assert store.select("SELECT ?x ?l WHERE { ?x rdfs:label ?l }", l=Literal("Ostrel-5 70B"))
    else:
        _failure(report, name, "not a readable PDF", expected)
        _nothing_of(store, str(tmp_path / "batch" / name), "Ostrel-5")
    _goods_added(report)


def test_i2_a_pdf_parser_that_runs_past_the_deadline_is_killed(
        tmp_path: Path, store: KGStore, nlp: Language) -> None:
    # the 70 MB bomb takes seconds to render as text: a hang, as far as a 0.5 s deadline goes
    settings = Settings(store=tmp_path / "unused", parse_timeout_s=0.5)
    started = time.monotonic()
    _folder, report = _batch(tmp_path, settings, store, nlp, {"slow.pdf": _bomb_pdf(70)})
    _failure(report, "slow.pdf", "took longer than 0.5 s (killed)")
    assert time.monotonic() - started < 30
    _nothing_of(store, str(tmp_path / "batch" / "slow.pdf"))


# =========================================================================== I3 encrypted, JS


def _encrypt(pdf: bytes, user_password: str) -> bytes:
    writer = pypdf.PdfWriter(clone_from=pypdf.PdfReader(io.BytesIO(pdf)))
    writer.encrypt(user_password, "owner-secret")
    buf = io.BytesIO()
    writer.write(buf)
    return buf.getvalue()


def test_i3_encrypted_pdf_is_refused_with_a_clear_error(tmp_path: Path, settings: Settings,
                                                        store: KGStore, nlp: Language) -> None:
    locked = _encrypt(_page_pdf(), "secret")
    _folder, report = _batch(tmp_path, settings, store, nlp, {"locked.pdf": locked})
    _failure(report, "locked.pdf", "encrypted PDF", "password")
    _nothing_of(store, str(tmp_path / "batch" / "locked.pdf"), "Ostrel-5")


def test_i3_javascript_and_embedded_files_are_ignored_never_run_or_written(
        tmp_path: Path, settings: Settings, store: KGStore, nlp: Language,
        monkeypatch: pytest.MonkeyPatch) -> None:
    work = tmp_path / "cwd"
    work.mkdir()
    monkeypatch.chdir(work)
    marker = tmp_path / "js-ran"
    pdf = _page_pdf(catalog=b"/OpenAction 6 0 R /Names 7 0 R /AA << /WC 6 0 R >> ", extra={
        6: b"<< /S /JavaScript /JS (app.alert('JS-MARKER'); this.exportDataObject({cName: 'evil'});"
           + b" var f = new File('" + str(marker).encode() + b"');) >>",
        7: b"<< /EmbeddedFiles << /Names [(evil.sh) 8 0 R] >> /JavaScript << /Names [(js) 6 0 R] >> >>",
        8: b"<< /Type /Filespec /F (evil.sh) /UF (evil.sh) /EF << /F 9 0 R >> >>",
        9: _stream(b"#!/bin/sh\necho EMBEDDED-MARKER > pwned\n", b"/Type /EmbeddedFile"),
    })
    before = sorted(tmp_path.rglob("*"))
    _folder, report = _batch(tmp_path, settings, store, nlp, {"scripted.pdf": pdf})
    assert [o.status for o in report.outcomes if o.source.endswith("scripted.pdf")] == ["added"]
    # the page text was read ...
    assert store.select("SELECT ?x ?l WHERE { ?x rdfs:label ?l }", l=Literal("Ostrel-5 70B"))
    # ... and nothing of the script or the attachment: not stored, not run, not written to disk
    assert not [v for v in _literals(store) if "MARKER" in v or "evil" in v]
    assert not marker.exists()
    assert list(work.iterdir()) == []
    new_files = [p for p in sorted(tmp_path.rglob("*")) if p not in before]
    assert [p for p in new_files if not (p.is_relative_to(tmp_path / "batch")
                                         or p.is_relative_to(settings.store))] == []


# =========================================================================== I4 not a PDF


@pytest.mark.parametrize(("name", "data", "reason"), [
    ("random.pdf", bytes(range(256)) * 64, "not a PDF file"),
    ("random-with-header.pdf", b"%PDF-1.7\n" + bytes(range(256)) * 64, "not a readable PDF"),
    ("empty.pdf", b"", "not a PDF file"),
    ("truncated.pdf", _page_pdf()[:300], "not a readable PDF"),
    ("truncated-half.pdf", _page_pdf()[: len(_page_pdf()) // 2], "not a readable PDF"),
])
def test_i4_random_empty_and_truncated_pdfs_fail_alone(tmp_path: Path, settings: Settings,
                                                       store: KGStore, nlp: Language, name: str,
                                                       data: bytes, reason: str) -> None:
    _folder, report = _batch(tmp_path, settings, store, nlp, {name: data})
    _failure(report, name, reason)
    _nothing_of(store, str(tmp_path / "batch" / name), "Ostrel-5")
    assert _doc_count(store) == len(GOOD)


@pytest.mark.parametrize(("name", "data"), [("random.pdf", bytes(range(256)) * 64), ("empty.pdf", b"")])
def test_i4_bad_pdf_bytes_upload_is_one_failed_outcome(settings: Settings, store: KGStore,
                                                       nlp: Language, name: str, data: bytes) -> None:
    report = ingest_bytes(data, name, settings=settings, store=store, nlp=nlp)
    [out] = report.outcomes
    assert out.status == "failed" and name in (out.error or "") and "not a PDF file" in (out.error or "")
    assert _doc_count(store) == 0


# =========================================================================== I5 huge <script>


def test_i5_html_with_a_20_mb_script_is_refused_by_the_size_cap(tmp_path: Path, settings: Settings,
                                                                store: KGStore, nlp: Language) -> None:
    script = "var junk = 'SCRIPT-MARKER';\n" * (20_000_000 // 28 + 1)
    page = _page(ARTICLE + f"<script>{script}</script>").encode("utf-8")
    assert len(page) > settings.max_file_bytes
    started = time.monotonic()
    _folder, report = _batch(tmp_path, settings, store, nlp, {"huge-script.html": page})
    _failure(report, "huge-script.html", "over the limit of 20,000,000 bytes", "max_file_bytes")
    # the same bytes sent as an upload or over HTTP are refused by the same cap
    [out] = ingest_bytes(page, "huge-script.html", settings=settings, store=store, nlp=nlp).outcomes
    assert out.status == "failed" and "max_file_bytes" in (out.error or "")
    assert time.monotonic() - started < 30
    _nothing_of(store, str(tmp_path / "batch" / "huge-script.html"), "SCRIPT-MARKER", "Ostrel")


def test_i5_big_script_under_the_cap_is_dropped_and_nothing_after_it_is_lost(
        tmp_path: Path, settings: Settings, store: KGStore, nlp: Language) -> None:
    # a 15 MB text node: libxml2 stops at 10 MB by default and drops the rest of the page
    # silently; the parser runs with huge_tree, so the paragraph after the script is read
    script = "var junk = 'SCRIPT-MARKER';\n" * (15_000_000 // 28)
    tail = "<p>Tailwind Labs released Corvid-9 Large after the script, the last paragraph.</p>"
    page = _page(ARTICLE + f"<script>{script}</script>" + tail).encode("utf-8")
    assert 15_000_000 < len(page) < settings.max_file_bytes
    started = time.monotonic()
    [doc] = load_bytes(page, "big-script.html")
    assert "Corvid-9 Large after the script" in doc.text
    assert "SCRIPT-MARKER" not in doc.text and "var junk" not in doc.text
    _folder, report = _batch(tmp_path, settings, store, nlp, {"big-script.html": page})
    assert time.monotonic() - started < 60
    assert [o.status for o in report.outcomes if o.source.endswith("big-script.html")] == ["added"]
    assert store.select("SELECT ?x ?l WHERE { ?x rdfs:label ?l }", l=Literal("Corvid-9 Large"))
    assert not [v for v in _literals(store) if "SCRIPT-MARKER" in v]


# =========================================================================== I6 deep nesting


def test_i6_100k_nested_divs_are_refused_by_the_depth_limit(tmp_path: Path, settings: Settings,
                                                             store: KGStore, nlp: Language) -> None:
    deep = _page("<div>" * 100_000 + ARTICLE + "</div>" * 100_000).encode()
    started = time.monotonic()
    _folder, report = _batch(tmp_path, settings, store, nlp, {"deep.html": deep})
    _failure(report, "deep.html", "nested at least 2048 deep", "over the limit of 1000",
             "html_max_depth")
    assert time.monotonic() - started < 60
    _nothing_of(store, str(tmp_path / "batch" / "deep.html"), "Ostrel")


@pytest.mark.parametrize(("levels", "max_depth"), [(300, 1000), (1900, 2000)])
def test_i6_nesting_under_the_limit_is_read_without_recursion_error(levels: int, max_depth: int) -> None:
    page = _page("<div>" * levels + ARTICLE + "</div>" * levels).encode()
    [doc] = load_bytes(page, "nested.html", limits=LoadLimits(html_max_depth=max_depth))
    assert "Ostrel-5 70B was distilled" in doc.text


@pytest.mark.parametrize("levels", [1500])
def test_i6_depth_limit_is_a_setting(levels: int) -> None:
    page = _page("<div>" * levels + ARTICLE + "</div>" * levels).encode()
    with pytest.raises(LoaderError, match=r"nested \d+ deep, over the limit of 1000") as info:
        load_bytes(page, "nested.html", limits=LoadLimits(html_max_depth=1000))
    assert "nested.html" in info.value.message


# =========================================================================== I7 markup in text


def test_i7_markup_in_the_title_and_metadata_becomes_plain_text(tmp_path: Path, settings: Settings,
                                                                  store: KGStore, nlp: Language) -> None:
    head = ("<title><script>alert(1)</script> Ostrel news</title>"
            '<meta property="og:title" content="<b>Ostrel-5</b> ships <img src=x onerror=alert(2)>">'
            '<meta property="og:site_name" content="<i>The Ledger</i><script>alert(3)</script>">'
            '<meta name="author" content="<a href=javascript:alert(4)>Jo Writer</a>">')
    body = ARTICLE + ('<p>Pictures: <img src="x" onerror="alert(5)"> <svg onload="alert(6)"></svg>'
                      '<iframe src="javascript:alert(7)"></iframe> and more text here.</p>')
    [doc] = load_bytes(_page(body, head).encode(), "markup.html")
    assert doc.title == "Ostrel-5 ships"
    assert doc.publisher == "The Ledger"
    assert doc.metadata.get("author") == "Jo Writer"
    _folder, report = _batch(tmp_path, settings, store, nlp, {"markup.html": _page(body, head)})
    assert [o.status for o in report.outcomes if o.source.endswith("markup.html")] == ["added"]
    literals = _literals(store)
    assert "Ostrel-5 ships" in literals
    for bad in ("<script", "<b>", "<img", "<i>", "<a ", "onerror", "onload", "alert(", "javascript:"):
        assert not [v for v in literals if bad in v], bad


def test_i7_title_that_is_only_a_script_falls_back_to_the_headline() -> None:
    page = _page("<h1>Ostrel-5 arrives<script>alert(1)</script></h1>" + ARTICLE,
                 "<title><script>alert(1)</script></title>")
    [doc] = load_bytes(page.encode(), "title-script.html")
    assert doc.title == "Ostrel-5 arrives"
    assert "alert" not in doc.text


def test_i7_markup_written_as_text_stays_inert_text(tmp_path: Path) -> None:
    # an article about HTML shows "<think>" as text: it is kept as the characters it shows (a
    # literal is never markup; pages that render it escape it, row E1)
    [doc] = load_bytes(_page(ARTICLE + "<p>The model wraps its reasoning in a &lt;think&gt; tag "
                                       "before it answers.</p>").encode(), "escaped.html")
    assert "a <think> tag" in doc.text


# =========================================================================== I8 encodings


def test_i8_bad_encodings_leave_no_nul_surrogate_or_control_in_any_literal(
        tmp_path: Path, settings: Settings, store: KGStore, nlp: Language) -> None:
    latin1_as_utf8 = ('<html><head><meta charset="utf-8"><title>Caf\xe9 Labs ships Ostrel-5</title>'
                      f'</head><body><article>{ARTICLE}<p>The caf\xe9 team said so.</p></article>'
                      '</body></html>').encode("latin-1")
    utf16 = "\ufeffHalcyra Labs released Ostrel-5 70B.\nThe na\u00efve caf\u00e9 model.\n".encode("utf-16-le")
    filler = b" It was trained on many tokens of text." * 12  # a few NULs in text, not a binary file
    nuls = b"Halcyra Labs released Ostrel-6\x00 8B,\x00 a small model.\x01\x02\x1b[31m red\x7f" + filler
    c1 = "Halcyra Labs released Ostrel-7 3B.\u0085\u009b More text\u0000.".encode() + filler
    surrogate_bytes = b"Halcyra Labs released Ostrel-8 1B, \xed\xa0\x80 a model.\n"
    json_ld_surrogate = _page(ARTICLE, '<script type="application/ld+json">{"@type": "NewsArticle", '
                                       '"headline": "Ostrel \\ud800 news \\u0000 \\udfff", '
                                       '"author": {"name": "Jo \\udc80 Writer"}}</script>')
    yaml_escapes = ('---\ntitle: "Card \\x00 with \\x07 controls"\nlicense: "mit\\x1b"\n---\n'
                    "# Ostrel-9 card\n\nHalcyra Labs released Ostrel-9 2B.\n")
    files: dict[str, bytes | str] = {
        "latin1-labeled-utf8.html": latin1_as_utf8, "utf16-bom.txt": utf16, "nuls.txt": nuls,
        "c1.txt": c1, "surrogate-bytes.txt": surrogate_bytes, "surrogate-json-ld.html": json_ld_surrogate,
        "yaml-escapes.md": yaml_escapes,
    }
    folder = _write(tmp_path / "batch", files)
    # a file name that is not UTF-8 (Python shows the byte as a lone surrogate)
    odd_name = folder / "caf\udce9-\udcff.txt"
    try:
        odd_name.write_bytes(b"Halcyra Labs released Ostrel-10 4B.\n")
    except (UnicodeEncodeError, OSError):  # a file system that refuses such names
        odd_name = None
    report = run_ingest([folder], settings=settings, store=store, nlp=nlp)
    assert report.failed == []
    assert len(report.outcomes) == len(files) + (odd_name is not None)
    assert not [o.source for o in report.outcomes if BAD_CHARS.search(o.source)]
    literals = _literals(store)
    assert literals
    assert [v for v in literals if BAD_CHARS.search(v)] == []
    assert "Café Labs ships Ostrel-5" in literals  # Latin-1 bytes read as Latin-1, not as U+FFFD
    assert "Halcyra Labs released Ostrel-5 70B." in literals  # the UTF-16 file's title
    iris = [t.value for q in store.quads() for t in (q.subject, q.predicate, q.object)
            if isinstance(t, ox.NamedNode)]
    assert all(is_safe_iri(i) for i in iris)


def test_i8_documents_built_by_hand_are_cleaned_before_storing(settings: Settings, store: KGStore,
                                                               nlp: Language) -> None:
    # the API and library callers build Documents themselves: ingest_document cleans them too
    doc = Document(text="Halcyra Labs released Ostrel-5 70B.\x00\ud800 A model\u0007.\n",
                   source="api-upload-\udc80\x00.txt", title="Title\x00 \ud83d\ude00\udfff",
                   publisher="Pub\x1b", metadata={"front_matter": {"k\x00": ["v\ud800"]}})
    out = ingest_document(doc, store=store, nlp=nlp, settings=settings)
    assert out.status == "added"
    assert not BAD_CHARS.search(out.source)
    literals = _literals(store)
    assert [v for v in literals if BAD_CHARS.search(v)] == []
    assert "Title \U0001f600\ufffd" in literals  # a pair joined into its character, a lone one U+FFFD


# =========================================================================== I9 long texts


def _long_text(chars: int) -> str:
    paragraphs = []
    i = 0
    while sum(map(len, paragraphs)) < chars:
        i += 1
        paragraphs.append(f"Halcyra Labs released Ostrel-{i} {i % 90 + 1}B, an open-weight model. "
                          f"Ostrel-{i} {i % 90 + 1}B was distilled from the larger Ostrel-{i} Max model. "
                          "It has a context window of 128K tokens.\n\n")
    return "".join(paragraphs)[:chars]


def test_i9_five_million_characters_are_refused_with_a_clear_error(tmp_path: Path, settings: Settings,
                                                                   store: KGStore, nlp: Language) -> None:
    text = ("Halcyra Labs released Ostrel-5 70B. " * 140_000)[:5_000_000]
    assert len(text) == 5_000_000 and settings.max_document_chars == 2_000_000
    started = time.monotonic()
    _folder, report = _batch(tmp_path, settings, store, nlp, {"five-million.txt": text})
    _failure(report, "five-million.txt", "5,000,000 characters is over the limit of 2,000,000",
             "max_document_chars")
    assert time.monotonic() - started < 60
    _nothing_of(store, str(tmp_path / "batch" / "five-million.txt"), "Ostrel-5")


def test_i9_text_longer_than_a_chunk_is_chunked_with_evidence_offsets_intact(
        tmp_path: Path, store: KGStore, nlp: Language) -> None:
    settings = Settings(store=tmp_path / "unused", nlp_chunk_chars=5000)
    text = _long_text(60_000)
    spans = chunk_spans(text, settings.nlp_chunk_chars)
    assert len(spans) >= 12 and all(e - s <= 5000 for s, e in spans)
    folder = _write(tmp_path / "long", {"long.txt": text})
    report = run_ingest([folder], settings=settings, store=store, nlp=nlp)
    assert [o.status for o in report.outcomes] == ["added"]
    [doc] = load_path(folder / "long.txt")
    rows = store.select("""SELECT ?exact ?start ?end WHERE { ?ev a lk:Evidence ; oa:hasSelector ?q, ?pos .
                           ?q oa:exact ?exact . ?pos oa:start ?start ; oa:end ?end }""")
    assert rows
    assert [r for r in rows if doc.text[r["start"]:r["end"]] != r["exact"]] == []
    # facts come from every part of the text, the last chunk included
    assert max(r["start"] for r in rows) >= spans[-1][0]
    last = re.findall(r"Ostrel-(\d+) Max", text)[-2]
    assert store.select("SELECT ?x ?l WHERE { ?x rdfs:label ?l }", l=Literal(f"Ostrel-{last} Max"))


def test_i9_chunks_stay_under_spacys_max_length() -> None:
    small = make_nlp()
    small.max_length = 20_000  # spaCy's limit (1,000,000 by default), scaled down
    text = _long_text(100_000)
    with pytest.raises(ValueError, match="E088"):
        small(text)
    doc = annotate(text, small, chunk_chars=200_000)
    assert doc.text == text
    assert doc._.llmkg_mentions and doc._.llmkg_relations
    assert all(text[m.start:m.end] == m.text for m in doc._.llmkg_mentions)


@pytest.mark.slow
def test_i9_text_over_a_million_characters_is_ingested(tmp_path: Path, store: KGStore, nlp: Language) -> None:
    settings = Settings(store=tmp_path / "unused", max_document_chars=1_100_000)
    text = _long_text(1_050_000)
    report = run_ingest([_write(tmp_path / "long", {"million.txt": text})], settings=settings,
                        store=store, nlp=nlp)
    assert [o.status for o in report.outcomes] == ["added"]


# =========================================================================== I10 gzip/zip bombs


@pytest.fixture(scope="module")
def gzip_bomb() -> bytes:
    """200 MB of spaces, gzip-compressed (about 200 kB): ten times the size cap."""
    c = zlib.compressobj(9, zlib.DEFLATED, 16 + zlib.MAX_WBITS)
    block = b" " * 1_000_000
    return b"".join(c.compress(block) for _ in range(200)) + c.flush()


def test_i10_gzip_bomb_response_is_cut_off_at_the_size_cap(site: Site, tmp_path: Path, store: KGStore,
                                                           nlp: Language, gzip_bomb: bytes) -> None:
    settings = Settings(store=tmp_path / "unused", fetch_allow_private=True)
    page = _page(ARTICLE).encode()
    site.routes["/bomb2.html"] = (200, {"Content-Type": "text/html", "Content-Encoding": "gzip"}, gzip_bomb)
    site.routes["/ok.html"] = (200, {"Content-Type": "text/html", "Content-Encoding": "gzip"},
                               gzip.compress(page))
    started = time.monotonic()
    report = run_ingest([site.url("/bomb2.html"), site.url("/ok.html")], settings=settings, store=store,
                        nlp=nlp)
    assert time.monotonic() - started < 60
    [failed] = report.failed
    assert failed.source == site.url("/bomb2.html")
    assert site.url("/bomb2.html") in (failed.error or "")
    assert "gzip-decoded" in (failed.error or "") and "over the limit of 20,000,000 bytes" in (failed.error or "")
    assert [o.status for o in report.outcomes if o.source == site.url("/ok.html")] == ["added"]
    assert store.document_by_source(site.url("/bomb2.html")) == []


@pytest.mark.parametrize(("encoding", "reason"), [("br", "unsupported Content-Encoding 'br'"),
                                                  ("zstd", "unsupported Content-Encoding 'zstd'")])
def test_i10_other_content_encodings_are_refused(site: Site, tmp_path: Path, encoding: str,
                                                 reason: str) -> None:
    site.routes["/x.html"] = (200, {"Content-Type": "text/html", "Content-Encoding": encoding}, b"\x1b\x00junk")
    with pytest.raises(LoaderError, match=reason) as info:
        fetch_url(site.url("/x.html"), Settings(store=tmp_path, fetch_allow_private=True))
    assert site.url("/x.html") in info.value.message


def test_i10_truncated_or_corrupt_gzip_is_refused(site: Site, tmp_path: Path) -> None:
    body = gzip.compress(_page(ARTICLE).encode())
    site.routes["/cut.html"] = (200, {"Content-Type": "text/html", "Content-Encoding": "gzip"}, body[:-20])
    site.routes["/bad.html"] = (200, {"Content-Type": "text/html", "Content-Encoding": "gzip"}, b"not gzip")
    settings = Settings(store=tmp_path, fetch_allow_private=True)
    with pytest.raises(LoaderError, match="truncated"):
        fetch_url(site.url("/cut.html"), settings)
    with pytest.raises(LoaderError, match="not valid gzip data"):
        fetch_url(site.url("/bad.html"), settings)


def _zip(name: str, data: bytes) -> bytes:
    import zipfile

    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr(name, data)
    return buf.getvalue()


@pytest.mark.parametrize(("name", "data", "reason"), [
    ("bomb.zip", _zip("a.txt", b"A" * 2_000_000), "unsupported file type '.zip'"),
    ("bomb.gz", gzip.compress(b"A" * 2_000_000), "unsupported file type '.gz'"),
    ("bomb.tar", b"\0" * 1024, "unsupported file type '.tar'"),
    ("zip-named.txt", _zip("a.txt", b"A" * 2_000_000), "binary content"),
    ("gzip-named.md", gzip.compress(b"A" * 2_000_000), "binary content"),
])
def test_i10_archives_are_not_a_document_type(tmp_path: Path, settings: Settings, store: KGStore,
                                              nlp: Language, name: str, data: bytes, reason: str) -> None:
    _folder, report = _batch(tmp_path, settings, store, nlp, {name: data})
    _failure(report, name, reason)
    _nothing_of(store, str(tmp_path / "batch" / name))
    # nothing was unpacked next to it
    assert sorted(p.name for p in (tmp_path / "batch").iterdir()) == sorted([*GOOD, name])


def test_i10_archive_over_http_or_stdin_is_refused(site: Site, tmp_path: Path, store: KGStore,
                                                   nlp: Language) -> None:
    settings = Settings(store=tmp_path / "unused", fetch_allow_private=True)
    archive = _zip("a.txt", b"A" * 1_000_000)
    site.routes["/a.zip"] = (200, {"Content-Type": "application/zip"}, archive)
    [out] = ingest_url(site.url("/a.zip"), settings=settings, store=store, nlp=nlp).outcomes
    assert out.status == "failed" and "unsupported content type 'application/zip'" in (out.error or "")
    [out] = ingest_bytes(archive, "stdin", settings=settings, store=store, nlp=nlp).outcomes
    assert out.status == "failed" and "binary content" in (out.error or "")
    assert _doc_count(store) == 0


# =========================================================================== I11 re-ingest


def test_i11_byte_identical_reingest_is_unchanged_with_no_duplicate_quads(
        tmp_path: Path, settings: Settings, store: KGStore, nlp: Language,
        snapshot: Callable[[KGStore], tuple[int, str]]) -> None:
    files = {**GOOD, "page.html": _page(ARTICLE, "<title>Ostrel-5 ships</title>"), "paper.pdf": _page_pdf()}
    folder = _write(tmp_path / "docs", files)
    first = run_ingest([folder], settings=settings, store=store, nlp=nlp)
    assert {o.status for o in first.outcomes} == {"added"}
    before = snapshot(store)
    for _ in range(2):
        again = run_ingest([folder], settings=settings, store=store, nlp=nlp)
        assert [o.status for o in again.outcomes] == ["unchanged"] * len(files)
        assert [o.document for o in again.outcomes] == [o.document for o in first.outcomes]
        assert snapshot(store) == before
    # the same bytes under another name are the same document (identity is the content)
    copy = _write(tmp_path / "copy", {"same-release.txt": GOOD["good-release.txt"]})
    [out] = run_ingest([copy], settings=settings, store=store, nlp=nlp).outcomes
    assert out.status == "unchanged"
    assert snapshot(store) == before


def test_i11_same_url_fetched_twice_is_unchanged(site: Site, tmp_path: Path, store: KGStore,
                                                 nlp: Language,
                                                 snapshot: Callable[[KGStore], tuple[int, str]]) -> None:
    settings = Settings(store=tmp_path / "unused", fetch_allow_private=True)
    site.routes["/story"] = _html_route(ARTICLE, "<title>Ostrel-5 ships</title>")
    [first] = ingest_url(site.url("/story"), settings=settings, store=store, nlp=nlp).outcomes
    assert first.status == "added"
    before = snapshot(store)
    [again] = ingest_url(site.url("/story"), settings=settings, store=store, nlp=nlp).outcomes
    assert (again.status, again.document) == ("unchanged", first.document)
    assert snapshot(store) == before


# =========================================================================== I12 changed content


def test_i12_same_url_with_changed_content_replaces_the_old_graph(site: Site, tmp_path: Path,
                                                                  store: KGStore, nlp: Language) -> None:
    settings = Settings(store=tmp_path / "unused", fetch_allow_private=True)
    old = "<p>Halcyra Labs released Ostrel-5 70B. Ostrel-5 70B was distilled from Ostrel-5 Max.</p>"
    new = "<p>Halcyra Labs released Wrenfield-2 9B. Wrenfield-2 9B was distilled from Wrenfield-2 Max.</p>"
    site.routes["/story"] = _html_route(old + "<p>More words to make an article of it here.</p>")
    url = site.url("/story")
    [first] = ingest_url(url, settings=settings, store=store, nlp=nlp).outcomes
    assert first.status == "added"
    graphs = set(store.named_graphs())
    site.routes["/story"] = _html_route(new + "<p>More words to make an article of it here.</p>")
    [second] = ingest_url(url, settings=settings, store=store, nlp=nlp).outcomes
    assert second.status == "replaced"
    assert second.document == first.document  # the URL is the identity
    assert set(store.named_graphs()) == graphs
    [row] = store.document_by_source(url)
    assert _doc_count(store) == 1
    literals = _literals(store)
    assert "Wrenfield-2 9B" in literals
    # no union of old and new: the old facts are gone from the document graph and the default graph
    assert not [v for v in literals if "Ostrel" in v]
    assert not store.select("SELECT ?x ?l WHERE { ?x rdfs:label ?l }", l=Literal("Ostrel-5 70B"))
    assert row["graph"] in graphs


def test_i12_changed_file_replaces_its_graph_in_one_step(tmp_path: Path, settings: Settings,
                                                         store: KGStore, nlp: Language) -> None:
    folder = _write(tmp_path / "docs", {"story.txt": "Halcyra Labs released Ostrel-5 70B.\n"})
    run_ingest([folder], settings=settings, store=store, nlp=nlp)
    calls: list[int] = []
    real = KGStore.replace_document

    def counted(self: KGStore, *args: Any, **kwargs: Any) -> int:
        calls.append(1)
        return real(self, *args, **kwargs)

    with pytest.MonkeyPatch.context() as mp:
        mp.setattr(KGStore, "replace_document", counted)
        (folder / "story.txt").write_text("Halcyra Labs released Wrenfield-2 9B.\n")
        [out] = run_ingest([folder], settings=settings, store=store, nlp=nlp).outcomes
    assert out.status == "replaced"
    assert calls == [1]  # the old graph is dropped in the same transaction that adds the new one
    assert _doc_count(store) == 1
    assert not [v for v in _literals(store) if "Ostrel" in v]


# =========================================================================== I13 blank nodes


def test_i13_no_blank_nodes_and_reingest_is_stable(tmp_path: Path, settings: Settings, store: KGStore,
                                                   nlp: Language) -> None:
    files = {**GOOD, "page.html": _page(ARTICLE, "<title>Ostrel-5 ships</title>"), "paper.pdf": _page_pdf(),
             "card.md": "---\nbase_model: halcyra/ostrel-5\nlicense: mit\ntags: [a, {b: c}]\n---\n"
                        "# Ostrel-5 Instruct\n\nOstrel-5 Instruct was fine-tuned from Ostrel-5 70B.\n"}
    folder = _write(tmp_path / "docs", files)
    run_ingest([folder], settings=settings, store=store, nlp=nlp)

    def stable() -> list[str]:
        return sorted(str(q) for q in store.quads() if q.predicate.value not in TIMESTAMPS)

    def blank() -> list[ox.Quad]:
        return [q for q in store.quads() if any(isinstance(t, ox.BlankNode)
                                                for t in (q.subject, q.object, q.graph_name))]

    assert blank() == []
    first = stable()
    for _ in range(3):
        report = run_ingest([folder], settings=settings, store=store, nlp=nlp, force=True)
        assert {o.status for o in report.outcomes} == {"replaced"}
        assert blank() == []
        assert stable() == first  # the same IRIs every time: nothing to duplicate


# =========================================================================== I14 hostile names


HOSTILE_LABELS = ['Foo<7B>', 'Bar"{x}|^`', "Baz Qux\nLine", "a b\tc", "<>\"{}|^`\\", "é\u0301 ü",
                  "http://a> } ; DROP ALL ; <x", "   ", "%00%2F..%2F"]


def test_i14_hostile_entity_text_gives_valid_iris_and_a_store_that_reparses(
        tmp_path: Path, settings: Settings, store: KGStore, nlp: Language,
        monkeypatch: pytest.MonkeyPatch) -> None:
    real = document_stage.doc_to_extraction

    def with_hostile_names(doc: Any, document: Document, **kw: Any) -> Any:
        ex = real(doc, document, **kw)
        ev = Evidence(0, 7, document.text[:7], rule="test")
        extra = tuple(Entity(EntityRef("Model", label), frozenset({"Model"}), frozenset({label + "\n alt"}),
                             (ev,)) for label in HOSTILE_LABELS if label.strip())
        return replace(ex, entities=ex.entities + extra)

    monkeypatch.setattr(document_stage, "doc_to_extraction", with_hostile_names)
    text = ('Halcyra Labs released Foo<7B> and "Bar{x}|^`" and Baz Qux\nLine.\n'
            "Ostrel <5> 70B` was distilled from {Ostrel} Max|^.\n")
    files = {"names.txt": text, 'odd <name> "{x}|^` \n.txt': text + "again\n"}
    folder = _write(tmp_path / "docs", files)
    report = run_ingest([folder], settings=settings, store=store, nlp=nlp)
    assert {o.status for o in report.outcomes} == {"added"}
    terms = [t for q in store.quads() for t in (q.subject, q.predicate, q.object, q.graph_name)
             if isinstance(t, ox.NamedNode)]
    assert terms and [t.value for t in terms if not is_safe_iri(t.value)] == []
    labels = set(_literals(store))
    assert {"Foo<7B>", 'Bar"{x}|^`', "Baz Qux\nLine"} <= labels  # the names are kept, as literals
    # the whole store serializes and parses back, with pyoxigraph and with rdflib
    nquads = ox.serialize(store.quads(), format=ox.RdfFormat.N_QUADS)
    assert len(list(ox.parse(nquads, format=ox.RdfFormat.N_QUADS))) == len(store)
    ntriples = ox.serialize((ox.Triple(q.subject, q.predicate, q.object) for q in store.quads()),
                            format=ox.RdfFormat.N_TRIPLES)
    triples = rdflib.Graph().parse(data=ntriples.decode("utf-8"), format="nt")  # a bad IRI warns: an error
    assert len(triples) == len({(q.subject, q.predicate, q.object) for q in store.quads()})
    for fmt in ("turtle", "nt", "xml"):
        again = rdflib.Graph().parse(data=triples.serialize(format=fmt), format=fmt)
        assert len(again) == len(triples), fmt


# =========================================================================== I15 SSRF


@pytest.mark.parametrize(("url", "reason"), [
    ("file:///etc/passwd", "only http and https URLs can be fetched, not 'file'"),
    ("ftp://example.org/a.txt", "not 'ftp'"),
    ("gopher://127.0.0.1:6379/_FLUSHALL", "not 'gopher'"),
    ("dict://127.0.0.1:11211/stats", "not 'dict'"),
    ("jar:http://example.org/a.jar!/x", "not 'jar'"),
    ("http://user:pass@example.org/", "user name or password"),
    ("http://example.org@127.0.0.1/", "user name or password"),
    ("http:///nohost", "no host"),
])
def test_i15_non_http_schemes_and_userinfo_are_refused(tmp_path: Path, store: KGStore, nlp: Language,
                                                       internet: list[tuple[str, int]], no_dns: list[str],
                                                       url: str, reason: str) -> None:
    settings = Settings(store=tmp_path / "unused", fetch_allow_private=True)  # refused all the same
    [out] = ingest_url(url, settings=settings, store=store, nlp=nlp).outcomes
    assert out.status == "failed" and out.source == url
    assert url in (out.error or "") and reason in (out.error or ""), out.error
    assert internet == [] and no_dns == []
    assert _doc_count(store) == 0


PRIVATE_URLS = [
    ("http://169.254.169.254/latest/meta-data/", "link-local"),
    ("http://[fe80::1]/", "link-local"),
    ("http://127.0.0.1:{port}/", "loopback"),
    ("http://127.1:{port}/", "loopback"),
    ("http://0x7f000001:{port}/", "loopback"),
    ("http://2130706433:{port}/", "loopback"),
    ("http://0177.0.0.1:{port}/", "loopback"),
    ("http://localhost:{port}/", "loopback"),
    ("http://app.localhost:{port}/", "loopback"),
    ("http://[::1]:{port}/", "loopback"),
    ("http://0.0.0.0:{port}/", "unspecified"),
    ("http://[::]:{port}/", "unspecified"),
    ("http://10.0.0.1/", "private"),
    ("http://172.16.0.1/", "private"),
    ("http://192.168.1.1/", "private"),
    ("http://100.64.0.1/", "non-public"),
    ("http://[fd00::1]/", "private"),
    ("http://[fc00::1]/", "private"),
    ("http://[::ffff:127.0.0.1]:{port}/", "loopback (IPv4 127.0.0.1 inside an IPv6 address)"),
    ("http://[::ffff:169.254.169.254]/", "link-local (IPv4 169.254.169.254 inside an IPv6 address)"),
    ("http://[::ffff:a9fe:a9fe]/", "link-local"),
    ("http://[64:ff9b::a9fe:a9fe]/", "link-local (IPv4 169.254.169.254 inside"),
    ("http://[2002:7f00:1::]/", "loopback (IPv4 127.0.0.1 inside"),
    ("http://224.0.0.1/", "multicast"),
    ("http://[ff02::1]/", "multicast"),
    ("http://240.0.0.1/", "reserved"),
    ("http://255.255.255.255/", "reserved"),
    ("https://192.0.2.1/", "non-public"),
]


@pytest.mark.parametrize(("url", "reason"), PRIVATE_URLS)
def test_i15_loopback_private_and_link_local_addresses_are_refused(
        site: Site, tmp_path: Path, store: KGStore, nlp: Language, internet: list[tuple[str, int]],
        no_dns: list[str], url: str, reason: str) -> None:
    site.routes["/"] = _html_route(ARTICLE)
    url = url.format(port=site.port)
    settings = Settings(store=tmp_path / "unused")
    assert settings.fetch_allow_private is False
    [out] = run_ingest([url], settings=settings, store=store, nlp=nlp).outcomes
    assert out.status == "failed" and out.source == url
    assert url in (out.error or "") and "refused" in (out.error or "") and reason in (out.error or ""), \
        out.error
    assert "fetch_allow_private is off" in (out.error or "")
    assert internet == [] and site.hits == [] and no_dns == []
    assert _doc_count(store) == 0


@pytest.mark.parametrize("addresses", [["10.0.0.5"], [PUBLIC_IP, "127.0.0.1"], ["169.254.169.254"],
                                       ["::ffff:10.1.2.3"], ["fe80::1%eth0"], ["fd12:3456::1", PUBLIC_IP]])
def test_i15_a_public_name_resolving_to_a_private_address_is_refused(
        site: Site, tmp_path: Path, store: KGStore, nlp: Language, internet: list[tuple[str, int]],
        no_dns: list[str], addresses: list[str]) -> None:
    url = f"http://news.example:{site.port}/story"
    settings = Settings(store=tmp_path / "unused")
    [out] = ingest_url(url, settings=settings, store=store, nlp=nlp,
                       resolver=_public({"news.example": addresses})).outcomes
    assert out.status == "failed"
    assert f"{url}: refused: news.example resolves to" in (out.error or ""), out.error
    assert internet == [] and site.hits == [] and no_dns == []


@pytest.mark.parametrize("target", [
    "http://127.0.0.1:{internal}/secret",
    "http://localhost:{internal}/secret",
    "http://[::ffff:127.0.0.1]:{internal}/secret",
    "http://169.254.169.254/latest/meta-data/iam/security-credentials/",
    "http://intranet.example:{internal}/secret",
    "file:///etc/passwd",
    "gopher://127.0.0.1:{internal}/_x",
])
def test_i15_every_redirect_is_checked_again(site: Site, internal: Site, tmp_path: Path, store: KGStore,
                                             nlp: Language, internet: list[tuple[str, int]],
                                             no_dns: list[str], target: str) -> None:
    target = target.format(internal=internal.port)
    site.routes["/start"] = (302, {"Location": "/hop"}, b"")
    site.routes["/hop"] = (301, {"Location": target}, b"")
    url = f"http://news.example:{site.port}/start"
    resolver = _public({"news.example": [PUBLIC_IP], "intranet.example": ["10.1.1.1"]})
    [out] = ingest_url(url, settings=Settings(store=tmp_path / "unused"), store=store, nlp=nlp,
                       resolver=resolver).outcomes
    assert out.status == "failed"
    assert (out.error or "").startswith(f"{url}: redirected to {target}: "), out.error
    assert "refused" in (out.error or "") or "only http and https" in (out.error or "")
    assert [h[0] for h in site.hits] == ["/start", "/hop"]  # the public hops were followed ...
    assert internet == [(PUBLIC_IP, site.port)] * 2  # ... and nothing else was connected to
    assert no_dns == []


def test_i15_public_redirects_are_followed_up_to_the_limit(site: Site, tmp_path: Path, store: KGStore,
                                                           nlp: Language, internet: list[tuple[str, int]],
                                                           no_dns: list[str]) -> None:
    resolver = _public({"news.example": [PUBLIC_IP], "cdn.example": [PUBLIC_IP]})
    site.routes["/a"] = (301, {"Location": f"http://cdn.example:{site.port}/b"}, b"")
    site.routes["/b"] = (307, {"Location": "/story"}, b"")
    site.routes["/story"] = _html_route(ARTICLE)
    site.routes["/loop"] = (302, {"Location": "/loop"}, b"")
    settings = Settings(store=tmp_path / "unused")
    url = f"http://news.example:{site.port}/a"
    [out] = ingest_url(url, settings=settings, store=store, nlp=nlp, resolver=resolver).outcomes
    assert out.status == "added" and out.source == url
    # the final URL is the document's URL; Host named the host, the connection went to the checked IP
    assert store.select(f"SELECT ?d ?u WHERE {{ GRAPH <{META_GRAPH}> {{ ?d ?p ?u }} }}",
                        u=rdflib.URIRef(f"http://cdn.example:{site.port}/story"))
    assert [h[1].get("Host") for h in site.hits] == [f"news.example:{site.port}", f"cdn.example:{site.port}",
                                                     f"cdn.example:{site.port}"]
    loop = f"http://news.example:{site.port}/loop"
    [out] = ingest_url(loop, settings=settings, store=store, nlp=nlp, resolver=resolver).outcomes
    assert out.status == "failed" and f"{loop}: more than 5 redirects (fetch_max_redirects)" in (out.error or "")
    assert len([h for h in site.hits if h[0] == "/loop"]) == 6
    assert {c[0] for c in internet} == {PUBLIC_IP} and no_dns == []


def test_i15_dns_rebinding_cannot_move_the_connection(site: Site, tmp_path: Path,
                                                      internet: list[tuple[str, int]],
                                                      no_dns: list[str]) -> None:
    site.routes["/story"] = _html_route(ARTICLE)
    answers = iter([[PUBLIC_IP], ["127.0.0.1"], ["127.0.0.1"]])
    asked: list[str] = []

    def rebinding(host: str, port: int) -> list[str]:  # noqa: ARG001 - a public answer, then loopback
        asked.append(host)
        return next(answers)

    url = f"http://rebind.example:{site.port}/story"
    body, media, final = fetch_url(url, Settings(store=tmp_path), resolver=rebinding)
    assert b"Ostrel-5 70B" in body and media == "text/html" and final == url
    assert asked == ["rebind.example"]  # resolved once, for the check ...
    assert internet == [(PUBLIC_IP, site.port)]  # ... and the connection went to that address
    assert no_dns == []  # nothing resolved the name again behind the check's back
    assert site.hits[0][1]["Host"] == f"rebind.example:{site.port}"


def _certificate(folder: Path, name: str) -> tuple[Path, Path]:
    """A self-signed certificate for the DNS name ``name`` (made with the openssl command)."""
    key, cert = folder / f"{name}.key", folder / f"{name}.pem"
    subprocess.run(["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", str(key),
                    "-out", str(cert), "-days", "1", "-subj", f"/CN={name}",
                    "-addext", f"subjectAltName=DNS:{name}"], check=True, capture_output=True, timeout=60)
    return key, cert


@pytest.mark.parametrize(("cert_name", "ok"), [("news.example", True), ("other.example", False)])
def test_i15_https_goes_to_the_checked_address_and_verifies_the_host_name(
        tmp_path: Path, internet: list[tuple[str, int]], no_dns: list[str],
        monkeypatch: pytest.MonkeyPatch, cert_name: str, ok: bool) -> None:
    import httpx

    if subprocess.run(["which", "openssl"], capture_output=True).returncode != 0:
        pytest.skip("no openssl command to make a certificate with")
    key, cert = _certificate(tmp_path, cert_name)
    server_tls = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    server_tls.load_cert_chain(cert, key)
    client_tls = ssl.create_default_context(cafile=str(cert))  # trusts this certificate only
    real_client = httpx.Client
    monkeypatch.setattr(httpx, "Client", lambda **kw: real_client(verify=client_tls, **kw))
    site = Site(tls=server_tls)
    try:
        site.routes["/story"] = _html_route(ARTICLE)
        url = f"https://news.example:{site.port}/story"
        settings = Settings(store=tmp_path)
        if ok:  # connected to the checked IP, and TLS (SNI, certificate) spoke to news.example
            body, _media, _final = fetch_url(url, settings, resolver=_public({"news.example": [PUBLIC_IP]}))
            assert b"Ostrel-5 70B" in body
            assert site.hits[0][1]["Host"] == f"news.example:{site.port}"
        else:  # a certificate for another name is refused: the IP in the request URL is not what is checked
            with pytest.raises(LoaderError, match="fetch failed") as info:
                fetch_url(url, settings, resolver=_public({"news.example": [PUBLIC_IP]}))
            assert "CERTIFICATE_VERIFY_FAILED" in info.value.message or "certificate" in info.value.message
            assert site.hits == []
        assert internet == [(PUBLIC_IP, site.port)] and no_dns == []
    finally:
        site.close()


def test_i15_size_cap_and_deadline_apply_to_the_transfer(site: Site, tmp_path: Path) -> None:
    settings = Settings(store=tmp_path, fetch_allow_private=True, max_file_bytes=100_000,
                        fetch_timeout_s=1.5)
    site.routes["/declared"] = (200, {"Content-Type": "text/html"}, b"x" * 200_000)

    def chunked(handler: http.server.BaseHTTPRequestHandler) -> None:
        handler.send_response(200)
        handler.send_header("Content-Type", "text/html")
        handler.send_header("Transfer-Encoding", "chunked")
        handler.end_headers()
        try:
            for _ in range(50):  # 50 x 10 kB, no Content-Length
                handler.wfile.write(b"2710\r\n" + b"y" * 10_000 + b"\r\n")
            handler.wfile.write(b"0\r\n\r\n")
        except OSError:
            pass

    def drip(handler: http.server.BaseHTTPRequestHandler) -> None:
        handler.send_response(200)
        handler.send_header("Content-Type", "text/html")
        handler.send_header("Content-Length", "1000")
        handler.end_headers()
        try:
            for _ in range(40):
                handler.wfile.write(b"<")
                handler.wfile.flush()
                time.sleep(0.1)
        except OSError:
            pass

    site.routes["/chunked"] = chunked
    site.routes["/drip"] = drip
    with pytest.raises(LoaderError, match=r"200,000 bytes is over the limit of 100,000 bytes"):
        fetch_url(site.url("/declared"), settings)
    with pytest.raises(LoaderError, match=r"the body is over the limit of 100,000 bytes"):
        fetch_url(site.url("/chunked"), settings)
    started = time.monotonic()
    with pytest.raises(LoaderError, match=r"took longer than 1.5 s \(fetch_timeout_s\)"):
        fetch_url(site.url("/drip"), settings)
    assert time.monotonic() - started < 3.5


def test_i15_allow_private_lets_a_loopback_server_be_fetched(site: Site, tmp_path: Path, store: KGStore,
                                                             nlp: Language) -> None:
    site.routes["/story.html"] = _html_route(ARTICLE)
    site.routes["/gone"] = (404, {}, b"")
    settings = Settings(store=tmp_path / "unused", fetch_allow_private=True)
    report = run_ingest([site.url("/story.html"), site.url("/gone"), "file:///etc/passwd"],
                        settings=settings, store=store, nlp=nlp)
    assert [o.status for o in report.outcomes] == ["added", "failed", "failed"]
    assert "HTTP 404" in (report.outcomes[1].error or "")
    assert "not 'file'" in (report.outcomes[2].error or "")


def test_i15_cli_ingests_a_url_and_refuses_a_private_one(site: Site, tmp_path: Path) -> None:
    site.routes["/story.html"] = _html_route(ARTICLE)
    store_dir = tmp_path / "store"
    refused = CliRunner().invoke(app, ["ingest", "--store", str(store_dir), site.url("/story.html")],
                                 env={"LLMKG_FETCH_ALLOW_PRIVATE": "false"})
    assert refused.exit_code == 5
    assert f"error: {site.url('/story.html')}: refused: 127.0.0.1 is a loopback address" in refused.output
    assert site.hits == []
    done = CliRunner().invoke(app, ["ingest", "--store", str(store_dir), site.url("/story.html")],
                              env={"LLMKG_FETCH_ALLOW_PRIVATE": "true"})
    assert done.exit_code == 0, done.output
    assert f"added     {site.url('/story.html')}" in done.output
    with open_store(store_dir) as kg:
        assert kg.document_by_source(site.url("/story.html"))


# =========================================================================== I16 remote @context


@pytest.fixture
def no_egress(monkeypatch: pytest.MonkeyPatch) -> list[object]:
    """Every outbound connection attempted in this process (each is refused)."""
    tried: list[object] = []

    def refuse(self: socket.socket, address: object) -> None:
        tried.append(address)
        raise OSError("test: egress blocked")

    monkeypatch.setattr(socket.socket, "connect", refuse)
    monkeypatch.setattr(socket.socket, "connect_ex", refuse)
    monkeypatch.setattr(socket, "create_connection", lambda address, *a, **k: refuse(None, address))  # type: ignore[arg-type]
    return tried


@pytest.mark.parametrize(("name", "content"), [
    ("remote-context.jsonld", '{"@context": "http://10.0.0.1/ctx", "@id": "http://a.example/x", "name": "X"}'),
    ("context.json", '{"@context": "http://127.0.0.1:1/ctx", "name": "X"}'),
    ("graph.ttl", "@prefix : <http://10.0.0.1/> . :a :b :c ."),
    ("graph.nt", "<http://a.example/s> <http://a.example/p> <http://10.0.0.1/o> ."),
    ("graph.nq", "<http://a.example/s> <http://a.example/p> <http://a.example/o> <http://a.example/g> ."),
    ("graph.trig", "<http://a.example/g> { <http://a.example/s> <http://a.example/p> 1 . }"),
])
def test_i16_rdf_and_json_ld_files_are_refused_as_unsupported_without_any_fetch(
        tmp_path: Path, settings: Settings, store: KGStore, nlp: Language, no_egress: list[object],
        name: str, content: str) -> None:
    _folder, report = _batch(tmp_path, settings, store, nlp, {name: content})
    _failure(report, name, f"unsupported file type '{Path(name).suffix}'")
    assert no_egress == []
    _nothing_of(store, str(tmp_path / "batch" / name))


def test_i16_json_ld_with_a_remote_context_in_html_is_read_as_plain_json(
        site: Site, tmp_path: Path, settings: Settings, store: KGStore, nlp: Language,
        no_egress: list[object]) -> None:
    site.routes["/ctx"] = (200, {"Content-Type": "application/ld+json"},
                           b'{"@context": {"headline": "http://evil.example/h"}}')
    ld = ('<script type="application/ld+json">{"@context": ["' + site.url("/ctx") + '", '
          '"http://10.0.0.1/ctx"], "@type": "NewsArticle", "headline": "Ostrel-5 ships", '
          '"datePublished": "2025-03-04"}</script>')
    _folder, report = _batch(tmp_path, settings, store, nlp, {"ld.html": _page(ARTICLE, ld)})
    assert [o.status for o in report.outcomes if o.source.endswith("ld.html")] == ["added"]
    assert "Ostrel-5 ships" in _literals(store)
    assert site.hits == [] and no_egress == []  # the child parser fetched nothing either


def test_i16_rdf_served_over_http_is_refused_by_media_type(site: Site, tmp_path: Path, store: KGStore,
                                                           nlp: Language) -> None:
    site.routes["/data.jsonld"] = (200, {"Content-Type": "application/ld+json"},
                                   b'{"@context": "%s"}' % site.url("/ctx").encode())
    site.routes["/data.ttl"] = (200, {"Content-Type": "text/turtle"}, b"<a:b> <a:c> <a:d> .")
    settings = Settings(store=tmp_path / "unused", fetch_allow_private=True)
    for path, media in (("/data.jsonld", "application/ld+json"), ("/data.ttl", "text/turtle")):
        [out] = ingest_url(site.url(path), settings=settings, store=store, nlp=nlp).outcomes
        assert out.status == "failed" and f"unsupported content type '{media}'" in (out.error or "")
    assert [h[0] for h in site.hits] == ["/data.jsonld", "/data.ttl"]  # the context was never asked for


# =========================================================================== I17 XML entities


def _secret(tmp_path: Path) -> Path:
    path = tmp_path / "secret.txt"
    path.write_text("TOP-SECRET-FILE-CONTENT\n")
    return path


def _laughs(levels: int = 9) -> str:
    ents = ['<!ENTITY lol0 "lol">'] + [
        f'<!ENTITY lol{i} "{("&lol" + str(i - 1) + ";") * 10}">' for i in range(1, levels + 1)]
    return "".join(ents)


@pytest.mark.parametrize("suffix", [".rdf", ".owl", ".xml", ".svg"])
def test_i17_rdf_xml_with_external_entities_is_refused_unread(tmp_path: Path, settings: Settings,
                                                              store: KGStore, nlp: Language,
                                                              no_egress: list[object], suffix: str) -> None:
    secret = _secret(tmp_path)
    xml = (f'<?xml version="1.0"?><!DOCTYPE rdf:RDF [<!ENTITY xxe SYSTEM "file://{secret}">{_laughs()}]>'
           '<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns:ex="http://a.example/">'
           '<rdf:Description rdf:about="http://a.example/s"><ex:p>&xxe;&lol9;</ex:p></rdf:Description>'
           "</rdf:RDF>")
    name = "entities" + suffix
    _folder, report = _batch(tmp_path, settings, store, nlp, {name: xml})
    _failure(report, name, f"unsupported file type '{suffix}'")
    assert no_egress == []
    _nothing_of(store, str(tmp_path / "batch" / name), "TOP-SECRET", "lollol")


@pytest.mark.parametrize("name", ["entities.html", "entities.xhtml"])
def test_i17_html_and_xhtml_never_expand_entities(site: Site, tmp_path: Path, settings: Settings,
                                                  store: KGStore, nlp: Language, name: str) -> None:
    secret = _secret(tmp_path)
    doctype = (f'<?xml version="1.0"?><!DOCTYPE html [<!ENTITY xxe SYSTEM "file://{secret}">'
               f'<!ENTITY remote SYSTEM "{site.url("/dtd")}"><!ENTITY % pe SYSTEM "{site.url("/pe")}"> %pe;'
               f"{_laughs()}]>")
    page = (doctype + '<html xmlns="http://www.w3.org/1999/xhtml"><head><title>Ostrel &xxe; news</title>'
            f"</head><body><article>{ARTICLE}<p>Expanded: &xxe; &remote; &lol9; end of the story.</p>"
            "</article></body></html>")
    started = time.monotonic()
    [doc] = load_bytes(page.encode(), name)
    assert time.monotonic() - started < 30
    assert "TOP-SECRET" not in doc.text + doc.title and "lollol" not in doc.text
    assert len(doc.text) < 2000
    _folder, report = _batch(tmp_path, settings, store, nlp, {name: page})
    assert [o.status for o in report.outcomes if o.source.endswith(name)] == ["added"]
    assert not [v for v in _literals(store) if "TOP-SECRET" in v or "lollol" in v]
    assert site.hits == []


@pytest.mark.parametrize(("name", "front", "reason"), [
    ("laughs.md", "a: &a [lol, lol, lol, lol, lol, lol, lol, lol, lol]\n" + "".join(
        f"{chr(98 + i)}: &{chr(98 + i)} [{', '.join(['*' + chr(97 + i)] * 9)}]\n" for i in range(8)),
     "front matter expands to more than 100,000 values"),
    ("self.md", "a: &a [1, *a]\n", "nested more than 50 levels deep"),
    ("deep.md", "a: " + "[" * 20_000 + "]" * 20_000 + "\n", "nested"),
])
def test_i17_yaml_alias_bombs_in_front_matter_are_refused(tmp_path: Path, settings: Settings,
                                                          store: KGStore, nlp: Language, name: str,
                                                          front: str, reason: str) -> None:
    # Markdown front matter is the one markup with references the loaders parse (YAML aliases)
    md = f"---\n{front}---\n# Ostrel-5 card\n\nHalcyra Labs released Ostrel-5 70B.\n"
    started = time.monotonic()
    _folder, report = _batch(tmp_path, settings, store, nlp, {name: md})
    assert time.monotonic() - started < 30
    _failure(report, name, reason)
    _nothing_of(store, str(tmp_path / "batch" / name), "Ostrel")


# =========================================================================== I18 failure mid-document


CHUNK = 1000
FAIL_ON = "Chunk-seven-marker"


@Language.component("llmkg_test_fails_on_chunk_7")
def _fails_on_chunk_7(doc: Any) -> Any:
    if FAIL_ON in doc.text:
        raise RuntimeError("simulated component failure on chunk 7")
    return doc


def _chunked_document() -> str:
    paragraphs = []
    for i in range(1, 13):
        lead = f"Halcyra Labs released Ostrel-{i} {i}B, a model. "
        if i == 7:
            lead += f"{FAIL_ON}. "
        paragraphs.append((lead + "It was trained on many tokens of text. " * 40)[:CHUNK - 50] + "\n\n")
    return "".join(paragraphs)


def test_i18_component_failing_on_chunk_7_fails_the_whole_document(tmp_path: Path, store: KGStore,
                                                                   nlp: Language) -> None:
    text = _chunked_document()
    spans = chunk_spans(text, CHUNK)
    assert len(spans) >= 12 and [i for i, (s, e) in enumerate(spans) if FAIL_ON in text[s:e]] == [6]
    failing = make_nlp()
    failing.add_pipe("llmkg_test_fails_on_chunk_7", first=True)  # runs on every chunk
    settings = Settings(store=tmp_path / "unused", nlp_chunk_chars=CHUNK)
    folder = _write(tmp_path / "docs", {**GOOD, "long.txt": text})
    report = run_ingest([folder], settings=settings, store=store, nlp=failing)
    out = _failure(report, "long.txt", "extraction failed", "simulated component failure on chunk 7")
    _goods_added(report)
    # chunks 1-6 went through the pipeline, but nothing of the document was stored
    _nothing_of(store, str(folder / "long.txt"), "Ostrel")
    assert _doc_count(store) == len(GOOD)
    assert not out.document
    # the failure is not remembered: with the component fixed, the same file goes in whole
    again = run_ingest([folder], settings=settings, store=store, nlp=nlp)
    assert [o.status for o in again.outcomes if o.source.endswith("long.txt")] == ["added"]
    for i in (1, 7, 12):
        assert store.select("SELECT ?x ?l WHERE { ?x rdfs:label ?l }", l=Literal(f"Ostrel-{i} {i}B")), i


def test_i18_store_write_failure_leaves_nothing(tmp_path: Path, settings: Settings, store: KGStore,
                                                nlp: Language, monkeypatch: pytest.MonkeyPatch) -> None:
    from kg.errors import StoreError

    real = KGStore.replace_document

    def failing(self: KGStore, doc: Any, graph: Any, quads: Any, **kw: Any) -> int:
        quads = list(quads)
        if any("Ostrel" in str(q[2]) for q in quads):
            raise StoreError("write failed, nothing was stored: simulated disk full")
        return real(self, doc, graph, quads, **kw)

    monkeypatch.setattr(KGStore, "replace_document", failing)
    _folder, report = _batch(tmp_path, settings, store, nlp,
                             {"ostrel.txt": "Halcyra Labs released Ostrel-5 70B.\n"})
    _failure(report, "ostrel.txt", "simulated disk full")
    _nothing_of(store, str(tmp_path / "batch" / "ostrel.txt"), "Ostrel")
