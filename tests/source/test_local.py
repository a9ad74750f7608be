"""Local agreements from one source (issue 26, point 3): a template and a row per municipality,
expanded into a document each (source/local.py), checked, built, decided and logged as any document."""

from __future__ import annotations

import json
import xml.etree.ElementTree as etree

import docx
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from avtal.source.local import LocalOrigin, escape_value, spans, substitute, value_references

REGION = "Region Dalarna"
MUNICIPALITIES = ("Falu kommun", "Mora kommun", "Orsa kommun")
DATA = "lokala-avtal-lakarmedverkan.yaml"
TEMPLATE = f"""---
id: lokala-avtal-lakarmedverkan
title: Lokalt avtal om läkarmedverkan
type: lokalt avtal
date: 2026-11-22
applies_to: Hälsa och välfärd
owner: Omställningsledare
local: {DATA}
---

## Läkarmedverkan {{#lakarmedverkan}}

Läkaren kommer från [vårdenheten]({DATA}#vardenhet).

Kontakt sker genom [kontaktvägen]({DATA}#kontaktvag).
"""
VALUES = {"Falu kommun": "Vårdcentralen i exemplet A", "Mora kommun": "Vårdcentralen i exemplet B",
          "Orsa kommun": "Vårdcentralen i exemplet C"}


def _row(party: str, version: str = "0.1", status: str = "utkast", extra: str = "", values: dict | None = None) -> str:
    values = values if values is not None else {"vardenhet": VALUES[party], "kontaktvag": f"telefon till {party}"}
    lines = [f"  - party: {party}", f'    version: "{version}"', f"    status: {status}", "    change_note: Utkast."]
    lines += [f"    {line}" for line in extra.strip("\n").split("\n") if line] if extra else []
    lines.append("    values:" if values else "    values: {}")
    lines += [f"      {name}: {json.dumps(value, ensure_ascii=False)}" for name, value in values.items()]
    return "\n".join(lines) + "\n"


def _data(rows: list[str]) -> str:
    return "kind: local\ndocument: lokala-avtal-lakarmedverkan\nitems:\n" + "".join(rows)


def _write(repo, rows: list[str] | None = None, template: str = TEMPLATE) -> None:
    repo.write("agreement/lokala-avtal-lakarmedverkan.md", template)
    repo.write(f"agreement/{DATA}", _data(rows if rows is not None else [_row(p) for p in MUNICIPALITIES]))


def _line_of(text: str, needle: str) -> int:
    return next(i for i, line in enumerate(text.split("\n"), 1) if needle in line)


# -- Expansion --------------------------------------------------------------------------------------


def test_a_template_and_three_rows_give_three_documents_of_region_and_municipality(repo):
    from avtal.source.load import load_corpus

    _write(repo)
    corpus = load_corpus(repo.root)
    assert corpus.load_findings == []
    local = {doc.meta.id: doc for doc in corpus.documents if doc.origin is not None}
    assert sorted(local) == ["lokala-avtal-lakarmedverkan-falu-kommun", "lokala-avtal-lakarmedverkan-mora-kommun",
                             "lokala-avtal-lakarmedverkan-orsa-kommun"]
    falun = local["lokala-avtal-lakarmedverkan-falu-kommun"]
    assert falun.meta.parties == [REGION, "Falu kommun"]
    assert falun.meta.title == "Lokalt avtal om läkarmedverkan – Falu kommun"
    assert falun.path == "agreement/lokala-avtal-lakarmedverkan-falu-kommun.md"
    assert "Läkaren kommer från Vårdcentralen i exemplet A." in falun.body_text
    assert not any(doc.path == "agreement/lokala-avtal-lakarmedverkan.md" for doc in corpus.documents)
    assert repo.codes() == []


def test_each_municipality_has_its_own_version_and_status(repo):
    from avtal.source.load import load_corpus

    _write(repo, [_row("Falu kommun", "1.2", "remiss"), _row("Mora kommun")])
    corpus = load_corpus(repo.root)
    metas = {doc.origin.party: doc.meta for doc in corpus.documents if doc.origin}
    assert (metas["Falu kommun"].version, metas["Falu kommun"].status) == ("1.2", "remiss")
    assert (metas["Mora kommun"].version, metas["Mora kommun"].status) == ("0.1", "utkast")


