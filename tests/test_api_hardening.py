"""The HTTP edge under hostile input and load (docs/hardening.md, rows A1-A3, A6-A9, A13, L1-L3):
real ``llmkg serve`` processes on loopback, raw sockets where a polite client would not send what an
attacker does."""

from __future__ import annotations

import asyncio
import select
import socket
import threading
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any
from urllib.parse import quote

import httpx
import pytest
from conftest import API_TOKEN, LiveServer

from api import create_app
from api.middleware import TokenBuckets, client_key
from kg.errors import InvalidInputError
from kg.settings import Settings

AUTH = {"authorization": f"Bearer {API_TOKEN}"}
CAP = 5_000_000  # the edge server's max_upload_bytes
LISTED_ORIGIN = "https://app.example"
EVIL_ORIGIN = "https://evil.example"
Snapshot = Callable[[LiveServer], tuple[int, int, str]]


# --------------------------------------------------------------------------- servers and helpers


def _serve(root: Path, corpus_store_dir: Path, env: dict[str, str]) -> LiveServer:
    import shutil

    shutil.copytree(corpus_store_dir, root / "store")
    return LiveServer(root / "store", env, root / "server.log")


@pytest.fixture(scope="module")
def edge(corpus_store_dir: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[LiveServer, Path]]:
    """A writable server (token :data:`API_TOKEN`) with a 5 MB upload cap, CORS for
    :data:`LISTED_ORIGIN` only, and its own empty ``TMPDIR`` (returned with it)."""
    root = tmp_path_factory.mktemp("edge")
    tmp = root / "tmp"
    tmp.mkdir()
    server = _serve(root, corpus_store_dir, {
        "LLMKG_API_TOKEN": API_TOKEN, "LLMKG_MAX_UPLOAD_BYTES": str(CAP), "TMPDIR": str(tmp),
        "LLMKG_CORS_ORIGINS": f'["{LISTED_ORIGIN}"]'})
    yield server, tmp
    server.stop()


@pytest.fixture(scope="module")
def limited(corpus_store_dir: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[LiveServer]:
    """A read-only server with a rate limit of 2 requests a second per address, bursts of 5."""
    server = _serve(tmp_path_factory.mktemp("limited"), corpus_store_dir,
                    {"LLMKG_RATE_LIMIT_PER_S": "2", "LLMKG_RATE_LIMIT_BURST": "5"})
    yield server
    server.stop()


@pytest.fixture(scope="module")
def busy(corpus_store_dir: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[LiveServer]:
    """A read-only server that works on at most 2 requests at once."""
    server = _serve(tmp_path_factory.mktemp("busy"), corpus_store_dir, {"LLMKG_MAX_CONCURRENT_REQUESTS": "2"})
    yield server
    server.stop()


def _assert_envelope(r: httpx.Response, status: int, code: str | None = None) -> dict[str, Any]:
    assert r.status_code == status, r.text[:500]
    body = r.json()
    assert body == {"ok": False, "status": status, "error": code or body["error"], "message": body["message"]}
    return body


def _status_kb(pid: int, field: str) -> int:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith(field + ":"):
            return int(line.split()[1])
    raise AssertionError(f"no {field} in /proc/{pid}/status")


class RssSampler:
    """Samples a process's resident set size every few milliseconds until stopped."""

    def __init__(self, pid: int) -> None:
        self.pid = pid
        self.baseline = _status_kb(pid, "VmRSS")
        self.hwm_before = _status_kb(pid, "VmHWM")
        self.peak = self.baseline
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)
        self._thread.start()

    def _run(self) -> None:
        while not self._stop.is_set():
            self.peak = max(self.peak, _status_kb(self.pid, "VmRSS"))
            time.sleep(0.005)

    def stop(self) -> int:
        """Stop sampling; return the most the RSS grew over its baseline (kB), counting the kernel's
        high-water mark when the test moved it."""
        self._stop.set()
        self._thread.join()
        hwm = _status_kb(self.pid, "VmHWM")
        grown = self.peak - self.baseline
        if hwm > self.hwm_before:  # a new peak was set during the test: it counts too
            grown = max(grown, hwm - self.baseline)
        return grown


class HealthProbe:
    """Calls ``/health`` every 50 ms from its own thread and connection, timing each answer."""

    def __init__(self, server: LiveServer) -> None:
        self.url = server.url + "/health"
        self.latencies: list[float] = []
        self.statuses: list[int] = []
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)
        self._thread.start()

    def _run(self) -> None:
        with httpx.Client(timeout=10) as client:
            while not self._stop.is_set():
                t = time.perf_counter()
                self.statuses.append(client.get(self.url).status_code)
                self.latencies.append(time.perf_counter() - t)
                self._stop.wait(0.05)

    def stop(self) -> tuple[int, float]:
        """Stop; return the number of answers and the slowest (seconds)."""
        self._stop.set()
        self._thread.join()
        assert set(self.statuses) == {200}, self.statuses
        return len(self.latencies), max(self.latencies)


