"""The comparison pages and the site's sanitizer."""


def test_the_site_sanitizer_keeps_what_the_comparison_pages_use():
    """The comparison pages pass the site's allow-list sanitizer like every page: every element and
    attribute they write must be on that list, or the marks would silently vanish from the site."""
    from avtal.compare.html import ALLOWED
    from avtal.render.sanitize import ATTRIBUTE_VALUES, ATTRIBUTES, ELEMENTS, clean_html

    for tag, names in ALLOWED.items():
        assert tag in ELEMENTS, tag
        kept = ATTRIBUTES["*"] | ATTRIBUTES.get(tag, set()) | set(ATTRIBUTE_VALUES.get(tag, {}))
        assert names <= kept, (tag, names - kept)
    sample = ('<section class="avtal-diff-section"><p><del><span class="avtal-visually-hidden">Borttagen text: '
              '</span>ordinärt boende</del><ins><span class="avtal-visually-hidden">Tillagd text: </span>hemmet'
              '</ins></p><details class="avtal-diff-unchanged"><summary>Parter</summary></details></section>')
    assert clean_html(sample) == sample
