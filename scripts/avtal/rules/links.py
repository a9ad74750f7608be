"""Rules on links and references between documents (AV201–AV206, AV210).

Cross-references are ordinary Markdown links to the other document's file, with the
section's stable id as anchor: `[Läkarmedverkan](../agreement/overenskommelse.md#lakarmedverkan)`.
They work unchanged in mkdocs, in the forge's preview and in the Word files. A link to a data
file with a row's id as anchor, `[M14](../plans/milstolpar.yaml#M14)`, quotes that row. References in
the text to an annex by number ("bilaga 2") must name an annex that exists.
"""

from __future__ import annotations

import posixpath
import re
from collections.abc import Iterator
from functools import lru_cache
from urllib.parse import unquote

from ..codes import finding
from ..findings import Finding
from ..hints import suggestion
from ..source.boundary import shown_path
from ..source.corpus import Corpus, DataSet, Document, link_path
from ..source.images import image_path, is_image_path, is_remote
from ..source.markdown_scan import Link
from ..source.models.vocabulary import ANNEX
from ..source.rows import has_rows, rows_by_id
from .registry import rule

_SCHEME_RE = re.compile(r"^([A-Za-z][A-Za-z0-9+.-]*):")
_BROWSER_IGNORES_RE = re.compile(r"[\t\n\r]")
ALLOWED_SCHEMES = {"http", "https", "mailto", "tel"}


def _check_anchor(corpus: Corpus, doc: Document, link: Link, target: Document, anchor: str) -> Iterator[Finding]:
    anchors = corpus.anchors(target)
    heading = anchors.get(anchor)
    where = "i dokumentet" if target is doc else f"i {target.path}"
    if heading is None:
        hint = suggestion(anchor, anchors)
        # The terms of a glossary that failed to load are anchors the page would have.
        failed_data = corpus.failed.data_of(target)
        yield finding("AV202", doc.path, link.line, link.column, f'Ankaret "#{anchor}" finns inte {where}{hint}',
                      follows_from=failed_data)
    elif not heading.explicit:
        yield finding(
            "AV203", doc.path, link.line, link.column,
            f'"#{anchor}" bildas av rubriken "{heading.text}" {where} och bryts om rubriken ändras; '
            f"ge rubriken ett fast id ({{#{anchor}}}) och behåll länken",
        )


def _is_image_reference(link: Link) -> bool:
    """An image, or a link to an image file in the repository: the images rule checks those."""
    target = link.target.strip()
    return link.image or (is_image_path(target.partition("#")[0]) and not is_remote(target))


_CONTROLS_AND_SPACE = "".join(map(chr, range(33)))


@lru_cache(maxsize=8192)  # documents repeat their addresses
def _scheme(target: str) -> str | None:
    """The address's scheme as a browser reads it: it drops tabs and line breaks anywhere in an
    address, and control characters and spaces before it ("java<TAB>script:" is javascript:)."""
    found = _SCHEME_RE.match(_BROWSER_IGNORES_RE.sub("", target).lstrip(_CONTROLS_AND_SPACE))
    return found.group(1).lower() if found else None


def _check_link(corpus: Corpus, doc: Document, link: Link) -> Iterator[Finding]:
    target = link.target.strip()
    scheme = _scheme(target)
    if scheme and scheme not in ALLOWED_SCHEMES:  # for images too: an image's address is an address
        yield finding("AV204", doc.path, link.line, link.column,
                      f'Länkadressen "{target[:40]}" är inte tillåten; använd http, https, mailto, tel eller en relativ sökväg')
        return
    if _is_image_reference(link) or scheme:
        return  # images have a rule of their own; an allowed scheme leads out of the repository
    if target.startswith("//"):
        return  # an external address without scheme
    path, _, anchor = target.partition("#")
    path, anchor = unquote(path), unquote(anchor)
    if not path:
        if anchor:
            yield from _check_anchor(corpus, doc, link, doc, anchor)
        return
    if path.startswith("/"):
        yield finding("AV201", doc.path, link.line, link.column,
                      f'Länken "{target}" är absolut; skriv sökvägen relativt till dokumentet, till exempel ../annexes/fil.md')
        return
    resolved = link_path(doc.path, path)
    dataset = _dataset(corpus, resolved) if anchor else None
    if dataset is not None:
        yield from _check_row(corpus, doc, link, dataset, anchor)
    elif resolved.endswith(".md"):
        linked = corpus.by_path.get(resolved)
        if linked is None:
            known = [posixpath.relpath(p, posixpath.dirname(doc.path)) for p in corpus.by_path]
            yield finding("AV201", doc.path, link.line, link.column,
                          f'Länken går till "{path}", som inte finns{suggestion(path, known)}',
                          follows_from=corpus.failed.path(resolved))
        elif anchor:
            yield from _check_anchor(corpus, doc, link, linked, anchor)
    elif resolved.startswith("..") or not _exists(corpus.root / resolved):
        yield finding("AV201", doc.path, link.line, link.column, f'Länken går till "{path}", som inte finns i arkivet')
    elif not link.image and not (link.standalone and _shown_as_data(corpus, resolved)):
        yield finding("AV210", doc.path, link.line, link.column,
                      f'Länken går till "{path}", som inte är ett dokument och inte finns på webbplatsen eller i '
                      "Word-filen; länka till dokumentet som visar innehållet, eller skriv filens hela adress (https://…)",
                      follows_from=corpus.failed.path(resolved) if link.standalone else None)


