"""A stand-in for urllib.request while `avtal docx DOC` makes one Word file (single.py), issue 25.

pymdownx.util (imported by the configured pymdownx.superfences) binds two path functions from
urllib.request at import, and urllib.request imports http.client, ssl, email and tempfile: 14 ms of
processor time, a twentieth of the command, for functions the Word file's extensions never call. The
stand-in takes urllib.request's place in sys.modules until something uses it:

  - pathname2url and url2pathname, bound by name at import, import the real module when called and
    return what its functions return;
  - any other name (PEP 562) imports the real module at once and is read from it;
  - the real module, once imported, replaces the stand-in in sys.modules and on the urllib package,
    as any first import would have put it there.

Installed only in the process that renders one file and then ends, and only if urllib.request is not
imported yet. tests/render/test_docx_urlstandin.py holds it to the real module's answers.
"""

from __future__ import annotations

import importlib
import sys
import types
import urllib

NAME = "urllib.request"
_BOUND_AT_IMPORT = ("pathname2url", "url2pathname")  # what pymdownx.util imports from it


def install() -> None:
    if NAME in sys.modules:
        return
    stand_in = types.ModuleType(NAME, "urllib.request until a name of it is used (avtal.render.word.urlstandin).")

    def real() -> types.ModuleType:
        if sys.modules.get(NAME) is stand_in:
            del sys.modules[NAME]
        return importlib.import_module(NAME)

    def deferred(name: str):
        def call(*args, **kwargs):
            return getattr(real(), name)(*args, **kwargs)

        call.__name__ = call.__qualname__ = name
        return call

    def read_from_real(name: str):
        if name.startswith("__"):  # what the import system asks of every module (__path__, __file__)
            raise AttributeError(name)
        return getattr(real(), name)

    for name in _BOUND_AT_IMPORT:
        setattr(stand_in, name, deferred(name))
    stand_in.__getattr__ = read_from_real  # type: ignore[attr-defined]
    sys.modules[NAME] = stand_in
    urllib.request = stand_in  # type: ignore[attr-defined] (`import urllib.request` then urllib.request.X)