def _parse(raw: bytes) -> tuple[int, dict[str, str], bytes] | None:
    """A whole HTTP response in ``raw`` as (status, headers, body), or None while it is incomplete."""
    head, sep, body = raw.partition(b"\r\n\r\n")
    if not sep:
        return None
    lines = head.decode("latin-1").split("\r\n")
    headers = {k.strip().lower(): v.strip() for k, _, v in (line.partition(":") for line in lines[1:])}
    length = int(headers.get("content-length", "0"))
    if len(body) < length:
        return None
    return int(lines[0].split()[1]), headers, body[:length]


def _stream(server: LiveServer, head: bytes, piece: bytes, total: int) -> tuple[int, tuple[int, dict[str, str], bytes]]:
    """Send ``head``, then ``piece`` over and over (``total`` bytes at most), reading whenever the
    server says something; stop sending as soon as it has answered. Return the body bytes sent by
    then and the response."""
    sock = socket.create_connection(("127.0.0.1", server.port), timeout=30)
    try:
        sock.sendall(head)
        sock.setblocking(False)
        sent, pending, raw = 0, b"", b""
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            readable, writable, _ = select.select([sock], [sock] if sent < total else [], [], 10)
            if readable:
                try:
                    chunk = sock.recv(65536)
                except ConnectionResetError:
                    break
                raw += chunk
                if not chunk or _parse(raw) is not None:
                    break
            elif writable:
                pending = pending or piece[: total - sent]
                try:
                    n = sock.send(pending)
                except (BrokenPipeError, ConnectionResetError):
                    break  # the server closed: read what it answered
                pending, sent = pending[n:], sent + n
            else:
                break
        sock.setblocking(True)
        sock.settimeout(10)
        while _parse(raw) is None:
            try:
                chunk = sock.recv(65536)
            except (ConnectionResetError, TimeoutError):
                break
            if not chunk:
                break
            raw += chunk
        parsed = _parse(raw)
        assert parsed is not None, f"no complete response after {sent} bytes: {raw[:300]!r}"
        return sent, parsed
    finally:
        sock.close()


def _post_head(server: LiveServer, headers: str, content_type: str = "text/plain") -> bytes:
    return (f"POST /documents HTTP/1.1\r\nHost: 127.0.0.1:{server.port}\r\nAuthorization: Bearer {API_TOKEN}\r\n"
            f"Content-Type: {content_type}\r\n{headers}\r\n").encode("ascii")


def _open_fds_under(pid: int, folder: Path) -> list[str]:
    """Files the process has open under ``folder`` (deleted ones too)."""
    found = []
    for fd in Path(f"/proc/{pid}/fd").iterdir():
        try:
            target = str(fd.readlink())
        except OSError:
            continue
        if target.startswith(str(folder)):
            found.append(target)
    return found


# --------------------------------------------------------------------------- A1, A2: body caps


