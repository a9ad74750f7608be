"""The change logs of one fixed history, byte for byte: what `avtal changelog` printed before the
history reading was made faster (issue 25), so that no speed-up changes a character of it.

The history is the benchmark's synthetic one, small (tests/bench/bench_changelog.py), with what the
benchmark lacks added on top: a branch merged as a pull request, a rename, a data file and a change
to its comments only, a release tag and a document's tag, and uncommitted work. git writes the same
commits from the same stream, so their ids and the outputs are the same on every machine.
"""

import hashlib
import subprocess
import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "bench"))
from bench_changelog import VOCABULARY, _fast_import_stream, _render  # noqa: E402

# sha256 of each output, as printed by avtal before issue 25's changes (commit e362a83).
EXPECTED = {
    "json": "3f2f59aec097bd1c9367f5671a5721d80574395d5d8a6cd9263c51237e9dff6f",
    "md": "12cdfa941c1c344eae29a68490386f772fbc6b7f7bc2798ef3cbab396ec11fc8",
    "doc-json": "2fe6647dcbc73c925ffb636294585ef7c48a85eabb1a17b82b9a9928635f2e70",
    "doc-md": "61c443845a8ea9960a28167fb4726f1cd2079f6c71df92f801da312a0f1b2b2b",
}


# The vocabularies' files as fixed text: the commits' ids (which the outputs print) must not change when
# this repository's vocabularies do. The change log reads only the documents' front matter.
FIXED_SCHEMA = {name: f"# {name}: fast innehåll för testet\n".encode() for name in VOCABULARY}


def _extras() -> bytes:
    """A pull request's branch and merge, a rename, a data file, tags; after the synthetic history."""
    stamp = 1_760_000_000
    out = []

    def commit(branch: str, message: str, files: list[str], start: bool = False, mark: int = 0, merge: int = 0):
        nonlocal stamp
        stamp += 3600
        text = message.encode()
        head = f"commit refs/heads/{branch}\n" + (f"mark :{mark}\n" if mark else "")
        head += f"committer Granskare Gran <g@example.org> {stamp} +0100\ndata {len(text)}\n"
        out.append(head.encode() + text + b"\n")
        if start:
            out.append(b"from refs/heads/main^0\n")
        if merge:
            out.append(f"merge :{merge}\n".encode())
        out.extend(line.encode() + b"\n" for line in files)

    def inline(path: str, data: bytes) -> str:
        return f"M 100644 inline {path}\ndata {len(data)}\n" + data.decode()

    proposal = _render(1, {"minor": 9, "body": ["Förslaget i sin helhet."]}).replace(b"utkast", b"remiss")
    decided = _render(1, {"minor": 10, "body": ["Förslaget i sin helhet."]}).replace(b"utkast", b"beslutad")
    data = b"document: dok-0001\nrisker: []\n"
    commit("forslag", "Skriv förslaget", [inline("plans/dok-0001.md", proposal), "R plans/dok-0002.md plans/dok-0002-ny.md"],
           start=True, mark=1)
    commit("main", "Riskerna för dok-0001", [inline("plans/dok-0001-risker.yaml", data)], start=True, mark=2)
    commit("main", "Merge pull request #5 from region/forslag", [inline("plans/dok-0001.md", proposal),
                                                                  "R plans/dok-0002.md plans/dok-0002-ny.md"],
           mark=3, merge=1)
    out.append(b"reset refs/tags/v1.0\nfrom :3\n\n")
    commit("main", "En rad för redigeraren", [inline("plans/dok-0001-risker.yaml", b"# schema: risker\n" + data)])
    commit("main", "Beslutad version (#6)", [inline("plans/dok-0001.md", decided)], mark=4)
    out.append(b"tag dok-0001-v0.10\nfrom :4\ntagger Granskare Gran <g@example.org> 1770000000 +0100\ndata 7\nBeslut.\n")
    return b"".join(out)


@pytest.fixture(scope="module")
def history(tmp_path_factory) -> Path:
    root = tmp_path_factory.mktemp("golden") / "arkiv"
    subprocess.run(["git", "init", "-q", "-b", "main", str(root)], check=True)
    for stream in (_fast_import_stream(12, 150, FIXED_SCHEMA), _extras()):
        subprocess.run(["git", "fast-import", "--quiet"], cwd=root, input=stream, check=True)
    subprocess.run(["git", "checkout", "-q", "main"], cwd=root, check=True)
    path = root / "plans" / "dok-0003.md"
    path.write_bytes(path.read_bytes().replace(b'version: "0.', b'version: "9.'))  # uncommitted work
    return root


def _printed(root: Path, *args: str) -> str:
    result = subprocess.run([sys.executable, "-m", "avtal", "changelog", *args], cwd=root, capture_output=True, check=True)
    return hashlib.sha256(result.stdout).hexdigest()


def _all(root: Path) -> dict[str, str]:
    return {"json": _printed(root, "--format", "json"), "md": _printed(root),
            "doc-json": _printed(root, "dok-0001", "--format", "json"), "doc-md": _printed(root, "dok-0001")}


def test_the_change_logs_are_as_before_without_and_with_the_cache(history):
    from avtal.history.cache import CACHE_FILE

    (history / ".git" / CACHE_FILE).unlink(missing_ok=True)
    assert _all(history) == EXPECTED  # the first run: the whole history read
    assert (history / ".git" / CACHE_FILE).is_file()
    assert _all(history) == EXPECTED  # from the cache


@pytest.mark.parametrize("deltas", ["offset", "reference", "loose"])
def test_the_change_logs_are_as_before_however_git_stores_the_history(history, tmp_path, deltas):
    """A first run reads the blobs from the packs (history/packs.py): packed as a clone packs them, with
    reference deltas, or not packed at all, the change logs are the same."""
    import shutil

    from avtal.history.cache import CACHE_FILE

    copy = tmp_path / "arkiv"
    shutil.copytree(history, copy)
    (copy / ".git" / CACHE_FILE).unlink(missing_ok=True)
    if deltas == "loose":  # the packs moved away, and their objects written back one file each
        packs = tmp_path / "packar"
        shutil.move(copy / ".git" / "objects" / "pack", packs)
        (copy / ".git" / "objects" / "pack").mkdir()
        for pack in packs.glob("*.pack"):
            with pack.open("rb") as stream:
                subprocess.run(["git", "unpack-objects", "-q"], cwd=copy, stdin=stream, check=True)
    else:
        setting = "true" if deltas == "offset" else "false"
        subprocess.run(["git", "-c", f"repack.useDeltaBaseOffset={setting}", "repack", "-adfq"], cwd=copy, check=True)
    assert _printed(copy, "--format", "json") == EXPECTED["json"]
