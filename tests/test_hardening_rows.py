"""docs/hardening.md covers every row of the bad-input checklist, and every test it names exists
and names its row.

The checklist (the project's design notes, outside this repository) has the sections A, S, L, I,
T and E with the row counts below. Each row of docs/hardening.md is either backticked test ids
(``tests/file.py::test_<row>_...``) or ``not applicable: <reason>``.
"""

from __future__ import annotations

import ast
import re
from functools import cache
from pathlib import Path

import pytest
from conftest import REPO

HARDENING = REPO / "docs" / "hardening.md"
#: rows per section of the checklist
SECTIONS = {"A": 13, "S": 14, "L": 3, "I": 18, "T": 10, "E": 5}
EXPECTED = [f"{section}{n}" for section, count in SECTIONS.items() for n in range(1, count + 1)]
_ROW = re.compile(r"^\| ([ASLITE]\d+) \| (.+) \| (.+) \| (.+) \|$")
_TEST_ID = re.compile(r"`(tests/[\w/]+\.py)::(test_\w+)`")


def _rows() -> dict[str, tuple[str, str, str]]:
    rows: dict[str, tuple[str, str, str]] = {}
    for line in HARDENING.read_text(encoding="utf-8").splitlines():
        m = _ROW.match(line)
        if m:
            assert m.group(1) not in rows, f"row {m.group(1)} appears twice"
            rows[m.group(1)] = (m.group(2), m.group(3), m.group(4))
    return rows


@cache
def _test_names(path: Path) -> frozenset[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    return frozenset(node.name for node in tree.body
                     if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef) and node.name.startswith("test_"))


def test_every_checklist_row_is_in_the_docs_once_and_in_order() -> None:
    assert list(_rows()) == EXPECTED


@pytest.mark.parametrize("row", EXPECTED)
def test_row_says_what_llmkg_does_and_names_existing_tests(row: str) -> None:
    case, what, tests = _rows()[row]
    assert "TBD" not in what and "TBD" not in tests, f"{row} is not filled in"
    assert len(what) > 30, f"{row}: say what llmkg does"
    if tests.startswith("not applicable:"):
        assert len(tests) > len("not applicable: ") + 20, f"{row}: give the reason"
        return
    ids = _TEST_ID.findall(tests)
    assert ids, f"{row}: name the tests, as `tests/file.py::test_name`"
    assert len(ids) == tests.count("::"), f"{row}: a test id is not in the form `tests/file.py::test_name`"
    names_row = re.compile(rf"^test_(?:[a-z]\d+_)*{row.lower()}_")
    for file, name in ids:
        path = REPO / file
        assert path.is_file(), f"{row}: {file} does not exist"
        assert name in _test_names(path), f"{row}: {file} has no test {name}"
        assert names_row.match(name), f"{row}: {name} does not name its row"


def test_every_row_test_in_the_hardening_files_is_listed() -> None:
    """No test named after a row is left out of the docs (a test file's row tests all count)."""
    listed = {name for _case, _what, tests in _rows().values() for _f, name in _TEST_ID.findall(tests)}
    files = {REPO / f for _c, _w, tests in _rows().values() for f, _n in _TEST_ID.findall(tests)}
    row_test = re.compile(r"^test_(?:[asltie]\d+_)+")
    missing = sorted(name for path in files for name in _test_names(path)
                     if row_test.match(name) and name not in listed)
    assert not missing, f"row tests not named in docs/hardening.md: {missing}"