def test_a1_declared_10mb_body_gets_413_before_a_byte_of_it_is_read(edge: tuple[LiveServer, Path],
                                                                     live_snapshot: Snapshot) -> None:
    server, _tmp = edge
    before = live_snapshot(server)
    # only the head is sent: the answer cannot have waited for the body
    sent, (status, headers, body) = _stream(server, _post_head(server, "Content-Length: 10000000\r\n"),
                                            b"", 0)
    assert sent == 0
    assert status == 413 and headers["content-type"] == "application/json"
    assert b'"error":"payload_too_large"' in body
    assert live_snapshot(server) == before


def test_a1_10mb_upload_gets_413_with_no_partial_graph_and_no_temp_file(edge: tuple[LiveServer, Path],
                                                                        live_snapshot: Snapshot) -> None:
    server, tmp = edge
    before = live_snapshot(server)
    text = b"Acme released Foo-7B, fine-tuned from Mistral 7B.\n" * 200_000  # 10.2 MB
    r = httpx.post(server.url + "/documents", headers=AUTH, files={"file": ("big.md", text)}, timeout=60)
    _assert_envelope(r, 413, "payload_too_large")
    # under the cap but over Starlette's 1 MB spool: the upload goes to a temp file in TMPDIR; it is
    # refused (binary), and the file must be gone with the request
    r = httpx.post(server.url + "/documents", headers=AUTH, files={"file": ("blob.md", b"\x00\x01" * 1_500_000)},
                   timeout=60)
    _assert_envelope(r, 422, "ingest")
    assert list(tmp.iterdir()) == []
    assert _open_fds_under(server.proc.pid, tmp) == []
    assert live_snapshot(server) == before


def test_a2_chunked_50mb_body_gets_413_once_past_the_cap_with_rss_bounded(edge: tuple[LiveServer, Path],
                                                                          live_snapshot: Snapshot) -> None:
    server, tmp = edge
    before = live_snapshot(server)
    piece = b"10000\r\n" + b"a" * 0x10000 + b"\r\n"  # one 64 KiB chunk, repeated: no Content-Length
    rss = RssSampler(server.proc.pid)
    sent, (status, _headers, body) = _stream(server, _post_head(server, "Transfer-Encoding: chunked\r\n"),
                                             piece, 50_000_000)
    grown_kb = rss.stop()
    assert status == 413 and b'"error":"payload_too_large"' in body
    assert CAP < sent < 30_000_000, sent  # answered once past the cap, long before the 50 MB
    assert grown_kb < 40_000, f"server RSS grew {grown_kb} kB"
    assert list(tmp.iterdir()) == []
    assert live_snapshot(server) == before


@pytest.mark.parametrize(("framing", "piece"), [
    ("Content-Length: 100\r\n", b"{" + b"a" * 65535),  # claims 100 B, sends 50 MB
    ("Content-Length: 100\r\nTransfer-Encoding: chunked\r\n", b"10000\r\n" + b"a" * 0x10000 + b"\r\n"),
])
def test_a2_false_content_length_never_lets_50mb_in(edge: tuple[LiveServer, Path], live_snapshot: Snapshot,
                                                    framing: str, piece: bytes) -> None:
    """A short Content-Length frames the body at 100 bytes (not JSON: 400) and the rest is not a
    request (the server refuses it and closes); with chunked framing too, the chunks are counted."""
    server, tmp = edge
    before = live_snapshot(server)
    rss = RssSampler(server.proc.pid)
    sent, (status, _headers, body) = _stream(server, _post_head(server, framing, "application/json"),
                                             piece, 50_000_000)
    grown_kb = rss.stop()
    assert status in (400, 413) and b'"ok":false' in body, body
    assert sent < 30_000_000
    assert grown_kb < 40_000, f"server RSS grew {grown_kb} kB"
    assert httpx.get(server.url + "/health").status_code == 200
    assert list(tmp.iterdir()) == []
    assert live_snapshot(server) == before


