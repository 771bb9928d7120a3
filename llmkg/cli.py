"""The ``llmkg`` command: a thin typer shell over the libraries ``kg`` and ``ingest``.

Each command parses options, calls one library function and formats its output. Every
:class:`~kg.errors.KGError` becomes one line ``error: ...`` on stderr and a non-zero exit.
"""

from __future__ import annotations

import json
import shlex
import sys
from collections.abc import Callable
from functools import wraps
from pathlib import Path
from typing import Annotated, Any, TypeVar

import typer

from kg.errors import InvalidInputError, KGError, NotFoundError
from kg.settings import Settings

__all__ = ["app", "main"]

app = typer.Typer(help="llmkg: a knowledge graph of the LLM release ecosystem.",
                  no_args_is_help=True, add_completion=False)

F = TypeVar("F", bound=Callable[..., Any])

StoreOpt = Annotated[str | None, typer.Option(
    "--store", help="Store directory, or a SPARQL server's query endpoint URL (http://...; see "
                    "docs/remote-store.md) (default: $LLMKG_STORE or .llmkg/store).")]


def _settings(store: Path | str | None) -> Settings:
    return Settings(store=store) if store is not None else Settings()


def _errors(fn: F) -> F:
    @wraps(fn)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        try:
            return fn(*args, **kwargs)
        except KGError as e:
            hint = ""
            if isinstance(e, NotFoundError) and e.searched:
                hint = f" (try `llmkg search {shlex.quote(e.searched)}`)"
            typer.echo(f"error: {_one_line(e.message)}{hint}", err=True)
            raise typer.Exit(e.exit_code) from None
        except (typer.Exit, typer.Abort, KeyboardInterrupt):
            raise
        except BrokenPipeError:
            # the reader went away (``llmkg claims | head``): stop quietly, like other Unix tools
            import os
            import sys

            os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
            raise typer.Exit(0) from None
        except Exception as e:  # noqa: BLE001 - the CLI edge: one line, never a traceback
            typer.echo(f"internal error: {type(e).__name__}: {_one_line(str(e))} (please report it)",
                       err=True)
            raise typer.Exit(70) from None
    return wrapper  # type: ignore[return-value]


def _print_counts(data: dict[str, Any], *, as_json: bool) -> None:
    """Print a dict of counts (one level of nesting) as JSON or as aligned lines."""
    if as_json:
        typer.echo(json.dumps(data, indent=2))
        return
    for key, value in data.items():
        if isinstance(value, dict):
            typer.echo(f"{key}:")
            for k, v in value.items():
                typer.echo(f"  {k:20} {v}")
        else:
            typer.echo(f"{key:22} {value}")


def _one_line(message: str) -> str:
    return " ".join(message.split())


def _open(settings: Settings, *, must_exist: bool = True, read_only: bool = False) -> Any:
    """Open the store of the settings.

    ``read_only`` is for the commands that only read (query, search, lineage, claims, stats,
    export, analytics, validate): an embedded store is then opened without its lock, as a
    consistent view of what was committed when it was opened, so they work while ``llmkg serve``
    or an ingest holds the store. Writes open it with the lock and fail fast when another
    process holds it.
    """
    from kg.errors import StoreError
    from kg.stores import open_store

    if isinstance(settings.store, str):  # a SPARQL server (kg.remote)
        return open_store(settings.store, read_only=read_only, settings=settings)
    if must_exist and not settings.store.exists():
        raise StoreError(f"no store at {settings.store}: run `llmkg ingest` first "
                         "(or give --store / LLMKG_STORE)")
    return open_store(settings.store, read_only=read_only)


