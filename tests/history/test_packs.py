"""The first bytes of blobs read from git's packs (history/packs.py) say what the whole blobs say.

A first run of the change log reads each version's front matter from the packs instead of through
`git cat-file`; these tests hold it to what cat-file's whole blobs give, for front matter of every
shape, for packs with offset and with reference deltas, for loose objects beside them, and when the
second process fails."""

import json
import sys
import zlib

from hypothesis import given, settings
from hypothesis import strategies as st

from avtal.history import packserver
from avtal.history.gitpipe import read_blobs
from avtal.history.packs import PackStore, _enough, snapshot_from_pack
from avtal.history.snapshots import FrontMatterCache, snapshot_of

LONG_TITLE = "Lång " * 300  # a front matter beyond the first read (512 bytes) and beyond 8 times it

SHAPES = {
    "plans/vanlig.md": '---\nid: vanlig\ntitle: Vanlig\nversion: "0.{n}"\nstatus: utkast\n---\n\nText {n}.\n',
    "plans/crlf.md": '---\r\nid: crlf\r\ntitle: Crlf\r\nversion: "0.{n}"\r\nstatus: utkast\r\n---\r\n\r\nText {n}.\r\n',
    "plans/bom.md": '\ufeff---\nid: bom\nversion: "0.{n}"\n---\nText {n}.\n',
    "plans/utan.md": "# Ingen front matter {n}\n\nText.\n",
    "plans/oavslutad.md": '---\nid: oavslutad\nversion: "0.{n}"\n' + "rad\n" * 400,
    "plans/lang.md": f'---\nid: lang\ntitle: "{LONG_TITLE}"\nversion: "0.{{n}}"\n---\nText {{n}}.\n',
    "plans/beslutad.md": '---\nid: beslutad\nversion: "1.{n}"\nstatus: beslutad\n---\nBeslutad text {n}.\n' + "x\n" * 300,
    "plans/data.yaml": "document: vanlig\n# kommentar {n}\nrader: [{n}]\n",
    "plans/tom.md": "",
    "plans/kort.md": "---\n",
}


def _history(git_repo, versions: int = 6) -> list[tuple[str, str]]:
    """Commits of every shape, with a long common body so that git stores them as deltas; (blob, path)."""
    body = "".join(f"Stycke {i} om vården i hemmet och ansvaret mellan parterna.\n" for i in range(60))
    for n in range(1, versions + 1):
        for path, text in SHAPES.items():
            target = git_repo.root / path
            target.parent.mkdir(parents=True, exist_ok=True)
            extra = body.replace(f"Stycke {n} ", f"Stycke {n} (ändrat) ") if text else ""
            target.write_bytes((text.format(n=n) + extra).encode())
        git_repo.commit(f"Version {n}")
    listing = git_repo.git("log", "--raw", "--no-abbrev", "--format=")
    found = {}
    for line in listing.splitlines():
        meta, _, path = line.partition("\t")
        found.setdefault(meta.split()[3], path)
    return sorted(found.items())


def _from_cat_file(git_repo, blobs: list[tuple[str, str]]):
    contents = dict(read_blobs(git_repo.root, [blob for blob, _ in blobs]))
    cache = FrontMatterCache()
    return {blob: snapshot_of(path, contents[blob], cache) for blob, path in blobs}


def _same_as_cat_file(git_repo, blobs) -> int:
    """Every snapshot the packs give is the whole blob's; the number they gave."""
    store, cache, expected = PackStore(git_repo.root / ".git" / "objects"), FrontMatterCache(), _from_cat_file(git_repo, blobs)
    given = 0
    for blob, path in blobs:
        snapshot = snapshot_from_pack(store, blob, path, cache)
        if snapshot is not None:
            assert snapshot == expected[blob], path
            given += 1
    return given


def test_every_shape_from_packs_with_offset_and_reference_deltas(git_repo):
    blobs = _history(git_repo)
    data_and_decided = [b for b, p in blobs if p.endswith((".yaml", "/beslutad.md"))]
    # No packs yet: every blob is a loose object, read from its own file; all but these, which only
    # whole blobs say.
    assert _same_as_cat_file(git_repo, blobs) == len(blobs) - len(data_and_decided)
    git_repo.git("repack", "-adfq", "--window=50", "--depth=50")
    given = _same_as_cat_file(git_repo, blobs)
    assert given == len(blobs) - len(data_and_decided)  # from the packs, the same
    git_repo.git("-c", "repack.useDeltaBaseOffset=false", "repack", "-adfq", "--window=50", "--depth=50")
    assert _same_as_cat_file(git_repo, blobs) == given


def test_a_damaged_or_foreign_loose_object_is_left_to_cat_file(git_repo):
    blobs = _history(git_repo, versions=2)
    objects = git_repo.root / ".git" / "objects"
    store = PackStore(objects)
    blob = next(b for b, p in blobs if p == "plans/vanlig.md")
    assert store.front(blob.encode()) is not None  # read from its file
    loose = objects / blob[:2] / blob[2:]
    loose.chmod(0o644)
    loose.write_bytes(zlib.compress(b"tree 4\0abcd"))  # not a blob
    assert PackStore(objects).front(blob.encode()) is None
    loose.write_bytes(b"inte zlib")
    assert PackStore(objects).front(blob.encode()) is None
    loose.unlink()  # elsewhere (an alternate object store): cat-file finds it, or says it is missing
    assert PackStore(objects).front(blob.encode()) is None