# -- Findings at the template's and the row's lines ------------------------------------------------------


def test_an_unknown_value_is_reported_at_the_templates_line(repo):
    _write(repo, template=TEMPLATE.replace("#kontaktvag", "#kontaktvg"))
    findings = [f for f in repo.check() if f.code == "AV911"]
    assert [(f.path, f.line) for f in findings] == [
        ("agreement/lokala-avtal-lakarmedverkan.md", _line_of(TEMPLATE, "kontaktvägen"))]
    assert 'Värdet "kontaktvg"' in findings[0].message and "kontaktvag" in findings[0].message


def test_a_missing_value_is_reported_at_the_municipalitys_row(repo):
    rows = [_row("Falu kommun"), _row("Mora kommun", values={"vardenhet": "Vårdcentralen i exemplet B"})]
    _write(repo, rows)
    data = _data(rows)
    findings = [f for f in repo.check() if f.code == "AV912"]
    mora_values = _line_of(data, "party: Mora kommun") + 4
    assert [(f.path, f.line) for f in findings] == [(f"agreement/{DATA}", mora_values)]
    assert "Mora kommun saknar värde för kontaktvag" in findings[0].message


def test_an_unknown_party_is_reported_at_its_row_in_swedish(repo):
    rows = [_row("Falu kommun"), _row("Falun kommun", values={"vardenhet": "x", "kontaktvag": "y"})]
    _write(repo, rows)
    findings = [f for f in repo.check() if f.code == "AV104"]
    assert [(f.path, f.line) for f in findings] == [(f"agreement/{DATA}", _line_of(_data(rows), "Falun kommun"))]
    assert "Falu kommun" in findings[0].message  # the suggestion


def test_a_mistake_in_the_templates_text_is_one_finding_at_its_line_and_column(repo):
    line = f"Se [enheten]({DATA}#vardenhet) och [avsnittet](#finns-inte)."
    broken = TEMPLATE + "\n" + line + "\n"
    _write(repo, template=broken)
    findings = [(f.path, f.line, f.column) for f in repo.check() if f.code.startswith("AV2")]
    assert findings == [("agreement/lokala-avtal-lakarmedverkan.md", _line_of(broken, "finns-inte"),
                         line.index("[avsnittet]") + 1)]


def test_a_decision_by_an_unknown_body_is_reported_at_the_rows_line(repo):
    decision = ("decisions:\n  Falu kommun: {body: Kommunstyrelsen i fel, meeting_date: 2027-01-10, paragraph: 3, "
                "minutes_approved: 2027-01-12}")
    rows = [_row("Falu kommun", extra=decision), _row("Mora kommun")]
    _write(repo, rows)
    findings = [(f.path, f.line, f.code) for f in repo.check() if f.code == "AV106"]
    assert findings == [(f"agreement/{DATA}", _line_of(_data(rows), "Falu kommun: {body"), "AV106")]


@pytest.mark.parametrize(("change", "code"), [
    ("version", "AV914"),  # a key of the rows in the template
    ("local", "AV910"),  # a data file that is not there
    ("twice", "AV913"),  # a municipality twice
    ("region", "AV913"),  # the region as a municipality
])
def test_template_and_row_mistakes_have_their_own_codes(repo, change, code):
    template, rows = TEMPLATE, [_row(p) for p in MUNICIPALITIES]
    if change == "version":
        template = TEMPLATE.replace("type: lokalt avtal", 'type: lokalt avtal\nversion: "0.1"')
    elif change == "local":
        template = TEMPLATE.replace(f"local: {DATA}", "local: saknas.yaml")
    elif change == "twice":
        rows.append(_row("Falu kommun"))
    else:
        rows.append(_row(REGION, values={"vardenhet": "x", "kontaktvag": "y"}))
    _write(repo, rows, template)
    found = [f for f in repo.check() if f.code == code]
    assert found and all(f.message and not f.message.startswith("internt") for f in found)


# -- The reference syntax (hypothesis) --------------------------------------------------------------------

_NAME = st.from_regex(r"[a-z][a-z0-9_]{0,12}", fullmatch=True)
_VALUE = st.text(st.characters(blacklist_categories=("Cs", "Cc", "Cn", "Zl", "Zp"), blacklist_characters="\x85"),
                 min_size=1, max_size=40).filter(lambda v: v.strip() == v and v)
