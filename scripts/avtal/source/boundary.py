"""The repository's boundary: only regular files inside the repository are read.

A symbolic link, or a path that leads out of the repository (`..`, an absolute path), is
never followed: the site is public and the Word files are formal, so a link to
`/etc/passwd` or to somebody's home folder must not end up in either. Every such path is
an error finding at its own path (AV015), and the file it points to is never opened.

    refusal        why a repository path may not be read, or None
    read_inside    a file's bytes, opened without following a link
    content_files  the documents' folders, walked without following links
    site_sources   mkdocs.yml, the folders it publishes, the Word template
    WorkingTree, CommitFiles   where loading reads from: the working tree, or a commit's
                   regular files as git gives them (an earlier version goes through the same code)
"""

from __future__ import annotations

import os
import re
import stat
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

import yaml
from yaml.reader import ReaderError

from ..codes import finding
from ..findings import Finding
from .characters import CONTROL_RE
from .layout import AGREEMENT_TITLE, CONTENT_FOLDERS, SITE_CONFIG, WORD_TEMPLATE
from .yamlsafe import reader_problem, syntax_problem


class OutsideRepository(Exception):
    """A path that may not be read; the message says why, in Swedish."""


def _link_note(path: Path) -> str:
    try:
        return f" (till {os.readlink(path)})"
    except OSError:
        return ""


def shown_path(path: str) -> str:
    """A path as a message may quote it: short, and without a character a terminal would act on."""
    path = CONTROL_RE.sub("?", path)
    return path if len(path) <= 80 else path[:77] + "…"


def refusal(root: Path, rel: str) -> str | None:
    """Why the file at `rel` may not be read (a link on the way, a path outside), or None.

    A path that does not exist is not refused here: its reader says it is missing.
    """
    parts = PurePosixPath(rel).parts
    if rel.startswith("/") or ".." in parts:
        return f"Sökvägen {shown_path(rel)} leder ut ur arkivet; avtal läser bara filer i arkivet"
    current = root
    for index, part in enumerate(parts):
        current = current / part
        try:
            mode = os.lstat(current).st_mode
        except (OSError, ValueError):  # missing, a name too long, a NUL written as %00 in a link
            return None
        if stat.S_ISLNK(mode):
            shown = "/".join(parts[: index + 1])
            what = "Filen" if index == len(parts) - 1 else f"Mappen {shown} i sökvägen"
            return (f"{what} är en symbolisk länk{_link_note(current)}; avtal läser bara filer i arkivet, "
                    "så länken följs inte. Ersätt länken med filen själv")
    return None


def read_inside(root: Path, rel: str, limit: int) -> bytes:
    """The bytes of a regular file inside the repository, at most `limit` + 1 of them.

    Raises OutsideRepository when the path is refused, FileNotFoundError when there is no
    regular file. The last component is opened with O_NOFOLLOW, so a link made between
    the check and the read is not followed either.
    """
    problem = refusal(root, rel)
    if problem:
        raise OutsideRepository(problem)
    flags = os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_NONBLOCK", 0)
    try:
        handle = os.open(root / rel, flags)
    except ValueError as error:  # a NUL in the path
        raise FileNotFoundError(rel) from error
    except OSError as error:
        if os.path.islink(root / rel):
            raise OutsideRepository(refusal(root, rel) or "Filen är en symbolisk länk") from None
        raise FileNotFoundError(rel) from error
    with os.fdopen(handle, "rb") as stream:
        if not stat.S_ISREG(os.fstat(stream.fileno()).st_mode):
            raise FileNotFoundError(rel)  # a folder, a pipe, a device: nothing to read
        return stream.read(limit + 1)


def _is_hidden(rel: str) -> bool:
    return any(part.startswith(".") for part in rel.split("/"))


