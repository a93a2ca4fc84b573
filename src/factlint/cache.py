"""A cache of parsed articles in ``.factlint_cache/``, so re-linting a revised draft does not re-parse its sources.

Why: once the model is loaded, the spaCy parse is about 90% of a lint (one draft against 20
ECB+ sources: parse 0.60 s of 0.66 s; reading the 21 cached Docs 0.15 s). Sources rarely change
between runs; the draft does. When every text is cached the model is not even loaded (0.5 s).
Measured by benchmarks/lint_cache.py, which also times the whole command.

What is cached: the Doc that ``nlp.pipe`` returns for one text, as a one-Doc ``DocBin`` (tokens,
tags, lemmas, dependencies, entities, sentence starts, ``doc.spans``). The entry's name is a
sha256 over the text and the version key, a sha256 over everything that can change a parse:
the model (name, version, pipes), spaCy's and thinc's versions and the contents of factlint's
own code and data (any change to factlint invalidates the cache: the "extractor version"). Layout::

    .factlint_cache/CACHEDIR.TAG, .gitignore
    .factlint_cache/<16 hex: version key>/<2 hex>/<sha256 of version key and text>.spacy

Safety: entries are written to a temporary file in their own directory and renamed into place,
so a process sharing the cache sees a whole entry or none. An entry that cannot be read, or
that does not hold the text asked for, is a miss and is rewritten. The whole directory may be
deleted at any time. If the directory cannot be created or written, caching is off for the run
(one warning on stderr) and the lint goes on.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import sys
import tempfile
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

import spacy
import thinc
from spacy.tokens import Doc, DocBin
from spacy.vocab import Vocab

DEFAULT_DIR = ".factlint_cache"
_UMASK = os.umask(0o022)
os.umask(_UMASK)  # read once: the umask can only be read by setting it
CACHEDIR_TAG = ("Signature: 8a477f597d28d172789f06886806bc55\n"
                "# This file is a cache directory tag created by factlint.\n"
                "# For information about cache directory tags, see https://bford.info/cachedir/\n")


@cache
def code_fingerprint() -> str:
    """The "extractor version": factlint's installed code and data, hashed once per process."""
    return tree_digest(Path(__file__).resolve().parent)


def tree_digest(root: Path) -> str:
    """sha256 over the path and contents of every file under ``root`` (bytecode aside)."""
    digest = hashlib.sha256()
    for path in sorted(p for p in root.rglob("*") if p.is_file() and "__pycache__" not in p.parts):
        data = path.read_bytes()
        digest.update(f"{path.relative_to(root).as_posix()}\0{len(data)}\0".encode())
        digest.update(data)
    return digest.hexdigest()


@dataclass(frozen=True)
class ModelCard:
    """What the cache needs of a model, known without loading it: its meta.json (name, version,
    pipeline) and a vocabulary of its language to read Docs into (a Doc read back into a blank
    vocabulary gives the same claims: checked on every ECB+ story and the seeds)."""

    meta: dict = field(hash=False)
    vocab: Vocab = field(hash=False)

    @classmethod
    def from_meta(cls, meta: dict) -> "ModelCard":
        return cls(meta, spacy.blank(meta.get("lang", "en")).vocab)


def version_key(card: ModelCard) -> str:
    """What, besides the text, decides a parse: the model, spaCy and factlint's own code."""
    meta = card.meta
    parts = [f"{meta.get('lang')}_{meta.get('name')}", str(meta.get("version")), ",".join(meta.get("pipeline", [])),
             spacy.__version__, thinc.__version__, code_fingerprint()]
    return hashlib.sha256("\0".join(parts).encode()).hexdigest()


class ParseCache:
    """Parsed Docs on disk, one file per text; every failure is a miss, never an error."""

    def __init__(self, directory: Path | str = DEFAULT_DIR):
        self.directory = Path(directory)
        self.enabled = True
        self._ready = False

    def path(self, card: ModelCard, text: str) -> Path:
        version = version_key(card)
        sha = hashlib.sha256(f"{version}\0{text}".encode("utf-8", "surrogatepass")).hexdigest()
        return self.directory / version[:16] / sha[:2] / f"{sha}.spacy"

    def get(self, card: ModelCard, text: str) -> Doc | None:
        if not self.enabled:
            return None
        try:
            docs = list(DocBin().from_bytes(self.path(card, text).read_bytes()).get_docs(card.vocab))
        except Exception:  # missing, unreadable, truncated, not a DocBin: parse again
            return None
        return docs[0] if len(docs) == 1 and docs[0].text == text else None

    def put(self, card: ModelCard, text: str, doc: Doc) -> None:
        if not self._setup():
            return
        target = self.path(card, text)
        docbin = DocBin(store_user_data=True)
        docbin.add(doc)
        try:
            target.parent.mkdir(parents=True, exist_ok=True)
            _write_atomic(target, docbin.to_bytes())
        except OSError as err:
            self._disable(err)

    def _setup(self) -> bool:
        """On first write: make the directory and mark it as a cache that backups and git skip."""
        if self.enabled and not self._ready:
            try:
                self.directory.mkdir(parents=True, exist_ok=True)
                for name, content in (("CACHEDIR.TAG", CACHEDIR_TAG), (".gitignore", "# Created by factlint.\n*\n")):
                    if not (self.directory / name).exists():
                        _write_atomic(self.directory / name, content.encode())
                self._ready = True
            except OSError as err:
                self._disable(err)
        return self.enabled

    def _disable(self, err: OSError) -> None:
        self.enabled = False
        print(f"factlint: warning: cache disabled: {self.directory}: {err.strerror or err}", file=sys.stderr)


def _write_atomic(path: Path, data: bytes) -> None:
    """A temporary file next to ``path``, renamed over it: readers see the old file or the new, whole."""
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=".tmp-")
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
        os.chmod(tmp, 0o666 & ~_UMASK)  # mkstemp's files are private; a shared cache needs the usual mode
        os.replace(tmp, path)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise
