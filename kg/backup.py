"""Backups of a store, and restoring one: consistent, checked, and swapped in whole.

A backup is a directory holding ``store/`` (a RocksDB checkpoint of the store: every committed
write, nothing half-written; table files are hard links when the backup is on the same file
system, so it is fast and small until the store changes) and ``manifest.json`` (quad count,
SHA-256 of the sorted N-Quads, llmkg version, time). ``store/`` is itself a store: ``--store
BACKUP/store`` reads it as it is (read-only use keeps it unchanged).

A restore copies ``store/`` to a temporary directory beside the target, checks the copy against
the manifest, then renames it into place, so the target is either the old store or the whole
restored one, never a mix. A non-empty target is only replaced when asked (``force``).

>>> import tempfile
>>> from pathlib import Path
>>> from kg.stores import open_store
>>> with tempfile.TemporaryDirectory() as tmp:
...     with open_store(Path(tmp, "store")) as store:
...         made = backup_store(store, Path(tmp, "backup"))
...     restored = restore_store(Path(tmp, "backup"), Path(tmp, "restored"))
...     restored == made
True
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import time
import uuid
from dataclasses import asdict, dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from .errors import InvalidInputError, StoreError
from .store import KGStore

__all__ = ["BACKUP_FORMAT", "BackupManifest", "backup_store", "next_backup_dir", "read_manifest",
           "restore_store", "store_digest"]

#: the ``format`` of manifests this version writes and reads
BACKUP_FORMAT = "llmkg-backup/1"
_MANIFEST = "manifest.json"
_STORE = "store"


@dataclass(frozen=True)
class BackupManifest:
    """What a backup holds, to check it by before it is restored."""

    #: :data:`BACKUP_FORMAT`
    format: str
    #: the llmkg version that wrote it
    llmkg_version: str
    #: when it was taken (UTC, ISO 8601)
    created: str
    #: the store directory it was taken from
    source: str
    #: quads in the backup
    quads: int
    #: SHA-256 of the backup's quads as sorted N-Quads lines (see :func:`store_digest`)
    sha256: str
    #: files and bytes of the ``store/`` directory
    files: int
    bytes: int
    #: seconds the backup took (checkpoint and digest)
    seconds: float

    def to_dict(self) -> dict[str, Any]:
        """The manifest as JSON-ready data."""
        return asdict(self)


def store_digest(store: KGStore) -> tuple[int, str]:
    """The quad count and the SHA-256 of the store's quads as sorted N-Quads lines.

    Two stores with equal digests hold the same quads ("store unchanged" in the test suite).
    """
    lines = sorted(str(q) for q in store.quads())
    return len(lines), hashlib.sha256("\n".join(lines).encode("utf-8")).hexdigest()


def backup_store(store: KGStore, target: Path) -> BackupManifest:
    """Back up an open store into ``target`` (a new or empty directory).

    The checkpoint holds every write committed before it started; writes go on meanwhile
    (the API calls this while serving). The manifest is computed from the checkpoint itself.

    Raises:
        InvalidInputError: ``target`` is a file or a non-empty directory.
        StoreError: the store is in memory, read-only or remote (a SPARQL server is backed up
            with its own tools), or the backup could not be written
            (nothing is left at ``target`` then).
    """
    if target.exists() and (not target.is_dir() or any(target.iterdir())):
        raise InvalidInputError(f"backup target {target} already exists and is not an empty directory")
    if store.remote:
        from .remote import backup_refusal

        raise backup_refusal(store.location)
    if store.path is None:
        raise StoreError("an in-memory store cannot be backed up: it is not durable")
    started = time.monotonic()
    created = not target.exists()
    try:
        target.mkdir(parents=True, exist_ok=True)
    except OSError as e:
        raise StoreError(f"cannot create backup directory {target}: {e.strerror}") from e
    try:
        store.checkpoint(target / _STORE)
        with KGStore(target / _STORE, read_only=True) as copy:
            quads, digest = store_digest(copy)
        files, size = _tree_size(target / _STORE)
        from . import __version__

        manifest = BackupManifest(
            format=BACKUP_FORMAT, llmkg_version=__version__,
            created=datetime.now(UTC).replace(microsecond=0).isoformat().replace("+00:00", "Z"),
            source=str(store.path.resolve()), quads=quads, sha256=digest, files=files, bytes=size,
            seconds=round(time.monotonic() - started, 3))
        _write_json(target / _MANIFEST, manifest.to_dict())
        _fsync_dir(target)
    except BaseException:
        shutil.rmtree(target if created else target / _STORE, ignore_errors=True)
        (target / _MANIFEST).unlink(missing_ok=True)
        raise
    return manifest


def next_backup_dir(store_path: Path) -> Path:
    """A new directory for a backup of ``store_path``: ``<store>.backups/<UTC time>`` beside it
    (the same file system, so table files are hard links)."""
    root = store_path.with_name(store_path.name + ".backups")
    stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%SZ")
    candidate, n = root / stamp, 1
    while candidate.exists():
        n += 1
        candidate = root / f"{stamp}-{n}"
    return candidate


def read_manifest(backup: Path) -> BackupManifest:
    """The manifest of the backup directory ``backup``.

    Raises:
        InvalidInputError: ``backup`` is not a backup written by llmkg (or its manifest is
            unreadable, or of another format).
    """
    path = backup / _MANIFEST
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError as e:
        raise InvalidInputError(f"{backup} is not an llmkg backup: it has no {_MANIFEST}") from e
    except (OSError, ValueError) as e:
        raise InvalidInputError(f"cannot read the backup manifest {path}: {e}") from e
    if not isinstance(data, dict) or data.get("format") != BACKUP_FORMAT:
        raise InvalidInputError(f"{path} is not a {BACKUP_FORMAT} manifest")
    try:
        return BackupManifest(**{k: data[k] for k in BackupManifest.__dataclass_fields__})
    except KeyError as e:
        raise InvalidInputError(f"the backup manifest {path} lacks {e}") from e


def restore_store(backup: Path, target: Path, *, force: bool = False) -> BackupManifest:
    """Restore the backup directory ``backup`` into the store directory ``target``.

    The backup is copied to a temporary directory beside ``target`` and checked there (it
    opens; its quad count and SHA-256 equal the manifest's); only then is it renamed into
    place. A crash before the rename leaves ``target`` as it was; the backup is never modified.

    Args:
        backup: a directory written by :func:`backup_store`.
        target: the store directory to restore into (missing or empty, unless ``force``).
        force: replace a non-empty ``target`` (its contents are deleted).

    Raises:
        InvalidInputError: ``backup`` is not a backup, or ``target`` is a file, or a non-empty
            directory without ``force``.
        StoreError: the backup is damaged (it does not open, or does not match its manifest),
            ``target`` is in use by another process, or the copy failed; ``target`` is unchanged.
    """
    manifest = read_manifest(backup)
    source = backup / _STORE
    if not (source / "CURRENT").is_file():
        raise StoreError(f"the backup {backup} is damaged: {source} holds no store")
    if target.exists() and not target.is_dir():
        raise InvalidInputError(f"cannot restore into {target}: it is a file")
    occupied = target.is_dir() and any(target.iterdir())
    if occupied and not force:
        raise InvalidInputError(f"{target} is not empty: pass --force to replace it with the backup "
                                "(its current contents are deleted)")
    if occupied and (target / "CURRENT").exists():
        try:
            KGStore(target).close()
        except StoreError as e:
            if "in use" in e.message:  # a running llmkg holds it: never swap a store from under it
                raise StoreError(f"cannot restore into {target}: {e.message}") from e
            # a damaged store is what a restore is for: replace it
    target.parent.mkdir(parents=True, exist_ok=True)
    staging = target.with_name(f".{target.name}.restoring-{uuid.uuid4().hex[:8]}")
    try:
        try:
            shutil.copytree(source, staging)
        except OSError as e:
            raise StoreError(f"cannot copy the backup to {staging.parent}: {e}") from e
        _fsync_tree(staging)
        try:
            with KGStore(staging, read_only=True) as copy:
                quads, digest = store_digest(copy)
        except StoreError as e:
            raise StoreError(f"the backup {backup} is damaged: {e.message}") from e
        if (quads, digest) != (manifest.quads, manifest.sha256):
            raise StoreError(f"the backup {backup} is damaged: it holds {quads} quads with SHA-256 "
                             f"{digest[:16]}..., its manifest says {manifest.quads} quads, "
                             f"{manifest.sha256[:16]}...")
        _swap_in(staging, target)
    finally:
        shutil.rmtree(staging, ignore_errors=True)
    return manifest


def _swap_in(staging: Path, target: Path) -> None:
    """Rename ``staging`` to ``target``; a non-empty ``target`` is moved aside first, then deleted."""
    if target.is_dir() and not any(target.iterdir()):
        target.rmdir()
    if not target.exists():
        os.rename(staging, target)
    else:
        aside = target.with_name(f".{target.name}.replaced-{uuid.uuid4().hex[:8]}")
        os.rename(target, aside)
        try:
            os.rename(staging, target)
        except OSError:
            os.rename(aside, target)
            raise
        shutil.rmtree(aside, ignore_errors=True)
    _fsync_dir(target.parent)


def _tree_size(path: Path) -> tuple[int, int]:
    files = [p for p in path.rglob("*") if p.is_file()]
    return len(files), sum(p.stat().st_size for p in files)


def _write_json(path: Path, data: dict[str, Any]) -> None:
    tmp = path.with_name(path.name + ".tmp")
    with tmp.open("w", encoding="utf-8") as fh:
        json.dump(data, fh, indent=2)
        fh.write("\n")
        fh.flush()
        os.fsync(fh.fileno())
    os.replace(tmp, path)


def _fsync_tree(path: Path) -> None:
    """Make a copied directory durable: its files, then the directory itself."""
    for p in path.rglob("*"):
        if p.is_file():
            fd = os.open(p, os.O_RDONLY)
            try:
                os.fsync(fd)
            finally:
                os.close(fd)
    _fsync_dir(path)


def _fsync_dir(path: Path) -> None:
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)