def _walk(root: Path, folder: str, findings: list[Finding], keep=None) -> list[tuple[Path, str]]:
    """Regular files under `folder` (hidden ones left out), reporting every link instead of following it."""
    problem = refusal(root, folder)
    if problem:
        findings.append(finding("AV015", folder, 1, 1, problem))
        return []
    base = root / folder
    if not base.is_dir():
        return []
    files = []
    for current, dirs, names in os.walk(base):  # os.walk never follows links to folders
        here = Path(current)
        for name in sorted(dirs):
            rel = (here / name).relative_to(root).as_posix()
            if _is_hidden(rel):
                dirs.remove(name)
            elif os.path.islink(here / name):
                findings.append(finding("AV015", rel, 1, 1, refusal(root, rel) or "Mappen är en symbolisk länk"))
                dirs.remove(name)
        for name in names:
            path = here / name
            rel = path.relative_to(root).as_posix()
            if _is_hidden(rel):
                continue
            if os.path.islink(path):
                findings.append(finding("AV015", rel, 1, 1, refusal(root, rel) or "Filen är en symbolisk länk"))
            elif path.is_file() and (keep is None or keep(rel)):
                files.append((path, rel))
    return files


def content_files(root: Path) -> tuple[list[tuple[Path, str]], list[Finding]]:
    """Every regular file in the documents' folders, in path order; every link in them is a finding."""
    findings: list[Finding] = []
    files = [item for folder in CONTENT_FOLDERS for item in _walk(root, folder, findings)]
    return sorted(files, key=lambda item: item[1]), findings


# -- The site's configuration and the Word template ------------------------------------


@dataclass(frozen=True)
class SiteSources:
    """The files besides the documents that the outputs read, once the check has let them through."""

    word_template: Path | None = None  # None: absent or refused; the Word renderer then makes its own
    site_name: str = AGREEMENT_TITLE  # mkdocs.yml's site_name: the agreement's name on the start page and in Word


class _ConfigLoader(getattr(yaml, "CSafeLoader", yaml.SafeLoader)):  # libyaml's: ten times faster
    """mkdocs.yml names Python objects and environment variables with tags; only paths matter here."""


_ConfigLoader.add_multi_constructor("tag:yaml.org,2002:python/", lambda loader, suffix, node: None)
_ConfigLoader.add_multi_constructor("!", lambda loader, suffix, node: None)


def _config_line(text: str, key: str) -> int:
    found = re.search(rf"^[ \t]*{re.escape(key)}[ \t]*:", text, re.M)
    return text.count("\n", 0, found.start()) + 1 if found else 1


def _published_folder(root: Path, value, key: str, text: str, findings: list[Finding]) -> None:
    """A folder mkdocs publishes: inside the repository, reached without links, and holding none."""
    if not isinstance(value, str) or not value.strip():
        return
    rel = PurePosixPath(os.path.normpath(value.replace("\\", "/"))).as_posix()
    if rel == ".":
        return  # the folder of mkdocs.yml itself, which mkdocs refuses with its own message
    problem = refusal(root, rel)
    if problem:
        findings.append(finding("AV015", SITE_CONFIG, _config_line(text, key), 1,
                                f"{key} i {SITE_CONFIG}: {problem[0].lower()}{problem[1:]}"))
        return
    _walk(root, rel, findings, keep=lambda _: False)


def site_sources(root: Path) -> tuple[SiteSources, list[Finding]]:
    """Check what the site and the Word files read besides the documents: mkdocs.yml, the
    folders it publishes (docs_dir, the theme's custom_dir), the file it inherits from, and
    the Word template."""
    findings: list[Finding] = []
    template, name = None, AGREEMENT_TITLE
    problem = refusal(root, WORD_TEMPLATE)
    if problem:
        findings.append(finding("AV015", WORD_TEMPLATE, 1, 1, problem))
    elif (root / WORD_TEMPLATE).is_file():
        template = root / WORD_TEMPLATE
    problem = refusal(root, SITE_CONFIG)
    if problem:
        findings.append(finding("AV015", SITE_CONFIG, 1, 1, problem))
    elif (root / SITE_CONFIG).is_file():
        name = _check_site_config(root, findings) or name
    return SiteSources(word_template=template, site_name=name), findings


