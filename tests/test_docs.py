"""Contract tests (style rule 17): settings, CLI commands, errors and the Quickstart stay in sync
with docs/settings.md, docs/cli.md, README.md, .ci/run and the kg.errors docstring.
"""

from __future__ import annotations

import inspect
import re
from pathlib import Path

import pytest
import typer

from kg import errors
from kg.settings import Settings
from llmkg.cli import app

REPO = Path(__file__).resolve().parents[1]
COMMANDS = sorted(typer.main.get_command(app).commands)  # type: ignore[attr-defined]
ERROR_CLASSES = [obj for _name, obj in inspect.getmembers(errors, inspect.isclass)
                 if issubclass(obj, errors.KGError) and obj.__module__ == errors.__name__]


def read(relative: str) -> str:
    return (REPO / relative).read_text(encoding="utf-8")


# --------------------------------------------------------------------------- settings


@pytest.mark.parametrize("field", sorted(Settings.model_fields))
def test_docs_every_setting_is_in_settings_md_with_its_variable(field: str) -> None:
    rows = [line for line in read("docs/settings.md").splitlines() if line.startswith("|")]
    assert any(f"`{field}`" in row and f"`LLMKG_{field.upper()}`" in row for row in rows)


@pytest.mark.parametrize("field", sorted(Settings.model_fields))
def test_docs_every_setting_default_is_in_settings_md(field: str) -> None:
    default = Settings.model_fields[field].default
    row = next(line for line in read("docs/settings.md").splitlines()
               if line.startswith(f"| `{field}` |"))
    assert str(default) in row.replace("`", "")


@pytest.mark.parametrize("documented", ["docs/settings.md"])
def test_docs_settings_md_names_no_unknown_setting(documented: str) -> None:
    names = re.findall(r"^\| `(\w+)` \|", read(documented), re.MULTILINE)
    assert set(names) == set(Settings.model_fields)


# --------------------------------------------------------------------------- CLI commands


@pytest.mark.parametrize("doc", ["docs/cli.md", "README.md"])
@pytest.mark.parametrize("command", COMMANDS)
def test_docs_every_cli_command_is_documented(command: str, doc: str) -> None:
    assert re.search(rf"`llmkg {command}\b", read(doc)), f"llmkg {command} not in {doc}"


@pytest.mark.parametrize("doc", ["docs/cli.md", "README.md"])
def test_docs_name_only_registered_cli_commands(doc: str) -> None:
    named = set(re.findall(r"(?:`|^)llmkg ([a-z][a-z-]*)", read(doc), re.MULTILINE))
    assert named - set(COMMANDS) == set()


# --------------------------------------------------------------------------- Quickstart, CI


def quickstart_commands() -> list[str]:
    """Non-comment lines of the first ```sh block after "## Quickstart", comments stripped."""
    text = read("README.md")
    section = text.split("\n## Quickstart", 1)[1]
    block = re.search(r"^```sh\n(.*?)^```", section, re.MULTILINE | re.DOTALL)
    assert block is not None
    lines = [line.split("#", 1)[0].strip() for line in block.group(1).splitlines()
             if line.strip() and not line.strip().startswith("#")]
    return lines


@pytest.mark.parametrize("expected", [["make demo", "make test"]])
def test_docs_quickstart_has_exactly_two_commands(expected: list[str]) -> None:
    assert quickstart_commands() == expected


@pytest.mark.parametrize("target", ["demo", "test"])
def test_docs_quickstart_make_targets_exist(target: str) -> None:
    assert re.search(rf"^{target}:", read("Makefile"), re.MULTILINE)


@pytest.mark.parametrize("command", ["make test"])
def test_docs_ci_runs_the_readme_test_command(command: str) -> None:
    lines = [line.strip() for line in read(".ci/run").splitlines()
             if line.strip() and not line.strip().startswith("#")]
    assert command in lines


# --------------------------------------------------------------------------- errors


def docstring_tree() -> dict[str, tuple[int, str | None]]:
    """The kg.errors docstring tree: class name -> (status, parent class name)."""
    assert errors.__doc__ is not None
    tree: dict[str, tuple[int, str | None]] = {}
    stack: list[tuple[int, str]] = []
    for line in errors.__doc__.splitlines():
        m = re.match(r"^(?P<indent>[\s│├└─]*?)(?P<name>[A-Z]\w*Error) \((?P<status>\d{3})\)",
                     line)
        if not m:
            continue
        depth = len(m["indent"])
        while stack and stack[-1][0] >= depth:
            stack.pop()
        tree[m["name"]] = (int(m["status"]), stack[-1][1] if stack else None)
        stack.append((depth, m["name"]))
    return tree


@pytest.mark.parametrize("cls", ERROR_CLASSES, ids=lambda c: c.__name__)
def test_docs_every_error_has_status_and_exit_code(cls: type[errors.KGError]) -> None:
    assert isinstance(cls.status, int) and 400 <= cls.status <= 599
    assert isinstance(cls.exit_code, int) and cls.exit_code != 0


@pytest.mark.parametrize("cls", ERROR_CLASSES, ids=lambda c: c.__name__)
def test_docs_every_error_is_in_the_docstring_tree_with_its_status(
        cls: type[errors.KGError]) -> None:
    tree = docstring_tree()
    assert cls.__name__ in tree
    assert tree[cls.__name__][0] == cls.status


@pytest.mark.parametrize("cls", ERROR_CLASSES, ids=lambda c: c.__name__)
def test_docs_docstring_tree_matches_the_class_hierarchy(cls: type[errors.KGError]) -> None:
    parent = cls.__bases__[0].__name__ if cls is not errors.KGError else None
    assert docstring_tree()[cls.__name__][1] == parent


@pytest.mark.parametrize("exported", [errors.__all__])
def test_docs_docstring_tree_names_exactly_the_error_classes(exported: list[str]) -> None:
    assert set(docstring_tree()) == {c.__name__ for c in ERROR_CLASSES} == set(exported)
