"""`avtal init MAPP --region NAMN`: a new repository for another agreement, valid from its first commit.

Everything the new repository gets comes from the package: the files every agreement shares are
copied from `skeleton/` (package data; tests/source/test_init.py keeps them equal to this repository's
own), the files that name the parties are written from templates (`templates/parter.yaml.j2`,
`mkdocs.yml.j2`), the JSON Schemas are generated as `avtal schema` does, and the first agreement is
written by `avtal new` from the same template as any other document. Nothing is read from the folder
the command runs in, and nothing is written outside the target folder.
"""

from __future__ import annotations

import contextlib
import io
from importlib import resources
from pathlib import Path

from ..exits import EXIT_OK, UsageError
from .layout import AGREEMENT_TITLE as DEFAULT_TITLE
from .layout import SCHEMA_FOLDER

AGREEMENT_ID = "overenskommelse"
# Skeleton files whose names begin with a dot are stored without it: some packaging tools leave
# dotfiles out of package data.
DOTFILES = {"gitignore": ".gitignore", "gitattributes": ".gitattributes", "editorconfig": ".editorconfig"}
CONTENT = ("agreement", "annexes", "plans")


def read_names(path: Path) -> list[str]:
    """The names in a file of parties: one a line; empty lines and lines that begin with # are skipped."""
    try:
        text = path.read_text(encoding="utf-8-sig")
    except OSError as error:
        raise UsageError(f"kan inte läsa {path}: {error.strerror or error}") from None
    except UnicodeDecodeError:
        raise UsageError(f"{path} är inte UTF-8-text; spara filen som UTF-8") from None
    return [line.strip() for line in text.splitlines() if line.strip() and not line.strip().startswith("#")]


def _parties(region: str, municipalities: list[str]) -> list[dict]:
    from pydantic import ValidationError

    from .models.vocabulary import PartiesFile

    region = region.strip()
    names = [region, *(m.strip() for m in municipalities)]
    if not municipalities:
        raise UsageError("ange minst en kommun med --kommun NAMN eller --kommuner FIL")
    seen: set[str] = set()
    for name in names:
        if not name or "\n" in name:
            raise UsageError("ett partnamn är tomt eller har en radbrytning; ange varje part på en egen rad")
        if name in seen:
            raise UsageError(f'"{name}" anges två gånger; varje part ska stå en gång')
        seen.add(name)
    parties = [{"name": region, "kind": "region"}, *({"name": n, "kind": "kommun"} for n in names[1:])]
    try:
        PartiesFile.model_validate({"coordinating_party": region, "parties": parties})
    except ValidationError as error:
        raise UsageError(f"parterna kan inte skrivas: {error.errors()[0]['msg']}") from None
    return parties


def _refuse_non_empty(target: Path) -> None:
    if target.exists() and not target.is_dir():
        raise UsageError(f"{target} finns redan och är ingen mapp; ange en ny eller tom mapp")
    if target.is_dir() and any(target.iterdir()):
        raise UsageError(f"mappen {target} är inte tom; avtal init skriver bara i en ny eller tom mapp")


def _copy_skeleton(target: Path) -> list[str]:
    """Copy the package's skeleton/ into target; the written paths, relative and with slashes."""
    written = []

    def walk(node, rel: str) -> None:
        for child in sorted(node.iterdir(), key=lambda c: c.name):
            if child.name == "__pycache__":
                continue
            name = DOTFILES.get(child.name, child.name) if not rel else child.name
            child_rel = f"{rel}{name}"
            if child.is_dir():
                walk(child, child_rel + "/")
            else:
                path = target / child_rel
                path.parent.mkdir(parents=True, exist_ok=True)
                path.write_bytes(child.read_bytes())
                written.append(child_rel)

    walk(resources.files("avtal.source") / "skeleton", "")
    return written


def _write(target: Path, rel: str, text: str) -> None:
    path = target / rel
    path.parent.mkdir(parents=True, exist_ok=True)
    with open(path, "x", encoding="utf-8", newline="\n") as handle:
        handle.write(text)


LOCAL_ID = "lokala-avtal-lakarmedverkan"


def _write_local_example(target: Path, municipalities: list[str]) -> None:
    """The example of local agreements (source/local.py): a template and a row per municipality."""
    import datetime as dt

    from .new import _render

    roles = (target / SCHEMA_FOLDER / "roller.yaml").read_text(encoding="utf-8")
    owner = next(line.split(":", 1)[1].strip() for line in roles.splitlines() if line.strip().startswith("- name:"))
    _write(target, f"agreement/{LOCAL_ID}.md", _render("lokalt-avtal.md.j2", date=dt.date.today().isoformat(),
                                                       owner=owner, agreement=AGREEMENT_ID))
    _write(target, f"agreement/{LOCAL_ID}.yaml", _render("lokalt-avtal.yaml.j2", municipalities=municipalities))


def init_repository(target: Path, region: str, municipalities: list[str], title: str | None = None) -> int:
    from .new import _render, new_document
    from .schema_export import write_schemas

    parties = _parties(region, municipalities)
    _refuse_non_empty(target)
    title = (title or DEFAULT_TITLE).strip()
    target.mkdir(parents=True, exist_ok=True)
    _copy_skeleton(target)
    region = parties[0]["name"]
    count = len(parties)
    others = f"{count - 1} kommuner" if count > 2 else parties[1]["name"]
    _write(target, f"{SCHEMA_FOLDER}/parter.yaml", _render("parter.yaml.j2", region=region, parties=parties))
    _write(target, "mkdocs.yml", _render(
        "mkdocs.yml.j2", title=title, description=f"{region} och {others} – överenskommelse, bilagor och planer",
        copyright=f"{region} och {others}. Texterna är arbetsmaterial tills alla {count} parter har fattat "
                  "likalydande beslut."))
    for folder in CONTENT:
        (target / folder).mkdir(exist_ok=True)
    quiet = io.StringIO()
    with contextlib.redirect_stdout(quiet):  # their own messages would name files the summary below names
        write_schemas(target)
        new_document(target, "överenskommelse", AGREEMENT_ID, title=title, annex_of=None)
    _write_local_example(target, [p["name"] for p in parties[1:]])
    print(f"Skapade ett nytt arkiv i {target} för {region} och {others} ({count} parter):\n"
          f"  schema/parter.yaml med parterna, och vokabulärerna att anpassa (organ, roller, statusar, dokumenttyper)\n"
          f"  agreement/{AGREEMENT_ID}.md, ett första utkast av överenskommelsen\n"
          f"  agreement/{LOCAL_ID}.md och .yaml, ett exempel på lokala avtal: en mall och en rad per kommun\n"
          f"  mkdocs.yml, webbplats/ och templates/referens.docx för webbplatsen och Word-filerna\n"
          f"Nästa steg: cd {target} && git init && git add -A && git commit -m \"Nytt arkiv\", sedan avtal check.")
    return EXIT_OK
