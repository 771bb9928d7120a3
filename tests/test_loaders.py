"""Specs for ingest.loaders: real files in, Document records (or a LoaderError naming the file) out.

Bad inputs follow /work/shared/design/bad-inputs.md I4 (binary, empty) and I8 (encodings).
"""

from __future__ import annotations

import codecs
import gzip
import random
from datetime import date
from pathlib import Path

import pytest

from ingest.loaders import discover_files, guess_doc_type, load_bytes, load_path
from kg.errors import LoaderError

MAX = 1_000_000


def _write(path: Path, data: bytes) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data)
    return path


# --------------------------------------------------------------------------- plain text


@pytest.mark.parametrize(
    ("data", "title"),
    [
        (b"Brisa-3 is out\nQuillfeather Labs released it today.\n", "Brisa-3 is out"),
        (b"\n\n   Leading blank lines\nBody.\n", "Leading blank lines"),
    ],
)
def test_loaders_txt_first_nonblank_line_is_title(tmp_path: Path, data: bytes, title: str) -> None:
    path = _write(tmp_path / "post.txt", data)
    [doc] = load_path(path, max_bytes=MAX)
    assert doc.title == title
    assert doc.source == str(path)
    assert doc.media_type == "text/plain"
    assert doc.text == data.decode("utf-8")


@pytest.mark.parametrize("data", [b"Line one\r\nLine two\r\n", b"Line one\rLine two\r"])
def test_loaders_txt_line_ends_become_newlines(tmp_path: Path, data: bytes) -> None:
    [doc] = load_path(_write(tmp_path / "crlf.txt", data), max_bytes=MAX)
    assert doc.text == "Line one\nLine two\n"


FILLER = b"Quillfeather Labs released Brisa-3 14B, a small open-weight model.\n" * 30


@pytest.mark.parametrize("data", [b"Brisa\x00-3 \x07is out\x1b.\n"])
def test_loaders_txt_control_characters_are_dropped(tmp_path: Path, data: bytes) -> None:
    # a stray control byte in an ordinary-sized text file (not a binary file)
    [doc] = load_path(_write(tmp_path / "ctrl.txt", data + FILLER), max_bytes=MAX)
    assert doc.text == "Brisa-3 is out.\n" + FILLER.decode()


# --------------------------------------------------------------------------- markdown


FRONT = (
    "---\n"
    "title: Brisa-3 14B Instruct\n"
    "base_model: quillfeather/Brisa-3-14B\n"
    "date: 2025-02-14\n"
    "url: https://example.org/brisa-3-14b-instruct\n"
    "tags: [chat, small]\n"
    "---\n"
)
BODY = "# Brisa-3 14B Instruct\n\nBrisa-3 14B Instruct is fine-tuned from Brisa-3 14B.\n"


@pytest.mark.parametrize(("front", "body"), [(FRONT, BODY)])
def test_loaders_md_front_matter_is_metadata_not_text(tmp_path: Path, front: str,
                                                      body: str) -> None:
    [doc] = load_path(_write(tmp_path / "card.md", (front + body).encode()), max_bytes=MAX)
    assert doc.text == body
    fm = doc.metadata["front_matter"]
    assert fm["base_model"] == "quillfeather/Brisa-3-14B"
    assert fm["tags"] == ["chat", "small"]
    assert doc.title == "Brisa-3 14B Instruct"
    assert doc.url == "https://example.org/brisa-3-14b-instruct"
    assert doc.date == date(2025, 2, 14)
    assert doc.media_type == "text/markdown"


@pytest.mark.parametrize(("front", "body", "phrase"), [(FRONT, BODY, "fine-tuned from")])
def test_loaders_md_offsets_index_the_body(tmp_path: Path, front: str, body: str,
                                           phrase: str) -> None:
    [doc] = load_path(_write(tmp_path / "card.md", (front + body).encode()), max_bytes=MAX)
    start = body.index(phrase)
    assert doc.text[start:start + len(phrase)] == phrase


@pytest.mark.parametrize("text", ["# Just a post\n\nNo front matter here.\n"])
def test_loaders_md_without_front_matter_keeps_all_text(tmp_path: Path, text: str) -> None:
    [doc] = load_path(_write(tmp_path / "post.md", text.encode()), max_bytes=MAX)
    assert doc.text == text
    assert doc.metadata == {}
    assert doc.title == "Just a post"


@pytest.mark.parametrize("front", ["---\ntitle: [unclosed\n---\n"])
def test_loaders_md_invalid_yaml_front_matter_is_refused(tmp_path: Path, front: str) -> None:
    path = _write(tmp_path / "bad-yaml.md", (front + "Body text.\n").encode())
    with pytest.raises(LoaderError, match="bad-yaml.md"):
        load_path(path, max_bytes=MAX)


