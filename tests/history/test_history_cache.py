"""The history kept between runs: a later run reads only new commits and new blobs, and always
gives what a run without the cache gives, whatever happened to the history or the cache."""

import json
import os

import pytest

from avtal.history.cache import CACHE_FILE, HistoryCache, cached_tip, load_cache, save_cache
from avtal.history.snapshots import FrontMatterCache, Snapshot, snapshot_of
from avtal.source.yamlsafe import parse_yaml


def _bump(git_repo, version: str, body: str, message: str, doc_id: str = "plan"):
    git_repo.doc(doc_id, body, version=f'"{version}"', change_note=f"Ändring till {version}.")
    return git_repo.commit(message)


def _cache(git_repo):
    return git_repo.root / ".git" / CACHE_FILE


def _changelog(git_repo) -> dict:
    result = git_repo.avtal("changelog", "--format", "json")
    assert result.code == 0, result.stderr
    return json.loads(result.stdout)


def _same_with_and_without_cache(git_repo) -> dict:
    """The change log of a run that uses the cache, checked against one that starts afresh."""
    cached = _changelog(git_repo)
    kept = _cache(git_repo).read_bytes()
    _cache(git_repo).unlink()
    assert _changelog(git_repo) == cached
    _cache(git_repo).write_bytes(kept)
    return cached


def test_each_run_reads_only_what_is_new_and_agrees_with_a_fresh_run(git_repo):
    _bump(git_repo, "0.1", "Första.\n", "Första")
    _changelog(git_repo)
    assert cached_tip(_cache(git_repo)) == git_repo.git("rev-parse", "HEAD")
    for n in range(2, 5):
        _bump(git_repo, f"0.{n}", f"Text {n}.\n", f"Version 0.{n} (#{n})")
        git_repo.doc("annan", f"Annan {n}.\n")
        git_repo.commit(f"Annan {n}")
        log = _same_with_and_without_cache(git_repo)
    assert [v["version"] for v in log["documents"]["plan"]["versions"]] == ["0.4", "0.3", "0.2", "0.1"]
    assert load_cache(_cache(git_repo)).segments == 4  # each run added what it read, the first run's kept as it was


def test_the_cache_is_written_anew_when_it_has_many_segments(git_repo, monkeypatch):
    from avtal.history import log

    monkeypatch.setattr(log, "MAX_SEGMENTS", 2)
    _bump(git_repo, "0.1", "Första.\n", "Första")
    counts = []
    for n in range(2, 6):
        log.read_history(git_repo.root)
        counts.append(load_cache(_cache(git_repo)).segments)
        _bump(git_repo, f"0.{n}", f"Text {n}.\n", f"Version 0.{n}")
    assert counts == [1, 2, 1, 2]
    kept = load_cache(_cache(git_repo))
    assert len(kept.commits) == 4 and kept.tip == kept.commits[-1][0]
    assert _same_with_and_without_cache(git_repo)["documents"]["plan"]["versions"][0]["version"] == "0.5"


def test_a_rewritten_history_is_read_again(git_repo):
    _bump(git_repo, "0.1", "Första.\n", "Första")
    _bump(git_repo, "0.2", "Andra.\n", "Andra")
    _changelog(git_repo)
    git_repo.git("reset", "-q", "--hard", "HEAD~1")  # the cached HEAD is no longer in the history
    _bump(git_repo, "0.3", "Tredje.\n", "Tredje, i stället")
    log = _same_with_and_without_cache(git_repo)
    assert [v["version"] for v in log["documents"]["plan"]["versions"]] == ["0.3", "0.1"]
    git_repo.git("commit", "-q", "--amend", "-m", "Tredje, omskriven")
    log = _same_with_and_without_cache(git_repo)
    assert log["documents"]["plan"]["versions"][0]["commits"][0]["subject"] == "Tredje, omskriven"


def test_an_unchanged_head_needs_no_git_log(git_repo, tmp_path):
    _bump(git_repo, "0.1", "Första.\n", "Första")
    first = _changelog(git_repo)
    trace = tmp_path / "trace.txt"
    os.environ["GIT_TRACE"] = str(trace)
    try:
        assert _changelog(git_repo) == first
    finally:
        os.environ.pop("GIT_TRACE")
    commands = [line.split("trace: built-in: git ", 1)[1] for line in trace.read_text().splitlines()
                if "trace: built-in: git " in line]
    assert commands and not any(c.startswith(("log", "cat-file")) for c in commands), commands


def _git_commands(git_repo, tmp_path) -> list[str]:
    """The git commands one `avtal changelog` ran, in the order they started."""
    trace = tmp_path / "trace.txt"
    trace.unlink(missing_ok=True)
    os.environ["GIT_TRACE"] = str(trace)
    try:
        _changelog(git_repo)
    finally:
        os.environ.pop("GIT_TRACE")
    return [line.split("trace: built-in: git ", 1)[1] for line in trace.read_text().split("\n")  # not splitlines: \x1e
            if "trace: built-in: git " in line]


def test_a_first_run_starts_the_log_before_anything_else_and_only_once(git_repo, tmp_path):
    _bump(git_repo, "0.1", "Första.\n", "Första")
    _bump(git_repo, "0.2", "Andra.\n", "Andra")
    commands = _git_commands(git_repo, tmp_path)
    assert commands[0].startswith("log ") and sum(c.startswith("log ") for c in commands) == 1, commands
    _bump(git_repo, "0.3", "Tredje.\n", "Tredje")  # with a cache: the log of what is new, asked when known
    commands = _git_commands(git_repo, tmp_path)
    assert sum(c.startswith("log ") for c in commands) == 1 and not commands[0].startswith("log "), commands
    assert any("--not" in c for c in commands if c.startswith("log ")), commands


