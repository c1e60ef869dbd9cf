#!/usr/bin/env python
"""Information research benchmark: a search filtered by vehicle with 50,000 documents of
realistic length loaded, and the indexing of a 100-page PDF in the background task.

On a PostgreSQL database of its own (created afresh, default `aftersales_documents_bench`):

  load     --documents generated documents (five kinds; 80 % English, 12 % Danish, 8 % German;
           150-4,000 words, about 900 on average, technical text about one component and the
           3-6 around it, naming part numbers, fault codes and labour operations; 1-3 validity rows each by series, engine
           and production period, one in ten valid for every vehicle; links for the numbers they
           name), written with COPY, the search vectors made on the server in each document's
           language configuration (as the indexer does), then VACUUM ANALYZE
  search   for random demo vehicles and searches ("oil filter", "timing chain", a fault code,
           ...): `document_search(query, vehicle)` (the selector: match, counts per kind, the
           page of 20 with highlighted snippets) and GET /information-research/?search=…&vin=…
           through Django's whole stack, logged in as the demo workshop user, DEBUG off
  index    a 100-page PDF (WeasyPrint) uploaded with `document_create`; the django-tasks task
           `document_index_task` (immediate backend here) reads its text and makes it
           searchable: the time of the task and a search for a word of its last page

It prints p50/p95 of each and the targets: search filtered by vehicle p95 < 100 ms on
PostgreSQL; indexing a 100-page PDF takes seconds. Not part of the test suite.

  .venv/bin/python bench/documents.py                      # 50,000 documents
  .venv/bin/python bench/documents.py --documents 5000     # a quick check

BENCH_DATABASE_URL (or --database-url) names the server:
postgres://postgres@127.0.0.1:5432/aftersales_documents_bench
"""

from __future__ import annotations

import argparse
import math
import os
import random
import sys
import time
from collections.abc import Callable
from datetime import date, datetime, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from benchdb import database_recreate  # noqa: E402  (beside this file)

DEFAULT_URL = "postgres://postgres@127.0.0.1:5432/aftersales_documents_bench"
KINDS = ["repair_instruction", "service_bulletin", "wiring_diagram", "inspection_sheet", "manual"]
KIND_WEIGHTS = [40, 25, 15, 10, 10]
LANGUAGES = ["en", "da", "de"]
LANGUAGE_WEIGHTS = [80, 12, 8]
SERIES = ["E90", "E91", "E60", "F30", "F31", "F10", "F48", "G01", "G05", "G11", "G20", "G21",
          "G26", "G28", "G30", "G31", "G80", "F56", "F55", "F57", "F60", "R56", "I01", "I20",
          "K50", "K51", "K67", "RR1", "RR4", "RR5"]  # fmt: skip
ENGINES = ["N54", "N52", "N20", "N47", "N57", "B38", "B46", "B47", "B48", "B57", "B58", "S55",
           "S58", "S63", "N12", "N74", "N73", "A12B"]  # fmt: skip