def _check_site_config(root: Path, findings: list[Finding]) -> str | None:
    """The findings on mkdocs.yml, and its site_name when it is one line of text."""
    try:
        text = read_inside(root, SITE_CONFIG, 1024 * 1024).decode("utf-8", "replace")
        config = yaml.load(text, Loader=_ConfigLoader)  # noqa: S506 (a SafeLoader that ignores tags)
    except (OSError, OutsideRepository):
        return None  # refused above (AV015) or unreadable: mkdocs says so
    except (yaml.MarkedYAMLError, ReaderError) as error:  # the site and Word both read it: a finding, not a crash
        problem = reader_problem(text, error) if isinstance(error, ReaderError) else syntax_problem(text, error)
        findings.append(finding(problem.code, SITE_CONFIG, problem.pos.line, problem.pos.column, problem.message))
        return None
    except yaml.YAMLError:
        findings.append(finding("AV009", SITE_CONFIG, 1, 1, f"{SITE_CONFIG} går inte att läsa som YAML"))
        return None
    if not isinstance(config, dict):
        return None
    inherit = config.get("INHERIT")
    if isinstance(inherit, str):
        problem = refusal(root, PurePosixPath(os.path.normpath(inherit)).as_posix())
        if problem:
            findings.append(finding("AV015", SITE_CONFIG, _config_line(text, "INHERIT"), 1,
                                    f"INHERIT i {SITE_CONFIG}: {problem[0].lower()}{problem[1:]}"))
    _published_folder(root, config.get("docs_dir", "docs"), "docs_dir", text, findings)
    theme = config.get("theme")
    if isinstance(theme, dict):
        _published_folder(root, theme.get("custom_dir"), "custom_dir", text, findings)
    name = config.get("site_name")
    return " ".join(name.split()) if isinstance(name, str) and name.strip() else None


# -- Where loading reads from ------------------------------------------------------------


class WorkingTree:
    """The repository's files on disk, read only inside it and never through a link.

    `pending`: files a command is about to write (path -> bytes), read as if they were already
    there, so that what it writes is checked by the same reader and rules as `avtal check`
    before anything is written."""

    def __init__(self, root: Path, pending: Mapping[str, bytes] | None = None):
        self.root = root
        self.pending = dict(pending or {})

    def exists(self, rel: str) -> bool:
        return rel in self.pending or os.path.lexists(self.root / rel)

    def read(self, rel: str, limit: int) -> bytes:
        if rel in self.pending:
            return self.pending[rel][: limit + 1]
        return read_inside(self.root, rel, limit)

    def size(self, rel: str) -> int:
        return len(self.pending[rel]) if rel in self.pending else os.lstat(self.root / rel).st_size

    def content_files(self) -> tuple[list[str], list[Finding]]:
        files, findings = content_files(self.root)
        return [rel for _, rel in files], findings

    def files_under(self, folder: str) -> tuple[list[str], list[Finding]]:
        """The regular files under `folder`, in path order; a link in it is a finding."""
        findings: list[Finding] = []
        found = {rel for _, rel in _walk(self.root, folder, findings)}
        found.update(rel for rel in self.pending if rel.startswith(f"{folder}/"))
        return sorted(found), findings


class CommitFiles:
    """A commit's files as (path -> bytes), read by git from its regular files only (a link in a
    commit is never among them), so nothing is read that the working tree's loading would refuse."""

    def __init__(self, files):
        self.files = files

    def exists(self, rel: str) -> bool:
        return rel in self.files

    def read(self, rel: str, limit: int) -> bytes:
        if rel not in self.files:
            raise FileNotFoundError(rel)
        return self.files[rel][: limit + 1]

    def size(self, rel: str) -> int:
        return len(self.files.get(rel, b""))

    def content_files(self) -> tuple[list[str], list[Finding]]:
        rels = [rel for rel in sorted(self.files) if rel.split("/", 1)[0] in CONTENT_FOLDERS and not _is_hidden(rel)]
        return rels, []

    def files_under(self, folder: str) -> tuple[list[str], list[Finding]]:
        return [rel for rel in sorted(self.files) if rel.startswith(f"{folder}/") and not _is_hidden(rel)], []
