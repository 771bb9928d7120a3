"""Specs for the ``llmkg`` command (llmkg.cli), run in-process with typer's CliRunner.

The sample corpus is ingested once per module into a temporary store (``corpus_store``); the
tests that only read reuse it. Each error case must end with a non-zero exit code and exactly
one line ``error: ...`` on stderr, never a traceback (README, docs/cli.md).
"""

from __future__ import annotations

import csv
import io
import json
import re
import subprocess
import sys
import textwrap
import xml.etree.ElementTree as ET
from collections.abc import Callable, Iterator
from pathlib import Path

import networkx as nx
import pytest
import rdflib
from click.testing import Result
from typer.testing import CliRunner

from kg.stores import open_store
from llmkg.cli import app

REPO = Path(__file__).resolve().parents[1]
SCOUT = "https://w3id.org/llmkg/id/model/llama-4-scout"
MODELS = "SELECT ?m ?l WHERE { ?m a lk:Model ; rdfs:label ?l } ORDER BY ?l"
SUMMARY = re.compile(
    r"^(?P<docs>\d+) documents: (?P<added>\d+) added, (?P<replaced>\d+) replaced, "
    r"(?P<unchanged>\d+) unchanged, (?P<failed>\d+) failed; store .+ now holds (?P<stored>\d+) documents, "
    r"(?P<entities>\d+) entities, (?P<relations>\d+) relations, (?P<attributes>\d+) attributes, "
    r"(?P<results>\d+) results, (?P<claims>\d+) claims \((?P<quads>\d+) quads\)$", re.MULTILINE)

runner = CliRunner()


def invoke(*args: str) -> Result:
    """Run ``llmkg ARGS...`` in-process."""
    return runner.invoke(app, list(args))


def assert_one_error_line(result: Result) -> None:
    """A failed command: non-zero exit, one ``error:`` line on stderr, no traceback."""
    assert result.exit_code != 0, result.output
    lines = result.stderr.splitlines()
    assert len(lines) == 1, result.stderr
    assert lines[0].startswith("error:"), result.stderr
    assert "Traceback" not in result.output + result.stderr


@pytest.fixture(scope="module")
def corpus_ingest(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Result]:
    """Ingest examples/corpus (from the repository root) into a fresh store, once per module."""
    store_dir = tmp_path_factory.mktemp("cli") / "store"
    with pytest.MonkeyPatch.context() as mp:
        mp.chdir(REPO)
        result = invoke("ingest", "--store", str(store_dir), "examples/corpus")
    assert result.exit_code == 0, result.output
    return store_dir, result


@pytest.fixture(scope="module")
def corpus_store(corpus_ingest: tuple[Path, Result]) -> Path:
    """The directory of the store holding the sample corpus (closed: the CLI opens it)."""
    return corpus_ingest[0]


def quad_count(store_dir: Path) -> int:
    with open_store(store_dir) as kg_store:
        return len(kg_store)


# --------------------------------------------------------------------------- ingest


def test_cli_ingest_prints_summary_with_counts(corpus_ingest: tuple[Path, Result],
                                               corpus_sources: dict[str, str]) -> None:
    documents = len(corpus_sources)
    store_dir, result = corpus_ingest
    m = SUMMARY.search(result.stdout)
    assert m is not None, result.stdout
    assert int(m["docs"]) == int(m["added"]) == documents
    assert int(m["failed"]) == 0
    assert int(m["entities"]) > 0 and int(m["relations"]) > 0
    assert int(m["quads"]) == quad_count(store_dir)


def test_cli_ingest_summary_counts_are_the_stats_counts(corpus_ingest: tuple[Path, Result]) -> None:
    """One definition of each count (issue 17, item 4): the ingest summary says what `llmkg stats`
    says about the same store, and the analytics summary types its nodes the same way."""
    store_dir, result = corpus_ingest
    m = SUMMARY.search(result.stdout)
    assert m is not None, result.stdout
    stats = json.loads(invoke("stats", "--store", str(store_dir), "--json").stdout)
    assert (int(m["stored"]), int(m["entities"]), int(m["relations"]), int(m["attributes"]), int(m["results"]),
            int(m["claims"]), int(m["quads"])) == (
        stats["documents"], sum(stats["entities"].values()), stats["relations"], stats["attributes"],
        stats["results"], stats["claims"], stats["quads"])
    summary = json.loads(invoke("analytics", "summary", "--store", str(store_dir), "--json").stdout)
    for kind in ("Model", "ModelFamily", "Organization"):
        assert summary["nodes"][kind] == stats["entities"][kind], kind