_PROSE = st.text(st.characters(blacklist_categories=("Cs",), blacklist_characters="\r\x85\u2028\u2029"), max_size=60)


@given(parts=st.lists(st.tuples(_PROSE, st.none() | _NAME), max_size=6),
       values=st.dictionaries(_NAME, _VALUE, max_size=5))
@settings(max_examples=200, deadline=None)
def test_substitution_keeps_the_lines_and_replaces_each_known_reference(parts, values):
    text = "".join(prose + (f"[etikett]({DATA}#{name})" if name else "") for prose, name in parts)
    refs = value_references(text, DATA)
    result = substitute(text, refs, values)
    assert result.count("\n") == text.count("\n")  # findings in the text point at the template's lines
    for ref in refs:
        assert text[ref.start:ref.end].endswith(f"#{ref.name})")
        assert text.split("\n")[ref.line - 1][ref.column - 1:].startswith(text[ref.start:ref.end])
    assert value_references(result, DATA) == []  # a reference without a value shows its label
    origin = LocalOrigin("mall.md", None, 0, "Falu kommun", "Mall", spans(refs, values, 1))
    expanded, written = result.split("\n"), text.split("\n")
    for ref, (span_line, start, length, _, name) in zip(refs, origin.spans, strict=True):
        shown = escape_value(values[name]) if name in values else ref.label
        assert expanded[span_line - 1][start - 1:start - 1 + length] == shown
    inside = {(ln, col) for ln, start, length, _, _ in origin.spans for col in range(start, start + length)}
    for number, row in enumerate(expanded, 1):
        for column, char in enumerate(row, 1):
            if (number, column) not in inside:  # a finding outside the values: at the template's character
                path, line, at = origin.place(number, column)
                assert (path, line) == ("mall.md", number) and written[line - 1][at - 1] == char
    assert substitute(text, value_references(text, "annan.yaml"), values) == text


@pytest.fixture(scope="module")
def converter():
    from avtal.render.markup import document_markdown
    from avtal.source.corpus import Corpus
    from conftest import REPO_ROOT

    return lambda: document_markdown(REPO_ROOT, Corpus(root=REPO_ROOT, vocabulary=None), "agreement/x.md")


@given(value=_VALUE)
@settings(max_examples=300, deadline=None)
def test_a_value_shows_as_written_whatever_markdown_it_looks_like(converter, value):
    html = converter().convert(f"Före {escape_value(value)} efter.")
    root = etree.fromstring(f"<root>{html}</root>")
    assert "".join(root.itertext()) == f"Före {value} efter."


# -- Site, Word, packages, what is in force and the change log -------------------------------------------


def _fingerprint(root, doc_id: str) -> str:
    from avtal.decisions.index import FingerprintIndex
    from avtal.history.changelog import load_changelog
    from avtal.source.load import load_corpus

    corpus = load_corpus(root)
    return FingerprintIndex(root, corpus, load_changelog(root)).decided_text(corpus.by_id[doc_id]).fingerprint


def _decisions(fingerprint: str, party: str, version: str = "1.0") -> str:
    return (f"valid_from: 2027-01-01\nchange_kind: materiell\ndecisions:\n"
            f"  {REGION}:\n    body: Hälso- och sjukvårdsnämnden\n    meeting_date: 2026-12-01\n    paragraph: 4\n"
            f"    minutes_approved: 2026-12-03\n    version: \"{version}\"\n    fingerprint: {fingerprint}\n"
            f"  {party}:\n    body: Kommunfullmäktige\n    meeting_date: 2026-12-02\n    paragraph: 7\n"
            f"    minutes_approved: 2026-12-04\n    version: \"{version}\"\n    fingerprint: {fingerprint}")


