"""What the live preview's server adds to mkdocs' own (preview.py): Word files made when downloaded,
the banner of findings at the top of each page, and its log lines left out or said in Swedish."""

from __future__ import annotations

import logging
from collections.abc import Callable

WORD_FOLDER = "word"  # as site.py names it
DOCX_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
BANNER_AFTER = b'<article class="md-content__inner md-typeset">'  # the theme's page content starts here


def word_and_banner(app, word_file: Callable[[str], bytes | None], banner_html: Callable[[], str]):
    """WSGI middleware around mkdocs' server: a Word file is made when its link is followed, not on
    every rebuild; and while the text has errors, every page starts with the banner that lists them
    (so that showing them needs no page built again)."""

    def middleware(environ, start_response):
        path = environ.get("PATH_INFO", "").encode("latin-1").decode("utf-8", "replace")
        folder, _, name = path.lstrip("/").rpartition("/")
        if folder == WORD_FOLDER and name.endswith(".docx"):
            data = word_file(name)
            if data is not None:
                start_response("200 OK", [("Content-Type", DOCX_TYPE), ("Content-Length", str(len(data))),
                                          ("Content-Disposition", f'attachment; filename="{name}"')])
                return [data]
        answer: dict = {}

        def keep(status, headers, exc_info=None):
            answer.update(status=status, headers=headers)
            return lambda data: None

        body = b"".join(app(environ, keep))
        # The banner after the page: a rebuild prepares its findings before it writes its pages, so the
        # banner is then never older than the page it goes into.
        banner = banner_html().encode("utf-8")
        headers = answer["headers"]
        if banner and dict(headers).get("Content-Type", "").startswith("text/html") and BANNER_AFTER in body:
            body = body.replace(BANNER_AFTER, BANNER_AFTER + banner, 1)
            headers = [(k, str(len(body)) if k == "Content-Length" else v) for k, v in headers]
        start_response(answer["status"], headers)
        return [body]

    return middleware


class QuietServer(logging.Filter):
    """The server's lines about its requests (in English, a warning for every 304) are left out, but
    for a page that is not found, which is said in Swedish; the build's warnings (about links, in
    Swedish already) pass. An incremental build's warning that it is one is left out too."""

    def filter(self, record: logging.LogRecord) -> bool:
        message = record.getMessage()
        if "'dirty' build" in message:
            return False
        if not record.name.startswith("mkdocs.livereload"):
            return True
        if " code 404" not in message or message.count('"') < 2:
            return False
        request = message.split('"')[1].split(" ")
        record.msg, record.args = f"sidan {request[1] if len(request) > 1 else '?'} finns inte", ()
        return True
