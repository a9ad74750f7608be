"""Editor and forge habits: the schema line of every data file, the pre-commit hook, the CI files."""

import json
import re
import shutil
import subprocess
import sys
import tomllib
from importlib.metadata import requires

import yaml

from conftest import REPO_ROOT

HOOK_LAUNCHER = "scripts/avtal_check_hook.py"


def _data_files():
    return sorted(p for folder in ("agreement", "annexes", "plans") for p in (REPO_ROOT / folder).rglob("*.y*ml"))


def test_every_data_file_names_the_schema_of_its_kind_on_its_first_line():
    files = _data_files()
    assert files
    for path in files:
        text = path.read_text("utf-8")
        kind = yaml.safe_load(text)["kind"]
        schema = path.parent / re.fullmatch(r"# yaml-language-server: \$schema=(\S+)", text.splitlines()[0])[1]
        assert schema.resolve() == REPO_ROOT / "schema" / f"{kind}.schema.json", path
        assert schema.is_file(), schema


def _pinned(requirement: str) -> tuple[str, str]:
    name = re.match(r"[A-Za-z0-9_.-]+", requirement)[0]
    return name.lower().replace("_", "-"), requirement[len(name):].replace(" ", "")


def _hook(config: dict, hook_id: str = "avtal-check") -> dict:
    return next(h for repo in config["repos"] for h in repo["hooks"] if h["id"] == hook_id)


def test_the_pre_commit_hook_has_the_checks_dependencies_as_pyproject_pins_them():
    config = yaml.safe_load((REPO_ROOT / ".pre-commit-config.yaml").read_text("utf-8"))
    hook = _hook(config)
    assert hook["language"] == "python" and hook["entry"] == f"python {HOOK_LAUNCHER}"
    project = tomllib.loads((REPO_ROOT / "pyproject.toml").read_text("utf-8"))["project"]
    pins = dict(_pinned(r) for r in project["dependencies"])
    listed = dict(_pinned(r) for r in hook["additional_dependencies"])
    assert listed == {name: pins[name] for name in listed}
    # The hook for other repositories (pre-commit try-repo) checks the same files.
    (shared,) = yaml.safe_load((REPO_ROOT / ".pre-commit-hooks.yaml").read_text("utf-8"))
    assert shared["files"] == hook["files"] and shared["pass_filenames"] is hook["pass_filenames"] is False


def _with_requirements(names: set[str]) -> set[str]:
    """The distributions and everything they require (without extras), by normalised name."""
    seen, todo = set(), list(names)
    while todo:
        name = todo.pop()
        if name in seen:
            continue
        seen.add(name)
        for requirement in requires(name) or []:
            if "extra ==" not in requirement:
                todo.append(_pinned(requirement)[0])
    return seen


