"""Render a paper source (plain text) to a multi-page PDF, the way the corpus PDFs are made.

Source format: line 1 the title, line 2 the authors (comma-separated), a blank line, then
paragraphs separated by blank lines; lines starting with ``## `` are section headings and runs
of lines starting with ``|`` are a table (Markdown pipe syntax; the ``|---|`` rule is dropped).

    python scripts/make_pdf.py examples/pdf-src/20-paper.txt examples/corpus/20-paper.pdf
    python scripts/make_pdf.py --all            # every examples/pdf-src/*.txt and held-out source

The output is deterministic (fixed creation date) so regenerating leaves the files unchanged.
``--no-metadata`` leaves out the PDF Title/Author fields, so a loader must read them off page 1.
Needs fpdf2 (in the ``test`` extra).
"""

from __future__ import annotations

import argparse
import datetime as dt
from pathlib import Path

from fpdf import FPDF

ROOT = Path(__file__).resolve().parents[1]
#: (source folder, output folder) pairs rendered by --all
SOURCES = [
    (ROOT / "examples" / "pdf-src", ROOT / "examples" / "corpus"),
    (ROOT / "tests" / "gold" / "heldout2" / "pdf-src", ROOT / "tests" / "gold" / "heldout2" / "docs"),
    (ROOT / "tests" / "gold" / "heldout3" / "pdf-src", ROOT / "tests" / "gold" / "heldout3" / "docs"),
    (ROOT / "tests" / "gold" / "heldout4" / "pdf-src", ROOT / "tests" / "gold" / "heldout4" / "docs"),
]
#: sources rendered without PDF metadata, so the loader must read title and authors off page 1
NO_METADATA: set[str] = set()
_FOLD = str.maketrans({"\u2014": "--", "\u2013": "-", "\u2018": "'", "\u2019": "'", "\u201c": '"',
                       "\u201d": '"', "\u2026": "...", "\u2212": "-", "\u00a0": " ", "\u2192": "->",
                       "\u00d7": "x", "\u2248": "~", "\u2265": ">=", "\u2264": "<="})


def _latin1(text: str) -> str:
    """The core PDF fonts are Latin-1: fold typographic punctuation, replace the rest."""
    return text.translate(_FOLD).encode("latin-1", "replace").decode("latin-1")


class _Paper(FPDF):
    """A4 pages with a running header (the short title) and a page number in the footer."""

    running_title = ""

    def header(self) -> None:
        if self.page_no() > 1:
            self.set_font("Helvetica", "I", 8)
            self.cell(0, 6, self.running_title, align="C", new_x="LMARGIN", new_y="NEXT")
            self.ln(2)

    def footer(self) -> None:
        self.set_y(-15)
        self.set_font("Helvetica", "", 8)
        self.cell(0, 10, str(self.page_no()), align="C")


def render_pdf(source: str, out: Path, *, metadata: bool = True) -> Path:
    """Render ``source`` (the format above) to ``out`` and return ``out``."""
    lines = _latin1(source).splitlines()
    title, authors = lines[0].strip(), lines[1].strip()
    body = "\n".join(lines[2:]).strip()
    pdf = _Paper(format="A4")
    pdf.running_title = title if len(title) < 70 else title[:67] + "..."
    pdf.set_creation_date(dt.datetime(2025, 1, 1, tzinfo=dt.UTC))
    if metadata:
        pdf.set_title(title)
        pdf.set_author(authors)
    pdf.set_auto_page_break(auto=True, margin=20)
    pdf.set_margins(22, 20, 22)
    pdf.add_page()
    pdf.set_font("Helvetica", "B", 16)
    pdf.multi_cell(0, 8, title, align="C", new_x="LMARGIN", new_y="NEXT")
    pdf.ln(2)
    pdf.set_font("Helvetica", "", 11)
    pdf.multi_cell(0, 6, authors, align="C", new_x="LMARGIN", new_y="NEXT")
    pdf.ln(6)
    for block in body.split("\n\n"):
        block = block.strip()
        if not block:
            continue
        if block.startswith("|"):
            _table(pdf, block)
        elif block.startswith("## ") or block.lower() == "abstract":
            pdf.set_font("Helvetica", "B", 12)
            pdf.multi_cell(0, 7, block.removeprefix("## "), new_x="LMARGIN", new_y="NEXT")
            pdf.ln(1)
        else:
            pdf.set_font("Times", "", 11)
            pdf.multi_cell(0, 5.5, " ".join(block.split()), align="J", new_x="LMARGIN",
                           new_y="NEXT")
            pdf.ln(3)
    out.parent.mkdir(parents=True, exist_ok=True)
    pdf.output(str(out))
    return out


def _table(pdf: FPDF, block: str) -> None:
    rows = [[c.strip() for c in line.strip().strip("|").split("|")] for line in block.splitlines()
            if line.strip().startswith("|") and not set(line.strip()) <= set("|-: ")]
    pdf.set_font("Helvetica", "", 9)
    with pdf.table(first_row_as_headings=True, line_height=5) as table:
        for row in rows:
            r = table.row()
            for cell in row:
                r.cell(cell)
    pdf.ln(4)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("source", nargs="?", type=Path)
    parser.add_argument("out", nargs="?", type=Path)
    parser.add_argument("--all", action="store_true", help="render every known source folder")
    parser.add_argument("--no-metadata", action="store_true", help="omit the Title/Author fields")
    args = parser.parse_args()
    if args.all:
        for src_dir, out_dir in SOURCES:
            for src in sorted(src_dir.glob("*.txt")):
                out = render_pdf(src.read_text(encoding="utf-8"), out_dir / (src.stem + ".pdf"),
                                 metadata=src.stem not in NO_METADATA)
                print(out.relative_to(ROOT))
        return
    if args.source is None or args.out is None:
        parser.error("give SOURCE and OUT, or --all")
    render_pdf(args.source.read_text(encoding="utf-8"), args.out, metadata=not args.no_metadata)


if __name__ == "__main__":
    main()