@app.command("ingest")
@_errors
def ingest_cli(
    paths: Annotated[list[str], typer.Argument(
        help="Files or folders to ingest; - for stdin; http(s) URLs (public addresses only).")],
    store: StoreOpt = None,
    force: Annotated[bool, typer.Option(help="Re-extract unchanged documents.")] = False,
    quiet: Annotated[bool, typer.Option("--quiet", "-q", help="Only print the summary.")] = False,
    workers: Annotated[str | None, typer.Option(
        help="Extract in N local worker processes ('auto' or 0: one per core; default "
             "$LLMKG_INGEST_WORKERS or 1).", metavar="N")] = None,
    executor: Annotated[str | None, typer.Option(
        help="Extract on a Dask cluster: dask://HOST:PORT or dask://local?workers=N "
             "(default $LLMKG_INGEST_EXECUTOR).", metavar="URL")] = None,
) -> None:
    """Ingest documents (text, Markdown, model cards, HTML, PDF; files or URLs) into the store."""
    from ingest.fetch import is_url
    from ingest.loaders import discover_files
    from ingest.pipeline import run_ingest
    from kg.queries import stats

    n_workers = None
    if workers is not None:
        if not (workers == "auto" or workers.isdigit()):
            raise InvalidInputError(f"--workers takes a number of processes or 'auto', not {workers!r}")
        n_workers = 0 if workers == "auto" else int(workers)
    settings = _settings(store)
    # a URL stays a string (a Path would fold its "//"); run_ingest fetches it (ingest.fetch)
    targets: list[Path | str] = [p if p == "-" or is_url(p) else Path(p) for p in paths]
    files = sum(1 if isinstance(p, str) or not p.is_dir() else len(list(discover_files([p])))
                for p in targets)
    with _open(settings, must_exist=False) as kg:
        with typer.progressbar(length=files, label="ingesting", file=sys.stderr,
                               hidden=quiet or not sys.stderr.isatty()) as bar:
            report = run_ingest(targets, settings=settings, store=kg, force=force,
                                progress=lambda _src: bar.update(1), workers=n_workers, executor=executor)
        for o in report.outcomes:
            if o.status == "failed":
                typer.echo(f"error: {_one_line(o.error)}", err=True)
            elif not quiet:  # what this document states (a fact two documents state is in both)
                typer.echo(f"{o.status:9} {o.source}  ({o.entities} entities, {o.relations} "
                           f"relations, {o.claims} claims found)")
        n = len(report.outcomes)
        counts = stats(kg)  # the store's counts, as `llmkg stats` defines them
        typer.echo(
            f"{n} document{'' if n == 1 else 's'}: {report.count('added')} added, "
            f"{report.count('replaced')} replaced, {report.count('unchanged')} unchanged, "
            f"{report.count('failed')} failed; store {kg.location} now holds "
            f"{counts['documents']} documents, {sum(counts['entities'].values())} entities, "
            f"{counts['relations']} relations, "
            f"{counts['attributes']} attributes, {counts['results']} results, {counts['claims']} claims "
            f"({counts['quads']} quads)")
    if report.failed and len(report.failed) == len(report.outcomes):
        raise typer.Exit(5)


_FORMATS = ("table", "json", "csv", "tsv", "xml", "turtle", "nquads", "ntriples")


@app.command("read")
@_errors
def read_cli(
    paths: Annotated[list[str], typer.Argument(
        help="Files or folders to read; - for stdin; http(s) URLs (public addresses only).")],
    tables: Annotated[bool, typer.Option("--tables", help="Also list the tables read, as records.")] = False,
    as_json: Annotated[bool, typer.Option("--json", help="Print JSON: text, blocks, tables, links, "
                                                         "offsets.")] = False,
) -> None:
    """Print the text the pipeline extracts from (Markdown and HTML reduced to text, tables as pipe
    rows): what to check first when a fact is missing. Nothing is written to any store."""
    from ingest.normalise import render_table
    from ingest.pipeline import read_documents

    read = read_documents(paths, settings=Settings())
    if as_json:
        typer.echo(json.dumps([_read_json(r) for r in read], indent=1, ensure_ascii=False))
        return
    for k, r in enumerate(read):
        if len(read) > 1:
            typer.echo(("\n" if k else "") + f"==> {r.document.source} <==")
        typer.echo(r.normalised.text.rstrip("\n"))
        if tables:
            found = r.normalised.tables
            typer.echo(f"\n-- {len(found)} table{'' if len(found) == 1 else 's'} --")
            for n, table in enumerate(found, 1):
                typer.echo(f"{n}. {render_table(table)}")