def test_cli_ingest_again_reports_every_document_unchanged(corpus_store: Path,
                                                           corpus_sources: dict[str, str]) -> None:
    documents = len(corpus_sources)
    before = quad_count(corpus_store)
    with pytest.MonkeyPatch.context() as mp:
        mp.chdir(REPO)
        result = invoke("ingest", "--store", str(corpus_store), "examples/corpus")
    assert result.exit_code == 0, result.output
    statuses = [line.split()[0] for line in result.stdout.splitlines()
                if line.startswith(("added", "replaced", "unchanged", "failed"))]
    assert statuses == ["unchanged"] * documents
    m = SUMMARY.search(result.stdout)
    assert m is not None and int(m["unchanged"]) == documents
    assert quad_count(corpus_store) == before


# --------------------------------------------------------------------------- query


def _json_labels(out: str) -> list[str]:
    data = json.loads(out)
    assert data["head"]["vars"] == ["m", "l"]
    return [b["l"]["value"] for b in data["results"]["bindings"]]


def _csv_labels(out: str) -> list[str]:
    rows = list(csv.reader(io.StringIO(out)))
    assert rows[0] == ["m", "l"]
    return [r[1] for r in rows[1:] if r]


def _tsv_labels(out: str) -> list[str]:
    rows = [line.split("\t") for line in out.splitlines()]
    assert rows[0] == ["?m", "?l"]
    return [r[1].strip('"') for r in rows[1:] if len(r) == 2]


def _xml_labels(out: str) -> list[str]:
    ns = {"r": "http://www.w3.org/2005/sparql-results#"}
    root = ET.fromstring(out)
    assert [v.get("name") for v in root.findall("r:head/r:variable", ns)] == ["m", "l"]
    return [b.findtext("r:literal", namespaces=ns) or ""
            for b in root.findall("r:results/r:result/r:binding[@name='l']", ns)]


def _table_labels(out: str) -> list[str]:
    lines = out.splitlines()
    assert [c.strip() for c in lines[0].split("|")] == ["m", "l"]
    assert re.fullmatch(r"\(\d+ rows\)", lines[-1])
    return [line.split("|")[1].strip() for line in lines[2:-1]]


@pytest.mark.parametrize(("fmt", "labels"), [
    ("json", _json_labels), ("csv", _csv_labels), ("tsv", _tsv_labels), ("xml", _xml_labels),
    ("table", _table_labels)])
def test_cli_query_select_formats_parse_and_hold_llama_4_scout(
        corpus_store: Path, fmt: str, labels: Callable[[str], list[str]]) -> None:
    result = invoke("query", "--store", str(corpus_store), "--format", fmt, MODELS)
    assert result.exit_code == 0, result.output
    assert "Llama 4 Scout" in labels(result.stdout)


@pytest.mark.parametrize(("fmt", "rdflib_format"), [
    ("turtle", "turtle"), ("ntriples", "nt")])
def test_cli_query_construct_output_reparses_with_rdflib(corpus_store: Path, fmt: str,
                                                        rdflib_format: str) -> None:
    query = "CONSTRUCT { ?m rdfs:label ?l } WHERE { ?m a lk:Model ; rdfs:label ?l }"
    result = invoke("query", "--store", str(corpus_store), "--format", fmt, query)
    assert result.exit_code == 0, result.output
    graph = rdflib.Graph().parse(data=result.stdout, format=rdflib_format)
    assert (rdflib.URIRef(SCOUT), rdflib.RDFS.label, rdflib.Literal("Llama 4 Scout")) in graph


@pytest.mark.parametrize("fmt", ["csv"])
def test_cli_query_reads_query_from_at_file(corpus_store: Path, tmp_path: Path, fmt: str) -> None:
    rq = tmp_path / "models.rq"
    rq.write_text(MODELS, encoding="utf-8")
    result = invoke("query", "--store", str(corpus_store), "--format", fmt, f"@{rq}")
    assert result.exit_code == 0, result.output
    assert "Llama 4 Scout" in _csv_labels(result.stdout)


