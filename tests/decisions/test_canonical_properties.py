"""Properties of the canonical text, with hypothesis: any paragraphs written in Markdown give the same
fingerprint from the model and from the Word file; any bytes handed to verify's reader are read or
refused with a message, never an exception of another kind."""

import io
import zipfile

from decided import parts_of
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from conftest import Repo, document

# Words with the characters that tend to differ between sides: non-breaking and other spaces, combining
# marks (NFC), dashes, section signs, Markdown's own punctuation escaped by the writer.
PIECE = st.sampled_from(list("abcåäöÅÄÖ§–—0123456789") + ["\u00a0", "e\u0301", "\u2009", "&amp;", "&sect;"])
WORD = st.lists(PIECE, min_size=1, max_size=8).map("".join)
PARAGRAPH = st.lists(WORD, min_size=1, max_size=12).map(" ".join)


@settings(max_examples=20, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(paragraphs=st.lists(PARAGRAPH, min_size=1, max_size=5), listed=st.booleans())
def test_any_paragraphs_give_the_same_fingerprint_from_both_sides(tmp_path_factory, paragraphs, listed):
    from avtal.render.word.document import DocxRenderer
    from avtal.render.word.modeltext import model_fingerprint
    from avtal.source.load import load_corpus

    repo = Repo(tmp_path_factory.mktemp("prop") / "repo")
    body = "\n".join(f"- {p}" for p in paragraphs) if listed else "\n\n".join(paragraphs)
    repo.write("plans/plan.md", document("\n" + body + "\n"))
    corpus = load_corpus(repo.root)
    renderer = DocxRenderer(repo.root, corpus, None)
    doc = corpus.by_id["plan"]
    assert parts_of(renderer.document(doc))[0].fingerprint() == model_fingerprint(renderer, doc)[0]


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=st.binary(max_size=400), xml=st.binary(max_size=200))
def test_any_bytes_are_read_or_refused_with_a_message(tmp_path, data, xml):
    from avtal.decisions.wordfile import UnreadableFile, read_word

    raw = tmp_path / "raw.docx"
    raw.write_bytes(data)
    zipped = tmp_path / "zip.docx"
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("word/document.xml", xml)
    zipped.write_bytes(buffer.getvalue())
    for path in (raw, zipped):
        try:
            read_word(path)
        except UnreadableFile as error:
            assert str(error).startswith(str(path))