@pytest.fixture(scope="module")
def decided(tmp_path_factory):
    """Falun's local agreement decided in version 1.0, Mora's and Orsa's drafts; committed in git."""
    from conftest import GitRepo

    repo = GitRepo(tmp_path_factory.mktemp("lokala") / "arkiv")
    _write(repo)
    repo.commit("Lokala avtal om läkarmedverkan, utkast")
    rows = [_row("Falu kommun", "1.0"), _row("Mora kommun"), _row("Orsa kommun")]
    _write(repo, rows)
    repo.commit("Falun: version 1.0 inför beslut")
    fingerprint = _fingerprint(repo.root, "lokala-avtal-lakarmedverkan-falu-kommun")
    rows[0] = _row("Falu kommun", "1.0", "beslutad", _decisions(fingerprint, "Falu kommun"))
    _write(repo, rows)
    repo.commit("Falun: beslutat av regionen och kommunen")
    return repo


def test_the_decided_local_agreement_checks(decided):
    assert decided.codes() == []


def test_avtal_gallande_lists_a_partys_own_local_agreement_and_no_other(decided):
    falun = decided.avtal("gällande", "--party", "Falu kommun", "--date", "2027-02-01")
    assert falun.code == 0, falun.stdout + falun.stderr
    assert "Lokalt avtal om läkarmedverkan – Falu kommun" in falun.stdout
    assert "Mora kommun" not in falun.stdout and "Orsa kommun" not in falun.stdout
    line = next(line for line in falun.stdout.splitlines() if "– Falu kommun" in line)
    assert "1.0" in line
    mora = decided.avtal("gällande", "--party", "Mora kommun", "--date", "2027-02-01")
    assert "Lokalt avtal om läkarmedverkan – Mora kommun" in mora.stdout and "Falu kommun" not in mora.stdout
    region = decided.avtal("gällande", "--party", REGION, "--date", "2027-02-01")
    assert all(f"– {name}" in region.stdout for name in MUNICIPALITIES)


def test_each_municipalitys_change_log_has_its_own_versions(decided):
    from avtal.history.changelog import load_changelog

    logs = load_changelog(decided.root).documents
    falun = logs["lokala-avtal-lakarmedverkan-falu-kommun"]
    mora = logs["lokala-avtal-lakarmedverkan-mora-kommun"]
    assert [(v.version, v.status) for v in falun.versions] == [("1.0", "beslutad"), ("0.1", "utkast")]
    assert [len(v.commits) for v in falun.versions] == [2, 1]
    assert [(v.version, len(v.commits)) for v in mora.versions] == [("0.1", 1)]
    assert falun.title == "Lokalt avtal om läkarmedverkan – Falu kommun"
    assert "lokala-avtal-lakarmedverkan" not in logs  # the template is no document of its own


def test_a_change_of_the_template_is_in_every_municipalitys_log(decided, tmp_path):
    import shutil

    from avtal.history.changelog import load_changelog
    from conftest import GitRepo

    copy = tmp_path / "kopia"
    shutil.copytree(decided.root, copy)
    repo = GitRepo.__new__(GitRepo)
    repo.root, repo.day = copy, 10
    text = (copy / "agreement/lokala-avtal-lakarmedverkan.md").read_text("utf-8")
    repo.write("agreement/lokala-avtal-lakarmedverkan.md", text.replace("Kontakt sker", "Kontakten sker"))
    uncommitted = {doc_id: log.uncommitted for doc_id, log in load_changelog(copy).documents.items()}
    assert uncommitted["lokala-avtal-lakarmedverkan-mora-kommun"].paths == ["agreement/lokala-avtal-lakarmedverkan.md"]
    assert uncommitted["lokala-avtal-lakarmedverkan-falu-kommun"].version == "1.0"
    assert "lokala-avtal-lakarmedverkan" not in uncommitted
    repo.commit("Mallen: en ny formulering")
    logs = load_changelog(copy).documents
    for party in ("mora-kommun", "orsa-kommun", "falu-kommun"):
        commits = [c.subject for v in logs[f"lokala-avtal-lakarmedverkan-{party}"].versions for c in v.commits]
        assert commits[0] == "Mallen: en ny formulering", (party, commits)