def _read_json(r: Any) -> dict[str, Any]:
    """One document of ``llmkg read --json``."""
    n = r.normalised

    def cells(row: Any) -> list[dict[str, Any]]:
        return [{"text": c.text, "start": c.start, "end": c.end,
                 **({"links": [h.url for h in c.hints]} if c.hints else {}),
                 **({"colspan": c.colspan} if c.colspan > 1 else {}),
                 **({"rowspan": c.rowspan} if c.rowspan > 1 else {})} for c in row.cells]

    d = r.document
    return {
        "source": d.source, "title": d.title, "doc_type": d.doc_type, "media_type": d.media_type,
        "url": d.url, "text": n.text,
        "blocks": [{"kind": b.kind, "start": b.start, "end": b.end, "level": b.level} for b in n.blocks],
        "tables": [{"layout": t.layout, "start": t.start, "end": t.end,
                    "columns": [t.column_label(i) for i in range(t.width)],
                    "header": [cells(row) for row in t.header], "body": [cells(row) for row in t.body]}
                   for t in n.tables],
        "links": [{"start": h.start, "end": h.end, "text": n.text[h.start:h.end], "url": h.url,
                   "repo_id": h.repo_id} for h in n.hints],
        "code": [{"at": c.at, "info": c.info, "text": c.text} for c in n.code],
        # normalised offset -> loader's text offset: [start, source start, length, copied]
        "offsets": [list(seg) for seg in n.offsets.segments],
    }


@app.command("query")
@_errors
def query_cli(
    query: Annotated[str, typer.Argument(help="SPARQL text, or @file.rq.")],
    store: StoreOpt = None,
    fmt: Annotated[str, typer.Option("--format", "-f", help="|".join(_FORMATS))] = "table",
    width: Annotated[int, typer.Option(help="Widest a table column gets; longer cells end in '…'.")] = 60,
    no_truncate: Annotated[bool, typer.Option("--no-truncate", help="Print table cells whole.")] = False,
) -> None:
    """Run a SPARQL query over the union of all document graphs.

    The table format keeps the SELECT's column order and writes IRIs with the predeclared
    prefixes (lk:, rdf:, rdfs:, skos:, xsd:, prov:, oa:, dcterms:, owl:)."""
    from kg.queries import run_query

    if fmt not in _FORMATS:
        raise InvalidInputError(f"unknown format {fmt!r} (choose from {', '.join(_FORMATS)})")
    if width < 1:
        raise InvalidInputError("--width must be at least 1 (or use --no-truncate)")
    if query.startswith("@"):
        try:
            query = Path(query[1:]).read_text(encoding="utf-8")
        except OSError as e:
            raise InvalidInputError(f"cannot read query file {query[1:]}: {e.strerror}") from e
    with _open(_settings(store), read_only=True) as kg:
        out = run_query(kg, query, fmt=fmt, width=0 if no_truncate else width)
    sys.stdout.write(out if out.endswith("\n") else out + "\n")


@app.command("lineage")
@_errors
def lineage_cli(
    name: Annotated[str, typer.Argument(help="Model or family name, alias or IRI.")],
    store: StoreOpt = None,
    depth: Annotated[int, typer.Option(help="Edges to follow each way.")] = 6,
    as_json: Annotated[bool, typer.Option("--json", help="Print JSON.")] = False,
) -> None:
    """Show where a model comes from and what came of it, with the source of each link."""
    from kg.lineage import lineage

    with _open(_settings(store), read_only=True) as kg:
        tree = lineage(kg, name, depth=depth)
    if as_json:
        typer.echo(json.dumps(tree.to_dict(), indent=2, ensure_ascii=False))
        return
    typer.echo(render_lineage(tree))


