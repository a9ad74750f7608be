"""Defined terms: one glossary, inflected forms recognised, undefined uses and unused definitions."""

GLOSSARY = """\
kind: glossary
document: plan
terms:
  - id: vardbegaran
    term: vårdbegäran
    forms: [vårdbegärans, vårdbegäranden]
    definition: En begäran om insatser.
  - id: troskelprincipen
    term: tröskelprincipen
    definition: Principen om vårdnivå.
"""


def _glossary(repo, body: str, glossary: str = GLOSSARY):
    repo.write("plans/begrepp.yaml", glossary)
    repo.doc("plan", "\n[Begreppen](begrepp.yaml)\n\n" + body)


def test_inflected_and_capitalised_forms_are_recognised(repo):
    _glossary(repo, "[[Vårdbegäran]] och [[vårdbegärans]] och [[vårdbegäranden]] enligt [[tröskelprincipen]].\n")
    assert repo.check() == []


def test_undefined_term_is_an_error_with_a_suggestion(repo):
    _glossary(repo, "[[vårdbegäran]] och [[tröskelprincipen]] men [[tröskelprincip]].\n")
    (finding,) = repo.check()
    assert finding.code == "AV401"
    assert finding.message == 'Begreppet "tröskelprincip" är inte definierat i ordlistan; menade du "tröskelprincipen"?'


def test_unused_definition_is_a_warning_at_the_term(repo):
    _glossary(repo, "[[vårdbegäran]].\n")
    (finding,) = repo.check()
    assert (finding.path, finding.line, finding.code, finding.severity.value) == ("plans/begrepp.yaml", 8, "AV402", "warning")


def test_a_form_belongs_to_one_term_and_a_term_is_defined_once(repo):
    extra = "  - id: vardbegaran\n    term: begäran\n    forms: [vårdbegärans]\n    definition: x\n"
    _glossary(repo, "[[vårdbegäran]] [[tröskelprincipen]] [[begäran]]\n", GLOSSARY + extra)
    assert sorted(c[2] for c in repo.codes()) == ["AV403", "AV403"]


def test_only_one_glossary(repo):
    repo.write("annexes/ord.yaml", GLOSSARY)
    _glossary(repo, "[[vårdbegäran]] [[tröskelprincipen]]\n\n[Fler](../annexes/ord.yaml)\n")
    assert repo.codes() == [("plans/begrepp.yaml", 1, "AV404")]


def test_terms_in_code_are_not_uses(repo):
    repo.doc("plan", "`[[okänt]]`\n")
    assert repo.check() == []


def test_glossary_terms_are_anchors_of_the_document_that_presents_them(repo):
    _glossary(repo, "[[vårdbegäran]] [[tröskelprincipen]]\n")
    repo.doc("annan-plan", "Se [vårdbegäran](plan.md#vardbegaran) och [x](plan.md#vardbegarn).\n")
    found = [(f.code, f.message) for f in repo.check()]
    assert found == [("AV202", 'Ankaret "#vardbegaran" finns inte i plans/plan.md; menade du "vardbegaran"?'.replace(
        '"#vardbegaran" finns', '"#vardbegarn" finns'))]
