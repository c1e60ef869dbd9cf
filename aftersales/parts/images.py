"""Illustration uploads: a PNG, or an SVG that is checked and rewritten before it is stored.

An SVG is refused (EPC-0030) when it could do more than draw: scripts, event handler attributes
(onload=…), embedded HTML (foreignObject), a document type or entities (XXE), references to
anything outside the file (href/xlink:href other than "#…", url(…) other than "#…", @import,
javascript:). It is parsed with defusedxml (no DTD, no entities, no external references) and
what is stored is the parsed tree written out again, so comments and processing instructions
(<?xml-stylesheet …?>) are dropped. The hotspots use the drawing's coordinate system: the
viewBox's width and height (or the width/height attributes), the PNG's pixels.
"""

from __future__ import annotations

import math
import re
import struct
from dataclasses import dataclass
from xml.etree.ElementTree import Element, ParseError, register_namespace, tostring

from defusedxml import DefusedXmlException
from defusedxml.ElementTree import fromstring
from django.utils.translation import gettext as _

from aftersales.portal.errors import RuleViolation

from .codes import ILLUSTRATION_FORMAT, ILLUSTRATION_UNSAFE

MAX_BYTES = 5 * 1024 * 1024
MAX_SIDE = 20_000
SVG_NS = "http://www.w3.org/2000/svg"
XLINK_NS = "http://www.w3.org/1999/xlink"
PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"
FORBIDDEN_ELEMENTS = {"script", "foreignobject", "iframe", "embed", "object", "handler"}
ANIMATIONS = {"set", "animate", "animatetransform", "animatemotion"}
_URL = re.compile(r"url\(\s*['\"]?\s*([^)'\"\s]*)", re.IGNORECASE)
_LENGTH = re.compile(r"^\s*([0-9]+(?:\.[0-9]+)?)\s*(px)?\s*$")

register_namespace("", SVG_NS)
register_namespace("xlink", XLINK_NS)


@dataclass(frozen=True)
class CheckedImage:
    content: bytes
    image_type: str  # "svg" or "png"
    width: int
    height: int


def _refuse(reason: str) -> RuleViolation:
    return RuleViolation(
        ILLUSTRATION_UNSAFE,
        _("The SVG was refused: %(reason)s. Nothing was stored.") % {"reason": reason},
        field="image",
    )


def _format(message: str) -> RuleViolation:
    return RuleViolation(ILLUSTRATION_FORMAT, message, field="image")


def _local(name: str) -> str:
    return name.rsplit("}", 1)[-1].lower()


def _namespace(name: str) -> str:
    return name[1:].split("}", 1)[0] if name.startswith("{") else ""


def _check_references(value: str, where: str) -> None:
    lowered = value.lower()
    if "javascript:" in lowered or "expression(" in lowered or "@import" in lowered:
        raise _refuse(_("%(where)s runs code or loads a style sheet") % {"where": where})
    for target in _URL.findall(value):
        if target and not target.startswith("#"):
            raise _refuse(
                _("%(where)s refers to %(target)s outside the file")
                % {"where": where, "target": target[:60]}
            )


def _check_element(element: Element) -> None:
    tag = _local(element.tag)
    if _namespace(element.tag) != SVG_NS:
        raise _refuse(_("it embeds a foreign element <%(tag)s>") % {"tag": tag})
    if tag in FORBIDDEN_ELEMENTS:
        raise _refuse(_("it holds a <%(tag)s> element") % {"tag": tag})
    for name, value in element.attrib.items():
        attribute = _local(name)
        if attribute.startswith("on"):
            raise _refuse(_("it holds an event handler (%(name)s)") % {"name": attribute})
        if attribute == "href" and not value.strip().startswith("#"):
            raise _refuse(
                _("<%(tag)s> refers to %(target)s outside the file")
                % {"tag": tag, "target": value.strip()[:60]}
            )
        target = value.strip().lower()
        if (
            tag in ANIMATIONS
            and attribute == "attributename"
            and (target.endswith("href") or target.startswith("on"))
        ):
            raise _refuse(_("an animation changes %(name)s") % {"name": value.strip()})
        _check_references(value, f"<{tag} {attribute}>")
    if tag == "style" and element.text:
        _check_references(element.text, "<style>")


def _length(value: str | None) -> float | None:
    match = _LENGTH.match(value or "")
    return float(match.group(1)) if match else None


def _svg_size(root: Element) -> tuple[int, int]:
    view_box = root.attrib.get("viewBox", "").replace(",", " ").split()
    if len(view_box) == 4:
        try:
            width, height = float(view_box[2]), float(view_box[3])
        except ValueError:
            width = height = 0.0
    else:
        width = _length(root.attrib.get("width")) or 0.0
        height = _length(root.attrib.get("height")) or 0.0
    if not (0 < width <= MAX_SIDE and 0 < height <= MAX_SIDE):
        raise _format(
            _("The SVG needs a viewBox (or width and height in pixels) to place the hotspots on.")
        )
    return math.ceil(width), math.ceil(height)


def check_svg(content: bytes) -> CheckedImage:
    try:
        root = fromstring(content, forbid_dtd=True, forbid_entities=True, forbid_external=True)
    except DefusedXmlException:
        raise _refuse(_("it declares a document type or entities")) from None
    except (ParseError, ValueError):
        raise _format(_("The file is not a readable SVG drawing.")) from None
    if _local(root.tag) != "svg" or _namespace(root.tag) != SVG_NS:
        raise _format(
            _('The file is not an SVG drawing (its root must be <svg xmlns="%(ns)s">).')
            % {"ns": SVG_NS}
        )
    for element in root.iter():
        _check_element(element)
    width, height = _svg_size(root)
    rewritten = tostring(root, encoding="utf-8", xml_declaration=True)
    return CheckedImage(content=rewritten, image_type="svg", width=width, height=height)


def check_png(content: bytes) -> CheckedImage:
    if len(content) < 24 or content[12:16] != b"IHDR":
        raise _format(_("The file is not a readable PNG image."))
    width, height = struct.unpack(">II", content[16:24])
    if not (0 < width <= MAX_SIDE and 0 < height <= MAX_SIDE):
        raise _format(_("The PNG image has no usable size."))
    return CheckedImage(content=content, image_type="png", width=width, height=height)


def check_illustration(content: bytes, *, name: str = "") -> CheckedImage:
    """The checked image to store, or RuleViolation EPC-0030/EPC-0031 naming the problem."""
    if len(content) > MAX_BYTES:
        raise _format(
            _("The file is %(size)d KB; an illustration may have at most %(limit)d KB.")
            % {"size": len(content) // 1024, "limit": MAX_BYTES // 1024}
        )
    if content.startswith(PNG_SIGNATURE):
        return check_png(content)
    head = content[:512].lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    if head.startswith((b"<?xml", b"<svg", b"<!--", b"<!doctype")) or name.lower().endswith(".svg"):
        return check_svg(content)
    raise _format(_("An illustration must be an SVG or PNG file."))
