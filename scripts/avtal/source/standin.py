"""A stand-in for a module until a name of it is used (issue 25: what a short command imports and never uses).

Two modules are imported by libraries for a few names that avtal's short commands never call, and
import much more themselves: Pydantic's plugin loader (importlib.metadata, with email, zipfile and csv;
source/models/__init__.py) and urllib.request (http.client, ssl, email; pymdownx.util imports it for two
path functions; render/word/urlstandin.py). The stand-in takes the module's place in sys.modules:

  - `own` names it answers itself (what the real module would answer in that process);
  - `deferred` names, functions bound by name at import (`from m import f`), import the real module when
    called and return what its function returns;
  - any other name (PEP 562) imports the real module at once and is read from it; the real module then
    takes the stand-in's place in sys.modules and on its package, as any first import would have put it.

Nothing is replaced once the real module is imported. Tests hold each stand-in to the real module's
answers (tests/test_check_imports.py, tests/render/test_docx_urlstandin.py).
"""

from __future__ import annotations

import importlib
import sys
import types
from collections.abc import Mapping


def stand_in(name: str, doc: str, own: Mapping[str, object] | None = None, deferred: tuple[str, ...] = ()) -> bool:
    """The stand-in for module `name` installed; False where the real module is imported already."""
    if name in sys.modules:
        return False
    module = types.ModuleType(name, doc)

    def real() -> types.ModuleType:
        if sys.modules.get(name) is module:
            del sys.modules[name]
        return importlib.import_module(name)

    def deferring(attribute: str):
        def call(*args, **kwargs):
            return getattr(real(), attribute)(*args, **kwargs)

        call.__name__ = call.__qualname__ = attribute
        return call

    def read_from_real(attribute: str):
        if attribute.startswith("__"):  # what the import system asks of every module (__path__, __file__)
            raise AttributeError(attribute)
        return getattr(real(), attribute)

    for attribute in deferred:
        setattr(module, attribute, deferring(attribute))
    for attribute, value in (own or {}).items():
        setattr(module, attribute, value)
    module.__getattr__ = read_from_real  # type: ignore[attr-defined]
    sys.modules[name] = module
    package, _, last = name.rpartition(".")
    if package in sys.modules:  # `import urllib.request`, then urllib.request.X
        setattr(sys.modules[package], last, module)
    return True
