"""Ingestion on a Dask cluster (issue 6): ``run_ingest(executor="dask://...")`` and
``llmkg ingest --executor dask://...`` on a real ``LocalCluster`` (worker processes on loopback)
give exactly the store of a serial run; an unreachable scheduler is one clear error, quickly."""

from __future__ import annotations

import socket
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from spacy.language import Language
from test_parallel_ingest import KILL, kill_hook, stable_quads
from typer.testing import CliRunner

from ingest.pipeline import run_ingest
from kg.errors import ExecutorError
from kg.settings import Settings
from kg.stores import open_store
from llmkg.cli import app

distributed = pytest.importorskip("distributed", reason="dask.distributed is not installed (pip install "
                                                        "'llmkg[dask]')")

pytestmark = pytest.mark.issue(6)

REPO = Path(__file__).resolve().parents[1]
CORPUS = REPO / "examples" / "corpus"


@pytest.fixture(scope="module")
def cluster(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """A two-worker ``LocalCluster`` (processes, one thread each, loopback); its address."""
    import dask

    # the workers die on a file holding KILL (test_parallel_ingest.kill_hook); a task that killed
    # its worker once is reported at once (no retries on other workers)
    with pytest.MonkeyPatch.context() as mp, dask.config.set({"distributed.scheduler.allowed-failures": 0}):
        kill_hook(tmp_path_factory.mktemp("hook"), mp)
        local = distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=True,
                                         host="127.0.0.1", dashboard_address=None, timeout=60)
    try:
        yield local.scheduler_address
    finally:
        local.close(timeout=30)


@pytest.fixture(scope="module")
def serial_store(tmp_path_factory: pytest.TempPathFactory, nlp: Language) -> list[str]:
    """The sample corpus ingested serially: its stable quads."""
    settings = Settings(store=tmp_path_factory.mktemp("serial") / "store")
    with open_store(settings.store) as store:
        assert run_ingest([CORPUS], settings=settings, store=store, nlp=nlp).failed == []
        return stable_quads(store)


def test_run_ingest_on_dask_equals_the_serial_run(cluster: str, serial_store: list[str], tmp_path: Path) -> None:
    settings = Settings(store=tmp_path / "store")
    address = cluster.removeprefix("tcp://")
    with open_store(settings.store) as store:
        report = run_ingest([CORPUS], settings=settings, store=store, executor=f"dask://{address}")
        assert report.failed == []
        assert stable_quads(store) == serial_store
        again = run_ingest([CORPUS], settings=settings, store=store, executor=f"dask://{address}")
        assert {o.status for o in again.outcomes} == {"unchanged"}


def test_cli_executor_equals_the_serial_run(cluster: str, serial_store: list[str], tmp_path: Path) -> None:
    store_dir = tmp_path / "store"
    result = CliRunner().invoke(app, ["ingest", "--quiet", "--store", str(store_dir), "--executor",
                                      "dask://" + cluster.removeprefix("tcp://"), str(CORPUS)])
    assert result.exit_code == 0, result.output
    assert ", 0 failed;" in result.output
    with open_store(store_dir, read_only=True) as store:
        assert stable_quads(store) == serial_store


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def test_unreachable_scheduler_is_one_clear_error(tmp_path: Path) -> None:
    executor = f"dask://127.0.0.1:{_free_port()}?timeout=1"
    settings = Settings(store=tmp_path / "store")
    started = time.monotonic()
    with open_store(settings.store) as store, pytest.raises(ExecutorError, match="cannot reach the Dask scheduler"):
        run_ingest([CORPUS], settings=settings, store=store, executor=executor)
    assert time.monotonic() - started < 10
    result = CliRunner().invoke(app, ["ingest", "--store", str(tmp_path / "cli"), "--executor", executor,
                                      str(CORPUS)])
    assert result.exit_code == ExecutorError.exit_code
    assert result.output.startswith("error: cannot reach the Dask scheduler at tcp://127.0.0.1:")


def test_a_dask_worker_that_dies_fails_only_its_file(cluster: str, tmp_path: Path) -> None:
    folder = tmp_path / "docs"
    folder.mkdir()
    for i in range(4):
        (folder / f"{i:02d}-release.txt").write_text(
            f"Quillfeather Labs released Brisa-{i} 14B, a new open-weight model.\n", encoding="utf-8")
    (folder / "02-poison.txt").write_text(f"Brisa-9 was released. {KILL}\n", encoding="utf-8")
    settings = Settings(store=tmp_path / "store")
    with open_store(settings.store) as store:
        report = run_ingest([folder], settings=settings, store=store, executor="dask://" + cluster[6:])
    [failed] = report.failed
    assert failed.source.endswith("02-poison.txt")
    assert "worker process" in failed.error and "died" in failed.error
    assert [o.status for o in report.outcomes].count("added") == 4