# --------------------------------------------------------------------------- A3: the token


@pytest.mark.parametrize("authorization", [
    None,                                            # no token
    "Bearer",                                        # an empty token (a header value is trimmed)
    "Bearer " + "x" * len(API_TOKEN),                # a wrong token of the same length
    "Bearer " + API_TOKEN[:-1] + "0",                # the same but its last character
])
def test_a3_writes_without_the_right_token_get_401_and_change_nothing(
        edge: tuple[LiveServer, Path], live_snapshot: Snapshot, authorization: str | None) -> None:
    server, _tmp = edge
    before = live_snapshot(server)
    headers = {} if authorization is None else {"authorization": authorization}
    r = httpx.post(server.url + "/documents", headers=headers, json={"text": "Acme released Foo-7B."})
    _assert_envelope(r, 401, "unauthorized")
    assert r.headers["www-authenticate"] == "Bearer"
    # the token is what refused it: the right one gets past the check to the (bad) body
    right = httpx.post(server.url + "/documents", headers=AUTH, json={"texte": "Acme released Foo-7B."})
    _assert_envelope(right, 400, "invalid_input")
    assert live_snapshot(server) == before


def test_a3_read_only_server_refuses_every_write_with_403(live_server: LiveServer) -> None:
    for headers in ({}, AUTH, {"authorization": "Bearer"}):
        r = httpx.post(live_server.url + "/documents", headers=headers, json={"text": "Acme released Foo-7B."})
        _assert_envelope(r, 403, "forbidden")


# --------------------------------------------------------------------------- A6: CORS


def _preflight(server_url: str, origin: str, path: str = "/documents") -> httpx.Response:
    return httpx.options(server_url + path, headers={
        "origin": origin, "access-control-request-method": "POST",
        "access-control-request-headers": "authorization, content-type"})


def test_a6_cors_preflight_from_unlisted_origin_gets_no_allow_origin(edge: tuple[LiveServer, Path]) -> None:
    server, _tmp = edge
    r = _preflight(server.url, EVIL_ORIGIN)
    _assert_envelope(r, 400, "invalid_input")
    assert "access-control-allow-origin" not in r.headers
    assert "access-control-allow-credentials" not in r.headers
    simple = httpx.get(server.url + "/api/entities", params={"q": "llama"}, headers={"origin": EVIL_ORIGIN})
    assert simple.status_code == 200 and "access-control-allow-origin" not in simple.headers


def test_a6_cors_listed_origin_is_echoed_without_credentials(edge: tuple[LiveServer, Path]) -> None:
    server, _tmp = edge
    r = _preflight(server.url, LISTED_ORIGIN)
    assert r.status_code == 200, r.text
    assert r.headers["access-control-allow-origin"] == LISTED_ORIGIN
    assert "POST" in r.headers["access-control-allow-methods"]
    assert "authorization" in r.headers["access-control-allow-headers"].lower()
    assert "access-control-allow-credentials" not in r.headers
    simple = httpx.get(server.url + "/api/entities", params={"q": "llama"}, headers={"origin": LISTED_ORIGIN})
    assert simple.headers["access-control-allow-origin"] == LISTED_ORIGIN
    assert "Origin" in simple.headers["vary"]
    assert "retry-after" in simple.headers["access-control-expose-headers"].lower()


def test_a6_cors_is_off_by_default(live_server: LiveServer) -> None:
    for origin in (EVIL_ORIGIN, LISTED_ORIGIN):
        r = _preflight(live_server.url, origin)
        _assert_envelope(r, 405, "method_not_allowed")
        assert not any(h.startswith("access-control-") for h in r.headers)


def test_a6_cors_star_never_comes_with_credentials(tmp_path: Path) -> None:
    app = create_app(Settings(store=tmp_path / "store", cors_origins=["*"]))

    async def preflight() -> httpx.Response:
        transport = httpx.ASGITransport(app=app)
        async with httpx.AsyncClient(transport=transport, base_url="http://llmkg") as client:
            return await client.options("/documents", headers={
                "origin": EVIL_ORIGIN, "access-control-request-method": "POST"})

    r = asyncio.run(preflight())
    assert r.status_code == 200
    assert r.headers["access-control-allow-origin"] == "*"
    assert "access-control-allow-credentials" not in r.headers


