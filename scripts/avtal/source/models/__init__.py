"""The typed metadata, data and vocabularies (Pydantic v2); see the stage's __init__.

Pydantic's plugin loader is replaced here, before any model is built (below)."""

import os

from ..standin import stand_in

_PLUGIN_LOADER = "pydantic.plugin._loader"


def _plugin_loader_without_plugins() -> None:
    """With every plugin disabled, Pydantic's plugin loader returns no plugins without reading anything,
    but importing it still imports importlib.metadata (and with it email, zipfile and csv): a sixth of
    the import floor of `avtal check` (issue 25). In its place goes a stand-in (source/standin.py) whose
    get_plugins() returns what the loader returns then, nothing. Only when the environment disables all
    plugins, and only before Pydantic imports its own loader. tests/test_check_imports.py holds it to the
    real loader's answer."""
    if os.environ.get("PYDANTIC_DISABLE_PLUGINS") in ("__all__", "1", "true"):
        stand_in(_PLUGIN_LOADER, "Pydantic's plugin loader with every plugin disabled (avtal).",
                 own={"get_plugins": _no_plugins})


def _no_plugins() -> tuple:
    return ()


_plugin_loader_without_plugins()
