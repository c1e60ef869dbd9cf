"""Illustration uploads: an SVG that could do more than draw is refused, a PNG is read."""

from __future__ import annotations

import struct
import zlib

import pytest

from aftersales.parts.images import check_illustration
from aftersales.portal.errors import RuleViolation

HEAD = b'<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" viewBox="0 0 400 300">'


def svg(body: bytes) -> bytes:
    return HEAD + body + b"</svg>"


def refused(content: bytes) -> RuleViolation:
    with pytest.raises(RuleViolation) as caught:
        check_illustration(content, name="drawing.svg")
    return caught.value


def png(width: int, height: int) -> bytes:
    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    chunk = b"IHDR" + header
    return (
        b"\x89PNG\r\n\x1a\n"
        + struct.pack(">I", len(header))
        + chunk
        + struct.pack(">I", zlib.crc32(chunk))
    )


def test_it_accepts_a_plain_drawing() -> None:
    checked = check_illustration(svg(b'<circle cx="10" cy="10" r="5"/>'))
    assert (checked.image_type, checked.width, checked.height) == ("svg", 400, 300)


def test_it_accepts_a_reference_inside_the_file() -> None:
    body = b'<defs><path id="p" d="M0 0h9"/></defs><use xlink:href="#p"/><rect fill="url(#g)"/>'
    assert check_illustration(svg(body)).image_type == "svg"


def test_it_refuses_a_script() -> None:
    violation = refused(svg(b"<script>alert(1)</script>"))
    assert violation.code == "EPC-0030" and "script" in violation.message


def test_it_refuses_an_event_handler() -> None:
    violation = refused(svg(b'<rect width="5" height="5" onclick="alert(1)"/>'))
    assert violation.code == "EPC-0030" and "onclick" in violation.message


def test_it_refuses_an_event_handler_on_the_root() -> None:
    content = HEAD.replace(b"<svg ", b'<svg onload="alert(1)" ') + b"</svg>"
    assert refused(content).code == "EPC-0030"


def test_it_refuses_a_link_to_another_site() -> None:
    violation = refused(svg(b'<a href="http://evil.example/"><rect width="5" height="5"/></a>'))
    assert violation.code == "EPC-0030" and "http://evil.example/" in violation.message


def test_it_refuses_an_external_image() -> None:
    assert refused(svg(b'<image xlink:href="https://evil.example/x.png"/>')).code == "EPC-0030"


def test_it_refuses_a_javascript_link() -> None:
    assert refused(svg(b'<a href="javascript:alert(1)"><rect/></a>')).code == "EPC-0030"


def test_it_refuses_a_foreign_object() -> None:
    body = b'<foreignObject><div xmlns="http://www.w3.org/1999/xhtml">x</div></foreignObject>'
    violation = refused(svg(body))
    assert violation.code == "EPC-0030" and "foreignobject" in violation.message.lower()


def test_it_refuses_an_external_style_sheet() -> None:
    assert (
        refused(svg(b"<style>@import url(http://evil.example/s.css);</style>")).code == "EPC-0030"
    )


def test_it_refuses_an_external_url_in_a_style() -> None:
    body = b'<rect style="fill: url(http://evil.example/p.svg#x)"/>'
    assert refused(svg(body)).code == "EPC-0030"


def test_it_refuses_an_animation_that_sets_a_link() -> None:
    body = b'<a><set attributeName="href" to="javascript:alert(1)"/><rect/></a>'
    assert refused(svg(body)).code == "EPC-0030"


def test_it_refuses_an_external_entity() -> None:
    content = (
        b'<?xml version="1.0"?><!DOCTYPE svg [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>'
        + svg(b"<text>&xxe;</text>")
    )
    violation = refused(content)
    assert violation.code == "EPC-0030" and b"root:" not in violation.message.encode()


def test_it_drops_processing_instructions_and_comments() -> None:
    content = b'<?xml-stylesheet href="http://evil.example/s.css"?><!-- note -->' + svg(b"<rect/>")
    checked = check_illustration(content)
    assert b"xml-stylesheet" not in checked.content and b"note" not in checked.content


def test_it_refuses_a_drawing_without_a_size() -> None:
    content = b'<svg xmlns="http://www.w3.org/2000/svg"><rect/></svg>'
    assert refused(content).code == "EPC-0031"


def test_it_refuses_xml_that_is_not_svg() -> None:
    assert refused(b"<?xml version='1.0'?><html><body/></html>").code == "EPC-0031"


def test_it_reads_the_size_of_a_png() -> None:
    checked = check_illustration(png(800, 600), name="drawing.png")
    assert (checked.image_type, checked.width, checked.height) == ("png", 800, 600)


def test_it_refuses_a_file_that_is_neither() -> None:
    with pytest.raises(RuleViolation) as caught:
        check_illustration(b"GIF89a....", name="drawing.gif")
    assert caught.value.code == "EPC-0031"


def test_it_refuses_a_file_over_the_limit() -> None:
    with pytest.raises(RuleViolation) as caught:
        check_illustration(png(10, 10) + b"\0" * (5 * 1024 * 1024))
    assert caught.value.code == "EPC-0031"
