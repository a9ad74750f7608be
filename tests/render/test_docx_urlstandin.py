"""The stand-in for urllib.request that `avtal docx DOC` installs (render/word/urlstandin.py): the
same answers as the real module, which is imported the moment anything of it is used."""

from __future__ import annotations

import subprocess
import sys
import textwrap

PATHS = ["/a b/c.md", "docs/å ä ö.md", "x%20y", "/", "", "a/b?c#d"]


def _run(code: str) -> str:
    result = subprocess.run([sys.executable, "-c", textwrap.dedent(code)], capture_output=True, text=True, check=True)
    return result.stdout.strip()


def test_pymdownx_imports_without_ssl_and_its_path_functions_answer_as_the_real_ones() -> None:
    out = _run(f"""
        import sys
        from avtal.render.word import urlstandin
        urlstandin.install()
        from pymdownx import util
        print(sorted(m for m in ("ssl", "http.client", "email.message") if m in sys.modules))
        print([util.pathname2url(p) for p in {PATHS!r}], [util.url2pathname(p) for p in {PATHS!r}])
        print(type(sys.modules["urllib.request"].Request).__name__, "ssl" in sys.modules)
    """)
    from urllib.request import pathname2url, url2pathname

    unused, answers, after = out.splitlines()
    assert unused == "[]"
    assert answers == str([pathname2url(p) for p in PATHS]) + " " + str([url2pathname(p) for p in PATHS])
    assert after == "type True"  # the real module, imported on use, with what it imports


def test_any_other_name_imports_the_real_module_in_its_place() -> None:
    out = _run("""
        import sys
        from avtal.render.word import urlstandin
        urlstandin.install()
        stand_in = sys.modules["urllib.request"]
        import urllib.request
        print(urllib.request.urlopen.__module__, urllib.request.Request.__module__)
        real = sys.modules["urllib.request"]
        print(real is not stand_in, urllib.request is real, hasattr(real, "build_opener"))
        from urllib.request import url2pathname
        print(url2pathname.__module__)
    """)
    assert out.splitlines() == ["urllib.request urllib.request", "True True True", "urllib.request"]


def test_nothing_is_replaced_once_the_real_module_is_imported() -> None:
    out = _run("""
        import sys, urllib.request
        real = sys.modules["urllib.request"]
        from avtal.render.word import urlstandin
        urlstandin.install()
        print(sys.modules["urllib.request"] is real, urllib.request is real)
    """)
    assert out == "True True"