def render_lineage(tree: Any) -> str:
    """Draw a lineage as an indented tree with the sources under each edge.

    A lineage is a graph, not a tree: Scout is distilled from Behemoth and a member of Llama 4,
    and Behemoth is a member of Llama 4 too. Each entity's own lineage is drawn once, where it is
    first reached; a later edge to it is drawn with its sources and marked "(lineage above)".
    """
    lines = [f"{tree.root.label}  [{', '.join(tree.root.types)}]  <{tree.root.iri}>"]

    def draw(edges: list[Any], prefix: str, outgoing: bool, seen: set[str]) -> None:
        for i, e in enumerate(edges):
            last = i == len(edges) - 1
            other = e.object if outgoing else e.subject
            arrow = f"{e.relation} →" if outgoing else f"← {e.relation} of"
            again = other.iri in seen and bool(e.children)
            mark = "  (lineage above)" if again else ""
            lines.append(f"{prefix}{'└─' if last else '├─'} {arrow} {other.label}{mark}")
            sub = prefix + ("   " if last else "│  ")
            for s in e.sources[:3]:
                quote = _one_line(s.quote)
                quote = quote if len(quote) <= 110 else quote[:107] + "..."
                title = _one_line(s.title or s.source)
                lines.append(f"{sub}   source: {title} ({s.source}): \"{quote}\"")
            if not again:
                seen.add(other.iri)
                draw(e.children, sub, outgoing, seen)

    lines.append("ancestors:" if tree.ancestors else "ancestors: none found")
    draw(tree.ancestors, "  ", True, {tree.root.iri})
    lines.append("descendants:" if tree.descendants else "descendants: none found")
    draw(tree.descendants, "  ", False, {tree.root.iri})
    return "\n".join(lines)


@app.command("claims")
@_errors
def claims_cli(
    about: Annotated[str | None, typer.Argument(
        help="Only claims about this entity (name, alias or IRI).")] = None,
    store: StoreOpt = None,
    stance: Annotated[str | None, typer.Option(
        help="Only this stance: asserts, denies, speculates, reports or acknowledges.")] = None,
    contradictions_: Annotated[bool, typer.Option(
        "--contradictions",
        help="List pairs of claims (or facts) that deny and assert the same proposition.")] = False,
    limit: Annotated[int, typer.Option(help="Most claims listed.")] = 200,
    as_json: Annotated[bool, typer.Option("--json", help="Print JSON.")] = False,
) -> None:
    """Show who claims what (with stance and source), or where sources contradict each other."""
    from kg.claims import claims, contradictions

    if stance is not None and stance not in ("asserts", "denies", "speculates", "reports", "acknowledges"):
        raise InvalidInputError(
            f"unknown stance {stance!r} (asserts, denies, speculates, reports, acknowledges)")
    with _open(_settings(store), read_only=True) as kg:
        items: list[Any] = contradictions(kg, about) if contradictions_ else claims(
            kg, about, stance=stance, limit=limit)
    if as_json:
        typer.echo(json.dumps([x.to_dict() for x in items], indent=2, ensure_ascii=False))
        return
    if not items:
        typer.echo("no contradictions found" if contradictions_ else "no claims found")
    for x in items:
        if contradictions_:
            typer.echo(x.statement)
        for view in (x.denial, x.assertion) if contradictions_ else (x,):
            indent = "  " if contradictions_ else ""
            typer.echo(f"{indent}{view.stance:<12} {view.claimant_label}  ({view.source.source})")
            typer.echo(f"{indent}{'':<12} \"{_clip(view.source.quote)}\"")


def _clip(text: str, n: int = 160) -> str:
    text = _one_line(text)
    return text if len(text) <= n else text[: n - 3] + "..."