COMPONENTS = {
    "en": ["oil filter", "oil pump", "timing chain", "chain tensioner", "camshaft sensor",
           "crankshaft sensor", "injector", "high-pressure pump", "turbocharger", "wastegate",
           "intercooler", "coolant pump", "thermostat", "radiator", "expansion tank",
           "brake caliper", "brake disc", "brake pad", "brake fluid", "parking brake",
           "wheel bearing", "control arm", "shock absorber", "spring strut", "steering rack",
           "tie rod", "drive shaft", "gearbox mount", "clutch", "flywheel", "starter motor",
           "alternator", "battery", "ignition coil", "spark plug", "lambda sensor",
           "catalytic converter", "particulate filter", "EGR valve", "intake manifold",
           "air filter", "fuel filter", "fuel pump", "door lock", "window regulator",
           "wiper motor", "headlight", "tail light", "parking sensor", "airbag module"],
    "da": ["oliefilter", "oliepumpe", "styrekæde", "kædestrammer", "knastakselsensor",
           "krumtapakselsensor", "indsprøjtningsventil", "højtrykspumpe", "turbolader",
           "vandpumpe", "termostat", "køler", "bremsekaliber", "bremseskive", "bremseklods",
           "bremsevæske", "hjullejer", "bærearm", "støddæmper", "styretøj", "drivaksel",
           "kobling", "startmotor", "generator", "batteri", "tændspole", "tændrør",
           "lambdasonde", "katalysator", "partikelfilter", "luftfilter", "brændstoffilter",
           "dørlås", "rudeopløfter", "viskermotor", "forlygte", "baglygte"],
    "de": ["Ölfilter", "Ölpumpe", "Steuerkette", "Kettenspanner", "Nockenwellensensor",
           "Kurbelwellensensor", "Injektor", "Hochdruckpumpe", "Turbolader", "Wasserpumpe",
           "Thermostat", "Kühler", "Bremssattel", "Bremsscheibe", "Bremsbelag",
           "Bremsflüssigkeit", "Radlager", "Querlenker", "Stoßdämpfer", "Lenkgetriebe",
           "Antriebswelle", "Kupplung", "Anlasser", "Generator", "Batterie", "Zündspule",
           "Zündkerze", "Lambdasonde", "Katalysator", "Partikelfilter", "Luftfilter",
           "Kraftstofffilter", "Türschloss", "Fensterheber", "Wischermotor", "Scheinwerfer"],
}  # fmt: skip
SENTENCES = {
    "en": ["Remove the {c} and check it for wear and leaks.",
           "Install the new {c} and tighten the bolts to {n} Nm.",
           "Disconnect the battery negative terminal before working on the {c}.",
           "Check the {c} with the diagnosis system; replace it if the value is out of range.",
           "If fault code {f} is stored, inspect the {c} and its wiring harness.",
           "Use special tool {t} to hold the {c} in position.",
           "Part number {p} replaces the earlier {c}; use up existing stock.",
           "Labour operation {o} includes the removal and installation of the {c}.",
           "Clean the sealing faces and fit a new gasket to the {c}.",
           "After the repair, clear the fault memory and carry out a road test."],
    "da": ["Afmonter {c} og kontroller for slid og utætheder.",
           "Monter ny {c} og spænd boltene til {n} Nm.",
           "Afbryd batteriets minuspol før arbejde på {c}.",
           "Kontroller {c} med diagnosesystemet; udskift ved afvigende værdi.",
           "Er fejlkode {f} gemt, så undersøg {c} og ledningsnettet.",
           "Brug specialværktøj {t} til at holde {c} på plads.",
           "Reservedelsnummer {p} erstatter tidligere {c}.",
           "Arbejdsposition {o} omfatter af- og påmontering af {c}."],
    "de": ["{c} ausbauen und auf Verschleiß und Undichtigkeit prüfen.",
           "Neues {c} einbauen und die Schrauben mit {n} Nm anziehen.",
           "Vor Arbeiten am {c} den Minuspol der Batterie abklemmen.",
           "{c} mit dem Diagnosesystem prüfen; bei Abweichung ersetzen.",
           "Ist Fehlercode {f} gespeichert, {c} und Kabelbaum prüfen.",
           "Sonderwerkzeug {t} verwenden, um {c} zu halten.",
           "Teilenummer {p} ersetzt das frühere {c}.",
           "Arbeitsposition {o} umfasst Aus- und Einbau von {c}."],
}  # fmt: skip
SEARCHES = ["oil filter", "timing chain", "brake caliper", "coolant pump replace", "injector",
            "turbocharger wastegate", "lambda sensor", "wiring harness door lock", "P0420",
            "thermostat", "particulate filter regeneration", "spark plug", "wheel bearing",
            "oliefilter", "Steuerkette"]  # fmt: skip
WALKTHROUGH_VIN = "WBAUV71070A193748"


def log(message: str) -> None:
    print(f"[{time.strftime('%H:%M:%S')}] {message}", flush=True)


def ensure_database(url: str) -> None:
    log(f"creating database {database_recreate(url)} afresh")