# --------------------------------------------------------------------------- encodings (I8)


TEXT = "Caf\u00e9 M\u00fcller \u2014 na\u00efve r\u00e9sum\u00e9 of Brisa-3.\nSecond line.\n"


@pytest.mark.parametrize(
    "data",
    [
        codecs.BOM_UTF16_LE + TEXT.encode("utf-16-le"),
        codecs.BOM_UTF16_BE + TEXT.encode("utf-16-be"),
        codecs.BOM_UTF8 + TEXT.encode("utf-8"),
        TEXT.encode("utf-8"),
    ],
    ids=["utf-16-le-bom", "utf-16-be-bom", "utf-8-bom", "utf-8"],
)
def test_loaders_bom_and_utf8_decode_exactly(tmp_path: Path, data: bytes) -> None:
    [doc] = load_path(_write(tmp_path / "enc.txt", data), max_bytes=MAX)
    assert doc.text == TEXT


@pytest.mark.parametrize("text", ["Caf\u00e9 na\u00efve, \u00a9 Quillfeather \u00c6sir.\n"])
def test_loaders_latin1_bytes_fall_back_without_replacement(tmp_path: Path, text: str) -> None:
    [doc] = load_path(_write(tmp_path / "latin1.txt", text.encode("latin-1")), max_bytes=MAX)
    assert "\ufffd" not in doc.text
    assert doc.text == text.replace("\u00a0", " ")


@pytest.mark.parametrize("data", [b"ok \xff\xfe\xfa bytes\n" + "caf\u00e9".encode()])
def test_loaders_mixed_bytes_never_leave_nul_or_surrogates(tmp_path: Path, data: bytes) -> None:
    [doc] = load_path(_write(tmp_path / "mixed.txt", data + b"\x00\n" + FILLER), max_bytes=MAX)
    assert "\x00" not in doc.text
    assert not any(0xD800 <= ord(c) <= 0xDFFF for c in doc.text)


# --------------------------------------------------------------------------- refusals (I4)