def test_the_change_log_from_packs_is_the_change_log_from_cat_file(git_repo, monkeypatch):
    from avtal.history.cache import CACHE_FILE

    _history(git_repo)
    git_repo.git("repack", "-adfq")
    git_repo.root.joinpath("plans", "vanlig.md").write_text('---\nid: vanlig\nversion: "0.9"\n---\nLös.\n', "utf-8")
    git_repo.commit("En lös incheckning ovanpå packen")
    cache = git_repo.root / ".git" / CACHE_FILE

    def printed() -> dict:  # in this process, so that what the test changes applies
        from avtal.history.changelog import load_changelog
        from avtal.history.changelog_files import as_json

        cache.unlink(missing_ok=True)
        return json.loads(as_json(load_changelog(git_repo.root)))

    from_packs = printed()
    assert from_packs["documents"]["vanlig"]["versions"][0]["version"] == "0.9"
    from avtal.history import gitpipe, log

    monkeypatch.setattr(log, "_blob_reader", lambda root, git_dir, head, whole: gitpipe.BlobReader(root))
    assert printed() == from_packs  # the way of reading blobs changes nothing
    monkeypatch.undo()
    from_cli = git_repo.avtal("changelog", "--format", "json")  # and the command, in a process of its own
    (git_repo.root / ".git" / CACHE_FILE).unlink()
    assert json.loads(git_repo.avtal("changelog", "--format", "json").stdout) == json.loads(from_cli.stdout) == from_packs
    # The second process fails at once, or cannot start: what it did not answer is read through cat-file.
    monkeypatch.setattr(packserver, "serving_command", lambda root, objects: ["python3", "-c", "import sys; sys.exit(3)"])
    assert printed() == from_packs
    monkeypatch.setattr(packserver, "serving_command", lambda root, objects: ["/finns/inte/python"])
    assert printed() == from_packs


def test_the_serving_process_answers_every_request(git_repo, monkeypatch):
    blobs = _history(git_repo, versions=3)
    git_repo.git("repack", "-adfq")
    from avtal.history import gitpipe

    monkeypatch.setattr(gitpipe, "BlobReader", None)  # avtal's own cat-file is not used: the process answers all
    snapshots = {}
    reader = packserver.PackReader(git_repo.root, git_repo.root / ".git" / "objects", snapshots)
    reader.start()
    reader.request(blobs[:7])
    reader.request(blobs[7:] + [("0" * 40, "plans/saknas.md")])  # an object the repository lacks
    reader.finish()
    assert reader.process.returncode == 0 and reader.answered == len(blobs) + 1
    assert snapshots == _from_cat_file(git_repo, blobs)  # decided and data files too, read whole there


front_matter_line = st.sampled_from(["id: a", 'version: "0.1"', "status: beslutad", "status: utkast", "title: T",
                                     "# kommentar", "", "---", "  - lista", "change_note: |"])


@settings(max_examples=300, deadline=None)
@given(lines=st.lists(front_matter_line, max_size=8), body=st.text(max_size=40),
       start=st.sampled_from(["---", "\ufeff---", "", "--- "]), newline=st.sampled_from(["\n", "\r\n"]),
       cut=st.integers(min_value=0, max_value=200))
def test_enough_first_bytes_say_what_the_whole_file_says(lines, body, start, newline, cut):
    data = newline.join([start, *lines, "---", body]).encode()
    prefix = data[:cut]
    if cut < len(data) and _enough(prefix):
        cache = FrontMatterCache()
        whole = snapshot_of("plans/a.md", data, cache)
        if whole.status != "beslutad":
            assert snapshot_of("plans/a.md", prefix, FrontMatterCache()) == whole


def test_a_decided_document_the_process_took_for_another_is_read_whole(git_repo, monkeypatch):
    blobs = _history(git_repo, versions=2)
    git_repo.git("repack", "-adfq")
    objects = git_repo.root / ".git" / "objects"
    missing_every_decided = ("import sys; from pathlib import Path; import avtal.history.packs as p, avtal.history.packserver as s; "
                             "p.may_be_decided = s.may_be_decided = lambda front: False; s.serve(Path(sys.argv[1]), Path(sys.argv[2]))")
    monkeypatch.setattr(packserver, "serving_command",
                        lambda root, objects: [sys.executable, "-c", missing_every_decided, str(root), str(objects)])
    snapshots = {}
    reader = packserver.PackReader(git_repo.root, objects, snapshots)
    reader.request(blobs)
    reader.finish()
    assert reader.process.returncode == 0
    assert snapshots == _from_cat_file(git_repo, blobs)
    assert any(s.status == "beslutad" and s.body_digest for s in snapshots.values())