def setup_django(url: str, media: Path, *, fresh: bool = True) -> None:
    os.environ.update(
        DATABASE_URL=url,
        DJANGO_SETTINGS_MODULE="aftersales.settings",
        DEBUG="false",
        SECRET_KEY=os.environ.get("SECRET_KEY", "bench-only-secret-key-" + "x" * 40),
        SECURE_SSL_REDIRECT="false",
        SESSION_COOKIE_SECURE="false",
        CSRF_COOKIE_SECURE="false",
        LOG_LEVEL="ERROR",
        TASKS_BACKEND="django_tasks.backends.immediate.ImmediateBackend",
        MEDIA_ROOT=str(media),
    )
    import django
    from django.conf import settings

    django.setup()
    settings.MEDIA_ROOT = str(media)
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }
    from django.core.management import call_command

    if not fresh:
        call_command("migrate", verbosity=0)
        return
    log("migrate + demo data (users, vehicles, tickets, the 150 demo documents)")
    call_command("migrate", verbosity=0)
    call_command("load_demo_data", stdout=open(os.devnull, "w"))  # noqa: SIM115


# --- generated documents ------------------------------------------------------------------------


def numbers(rng: random.Random) -> dict[str, str]:
    return {
        "n": str(rng.choice([8, 10, 12, 20, 25, 32, 38, 56, 90, 110])),
        "f": f"P{rng.choice('0012')}{rng.randrange(100, 1000):03d}",
        "t": f"{rng.choice(['00', '11', '13', '34'])} {rng.randrange(1, 10)} {rng.randrange(100, 1000)}",
        "p": f"{rng.randrange(11, 65)} {rng.randrange(10, 99)} {rng.randrange(1, 9)} "
        f"{rng.randrange(100, 1000)} {rng.randrange(100, 1000)}",
        "o": f"{rng.randrange(11, 65)} {rng.randrange(10, 99)} {rng.randrange(0, 1000):03d}",
    }


def body(language: str, topic: str, words: int, rng: random.Random) -> tuple[str, set[str]]:
    """A text of about `words` words about `topic` (half of the sentences) and the few
    components around it (a document on the oil filter also names the oil pump and the
    gasket, not every part of the car), in paragraphs; with the fault codes it names."""
    sentences, count, codes = [], 0, set()
    around = rng.sample(COMPONENTS[language], rng.randint(3, 6))
    while count < words:
        component = topic if rng.random() < 0.5 else rng.choice(around)
        values = numbers(rng)
        sentence = rng.choice(SENTENCES[language]).format(c=component, **values)
        if "{f}" in sentence or values["f"] in sentence:
            codes.add(values["f"])
        sentences.append(sentence)
        count += sentence.count(" ") + 1
    paragraphs = [" ".join(sentences[i : i + 6]) for i in range(0, len(sentences), 6)]
    return "\n\n".join(paragraphs), codes


def word_count(rng: random.Random) -> int:
    """Log-normal around 900 words, 150-4,000 (a bulletin is a page, a manual chapter ten)."""
    return max(150, min(4000, int(rng.lognormvariate(math.log(750), 0.6))))