@pytest.mark.parametrize(
    ("name", "data", "reason"),
    [
        ("empty.txt", b"", "empty"),
        ("blank.txt", b"  \n\t\n", "empty"),
        ("empty.md", b"", "empty"),
        ("only-front.md", b"---\ntitle: x\n---\n", "no text"),
        ("image.txt", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x01\x00" * 20, "binary"),
        ("paper.txt", b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<< /Type /Catalog >>\n", "binary"),
        ("archive.txt", gzip.compress(b"Brisa-3 release notes. " * 200, mtime=0), "binary"),
        pytest.param("bom-only.txt", codecs.BOM_UTF8, "empty"),
        pytest.param("utf16-blank.txt", codecs.BOM_UTF16_LE + "  \n".encode("utf-16-le"),
                     "empty"),
        pytest.param("noise.txt", random.Random(7).randbytes(4096), "binary"),
    ],
)
def test_loaders_bad_content_is_refused_naming_the_file(tmp_path: Path, name: str, data: bytes,
                                                        reason: str) -> None:
    path = _write(tmp_path / name, data)
    with pytest.raises(LoaderError, match=reason) as info:
        load_path(path, max_bytes=MAX)
    assert name in info.value.message


@pytest.mark.parametrize("name", ["slides.pptx", "table.csv", "notes.docx", "NOSUFFIX"])
def test_loaders_unsupported_suffix_is_refused(tmp_path: Path, name: str) -> None:
    path = _write(tmp_path / name, b"Brisa-3 is out.\n")
    with pytest.raises(LoaderError, match="unsupported file type") as info:
        load_path(path, max_bytes=MAX)
    assert name in info.value.message


@pytest.mark.parametrize(("size", "limit"), [(101, 100), (5000, 4096)])
def test_loaders_oversize_file_is_refused_before_reading(tmp_path: Path, size: int,
                                                         limit: int) -> None:
    path = _write(tmp_path / "big.txt", b"a" * size)
    with pytest.raises(LoaderError, match="over the limit") as info:
        load_path(path, max_bytes=limit)
    assert "big.txt" in info.value.message


@pytest.mark.parametrize("limit", [100])
def test_loaders_file_at_the_size_limit_loads(tmp_path: Path, limit: int) -> None:
    path = _write(tmp_path / "edge.txt", b"a" * (limit - 1) + b"\n")
    [doc] = load_path(path, max_bytes=limit)
    assert len(doc.text) == limit


@pytest.mark.parametrize("name", ["folder.txt"])
def test_loaders_a_directory_is_not_a_file(tmp_path: Path, name: str) -> None:
    (tmp_path / name).mkdir()
    with pytest.raises(LoaderError, match="not a file"):
        load_path(tmp_path / name, max_bytes=MAX)


@pytest.mark.parametrize(("source", "suffix"), [("stdin", ".md"), ("notes", ".txt")])
def test_loaders_load_bytes_uses_the_given_suffix(source: str, suffix: str) -> None:
    [doc] = load_bytes(b"# Title\n\nBrisa-3 is out.\n", source, suffix=suffix)
    assert doc.source == source
    assert doc.media_type == ("text/markdown" if suffix == ".md" else "text/plain")


# --------------------------------------------------------------------------- discover_files


@pytest.mark.parametrize(
    ("files", "expected"),
    [
        (
            ["b.md", "a.txt", "README.md", "notes.csv", ".hidden.txt", ".git/config.txt",
             "sub/c.txt", "sub/README.md", "sub/deeper/d.markdown", "sub/.cache/e.txt",
             "z.text"],
            ["a.txt", "b.md", "sub/c.txt", "sub/deeper/d.markdown", "z.text"],
        ),
    ],
)
def test_loaders_discover_files_walks_sorted_skipping_hidden_and_readme(
        tmp_path: Path, files: list[str], expected: list[str]) -> None:
    for f in files:
        _write(tmp_path / f, b"Some text.\n")
    found = list(discover_files([tmp_path]))
    assert [p.relative_to(tmp_path).as_posix() for p in found] == expected


@pytest.mark.parametrize("name", [".hidden.txt", "README.md", "data.csv"])
def test_loaders_discover_files_yields_a_named_file_as_is(tmp_path: Path, name: str) -> None:
    path = _write(tmp_path / name, b"x\n")
    assert list(discover_files([path])) == [path]


@pytest.mark.parametrize("order", [("second", "first")])
def test_loaders_discover_files_keeps_argument_order(tmp_path: Path,
                                                     order: tuple[str, str]) -> None:
    for folder in order:
        _write(tmp_path / folder / "doc.txt", b"x\n")
    found = list(discover_files([tmp_path / f for f in order]))
    assert [p.parent.name for p in found] == list(order)


# --------------------------------------------------------------------------- guess_doc_type


@pytest.mark.parametrize(
    ("fixture", "doc_type"),
    [
        ("model-card.md", "ModelCard"),
        ("abstract.txt", "Paper"),
        ("news-page.txt", "NewsArticle"),
        ("blog-post.md", "BlogPost"),
    ],
)
def test_loaders_guess_doc_type_of_fixture_files(data_dir: Path, fixture: str,
                                                 doc_type: str) -> None:
    [doc] = load_path(data_dir / "loaders" / fixture, max_bytes=MAX)
    assert doc.doc_type == doc_type


@pytest.mark.parametrize(
    ("text", "markdown", "front", "doc_type"),
    [
        ("Brisa-3 is here.", True, {"base_model": "q/brisa-3"}, "ModelCard"),
        ("Brisa-3 is here.", True, {"library_name": "transformers"}, "ModelCard"),
        ("# Model Card for Brisa-3\n\nWeights and usage.", True, None, "ModelCard"),
        ("Abstract\nWe study small models.", False, None, "Paper"),
        ("Brisa-3 is here. We are pleased.", True, None, "BlogPost"),
        ("Brisa-3 is here. We are pleased.", False, None, "Document"),
        ("Sign in\nBrisa-3 ships\n3 min read\nBody.\nNext article: chips", False, None,
         "NewsArticle"),
    ],
)
def test_loaders_guess_doc_type_from_text(text: str, markdown: bool,
                                          front: dict[str, object] | None,
                                          doc_type: str) -> None:
    assert guess_doc_type(text, markdown=markdown, front_matter=front) == doc_type


@pytest.mark.parametrize(
    ("text", "markdown", "doc_type"),
    [
        pytest.param(
            "Sign in | Subscribe\nQuillfeather ships Brisa-3\n4 min read\n"
            '"We introduce a model that runs on a laptop," the company said.\n'
            "Subscribe to our newsletter.\nNext article: chips\n",
            False, "NewsArticle"),
        pytest.param(
            "# Building a dialog interface\n\nWe keep the catalog in the browser, so the "
            "page works offline.\n",
            True, "BlogPost"),
    ],
)
def test_loaders_guess_doc_type_is_not_fooled_by_substrings(text: str, markdown: bool,
                                                            doc_type: str) -> None:
    assert guess_doc_type(text, markdown=markdown) == doc_type


@pytest.mark.parametrize(("fixture", "title"),
                         [("news-page.txt", "Quillfeather Labs ships Brisa-3, a small model "
                                            "with a long memory")])
def test_loaders_news_page_title_is_the_headline(data_dir: Path, fixture: str, title: str) -> None:
    [doc] = load_path(data_dir / "loaders" / fixture, max_bytes=MAX)
    assert doc.title == title
