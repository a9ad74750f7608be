"""A stand-in for urllib.request while `avtal docx DOC` makes one Word file (single.py), issue 25.

pymdownx.util (imported by the configured pymdownx.superfences) binds two path functions from
urllib.request at import, and urllib.request imports http.client, ssl, email and tempfile: 14 ms of
processor time, a twentieth of the command, for functions the Word file's extensions never call. The
stand-in (source/standin.py) imports the real module when one of them is called or any other name of
it is read. Installed only in the process that renders one file and then ends.
"""

from __future__ import annotations

import urllib  # noqa: F401 (the package, on which the stand-in is set as urllib.request)

from ...source.standin import stand_in


def install() -> None:
    stand_in("urllib.request", "urllib.request until a name of it is used (avtal.render.word.urlstandin).",
             deferred=("pathname2url", "url2pathname"))  # what pymdownx.util imports from it
