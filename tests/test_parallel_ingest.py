"""Parallel ingestion on local worker processes (issue 6): ``run_ingest(workers=N)`` and
``llmkg ingest --workers N`` give exactly the outcomes and the store of a serial run."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from spacy.language import Language
from typer.testing import CliRunner

from ingest.parallel import (
    MAX_BATCH_FILES,
    FileTask,
    WorkerConfig,
    _ProcessPool,
    _WorkerDiedError,
    batch_size,
    parse_dask_url,
)
from ingest.pipeline import IngestReport, run_ingest
from kg.errors import InvalidInputError
from kg.settings import Settings
from kg.store import KGStore
from kg.stores import open_store
from llmkg.cli import app

pytestmark = pytest.mark.issue(6)

REPO = Path(__file__).resolve().parents[1]
#: the ingestion time stamps: the only quads two runs write differently
TIMESTAMPS = ("http://www.w3.org/ns/prov#endedAtTime", "http://www.w3.org/ns/prov#generatedAtTime")
#: a .txt file holding this kills the worker process that loads it (see :func:`kill_hook`)
KILL = "KILL-THIS-WORKER"
_HOOK = f'''
import os
if os.environ.get("LLMKG_TEST_KILL_HOOK") == "1":
    import ingest.loaders as loaders

    _load_text = loaders.LOADERS[".txt"]

    def _killer(data, source, limits):
        if b"{KILL}" in data:
            os._exit(137)  # like the kernel's OOM killer: no answer, no clean-up
        return _load_text(data, source, limits)

    loaders.LOADERS[".txt"] = _killer
'''


def kill_hook(folder: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Make every Python started from now on (worker processes) die on a file holding
    :data:`KILL`: a ``sitecustomize`` on ``PYTHONPATH`` wraps the text loader. The parsers' own
    child processes run isolated (``python -I``) and never load it."""
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "sitecustomize.py").write_text(_HOOK, encoding="utf-8")
    monkeypatch.setenv("PYTHONPATH", os.pathsep.join(filter(None, [str(folder), os.environ.get("PYTHONPATH")])))
    monkeypatch.setenv("LLMKG_TEST_KILL_HOOK", "1")


def stable_quads(store: KGStore) -> list[str]:
    """The store's quads as sorted N-Quads lines, without the ingestion time stamps."""
    return sorted(str(q) for q in store.quads() if q.predicate.value not in TIMESTAMPS)


def outcomes(report: IngestReport) -> list[tuple[object, ...]]:
    """Every field of every outcome, in order."""
    return [tuple(vars(o).values()) for o in report.outcomes]


def corpus_with_failures(folder: Path) -> Path:
    """The sample corpus plus a corrupt PDF and an empty Markdown file (both fail)."""
    shutil.copytree(REPO / "examples" / "corpus", folder)
    (folder / "40-corrupt.pdf").write_bytes(b"%PDF-1.7\n\x00\x01 not really a pdf" * 10)
    (folder / "41-empty.md").write_bytes(b"")
    return folder


def test_workers_give_the_serial_outcomes_and_store(tmp_path: Path, nlp: Language) -> None:
    folder = corpus_with_failures(tmp_path / "docs")
    serial, parallel = Settings(store=tmp_path / "serial"), Settings(store=tmp_path / "parallel")
    with open_store(serial.store) as one, open_store(parallel.store) as two:
        first = run_ingest([folder], settings=serial, store=one, nlp=nlp)
        second = run_ingest([folder], settings=parallel, store=two, workers=2)
        assert outcomes(second) == outcomes(first)
        assert {o.source.rsplit("/", 1)[-1] for o in first.failed} == {"40-corrupt.pdf", "41-empty.md"}
        assert first.count("added") > 30
        assert stable_quads(two) == stable_quads(one)

        # unchanged re-run: nothing extracted, nothing written, the same report
        again = run_ingest([folder], settings=parallel, store=two, workers=2)
        assert outcomes(again) == outcomes(run_ingest([folder], settings=serial, store=one, nlp=nlp))
        assert again.count("unchanged") == first.count("added")

        # one file changed, one bundle lost a paper: replaced, superseded parts dropped, the same
        card = folder / "01-llama-2-release.md"
        card.write_text(card.read_text(encoding="utf-8") + "\nMeta also released Llama 2 Chat.\n",
                        encoding="utf-8")
        bundle = folder / "11-paper-abstracts.txt"
        bundle.write_text(bundle.read_text(encoding="utf-8").rsplit("\n\n", 2)[0] + "\n", encoding="utf-8")
        third = run_ingest([folder], settings=parallel, store=two, workers=2)
        assert outcomes(third) == outcomes(run_ingest([folder], settings=serial, store=one, nlp=nlp))
        assert third.count("replaced") >= 1
        assert stable_quads(two) == stable_quads(one)


