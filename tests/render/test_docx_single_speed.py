"""What `avtal docx DOC` does to be fast (render/word/single.py) changes nothing in the file: the corpus it
sends the renderer is a slimmer copy, and the Word template is opened ahead."""

from __future__ import annotations

import pickle
from pathlib import Path

from avtal.render.word import single
from avtal.render.word.document import DocxRenderer, blank_document
from avtal.source.single import load_for_document

ROOT = Path(__file__).resolve().parents[2]
SOURCE = {"commit": "0" * 40, "date": "2026-01-01T00:00:00+00:00", "dirty": False}


def _agreement():
    corpus, doc = load_for_document(ROOT, lambda c: c.by_id.get("overenskommelse"))
    assert doc is not None and corpus.datasets, "the repository's agreement, with its data tables and glossary"
    return corpus, doc


def _render(corpus, doc, prepared=None) -> bytes:
    renderer = DocxRenderer(ROOT, corpus, None)
    renderer.source = SOURCE
    renderer.prepared = prepared
    return renderer.document(doc)


def test_the_corpus_sent_to_the_renderer_gives_the_same_file(monkeypatch) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1767225600")
    corpus, doc = _agreement()
    sent = pickle.loads(pickle.dumps(single._for_rendering(corpus, doc), protocol=pickle.HIGHEST_PROTOCOL))
    slim = next(d for d in sent.documents if d.path == doc.path)
    assert all(d.parsed.positions == {} and d.text == "" for d in sent.datasets)  # it is slimmer
    assert corpus.datasets[0].parsed.positions  # and the check's own corpus is untouched
    assert _render(sent, slim) == _render(corpus, doc)


def test_the_template_opened_ahead_is_used_only_for_the_same_template(monkeypatch) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1767225600")
    corpus, doc = _agreement()
    template = corpus.sources.word_template
    assert template is not None
    expected = _render(corpus, doc)
    assert _render(corpus, doc, (template, blank_document(template))) == expected
    other = blank_document(None)  # avtal's own template: a different look, which must not be taken
    assert _render(corpus, doc, (None, other)) == expected
    assert single._blank_ahead(ROOT)[0] == template