# --------------------------------------------------------------------------- errors


@pytest.mark.parametrize("args", [
    pytest.param(["query", "SELECT * WHERE { SERVICE <http://example.org/> { ?s ?p ?o } }"],
                 id="service"),
    pytest.param(["query", "@/nonexistent/query.rq"], id="missing-query-file"),
    pytest.param(["query", "--format", "bogus", MODELS], id="bad-query-format"),
    pytest.param(["query", "--format", "turtle", MODELS], id="format-unfit-for-select"),
    pytest.param(["lineage", "No Such Model 9000"], id="unknown-entity"),
    pytest.param(["lineage", "http://a> } ; DROP ALL ; <x"], id="bad-iri"),
    pytest.param(["lineage", "--depth", "0", "Llama 4 Scout"], id="bad-depth"),
    pytest.param(["search", "No Such Model 9000"], id="search-nothing"),
    pytest.param(["export", "--format", "bogus"], id="bad-export-format"),
])
def test_cli_error_is_one_line_on_stderr(corpus_store: Path, args: list[str]) -> None:
    result = invoke(args[0], "--store", str(corpus_store), *args[1:])
    assert_one_error_line(result)


@pytest.mark.parametrize("command", [
    ["stats"], ["validate"], ["query", MODELS], ["lineage", "Llama 4 Scout"],
    ["search", "Scout"], ["export", "--format", "turtle"]])
def test_cli_missing_store_is_one_error_line(tmp_path: Path, command: list[str]) -> None:
    result = invoke(command[0], "--store", str(tmp_path / "nope"), *command[1:])
    assert_one_error_line(result)


@pytest.mark.parametrize("command", [["stats"], ["query", MODELS]])
def test_cli_missing_store_is_not_created(tmp_path: Path, command: list[str]) -> None:
    invoke(command[0], "--store", str(tmp_path / "nope"), *command[1:])
    assert not (tmp_path / "nope").exists()


SUCCESSION = "SELECT ?p ?s WHERE { ?s ?p ?o FILTER(?p = lk:successorOf) } ORDER BY ?s LIMIT 3"


def test_cli_query_table_writes_iris_with_the_predeclared_prefixes(corpus_store: Path) -> None:
    result = invoke("query", "--store", str(corpus_store), SUCCESSION)
    assert result.exit_code == 0, result.output
    rows = [line.split(" | ") for line in result.stdout.splitlines()[2:-1]]
    assert rows and {r[0].strip() for r in rows} == {"lk:successorOf"}


def test_cli_query_table_keeps_the_select_column_order(corpus_store: Path) -> None:
    result = invoke("query", "--store", str(corpus_store), SUCCESSION)
    assert [c.strip() for c in result.stdout.splitlines()[0].split("|")] == ["p", "s"]


@pytest.mark.parametrize(("args", "longest"), [(["--width", "20"], 20), (["--no-truncate"], None)])
def test_cli_query_table_width(corpus_store: Path, args: list[str], longest: int | None) -> None:
    result = invoke("query", "--store", str(corpus_store), *args, SUCCESSION)
    assert result.exit_code == 0, result.output
    cells = [c.strip() for line in result.stdout.splitlines()[2:-1] for c in line.split(" | ")]
    iris = [c for c in cells if c.startswith("https://")]
    if longest is None:  # whole IRIs
        assert iris and all(not c.endswith("…") for c in iris)
    else:
        assert cells and all(len(c) <= longest for c in cells) and any(c.endswith("…") for c in cells)


def test_cli_query_unknown_prefix_is_one_clear_line(corpus_store: Path) -> None:
    result = invoke("query", "--store", str(corpus_store), "SELECT ?s WHERE { ?s foo:bar ?o }")
    assert_one_error_line(result)
    assert "unknown prefix foo:" in result.stderr and "lk:" in result.stderr
    assert "\\u{" not in result.stderr and len(result.stderr) < 300


BAD_SPARQL = ["SELECT * WHERE {"]


