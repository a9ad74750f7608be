"""Where things live in the repository (see README, "Mappar"). Imports nothing, so any command can use it."""

CONTENT_FOLDERS = ("agreement", "annexes", "plans")
SCHEMA_FOLDER = "schema"
DATA_SUFFIXES = (".yaml", ".yml")
