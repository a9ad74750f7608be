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


def test_inflected_and_capitalised_forms_are_recognised(repo):
    repo.write("plans/begrepp.yaml", GLOSSARY)
    repo.doc("plan", "[[Vårdbegäran]] och [[vårdbegärans]] och [[vårdbegäranden]] enligt [[tröskelprincipen]].\n")
    assert repo.check() == []


def test_undefined_term_is_an_error_with_a_suggestion(repo):
    repo.write("plans/begrepp.yaml", GLOSSARY)
    repo.doc("plan", "[[vårdbegäran]] och [[tröskelprincipen]] men [[tröskelprincip]].\n")
    (finding,) = repo.check()
    assert finding.code == "AV401"
    assert finding.message == 'Begreppet "tröskelprincip" är inte definierat i ordlistan; menade du "tröskelprincipen"?'


def test_unused_definition_is_a_warning_at_the_term(repo):
    repo.write("plans/begrepp.yaml", GLOSSARY)
    repo.doc("plan", "[[vårdbegäran]].\n")
    (finding,) = repo.check()
    assert (finding.path, finding.line, finding.code, finding.severity.value) == ("plans/begrepp.yaml", 8, "AV402", "warning")


def test_a_form_belongs_to_one_term_and_a_term_is_defined_once(repo):
    repo.write("plans/begrepp.yaml", GLOSSARY + "  - id: vardbegaran\n    term: begäran\n    forms: [vårdbegärans]\n    definition: x\n")
    repo.doc("plan", "[[vårdbegäran]] [[tröskelprincipen]] [[begäran]]\n")
    assert sorted(c[2] for c in repo.codes()) == ["AV403", "AV403"]


def test_only_one_glossary(repo):
    repo.write("plans/begrepp.yaml", GLOSSARY)
    repo.write("annexes/ord.yaml", GLOSSARY)
    repo.doc("plan", "[[vårdbegäran]] [[tröskelprincipen]]\n")
    assert repo.codes() == [("plans/begrepp.yaml", 1, "AV404")]


def test_terms_in_code_are_not_uses(repo):
    repo.doc("plan", "`[[okänt]]`\n")
    assert repo.check() == []
