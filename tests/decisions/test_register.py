"""The decision register in `avtal check` and `avtal decisions`: 16 decisions on one fingerprint make a
decided document; another fingerprint, a missing party or valid_from before the last decision do not."""

import subprocess
import sys

import pytest
from decided import PARTIES, agreement, make_repo


def _fingerprints(root):
    """(current package fingerprint, version 0.1's package fingerprint, the agreement's own current one),
    asked of the index in a process of its own, as the command line asks it."""
    code = """
from pathlib import Path
from avtal.decisions.index import FingerprintIndex
from avtal.history.changelog import load_changelog
from avtal.source.load import load_corpus
root = Path.cwd()
corpus = load_corpus(root)
index = FingerprintIndex(root, corpus, load_changelog(root))
old = [e for e in index.history(["avtalet"]) if e.package and e.version == "0.1"]
doc = corpus.by_id["avtalet"]
print(index.current_package(doc).fingerprint, old[-1].fingerprint, index.current(doc).fingerprint)
"""
    done = subprocess.run([sys.executable, "-c", code], cwd=root, capture_output=True, text=True, check=True)
    return tuple(done.stdout.split())


def _decisions(fingerprints: dict[str, tuple[str, str]], day: int = 10) -> str:
    lines = ["decisions:"]
    for party, (version, fp) in fingerprints.items():
        body = "Regionfullmäktige" if party == "Region Dalarna" else "Kommunfullmäktige"
        lines += [f"  {party}:", f"    body: {body}", f"    meeting_date: 2027-06-{day:02d}", "    paragraph: 12",
                  f"    minutes_approved: 2027-06-{day + 4:02d}", f"    diarienummer: Dnr 2027/{len(lines)}",
                  f'    version: "{version}"', f"    fingerprint: {fp}"]
    return "\n".join(lines) + "\n"


@pytest.fixture
def decided(git_repo):
    repo = make_repo(git_repo)
    current, old, own = _fingerprints(repo.root)

    def write(decisions: dict[str, tuple[str, str]], **fields):
        fields.setdefault("status", "beslutad")
        fields.setdefault("change_kind", "materiell")  # required of a decided document (AV901)
        text = agreement("0.2", **fields).replace("parties: alla\n", "parties: alla\n" + _decisions(decisions))
        body = (repo.root / "agreement" / "avtalet.md").read_text(encoding="utf-8").split("\n---\n", 1)[1]
        repo.write("agreement/avtalet.md", text.split("\n---\n", 1)[0] + "\n---\n" + body)
        return repo.avtal("check", "--format", "json")

    return repo, write, current, old, own


def _codes(result) -> list[tuple[str, str]]:
    return [(f["code"], f["message"]) for f in result.findings if f["code"] in ("AV303",) or f["code"].startswith("AV7")]


def test_sixteen_decisions_on_the_current_fingerprint_make_it_decided(decided):
    repo, write, current, _, _ = decided
    result = write({party: ("0.2", current[:23]) for party in PARTIES}, valid_from="2027-07-01")
    assert _codes(result) == [] and result.code == 0, result.stdout
    shown = repo.avtal("decisions", "avtalet")
    assert shown.code == 0 and "Alla 16 parter har beslutat om den nuvarande texten." in shown.stdout


def test_a_party_on_another_fingerprint_is_named(decided):
    repo, write, current, old, _ = decided
    decisions = {party: ("0.2", current) for party in PARTIES}
    decisions["Orsa kommun"] = ("0.1", old)
    result = write(decisions)
    codes = _codes(result)
    assert [code for code, _ in codes] == ["AV703"], codes
    assert codes[0][1].startswith("Orsa kommun har beslutat om en annan text")
    shown = repo.avtal("decisions", "avtalet")
    assert shown.code == 1 and "Orsa kommun" in shown.stdout and "beslutad om annan text" in shown.stdout


def test_a_fingerprint_that_is_not_the_named_versions_is_an_error(decided):
    _, write, current, old, own = decided
    decisions = {party: ("0.2", current) for party in PARTIES}
    decisions["Mora kommun"] = ("0.2", old)
    decisions["Falu kommun"] = ("0.2", own)
    codes = dict(_codes(write(decisions, status="remiss")))
    assert "AV701" in codes
    messages = [m for c, m in _codes(write(decisions, status="remiss")) if c == "AV701"]
    assert any("Mora kommun" in m and "version 0.1" in m for m in messages)
    assert any("Falu kommun" in m and "utan bilagorna" in m for m in messages)


def test_a_missing_party_is_an_error(decided):
    _, write, current, _, _ = decided
    result = write({party: ("0.2", current) for party in PARTIES if party != "Vansbro kommun"})
    assert result.code == 1
    assert any(code == "AV303" and "Vansbro kommun" in message for code, message in _codes(result))


def test_valid_from_before_the_last_decision_is_an_error(decided):
    _, write, current, _, _ = decided
    result = write({party: ("0.2", current) for party in PARTIES}, valid_from="2027-06-01")
    assert [code for code, _ in _codes(result)] == ["AV705"]


def test_decisions_on_a_text_that_has_changed_since_are_not_the_current_texts(decided):
    repo, write, _, old, _ = decided
    result = write({party: ("0.1", old) for party in PARTIES})
    assert [code for code, _ in _codes(result)] == ["AV704"]


def test_a_decision_without_a_fingerprint_is_a_warning_until_the_document_is_decided(decided):
    repo, write, current, _, _ = decided
    text = _decisions({"Mora kommun": ("0.2", current)}).replace(f'    version: "0.2"\n    fingerprint: {current}\n', "")
    body = (repo.root / "agreement" / "avtalet.md").read_text(encoding="utf-8")
    repo.write("agreement/avtalet.md", body.replace("parties: alla\n", "parties: alla\n" + text))
    result = repo.avtal("check", "--format", "json")
    assert [f["code"] for f in result.findings if f["code"].startswith("AV7")] == ["AV707"]
    assert result.code == 0
