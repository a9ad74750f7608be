"""Whatever the input, no command crashes: load and check give findings (in Swedish), and when the
check finds no error, the site's Markdown and the Word renderer take every document.

`make test` runs a bounded number of examples (AVTAL_FUZZ_EXAMPLES, 300 by default, about a
minute); `make fuzz` runs a long session. A crash it finds is kept as a plain regression test
in tests/render/test_regressions.py.
"""

from __future__ import annotations

import os
import shutil
import tempfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st
from strategies import repositories

from conftest import REPO_ROOT, VOCABULARY

EXAMPLES = int(os.environ.get("AVTAL_FUZZ_EXAMPLES", "300"))

# Libraries' own words that must never reach an editor untranslated.
ENGLISH = ("Input should", "Value error", "field required", "YAML:", "mapping values", "could not find",
           "found character", "control characters", "expected", "Traceback", "nesting depth")


@pytest.fixture(scope="module")
def root():
    with tempfile.TemporaryDirectory(prefix="avtal-fuzz-") as folder:
        root = Path(folder)
        (root / "schema").mkdir()
        for name in VOCABULARY:
            shutil.copy(REPO_ROOT / "schema" / name, root / "schema" / name)
        (root / "templates").mkdir()
        shutil.copy(REPO_ROOT / "templates" / "referens.docx", root / "templates" / "referens.docx")
        shutil.copy(REPO_ROOT / "mkdocs.yml", root / "mkdocs.yml")
        yield root


def _write(root: Path, files: dict[str, str | bytes]) -> None:
    for folder in ("agreement", "annexes", "plans"):
        shutil.rmtree(root / folder, ignore_errors=True)
    for rel, content in files.items():
        path = root / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(content, bytes):
            path.write_bytes(content)
        else:
            path.write_bytes(content.encode("utf-8", "surrogatepass"))


def render_everything(root: Path, corpus, choose=lambda options: options) -> None:
    """Every renderer that `avtal build` runs, in-process and without mkdocs' own build.

    The site's Markdown takes every document and page; the Word renderer, the slow one, the
    documents `choose` picks (all of them unless a test draws fewer).
    """
    from markdown import Markdown

    from avtal.render.build import BuildInputs, render_metadata
    from avtal.render.markup import AvtalExtension, configured_extensions, document_markdown
    from avtal.render.site import SitePages, clean_page
    from avtal.render.word.document import DocxRenderer

    names, options = configured_extensions(root)
    for doc in (d for d in corpus.documents if d.meta):
        clean_page(document_markdown(root, corpus, doc.path, (names, options)).convert(doc.body_text))
    for path, page in SitePages(corpus, None).generated().items():
        clean_page(Markdown(extensions=[*names, AvtalExtension(corpus, path)], extension_configs=options).convert(page))
    renderer = DocxRenderer(root, corpus, None)
    jobs = [(doc, False) for doc in corpus.documents if doc.meta]
    jobs += [(doc, True) for doc, _ in jobs if doc.meta.type == "överenskommelse"]
    for doc, package in choose(jobs):
        if package:
            renderer.decision_package(doc, [d for d in corpus.documents if d.meta and d.meta.annex_of == doc.meta.id])
        else:
            renderer.document(doc)
    with tempfile.TemporaryDirectory() as out:
        render_metadata(BuildInputs(corpus, None, {}), Path(out))


@settings(max_examples=EXAMPLES, deadline=None, derandomize=EXAMPLES <= 300,
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large, HealthCheck.large_base_example,
                                 HealthCheck.function_scoped_fixture])
@given(files=repositories(), data=st.data())
def test_no_input_crashes_load_check_or_the_renderers(root, files, data):
    from avtal.findings import has_errors
    from avtal.rules.check import check_corpus
    from avtal.source.load import load_corpus

    _write(root, files)
    corpus = load_corpus(root)
    findings = check_corpus(corpus)
    for finding in findings:
        assert finding.line >= 1 and finding.column >= 1, finding
        assert not any(word in finding.message for word in ENGLISH), finding
        assert finding.message[:1].isupper() or finding.message[:1] in '"#[', finding
    event("check passes: rendered" if not has_errors(findings) else "check finds errors")
    if not has_errors(findings):  # one Word file per example keeps a run short; `make fuzz` runs many
        render_everything(root, corpus, lambda jobs: [data.draw(st.sampled_from(jobs), label="Word-fil")])
