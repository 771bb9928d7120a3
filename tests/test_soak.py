"""A short soak run (bench/soak.py) in the test suite: several loopback clients mixing queries,
lookups, exports and ingests against a real ``llmkg serve``, then the store compared with a
serial build of the same inputs. The long run and its memory figures are in docs/hardening.md;
here only correctness counts (zero failed requests, the same quads), so the memory bound is off.
"""

from __future__ import annotations

import json
import subprocess
import sys

from conftest import REPO


def test_soak_short_run_has_no_errors_and_ends_in_the_expected_store() -> None:
    proc = subprocess.run([sys.executable, str(REPO / "bench" / "soak.py"), "--seconds", "15", "--clients", "3",
                           "--growth-mb", "1e9", "--json"],
                          capture_output=True, text=True, timeout=300, cwd=REPO, check=False)
    assert proc.returncode == 0, proc.stdout[-3000:] + proc.stderr[-3000:]
    figures = json.loads(proc.stdout.strip().splitlines()[-1])
    assert figures["errors"] == 0
    assert figures["match"] is True
    assert figures["requests"] > 100, figures
    assert figures["quads"] > 50_000, figures  # the corpus and the clients' documents
