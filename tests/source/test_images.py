"""Images: the type is told from the bytes, and whatever the check lets through, python-docx can place."""

from __future__ import annotations

import os
import struct

import pytest
from docx.image.image import Image as DocxImage
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from avtal.source.images import NotAnImage, image_path, is_remote, read_image
from sample_images import exif_jpeg, gif, jpeg, png

SAMPLES = [("bild.png", png(3, 2)), ("bild.png", png(4, 4, dpi=150)), ("bild.gif", gif()), ("bild.jpg", jpeg()),
           ("bild.jpg", exif_jpeg()), ("bild.jpeg", exif_jpeg((72, 1)))]


@pytest.mark.parametrize(("name", "data"), SAMPLES)
def test_real_images_are_read_with_their_size(name, data):
    image = read_image(name, data)
    assert (image.width, image.height) == (DocxImage.from_blob(data).px_width, DocxImage.from_blob(data).px_height)


@pytest.mark.parametrize(("name", "data", "says"), [
    ("bild.png", b"<svg xmlns='http://www.w3.org/2000/svg'/>", "ingen PNG-, JPEG- eller GIF-bild"),
    ("bild.png", b"inte en bild", "ingen PNG-, JPEG- eller GIF-bild"),
    ("bild.jpg", png(), "PNG-bild men heter bild.jpg"),
    ("bild.html", gif(), "GIF-bild men heter bild.html"),  # a GIF that a server would send as a page
    ("bild.png", png()[:30], "tar slut"),
    ("bild.png", png(0, 1), "0 × 1 bildpunkter"),
    ("bild.png", png(30_000, 1), "30000 × 1 bildpunkter"),
    ("bild.png", png(dpi=0.3), "upplösning"),  # 12 dots per metre: python-docx would divide by zero
    ("bild.jpg", b"\xff\xd8\xff\xdb" + jpeg()[20:], "saknar JFIF- eller Exif-huvud"),
    ("bild.jpg", exif_jpeg((300, 0)), "division med noll"),
    ("bild.jpg", exif_jpeg((0, 1)), "upplösning (0 punkter per tum)"),
    ("bild.jpg", exif_jpeg((10**9, 1)), "är orimlig"),  # a size of 0 EMU in Word
])
def test_what_is_not_a_showable_image_is_refused_with_the_reason(name, data, says):
    with pytest.raises(NotAnImage) as refused:
        read_image(name, data)
    assert says in str(refused.value)


def test_remote_and_outside_paths_are_told_apart():
    assert is_remote("https://example.org/a.png") and is_remote("//host/etc/passwd") and is_remote("data:image/png,x")
    assert not is_remote("bilder/a.png")
    assert image_path("plans/plan.md", "bilder/tid%20plan.png") == "plans/bilder/tid plan.png"
    assert image_path("plans/plan.md", "../../etc/passwd") == "../etc/passwd"
    assert image_path("plans/plan.md", "/etc/passwd") == "/etc/passwd"


# -- Whatever the check accepts, python-docx reads ------------------------------------


@st.composite
def mutated_images(draw):
    """A real image with a few bytes changed, cut, inserted or overwritten, mostly in its header."""
    name, data = draw(st.sampled_from(SAMPLES))
    data = bytearray(data)
    for _ in range(draw(st.integers(1, 4))):
        where = draw(st.one_of(st.integers(0, min(80, len(data) - 1)), st.integers(0, len(data) - 1)))
        operation = draw(st.sampled_from(["set", "set16", "cut", "insert", "delete"]))
        if operation == "set":
            data[where] = draw(st.integers(0, 255))
        elif operation == "set16":
            data[where:where + 2] = struct.pack(">H", draw(st.sampled_from([0, 1, 2, 8, 0xFFFF, draw(st.integers(0, 0xFFFF))])))
        elif operation == "cut":
            del data[where:]
        elif operation == "insert":
            data[where:where] = draw(st.binary(min_size=1, max_size=12))
        else:
            del data[where:where + draw(st.integers(1, 12))]
        if not data:
            data = bytearray(b"\x89")
    return name, bytes(data)


@settings(max_examples=max(400, int(os.environ.get("AVTAL_FUZZ_EXAMPLES", "0"))), deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(mutated_images())
@example(("bild.png", png(dpi=0.3)))
@example(("bild.jpg", exif_jpeg((0, 7))))
@example(("bild.gif", b"GIF89aJFIF" + gif()[10:]))  # found by this test: python-docx reads it as a JPEG
def test_every_image_the_check_accepts_can_be_placed_by_python_docx(sample):
    name, data = sample
    try:
        image = read_image(name, data)
    except NotAnImage:
        return
    placed = DocxImage.from_blob(data)  # raises, or divides by zero, if the check was too lenient
    assert (placed.px_width, placed.px_height) == (image.width, image.height)
    assert placed.width > 0 and placed.height > 0
    assert placed.scaled_dimensions(width=1000)[1] >= 0
