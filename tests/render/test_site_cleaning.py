"""The site's pages are sanitized on a second thread (render/site.py, _CleanedLater): what mkdocs
writes is always the cleaned HTML, also when a page's HTML was changed after it was handed over."""

from __future__ import annotations

from avtal.render.site import _CleanedLater, clean_page

DIRTY = '<p onclick="steal()">Text<script>alert(1)</script></p><img src="javascript:alert(2)">'


def test_the_cleaned_form_of_what_was_handed_over():
    cleaning = _CleanedLater()
    handed = cleaning.submit("a.md", DIRTY)
    assert handed is DIRTY  # mkdocs keeps the page's HTML until on_page_context takes it back
    try:
        cleaned = cleaning.result("a.md", handed)
    finally:
        cleaning.close()
    assert cleaned == clean_page(DIRTY)
    assert "script" not in cleaned and "onclick" not in cleaned and "javascript" not in cleaned


def test_html_changed_after_it_was_handed_over_is_cleaned_as_it_is_now():
    cleaning = _CleanedLater()
    cleaning.submit("a.md", "<p>Ren text</p>")
    try:
        cleaned = cleaning.result("a.md", "<p>Ren text</p>" + DIRTY)  # another plugin added to it
    finally:
        cleaning.close()
    assert cleaned == clean_page("<p>Ren text</p>" + DIRTY)
    assert "Ren text" in cleaned and "script" not in cleaned


def test_a_page_never_handed_over_is_cleaned_too():
    cleaning = _CleanedLater()
    assert cleaning.result("b.md", DIRTY) == clean_page(DIRTY)
    cleaning.close()
    cleaning.close()  # closing twice (after the build, after an error) is harmless
