"""Specs for table layouts met in round 7 of issue 16: a release date or number in a column's
note, a benchmark named in a table's corner cell over a total column and its sub-scores.

Every model and lab name here is invented ("Brisa-3", "Corra-2", "Quillfeather Labs");
benchmark names are real ones where the rule reads the gazetteer.
"""

from __future__ import annotations

import pytest
from spacy.language import Language

from ingest.pipeline import extract_document
from ingest.records import Document, Extraction
from ingest.tables import _strip_qualifier


def _read(nlp: Language, body: str, title: str = "") -> Extraction:
    return extract_document(Document(text=body, source="doc.md", title=title, doc_type="Document",
                                     media_type="text/markdown"), nlp)


def _results(ex: Extraction) -> set[tuple[str, str, float]]:
    return {(r.model.label, r.benchmark.label, r.score) for r in ex.results}


# --------------------------------------------------------------------------- release notes


@pytest.mark.parametrize(("raw", "name"), [
    ("Brisa-3 (0613)", "Brisa-3 (0613)"), ("Brisa-3 (11-20)", "Brisa-3 (11-20)"),
    ("Brisa-3 (2024-08-06)", "Brisa-3 (2024-08-06)"), ("Corra-2 Pro (002)", "Corra-2 Pro (002)"),
    ("Corra-2 Large (2411)", "Corra-2 Large (2411)"), ("Corra-2 Flash (exp)", "Corra-2 Flash (exp)"),
    ("Brisa-3 (1106 preview)", "Brisa-3 (1106 preview)"),
    ("Brisa-3 (base)", "Brisa-3"), ("Brisa-3 (2024)", "Brisa-3"), ("Brisa-3 (14B)", "Brisa-3"),
])
def test_a_release_note_stays_with_the_name_other_notes_go(raw: str, name: str) -> None:
    assert _strip_qualifier(raw) == name


RELEASES = """\
Quillfeather Labs scored its new model against two dated releases of a rival.

| Task | Brisa-3 (11-20) | Brisa-3 (0613) | Corra-2 |
| --- | --- | --- | --- |
| MMLU | 81.5 | 77.0 | 83.1 |
| GSM8K | 90.2 | 88.4 | 91.7 |
"""


@pytest.mark.parametrize("result", [
    ("Brisa-3 (11-20)", "MMLU", 81.5), ("Brisa-3 (0613)", "MMLU", 77.0), ("Brisa-3 (0613)", "GSM8K", 88.4),
])
def test_a_dated_column_scores_that_release(nlp: Language, result: tuple[str, str, float]) -> None:
    assert result in _results(_read(nlp, RELEASES))


def test_a_dated_column_gives_no_result_to_the_undated_name(nlp: Language) -> None:
    assert not {r for r in _results(_read(nlp, RELEASES)) if r[0] == "Brisa-3"}