@app.command("search")
@_errors
def search_cli(
    query: Annotated[str, typer.Argument(
        help="Part of a name or alias: 'Mistral Small', 'distill', 'gpt 4o'.")],
    store: StoreOpt = None,
    type_: Annotated[list[str] | None, typer.Option(
        "--type", "-t", help="Only entities of this type (Model, ModelFamily, Organization, Person, "
                             "Benchmark, Hardware, UnnamedAgent); repeatable.")] = None,
    limit: Annotated[int, typer.Option(help="Most matches listed.")] = 20,
    offset: Annotated[int, typer.Option(help="Matches to skip.")] = 0,
    as_json: Annotated[bool, typer.Option(
        "--json", help="Print JSON (the page of GET /api/entities).")] = False,
) -> None:
    """Find entities whose name or alias contains QUERY, ranked as GET /api/entities ranks them:
    exact names first, then names starting with it, then the rest."""
    from kg.errors import NotFoundError
    from kg.lookups import close_names, search_entities

    with _open(_settings(store), read_only=True) as kg:
        page = search_entities(kg, query, types=type_ or (), offset=offset, limit=limit)
        hint = close_names(kg, query) if not page.total else []
    if as_json:
        typer.echo(json.dumps(page.to_dict(), indent=2))
        return
    if not page.total:
        kinds = f" of type {', '.join(type_)}" if type_ else ""
        tip = f"; close names: {', '.join(hint)}" if hint else (
            "; the search matches any part of a name or alias (letters and digits): try a shorter part")
        raise NotFoundError(f"no entity{kinds} matches {query!r}{tip}")
    width = max(len(m.label) for m in page.items)
    twidth = max(len(",".join(m.types)) for m in page.items)
    for m in page.items:
        typer.echo(f"{m.label:{width}}  {','.join(m.types):{twidth}}  {m.iri}")
    shown = f"{page.offset + 1}-{page.offset + len(page.items)}" if page.items else "none"
    more = " (--offset / --limit for more)" if page.total > page.offset + len(page.items) else ""
    typer.echo(f"{shown} of {page.total} match{'' if page.total == 1 else 'es'}{more}", err=True)


@app.command("export")
@_errors
def export_cli(
    fmt: Annotated[str, typer.Option(
        "--format", "-f", help="turtle|ntriples|nquads|jsonld|graphml|gexf|cytoscape|dot")],
    store: StoreOpt = None,
    output: Annotated[Path | None, typer.Option("-o", "--output", help="File (default: stdout).")] = None,
    entity: Annotated[str | None, typer.Option(
        "--entity", help="Only this entity's neighbourhood (a name, alias or IRI).")] = None,
    hops: Annotated[int | None, typer.Option(
        "--hops", help="How far the --entity neighbourhood reaches, 1-5 (default 1).")] = None,
    lineage_of: Annotated[str | None, typer.Option(
        "--lineage", help="Only this model's lineage: its ancestors and descendants.")] = None,
) -> None:
    """Export the graph, or an entity's neighbourhood or a model's lineage, for other tools."""
    from kg.export import FORMATS, Subgraph, export
    from kg.lineage import resolve_entity

    if fmt not in FORMATS:
        raise InvalidInputError(f"unknown export format {fmt!r} (choose from {', '.join(FORMATS)})")
    if entity is not None and lineage_of is not None:
        raise InvalidInputError("give --entity or --lineage, not both")
    if hops is not None and entity is None:
        raise InvalidInputError("--hops needs --entity")
    with _open(_settings(store), read_only=True) as kg:
        subgraph = None
        if entity is not None:
            subgraph = Subgraph("neighbourhood", resolve_entity(kg, entity).iri,
                                hops=1 if hops is None else hops)
        elif lineage_of is not None:
            subgraph = Subgraph("lineage", resolve_entity(kg, lineage_of).iri)
        if output is None:
            data = export(kg, fmt, subgraph=subgraph)
            sys.stdout.buffer.write(data or b"")
        else:
            try:
                with output.open("wb") as fh:
                    export(kg, fmt, subgraph=subgraph, out=fh)
            except OSError as e:
                raise InvalidInputError(f"cannot write {output}: {e.strerror}") from e
            typer.echo(f"wrote {output}", err=True)


analytics_app = typer.Typer(
    help="Graph analytics with networkx: centrality of labs and models, connected lineages.",
    no_args_is_help=True, add_completion=False)
app.add_typer(analytics_app, name="analytics")