def test_the_check_imports_only_what_the_hook_installs():
    probe = (
        "import sys, io, contextlib\n"
        "from importlib.metadata import packages_distributions\n"
        "before = set(sys.modules)\n"
        "from avtal.cli import main\n"
        "with contextlib.redirect_stdout(io.StringIO()), contextlib.redirect_stderr(io.StringIO()):\n"
        "    main(['check'])\n"
        "owners = packages_distributions()\n"
        "new = {m.split('.')[0] for m in set(sys.modules) - before}\n"
        "print('\\n'.join(sorted({d for m in new for d in owners.get(m, [])})))\n"
    )
    result = subprocess.run([sys.executable, "-c", probe], cwd=REPO_ROOT, capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    imported = {_pinned(name)[0] for name in result.stdout.split()} - {"avtal"}
    hook = _hook(yaml.safe_load((REPO_ROOT / ".pre-commit-config.yaml").read_text("utf-8")))
    installed = _with_requirements({_pinned(r)[0] for r in hook["additional_dependencies"]})
    assert imported and imported <= installed, imported - installed


def test_the_hook_launcher_runs_the_check_of_this_checkout(repo):
    repo.doc("plan", owner="Kalle")
    result = subprocess.run([sys.executable, str(REPO_ROOT / HOOK_LAUNCHER), "--format", "json"], cwd=repo.root,
                            capture_output=True, text=True)
    assert result.returncode == 1
    assert [f["code"] for f in json.loads(result.stdout)] == ["AV105"]


def test_editor_settings_recommend_the_yaml_language_server():
    extensions = json.loads((REPO_ROOT / ".vscode" / "extensions.json").read_text("utf-8"))
    assert "redhat.vscode-yaml" in extensions["recommendations"]
    settings = json.loads((REPO_ROOT / ".vscode" / "settings.json").read_text("utf-8"))
    assert settings["files.eol"] == "\n" and settings["yaml.validate"] is True


def test_gitlab_runs_the_version_rules_on_merge_requests_without_double_pipelines():
    ci = yaml.safe_load((REPO_ROOT / ".gitlab-ci.yml").read_text("utf-8"))
    rules = ci["workflow"]["rules"]
    assert rules[0]["if"] == '$CI_PIPELINE_SOURCE == "merge_request_event"'
    # A branch with an open merge request runs only the merge request's pipeline.
    assert any("$CI_OPEN_MERGE_REQUESTS" in r.get("if", "") and r.get("when") == "never" for r in rules)
    fetch = "\n".join(ci["before_script"])
    assert "git fetch" in fetch and "refs/remotes/origin/$CI_MERGE_REQUEST_TARGET_BRANCH_NAME" in fetch
    check = "\n".join(ci["check"]["script"])
    assert "--base origin/$CI_MERGE_REQUEST_TARGET_BRANCH_NAME" in check
    assert "avtal check --format gitlab $BASE" in check and "avtal check $BASE" in check
    # The tests run in a plain Debian image: make installs what is missing there, npm too.
    assert ci["image"].startswith("python:") and ci["test"]["script"] == ["make test VENV=.venv-ci"]
    makefile = (REPO_ROOT / "Makefile").read_text("utf-8")
    packages = makefile[makefile.index("debian-packages:"):makefile.index("$(AXE):")]
    assert all(f'missing="$$missing {name}"' in packages for name in ("chromium", "poppler-utils", "npm"))


def test_github_fails_when_publishing_fails():
    workflow = yaml.safe_load((REPO_ROOT / ".github" / "workflows" / "avtal.yml").read_text("utf-8"))
    for job in workflow["jobs"].values():
        for step in job["steps"]:
            assert "continue-on-error" not in step, step
    assert "continue-on-error" not in (REPO_ROOT / ".github" / "workflows" / "avtal.yml").read_text("utf-8")


def _code_paths_of_the_script() -> list[str]:
    script = (REPO_ROOT / ".ci" / "code-changed").read_text("utf-8")
    block = script[script.index("paths=(") + len("paths=("):script.index(")\n", script.index("paths=("))]
    return re.findall(r"'([^']+)'", block)


def test_both_forges_run_the_tests_on_the_same_paths_and_on_main_always():
    ci = yaml.safe_load((REPO_ROOT / ".gitlab-ci.yml").read_text("utf-8"))
    assert ci[".code-paths"] == _code_paths_of_the_script()
    rules = ci["test"]["rules"]
    assert rules[0] == {"if": "$CI_COMMIT_BRANCH == $CI_DEFAULT_BRANCH"}
    merge_request, branch = rules[1:]
    assert merge_request["changes"]["paths"] == ci[".code-paths"] and "TARGET_BRANCH" in merge_request["changes"]["compare_to"]
    assert branch["changes"] == ci[".code-paths"]
    # The check, the comparison and the build run on every change; publishing waits for the tests.
    assert all("rules" not in ci[job] for job in ("check", "build")) and "test" in ci["pages"]["needs"]
    workflow = yaml.safe_load((REPO_ROOT / ".github" / "workflows" / "avtal.yml").read_text("utf-8"))
    steps = workflow["jobs"]["test"]["steps"]
    decide = next(s for s in steps if s.get("id") == "paths")
    assert '!= "pull_request" ] || .ci/code-changed' in decide["run"]
    assert any(s.get("run") == "make test VENV=.venv-ci" and "steps.paths.outputs.code" in s["if"] for s in steps)
    assert "test" in workflow["jobs"]["publish-site"]["needs"]
    assert not any("make test" in s.get("run", "") for s in workflow["jobs"]["check-and-build"]["steps"])


def test_a_text_only_change_does_not_run_the_tests_and_a_change_of_code_does(git_repo):
    shutil.copytree(REPO_ROOT / ".ci", git_repo.root / ".ci")
    git_repo.doc("plan")
    git_repo.commit("Början")
    git_repo.git("branch", "base")
    script = [str(git_repo.root / ".ci" / "code-changed"), "base"]
    git_repo.doc("plan", "Ett nytt stycke.")
    git_repo.write("webbplats/tillganglighet.md", "# Tillgänglighet\n")
    git_repo.commit("Bara text")
    text_only = subprocess.run(script, cwd=git_repo.root, capture_output=True, text=True)
    assert text_only.returncode == 1 and "testerna körs inte" in text_only.stdout
    git_repo.write("scripts/avtal/ny.py", "")
    git_repo.commit("Kod")
    code = subprocess.run(script, cwd=git_repo.root, capture_output=True, text=True)
    assert code.returncode == 0 and "scripts/avtal/ny.py" in code.stdout
