"""Klarspråk: the running text as the site shows it, Swedish sentences, LIX, and the check's findings."""

from __future__ import annotations

import textwrap

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from avtal.source.klarsprak import ends_sentence, lix, lix_band, long_word, prose, sentences, word_count


def _sentences(text: str) -> list[str]:
    return [" ".join(t.text for t in s) for p in prose(text) for s in sentences(p)]


@pytest.mark.parametrize("text, expected", [
    ("Regionen ansvarar t.ex. för läkarna. Kommunen ansvarar för resten.",
     ["Regionen ansvarar t.ex. för läkarna.", "Kommunen ansvarar för resten."]),
    ("Det gäller bl.a. Mora och Orsa. Det gäller inte Falun.", ["Det gäller bl.a. Mora och Orsa.",
                                                             "Det gäller inte Falun."]),
    ("Enligt 8 kap. 9 § HSL ska regionen erbjuda hjälpmedel. Kommunen gör det också.",
     ["Enligt 8 kap. 9 § HSL ska regionen erbjuda hjälpmedel.", "Kommunen gör det också."]),
    ("Lagen gäller från den 1 januari 2027. Regionen förbereder sig.",
     ["Lagen gäller från den 1 januari 2027.", "Regionen förbereder sig."]),
    ("Se avsnitt nr. 4 och sid. 12 i bilagan.", ["Se avsnitt nr. 4 och sid. 12 i bilagan."]),
    ("Förband, katetrar m.m. Regionen betalar.", ["Förband, katetrar m.m.", "Regionen betalar."]),
    ("Vem betalar? Regionen! Kommunen betalar inte.", ["Vem betalar?", "Regionen!", "Kommunen betalar inte."]),
    ("Förslag: Regionen ansvarar.", ["Förslag: Regionen ansvarar."]),
    ('Hon sa "Vi börjar." Sedan började de.', ['Hon sa "Vi börjar."', "Sedan började de."]),
    ("Läs mer på www.regiondalarna.se. där står det.", ["Läs mer på www.regiondalarna.se. där står det."]),
])
def test_swedish_sentence_split(text, expected):
    assert _sentences(text) == expected


def test_prose_reads_the_text_as_the_site_shows_it():
    body = textwrap.dedent("""\
        ## Rubrik {#rubrik}

        Ett [stycke](annan.md#x) med [[vårdbegäran]], **fetstil** och `kod som inte räknas`.

        | Tabell | Räknas |
        | --- | --- |
        | inte | alls |

        ```
        Kod räknas inte heller.
        ```

        - En punkt utan punkt
        - En till

        !!! question "Öppen fråga: Rubriken räknas inte?" {#fraga}
            Förslag: texten i rutan räknas.

        [Risker](risker.yaml)
        """)
    paragraphs = prose(body, first_line=10)
    assert [" ".join(t.text for t in p.tokens) for p in paragraphs] == [
        "Ett stycke med vårdbegäran, fetstil och .", "En punkt utan punkt", "En till",
        "Förslag: texten i rutan räknas."]
    assert [p.line for p in paragraphs] == [12, 22, 23, 26]
    # Each list item is a sentence of its own, though it has no full stop.
    assert [word_count(s) for p in paragraphs for s in sentences(p)] == [6, 4, 2, 5]


def test_lix_formula_and_bands():
    # 11 words, 2 sentences, 5 long words (more than six letters: Kommunen, ansvarar, Regionen, betalar,
    # hjälpmedel): 11/2 + 100*5/11.
    paragraphs = prose("Kommunen ansvarar för vården. Regionen betalar hjälpmedel och det är bra.")
    measured = lix(paragraphs)
    assert (measured.words, measured.sentences, measured.long_words) == (11, 2, 5)
    assert measured.value == pytest.approx(11 / 2 + 100 * 5 / 11)
    assert long_word("hälso-") is False and long_word("sjukvården") is True and long_word("t.ex.") is False
    assert lix([]).value == 0 and lix_band(24.9) == "mycket lätt" and lix_band(45) == "svår"
    assert lix_band(55.5) == "mycket svår"


def test_check_reports_long_sentences_and_hard_paragraphs_as_information(repo):
    long_sentence = " ".join(["ord"] * 36) + "."
    hard = " ".join(["Sjukvårdshuvudmännens"] * 25) + "."
    repo.doc("plan", f"\n{long_sentence}\n\n{hard}\n\nKort och lätt text.\n")
    findings = [f for f in repo.check() if f.code in ("AV323", "AV324")]
    assert all(f.severity.value == "info" for f in findings)
    by_code = {(f.code, f.line) for f in findings}
    lines = (repo.root / "plans" / "plan.md").read_text("utf-8").splitlines()
    sentence_line = lines.index(long_sentence) + 1
    hard_line = lines.index(hard) + 1
    assert ("AV323", sentence_line) in by_code and ("AV324", hard_line) in by_code
    assert ("AV324", sentence_line) not in by_code  # 36 short words: LIX 36
    assert "36 ord" in next(f.message for f in findings if f.code == "AV323")


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.text(), st.integers(1, 10_000))
def test_never_fails_on_any_text(text, first_line):
    paragraphs = prose(text, first_line)
    for paragraph in paragraphs:
        for sentence in sentences(paragraph):
            assert word_count(sentence) >= 1
        assert sum(word_count(s) for s in sentences(paragraph)) == len(paragraph.words)
    measured = lix(paragraphs)
    assert measured.value >= 0 and measured.sentences <= measured.words
    lix_band(measured.value)


markdownish = st.lists(st.sampled_from([
    "t.ex.", "bl.a.", "kap.", "§", "8", "2027.", "Regionen", "kommunen", "m.m.", "?", "!", "\n", "\n\n", "- ",
    "1. ", "|", "```", "`", "[", "]", "(", ")", "[[", "]]", "!!! question ", '"', "{#x}", "    ", ">", "#", "*",
    "_", ":", "<", ">", "&amp;", "\\", "\u00a0", "…", "”", "É", "ß", "\t"]), max_size=60).map("".join)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(markdownish, st.one_of(st.none(), st.text(max_size=5)))
def test_never_fails_on_markdown_like_text(text, following):
    paragraphs = prose(text)
    lix(paragraphs)
    for token in text.split():
        ends_sentence(token, following)


def test_paragraphs_made_in_one_step_equal_the_dataclass():
    """_paragraph sets the fields by name, bypassing __init__: the names must be the dataclass's own."""
    import dataclasses

    from avtal.source.klarsprak import _PARAGRAPH_FIELDS, Paragraph

    assert tuple(f.name for f in dataclasses.fields(Paragraph)) == _PARAGRAPH_FIELDS
    read = prose("Regionen ansvarar. Kommunen ansvarar också!\n\nEtt stycke till.")
    assert read == [Paragraph(*(getattr(p, name) for name in _PARAGRAPH_FIELDS)) for p in read]
    assert [p.spans for p in read] == [((0, 2), (2, 5)), ((0, 3),)]
