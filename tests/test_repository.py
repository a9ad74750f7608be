"""The repository itself: its documents pass the check, quickly, without the heavy libraries."""

import json
import subprocess
import sys

import yaml

from conftest import REPO_ROOT


def test_the_repository_passes_check():
    result = subprocess.run([sys.executable, "-m", "avtal", "check", "--format", "json"], cwd=REPO_ROOT,
                            capture_output=True, text=True)
    findings = json.loads(result.stdout)
    errors = [f for f in findings if f["severity"] == "error"]
    assert result.returncode == 0 and errors == [], errors


def test_check_imports_neither_docx_git_nor_mkdocs():
    probe = (
        "import sys, io, contextlib\n"
        "from avtal.cli import main\n"
        "with contextlib.redirect_stdout(io.StringIO()), contextlib.redirect_stderr(io.StringIO()):\n"
        "    main(['check'])\n"
        "heavy = sorted(m for m in sys.modules if m.split('.')[0] in ('docx', 'git', 'mkdocs', 'material', 'jinja2'))\n"
        "print(','.join(heavy))\n"
    )
    result = subprocess.run([sys.executable, "-c", probe], cwd=REPO_ROOT, capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == ""


def test_mkdocs_configures_the_markdown_the_documents_are_written_in():
    config = yaml.safe_load((REPO_ROOT / "mkdocs.yml").read_text("utf-8"))
    names = {next(iter(e)) if isinstance(e, dict) else e for e in config["markdown_extensions"]}
    assert {"toc", "attr_list", "admonition", "tables", "footnotes"} <= names
    assert config["theme"]["language"] == "sv"


def test_build_output_is_ignored_by_git():
    ignored = subprocess.run(["git", "check-ignore", "build/manifest.json", ".venv/x"], cwd=REPO_ROOT,
                             capture_output=True, text=True)
    assert ignored.stdout.split() == ["build/manifest.json", ".venv/x"]


def test_the_benchmarks_leave_build_to_avtal_build(monkeypatch):
    """`avtal build` refuses a build/ that holds anything but its own output: after `make bench`,
    `make build` must still work, so the benchmarks' table is kept elsewhere."""
    import importlib.util

    monkeypatch.delenv("AVTAL_BENCH_RESULTS", raising=False)
    spec = importlib.util.spec_from_file_location("bench_report", REPO_ROOT / "tests" / "bench" / "report.py")
    report = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(report)
    assert not report._results().is_relative_to(REPO_ROOT / "build")
