"""One mistake, one finding: what follows only from a file that failed is folded under its cause."""

import textwrap

from conftest import Repo

ANNEX_DATE_LINE = 7  # "date:" in the front matter conftest writes (after ---, id, title, type, version, status)


def _corpus_around_an_annex(repo: Repo, annex_date: str = "2026-11-22") -> None:
    """An agreement, annex 1 with the glossary, a plan and data: everything refers to the annex."""
    repo.doc("overenskommelse", textwrap.dedent("""\
        ## Bilagor {#bilagor}

        Begreppen står i bilaga 1, se [vårdbegäran](../annexes/begrepp.md#vardbegaran) och
        [ordlistan](../annexes/begrepp.md#om-ordlistan). Kommunen tar emot [[vårdbegäran]].
        """), type="överenskommelse")
    repo.doc("begrepp", textwrap.dedent("""\
        ## Om ordlistan {#om-ordlistan}

        Ordlistan:

        [Begreppen](begrepp.yaml)
        """), type="bilaga", annex_number=1, annex_of="overenskommelse", date=annex_date)
    repo.write("annexes/begrepp.yaml", textwrap.dedent("""\
        kind: glossary
        document: begrepp
        terms:
          - {id: vardbegaran, term: vårdbegäran, definition: En begäran om vård.}
        """))
    repo.doc("plan", textwrap.dedent("""\
        Se bilagorna 1 och [begreppen](../annexes/begrepp.md).

        [Riskerna](risker.yaml)
        """), related="[begrepp]")
    repo.write("plans/risker.yaml", textwrap.dedent("""\
        kind: risks
        document: plan
        items:
          - id: R01
            risk: Begreppen läses olika.
            probability: 2
            consequence: 3
            measures: [Ordlistan.]
            owner: Omställningsledare
            status: öppen
            sections: [begrepp#om-ordlistan]
        """))


def test_the_fixture_is_clean_with_a_real_date(repo):
    _corpus_around_an_annex(repo)
    assert [(f.path, f.code) for f in repo.check()] == []


def test_an_impossible_date_in_an_annex_is_one_error_at_its_line(repo):
    _corpus_around_an_annex(repo, annex_date="2026-02-30")
    result = repo.avtal("check", "--format", "json")
    assert result.code == 1
    errors = [f for f in result.findings if f["severity"] == "error"]
    assert [(f["path"], f["line"], f["code"]) for f in errors] == [("annexes/begrepp.md", ANNEX_DATE_LINE, "AV103")]
    (error,) = errors
    assert '"2026-02-30"' in error["message"]
    # The folded consequences are counted on the cause: "bilaga 1" and "bilagorna 1", the plan's
    # `related`, the glossary's `document` and the risk's `sections`.
    assert "hänvisningar hit från" in error["message"] and "kontrolleras när detta är rättat" in error["message"]
    assert len(result.findings) == 1


def test_github_puts_the_cause_first(repo):
    _corpus_around_an_annex(repo, annex_date="2026-02-30")
    repo.doc("plan2", "Se [x](#rubrik).\n\n## Rubrik\n\n!!! question \"Öppen fråga: Vad?\"\n    Förslag.\n")
    github = repo.avtal("check", "--format", "github").stdout.splitlines()
    assert github[0].startswith(f"::error file=annexes/begrepp.md,line={ANNEX_DATE_LINE},col=1,title=AV103::")
    assert [line.split(" ", 1)[0] for line in github] == ["::error", "::warning"]  # the notice is counted, not listed
    shown = repo.avtal("check", "--format", "github", "--visa-upplysningar").stdout.splitlines()
    assert [line.split(" ", 1)[0] for line in shown] == ["::error", "::warning", "::notice"]


def test_a_document_without_front_matter_folds_the_links_to_it(repo):
    repo.doc("plan", "Se [planen](annan.md) och [den](annan.md#syfte).\n")
    repo.write("plans/annan.md", "Ingen front matter här.\n")
    found = repo.check()
    assert [(f.path, f.code) for f in found] == [("plans/annan.md", "AV007")]
    assert "2 hänvisningar hit från 1 annan fil" in found[0].message


def test_a_glossary_that_fails_folds_every_use_of_its_terms(repo):
    repo.doc("plan", "\n[Begreppen](begrepp.yaml)\n\n[[vårdbegäran]] och [[tröskelprincipen]]. Se [v](#vardbegaran).\n")
    repo.write("plans/begrepp.yaml", "kind: glossary\ndocument: plan\nterms:\n  - {id: vardbegaran, term: vårdbegäran}\n")
    found = repo.check()
    assert [(f.path, f.code) for f in found] == [("plans/begrepp.yaml", "AV102")]
    # The two uses and the anchor of a term follow from the glossary.
    assert "3 hänvisningar hit från 1 annan fil" in found[0].message


def test_a_glossary_whose_yaml_cannot_be_read_folds_the_anchors_of_its_page(repo):
    repo.doc("begrepp", "\n[Begreppen](begrepp.yaml)\n")
    repo.doc("plan", "Se [vårdbegäran](begrepp.md#vardbegaran) och [[vårdbegäran]], men [x](begrepp.md#saknas-helt).\n")
    repo.write("plans/begrepp.yaml", "kind: glossary\ndocument: begrepp\nterms: [\n")
    found = repo.check()
    assert [(f.path, f.code) for f in found] == [("plans/begrepp.yaml", "AV009")]
    # Which anchors the glossary would give its page is unknown until it can be read: the two
    # anchors, the term and the link that shows the glossary all wait for it.
    assert "4 hänvisningar hit från 2 andra filer" in found[0].message


def test_a_data_file_that_cannot_be_read_folds_the_link_that_shows_it(repo):
    repo.doc("plan", "\n[Riskerna](risker.yaml)\n")
    repo.write("plans/risker.yaml", "kind: risks\nitems: [\n")
    found = repo.check()
    assert [(f.path, f.severity.value) for f in found] == [("plans/risker.yaml", "error")]
    assert "1 hänvisning hit från 1 annan fil" in found[0].message


def test_real_mistakes_beside_a_failed_file_are_still_reported(repo):
    _corpus_around_an_annex(repo, annex_date="2026-02-30")
    repo.doc("plan2", "Se bilaga 7, [saknas](saknas.md) och [[obefintligt]].\n")
    codes = sorted((f.path, f.code) for f in repo.check() if f.severity.value == "error")
    assert codes == [
        ("annexes/begrepp.md", "AV103"),
        ("plans/plan2.md", "AV201"),
        ("plans/plan2.md", "AV206"),
        ("plans/plan2.md", "AV401"),
    ]


def test_a_finding_whose_cause_has_no_error_stays():
    from avtal.findings import Finding, Severity
    from avtal.rules.check import fold_consequences

    lone = Finding("plans/a.md", 3, 1, "AV201", Severity.ERROR, "Länken går till x", follows_from="plans/x.md")
    warning_only = Finding("plans/x.md", 1, 1, "AV310", Severity.WARNING, "En varning")
    assert fold_consequences([lone, warning_only]) == [lone, warning_only]