def test_a_worker_that_dies_fails_only_its_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    folder = tmp_path / "docs"
    folder.mkdir()
    for i in range(6):
        (folder / f"{i:02d}-release.txt").write_text(
            f"Quillfeather Labs released Brisa-{i} 14B, a new open-weight model.\n", encoding="utf-8")
    (folder / "03-poison.txt").write_text(f"Brisa-9 was released. {KILL}\n", encoding="utf-8")
    kill_hook(tmp_path / "hook", monkeypatch)
    settings = Settings(store=tmp_path / "store")
    with open_store(settings.store) as store:
        report = run_ingest([folder], settings=settings, store=store, workers=2)
    [failed] = report.failed
    assert failed.source.endswith("03-poison.txt")
    assert "worker process" in failed.error and "died" in failed.error
    assert [o.status for o in report.outcomes].count("added") == 6
    assert [Path(o.source).name for o in report.outcomes] == sorted(p.name for p in folder.iterdir())


def test_a_batch_submitted_after_the_pool_broke_is_run_again(tmp_path: Path,
                                                              monkeypatch: pytest.MonkeyPatch) -> None:
    """A worker dies while the driver is still writing an earlier batch's answer: the next batch
    is submitted to a pool already broken. It must come back as that batch's failure (run again
    in a new pool), not as an error out of the whole run (a race CI met once)."""
    kill_hook(tmp_path / "hook", monkeypatch)
    config = WorkerConfig.from_settings(Settings(store=tmp_path / "store"), force=False)
    poison = FileTask("poison.txt", ".txt", f"Brisa-9 was released. {KILL}\n".encode())
    healthy = FileTask("ok.txt", ".txt", b"Quillfeather Labs released Brisa-1 14B.\n")
    pool = _ProcessPool(2)
    try:
        dead = pool.submit([poison], config)
        with pytest.raises(_WorkerDiedError):
            pool.result(dead)
        late = pool.submit([healthy], config)  # the pool is broken now; this must not raise
        with pytest.raises(_WorkerDiedError):
            pool.result(late)
        pool.restart()
        [again] = pool.result(pool.submit([healthy], config)).files
        assert again.error is None and again.source == "ok.txt"
        assert [d.extraction is not None for d in again.documents] == [True]
    finally:
        pool.close()


def test_cli_workers_matches_the_serial_store(tmp_path: Path, corpus_store_dir: Path) -> None:
    store_dir = tmp_path / "store"
    llmkg = Path(sys.executable).parent / "llmkg"
    run = subprocess.run([str(llmkg), "ingest", "--workers", "2", "--quiet", "--store", str(store_dir),
                          str(REPO / "examples" / "corpus")], cwd=REPO, capture_output=True, text=True, timeout=120,
                         check=False)
    assert run.returncode == 0, run.stderr
    assert ", 0 failed;" in run.stdout
    with open_store(store_dir, read_only=True) as two, open_store(corpus_store_dir, read_only=True) as one:
        assert stable_quads(two) == stable_quads(one)


@pytest.mark.parametrize(("args", "message"), [
    (["--workers", "two"], "--workers takes a number of processes or 'auto'"),
    (["--workers", "999"], "--workers must be 0 (one per core) to 256"),
    (["--executor", "ray://127.0.0.1:6379"], "unknown executor"),
    (["--executor", "dask://local?workers=0"], "bad executor"),
])
def test_cli_refuses_bad_worker_options(tmp_path: Path, args: list[str], message: str) -> None:
    result = CliRunner().invoke(app, ["ingest", "--store", str(tmp_path / "store"), *args,
                                      str(REPO / "examples" / "corpus")])
    assert result.exit_code == InvalidInputError.exit_code, result.output
    assert message in result.output


def test_cli_workers_auto_and_single_file_run_serially(tmp_path: Path) -> None:
    # one file: no pool is started for it, whatever --workers says
    result = CliRunner().invoke(app, ["ingest", "--store", str(tmp_path / "store"), "--workers", "auto",
                                      str(REPO / "examples" / "corpus" / "01-llama-2-release.md")])
    assert result.exit_code == 0, result.output
    assert "1 document: 1 added" in result.output


def test_batch_sizes_and_executor_urls() -> None:
    assert batch_size(1, 2) == 1
    assert batch_size(100, 2) == 13
    assert batch_size(10_000, 2) == MAX_BATCH_FILES
    assert parse_dask_url("dask://10.0.0.5:8786") == ("tcp://10.0.0.5:8786", 0, 10.0)
    assert parse_dask_url("dask://sched.example:8786?timeout=3") == ("tcp://sched.example:8786", 0, 3.0)
    assert parse_dask_url("dask://local?workers=3") == (None, 3, 10.0)
    for bad in ("dask://host", "dask://local?workers=x", "dask://h:1?workers=2", "tcp://h:1", "dask://h:1/x",
                "dask://h:1?color=red"):
        with pytest.raises(InvalidInputError):
            parse_dask_url(bad)
