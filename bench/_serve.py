"""``llmkg serve`` on a loopback port for a benchmark: started, waited for, stopped."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import httpx

__all__ = ["serve"]


@contextmanager
def serve(store: Path, *, env: dict[str, str] | None = None, workers: int = 1,
          startup_s: float = 60.0) -> Iterator[tuple[subprocess.Popen[bytes], str]]:
    """Run ``llmkg serve --store STORE`` on a free loopback port until the block ends.

    Yields the process and its base URL once ``/health`` answers 200. ``env`` is added to this
    process's environment. The server gets SIGTERM on the way out (a no-op if the block already
    stopped it), and SIGKILL if it is still there 30 s later.

    Raises:
        SystemExit: the server exited or did not answer within ``startup_s``.
    """
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    llmkg = Path(sys.executable).with_name("llmkg")
    server = subprocess.Popen([str(llmkg), "serve", "--store", str(store), "--host", "127.0.0.1",
                               "--port", str(port), "--log-level", "warning", "--workers", str(workers)],
                              env={**os.environ, **(env or {})})
    url = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + startup_s
        while True:
            try:
                if httpx.get(url + "/health", timeout=2).status_code == 200:
                    break
            except httpx.TransportError:
                pass
            if server.poll() is not None or time.monotonic() > deadline:
                raise SystemExit("llmkg serve did not come up")
            time.sleep(0.1)
        yield server, url
    finally:
        if server.poll() is None:
            server.terminate()
        try:
            server.wait(30)
        except subprocess.TimeoutExpired:
            server.kill()
            server.wait()
