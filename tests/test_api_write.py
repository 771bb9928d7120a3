"""Specs for ``POST /documents`` on a live server: token, body cap, formats, idempotence,
all-or-nothing."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import httpx
import pytest
from conftest import API_TOKEN, REPO, LiveServer

AUTH = {"authorization": f"Bearer {API_TOKEN}"}
NOTE = ("Quillfeather Labs released Bramble-9B, a 9B model fine-tuned from Mistral 7B. "
        "Bramble-9B scores 61.2 on MMLU.")


def _post(server: LiveServer, headers: dict[str, str] | None = None, **kwargs: Any) -> httpx.Response:
    return httpx.post(server.url + "/documents", headers=headers if headers is not None else AUTH,
                      timeout=120, **kwargs)


def _quads(server: LiveServer) -> int:
    return int(httpx.get(server.url + "/health").json()["quads"])


def _assert_error(r: httpx.Response, status: int, code: str) -> None:
    assert r.status_code == status, r.text
    body = r.json()
    assert body == {"ok": False, "status": status, "error": code, "message": body["message"]}


@pytest.mark.parametrize(("headers", "status", "code"), [
    ({}, 401, "unauthorized"),
    ({"authorization": "Bearer wrong-token"}, 401, "unauthorized"),
    ({"authorization": f"Basic {API_TOKEN}"}, 401, "unauthorized"),
    ({"authorization": f"Bearer {API_TOKEN}x"}, 401, "unauthorized"),
])
def test_write_needs_the_right_bearer_token(writable_server: LiveServer, headers: dict[str, str], status: int,
                                            code: str) -> None:
    before = _quads(writable_server)
    r = _post(writable_server, headers=headers, json={"text": NOTE})
    _assert_error(r, status, code)
    assert r.headers["www-authenticate"] == "Bearer"
    assert _quads(writable_server) == before


@pytest.mark.parametrize("text", [NOTE])
def test_write_text_is_ingested_once_and_then_unchanged(writable_server: LiveServer, text: str) -> None:
    first = _post(writable_server, json={"text": text, "source": "bramble-note.md"})
    assert first.status_code == 200, first.text
    outcome = first.json()["outcomes"][0]
    assert outcome["status"] == "added" and outcome["source"] == "upload:bramble-note.md"
    assert outcome["entities"] >= 3 and outcome["relations"] >= 1
    quads = first.json()["quads"]
    again = _post(writable_server, json={"text": text, "source": "bramble-note.md"})
    assert again.json()["outcomes"][0]["status"] == "unchanged"
    assert _quads(writable_server) == quads
    found = httpx.get(writable_server.url + "/api/entities", params={"q": "Bramble-9B"}).json()
    assert found["items"][0]["label"] == "Bramble-9B"
    lineage = httpx.get(writable_server.url + "/api/lineage", params={"name": "Bramble-9B"}).json()
    assert [(e["relation"], e["object"]["label"]) for e in lineage["ancestors"]] == [("fineTunedFrom", "Mistral 7B")]


@pytest.mark.parametrize("name", ["19-gemma-3-news.html", "22-phi-4-technical-report.pdf",
                                  "12-deepseek-r1-distill-qwen-32b-card.md"])
def test_write_multipart_file_uses_the_loader_of_its_kind(writable_server: LiveServer, name: str) -> None:
    """The server's store already holds the corpus (ingested by the CLI): the same file uploaded
    loads to the same text, so it is the same document, and nothing is written."""
    path = REPO / "examples" / "corpus" / name
    before = _quads(writable_server)
    r = _post(writable_server, files={"file": ("copy-" + name, path.read_bytes())})
    assert r.status_code == 200, r.text
    outcomes = r.json()["outcomes"]
    assert [o["status"] for o in outcomes] == ["unchanged"]
    known = httpx.get(writable_server.url + "/api/document", params={"iri": outcomes[0]["document"]}).json()
    assert known["document"]["source"] == str(path)
    assert _quads(writable_server) == before
    edited = path.read_bytes().replace(b"Gemma", b"Gemmo") if name.endswith(".html") else None
    if edited is not None:  # the page names its canonical URL: an edited copy replaces it
        r = _post(writable_server, files={"file": ("edited-" + name, edited)})
        assert [o["status"] for o in r.json()["outcomes"]] == ["replaced"]
        assert r.json()["outcomes"][0]["document"] == outcomes[0]["document"]
        assert "Gemmo" in r.json()["outcomes"][0]["title"]


@pytest.mark.parametrize(("media", "suffix"), [("text/markdown", ".md"), ("text/plain", ".txt"),
                                               ("text/html", ".html")])
def test_write_raw_body_with_its_media_type(writable_server: LiveServer, media: str, suffix: str) -> None:
    text = NOTE.replace("Bramble-9B", f"Bramble-{suffix[1:]}-2B")
    body = f"<html><body><article><p>{text}</p></article></body></html>" if suffix == ".html" else text
    r = _post(writable_server, headers={**AUTH, "content-type": media}, content=body.encode(),
              params={"source": f"raw{suffix}"})
    assert r.status_code == 200, r.text
    assert r.json()["outcomes"][0]["status"] == "added"


@pytest.mark.parametrize("size", [250_000])
def test_write_body_over_the_cap_gets_413_and_nothing_is_stored(writable_server: LiveServer, size: int) -> None:
    before = _quads(writable_server)
    r = _post(writable_server, json={"text": "Acme released Foo-1B. " * (size // 22)})
    _assert_error(r, 413, "payload_too_large")

    def chunks() -> Any:  # no Content-Length: the streamed bytes are counted
        for _ in range(size // 10_000):
            yield b"x" * 10_000

    r = _post(writable_server, headers={**AUTH, "content-type": "text/plain"}, content=chunks())
    _assert_error(r, 413, "payload_too_large")
    assert _quads(writable_server) == before


@pytest.mark.parametrize(("kwargs", "status", "code"), [
    ({"files": {"file": ("paper.pdf", b"\x00\x01not a pdf at all" * 20)}}, 422, "ingest"),
    ({"files": {"file": ("empty.md", b"")}}, 422, "ingest"),
    ({"files": {"file": ("data.xlsx", b"PK\x03\x04...")}}, 422, "ingest"),
    ({"json": {"text": ""}}, 422, "ingest"),
    ({"json": {"texte": "hello"}}, 400, "invalid_input"),
    ({"json": {"text": "hello", "format": "docx"}}, 400, "invalid_input"),
    ({"content": b"{not json", "headers": {**AUTH, "content-type": "application/json"}}, 400, "invalid_input"),
    ({"content": b"hello", "headers": {**AUTH, "content-type": "image/png"}}, 400, "invalid_input"),
])
def test_write_bad_uploads_get_a_clear_error_and_store_nothing(writable_server: LiveServer,
                                                               kwargs: dict[str, Any], status: int,
                                                               code: str) -> None:
    before = _quads(writable_server)
    headers = kwargs.pop("headers", AUTH)
    r = _post(writable_server, headers=headers, **kwargs)
    _assert_error(r, status, code)
    assert _quads(writable_server) == before


@pytest.mark.parametrize("source", ["../../etc/passwd", "C:\\temp\\x.md", "<script>.md"])
def test_write_source_names_are_sanitised(writable_server: LiveServer, source: str) -> None:
    r = _post(writable_server, json={"text": NOTE.replace("Bramble", "Thistle"), "source": source})
    assert r.status_code == 200, r.text
    name = r.json()["outcomes"][0]["source"]
    assert name.startswith("upload:") and "/" not in name and "\\" not in name and "<" not in name
    assert not Path("/etc/passwd.llmkg").exists()