@pytest.mark.parametrize("query", BAD_SPARQL)
def test_cli_bad_sparql_exits_2_with_error_line(corpus_store: Path, query: str) -> None:
    result = invoke("query", "--store", str(corpus_store), query)
    assert result.exit_code == 2
    assert result.stderr.startswith("error: SPARQL syntax error")
    assert "Traceback" not in result.output + result.stderr


@pytest.mark.parametrize("query", BAD_SPARQL)
def test_cli_bad_sparql_error_is_one_line(corpus_store: Path, query: str) -> None:
    result = invoke("query", "--store", str(corpus_store), query)
    assert_one_error_line(result)


def _bad_file(tmp_path: Path, kind: str) -> Path:
    files = {
        "unsupported": ("notes.toml", b"title = 'Meta released Llama 4.'\n"),
        "binary": ("blob.txt", b"\x00\x01\x02" * 100),
        "empty": ("empty.txt", b"   \n"),
        "bad-front-matter": ("card.md", b"---\nkey: [unclosed\n---\nMeta released Llama 4.\n"),
    }
    if kind == "missing":
        return tmp_path / "missing.txt"
    name, data = files[kind]
    path = tmp_path / name
    path.write_bytes(data)
    return path


BAD_FILES = ["unsupported", "binary", "empty", "missing"]


@pytest.mark.parametrize("kind", BAD_FILES)
def test_cli_ingest_bad_file_fails_with_one_stderr_line(tmp_path: Path, kind: str) -> None:
    result = invoke("ingest", "--store", str(tmp_path / "store"), str(_bad_file(tmp_path, kind)))
    assert result.exit_code != 0, result.output
    assert len(result.stderr.splitlines()) == 1, result.stderr
    assert "Traceback" not in result.output + result.stderr


@pytest.mark.parametrize("kind", ["bad-front-matter"])
def test_cli_ingest_bad_front_matter_fails_with_one_stderr_line(tmp_path: Path,
                                                                kind: str) -> None:
    result = invoke("ingest", "--store", str(tmp_path / "store"), str(_bad_file(tmp_path, kind)))
    assert result.exit_code != 0, result.output
    assert len(result.stderr.splitlines()) == 1, result.stderr


@pytest.mark.parametrize("kind", BAD_FILES)
def test_cli_ingest_bad_file_error_line_starts_with_error(tmp_path: Path, kind: str) -> None:
    result = invoke("ingest", "--store", str(tmp_path / "store"), str(_bad_file(tmp_path, kind)))
    assert_one_error_line(result)


LOCK_HOLDER = textwrap.dedent("""
    import sys, time
    from pathlib import Path
    from kg.stores import open_store
    held = open_store(Path(sys.argv[1]))
    print("opened", flush=True)
    time.sleep(60)
""")


