"""Demo data of Information research: thirty documents of each kind (demo_repair.py,
demo_reference.py) as HTML pages, PDFs made with WeasyPrint (as the portal's printouts), two
wiring diagrams as images and one scanned manual page without text; a second version of the
walkthrough car's oil-filter instruction, a withdrawn bulletin, and some openings for the
operator's statistics. Indexed at once (no worker needed); idempotent."""

from __future__ import annotations

import struct
import zlib
from datetime import date, timedelta

from django.core.files.base import ContentFile
from django.template.loader import render_to_string
from django.utils.html import escape

from aftersales import clock
from aftersales.accounts.models import User
from aftersales.portal.pdf import render_pdf

from . import rules, services
from .demo_reference import inspection_sheets, manuals, wiring_diagrams
from .demo_repair import DemoDocument, repair_instructions, service_bulletins
from .models import Document, DocumentOpening, LinkKind

SECOND_VERSION = "RA 11 42 050"
WITHDRAWN = "SI B 11 01 07"


def all_documents() -> list[DemoDocument]:
    return [
        *repair_instructions(),
        *service_bulletins(),
        *wiring_diagrams(),
        *inspection_sheets(),
        *manuals(),
    ]


def _validity_text(document: DemoDocument) -> str:
    parts = ["/".join(document.series), "/".join(document.engines)]
    return " · ".join(part for part in parts if part) or "all vehicles"


def html_page(document: DemoDocument, version: str = "1") -> bytes:
    """A stand-alone HTML page, as a manufacturer's portal exports one."""
    sections = []
    for heading, items in document.sections:
        body = (
            "<ol>" + "".join(f"<li>{escape(item)}</li>" for item in items) + "</ol>"
            if len(items) > 1
            else f"<p>{escape(items[0])}</p>"
        )
        sections.append(f"<h2>{escape(heading)}</h2>{body}")
    page = (
        '<!doctype html><html lang="{lang}"><head><meta charset="utf-8"><title>{title}</title>'
        "<style>body{{font-family:sans-serif;max-width:46rem;margin:2rem auto;padding:0 1rem;"
        "line-height:1.45;color:#1c2430}}h1{{font-size:1.4rem;color:#0b3d6b}}"
        "h2{{font-size:1.1rem;color:#0b3d6b}}.meta{{color:#5b6573}}</style></head><body>"
        '<h1>{title}</h1><p class="meta">{number} · version {version} · {validity}</p>'
        "{sections}</body></html>"
    ).format(
        lang=document.language,
        title=escape(document.title),
        number=escape(document.number),
        version=escape(version),
        validity=escape(_validity_text(document)),
        sections="".join(sections),
    )
    return page.encode()


# The PDFs of one process: tests load the demo many times, WeasyPrint takes half a second a page.
_PDFS: dict[tuple[str, str], bytes] = {}


def pdf_file(document: DemoDocument, version: str = "1") -> bytes:
    key = (document.number, version)
    if key not in _PDFS:
        _PDFS[key] = _render(document, version)
    return _PDFS[key]


def _render(document: DemoDocument, version: str) -> bytes:
    html = render_to_string(
        "documents/pdf/demo_document.html",
        {
            "document": document,
            "version": version,
            "validity": _validity_text(document),
            "diagram": document.kind == "wiring_diagram",
        },
    )
    return render_pdf(html)


def _png(width: int, height: int, boxes: list[tuple[int, int, int, int]]) -> bytes:
    """A black-on-white PNG of filled rectangles (lines are thin ones): drawings without text,
    made without an imaging library."""
    rows = [bytearray(b"\xff" * width) for _ in range(height)]
    for x0, y0, x1, y1 in boxes:
        for y in range(max(0, y0), min(height, y1)):
            rows[y][max(0, x0) : min(width, x1)] = b"\x00" * (min(width, x1) - max(0, x0))
    raw = b"".join(b"\x00" + bytes(row) for row in rows)

    def chunk(kind: bytes, data: bytes) -> bytes:
        return (
            struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))
        )

    header = struct.pack(">IIBBBBB", width, height, 8, 0, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", header)
        + chunk(b"IDAT", zlib.compress(raw, 9))
        + chunk(b"IEND", b"")
    )


def diagram_png() -> bytes:
    """A wiring drawing: three components joined by lines, a ground symbol."""
    boxes = [(60, 60, 220, 160), (420, 60, 580, 160), (240, 300, 400, 400)]
    frame = [
        b
        for x0, y0, x1, y1 in boxes
        for b in (
            (x0, y0, x1, y0 + 4),
            (x0, y1 - 4, x1, y1),
            (x0, y0, x0 + 4, y1),
            (x1 - 4, y0, x1, y1),
        )
    ]
    lines = [
        (220, 108, 420, 112),
        (140, 160, 144, 350),
        (140, 348, 240, 352),
        (500, 160, 504, 350),
        (400, 348, 504, 352),
        (316, 400, 320, 460),
        (290, 460, 350, 464),
        (300, 472, 340, 476),
        (310, 484, 330, 488),
    ]
    return _png(640, 520, frame + lines)


