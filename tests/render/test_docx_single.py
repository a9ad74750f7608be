"""`avtal docx DOC`: one document and what it needs, checked and rendered, without the site's machinery."""

import json
import subprocess
import sys

from conftest import document

GLOSSARY = "kind: glossary\ndocument: begrepp\nterms:\n  - {id: vardbegaran, term: vårdbegäran, definition: En begäran.}\n"
RISKS = ("kind: risks\ndocument: plan\nitems:\n  - {id: R1, risk: En risk, probability: 2, consequence: 3, "
         "measures: [Följ upp], owner: Omställningsledare, status: öppen}\n")


def _repo(git_repo):
    git_repo.doc("begrepp", "## Begreppen {#begreppen}\n\n[Begreppen](begrepp.yaml)\n", type="bilaga",
                 title="Bilaga 1. Begrepp", annex_number=1, annex_of="overenskommelse")
    git_repo.write("annexes/begrepp.yaml", GLOSSARY)
    git_repo.doc("overenskommelse", "## Om avtalet {#om}\n\nSe [bilaga 1](../annexes/begrepp.md).\n",
                 type="överenskommelse", title="Överenskommelsen")
    git_repo.doc("plan", "## Risker {#risker}\n\nEn [[vårdbegäran]] och [avtalet](../agreement/overenskommelse.md#om).\n\n"
                 "[Riskerna](risker.yaml)\n")
    git_repo.write("plans/risker.yaml", RISKS)
    git_repo.commit("Documents")
    return git_repo


def test_one_word_file_is_the_one_the_build_makes(git_repo, tmp_path):
    repo = _repo(git_repo)
    built = repo.avtal("build", "--out", str(tmp_path / "bygge"))
    assert built.code == 0, built.stdout + built.stderr
    result = repo.avtal("docx", "plan", "-o", str(tmp_path / "plan.docx"))
    assert result.code == 0, result.stdout + result.stderr
    assert (tmp_path / "plan.docx").read_bytes() == (tmp_path / "bygge" / "docx" / "plan_v0.1.docx").read_bytes()


def test_errors_elsewhere_do_not_stop_it_but_its_own_and_its_datas_do(git_repo, tmp_path):
    repo = _repo(git_repo)
    target = tmp_path / "plan.docx"
    repo.doc("annan", "Se [en fil som inte finns](saknas.md).\n", owner="Kalle")  # errors in another document
    assert repo.avtal("check").code == 1
    assert repo.avtal("docx", "plan", "-o", str(target)).code == 0 and target.is_file()
    target.unlink()
    repo.write("plans/risker.yaml", RISKS.replace("probability: 2", "probability: 9"))  # the data it shows
    refused = repo.avtal("docx", "plan", "-o", str(target))
    assert refused.code == 1 and "plans/risker.yaml:" in refused.stdout and "Ingen Word-fil skrevs" in refused.stderr
    assert "plans/annan.md" not in refused.stdout and not target.exists()
    repo.write("plans/risker.yaml", RISKS)
    repo.write("annexes/begrepp.yaml", GLOSSARY.replace("definition: En begäran.", "definition:"))  # its glossary
    assert repo.avtal("docx", "plan", "-o", str(target)).code == 1 and not target.exists()
    repo.write("annexes/begrepp.yaml", GLOSSARY)
    repo.doc("plan", "Se [avtalet](../agreement/overenskommelse.md#finns-inte).\n")  # its own link
    refused = repo.avtal("docx", "plan", "-o", str(target))
    assert refused.code == 1 and "AV202" in refused.stdout and not target.exists()


def test_a_document_that_does_not_exist_is_named_with_a_suggestion(git_repo, tmp_path):
    repo = _repo(git_repo)
    result = repo.avtal("docx", "pla", "-o", str(tmp_path / "x.docx"))
    assert result.code == 2 and 'dokumentet "pla" finns inte' in result.stderr and "plan" in result.stderr
    broken = repo.write("plans/trasig.md", document(id="trasig", owner="Kalle"))
    result = repo.avtal("docx", "trasig", "-o", str(tmp_path / "x.docx"))  # named by its file: its own findings
    assert result.code == 1 and "AV105" in result.stdout and broken.is_file()


def test_it_does_not_load_the_sites_machinery(git_repo, tmp_path):
    repo = _repo(git_repo)
    program = ("import json, sys; from avtal.cli import main; code = main(['docx', 'plan', '-o', sys.argv[1]]); "
               "print(json.dumps(sorted(sys.modules)))")
    done = subprocess.run([sys.executable, "-c", program, str(tmp_path / "plan.docx")], cwd=repo.root,
                          capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    modules = json.loads(done.stdout.splitlines()[-1])
    assert "docx" in modules and "avtal.render.word.document" in modules
    site = [m for m in modules if m.split(".")[0] in ("mkdocs", "material", "jinja2", "nh3")
            or m in ("avtal.render.site", "avtal.render.contributions", "avtal.compare")]
    assert site == []