def load(count: int, rng: random.Random) -> dict[str, float]:
    from django.db import connection

    from aftersales.documents.models import SEARCH_CONFIGS
    from aftersales.vehicles.models import Vehicle

    demo_types = sorted(set(Vehicle.objects.values_list("series", "engine_type")))
    started = time.perf_counter()
    words_total = 0
    now = datetime.now().astimezone()
    with connection.cursor() as django_cursor:
        cursor = django_cursor.cursor
        cursor.execute("SELECT coalesce(max(id), 0) FROM documents_document")
        base = cursor.fetchone()[0]
        cursor.execute("SELECT coalesce(max(id), 0) FROM documents_documentversion")
        version_base = cursor.fetchone()[0]
        documents, versions, validity, links = [], [], [], []
        for n in range(count):
            doc_id, version_id = base + n + 1, version_base + n + 1
            kind = rng.choices(KINDS, KIND_WEIGHTS)[0]
            language = rng.choices(LANGUAGES, LANGUAGE_WEIGHTS)[0]
            topic = rng.choice(COMPONENTS[language])
            words = word_count(rng)
            words_total += words
            text, codes = body(language, topic, words, rng)
            rows = []
            if rng.random() >= 0.1:
                for _ in range(rng.randint(1, 3)):
                    if rng.random() < 0.3:
                        series, engine = rng.choice(demo_types)
                    else:
                        series, engine = rng.choice(SERIES), rng.choice(ENGINES)
                    start = date(2004 + rng.randrange(16), rng.randrange(1, 13), 1)
                    end = (
                        start + timedelta(days=365 * rng.randint(3, 9))
                        if rng.random() < 0.5
                        else None
                    )
                    rows.append(
                        (
                            doc_id,
                            "",
                            series,
                            "",
                            engine if rng.random() < 0.7 else "",
                            start,
                            end,
                            "",
                        )
                    )
            title = f"{topic[:1].upper()}{topic[1:]}: {rng.choice(['remove and install', 'check', 'replace', 'adjust', 'diagnose'])}"
            documents.append(
                (
                    doc_id,
                    f"B{n:06d}",
                    kind,
                    title,
                    language,
                    "active",
                    "",
                    not rows,
                    False,  # not security-related
                    text,
                    now,
                    now,
                )  # fmt: skip
            )
            versions.append(
                (version_id, doc_id, "1", date(2015 + rng.randrange(10), 1, 1), "",
                 f"documents/{doc_id}/{version_id}.pdf", f"{doc_id}.pdf", "pdf",
                 "application/pdf", len(text) * 3, "0" * 64, max(1, words // 450), text,
                 "indexed", "", now, now)
            )  # fmt: skip
            validity.extend(rows)
            links.extend((doc_id, "fault_code", code, code, "text") for code in sorted(codes)[:5])
        log(f"generated {count:,} documents, {words_total:,} words; writing with COPY")
        copy(cursor, "documents_document",
             ["id", "number", "kind", "title", "language", "state", "withdrawn_reason",
              "valid_for_all", "security_related", "body", "created_at", "updated_at"], documents)  # fmt: skip
        copy(cursor, "documents_documentversion",
             ["id", "document_id", "version", "valid_from", "note", "file", "file_name",
              "file_type", "content_type", "size_bytes", "sha256", "pages", "text",
              "text_state", "text_error", "indexed_at", "uploaded_at"], versions)  # fmt: skip
        copy(cursor, "documents_documentvalidity",
             ["document_id", "brand", "series", "model_code", "engine_type", "produced_from",
              "produced_to", "option_code"], validity)  # fmt: skip
        copy(
            cursor,
            "documents_documentlink",
            ["document_id", "kind", "key", "label", "source"],
            links,
        )
        for table in ("documents_document", "documents_documentversion"):
            cursor.execute(
                f"SELECT setval(pg_get_serial_sequence('{table}', 'id'), (SELECT max(id) FROM {table}))"
            )
        cursor.execute(
            "UPDATE documents_document d SET current_version_id = v.id FROM "
            "documents_documentversion v WHERE v.document_id = d.id AND d.id > %s",
            [base],
        )
        log("search vectors in each document's language (title and number A, text B)")
        for language, config in SEARCH_CONFIGS.items():
            cursor.execute(
                "UPDATE documents_document SET search_vector = "
                "setweight(to_tsvector(%s::regconfig, coalesce(number, '') || ' ' || "
                "coalesce(title, '')), 'A') || setweight(to_tsvector(%s::regconfig, "
                "coalesce(body, '')), 'B') WHERE language = %s AND id > %s",
                [config, config, language, base],
            )
        for table in ("document", "documentversion", "documentvalidity", "documentlink"):
            cursor.execute(f"VACUUM ANALYZE documents_{table}")
    seconds = time.perf_counter() - started
    log(f"loaded in {seconds:.0f} s ({words_total / count:.0f} words a document on average)")
    return {"load_s": seconds, "words": words_total / count}


def copy(cursor, table: str, columns: list[str], rows: list[tuple]) -> None:  # type: ignore[no-untyped-def]
    with cursor.copy(f"COPY {table} ({', '.join(columns)}) FROM STDIN") as writer:
        for row in rows:
            writer.write_row(row)


# --- measuring ----------------------------------------------------------------------------------


def percentile(values: list[float], p: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(p / 100 * (len(ordered) - 1)))]


