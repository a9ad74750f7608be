"""The site's change-log page: by document in the site's order, each version with its own note."""

import re

from avtal.history.changelog import load_changelog
from avtal.render.sanitize import clean_html
from avtal.render.site import SitePages
from avtal.source.load import load_corpus

AGREEMENT = dict(type="överenskommelse", id="overenskommelse", title="Överenskommelsen")


def _annex(number: int, **fields) -> dict:
    return dict(type="bilaga", title=f"Bilaga {number}", annex_number=number, annex_of="overenskommelse", **fields)


def _page(git_repo) -> str:
    corpus = load_corpus(git_repo.root)
    return SitePages(corpus, load_changelog(git_repo.root)).changelog_page()


def test_documents_in_the_sites_order_each_version_with_status_date_and_note(git_repo):
    git_repo.doc("plan", title="En plan")
    git_repo.doc("bilaga-b", **_annex(2))
    git_repo.doc("bilaga-a", **_annex(10))  # annex 10 after annex 2, not before it as text sorts
    git_repo.doc("overenskommelse", **AGREEMENT, change_note="Första utkastet.")
    git_repo.commit("Add the documents")
    git_repo.doc("overenskommelse", "Ny text.\n", **{**AGREEMENT, "version": '"0.2"', "status": "remiss"},
                 change_note="Remissversionen, med svaren på frågorna.")
    git_repo.commit("Agreement: answers")
    page = _page(git_repo)
    sections = re.findall(r"^## (.*?) \{#(.*?)\}$", page, flags=re.M)
    assert sections == [("Överenskommelsen", "overenskommelse"), ("Bilaga 2", "bilaga-b"),
                        ("Bilaga 10", "bilaga-a"), ("En plan", "plan")]
    agreement = page.split("## Överenskommelsen", 1)[1].split("\n## ", 1)[0]
    assert agreement.index("### Version 0.2 {#overenskommelse-0-2}") < agreement.index("### Version 0.1")
    assert "**Remissversion**, 2 oktober 2026." in agreement and "Remissversionen, med svaren på frågorna." in agreement
    assert "**Utkast**, 1 oktober 2026." in agreement and "Första utkastet." in agreement
    assert agreement.count("<details") == 2
    assert "<summary>Visa incheckningarna som ändrade dokumentet (1)</summary>" in agreement
    assert "1 oktober 2026: ”Add the documents” (av Anna Redaktör, incheckning <code>" in agreement  # Swedish labels
    assert "[Till dokumentet](agreement/overenskommelse.md)" in agreement
    # A commit that touched every document is folded under each, not spread over the page as text.
    folded = "".join(re.findall(r"<details.*?</details>", page))
    assert page.count("Add the documents") == folded.count("Add the documents") == 4


def test_values_from_git_are_text_and_the_folded_commits_survive_the_sanitizer(git_repo):
    git_repo.doc("plan", title="En plan", change_note="Ändrat *inte kursivt*")
    git_repo.commit('<img src=x onerror=alert(1)> </details><script>alert(2)</script> & "citat"')
    page = _page(git_repo)
    details = re.search(r"<details.*?</details>", page).group(0)
    assert "&lt;img src=x onerror=alert(1)&gt; &lt;/details&gt;&lt;script&gt;" in details and "&amp; &quot;citat&quot;" in details
    assert "Ändrat \\*inte kursivt\\*" in page
    import markdown

    html = markdown.markdown(page, extensions=["attr_list", "toc"])
    assert clean_html(html) == clean_html(clean_html(html))
    kept = clean_html(html)
    assert '<details class="avtal-commits"><summary>Visa incheckningarna som ändrade dokumentet (1)</summary><p>' in kept
    assert "<img" not in kept and "<script" not in kept and "onerror" not in kept.replace("onerror=alert(1)&gt;", "")


def test_a_document_that_no_longer_exists_keeps_its_history(git_repo):
    git_repo.doc("plan", title="En plan")
    git_repo.doc("gammal", title="En gammal plan", change_note="Det som var.")
    git_repo.commit("Two plans")
    (git_repo.root / "plans" / "gammal.md").unlink()
    git_repo.commit("One plan")
    page = _page(git_repo)
    assert page.index("## En plan {#plan}") < page.index("## Dokument som inte längre finns")
    assert "### En gammal plan" in page and "Det som var." in page


def test_without_git_the_page_says_so(repo):
    repo.doc("plan")
    assert "Ingen git-historik" in SitePages(load_corpus(repo.root), None).changelog_page()


def test_each_version_links_to_its_comparison_with_the_one_before_and_lists_only_commits_that_changed_it(git_repo):
    from avtal.render.contributions import Extras

    git_repo.doc("plan", title="En plan", change_note="Första utkastet.")
    git_repo.write("plans/risker.yaml", "kind: risks\ndocument: plan\nitems: []\n")
    git_repo.commit("Plan 0.1")
    git_repo.doc("plan", "Ny text.\n", title="En plan", version='"0.2"', change_note="Andra utkastet.")
    git_repo.commit("Plan 0.2")
    git_repo.write("plans/risker.yaml", "# yaml-language-server: $schema=../schema/risks.schema.json\n"
                                        "kind: risks\ndocument: plan\n\nitems: []\n")
    git_repo.commit("Tooling: schema lines in data files")  # a comment and a blank line: the reader sees nothing new
    git_repo.write("plans/risker.yaml", "kind: risks\ndocument: plan\nitems: []\nx: 1\n")
    git_repo.commit("Risks: a real change")
    extras = Extras()
    extras.pages["andringar/plan/v0.1-v0.2.md"] = "# Jämförelse"
    page = SitePages(load_corpus(git_repo.root), load_changelog(git_repo.root), extras=extras).changelog_page()
    newest = page.split("### Version 0.2", 1)[1].split("### Version 0.1", 1)[0]
    assert "Andra utkastet." in newest and "[Jämför med version 0.1](andringar/plan/v0.1-v0.2.md)" in newest
    assert "Risks: a real change" in newest and "Plan 0.2" in newest
    assert "Tooling" not in page  # only commits that changed the document or its data
    oldest = page.split("### Version 0.1", 1)[1]
    assert "Den första versionen." in oldest and "Jämför med" not in oldest