@pytest.mark.slow
@pytest.mark.libreoffice
def test_the_build_gives_each_municipality_its_page_word_file_and_packages(decided, tmp_path):
    import shutil

    if not (shutil.which("soffice") or shutil.which("libreoffice")):
        pytest.skip("LibreOffice is missing: run make test")
    from conftest import REPO_ROOT

    shutil.copy(REPO_ROOT / "mkdocs.yml", decided.root / "mkdocs.yml")
    shutil.copytree(REPO_ROOT / "webbplats", decided.root / "webbplats")
    shutil.copytree(REPO_ROOT / "templates", decided.root / "templates")
    out = tmp_path / "build"
    done = decided.avtal("build", "--out", str(out))
    assert done.code == 0, done.stdout + done.stderr
    for party, value in VALUES.items():
        slug = party.lower().replace(" ", "-").replace("å", "a")
        page = (out / "site" / "agreement" / f"lokala-avtal-lakarmedverkan-{slug}" / "index.html").read_text("utf-8")
        assert f"Läkaren kommer från {value}." in " ".join(page.split())
        version = "1.0" if party == "Falu kommun" else "0.1"
        word = docx.Document(out / "docx" / f"lokala-avtal-lakarmedverkan-{slug}_v{version}.docx")
        text = "\n".join(p.text for p in word.paragraphs)
        assert f"Läkaren kommer från {value}." in text
        assert all(other not in text for other in VALUES.values() if other != value)
    packages = sorted(p.name for p in (out / "beslutsunderlag").iterdir() if p.is_dir())
    falun = [name for name in packages if name.startswith("lokala-avtal-lakarmedverkan-falu-kommun")]
    assert sorted(falun) == ["lokala-avtal-lakarmedverkan-falu-kommun_v1.0_falu-kommun",
                             "lokala-avtal-lakarmedverkan-falu-kommun_v1.0_region-dalarna"]
    assert not any(name.endswith(("_mora-kommun", "_orsa-kommun")) and "falu-kommun_" in name for name in packages)
    assert not any("mora-kommun_v" in name for name in packages)  # a draft has no package
    in_force = (out / "site" / "gallande" / "index.html").read_text("utf-8")
    assert "Lokalt avtal om läkarmedverkan – Falu kommun" in in_force


def test_verify_record_writes_the_fingerprint_into_the_municipalitys_row(git_repo, tmp_path):
    import shutil

    from conftest import REPO_ROOT

    decision = ("decisions:\n  Falu kommun:\n    body: Kommunfullmäktige\n    meeting_date: 2027-01-10\n"
                "    paragraph: 3\n    minutes_approved: 2027-01-12\n")
    rows = [_row("Falu kommun", extra=decision), _row("Mora kommun")]
    repo = git_repo
    _write(repo, rows)
    shutil.copytree(REPO_ROOT / "templates", repo.root / "templates")
    repo.commit("Lokala avtal")
    assert repo.avtal("build", "--out", str(tmp_path / "bygge")).code == 0
    word = tmp_path / "bygge" / "docx" / "lokala-avtal-lakarmedverkan-falu-kommun_v0.1.docx"
    result = repo.avtal("verify", str(word), "--record", "Falu kommun")
    assert result.code == 0, result.stdout + result.stderr
    assert f"agreement/{DATA}" in result.stdout
    written = (repo.root / "agreement" / DATA).read_text("utf-8")
    falun, mora = written.split("  - party: Mora kommun")
    assert '        version: "0.1"\n        fingerprint: sha256:' in falun and "fingerprint" not in mora
    assert repo.codes() == []
    assert "beslutad av 1 av 2 parter (Falu kommun)" in repo.avtal("verify", str(word)).stdout


def test_check_base_holds_each_municipalitys_agreement_to_its_version(decided, tmp_path):
    import shutil

    copy = tmp_path / "kopia"
    shutil.copytree(decided.root, copy)
    template = copy / "agreement" / "lokala-avtal-lakarmedverkan.md"
    template.write_text(template.read_text("utf-8").replace("Kontakt sker", "Kontakten sker"), "utf-8")
    data = copy / "agreement" / DATA
    text = data.read_text("utf-8")
    data.write_text(text.replace("telefon till Mora kommun", "e-post till Mora kommun"), "utf-8")
    from avtal.rules.check import check

    _, findings = check(copy, base="HEAD")
    found = sorted((f.path, f.line, f.code) for f in findings if f.code.startswith("AV60"))
    rows = text.split("\n")
    falun_version = next(i for i, line in enumerate(rows, 1) if line.startswith('    version: "1.0"'))
    assert found == [(f"agreement/{DATA}", falun_version, "AV603")]  # the drafts may change; the decided text not