@analytics_app.command("centrality")
@_errors
def centrality_cli(
    store: StoreOpt = None,
    kind: Annotated[str, typer.Option(help="model|lab|all")] = "all",
    measure: Annotated[str, typer.Option(help="degree|pagerank|betweenness")] = "degree",
    limit: Annotated[int, typer.Option(help="How many to list.")] = 20,
    as_json: Annotated[bool, typer.Option("--json", help="Print JSON.")] = False,
) -> None:
    """Rank labs and models by degree, PageRank or betweenness centrality."""
    from kg.analytics import centrality

    with _open(_settings(store), read_only=True) as kg:
        ranked = centrality(kg, kind=kind, measure=measure, limit=limit)
    if as_json:
        typer.echo(json.dumps([r.to_dict() for r in ranked], indent=2, ensure_ascii=False))
        return
    if not ranked:
        typer.echo("no labs or models found")
        return
    width = min(40, max(len(r.label) for r in ranked))
    typer.echo(f"{'rank':>4}  {measure + ' score':>18}  {'degree':>6}  {'type':12}  {'label':{width}}  iri")
    for i, r in enumerate(ranked, 1):
        typer.echo(f"{i:>4}  {r.score:18.4f}  {r.degree:>6}  {r.type:12}  "
                   f"{_clip(r.label, width):{width}}  {r.iri}")


@analytics_app.command("trees")
@_errors
def trees_cli(
    store: StoreOpt = None,
    min_size: Annotated[int, typer.Option(help="Smallest tree listed.")] = 2,
    as_json: Annotated[bool, typer.Option("--json", help="Print JSON.")] = False,
) -> None:
    """List the connected lineage trees, largest first, with their roots and edges."""
    from kg.analytics import lineage_trees

    with _open(_settings(store), read_only=True) as kg:
        trees = lineage_trees(kg, min_size=min_size)
    if as_json:
        typer.echo(json.dumps([t.to_dict() for t in trees], indent=2, ensure_ascii=False))
        return
    if not trees:
        typer.echo("no lineage trees found")
    for i, tree in enumerate(trees, 1):
        labels = {m.iri: m.label for m in tree.members}
        roots = ", ".join(r.label for r in tree.roots) or "none (a cycle)"
        typer.echo(f"tree {i}: {tree.size} members, {len(tree.edges)} edges; roots: {roots}")
        for e in sorted(tree.edges, key=lambda e: (labels[e.source].casefold(), e.relation,
                                                   labels[e.target].casefold())):
            typer.echo(f"  {labels[e.source]} --{e.relation}--> {labels[e.target]}")


@analytics_app.command("summary")
@_errors
def summary_cli(store: StoreOpt = None,
                as_json: Annotated[bool, typer.Option("--json", help="Print JSON.")] = False) -> None:
    """Count labs, models and their links, components and lineage trees."""
    from kg.analytics import summary

    with _open(_settings(store), read_only=True) as kg:
        data = summary(kg).to_dict()
    _print_counts(data, as_json=as_json)


@app.command("validate")
@_errors
def validate_cli(store: StoreOpt = None,
                 verbose: Annotated[bool, typer.Option(
                     "--verbose", "-v", help="List every entity of each finding.")] = False,
                 as_json: Annotated[bool, typer.Option("--json", help="Print JSON.")] = False,
                 raw: Annotated[bool, typer.Option("--raw", help="Also print pyshacl's own report.")] = False,
                 ) -> None:
    """Check the whole store against the SHACL shapes (warnings do not fail it): findings grouped
    by shape and message, with counts and the entities' labels."""
    from kg.validate import validate_store

    with _open(_settings(store), read_only=True) as kg:
        report = validate_store(kg)
    if as_json:
        typer.echo(json.dumps(report.to_dict(), indent=2, ensure_ascii=False))
    else:
        typer.echo(f"{'conforms' if report.conforms else 'does not conform'}: "
                   f"{report.violations} violations, {report.warnings} warnings"
                   + (f" in {len(report.findings)} groups" if report.findings else ""))
        for f in report.findings:
            where = " ".join(x for x in (f.shape, f.path, f.constraint) if x)
            typer.echo(f"\n{f.severity.lower()} ×{f.count}  {f.message or where}")
            typer.echo(f"  shape: {where}")
            shown = f.focus if verbose else f.focus[:5]
            names = "; ".join(n.label for n in shown)
            rest = len(f.focus) - len(shown)
            typer.echo(f"  on: {names}" + (f", ... {rest} more (-v lists them)" if rest else ""))
        if raw:
            typer.echo(report.text)
    if not report.conforms:
        raise typer.Exit(6)