def timed(function: Callable[[], object]) -> float:
    started = time.perf_counter()
    function()
    return (time.perf_counter() - started) * 1000


def cpu_seconds(pid: int) -> float:
    """User + system CPU time of a process (the database backend serving this connection, on
    this machine): what a search costs the database, however long it waited for a CPU."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def measure(samples: int, warmup: int, rng: random.Random) -> dict[str, list[float]]:
    from django.db import connection
    from django.test import Client
    from django.urls import reverse

    from aftersales.accounts.models import User
    from aftersales.documents.selectors import document_search
    from aftersales.vehicles.models import Vehicle

    client = Client()
    client.force_login(User.objects.get(email="motorhj@mail.dk"))
    vehicles = list(Vehicle.objects.exclude(engine_type__in=["IB1", "HA0001", "HA0002"]))
    url = reverse("documents:search")
    results: dict[str, list[float]] = {"selector": [], "page": [], "hits": []}
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_backend_pid()")
        backend_pid = cursor.fetchone()[0]
    cpu = {"python": 0.0, "database": 0.0}

    def page(vin: str, words: str) -> None:
        response = client.get(url, {"search": words, "vin": vin})
        assert response.status_code == 200, response.status_code

    for round_ in range(warmup + samples):
        vehicle = rng.choice(vehicles) if round_ % 4 else Vehicle.objects.get(vin=WALKTHROUGH_VIN)
        words = rng.choice(SEARCHES)
        python_before, database_before = time.process_time(), cpu_seconds(backend_pid)
        started = time.perf_counter()
        hits = document_search(query=words, vehicle=vehicle).all_kinds_total
        selector = (time.perf_counter() - started) * 1000
        page_ms = timed(lambda v=vehicle, w=words: page(v.vin, w))
        if round_ >= warmup:
            results["selector"].append(selector)
            results["page"].append(page_ms)
            results["hits"].append(float(hits))
            cpu["python"] += time.process_time() - python_before
            cpu["database"] += cpu_seconds(backend_pid) - database_before
    # CPU milliseconds per search (selector + page), both processes: a mean, as the kernel
    # counts in ticks of 10 ms.
    results["cpu_python"] = [cpu["python"] * 1000 / samples]
    results["cpu_database"] = [cpu["database"] * 1000 / samples]
    return results


def hundred_pages() -> bytes:
    from aftersales.portal.pdf import render_pdf

    paragraph = (
        "Remove the timing chain tensioner and check the chain guide rails for wear. "
        "Install the new tensioner and tighten it to 65 Nm. Turn the crankshaft two turns and "
        "check the valve timing with the special tool. "
    )
    pages = "".join(
        f'<section style="page-break-after: always"><h2>Page {n}</h2>'
        + f"<p>{paragraph * 3}</p>" * 4
        + ("<p>Final check: the zanzibarquartz marking must line up.</p>" if n == 100 else "")
        + "</section>"
        for n in range(1, 101)
    )
    return render_pdf(f"<html><body>{pages}</body></html>")


def bench_index() -> dict[str, float]:
    from django.core.files.base import ContentFile
    from django.db import transaction

    from aftersales.documents import services
    from aftersales.documents.models import Document, DocumentVersion
    from aftersales.documents.rules import Validity
    from aftersales.documents.selectors import document_search
    from aftersales.documents.tasks import document_index_task

    log("rendering a 100-page PDF with WeasyPrint (not timed)")
    pdf = hundred_pages()
    data = services.DocumentData(
        number=f"BENCH-100-{int(time.time())}",
        kind="manual",
        title="Timing chain manual, 100 pages",
        language="en",
        version="1",
        valid_from=date(2026, 1, 1),
        validity=[Validity(series="E91", engine_type="N54")],
    )
    with transaction.atomic():
        document = services.document_create(
            actor=None, data=data, upload=ContentFile(pdf), file_name="manual.pdf", index_now=False
        )
        version_id = document.current_version_id
    # The immediate backend ran the task at the commit; run it again, timed, as a worker would.
    DocumentVersion.objects.filter(pk=version_id).update(text="", text_state="pending")
    Document.objects.filter(pk=document.pk).update(body="")
    started = time.perf_counter()
    document_index_task.enqueue(version_id=version_id)
    seconds = time.perf_counter() - started
    version = DocumentVersion.objects.get(pk=version_id)
    found = document_search(query="zanzibarquartz").all_kinds_total
    log(f"indexed {version.pages} pages ({len(version.text):,} characters) in {seconds:.2f} s; "
        f"a word of the last page found in {found} document(s)")  # fmt: skip
    return {"index_s": seconds, "pages": float(version.pages or 0), "found": float(found)}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--documents", type=int, default=50_000)
    parser.add_argument("--samples", type=int, default=150)
    parser.add_argument("--warmup", type=int, default=15)
    parser.add_argument("--seed", type=int, default=11)
    parser.add_argument(
        "--reuse", action="store_true", help="measure the database of the last run again"
    )
    parser.add_argument("--no-pdf", action="store_true", help="skip indexing the 100-page PDF")
    parser.add_argument("--database-url", default=os.environ.get("BENCH_DATABASE_URL", DEFAULT_URL))
    args = parser.parse_args()
    rng = random.Random(args.seed)
    if not args.reuse:
        ensure_database(args.database_url)
    import tempfile

    with tempfile.TemporaryDirectory(prefix="documents-bench-") as media:
        setup_django(args.database_url, Path(media), fresh=not args.reuse)
        loaded = {"load_s": 0.0, "words": 0.0} if args.reuse else load(args.documents, rng)
        from aftersales.documents.models import Document

        total = Document.objects.count()
        log(f"measuring {args.samples} searches filtered by vehicle ({args.warmup} warm-up)")
        results = measure(args.samples, args.warmup, rng)
        indexed = {"index_s": 0.0, "pages": 0.0, "found": 0.0} if args.no_pdf else bench_index()
    print()
    print(
        f"documents: {total:,} ({loaded['words']:.0f} words on average), load {loaded['load_s']:.0f} s"
    )
    print(f"hits per search (all kinds): median {percentile(results['hits'], 50):.0f}, "
          f"p95 {percentile(results['hits'], 95):.0f}")  # fmt: skip
    print(f"{'':34} {'p50 ms':>8} {'p95 ms':>8} {'mean ms':>8}")
    for key, label in (("selector", "document_search(query, vehicle)"),
                       ("page", "GET /information-research/?search&vin")):  # fmt: skip
        values = results[key]
        print(f"{label:34} {percentile(values, 50):8.1f} {percentile(values, 95):8.1f} "
              f"{sum(values) / len(values):8.1f}")  # fmt: skip
    print(f"CPU per search (selector + page, mean): Python {results['cpu_python'][0]:.1f} ms, "
          f"database {results['cpu_database'][0]:.1f} ms; load average {os.getloadavg()[0]:.1f}")  # fmt: skip
    if not args.no_pdf:
        print(f"indexing a {indexed['pages']:.0f}-page PDF (the task): {indexed['index_s']:.2f} s, "
              f"searchable afterwards: {'yes' if indexed['found'] else 'NO'}")  # fmt: skip
    indexing_met = args.no_pdf or (indexed["index_s"] < 60 and indexed["found"])
    met = percentile(results["page"], 95) < 100 and indexing_met
    print(
        f"targets (search p95 < 100 ms, 100-page PDF indexed in seconds): {'met' if met else 'NOT met'}"
    )
    return 0 if met else 1


if __name__ == "__main__":
    sys.exit(main())