def _dataset(corpus: Corpus, path: str) -> DataSet | None:
    return next((ds for ds in corpus.datasets if ds.path == path), None)


def _check_row(corpus: Corpus, doc: Document, link: Link, dataset: DataSet, row_id: str) -> Iterator[Finding]:
    """AV215, AV216: a reference to one row of a data file (render/references.py) names a row that exists."""
    if dataset.data is None:
        yield finding("AV215", doc.path, link.line, link.column,
                      f'Raden "{row_id}" i {dataset.path} kan inte visas, eftersom filen inte kan läsas',
                      follows_from=dataset.path)
    elif not has_rows(dataset.data):
        yield finding("AV216", doc.path, link.line, link.column,
                      f"{dataset.path} har inga rader med id att hänvisa till; länka till ett begrepp med [[begrepp]]")
    elif row_id not in rows_by_id(dataset.data):
        ids = list(rows_by_id(dataset.data))
        same = [i for i in ids if _numbered(i) == _numbered(row_id)]  # "M5" for "M05", "m14" for "M14"
        hint = f'; menade du "{same[0]}"?' if same else suggestion(row_id, ids)
        yield finding("AV215", doc.path, link.line, link.column, f'Raden "{row_id}" finns inte i {dataset.path}{hint}')


def _numbered(row_id: str) -> tuple[str, ...]:
    """An id read as its letters and numbers, so that A5, a05 and A05 are the same row."""
    return tuple(str(int(part)) if part.isdigit() else part.casefold() for part in re.findall(r"\d+|\D+", row_id))


def _shown_as_data(corpus: Corpus, path: str) -> bool:
    """A paragraph that is only a link to a data file shows the data, not a link (render/markup.py);
    a data file that is not valid has findings of its own."""
    return any(ds.path == path for ds in corpus.datasets)


def _exists(path) -> bool:
    try:
        return path.exists()
    except (OSError, ValueError):  # a NUL byte or an over-long name in the link
        return False


@rule
def links_resolve(corpus: Corpus) -> Iterator[Finding]:
    """AV201–AV204, AV210, AV215, AV216: every internal link reaches a document, and its anchor a heading."""
    # A link to another file is checked against what its address resolves to, which depends only on the
    # linking document's folder: an address found clean once is clean from every document of that folder
    # (a large repository links to the same sections over and over). A link within the document itself
    # (`#id`) depends on the document, and is checked every time.
    clean: set[tuple[str, str, bool, bool]] = set()
    for doc in corpus.documents:
        folder = posixpath.dirname(doc.path)
        for link in doc.body.links:
            key = (folder, link.target, link.image, link.standalone)
            if key in clean:
                continue
            found = list(_check_link(corpus, doc, link))
            if found:
                yield from found
            elif not link.target.lstrip().startswith("#"):
                clean.add(key)


@rule
def images_resolve(corpus: Corpus) -> Iterator[Finding]:
    """AV212–AV214, AV015: an image is a PNG, JPEG or GIF file inside the repository."""
    for doc in corpus.documents:
        for link in doc.body.links:
            if not _is_image_reference(link):
                continue
            target = link.target.strip()
            if (_scheme(target) or "https") not in ALLOWED_SCHEMES:
                continue  # a forbidden address: AV204 says so
            if is_remote(target):
                yield finding("AV212", doc.path, link.line, link.column,
                              f'Bilden "{shown_path(target)}" ligger på en annan webbplats och visas inte; spara bilden i '
                              "arkivet och skriv sökvägen till filen, relativt till dokumentet")
                continue
            problem = corpus.image_problems.get(image_path(doc.path, target))
            if problem:
                code, message = problem
                what = "Bilden" if link.image else "Den länkade bilden"
                yield finding(code, doc.path, link.line, link.column,
                              f'{what} "{shown_path(target)}" kan inte visas: {message[0].lower()}{message[1:]}')


@rule
def annex_references_resolve(corpus: Corpus) -> Iterator[Finding]:
    """AV206: "bilaga N" in the text names an annex that exists."""
    numbers = {str(d.meta.annex_number) for d in corpus.by_id.values() if d.meta.type == ANNEX and d.meta.annex_number}
    for doc in corpus.documents:
        for ref in doc.body.annex_refs:
            if ref.value not in numbers:
                existing = ", ".join(sorted(numbers, key=int)) or "inga"
                yield finding("AV206", doc.path, ref.line, ref.column,
                              f"Texten hänvisar till bilaga {ref.value}, som inte finns (bilagor: {existing})",
                              follows_from=corpus.failed.annex(ref.value))
