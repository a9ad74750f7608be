"""LibreOffice as an independent reader of Word files: accept or reject every tracked change, then read
the text. Run with the Python that has LibreOffice's `uno` (Debian: /usr/bin/python3 with python3-uno),
not the project's: one soffice process reads every file given.

    python3 lo_oracle.py PROFILE_DIR OUT.json MODE:FILE …     MODE: accept, reject or plain

For each file: the body between the bookmarks avtal_body_start and avtal_body_end, one line per
paragraph (an empty paragraph an empty line) and per table row (cells apart by " | "), then each
footnote; and the table of contents' lines. White space is collapsed to single spaces.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time

import uno  # noqa: F401  (LibreOffice's Python bridge)
from com.sun.star.beans import PropertyValue
from com.sun.star.connection import NoConnectException

START, END = "\u2063avtalstart\u2063", "\u2063avtalend\u2063"


def _prop(name, value):
    p = PropertyValue()
    p.Name, p.Value = name, value
    return p


def _connect(profile: str, pipe: str):
    process = subprocess.Popen(["soffice", f"-env:UserInstallation=file://{profile}", "--headless", "--invisible",
                                "--norestore", "--nologo", "--nodefault", f"--accept=pipe,name={pipe};urp;"],
                               stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    local = uno.getComponentContext()
    resolver = local.ServiceManager.createInstanceWithContext("com.sun.star.bridge.UnoUrlResolver", local)
    for _ in range(240):
        try:
            context = resolver.resolve(f"uno:pipe,name={pipe};urp;StarOffice.ComponentContext")
            return process, context
        except NoConnectException:
            time.sleep(0.25)
    process.kill()
    raise SystemExit("soffice did not answer")


def _norm(text: str) -> str:
    return " ".join(text.split())


def _table(table) -> list[str]:
    rows: dict[int, list[str]] = {}
    order = []
    for name in table.getCellNames():
        letters = name.rstrip("0123456789.")
        digits = name[len(letters):].split(".")[0]
        row = int(digits) if digits.isdigit() else 0
        if row not in rows:
            rows[row] = []
            order.append(row)
        rows[row].append(_norm(table.getCellByName(name).getString()))
    return [" | ".join(rows[r]) for r in sorted(order)]


def _body(document) -> list[str]:
    lines = []
    enum = document.getText().createEnumeration()
    while enum.hasMoreElements():
        block = enum.nextElement()
        if block.supportsService("com.sun.star.text.TextTable"):
            lines += _table(block)
        else:
            lines.append(block.getString())
    text = "\n".join(lines)
    if START in text:
        text = text.split(START, 1)[1]
    if END in text:
        text = text.split(END, 1)[0]
    body = [_norm(line) for line in text.split("\n")]
    if body and body[0] == "":
        body = body[1:]  # the start bookmark's own paragraph, when it is empty
    notes = document.getFootnotes()
    return body + [f"fotnot: {_norm(notes.getByIndex(i).getString())}" for i in range(notes.getCount())]


def _mark(document) -> None:
    marks = document.getBookmarks()
    for name, text in (("avtal_body_start", START), ("avtal_body_end", END)):
        if marks.hasByName(name):
            anchor = marks.getByName(name).getAnchor()
            anchor.getText().insertString(anchor.getStart(), text, False)


def _contents(document) -> list[str]:
    indexes = document.getDocumentIndexes()
    for i in range(indexes.getCount()):
        index = indexes.getByIndex(i)
        if index.supportsService("com.sun.star.text.ContentIndex"):
            return [_norm(line) for line in index.getAnchor().getString().split("\n") if _norm(line)]
    return []


def read(desktop, dispatcher, path: str, mode: str) -> dict:
    url = uno.systemPathToFileUrl(os.path.abspath(path))
    document = desktop.loadComponentFromURL(url, "_blank", 0, (_prop("Hidden", True), _prop("ReadOnly", False)))
    try:
        if mode != "plain":
            frame = document.getCurrentController().getFrame()
            command = ".uno:AcceptAllTrackedChanges" if mode == "accept" else ".uno:RejectAllTrackedChanges"
            dispatcher.executeDispatch(frame, command, "", 0, ())
        contents = _contents(document)
        _mark(document)
        return {"body": _body(document), "contents": contents}
    finally:
        document.close(True)


def main() -> None:
    profile, out, *jobs = sys.argv[1:]
    process, context = _connect(profile, f"avtal{os.getpid()}")
    try:
        manager = context.ServiceManager
        desktop = manager.createInstanceWithContext("com.sun.star.frame.Desktop", context)
        dispatcher = manager.createInstanceWithContext("com.sun.star.frame.DispatchHelper", context)
        results = {}
        for job in jobs:
            mode, path = job.split(":", 1)
            results[job] = read(desktop, dispatcher, path, mode)
        with open(out, "w", encoding="utf-8") as stream:
            json.dump(results, stream, ensure_ascii=False)
        try:
            desktop.terminate()
        except Exception:  # noqa: BLE001 (the bridge goes down with soffice)
            pass
    finally:
        try:
            process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            process.kill()


if __name__ == "__main__":
    main()
