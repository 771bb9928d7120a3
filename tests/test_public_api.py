"""Specs for the public surface of the packages (style rule 15) and for side-effect-free imports.

Each package ``__init__`` lists its public names in a sorted ``__all__``: plain ``sorted()``
order, or the isort-style order ruff's RUF022 uses (CONSTANTS, then Classes, then functions).
A name counts as *defined* in an ``__init__`` when it is assigned, defined with ``def``/
``class``, or re-exported from one of the package's own modules (``from .x import y``);
imports from elsewhere (``Path``, ``Final``) are implementation details.
"""

from __future__ import annotations

import ast
import importlib
import json
import os
import subprocess
import sys
import textwrap
from pathlib import Path
from typing import Any

import pytest

REPO = Path(__file__).resolve().parents[1]
PACKAGES = ["kg", "ingest", "ontology"]


def _isort_key(name: str) -> tuple[int, str]:
    kind = 0 if name.isupper() else 1 if name[:1].isupper() else 2
    return kind, name


def _defined_names(package: str) -> set[str]:
    """Public names an ``__init__`` assigns, defines or re-exports from its own modules."""
    path = REPO / package / "__init__.py"
    tree = ast.parse(path.read_text(encoding="utf-8"))
    names: set[str] = set()
    for node in tree.body:
        if isinstance(node, ast.ImportFrom) and node.level > 0:
            names.update(a.asname or a.name for a in node.names)
        elif isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
            names.add(node.name)
        elif isinstance(node, ast.Assign):
            names.update(t.id for t in node.targets if isinstance(t, ast.Name))
        elif isinstance(node, ast.AnnAssign) and isinstance(node.target, ast.Name):
            names.add(node.target.id)
    return {n for n in names if not n.startswith("_")}


@pytest.mark.parametrize("package", PACKAGES)
def test_public_api_all_is_sorted(package: str) -> None:
    names = list(importlib.import_module(package).__all__)
    assert names in (sorted(names), sorted(names, key=_isort_key))


@pytest.mark.parametrize("package", PACKAGES)
def test_public_api_all_has_no_duplicates(package: str) -> None:
    names = list(importlib.import_module(package).__all__)
    assert len(names) == len(set(names))


@pytest.mark.parametrize("package", PACKAGES)
def test_public_api_every_name_in_all_exists(package: str) -> None:
    module = importlib.import_module(package)
    missing = [n for n in module.__all__ if not hasattr(module, n)]
    assert missing == []


@pytest.mark.parametrize("package", PACKAGES)
def test_public_api_every_public_name_is_in_all(package: str) -> None:
    module = importlib.import_module(package)
    assert _defined_names(package) - set(module.__all__) == set()


# --------------------------------------------------------------------------- import side effects


IMPORT_PROBE = textwrap.dedent("""
    import json, os, sys
    before = sorted(os.listdir("."))
    import kg, ingest, ontology, api
    import ingest.components as components
    from spacy.language import Language
    print(json.dumps({
        "new_entries": sorted(set(os.listdir(".")) - set(before)),
        "factory_registered": Language.has_factory("llmkg_entities_v1"),
        "components_registered": components._registered,
        "spacy_pipelines_loaded": [m for m in sys.modules if m.startswith("en_core_web")],
    }))
""")


@pytest.fixture(scope="module")
def fresh_import(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    """What importing kg, ingest, ontology and api did, in a fresh interpreter in an empty cwd."""
    cwd = tmp_path_factory.mktemp("import-probe")
    env_clean = {k: v for k, v in os.environ.items() if not k.startswith("LLMKG_")}
    done = subprocess.run([sys.executable, "-c", IMPORT_PROBE], cwd=cwd, capture_output=True,
                          text=True, timeout=120, env=env_clean)
    assert done.returncode == 0, done.stderr
    result = json.loads(done.stdout.strip().splitlines()[-1])
    result["cwd_entries"] = sorted(p.name for p in cwd.iterdir())
    return result


@pytest.mark.parametrize("key", ["new_entries", "cwd_entries"])
def test_public_api_import_creates_no_store_in_cwd(fresh_import: dict[str, Any], key: str) -> None:
    assert fresh_import[key] == []


@pytest.mark.parametrize("key", ["factory_registered"])
def test_public_api_import_registers_no_spacy_factory(fresh_import: dict[str, Any],
                                                      key: str) -> None:
    assert fresh_import[key] is False


@pytest.mark.parametrize("key", ["components_registered"])
def test_public_api_import_builds_no_pipeline(fresh_import: dict[str, Any], key: str) -> None:
    assert fresh_import[key] is False


@pytest.mark.parametrize("key", ["spacy_pipelines_loaded"])
def test_public_api_import_loads_no_spacy_model(fresh_import: dict[str, Any], key: str) -> None:
    assert fresh_import[key] == []
