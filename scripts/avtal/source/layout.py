"""Where things live in the repository (see README, "Mappar"). Imports nothing, so any command can use it."""

CONTENT_FOLDERS = ("agreement", "annexes", "plans")
# The remiss rounds and their answers (remiss/<round>/remiss.yaml, svar/<recipient>.yaml): read and
# checked like the other data, but no part of any document's text, so never a content folder.
REMISS_FOLDER = "remiss"
SCHEMA_FOLDER = "schema"
DATA_SUFFIXES = (".yaml", ".yml")
IMAGE_SUFFIXES = {".png": "png", ".jpg": "jpeg", ".jpeg": "jpeg", ".gif": "gif"}
TYPES_FILE = "dokumenttyper.yaml"
SITE_CONFIG = "mkdocs.yml"
WORD_TEMPLATE = "templates/referens.docx"
DOCX_FOLDER = "build/docx"  # where `avtal docx` writes without -o: beside `avtal build`'s Word files, ignored by git
# The agreement's name when mkdocs.yml gives no site_name: the start page's heading, the Word files' keywords.
AGREEMENT_TITLE = "Överenskommelse om hälso- och sjukvård i hemmet"


class RootNotFound(Exception):
    pass


def find_root(start):
    """The repository root: the nearest folder upwards with schema/dokumenttyper.yaml."""
    for folder in (start, *start.parents):
        if (folder / SCHEMA_FOLDER / TYPES_FILE).is_file():
            return folder
    raise RootNotFound(start)


def shown_path(target):
    """A written file's path as the person can find it: from the current folder when it is below it."""
    from pathlib import Path

    try:
        return target.relative_to(Path.cwd()).as_posix()
    except ValueError:
        return str(target)
