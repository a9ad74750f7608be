"""Small things a reader or a clerk notices (issue 23, point 5): documents in the menu's order everywhere
(Bilaga 1 before Bilaga 2), a count's noun in the right number, `avtal docx` writing beside the build and
saying where, and `avtal serve` on a busy port answering at once, in Swedish."""

from __future__ import annotations

import socket
import time

from conftest import GitRepo


def _annexes(repo: GitRepo) -> GitRepo:
    """Bilaga 2 in a file that sorts first by name, Bilaga 1 after it; each with two versions."""
    for version in ("0.1", "0.2"):
        repo.doc("overenskommelse", f"## Om {{#om}}\n\nVersion {version}.\n", type="överenskommelse",
                 title="Överenskommelsen", version=f'"{version}"')
        repo.doc("a-ansvar", f"## Ansvar {{#ansvar}}\n\nVersion {version}.\n", type="bilaga",
                 title="Bilaga 2. Ansvarsfördelning", annex_number=2, annex_of="overenskommelse", version=f'"{version}"')
        repo.doc("b-begrepp", f"## Begrepp {{#begrepp}}\n\nVersion {version}.\n", type="bilaga",
                 title="Bilaga 1. Begrepp", annex_number=1, annex_of="overenskommelse", version=f'"{version}"')
        repo.commit(f"Version {version}")
    return repo


def test_bilaga_1_comes_before_bilaga_2_in_beslutslage_and_the_comparisons(git_repo):
    from avtal.compare.outputs import INDEX
    from avtal.compare.outputs import contribute as comparisons
    from avtal.decisions.outputs import contribute as decisions
    from avtal.decisions.pages import DECISIONS_PAGE
    from avtal.history.changelog import load_changelog
    from avtal.source.load import load_corpus

    repo = _annexes(git_repo)
    corpus = load_corpus(repo.root)
    changelog = load_changelog(repo.root)
    for page in (decisions(repo.root, corpus, changelog).pages[DECISIONS_PAGE],
                 comparisons(repo.root, corpus, changelog).pages[INDEX]):
        first, second = page.index("Bilaga 1. Begrepp"), page.index("Bilaga 2. Ansvarsfördelning")
        assert page.index("Överenskommelsen") < first < second, page


def test_a_count_of_one_takes_the_singular():
    from avtal.text import count

    assert count(1, "fråga", "frågor") == "1 fråga" and count(2, "fråga", "frågor") == "2 frågor"
    assert count(0, "synpunkt", "synpunkter") == "0 synpunkter"


def test_the_start_page_says_one_open_question_in_the_singular(repo):
    from avtal.render.site import SitePages
    from avtal.source.load import load_corpus

    repo.doc("plan", "## Syfte {#syfte}\n\n!!! question \"Fråga\"\n    Ska planen gälla hela länet?\n")
    start = SitePages(load_corpus(repo.root), None).start_page()
    assert "Det finns 1 öppen fråga som ska avgöras." in start and "1 öppna frågor" not in start


def test_docx_without_o_writes_into_build_docx_and_says_where(git_repo):
    repo = _annexes(git_repo)
    result = repo.avtal("docx", "b-begrepp")
    assert result.code == 0, result.stdout + result.stderr
    assert (repo.root / "build" / "docx" / "b-begrepp_v0.2.docx").is_file()
    assert "Skrev build/docx/b-begrepp_v0.2.docx" in result.stdout
    assert not list(repo.root.glob("*.docx"))
    repo.write(".gitignore", "/build/\n")
    assert repo.git("status", "--porcelain") == "?? .gitignore"  # nothing else: the Word file is in build/


def test_serve_on_a_busy_port_says_so_in_swedish_before_building(git_repo):
    repo = _annexes(git_repo)
    with socket.socket() as busy:
        busy.bind(("127.0.0.1", 0))
        busy.listen()
        port = busy.getsockname()[1]
        started = time.perf_counter()
        result = repo.avtal("serve", "--port", str(port))
        took = time.perf_counter() - started
    assert result.code == 2, result.stdout + result.stderr
    assert f"kan inte ta emot anrop på 127.0.0.1:{port}: porten {port} används redan av ett annat program" in result.stderr
    assert "Address already in use" not in result.stderr and "välj en annan port med --port" in result.stderr
    assert "Förhandsvisningen" not in result.stdout and "Byggt" not in result.stdout + result.stderr  # no build
    assert took < 5, took  # loose on a loaded machine; about 0.5 s, where a build first took 2.6 s