def scanned_pdf() -> bytes:
    """A scanned page: only a picture of lines of text, no text layer."""
    if ("scan", "") not in _PDFS:
        _PDFS[("scan", "")] = _scan()
    return _PDFS[("scan", "")]


def _scan() -> bytes:
    lines = [
        (80, y, 80 + (420 if i % 5 else 260), y + 6) for i, y in enumerate(range(120, 900, 22))
    ]
    image = _png(640, 960, [(80, 60, 400, 80), *lines])
    import base64

    html = (
        "<html><head><style>@page{size:A4;margin:0}img{width:210mm}</style></head><body>"
        f'<img src="data:image/png;base64,{base64.b64encode(image).decode()}"></body></html>'
    )
    return render_pdf(html)


def _file(document: DemoDocument, version: str = "1") -> tuple[ContentFile[bytes], str]:
    slug = document.number.replace(" ", "-").lower()
    if document.form == "pdf":
        return ContentFile(pdf_file(document, version)), f"{slug}.pdf"
    if document.form == "image":
        return ContentFile(diagram_png()), f"{slug}.png"
    if document.form == "scan":
        return ContentFile(scanned_pdf()), f"{slug}-scan.pdf"
    return ContentFile(html_page(document, version)), f"{slug}.html"


def _data(
    document: DemoDocument, version: str, valid_from: date, note: str = ""
) -> services.DocumentData:
    links = [
        *(rules.link_clean(LinkKind.FAULT_CODE, code) for code in document.fault_codes),
        *(rules.link_clean(LinkKind.CAMPAIGN, number) for number in document.campaigns),
    ]
    return services.DocumentData(
        number=document.number,
        kind=document.kind,
        title=document.title,
        language=document.language,
        version=version,
        valid_from=valid_from,
        note=note,
        validity=rules.validity_rows(
            series=document.series,
            engines=document.engines,
            options=document.options,
            produced_from=document.produced_from,
            produced_to=document.produced_to,
        ),
        links=links,
    )


def _create(document: DemoDocument, operator: User | None) -> None:
    if document.number == SECOND_VERSION:
        upload, name = _file(document, "1")
        created = services.document_create(
            actor=operator,
            data=_data(document, "1", date(2021, 5, 1)),
            upload=upload,
            file_name=name,
            index_now=True,
        )
        upload, name = _file(document, "2")
        services.document_version_add(
            actor=operator,
            document=created,
            upload=upload,
            file_name=name,
            version="2",
            valid_from=document.valid_from,
            note="Torque of the oil filter cover corrected to 25 Nm.",
            index_now=True,
        )
        return
    upload, name = _file(document)
    services.document_create(
        actor=operator,
        data=_data(document, "1", document.valid_from),
        upload=upload,
        file_name=name,
        index_now=True,
    )


def _withdrawn(operator: User | None) -> None:
    old = DemoDocument(
        number=WITHDRAWN,
        kind="service_bulletin",
        title="Oil filter cover: tightening torque (superseded)",
        sections=[("Situation and remedy", ["Tighten the oil filter cover to 35 Nm."])],
        engines=["N54"],
    )
    upload, name = _file(old)
    document = services.document_create(
        actor=operator,
        data=_data(old, "1", date(2019, 2, 1)),
        upload=upload,
        file_name=name,
        index_now=True,
    )
    services.document_withdraw(document=document, reason=f"Superseded by {SECOND_VERSION}.")


def _openings() -> int:
    """Some openings by the demo workshop over the last two weeks, for the statistics."""
    if DocumentOpening.objects.exists():
        return 0
    users = list(User.objects.filter(email__in=["motorhj@mail.dk", "mekaniker@mail.dk"]))
    documents = list(Document.objects.filter(state=Document.State.ACTIVE).order_by("number")[:12])
    if not users or not documents:
        return 0
    now = clock.now()
    count = 0
    for day in range(14, 0, -1):
        for n in range(day % 3 + 1):
            user = users[(day + n) % len(users)]
            document = documents[(day * 5 + n) % len(documents)]
            services.document_opening_record(
                user=user,
                document=document,
                channel=DocumentOpening.Channel.PAGE if n else DocumentOpening.Channel.FILE,
                now=now - timedelta(days=day, hours=n * 2),
            )
            count += 1
    return count


SECURITY_RELATED = ["SI B 61 26 23"]  # "Key not recognised"


def load() -> str:
    operator = User.objects.filter(is_superuser=True).order_by("pk").first()
    existing = set(Document.objects.values_list("number", flat=True))
    created = 0
    for document in all_documents():
        if document.number not in existing:
            _create(document, operator)
            created += 1
    if WITHDRAWN not in existing:
        _withdrawn(operator)
    # Key and immobiliser information is security-related (SERMI): aftersales/sermi.
    Document.objects.filter(number__in=SECURITY_RELATED).update(security_related=True)
    openings = _openings()
    return (
        f"{created} documents created ({Document.objects.count()} in all), "
        f"{openings} openings logged"
    )
