"""The typed metadata, data and vocabularies (Pydantic v2); see the stage's __init__.

Pydantic's plugin loader is replaced here, before any model is built (below)."""

import os
import sys
import types

_PLUGIN_LOADER = "pydantic.plugin._loader"


def _plugin_loader_without_plugins() -> None:
    """With every plugin disabled, Pydantic's plugin loader returns no plugins without reading anything,
    but importing it still imports importlib.metadata (and with it email, zipfile and csv): a sixth of
    the import floor of `avtal check` (issue 25). In its place goes a module whose get_plugins() returns
    what the loader returns then, nothing; any other name is read from the real loader, imported then.
    Only when the environment disables all plugins, and only before Pydantic imports its own loader.
    tests/test_check_imports.py holds it to the real loader's answer."""
    if os.environ.get("PYDANTIC_DISABLE_PLUGINS") not in ("__all__", "1", "true") or _PLUGIN_LOADER in sys.modules:
        return
    loader = types.ModuleType(_PLUGIN_LOADER, "Pydantic's plugin loader with every plugin disabled (avtal).")

    def get_plugins() -> tuple:
        return ()

    def real_loader(name: str):  # PEP 562: a name the stand-in lacks is the real loader's
        import importlib

        if name.startswith("__"):  # what the import system asks of every module (__path__, __file__)
            raise AttributeError(name)
        del sys.modules[_PLUGIN_LOADER]
        return getattr(importlib.import_module(_PLUGIN_LOADER), name)

    loader.get_plugins = get_plugins  # type: ignore[attr-defined]
    loader.__getattr__ = real_loader  # type: ignore[attr-defined]
    sys.modules[_PLUGIN_LOADER] = loader


_plugin_loader_without_plugins()