@pytest.fixture
def locked_store(tmp_path: Path) -> Iterator[Path]:
    """A store directory held open (and locked) by another process until the test ends."""
    path = tmp_path / "locked"
    child = subprocess.Popen([sys.executable, "-c", LOCK_HOLDER, str(path)], cwd=tmp_path,
                             stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        assert child.stdout is not None
        line = child.stdout.readline()
        assert line.strip() == "opened", line + (child.stderr.read() if child.stderr else "")
        yield path
    finally:
        child.kill()
        child.communicate(timeout=30)


@pytest.mark.parametrize("expected", ["in use"])
def test_cli_write_to_a_locked_store_is_one_error_line(locked_store: Path, tmp_path: Path, expected: str) -> None:
    doc = tmp_path / "doc.md"
    doc.write_text("Corvid Labs released Kestrel-9.\n")
    result = invoke("ingest", "--store", str(locked_store), str(doc))
    assert_one_error_line(result)
    assert expected in result.stderr


def test_cli_read_of_a_locked_store_answers(locked_store: Path) -> None:
    """A read-only command opens the store without its lock (issue 17, item 2)."""
    result = invoke("stats", "--store", str(locked_store), "--json")
    assert result.exit_code == 0, result.output
    assert "documents" in json.loads(result.stdout)


# --------------------------------------------------------------------------- lineage, search


@pytest.mark.parametrize("name", ["Llama 4 Behemoth", "Llama 4", "Llama 3"])
def test_cli_lineage_of_scout_prints_ancestor(corpus_store: Path, name: str) -> None:
    result = invoke("lineage", "--store", str(corpus_store), "Llama 4 Scout")
    assert result.exit_code == 0, result.output
    assert re.search(rf"→ {re.escape(name)}$", result.stdout, re.MULTILINE), result.stdout


def test_cli_unknown_entity_hint_names_the_search_command(corpus_store: Path) -> None:
    result = invoke("lineage", "--store", str(corpus_store), "Kestrel Nine")
    assert_one_error_line(result)
    assert "try `llmkg search 'Kestrel Nine'`" in result.stderr


def test_cli_lineage_draws_a_shared_ancestor_chain_once(corpus_store: Path) -> None:
    """Scout reaches Llama 4 through Behemoth and directly: Llama 4's own lineage is drawn once, the
    second edge to it is marked (issue 17, item 7)."""
    result = invoke("lineage", "--store", str(corpus_store), "Llama 4 Scout")
    assert result.exit_code == 0, result.output
    edges = [line for line in result.stdout.splitlines() if "source:" not in line]
    assert sum("successorOf → Llama 3" in line for line in edges) == 1, result.stdout
    assert sum(re.search(r"memberOfFamily → Llama 4(  \(lineage above\))?$", line) is not None
               for line in edges) == 2, result.stdout
    assert any(line.endswith("→ Llama 4  (lineage above)") for line in edges), result.stdout


@pytest.mark.parametrize("name", ["Llama 4 Scout"])
def test_cli_lineage_prints_source_lines(corpus_store: Path, name: str) -> None:
    result = invoke("lineage", "--store", str(corpus_store), name)
    assert result.exit_code == 0, result.output
    assert re.search(r"^\s*│?\s*source: .+\(examples/corpus/04-llama-4-release\.md\): \"",
                     result.stdout, re.MULTILINE), result.stdout


@pytest.mark.parametrize("name", ["Llama 4 Scout"])
def test_cli_lineage_tree_lines_are_all_indented(corpus_store: Path, name: str) -> None:
    result = invoke("lineage", "--store", str(corpus_store), name)
    body = result.stdout.splitlines()[1:]
    assert all(line.startswith(("  ", "ancestors:", "descendants:")) for line in body), body


@pytest.mark.parametrize(("name", "relation", "target"), [
    ("Llama 4 Scout", "distilledFrom", "Llama 4 Behemoth")])
def test_cli_lineage_json_parses(corpus_store: Path, name: str, relation: str,
                                 target: str) -> None:
    result = invoke("lineage", "--store", str(corpus_store), "--json", name)
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert data["root"]["label"] == name
    assert (relation, target) in [(e["relation"], e["object"]["label"])
                                  for e in data["ancestors"]]


def _search_labels(out: str) -> list[str]:
    return [re.split(r"\s{2,}", line)[0] for line in out.splitlines()]


@pytest.mark.parametrize(("name", "label"), [
    ("Maverick", "Llama 4 Maverick"),       # a part of a name
    ("llama 4", "Llama 4 Scout"),            # case and spacing
    ("distill", "DeepSeek-R1-Distill-Qwen-32B"),  # a word inside a name
    ("gpt 4o", "GPT-4o mini"),               # letters and digits only: "gpt 4o" finds "GPT-4o mini"
])
def test_cli_search_finds_entity_by_part_of_its_name(corpus_store: Path, name: str, label: str) -> None:
    result = invoke("search", "--store", str(corpus_store), name)
    assert result.exit_code == 0, result.output
    assert label in _search_labels(result.stdout)


def test_cli_search_ranks_the_exact_name_first(corpus_store: Path) -> None:
    result = invoke("search", "--store", str(corpus_store), "Llama 4")
    assert _search_labels(result.stdout)[0] == "Llama 4"


def test_cli_search_json_is_the_api_page(corpus_store: Path) -> None:
    from kg.lookups import search_entities

    result = invoke("search", "--store", str(corpus_store), "llama", "--json", "--limit", "5")
    with open_store(corpus_store, read_only=True) as kg:
        expected = search_entities(kg, "llama", limit=5).to_dict()
    assert json.loads(result.stdout) == json.loads(json.dumps(expected))
    assert len(expected["items"]) == 5 and expected["total"] > 5


@pytest.mark.parametrize(("kind", "name"), [("Organization", "Meta"), ("ModelFamily", "Llama 4")])
def test_cli_search_keeps_the_type_asked_for(corpus_store: Path, kind: str, name: str) -> None:
    result = invoke("search", "--store", str(corpus_store), name, "--type", kind)
    assert result.exit_code == 0, result.output
    rows = [re.split(r"\s{2,}", line) for line in result.stdout.splitlines()]
    assert rows and all(kind in row[1].split(",") for row in rows)


@pytest.mark.parametrize(("query", "hint"), [("Mavrick", "Llama 4 Maverick"), ("zzqxw", "try a shorter part")])
def test_cli_search_nothing_found_gives_a_hint(corpus_store: Path, query: str, hint: str) -> None:
    result = invoke("search", "--store", str(corpus_store), query)
    assert_one_error_line(result)
    assert result.exit_code == 3
    assert hint in result.stderr


# --------------------------------------------------------------------------- export, validate


@pytest.mark.parametrize(("fmt", "reader"), [("graphml", nx.read_graphml),
                                             ("gexf", nx.read_gexf)])
def test_cli_export_writes_file_networkx_reads(corpus_store: Path, tmp_path: Path, fmt: str,
                                               reader: Callable[[Path], nx.Graph]) -> None:
    out = tmp_path / f"graph.{fmt}"
    result = invoke("export", "--store", str(corpus_store), "--format", fmt, "-o", str(out))
    assert result.exit_code == 0, result.output
    graph = reader(out)
    assert SCOUT in graph.nodes


@pytest.mark.parametrize("fmt", ["turtle"])
def test_cli_export_to_stdout_reparses(corpus_store: Path, fmt: str) -> None:
    result = invoke("export", "--store", str(corpus_store), "--format", fmt)
    assert result.exit_code == 0, result.output
    graph = rdflib.Graph().parse(data=result.stdout, format=fmt)
    assert (rdflib.URIRef(SCOUT), rdflib.RDFS.label, rdflib.Literal("Llama 4 Scout")) in graph


@pytest.mark.parametrize("word", ["conforms"])
def test_cli_validate_corpus_store_conforms(corpus_store: Path, word: str) -> None:
    result = invoke("validate", "--store", str(corpus_store))
    assert result.exit_code == 0, result.output
    assert result.stdout.startswith(word)


# --------------------------------------------------------------------------- stats, eval


@pytest.mark.parametrize("key", ["documents"])
def test_cli_stats_json_counts(corpus_store: Path, corpus_sources: dict[str, str], key: str) -> None:
    value = len(corpus_sources)
    result = invoke("stats", "--store", str(corpus_store), "--json")
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout)[key] == value