@app.command("stats")
@_errors
def stats_cli(store: StoreOpt = None,
              as_json: Annotated[bool, typer.Option("--json", help="Print JSON.")] = False) -> None:
    """Count documents, entities by type, relations, results and claims."""
    from kg.queries import stats

    with _open(_settings(store), read_only=True) as kg:
        data = stats(kg)
    _print_counts(data, as_json=as_json)


@app.command("backup")
@_errors
def backup_cli(
    target: Annotated[Path, typer.Argument(help="New (or empty) directory to write the backup to.")],
    store: StoreOpt = None,
) -> None:
    """Back up the store: a consistent copy and a manifest (quad count, SHA-256) to check it by."""
    from kg.backup import backup_store
    from kg.errors import StoreError

    settings = _settings(store)
    if isinstance(settings.store, str):  # a SPARQL server: refused before connecting to it
        from kg.remote import backup_refusal, parse_store_url

        raise backup_refusal(parse_store_url(settings.store).location)
    try:
        kg = _open(settings)
    except StoreError as e:
        if "in use" in e.message:
            raise StoreError(f"{e.message}; a running `llmkg serve` backs up its own store: "
                             "POST /admin/backup") from e
        raise
    with kg:
        manifest = backup_store(kg, target)
    typer.echo(f"backed up {settings.store} to {target}: {manifest.quads} quads, sha256 "
               f"{manifest.sha256}, {manifest.files} files, {manifest.bytes / 1e6:.1f} MB, "
               f"{manifest.seconds:.2f} s")


@app.command("restore")
@_errors
def restore_cli(
    backup: Annotated[Path, typer.Argument(help="A directory written by `llmkg backup`.")],
    store: StoreOpt = None,
    force: Annotated[bool, typer.Option(
        help="Replace a store that is not empty (its current contents are deleted).")] = False,
) -> None:
    """Restore a backup into the store directory, after checking it against its manifest."""
    from kg.backup import restore_store

    settings = _settings(store)
    if isinstance(settings.store, str):
        from kg.errors import StoreError
        from kg.remote import parse_store_url

        raise StoreError(f"store {parse_store_url(settings.store).location} is a remote SPARQL server: "
                         "llmkg restores only into its embedded store; load a dump into the server with "
                         "`llmkg load` (from `llmkg export --format nquads`) or the server's own tools")
    manifest = restore_store(backup, settings.store, force=force)
    typer.echo(f"restored {backup} ({manifest.created}) into {settings.store}: {manifest.quads} quads, "
               f"sha256 {manifest.sha256} verified")


@app.command("load")
@_errors
def load_cli(
    dump: Annotated[Path, typer.Argument(help="An N-Quads (.nq) or TriG (.trig) file, e.g. from "
                                              "`llmkg export --format nquads`.")],
    store: StoreOpt = None,
) -> None:
    """Bulk-load a whole graph dump into a new, empty store (engine speed, no NLP)."""
    import time

    from kg.bulk import load_dump

    settings = _settings(store)
    with _open(settings, must_exist=False) as kg:
        t0 = time.perf_counter()
        n = load_dump(kg, dump)
        seconds = time.perf_counter() - t0
        rate = n / max(seconds, 1e-9)
        typer.echo(f"loaded {n} quads from {dump} in {seconds:.1f} s ({rate:,.0f} quads/s); "
                   f"store {kg.location} holds {len(kg)} quads")


