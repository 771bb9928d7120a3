"""`llmkg load` / kg.bulk.load_dump: a dump goes into a new store whole, or not at all."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from ingest.pipeline import run_ingest
from kg.bulk import load_dump
from kg.errors import InvalidInputError, StoreError
from kg.export import export
from kg.lineage import lineage
from kg.settings import Settings
from kg.stores import open_store

CORPUS = Path(__file__).resolve().parents[1] / "examples" / "corpus"
LLMKG = str(Path(sys.executable).with_name("llmkg"))


@pytest.fixture(scope="module")
def source(tmp_path_factory: pytest.TempPathFactory, nlp) -> tuple[Path, Path]:
    """A store of three corpus documents and its N-Quads export."""
    tmp = tmp_path_factory.mktemp("bulk")
    settings = Settings(store=tmp / "store")
    files = [CORPUS / "04-llama-4-release.md", CORPUS / "14-phi-3-news.txt", CORPUS / "19-gemma-3-news.html"]
    with open_store(settings.store) as store:
        report = run_ingest(files, settings=settings, store=store, nlp=nlp)
        assert not report.failed
        dump = tmp / "dump.nq"
        with dump.open("wb") as f:
            export(store, "nquads", out=f)
    return settings.store, dump


def _quads(path: Path) -> set[str]:
    with open_store(path, read_only=True) as store:
        return {str(q) for q in store.quads()}


def test_a_dump_loads_into_the_same_store(source: tuple[Path, Path], tmp_path: Path) -> None:
    store_path, dump = source
    with open_store(tmp_path / "new") as store:
        n = load_dump(store, dump)
        assert n == sum(1 for line in dump.read_text(encoding="utf-8").splitlines() if line.strip())
        # the default graph (the union) is derived: the library's queries answer as before
        assert lineage(store, "Llama 4 Scout").ancestors
    assert _quads(tmp_path / "new") == _quads(store_path)


def test_a_store_with_documents_is_refused(source: tuple[Path, Path], tmp_path: Path) -> None:
    _, dump = source
    with open_store(tmp_path / "new") as store:
        load_dump(store, dump)
        before = len(store)
        with pytest.raises(StoreError, match="already holds documents"):
            load_dump(store, dump)
        assert len(store) == before


def test_a_syntax_error_late_in_the_file_leaves_the_store_empty(source: tuple[Path, Path], tmp_path: Path) -> None:
    _, dump = source
    bad = tmp_path / "bad.nq"
    bad.write_text(dump.read_text(encoding="utf-8") + "<urn:s> <urn:p> \"unterminated <urn:g> .\n",
                   encoding="utf-8")
    with open_store(tmp_path / "new") as store:
        empty = {str(q) for q in store.quads()}
        with pytest.raises(InvalidInputError, match="nothing was loaded"):
            load_dump(store, bad)
        assert {str(q) for q in store.quads()} == empty  # the ontology only, as before
        load_dump(store, dump)  # and the store is usable: the good dump loads
        assert len(store) > len(empty)


@pytest.mark.parametrize("name", ["dump.ttl", "dump.nt", "dump.txt"])
def test_triple_formats_and_others_are_refused(tmp_path: Path, name: str) -> None:
    f = tmp_path / name
    f.write_text("<urn:s> <urn:p> <urn:o> .\n", encoding="utf-8")
    with open_store(None) as store, pytest.raises(InvalidInputError, match="N-Quads"):
        load_dump(store, f)


def test_cli_load(source: tuple[Path, Path], tmp_path: Path) -> None:
    store_path, dump = source
    done = subprocess.run([LLMKG, "load", "--store", str(tmp_path / "cli"), str(dump)],
                          capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    assert "quads/s" in done.stdout
    assert _quads(tmp_path / "cli") == _quads(store_path)
    again = subprocess.run([LLMKG, "load", "--store", str(tmp_path / "cli"), str(dump)],
                           capture_output=True, text=True, timeout=120)
    assert again.returncode != 0 and "already holds documents" in again.stderr
