"""Inputs that once crashed `avtal build` with "internt fel", through the real command line:
each one now builds, or stops at a finding of `avtal check`. One case per crash, found by hand
(the issue's list) or by the property test in tests/fuzz/."""

from __future__ import annotations

import shutil

import pytest

from conftest import REPO_ROOT, document, front_matter
from sample_images import exif_jpeg, gif, png

MILESTONES = """kind: milestones
document: plan
period:
  start: {start}
  end: {end}
items:
  - id: M1
    when: {when}
    deliverable: Förslag
    responsible: Omställningsledare
"""
PLAN_WITH_MILESTONES = document("\n[Milstolparna](milstolpar.yaml)\n")

# name: ({path: content}, the finding that now stops the build)
STOPPED = {
    "vertical tab in the body (ValueError: not XML compatible)": (
        {"plans/plan.md": document("Text\x0bmer.\n")}, "AV016"),
    "escaped vertical tab in the title": ({"plans/plan.md": document(title='"A\\vB"')}, "AV016"),
    "escaped form feed in the change note": ({"plans/plan.md": document(change_note='"x\\x0cy"')}, "AV016"),
    "raw control character in a data value": (
        {"plans/plan.md": PLAN_WITH_MILESTONES,
         "plans/milstolpar.yaml": MILESTONES.format(start="2026-01-01", end="2027-12-31", when="2026-Q4")
         .replace("Förslag", "För\x01slag")}, "AV016"),
    "NUL after the first 8 KiB": ({"plans/plan.md": document("x" * 9000 + "\x00")}, "AV005"),
    "milestone period from year 1 (ValueError: int('1-Q1'))": (
        {"plans/plan.md": PLAN_WITH_MILESTONES,
         "plans/milstolpar.yaml": MILESTONES.format(start="0001-01-01", end="0002-01-01", when="0001-06-01")}, "AV114"),
    "milestone period to 9999-12-31 (ValueError: year 10000)": (
        {"plans/plan.md": PLAN_WITH_MILESTONES,
         "plans/milstolpar.yaml": MILESTONES.format(start="9998-01-01", end="9999-12-31", when="9999-12-31")}, "AV114"),
    "period of thousands of years (minutes to render)": (
        {"plans/plan.md": PLAN_WITH_MILESTONES,
         "plans/milstolpar.yaml": MILESTONES.format(start="2000-01-01", end="2100-12-31", when="2026-Q4")}, "AV114"),
    "an image that is not an image (UnrecognizedImageError)": (
        {"plans/plan.md": document("![Bild](bild.png)\n"), "plans/bild.png": b"inte en bild"}, "AV214"),
    "a GIF that python-docx reads as a JPEG (found by tests/source/test_images.py)": (
        {"plans/plan.md": document("![Bild](bild.gif)\n"), "plans/bild.gif": b"GIF89aJFIF" + gif()[10:]}, "AV214"),
    "a JPEG whose resolution gives it no size in Word (found by tests/source/test_images.py)": (
        {"plans/plan.md": document("![Bild](bild.jpg)\n"), "plans/bild.jpg": exif_jpeg((10**9, 1))}, "AV214"),
    "an image from //host/path, opened as a local file": (
        {"plans/plan.md": document("![Lösen](//etc/passwd)\n")}, "AV212"),
    # Issue 24, defect 1: attr_list read a bare word in braces as an attribute without a value (None),
    # which the Word renderer took for text; the check now reads attribute lists as attr_list does.
    "a paragraph and a lone {{} on the next line (TypeError in browser_text)": (
        {"plans/plan.md": document("d\n{{}\n")}, "AV307"),
    "a lone {{} in a block quote (TypeError in browser_text)": ({"plans/plan.md": document("> d\n> {{}\n")}, "AV307"),
    "template braces {{ x }} after a paragraph": ({"plans/plan.md": document("Text\n{{ namn }}\n")}, "AV307"),
    "a bare word in braces after emphasis, in a heading and in a table cell": (
        {"plans/plan.md": document("*a*{viktigt}\n\n## Rubrik {x}\n\n| a |\n|---|\n| b {x} |\n")}, "AV307"),
    "an event handler's name as a bare word ({.a onclick})": ({"plans/plan.md": document("Text\n{.a onclick}\n")}, "AV307"),
    "a number of 5000 digits (ValueError: exceeds the limit for int)": (
        {"plans/plan.md": document(annex_number="1" * 5000)}, "AV103"),
}


