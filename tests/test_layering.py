"""Imports run one way (issue 17, house-keeping): ``kg`` (the graph) imports neither ``ingest`` nor
the shells; ``ingest`` imports ``kg`` but not the shells; the shells (``llmkg`` the command, ``api``
the service) sit above both. Within ``kg`` and ``ingest`` no two modules import each other, even
lazily inside a function (a lazy import was how two circles were hidden)."""

from __future__ import annotations

import ast
from pathlib import Path

import networkx as nx
import pytest

REPO = Path(__file__).resolve().parents[1]
PACKAGES = ("kg", "ingest", "api", "llmkg", "ontology")


def _module(path: Path) -> str:
    parts = list(path.relative_to(REPO).with_suffix("").parts)
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def _imports(path: Path) -> set[str]:
    """Every module ``path`` imports, at the top or inside a function (not under TYPE_CHECKING)."""
    name = _module(path)
    package = name if path.name == "__init__.py" else name.rsplit(".", 1)[0]
    tree = ast.parse(path.read_text(encoding="utf-8"))
    typing_only = {id(n) for node in ast.walk(tree) if isinstance(node, ast.If)
                   and "TYPE_CHECKING" in ast.unparse(node.test) for n in ast.walk(node)}
    out: set[str] = set()
    for node in ast.walk(tree):
        if id(node) in typing_only:
            continue
        if isinstance(node, ast.Import):
            out |= {a.name for a in node.names}
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = package.split(".")[: len(package.split(".")) - node.level + 1]
                mod = ".".join(base + ([node.module] if node.module else []))
            else:
                mod = node.module or ""
            out.add(mod)
            out |= {f"{mod}.{a.name}" for a in node.names}  # "from . import x" names a module
    return {m for m in out if m.split(".")[0] in PACKAGES}


@pytest.fixture(scope="module")
def graph() -> nx.DiGraph:
    modules = {_module(p): p for pkg in PACKAGES for p in (REPO / pkg).rglob("*.py")}
    g = nx.DiGraph()
    for name, path in modules.items():
        g.add_node(name)
        for target in _imports(path):
            while target and target not in modules:
                target = target.rpartition(".")[0]
            if target and target != name:
                g.add_edge(name, target)
    return g


@pytest.mark.parametrize(("low", "high"), [("kg", "ingest"), ("kg", "api"), ("kg", "llmkg"),
                                           ("ingest", "api"), ("ingest", "llmkg"), ("api", "llmkg")])
def test_a_lower_layer_never_imports_a_higher_one(graph: nx.DiGraph, low: str, high: str) -> None:
    upward = [(a, b) for a, b in graph.edges if a.split(".")[0] == low and b.split(".")[0] == high]
    assert upward == []


@pytest.mark.parametrize("package", ["kg", "ingest"])
def test_no_two_modules_of_a_package_import_each_other(graph: nx.DiGraph, package: str) -> None:
    inner = graph.subgraph(n for n in graph if n.split(".")[0] == package)
    # (a module importing its package's __init__ is not counted: that is how a package is assembled)
    edges = [(a, b) for a, b in inner.edges if b != package]
    circles = [c for c in nx.simple_cycles(nx.DiGraph(edges)) if len(c) > 1]
    assert circles == []
