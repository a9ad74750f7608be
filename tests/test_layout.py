"""The package's layout is its architecture: four stages, each importing only those before it."""

import ast
import subprocess
import sys
from pathlib import Path

from conftest import REPO_ROOT

PACKAGE = REPO_ROOT / "scripts" / "avtal"
STAGES = ["source", "history", "rules", "render", "compare", "decisions", "remiss"]  # each may import only the ones before it
SHARED = {"findings", "codes", "hints", "dates", "exits", "text", "xmlerrors"}  # below every stage; import no stage


def _module_name(file: Path) -> str:
    parts = file.relative_to(PACKAGE.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def _imports(file: Path) -> set[str]:
    """Every avtal module the file imports, at the top or inside a function."""
    module = _module_name(file)
    package = module if file.name == "__init__.py" else module.rpartition(".")[0]
    found = set()
    for node in ast.walk(ast.parse(file.read_text("utf-8"))):
        if isinstance(node, ast.ImportFrom):
            if node.level:
                base = package.split(".")[: len(package.split(".")) - node.level + 1]
                target = ".".join(base + ([node.module] if node.module else []))
            else:
                target = node.module or ""
            if target.split(".")[0] != "avtal":
                continue
            for alias in node.names:  # `from . import content` imports a module too
                candidate = f"{target}.{alias.name}"
                found.add(candidate if _exists(candidate) else target)
        elif isinstance(node, ast.Import):
            found.update(a.name for a in node.names if a.name.split(".")[0] == "avtal")
    return found


def _exists(module: str) -> bool:
    path = PACKAGE.parent.joinpath(*module.split("."))
    return path.with_suffix(".py").is_file() or (path / "__init__.py").is_file()


def _graph() -> dict[str, set[str]]:
    return {_module_name(f): _imports(f) for f in sorted(PACKAGE.rglob("*.py"))}


def _stage(module: str) -> str:
    parts = module.split(".")
    return parts[1] if len(parts) > 1 else ""


def test_the_top_level_holds_the_command_line_the_stages_and_a_few_shared_modules():
    top = {p.stem for p in PACKAGE.glob("*.py")}
    folders = {p.name for p in PACKAGE.iterdir() if p.is_dir() and (p / "__init__.py").is_file()}
    # handbook: the handbook's pages made from the command line's parser and the codes, beside cli;
    # arguments: the parser itself (what the command line accepts), beside cli (what each command does)
    assert top == {"__init__", "__main__", "cli", "arguments", "handbook"} | SHARED
    assert folders == set(STAGES)


def test_each_stage_imports_only_the_stages_before_it():
    wrong = []
    for module, imported in _graph().items():
        stage = _stage(module)
        if stage in STAGES:
            allowed = set(STAGES[: STAGES.index(stage) + 1]) | SHARED
        elif stage in SHARED:
            allowed = SHARED
        else:
            continue  # the command line and the package itself
        wrong += [f"{module} -> {target}" for target in imported if _stage(target) not in allowed]
    assert wrong == []


def test_no_module_imports_itself_through_others():
    graph, state, cycles = _graph(), {}, []

    def visit(module: str, path: list[str]) -> None:  # depth first; "open" modules are on the path
        state[module] = "open"
        for target in sorted(graph.get(module, ())):
            if state.get(target) == "open":
                cycles.append(" -> ".join([*path[path.index(target):], target]))
            elif target not in state:
                visit(target, [*path, target])
        state[module] = "done"

    for module in sorted(graph):
        if module not in state:
            visit(module, [module])
    assert cycles == []


def test_check_loads_only_what_the_rules_need(repo):
    """`avtal check` of a repository without a remiss round: the source, the rules and the shared
    modules, never the renderers, the later stages or the history (git is read only for --base or
    a round), and neither python-docx, mkdocs nor pymdownx (a document without fences)."""
    repo.doc("plan", "Text med en [länk](plan.md#syfte).\n")
    probe = (
        "import sys, io, contextlib\n"
        "from avtal.cli import main\n"
        "with contextlib.redirect_stdout(io.StringIO()), contextlib.redirect_stderr(io.StringIO()):\n"
        "    code = main(['check'])\n"
        "print(code, ' '.join(sorted(m for m in sys.modules if m.startswith(('avtal.', 'docx', 'mkdocs', 'pymdownx')))))\n"
    )
    done = subprocess.run([sys.executable, "-c", probe], cwd=repo.root, capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    code, _, modules = done.stdout.strip().partition(" ")
    stages = {_stage(m) for m in modules.split()}
    assert code == "0" and "avtal.rules.check" in modules.split()
    assert stages <= {"cli", "arguments", "source", "rules"} | SHARED, sorted(stages)
    assert not [m for m in modules.split() if not m.startswith("avtal.")]
