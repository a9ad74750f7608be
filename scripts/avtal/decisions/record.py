"""`avtal verify FILE --record PART`: the version and fingerprint of a verified file written into the
party's decision in the document's front matter.

Only the two lines `version:` and `fingerprint:` of that one decision are written (replaced when they
are there); every other character of the file stays as it was. The decision must already be written,
in block form, with its body, meeting date, § and minutes. The file is checked after the change: if it
would not load, the original is put back and nothing is lost.
"""

from __future__ import annotations

import os
import re
from pathlib import Path

from ..exits import EXIT_OK, UsageError
from ..hints import suggestion
from ..render.word.canonical import short

_KEY_RE = re.compile(r"^(\s*)([A-Za-z_]+)\s*:")


def record_decision(root: Path, corpus, entry, party: str) -> int:
    doc = corpus.by_id.get(entry.doc_id)
    if doc is None or doc.meta is None:
        raise UsageError(f"dokumentet {entry.doc_id} finns inte längre i arkivet; inget skrevs in")
    if party not in doc.meta.parties:
        raise UsageError(f'"{party}" är inte en part i {doc.meta.id}{suggestion(party, doc.meta.parties)}')
    if party not in doc.meta.decisions:
        where = doc.key_at("decisions")[0]  # a local agreement's decisions are on its row in the data file
        raise UsageError(f"{where} har inget beslut för {party}: skriv först in beslutet under decisions "
                         "(body, meeting_date, paragraph, minutes_approved) och kör kommandot igen")
    rel, key = doc.key_at("decisions", party)  # a local agreement's decisions are on its row in the data file
    path = root / rel
    original = path.read_bytes()
    text = original.decode("utf-8")
    key_line = key.line  # 1-based
    updated = _with_lines(text, key_line, {"version": f'"{entry.version}"', "fingerprint": entry.fingerprint})
    if updated is None:
        raise UsageError(f"{rel}:{key_line}: beslutet för {party} är skrivet på en rad ({{…}}); skriv det i "
                         f'blockform, eller lägg själv till version: "{entry.version}" och fingerprint: '
                         f"{entry.fingerprint}")
    _write(path, updated.encode("utf-8"))
    if not _still_valid(root, doc.meta.id, rel):
        _write(path, original)
        raise UsageError(f"{rel} skulle inte gå att läsa efter ändringen; filen är som förut. Kör avtal check")
    print(f"Skrev in version {entry.version} och fingeravtryck {short(entry.fingerprint)} i beslutet för {party} "
          f"i {rel}.")
    return EXIT_OK


def _with_lines(text: str, key_line: int, values: dict[str, str]) -> str | None:
    """The text with the decision's keys set, or None when the decision is not in block form."""
    lines = text.split("\n")
    index = key_line - 1
    key = lines[index]
    indent = len(key) - len(key.lstrip(" "))
    if key.split(":", 1)[1].strip():
        return None  # {body: …} on one line
    end, child_indent, found = index + 1, None, {}
    while end < len(lines):
        line = lines[end]
        if line.strip() and (len(line) - len(line.lstrip(" ")) <= indent or line.strip() == "---"):
            break
        match = _KEY_RE.match(line)
        if match and line.strip():
            depth = len(match.group(1))
            child_indent = child_indent if child_indent is not None else depth
            if depth == child_indent and match.group(2) in values:
                found[match.group(2)] = end
        end += 1
    if child_indent is None:
        return None
    while end > index + 1 and not lines[end - 1].strip():
        end -= 1  # new keys go after the decision's last line, not after blank lines
    added = []
    for name, value in values.items():
        line = f"{' ' * child_indent}{name}: {value}"
        if name in found:
            lines[found[name]] = line
        else:
            added.append(line)
    lines[end:end] = added
    return "\n".join(lines)


def _write(path: Path, data: bytes) -> None:
    temporary = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    temporary.write_bytes(data)
    os.replace(temporary, path)


def _still_valid(root: Path, doc_id: str, rel: str) -> bool:
    from ..source.load import load_corpus

    corpus = load_corpus(root)
    doc = corpus.by_id.get(doc_id)
    return doc is not None and doc.meta is not None and not any(f.path == rel for f in corpus.load_findings)