@pytest.fixture(scope="module")
def eval_json() -> dict:
    """``llmkg eval tests/gold/corpus examples/corpus --json``, parsed (run from the repo root)."""
    with pytest.MonkeyPatch.context() as mp:
        mp.chdir(REPO)
        result = invoke("eval", "tests/gold/corpus", "examples/corpus", "--json")
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)


@pytest.mark.parametrize("category", ["entities", "relations", "attributes", "results", "claims"])
def test_cli_eval_json_scores_category(eval_json: dict, category: str) -> None:
    scores = eval_json["scores"][category]
    for key in ("precision", "recall", "f1"):
        assert 0.0 <= scores[key] <= 1.0


@pytest.mark.parametrize("categories", [{"entities", "relations", "attributes", "results",
                                         "claims"}])
def test_cli_eval_json_has_exactly_the_five_categories(eval_json: dict,
                                                       categories: set[str]) -> None:
    assert set(eval_json["scores"]) == categories


@pytest.mark.parametrize("category", ["entities", "relations", "attributes", "claims"])
def test_cli_eval_json_kinds_add_up_to_the_category(eval_json: dict, category: str) -> None:
    """Per-kind counts (entity type, predicate, property, stance) partition the category's."""
    scores = eval_json["scores"][category]
    assert scores["kinds"], category
    for key in ("tp", "fp", "fn"):
        assert sum(k[key] for k in scores["kinds"].values()) == scores[key]


