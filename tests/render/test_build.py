"""`avtal build`: stops on errors without touching the previous output; writes a manifest."""

import hashlib
import json

from conftest import document


def test_build_writes_metadata_and_a_manifest(repo):
    repo.doc("plan")
    result = repo.avtal("build")
    assert result.code == 0, result.stdout + result.stderr
    manifest = json.loads((repo.root / "build" / "manifest.json").read_text("utf-8"))
    assert [a["path"] for a in manifest["artifacts"]] == ["docx/plan_v0.1.docx", "metadata.json"]
    for artifact in manifest["artifacts"]:
        data = (repo.root / "build" / artifact["path"]).read_bytes()
        assert hashlib.sha256(data).hexdigest() == artifact["sha256"]
    metadata = json.loads((repo.root / "build" / "metadata.json").read_text("utf-8"))
    assert metadata["documents"][0]["id"] == "plan" and len(metadata["documents"][0]["parties"]) == 16
    assert manifest["source"]["commit"] is None  # not a git repository


def test_build_records_the_commit(repo):
    import subprocess

    repo.doc("plan")
    git = ["git", "-c", "user.name=Test", "-c", "user.email=t@example.org"]
    subprocess.run(["git", "init", "-q"], cwd=repo.root, check=True)
    subprocess.run(git + ["add", "."], cwd=repo.root, check=True)
    subprocess.run(git + ["commit", "-qm", "Första"], cwd=repo.root, check=True)
    head = subprocess.run(["git", "rev-parse", "HEAD"], cwd=repo.root, capture_output=True, text=True).stdout.strip()
    assert repo.avtal("build").code == 0
    source = json.loads((repo.root / "build" / "manifest.json").read_text("utf-8"))["source"]
    assert source["commit"] == head and source["dirty"] is False


def test_same_sources_give_identical_output(repo):
    repo.doc("plan")
    repo.avtal("build")
    first = (repo.root / "build" / "manifest.json").read_bytes()
    repo.avtal("build")
    assert (repo.root / "build" / "manifest.json").read_bytes() == first


def test_failed_build_leaves_the_previous_output(repo):
    repo.doc("plan")
    assert repo.avtal("build").code == 0
    previous = (repo.root / "build" / "manifest.json").read_bytes()
    repo.write("plans/plan.md", document(owner="Kalle"))
    result = repo.avtal("build")
    assert result.code == 1 and "AV105" in result.stdout and "orört" in result.stderr
    assert (repo.root / "build" / "manifest.json").read_bytes() == previous
    assert not [p for p in repo.root.iterdir() if p.name.startswith(".build")]


def test_build_refuses_to_replace_sources_or_foreign_folders(repo):
    repo.doc("plan")
    repo.write("annat/viktigt.txt", "behåll mig")
    before = repo.snapshot()
    for target in ("plans", ".", "annat", "schema/ut"):
        result = repo.avtal("build", "--out", target)
        assert result.code == 2, target
    assert repo.snapshot() == before