@pytest.mark.parametrize("name", STOPPED)
def test_what_crashed_the_build_now_stops_it_at_a_finding(repo, name):
    files, code = STOPPED[name]
    for path, content in files.items():
        repo.write(path, content)
    result = repo.avtal("build")
    assert result.code == 1, result.stdout + result.stderr
    assert "internt fel" not in result.stderr and "Traceback" not in result.stderr
    assert f"fel {code} " in result.stdout


def test_what_crashed_the_build_now_builds(repo):
    """A document with front matter and no body (AttributeError: no avtal_tree), images of
    every kind, and hard spaces and typographic quotes in free text: site and Word files."""
    shutil.copy(REPO_ROOT / "mkdocs.yml", repo.root / "mkdocs.yml")
    shutil.copytree(REPO_ROOT / "webbplats", repo.root / "webbplats")
    repo.doc("avtal", type="överenskommelse")
    annex = dict(type="bilaga", annex_number="1", annex_of="avtal")
    repo.write("annexes/tom.md", front_matter(id="tom", title="Tom bilaga", **annex))
    repo.write("annexes/utan-radslut.md", front_matter(id="utan-radslut", title="Utan radslut",
                                                       **{**annex, "annex_number": "2"}).rstrip("\n"))
    repo.doc("plan", "![PNG](a.png) ![GIF](b.gif) ![JPEG](c.jpg)\n\nEnligt\u00a0HSL, \u201dså\u201d.\n",
             title="\u201dTrygg hemma\u201d")
    for name, data in {"a.png": png(), "b.gif": gif(), "c.jpg": exif_jpeg()}.items():
        repo.write(f"plans/{name}", data)
    result = repo.avtal("build")
    assert result.code == 0, result.stdout + result.stderr
    built = repo.root / "build"
    assert (built / "docx" / "tom_v0.1.docx").is_file() and (built / "docx" / "beslutspaket_avtal_v0.1.docx").is_file()
    assert (built / "site" / "annexes" / "tom" / "index.html").is_file()
    assert (built / "site" / "plans" / "c.jpg").read_bytes() == exif_jpeg()


def test_a_lone_brace_pair_after_a_paragraph_renders_with_the_check_off():
    """The Word renderer itself takes an attribute without a value (`{.a hidden}` in attr_list),
    for the build with the check turned off (`avtal serve` of a text with errors)."""
    from markdown import Markdown

    from avtal.render.markup import configured_extensions
    from avtal.render.word.body import _Capture

    names, options = configured_extensions(REPO_ROOT)
    md = Markdown(extensions=names, extension_configs=options)
    md.treeprocessors.register(_Capture(md), "avtal_capture", 0)
    md.convert("d\n{{}\n\n> e\n> {.a onclick}\n")
    paragraphs = [element for element in md.avtal_tree.iter("p")]
    assert [p.text for p in paragraphs] == ["d", "e"]
    assert paragraphs[1].get("class") == "a" and "onclick" in paragraphs[1].keys()


def test_a_change_note_longer_than_255_characters_builds_and_is_kept_whole(repo):
    """python-docx refuses a document property over 255 characters ("exceeded 255 char limit"), which
    stopped `avtal build` with an internal error after a clean check; the note is kept whole."""
    import docx

    note = "Ändrat efter styrgruppens möte: " + "ansvarsfördelningen förtydligad, " * 12 + "och begreppen rättade."
    repo.doc("plan", "Text.\n", change_note=f'"{note}"', title='"' + "En lång titel " * 20 + '"')
    out = repo.root / "ut.docx"
    result = repo.avtal("docx", "plan", "-o", str(out))
    assert result.code == 0, result.stdout + result.stderr
    properties = docx.Document(str(out)).core_properties
    assert len(note) > 255 and properties.comments == note and properties.title.startswith("En lång titel")