@pytest.mark.parametrize("origin", ["https://app.example/", "app.example", "https://app.example/path", ""])
def test_a6_cors_origins_that_could_never_match_are_refused_at_startup(tmp_path: Path, origin: str) -> None:
    with pytest.raises(InvalidInputError, match="cors_origins"):
        create_app(Settings(store=tmp_path / "store", cors_origins=[origin]))


# --------------------------------------------------------------------------- A7: rate limit


def _client(address: str, **kwargs: Any) -> httpx.Client:
    """A client whose connections come from ``address`` (any of 127.0.0.0/8 is loopback on Linux)."""
    return httpx.Client(transport=httpx.HTTPTransport(local_address=address), timeout=30, **kwargs)


CHEAP = "/api/documents?limit=1"


def test_a7_200_requests_a_second_from_one_address_get_429_with_retry_after(limited: LiveServer) -> None:
    statuses: list[int] = []
    with _client("127.0.0.11") as client:
        t = time.monotonic()
        for _ in range(60):
            r = client.get(limited.url + CHEAP)
            statuses.append(r.status_code)
            if r.status_code == 429:
                _assert_envelope(r, 429, "too_many_requests")
                assert int(r.headers["retry-after"]) >= 1
        elapsed = time.monotonic() - t
        assert client.get(limited.url + "/health").status_code == 200  # exempt
    assert set(statuses) == {200, 429}
    # a burst of 5, then 2 a second: never more than that got through
    assert statuses[:5] == [200] * 5
    assert statuses.count(200) <= 5 + 2 * elapsed + 1, (statuses.count(200), elapsed)


def test_a7_other_addresses_are_unaffected(limited: LiveServer) -> None:
    with _client("127.0.0.12") as noisy, _client("127.0.0.13") as quiet:
        assert 429 in [noisy.get(limited.url + CHEAP).status_code for _ in range(30)]
        assert [quiet.get(limited.url + CHEAP).status_code for _ in range(5)] == [200] * 5


def test_a7_refused_requests_cost_nothing_so_waiting_retry_after_gets_through(limited: LiveServer) -> None:
    """No ban-loop: a client that keeps knocking while limited is not pushed further back."""
    with _client("127.0.0.14") as client:
        while (r := client.get(limited.url + CHEAP)).status_code == 200:
            pass
        last = r
        for _ in range(50):  # knock while limited: the refusals take no tokens
            r = client.get(limited.url + CHEAP)
            if r.status_code == 429:
                last = r
        # had the 50 refusals been debited, the wait would be about 25 s; at 2 a second it is 1 s
        assert last.headers["retry-after"] == "1"
        time.sleep(int(last.headers["retry-after"]))
        assert client.get(limited.url + CHEAP).status_code == 200


def test_a7_x_forwarded_for_is_not_trusted(limited: LiveServer) -> None:
    with _client("127.0.0.15") as client:
        t = time.monotonic()
        statuses = [client.get(limited.url + CHEAP, headers={
            "x-forwarded-for": f"10.0.0.{i}", "x-real-ip": f"10.0.1.{i}", "forwarded": f"for=10.0.2.{i}"}).status_code
            for i in range(30)]
        elapsed = time.monotonic() - t
    assert statuses.count(200) <= 5 + 2 * elapsed + 1, statuses