def test_cli_eval_kinds_prints_a_row_per_predicate() -> None:
    with pytest.MonkeyPatch.context() as mp:
        mp.chdir(REPO)
        result = invoke("eval", "tests/gold/corpus", "examples/corpus/04-llama-4-release.md",
                        "--kinds")
    assert result.exit_code == 0, result.output
    rows = {line.split()[0] for line in result.stdout.splitlines() if line.startswith("  ")}
    assert {"developedBy", "memberOfFamily", "Model", "Organization"} <= rows


# --------------------------------------------------------------------------- read

READ_CARD = textwrap.dedent("""\
    ---
    license: mit
    ---
    # Brisa-3-7B

    Brisa-3-7B is a **7B** model by [Quillfeather Labs](https://example.org/quill).

    | Benchmark | Brisa-3-7B |
    |:--|--:|
    | **GlimmerQA** | <u>61.0</u> |
    """)


@pytest.fixture
def read_card(tmp_path: Path) -> Path:
    path = tmp_path / "brisa.md"
    path.write_text(READ_CARD, encoding="utf-8")
    return path


def test_cli_read_prints_only_the_normalised_text(read_card: Path) -> None:
    result = invoke("read", str(read_card))
    assert result.exit_code == 0, result.output
    assert result.stdout == ("Brisa-3-7B\n\nBrisa-3-7B is a 7B model by Quillfeather Labs.\n\n"
                             "| Benchmark | Brisa-3-7B |\n| --- | --- |\n| GlimmerQA | 61.0 |\n")


def test_cli_read_tables_adds_the_records(read_card: Path) -> None:
    result = invoke("read", "--tables", str(read_card))
    assert result.exit_code == 0, result.output
    tail = result.stdout.split("-- 1 table --\n", 1)[1].splitlines()
    assert tail[0].startswith("1. table (pipe, 2 columns, 1 header row, 1 body row) at ")
    assert tail[1:] == ["  columns: Benchmark | Brisa-3-7B", "  row 1: GlimmerQA | 61.0"]


@pytest.mark.parametrize("key", ["text", "blocks", "tables", "links", "code", "offsets"])
def test_cli_read_json_has_every_part(read_card: Path, key: str) -> None:
    result = invoke("read", "--json", str(read_card))
    assert result.exit_code == 0, result.output
    [doc] = json.loads(result.stdout)
    assert doc["source"] == str(read_card) and key in doc


def test_cli_read_json_offsets_index_the_printed_text(read_card: Path) -> None:
    [doc] = json.loads(invoke("read", "--json", str(read_card)).stdout)
    [table] = doc["tables"]
    cell = table["body"][0][1]
    assert doc["text"][cell["start"]:cell["end"]] == cell["text"] == "61.0"
    [link] = doc["links"]
    assert doc["text"][link["start"]:link["end"]] == "Quillfeather Labs"


def test_cli_read_several_files_names_each(read_card: Path, tmp_path: Path) -> None:
    other = tmp_path / "corra.txt"
    other.write_text("Corra-2 is out.\n", encoding="utf-8")
    result = invoke("read", str(read_card), str(other))
    assert result.exit_code == 0, result.output
    assert f"==> {read_card} <==" in result.stdout and result.stdout.rstrip().endswith(
        f"==> {other} <==\nCorra-2 is out.")


def test_cli_read_html_goes_through_the_html_loader(tmp_path: Path) -> None:
    page = tmp_path / "page.html"
    page.write_text("<html><head><title>Brisa-3 is out</title></head><body><nav>Home | News</nav>"
                    "<article><h1>Brisa-3 is out</h1><p>Quillfeather Labs released <b>Brisa-3</b> "
                    "today, a 7B model that scores 61.0 on GlimmerQA.</p></article></body></html>",
                    encoding="utf-8")
    result = invoke("read", str(page))
    assert result.exit_code == 0, result.output
    assert "Quillfeather Labs released Brisa-3 today" in result.stdout
    assert "<" not in result.stdout


def test_cli_read_writes_no_store(read_card: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    assert invoke("read", str(read_card)).exit_code == 0
    assert not (tmp_path / ".llmkg").exists()


@pytest.mark.parametrize("kind", ["missing", "binary"])
def test_cli_read_bad_file_is_one_error_line(tmp_path: Path, kind: str) -> None:
    path = tmp_path / "bad.txt"
    if kind == "binary":
        path.write_bytes(b"\x00\x01\x02" * 100)
    assert_one_error_line(invoke("read", str(path)))
