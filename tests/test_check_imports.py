"""`avtal check` near the import floor (issue 25): what a check of a valid repository does not import
or do. tests/test_layout.py keeps the stages apart; this keeps the smaller costs away."""

from __future__ import annotations

import json
import subprocess
import sys

PROBE = (
    "import sys, io, contextlib, json\n"
    "from avtal.cli import main\n"
    "with contextlib.redirect_stdout(io.StringIO()), contextlib.redirect_stderr(io.StringIO()):\n"
    "    code = main(['check'])\n"
    "loader = sys.modules.get('pydantic.plugin._loader')\n"
    "print(json.dumps({'code': code, 'modules': sorted(sys.modules),\n"
    "                  'plugins_searched': loader is not None and loader._plugins is not None}))\n"
)


def _check_in_process(root) -> dict:
    done = subprocess.run([sys.executable, "-c", PROBE], cwd=root, capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout)


def test_check_imports_nothing_it_does_not_use(repo):
    repo.doc("plan", "Text med en [länk](plan.md#syfte).\n")
    result = _check_in_process(repo.root)
    assert result["code"] == 0
    modules = set(result["modules"])
    # `avtal init`, `avtal new` and `avtal schema` are source modules the check never needs (the parser
    # once imported source.init for a default title, and with it importlib.resources); difflib is for hints.
    assert not modules & {"avtal.source.init", "avtal.source.new", "avtal.source.schema_export", "difflib"}
    # Neither the fenced-code reader (no fence in the document) nor the renderers' Markdown extensions.
    assert not [m for m in modules if m.startswith("pymdownx")]


def test_check_does_not_search_for_pydantic_plugins(repo):
    """avtal has no Pydantic plugins: Pydantic is told so (PYDANTIC_DISABLE_PLUGINS, set by the package
    itself unless the environment sets it), and does not search every installed package's entry points."""
    repo.doc("plan", "Text.\n")
    assert _check_in_process(repo.root)["plugins_searched"] is False


def test_the_change_log_reads_no_document_as_a_model(git_repo):
    """`avtal changelog` reads the front matter of git's blobs itself (history/snapshots.py): neither
    Pydantic nor the source stage's models are imported (a local agreement's id once pulled them in,
    a third of a second on every run)."""
    git_repo.doc("plan", "Text.\n")
    git_repo.commit("Planen")
    probe = PROBE.replace("main(['check'])", "main(['changelog'])")
    done = subprocess.run([sys.executable, "-c", probe], cwd=git_repo.root, capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    result = json.loads(done.stdout)
    assert result["code"] == 0
    assert not [m for m in result["modules"] if m.startswith(("pydantic", "avtal.source.models", "avtal.source.corpus"))]
