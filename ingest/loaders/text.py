"""Plain text and Markdown (with YAML front matter), and bundles of paper abstracts."""

from __future__ import annotations

import re

import yaml

from kg.errors import LoaderError
from kg.terms import is_safe_iri

from ..records import Document
from .base import LoadLimits, decode_bytes, first_line_title, guess_doc_type, parse_date

__all__ = ["load_markdown", "load_text", "split_bundle"]

#: a separator line between the parts of a bundle: ----, ====, ***, ~~~ (3 or more)
_SEPARATOR = re.compile(r"^[ \t]*([-=*_~])\1{2,}[ \t]*$", re.MULTILINE)
#: two or more blank lines
_GAP = re.compile(r"\n[ \t]*\n(?:[ \t]*\n)+")
_ABSTRACT = re.compile(r"^[ \t]*abstract\b", re.IGNORECASE | re.MULTILINE)


def split_bundle(text: str) -> list[tuple[int, int]]:
    """The ``(start, end)`` spans of the papers in a bundle of abstracts, or ``[]``.

    A bundle is a text whose parts, separated by rule lines (``----``) or by two or more blank
    lines, each hold an ``Abstract`` heading after a few title lines. Parts without an abstract
    (a preface, a note) are folded into the part before them.

    >>> t = "Paper A\\nAbstract\\nWe study A.\\n\\n----\\nPaper B\\nAbstract\\nWe study B.\\n"
    >>> [t[s:e].split(chr(10))[0] for s, e in split_bundle(t)]
    ['Paper A', 'Paper B']
    """
    for splitter in (_SEPARATOR, _GAP):
        cuts = [0]
        for m in splitter.finditer(text):
            cuts.extend((m.start(), m.end()))
        cuts.append(len(text))
        chunks = [(cuts[i], cuts[i + 1]) for i in range(0, len(cuts), 2) if text[cuts[i]:cuts[i + 1]].strip()]
        parts: list[tuple[int, int]] = []
        for s, e in chunks:
            m = _ABSTRACT.search(text, s, e)
            # the abstract heading must come within the first few lines, after a title
            if m and text.count("\n", s, m.start()) <= 6 and text[s:m.start()].strip():
                parts.append((s, e))
            elif parts:
                parts[-1] = (parts[-1][0], e)
        if len(parts) >= 2:
            return [(s + len(text[s:e]) - len(text[s:e].lstrip()), e) for s, e in parts]
    return []


def load_text(data: bytes, source: str, limits: LoadLimits | None = None) -> list[Document]:  # noqa: ARG001
    """Load a plain-text file: the first line is the title.

    A bundle of paper abstracts (see :func:`split_bundle`) becomes one document per paper, with
    the source ``file#1``, ``file#2``, ... and the paper's title line as its title.
    """
    text = decode_bytes(data, source)
    parts = split_bundle(text)
    if parts:
        return [Document(text=text[s:e].rstrip(), source=f"{source}#{i}",
                         title=first_line_title(text[s:e]), doc_type="Paper", media_type="text/plain",
                         metadata={"bundle": source, "part": i})
                for i, (s, e) in enumerate(parts, 1)]
    return [Document(text=text, source=source, title=first_line_title(text),
                     doc_type=guess_doc_type(text), media_type="text/plain")]


_FRONT = re.compile(r"\A---\n(.*?)\n---\n?", re.DOTALL)
#: most values (scalars, lists, mappings) front matter may hold once its aliases are expanded
FRONT_MATTER_MAX_VALUES = 100_000
#: deepest nesting of lists and mappings front matter may have
FRONT_MATTER_MAX_DEPTH = 50


def _check_size(value: object, source: str) -> None:
    """Refuse front matter that is too big or too deep once YAML aliases are expanded.

    ``yaml.safe_load`` shares one object for every ``*alias`` of an ``&anchor``, so nine lines of
    aliases to aliases parse at once into a value that is a billion strings when walked (and an
    alias inside its own anchor makes a list that contains itself). Everything after the parser
    walks the value, so it is counted here first, without recursion, up to the limits.

    Raises:
        LoaderError: over :data:`FRONT_MATTER_MAX_VALUES` values or :data:`FRONT_MATTER_MAX_DEPTH`
            levels.
    """
    stack: list[tuple[object, int]] = [(value, 0)]
    seen = 0
    while stack:
        node, depth = stack.pop()
        seen += 1
        if seen > FRONT_MATTER_MAX_VALUES:
            raise LoaderError(f"{source}: front matter expands to more than {FRONT_MATTER_MAX_VALUES:,} "
                              "values (YAML aliases of aliases?)")
        if depth > FRONT_MATTER_MAX_DEPTH:
            raise LoaderError(f"{source}: front matter is nested more than {FRONT_MATTER_MAX_DEPTH} "
                              "levels deep")
        if isinstance(node, dict):
            stack.extend((v, depth + 1) for kv in node.items() for v in kv)
        elif isinstance(node, list | tuple | set):
            stack.extend((v, depth + 1) for v in node)


def load_markdown(data: bytes, source: str, limits: LoadLimits | None = None) -> list[Document]:  # noqa: ARG001
    """Load Markdown, with optional YAML front matter (model cards) kept as metadata.

    The front matter is not part of the text (offsets index the body); its fields are in
    ``Document.metadata["front_matter"]``.
    """
    raw = decode_bytes(data, source)
    front: dict[str, object] = {}
    body = raw
    m = _FRONT.match(raw)
    if m:
        try:
            parsed = yaml.safe_load(m.group(1))
        except yaml.YAMLError as e:
            raise LoaderError(f"{source}: front matter is not valid YAML ({e})") from e
        except RecursionError:
            raise LoaderError(f"{source}: front matter is nested too deep") from None
        _check_size(parsed, source)
        if isinstance(parsed, dict):
            front = {str(k): v for k, v in parsed.items()}
        body = raw[m.end():]
    if not body.strip():
        raise LoaderError(f"{source}: no text after the front matter")
    title = str(front.get("title") or front.get("model_name") or first_line_title(body))
    url = front.get("url")
    if url is not None and not (isinstance(url, str) and is_safe_iri(url)
                                and url.startswith(("http://", "https://"))):
        raise LoaderError(f"{source}: front matter url {url!r} is not an http(s) IRI")
    return [Document(
        text=body, source=source, title=title,
        url=url if isinstance(url, str) else None,
        date=parse_date(front.get("date")),
        doc_type=guess_doc_type(body, markdown=True, front_matter=front),
        media_type="text/markdown",
        metadata={"front_matter": front} if front else {},
    )]
