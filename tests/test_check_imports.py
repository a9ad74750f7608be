"""`avtal check` near the import floor (issue 25): what a check of a valid repository does not import
or do. tests/test_layout.py keeps the stages apart; this keeps the smaller costs away."""

from __future__ import annotations

import json
import os
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
    # Without a remiss round, neither the rounds nor their models; nor `avtal docx`'s own loading (single).
    assert not modules & {"avtal.source.rounds", "avtal.source.models.remiss", "avtal.source.single"}
    # Neither the fenced-code reader (no fence in the document) nor the renderers' Markdown extensions.
    assert not [m for m in modules if m.startswith("pymdownx")]


def test_check_does_not_search_for_pydantic_plugins(repo):
    """avtal has no Pydantic plugins: Pydantic is told so (PYDANTIC_DISABLE_PLUGINS, set by the package
    itself unless the environment sets it), does not search every installed package's entry points, and
    its plugin loader, which would import importlib.metadata for that search, stays avtal's stand-in."""
    repo.doc("plan", "Text.\n")
    result = _check_in_process(repo.root)
    assert result["plugins_searched"] is False
    assert "importlib.metadata" not in result["modules"]


def test_the_plugin_loaders_stand_in_answers_as_the_real_loader():
    """With every plugin disabled the real loader finds no plugin; the stand-in (source/models/__init__.py) says
    the same, and gives any other name from the real loader; with plugins allowed there is no stand-in."""
    probe = (
        "import sys, avtal.source.models\n"
        "from pydantic.plugin import _loader\n"
        "stand_in = not hasattr(_loader, '__file__')\n"
        "first = list(_loader.get_plugins())\n"
        "searched = _loader._plugins\n"  # a name only the real loader has
        "from pydantic.plugin import _loader as real\n"
        "print(stand_in, first, list(real.get_plugins()), searched, real.__file__.endswith('_loader.py'))\n"
    )
    for disabled, expected in (("__all__", "True [] [] None True"), ("", "False [] [] None True")):
        env = {**os.environ, "PYDANTIC_DISABLE_PLUGINS": disabled}
        done = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, env=env)
        assert done.returncode == 0, done.stderr
        if disabled:
            assert done.stdout.split() == expected.split()
        else:  # the real loader from the start: it searched the entry points (and found no plugin)
            stand_in, first, *_ = done.stdout.split(" ", 2)
            assert (stand_in, first) == ("False", "[]")


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
