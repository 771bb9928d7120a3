"""The CLI reads a store that ``llmkg serve`` holds (issue 17, item 2).

A user runs the demo (``llmkg serve``) and, in another terminal, ``llmkg query``: the read-only
commands open the store without its lock and answer; commands that write still fail fast with the
clear "in use" line. A real ``llmkg serve`` process holds the store, and the commands run as
separate ``llmkg`` processes, as a user runs them.
"""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest

from tests.conftest import API_TOKEN, LiveServer

LLMKG = Path(sys.executable).with_name("llmkg")

pytestmark = pytest.mark.issue(17)


@pytest.fixture(scope="module")
def served(corpus_store_dir: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[LiveServer]:
    """A writable ``llmkg serve`` holding its own copy of the corpus store (and its lock)."""
    root = tmp_path_factory.mktemp("served")
    shutil.copytree(corpus_store_dir, root / "store")
    server = LiveServer(root / "store", {"LLMKG_API_TOKEN": API_TOKEN}, root / "server.log")
    yield server
    server.stop()


def _run(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([str(LLMKG), *args], capture_output=True, text=True, timeout=300, check=False)


@pytest.mark.parametrize(("args", "expected"), [
    (["query", "SELECT (COUNT(*) AS ?n) WHERE { ?m a lk:Model }", "--format", "json"], '"n"'),
    (["search", "Llama 4"], "Llama 4"),
    (["lineage", "Llama 4 Scout"], "Llama 4 Behemoth"),
    (["claims", "--json"], "stance"),
    (["stats", "--json"], "documents"),
    (["export", "--format", "turtle"], "lk:developedBy"),
    (["analytics", "summary"], "Model"),
    (["validate"], ""),
])
def test_read_command_works_while_serve_holds_the_store(served: LiveServer, args: list[str],
                                                      expected: str) -> None:
    result = _run(*args, "--store", str(served.store))
    assert "in use" not in result.stderr
    assert result.returncode in ((0, 1) if args[0] == "validate" else (0,)), result.stderr
    assert expected in result.stdout, result.stdout[:500]


def test_read_command_sees_what_the_server_committed(served: LiveServer, tmp_path: Path) -> None:
    """A document the server ingests (POST /documents) is there for the next read command."""
    count = ["query", "SELECT (COUNT(DISTINCT ?d) AS ?n) WHERE { ?d a lk:Document }", "--format", "json",
             "--store", str(served.store)]
    before = int(json.loads(_run(*count).stdout)["results"]["bindings"][0]["n"]["value"])
    posted = httpx.post(served.url + "/documents", headers={"Authorization": f"Bearer {API_TOKEN}"},
                        files={"file": ("new.md", b"# Kestrel-9\n\nCorvid Labs released Kestrel-9 today.\n")},
                        timeout=120)
    assert posted.status_code in (200, 201), posted.text
    after = int(json.loads(_run(*count).stdout)["results"]["bindings"][0]["n"]["value"])
    assert after == before + 1


def test_write_command_still_fails_fast_while_serve_holds_the_store(served: LiveServer, tmp_path: Path) -> None:
    doc = tmp_path / "doc.md"
    doc.write_text("Corvid Labs released Kestrel-9.\n")
    result = _run("ingest", str(doc), "--store", str(served.store))
    assert result.returncode != 0
    assert "in use by another llmkg process" in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1, result.stderr