@pytest.mark.parametrize("damage", [
    lambda kept: b"", lambda kept: b"{", lambda kept: b'{"tip": "' + b"0" * 40 + b'", "format": 2}',
    lambda kept: b"\x00\xff" * 50, lambda kept: kept[:-10],  # cut short
    lambda kept: kept[:200] + bytes([kept[200] ^ 1]) + kept[201:],  # one bit flipped
    lambda kept: kept.replace(b" py3.", b" py2.", 1),  # another Python's marshal
    lambda kept: kept[:128] + b"\x00" * (len(kept) - 128),  # the header kept, the data gone
])
def test_a_damaged_cache_is_not_used(git_repo, damage):
    _bump(git_repo, "0.1", "Första.\n", "Första")
    _bump(git_repo, "0.2", "Andra.\n", "Andra")
    expected = _changelog(git_repo)
    _cache(git_repo).write_bytes(damage(_cache(git_repo).read_bytes()))
    assert _changelog(git_repo) == expected


def test_cached_commits_that_do_not_add_up_are_read_again(git_repo):
    _bump(git_repo, "0.1", "Första.\n", "Första")
    _bump(git_repo, "0.2", "Andra.\n", "Andra")
    expected = _changelog(git_repo)
    kept = load_cache(_cache(git_repo))
    assert kept.tip and kept.commits and kept.changes
    for damage in ({"commits": kept.commits[:1]}, {"changes": [(7, "plans/plan.md", "0" * 40)]},
                   {"commits": [("x",) for _ in kept.commits]}, {"changes": [("x", "y")]}):
        fields = {"tip": kept.tip, "commits": kept.commits, "changes": kept.changes, "snapshots": kept.snapshots}
        save_cache(_cache(git_repo), HistoryCache(**{**fields, **damage}))  # a good file that does not add up
        assert _changelog(git_repo) == expected


def test_a_shallow_clone_keeps_no_commits(git_repo, tmp_path):
    import subprocess

    for n in range(1, 4):
        _bump(git_repo, f"0.{n}", f"Version {n}.\n", f"Version {n}")
    clone = tmp_path / "grund"
    subprocess.run(["git", "clone", "-q", "--depth", "2", f"file://{git_repo.root}", str(clone)], check=True)
    assert git_repo.avtal("changelog", cwd=clone).code == 0
    kept = load_cache(clone / ".git" / CACHE_FILE)
    assert kept.tip is None and kept.commits == [] and kept.snapshots  # what blobs say is still kept


FRONT_MATTERS = [
    'id: plan\ntitle: En plan\nversion: "0.1"\nstatus: utkast\n',
    "# en kommentar först\nid: plan\n# och en emellan\nversion: 0.10\nstatus: beslutad\n",
    "id: plan\ntitle: >\n  En lång titel\n  på två rader\nchange_note: |\n  Rad ett.\n  Rad två.\nversion: '1.0'\n",
    "id: plan\nparties:\n- Region Dalarna\n- Falun\nowner: Omställningsledare\ndate: 2026-11-22\n",
    "id: plan\ntitle: Två\ntitle: Gånger\n",  # a key twice: the whole front matter decides
    "id: &a plan\ntitle: *a\n",  # an alias across entries: the whole front matter decides
    "id: plan\n  fel: indrag\nversion: [0.1,\n0.2]\n",  # broken YAML
    "- en lista\n- inte en mappning\n",
    "id: plan\nversion:\nstatus: ~\nchange_note: ''\n",
    "id: plan\ndate: 2026-11-22 10:00:00\nversion: 1\nowner: true\n",
]


@pytest.mark.parametrize("text", FRONT_MATTERS)
def test_front_matter_read_entry_by_entry_equals_a_whole_parse(text):
    whole = parse_yaml(text).value
    whole = whole if isinstance(whole, dict) else {}
    # every value on one line, without control characters (avtal.text.clean_line)
    expected = Snapshot(**{k: None if whole.get(k) is None else " ".join(str(whole[k]).split())
                           for k in Snapshot._fields[:7]})
    cache = FrontMatterCache()
    assert cache.snapshot(text.encode()) == expected
    assert FrontMatterCache().snapshot(text.encode()) == cache.snapshot(text.encode())  # and when cached


def test_a_blob_is_read_in_place_with_crlf_and_bom_too():
    plain = b'---\nid: plan\nversion: "0.2"\nstatus: beslutad\n---\n\nText.\n'
    crlf = b"\xef\xbb\xbf" + plain.replace(b"\n", b"\r\n")
    cache = FrontMatterCache()
    around = b"header\n" + plain + b"\ntrailer"
    expected = snapshot_of("plans/plan.md", plain, cache)
    assert expected.version == "0.2" and expected.body_digest
    assert snapshot_of("plans/plan.md", bytearray(around), cache, 7, 7 + len(plain)) == expected
    assert snapshot_of("plans/plan.md", crlf, cache) == expected
    assert snapshot_of("plans/plan.md", b"no front matter\n", cache) == Snapshot()