@app.command("eval")
@_errors
def eval_cli(
    gold: Annotated[Path, typer.Argument(help="Gold JSON file or folder.")],
    paths: Annotated[list[Path], typer.Argument(help="The documents the gold describes.")],
    details: Annotated[bool, typer.Option(help="List misses and spurious items.")] = False,
    kinds: Annotated[bool, typer.Option(
        help="Also score each kind: entity type, predicate, property, claim stance.")] = False,
    as_json: Annotated[bool, typer.Option("--json", help="Print JSON.")] = False,
) -> None:
    """Score extraction against gold annotations: precision, recall, F1 per category."""
    from ingest.evaluate import evaluate

    report = evaluate(gold, paths, settings=Settings())
    if as_json:
        typer.echo(json.dumps(report.to_dict(), indent=2))
        return
    typer.echo(f"{len(report.documents)} documents scored"
               + (f"; no document for gold: {', '.join(report.missing_documents)}"
                  if report.missing_documents else ""))
    typer.echo(f"{'category':12} {'precision':>9} {'recall':>7} {'F1':>6} {'tp':>5} {'fp':>5} {'fn':>5}")
    for cat, s in report.scores.items():
        typer.echo(f"{cat:12} {s.precision:9.3f} {s.recall:7.3f} {s.f1:6.3f} {s.tp:5} {s.fp:5} {s.fn:5}")
        for kind, k in sorted(s.kinds.items()) if kinds else ():
            typer.echo(f"  {kind:19.19} {k.precision:6.3f} {k.recall:7.3f} {k.f1:6.3f} "
                       f"{k.tp:5} {k.fp:5} {k.fn:5}")
    if details:
        for cat, s in report.scores.items():
            for m in s.misses:
                typer.echo(f"miss      {cat:10} {m}")
            for m in s.spurious:
                typer.echo(f"spurious  {cat:10} {m}")


@app.command("serve")
@_errors
def serve_cli(
    store: StoreOpt = None,
    host: Annotated[str | None, typer.Option(help="Address to bind (default: $LLMKG_HOST or 127.0.0.1).")]
    = None,
    port: Annotated[int | None, typer.Option(help="Port (default: $LLMKG_PORT or 8000).")] = None,
    log_level: Annotated[str, typer.Option(help="uvicorn log level.")] = "info",
    workers: Annotated[int | None, typer.Option(
        help="Worker processes (default: $LLMKG_SERVE_WORKERS or 1); more than one serve reads only.")]
    = None,
) -> None:
    """Serve the SPARQL endpoint, REST lookups, exports and the graph page over HTTP."""
    settings = _settings(store)
    if host is not None or port is not None or workers is not None:
        chosen = {"host": host, "port": port, "serve_workers": workers}
        settings = settings.model_copy(update={k: v for k, v in chosen.items() if v is not None})
    serve(settings, log_level=log_level)


def serve(settings: Settings, *, log_level: str = "info") -> None:
    """Run the API with uvicorn on ``settings.host:settings.port`` until interrupted.

    One worker process holds the store read-write (for ``POST /documents``). With
    ``serve_workers`` > 1, uvicorn starts that many processes, each opening the store read-only:
    they share the load of reads, and writes are refused (403).

    Raises:
        StoreError: the store cannot be opened (e.g. another process holds it).
    """
    import uvicorn

    from api import create_app
    from kg.stores import open_store

    probe = open_store(settings.store, settings=settings)  # fail here, with one clear line, if the
    where = probe.location  # store is locked (or a server cannot be reached); no credentials shown
    probe.close()
    writable = settings.api_token is not None and bool(settings.api_token.get_secret_value())
    shown = "localhost" if settings.host in ("127.0.0.1", "::1") else settings.host
    if settings.serve_workers > 1:
        writes = f"disabled: {settings.serve_workers} read-only workers"
    else:
        writes = "enabled" if writable else "disabled: set LLMKG_API_TOKEN"
    typer.echo(f"llmkg: serving {where} on http://{shown}:{settings.port}/ "
               f"(graph page /graph, SPARQL /sparql, API docs /docs; writes {writes})", err=True)
    # h11, not httptools: h11 bounds the request line and headers (512 KiB, room for a long GET
    # query; past it 400 before the app), httptools buffers a header of any size
    options: dict[str, Any] = {"host": settings.host, "port": settings.port, "log_level": log_level,
                               "proxy_headers": False, "server_header": False, "http": "h11",
                               "h11_max_incomplete_event_size": 512 * 1024}
    if settings.serve_workers == 1:
        uvicorn.run(create_app(settings), workers=1, **options)
        return
    # several processes: each builds its app from the environment and opens the store read-only
    import os

    os.environ.update({"LLMKG_STORE": str(settings.store),
                       "LLMKG_SERVE_WORKERS": str(settings.serve_workers)})
    uvicorn.run("api.main:app_from_env", factory=True, workers=settings.serve_workers, **options)


def main() -> None:
    """Entry point of the ``llmkg`` console script."""
    app()