def test_a7_retry_after_is_honest_and_the_bucket_table_is_bounded() -> None:
    buckets = TokenBuckets(rate=0.5, burst=2, max_clients=1000)
    assert buckets.take("a", 100.0) == 0.0 and buckets.take("a", 100.0) == 0.0
    wait = buckets.take("a", 100.0)
    assert wait == pytest.approx(2.0)
    assert buckets.take("a", 100.0 + wait / 2) > 0  # refused again: nothing taken, the wait shrinks
    assert buckets.take("a", 100.0 + wait) == 0.0  # exactly Retry-After later: through
    for i in range(50_000):  # many addresses: the table never holds more than its cap
        buckets.take(f"10.{i >> 16}.{(i >> 8) & 255}.{i & 255}", 200.0 + i * 1e-6)
    assert len(buckets) == 1000
    buckets.take("late", 300.0)  # every other bucket has been idle long enough to be full: dropped
    assert len(buckets) == 1
    assert client_key("::ffff:127.0.0.1") == "127.0.0.1"
    assert client_key("2001:db8::1") == client_key("2001:db8::ffff") == "2001:db8::/64"


# --------------------------------------------------------------------------- A8: bounded concurrency


def test_a8_100_concurrent_slow_requests_get_fast_503_and_health_answers(busy: LiveServer) -> None:
    async def flood(n: int) -> list[tuple[int, float, httpx.Response]]:
        limits = httpx.Limits(max_connections=n, max_keepalive_connections=0)
        async with httpx.AsyncClient(timeout=120, limits=limits) as client:
            async def one() -> tuple[int, float, httpx.Response]:
                t = time.perf_counter()
                r = await client.get(busy.url + "/export/jsonld")  # about a second of work each
                return r.status_code, time.perf_counter() - t, r

            return await asyncio.gather(*(one() for _ in range(n)))

    probe = HealthProbe(busy)
    answers = asyncio.run(flood(100))
    samples, slowest = probe.stop()
    statuses = [status for status, _, _ in answers]
    assert set(statuses) <= {200, 503} and 200 in statuses and 503 in statuses, statuses
    refused = [(seconds, r) for status, seconds, r in answers if status == 503]
    for _, r in refused:
        _assert_envelope(r, 503, "unavailable")
        assert r.headers["retry-after"] == "1"
    # relative to the work, not to a clock (a loaded machine slows both): a refusal comes before
    # any export could finish, and /health never waits as long as a typical export takes
    served = sorted(seconds for status, seconds, _ in answers if status == 200)
    assert min(seconds for seconds, _ in refused) < served[0], (refused[:3], served[:3])
    assert samples >= 3 and slowest < served[len(served) // 2], (samples, slowest, served)


# --------------------------------------------------------------------------- A9: multipart and headers

BOUNDARY = "llmkg-test-boundary"


def _multipart(parts: list[tuple[str, bytes]], preamble: bytes = b"", epilogue: bytes = b"") -> bytes:
    body = b"".join(f"--{BOUNDARY}\r\n{head}\r\n\r\n".encode() + data + b"\r\n" for head, data in parts)
    return preamble + body + f"--{BOUNDARY}--\r\n".encode() + epilogue


FILE_PART = ('Content-Disposition: form-data; name="file"; filename="empty.md"', b"")


@pytest.mark.parametrize(("body", "status"), [
    (_multipart([(f'Content-Disposition: form-data; name="f{i}"', b"x") for i in range(10_000)] + [FILE_PART]),
     400),                                                                 # 10k fields
    (_multipart([FILE_PART], preamble=b"p" * 4_000_000 + b"\r\n"), 400),   # a 4 MB preamble
    (_multipart([FILE_PART], epilogue=b"e" * 4_000_000), 422),             # a 4 MB epilogue: ignored
    (_multipart([FILE_PART], epilogue=b"e" * 6_000_000), 413),             # ... past the cap
    (_multipart([(FILE_PART[0] + "; x=" + "h" * 1_000_000, b"hello")]), 400),  # a 1 MB part header
    (_multipart([('Content-Disposition: form-data; name="big"', b"v" * 2_000_000), FILE_PART]), 400),
    (_multipart([FILE_PART, FILE_PART]), 400),                             # two files
], ids=["10k-fields", "preamble", "epilogue", "epilogue-past-cap", "part-header", "long-field", "two-files"])
def test_a9_hostile_multipart_gets_a_fast_answer_and_the_loop_keeps_serving(
        edge: tuple[LiveServer, Path], live_snapshot: Snapshot, body: bytes, status: int) -> None:
    server, tmp = edge
    before = live_snapshot(server)
    probe = HealthProbe(server)
    t = time.perf_counter()
    r = httpx.post(server.url + "/documents", content=body, timeout=60,
                   headers={**AUTH, "content-type": f"multipart/form-data; boundary={BOUNDARY}"})
    elapsed = time.perf_counter() - t
    time.sleep(0.15)
    samples, slowest = probe.stop()
    _assert_envelope(r, status)
    assert elapsed < 5.0
    assert samples >= 2 and slowest < 1.0, (samples, slowest)
    assert list(tmp.iterdir()) == []
    assert live_snapshot(server) == before


def test_a9_1mb_http_header_is_refused_before_the_app(edge: tuple[LiveServer, Path]) -> None:
    server, _tmp = edge
    head = f"GET /health HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Big: {'h' * 1_048_576}\r\n\r\n".encode()
    t = time.perf_counter()
    _sent, (status, _headers, _body) = _stream(server, head, b"", 0)
    assert status == 400 and time.perf_counter() - t < 5.0
    assert httpx.get(server.url + "/health").status_code == 200


# --------------------------------------------------------------------------- A13: ids that are paths

TRAVERSALS = ["..%2F..%2Fetc%2Fpasswd", "..%252F..%252Fetc%252Fpasswd", "%2E%2E%2F%2E%2E%2Fetc%2Fpasswd"]


@pytest.mark.parametrize("path", [
    *(f"/export/{t}" for t in TRAVERSALS),
    *(f"/static/{t}" for t in TRAVERSALS),
    *(f"/api/document?iri={t}" for t in TRAVERSALS),
    *(f"/api/document?iri=https://w3id.org/llmkg/doc/{t}" for t in TRAVERSALS),
    *(f"/export/turtle?entity={t}" for t in TRAVERSALS),
    *(f"/api/entity?name={t}" for t in TRAVERSALS),
    "/export/" + "a" * 10_000,
    "/api/document?iri=https://w3id.org/llmkg/doc/" + "a" * 10_000,
    "/api/entity?iri=https://w3id.org/llmkg/id/model/" + "a" * 10_000,
    "/api/entity?name=" + "a" * 10_000,
    "/api/lineage?name=" + "a" * 10_000,
    "/export/dot?lineage=" + "a" * 10_000,
    "/api/results?model=" + "a" * 10_000,
])
def test_a13_path_like_and_10kb_ids_get_400_or_404(live_server: LiveServer, path: str) -> None:
    r = httpx.get(live_server.url + path)
    assert r.status_code in (400, 404), (r.status_code, r.text[:300])
    _assert_envelope(r, r.status_code)
    assert b"root:" not in r.content


def test_a13_traversal_in_the_raw_path_is_not_followed(live_server: LiveServer) -> None:
    """Without a client normalising it first: ``GET /static/../../../../etc/passwd`` as sent."""
    for target in ("/static/../../../../etc/passwd", "/export/../../../../etc/passwd"):
        head = f"GET {target} HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n".encode()
        _sent, (status, _headers, body) = _stream(live_server, head, b"", 0)
        assert status in (400, 404) and b"root:" not in body, (target, status, body[:200])


# --------------------------------------------------------------------------- L: injection and odd text

INJECTION = 'x" } UNION { ?s ?p ?o } #'


@pytest.mark.parametrize(("path", "param"), [
    ("/api/entities", "q"), ("/api/entity", "name"), ("/api/lineage", "name"), ("/api/entity/neighbours", "name"),
    ("/api/results", "model"), ("/api/claims", "about"), ("/api/contradictions", "about"),
    ("/export/turtle", "entity"),
])
def test_l1_injection_in_a_name_is_a_literal_with_no_extra_rows(live_server: LiveServer, path: str,
                                                                param: str) -> None:
    r = httpx.get(live_server.url + path, params={param: INJECTION})
    if path == "/api/entities":
        assert r.status_code == 200 and r.json()["items"] == [] and r.json()["total"] == 0, r.text[:300]
    else:
        _assert_envelope(r, 404, "not_found")


@pytest.mark.parametrize(("path", "param"), [
    ("/api/entity", "iri"), ("/api/entity/neighbours", "iri"), ("/api/lineage", "iri"), ("/api/document", "iri"),
    ("/api/results", "model"), ("/api/results", "benchmark"), ("/api/claims", "about"),
    ("/api/contradictions", "about"), ("/export/nquads", "entity"), ("/export/dot", "lineage"),
])
def test_l2_iri_that_breaks_out_of_sparql_gets_400_and_the_store_is_unchanged(
        edge: tuple[LiveServer, Path], live_snapshot: Snapshot, path: str, param: str) -> None:
    server, _tmp = edge
    before = live_snapshot(server)
    r = httpx.get(server.url + path, params={param: "http://a> } ; DROP ALL ; <x"})
    _assert_envelope(r, 400, "invalid_input")
    assert live_snapshot(server) == before


ODD = ["\u0000", "a\u0000b", "%ED%A0%80", "Llama%ED%A0%80", "\u202eamall", "\u202eLlama\u202c", "%FF%FE", "\ufffd"]


@pytest.mark.parametrize("text", ODD)
@pytest.mark.parametrize(("path", "param"), [
    ("/api/entities", "q"), ("/api/entity", "name"), ("/api/lineage", "name"), ("/api/claims", "about"),
    ("/api/entity", "iri"), ("/api/document", "iri"), ("/api/results", "model"), ("/export/cytoscape", "entity"),
])
def test_l3_nul_lone_surrogate_and_rtl_override_get_200_or_400_never_500(live_server: LiveServer, path: str,
                                                                         param: str, text: str) -> None:
    """Sent as raw query bytes: ``%ED%A0%80`` is the UTF-8 form of the lone surrogate U+D800."""
    value = ("https://w3id.org/llmkg/id/model/" + text) if param in ("iri", "model") else text
    r = httpx.get(f"{live_server.url}{path}?{param}={quote(value, safe='%:/')}")
    assert r.status_code in (200, 400, 404), (r.status_code, r.text[:300])
    if r.status_code != 200:
        _assert_envelope(r, r.status_code)
    elif path == "/api/entities":
        for item in r.json()["items"]:
            assert "\u0000" not in item["label"] and "\ufffd" not in item["label"]


@pytest.mark.parametrize("raw", [
    b'{"text": "Kestrel Labs released Wren-3B \\ud800 today.", "source": "lone\\udc00.md"}',  # JSON escapes
    b'{"text": "Kestrel Labs released Wren-4B \xed\xa0\x80 today."}',                        # raw bytes
    b'{"text": "Kestrel Labs released Wren-5B \\u0000 \\u202e today.", "source": "\\u202egnp.md"}',
])
def test_l3_lone_surrogates_and_nul_in_an_upload_never_500(edge: tuple[LiveServer, Path], raw: bytes) -> None:
    server, _tmp = edge
    r = httpx.post(server.url + "/documents", content=raw, timeout=120,
                   headers={**AUTH, "content-type": "application/json"})
    assert r.status_code in (200, 400, 422), r.text[:300]
    if r.status_code == 200:
        outcome = r.json()["outcomes"][0]
        assert outcome["status"] == "added"
        assert "\ud800" not in r.text and "\\ud800" not in r.text and "\\u0000" not in r.text
        doc = httpx.get(server.url + "/api/document", params={"iri": outcome["document"]})
        assert doc.status_code == 200
        assert "\\u0000" not in doc.text and "\\ud800" not in doc.text.lower()

