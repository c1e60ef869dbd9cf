#!/usr/bin/env python3
"""A probe of the running portal, as an attacker and a clumsy user would try it.

Starts the portal as production runs it (`manage.py serve`: gunicorn, DEBUG=false, LOCAL_TRIAL
for plain http on 127.0.0.1) on a throw-away database (SQLite in var/probe/, or PostgreSQL with
--postgres), loads the demo data, verifies the demo's second (German) workshop and gives it the
tickets of the first, then, logged on as users of both organisations and as the operator (with
the demo's second factor), sends to everything it can discover:

- every page of the URL configuration (parameters filled with ids and VINs of either
  organisation, huge numbers and odd strings), every form found on those pages (each field in
  turn, then all fields at once) and the back office's add and change forms;
- every operation of the OpenAPI document (`/api/v1/openapi.json`) with its parameters and JSON
  bodies, field by field;

with letters in number fields, huge numbers (2^63, 1e30), extreme dates (0001-01-01,
9999-12-31), 100 kB strings, NUL and other control characters, HTML, SQL fragments, and the other
organisation's ids. It reports the requests tried, every answer 500 or above (with the server's
traceback from its log) and the pages of one organisation that a user of the other one could
read (200 where 404 is due), and exits 1 when there was any.

    .venv/bin/python bench/probe.py                 # SQLite
    .venv/bin/python bench/probe.py --postgres      # PostgreSQL (PROBE_DATABASE_URL)
    .venv/bin/python bench/probe.py --quick         # fewer values per field (a few minutes)

The machine's other work is left alone: the server listens on 127.0.0.1:PROBE_PORT (18765) and
the files live in var/probe/. Results: var/probe/<backend>-report.json and the summary printed.
"""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import random
import re
import secrets
import signal
import subprocess
import sys
import time
from collections import Counter, defaultdict
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path
from typing import Any
from urllib.parse import quote, urljoin, urlsplit

import requests

ROOT = Path(__file__).resolve().parent.parent
VAR = ROOT / "var" / "probe"
PYTHON = str(ROOT / ".venv" / "bin" / "python")
PASSWORD = "Aftersales-demo-2026"
ORG_A = "motorhj@mail.dk"  # Motorhjørnet ApS (the walkthrough's workshop)
ORG_A_USER = "mekaniker@mail.dk"
ORG_B = "anna@werkstatt-mueller.de"  # Werkstatt Müller GmbH, verified by the probe's set-up
OPERATOR = "operator@aftersales.local"

BIG = str(2**63)
TEXT_VALUES: dict[str, str] = {
    "letters": "abc",
    "int_2^63": BIG,
    "neg_2^63": "-" + BIG,
    "float_1e30": "1e30",
    "nan": "NaN",
    "date_min": "0001-01-01",
    "date_max": "9999-12-31",
    "datetime_max": "9999-12-31T23:59:59",
    "text_100kB": "A" * 100_000,
    "nul": "before\x00after",
    "control": "a\x01\x08\x1b[31m\x7fb",
    "crlf": "line1\r\nBcc: probe@example.com",
    "html": "<script>alert(1)</script><img src=x onerror=alert(1)>\"'",
    "sql": "' OR 1=1; DROP TABLE accounts_user; --",
    "unicode": "\u202e\ufeff\U0001f697 Ææ ß \udcff",
    "empty": "",
    "spaces": "   ",
    "negative": "-1",
    "zero": "0",
    "percent": "%00%s%n{0}",
}
QUICK_VALUES = ("letters", "int_2^63", "float_1e30", "date_max", "text_100kB", "nul", "html", "sql")
# JSON values besides the strings above.
JSON_VALUES: dict[str, Any] = {
    "json_int_2^63": 2**63,
    "json_float_1e30": 1e30,
    "json_neg": -1,
    "json_null": None,
    "json_list": [1, 2],
    "json_object": {"a": 1},
    "json_bool": True,
}
# Pages the probe must not call: they end its own sessions or tokens.
SKIP_PATH = re.compile(r"(logout|/revoke|tokens/\d+/|/two-factor/(remove|delete)|/security/)")
# URL parameters that are not ids: the probe fills them with the walkthrough's values and odd ones.
VIN = "WBAUV71070A193748"


@dataclass
class Finding:
    method: str
    url: str
    status: int
    what: str
    as_user: str


@dataclass
class Report:
    backend: str
    requests: int = 0
    statuses: Counter[int] = field(default_factory=Counter)
    errors: list[Finding] = field(default_factory=list)
    leaks: list[Finding] = field(default_factory=list)
    routes: set[str] = field(default_factory=set)
    tracebacks: list[str] = field(default_factory=list)


# --- the server --------------------------------------------------------------------------------


def environment(backend: str, port: int) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("DJANGO_", "DATABASE_"))}
    env.update(
        PROBE_BACKEND=backend,
        DEBUG="false",
        LOCAL_TRIAL="true",
        SECRET_KEY=secrets.token_urlsafe(50),
        ALLOWED_HOSTS="127.0.0.1,localhost",
        CSRF_TRUSTED_ORIGINS=f"http://127.0.0.1:{port}",
        SITE_URL=f"http://127.0.0.1:{port}",
        BIND=f"127.0.0.1:{port}",
        PORT=str(port),
        WEB_CONCURRENCY="3",
        WEB_TIMEOUT="120",
        SERVE_PID_FILE=str(VAR / f"{backend}-serve.pid"),
        STATIC_ROOT=str(VAR / "static"),
        MEDIA_ROOT=str(VAR / f"{backend}-media"),
        LOG_LEVEL="ERROR",
        LOG_FILE=str(VAR / f"{backend}-server.log"),
        # The probe sends thousands of requests from one token and one client on purpose.
        API_RATE_LIMIT="1000000/min",
        VERIFY_RATE_LIMIT="1000000/min",
        EMAIL_URL="",
    )
    if backend == "postgres":
        env["DATABASE_URL"] = os.environ.get(
            "PROBE_DATABASE_URL", "postgres://postgres@127.0.0.1:5432/aftersales_security_probe"
        )
    else:
        env["DATABASE_URL"] = f"sqlite:///{VAR / 'probe.sqlite3'}"
    return env


SETUP = r"""
import json
from django.utils import timezone
from aftersales.accounts.models import Organisation, User
from aftersales.api.services import token_create
from aftersales.billing.models import Ticket
from aftersales.billing.services import ticket_grant_free

operator = User.objects.get(email="operator@aftersales.local")
b = Organisation.objects.get(vat_number="DE136695976")
b.status = Organisation.Status.VERIFIED
b.save()
a = Organisation.objects.get(vat_number="DK13585628")
if not Ticket.objects.filter(organisation=b).exists():
    for ticket in Ticket.objects.filter(organisation=a):
        ticket_grant_free(operator=operator, organisation=b, product=ticket.product,
                          reason="probe", starts_at=timezone.now())
tokens = {}
for email in ("motorhj@mail.dk", "anna@werkstatt-mueller.de"):
    user = User.objects.get(email=email)
    _, secret = token_create(actor=user, name="probe", scope="write")
    tokens[email] = secret
print("PROBE-SETUP " + json.dumps(tokens))
"""


def manage(env: dict[str, str], *args: str, stdin: str | None = None) -> str:
    done = subprocess.run(
        [PYTHON, "manage.py", *args],
        cwd=ROOT,
        env=env,
        input=stdin,
        capture_output=True,
        text=True,
        check=False,
    )
    if done.returncode != 0:
        raise SystemExit(f"manage.py {' '.join(args)} failed:\n{done.stdout}\n{done.stderr}")
    return done.stdout


def prepare(backend: str, env: dict[str, str]) -> dict[str, str]:
    VAR.mkdir(parents=True, exist_ok=True)
    if backend == "postgres":
        url = env["DATABASE_URL"]
        name = urlsplit(url).path.lstrip("/")
        admin = url.rsplit("/", 1)[0] + "/postgres"
        subprocess.run(
            ["psql", admin, "-qc", f"DROP DATABASE IF EXISTS {name} WITH (FORCE)"], check=True
        )
        subprocess.run(["psql", admin, "-qc", f"CREATE DATABASE {name}"], check=True)
    else:
        (VAR / "probe.sqlite3").unlink(missing_ok=True)
    (VAR / f"{backend}-server.log").unlink(missing_ok=True)
    manage(env, "migrate", "-v", "0")
    manage(env, "createcachetable")
    manage(env, "load_demo_data")
    out = manage(env, "shell", "-c", SETUP)
    line = next(x for x in out.splitlines() if x.startswith("PROBE-SETUP "))
    return dict(json.loads(line.removeprefix("PROBE-SETUP ")))


def port_free(port: int) -> bool:
    import socket

    with socket.socket() as sock:
        return sock.connect_ex(("127.0.0.1", port)) != 0


def start(env: dict[str, str], port: int) -> subprocess.Popen[bytes]:
    if not port_free(port):
        raise SystemExit(f"port {port} is in use: choose another with --port or PROBE_PORT")
    log = (VAR / f"{env['PROBE_BACKEND']}-serve.out").open("wb")
    server = subprocess.Popen(
        [PYTHON, "manage.py", "serve"], cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT
    )
    for _ in range(240):
        with contextlib.suppress(requests.RequestException):
            if requests.get(f"http://127.0.0.1:{port}/health/", timeout=5).status_code < 500:
                return server
        if server.poll() is not None:
            raise SystemExit(f"the server ended: see {VAR}/{env['PROBE_BACKEND']}-serve.out")
        time.sleep(1)
    server.terminate()
    raise SystemExit("the server did not answer within 4 minutes")


# --- sessions ----------------------------------------------------------------------------------


class FormParser(HTMLParser):
    """Forms (action, method, fields with their values and choices) and links of a page."""

    def __init__(self) -> None:
        super().__init__()
        self.forms: list[dict[str, Any]] = []
        self.links: list[str] = []
        self._form: dict[str, Any] | None = None
        self._select: str | None = None
        self._textarea: str | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = {k: v or "" for k, v in attrs}
        if tag == "a" and a.get("href"):
            self.links.append(a["href"])
        elif tag == "form":
            self._form = {
                "action": a.get("action", ""),
                "method": a.get("method", "get").lower(),
                "fields": {},
                "types": {},
                "choices": defaultdict(list),
                "multipart": "multipart" in a.get("enctype", ""),
            }
            self.forms.append(self._form)
        elif self._form is not None and tag in ("input", "select", "textarea", "button"):
            name = a.get("name")
            if not name:
                return
            kind = a.get("type", "text").lower() if tag == "input" else tag
            if tag == "button" or kind in ("submit", "button", "image", "reset"):
                if kind == "submit" or tag == "button":
                    self._form["choices"][name].append(a.get("value", ""))
                    self._form["types"].setdefault(name, "submit")
                return
            self._form["types"][name] = kind
            if kind in ("checkbox", "radio"):
                if "checked" in a or kind == "radio" and name not in self._form["fields"]:
                    self._form["fields"][name] = a.get("value", "on")
                self._form["choices"][name].append(a.get("value", "on"))
            elif tag == "select":
                self._select = name
                self._form["fields"].setdefault(name, "")
            elif tag == "textarea":
                self._textarea = name
                self._form["fields"][name] = ""
            else:
                self._form["fields"][name] = a.get("value", "")
        elif tag == "option" and self._form is not None and self._select:
            value = a.get("value", "")
            self._form["choices"][self._select].append(value)
            if "selected" in a or not self._form["fields"].get(self._select):
                self._form["fields"][self._select] = value

    def handle_data(self, data: str) -> None:
        if self._form is not None and self._textarea:
            self._form["fields"][self._textarea] += data

    def handle_endtag(self, tag: str) -> None:
        if tag == "form":
            self._form = None
        elif tag == "select":
            self._select = None
        elif tag == "textarea":
            self._textarea = None


class Probe:
    def __init__(self, base: str, report: Report, values: dict[str, str], workers: int) -> None:
        self.base = base
        self.report = report
        self.values = values
        self.workers = workers
        self.sessions: dict[str, requests.Session] = {}
        self.tokens: dict[str, str] = {}
        self.seen: dict[str, set[str]] = defaultdict(set)  # user → paths answered 200
        self.ids: dict[str, dict[str, set[str]]] = defaultdict(lambda: defaultdict(set))

    # requests ---------------------------------------------------------------------------------

    def send(self, who: str, method: str, url: str, what: str, **kwargs: Any) -> int:
        session = self.sessions.get(who) or requests.Session()
        kwargs.setdefault("timeout", 150)
        kwargs.setdefault("allow_redirects", False)
        if who.startswith("token:"):
            headers = dict(kwargs.pop("headers", {}) or {})
            headers["Authorization"] = f"Bearer {self.tokens[who.removeprefix('token:')]}"
            kwargs["headers"] = headers
        if method != "GET" and not who.startswith("token:"):
            headers = dict(kwargs.pop("headers", {}) or {})
            headers["X-CSRFToken"] = session.cookies.get("csrftoken", "")
            headers["Referer"] = self.base + "/"
            kwargs["headers"] = headers
        full = url if url.startswith("http") else self.base + url
        try:
            response = session.request(method, full, **kwargs)
            status = response.status_code
        except requests.RequestException as error:
            status = 599
            what = f"{what} ({type(error).__name__})"
            response = None
        self.report.requests += 1
        self.report.statuses[status] += 1
        if status >= 500 and not (status == 503 and "/health" in url):
            self.report.errors.append(Finding(method, full[:300], status, what, who))
        if response is not None and status == 200 and method == "GET":
            self.seen[who].add(urlsplit(full).path)
            if "json" in response.headers.get("content-type", ""):
                with contextlib.suppress(ValueError):
                    self._harvest(who, response.json(), where=urlsplit(full).path)
        return status

    def _harvest(self, who: str, data: Any, key: str = "", where: str = "") -> None:
        """Remembers the ids and numbers an organisation's answers show (keys ending in id);
        the ids of a list's items also as "<the list's path>:id"."""
        if isinstance(data, dict):
            for k, v in data.items():
                self._harvest(who, v, k, where if k == "items" else "")
        elif isinstance(data, list):
            for item in data[:50]:
                self._harvest(who, item, key)
                if where and isinstance(item, dict) and isinstance(item.get("id"), int | str):
                    self.ids[who][f"{where}:id"].add(str(item["id"]))
        elif (
            key
            and (key == "id" or key.endswith(("_id", "number", "code", "vin")))
            and isinstance(data, int | str)
            and str(data)
        ):
            self.ids[who][key].add(str(data))

    def page(self, who: str, url: str) -> tuple[int, str]:
        session = self.sessions[who]
        try:
            response = session.get(self.base + url, timeout=150, allow_redirects=True)
        except requests.RequestException:
            return 599, ""
        self.report.requests += 1
        self.report.statuses[response.status_code] += 1
        if response.status_code >= 500:
            self.report.errors.append(Finding("GET", url, response.status_code, "page", who))
        if response.status_code == 200:
            self.seen[who].add(urlsplit(response.url).path)
        return response.status_code, response.text

    def many(self, jobs: list[tuple[Any, ...]]) -> None:
        print(f"  … {len(jobs)} requests to send", flush=True)
        started, before = time.time(), self.report.requests

        def one(job: tuple[Any, ...]) -> int:
            status = self.send(*job[:4], **(job[4] if len(job) > 4 else {}))
            if self.report.requests % 500 == 0:
                rate = (self.report.requests - before) / max(time.time() - started, 1)
                print(
                    f"  … {self.report.requests} sent ({rate:.0f}/s), "
                    f"{len(self.report.errors)} errors",
                    flush=True,
                )
            return status

        with ThreadPoolExecutor(self.workers) as pool:
            list(pool.map(one, jobs))

    # log-on -----------------------------------------------------------------------------------

    def login(self, who: str, env: dict[str, str]) -> None:
        session = requests.Session()
        self.sessions[who] = session
        session.get(self.base + "/accounts/login/", timeout=60)
        response = session.post(
            self.base + "/accounts/login/",
            data={
                "username": who,
                "password": PASSWORD,
                "csrfmiddlewaretoken": session.cookies.get("csrftoken", ""),
            },
            headers={"Referer": self.base + "/accounts/login/"},
            timeout=60,
        )
        if "two-factor" in response.url:
            code = manage(env, "demo_code").strip()
            response = session.post(
                response.url,
                data={
                    "method": "totp",
                    "code": code,
                    "csrfmiddlewaretoken": session.cookies.get("csrftoken", ""),
                },
                headers={"Referer": response.url},
                timeout=60,
            )
        if "/accounts/login/" in response.url or "two-factor" in response.url:
            raise SystemExit(f"could not log on as {who} ({response.url})")

    # discovery --------------------------------------------------------------------------------

    def crawl(self, who: str, starts: list[str], limit: int) -> dict[str, str]:
        """Follows the links of the site from `starts`; returns path → page text."""
        pages: dict[str, str] = {}
        queue = list(starts)
        while queue and len(pages) < limit:
            url = queue.pop(0)
            path = urlsplit(url).path
            if path in pages or SKIP_PATH.search(url) or not path.startswith("/"):
                continue
            if re.search(r"\.(pdf|csv|xlsx|zip|png|jpg|svg)$|/pdf/|/download|/export", path):
                pages[path] = ""
                self.send(who, "GET", url, "download")
                continue
            status, text = self.page(who, url)
            pages[path] = text if status == 200 else ""
            parser = FormParser()
            with contextlib.suppress(Exception):
                parser.feed(text)
            for link in parser.links:
                absolute = urljoin(self.base + path, link)
                if absolute.startswith(self.base):
                    queue.append(absolute.removeprefix(self.base))
        return pages

    def forms(self, who: str, pages: dict[str, str]) -> int:
        """Each field of each form in turn with every value, then all fields at once."""
        jobs: list[tuple[Any, ...]] = []
        done: set[tuple[str, str, tuple[str, ...]]] = set()
        for path, text in pages.items():
            parser = FormParser()
            with contextlib.suppress(Exception):
                parser.feed(text)
            for form in parser.forms:
                action = urljoin(self.base + path, form["action"] or path).removeprefix(self.base)
                if SKIP_PATH.search(action) or "login" in action:
                    continue
                method = "POST" if form["method"] == "post" else "GET"
                names = tuple(sorted(n for n in form["fields"] if n != "csrfmiddlewaretoken"))
                key = (method, re.sub(r"\d+", "N", action), names)
                if key in done:
                    continue
                done.add(key)
                self.report.routes.add(f"{method} {re.sub(r'/[0-9]+/', '/N/', action)}")
                base = dict(form["fields"])
                for name, choices in form["choices"].items():
                    if form["types"].get(name) == "submit" and choices:
                        base.setdefault(name, choices[0])
                for name in names:
                    if form["types"].get(name) in ("hidden", "file"):
                        continue
                    for label, value in self.values.items():
                        data = {**base, name: value}
                        jobs.append(self._form_job(who, method, action, data, f"{name}={label}"))
                for label, value in self.values.items():
                    data = {**base, **dict.fromkeys(names, value)}
                    if "csrfmiddlewaretoken" in base:
                        data["csrfmiddlewaretoken"] = base["csrfmiddlewaretoken"]
                    jobs.append(self._form_job(who, method, action, data, f"all={label}"))
        self.many(jobs)
        return len(jobs)

    def _form_job(
        self, who: str, method: str, action: str, data: dict[str, str], what: str
    ) -> tuple[Any, ...]:
        if method == "GET":
            return (who, "GET", action, what, {"params": data})
        return (who, "POST", action, what, {"data": data})

    def url_patterns(self, env: dict[str, str]) -> list[str]:
        script = (
            "from django.urls import get_resolver\n"
            "def walk(patterns, prefix=''):\n"
            "    for p in patterns:\n"
            "        if hasattr(p, 'url_patterns'):\n"
            "            yield from walk(p.url_patterns, prefix + str(p.pattern))\n"
            "        else:\n"
            "            yield prefix + str(p.pattern)\n"
            "for route in walk(get_resolver().url_patterns):\n"
            "    print('ROUTE ' + route)\n"
        )
        out = manage(env, "shell", "-c", script)
        return [x.removeprefix("ROUTE ") for x in out.splitlines() if x.startswith("ROUTE ")]

    def routes(
        self, routes: list[str], own: dict[str, set[str]], others: dict[str, set[str]]
    ) -> None:
        """Every route of the URL configuration with its parameters filled: ids of both
        organisations, VINs, huge numbers, odd strings."""
        jobs: list[tuple[Any, ...]] = []
        for route in routes:
            if route.startswith("^") or "(?P" in route or SKIP_PATH.search(route):
                continue
            if route.startswith(("api/", "static/", "media/")):
                continue
            params = re.findall(r"<(?:(\w+):)?(\w+)>", route)
            self.report.routes.add("GET /" + route)
            for variant, what in self._fill(route, params):
                # The odd values as the workshop and the operator; every value as the other
                # workshop (ids and VINs of the first one's data).
                jobs.append((ORG_B, "GET", "/" + variant, what))
                if not params or what.endswith("odd"):
                    jobs.append((ORG_A, "GET", "/" + variant, what))
                    jobs.append((ORG_A, "POST", "/" + variant, what, {"data": {"x": "1"}}))
                    jobs.append((OPERATOR, "GET", "/" + variant, what))
        self.many(jobs)

    def _fill(self, route: str, params: list[tuple[str, str]]) -> list[tuple[str, str]]:
        if not params:
            return [(route, "plain")]
        candidates: list[tuple[str, str]] = []
        # (number, string, odd?): the first ones are real ids and the walkthrough's VIN.
        values = [
            ("1", VIN, False),
            ("2", "A193748", False),
            ("3", "1", False),
            (BIG, "%00", True),
            ("9" * 30, "abc%0d%0a", True),
            ("0", "%3Cscript%3E'%20OR%201=1--", True),
            ("4", "A" * 2000, True),
        ]
        for number, string, odd in values:
            path = route
            labels = []
            for converter, name in params:
                if converter == "int":
                    value = number
                elif converter == "uuid":
                    value = "00000000-0000-0000-0000-000000000000"
                else:
                    value = string
                path = re.sub(r"<(?:\w+:)?" + name + ">", value, path, count=1)
                labels.append(f"{name}={value[:20]}")
            candidates.append((path, ",".join(labels) + (" odd" if odd else "")))
        return list(dict.fromkeys(candidates))

    # API --------------------------------------------------------------------------------------

    def api(self, owners: tuple[str, str]) -> None:
        schema = requests.get(self.base + "/api/v1/openapi.json", timeout=60).json()
        self.report.requests += 1
        components = schema.get("components", {}).get("schemas", {})
        a, b = owners
        # First what each organisation may read (to learn its ids), then everything.
        for who in (a, b):
            for path, operations in schema["paths"].items():
                if "get" in operations and "{" not in path:
                    self.send(f"token:{who}", "GET", path, "list")
        for who in (a, b):
            for path, operations in schema["paths"].items():
                if "get" in operations and "{" in path:
                    filled = self._api_path(path, who, own=True)
                    self.send(f"token:{who}", "GET", filled, "own ids")
        jobs: list[tuple[Any, ...]] = []
        for path, operations in schema["paths"].items():
            for method, operation in operations.items():
                if method not in ("get", "post", "put", "patch", "delete"):
                    continue
                if SKIP_PATH.search(path):
                    continue
                self.report.routes.add(f"{method.upper()} {path}")
                jobs += self._api_jobs(path, method.upper(), operation, components, a, b)
        self.many(jobs)
        # Another organisation's ids: b asks for what a's answers named, and the other way.
        leaks: list[tuple[str, str]] = []
        for who, other in ((b, a), (a, b)):
            for path, operations in schema["paths"].items():
                if "get" not in operations or "{" not in path:
                    continue
                filled = self._api_path(path, other, own=True, not_seen_by=who)
                if filled is None or filled == path:
                    continue
                status = self.send(f"token:{who}", "GET", filled, "other organisation's id")
                if status == 200:
                    leaks.append((who, filled))
        for who, url in leaks:
            self.report.leaks.append(Finding("GET", url, 200, "API: another's id", who))

    def _api_path(self, path: str, who: str, own: bool, not_seen_by: str | None = None) -> str:
        """The path with ids that `who`'s answers named; with `not_seen_by`, only ids that
        user's own answers never named (shared data such as vehicles and documents is not
        another organisation's), else the path unchanged."""

        def value(match: re.Match[str]) -> str:
            name = match.group(1)
            seen = self.ids[f"token:{who}"]
            other = self.ids[f"token:{not_seen_by}"] if not_seen_by else {}
            listing = match.string[: match.start()].rstrip("/") + ":id"
            for key in (listing, name, name.removesuffix("_id") + "_id"):
                candidates = sorted(seen.get(key, set()) - other.get(key, set()))
                if candidates:
                    return quote(candidates[0], safe="")
            if not_seen_by:
                return match.group(0)
            return VIN if "vin" in name else "1"

        filled = re.sub(r"\{(\w+)\}", value, path)
        return path if "{" in filled else filled

    def _api_jobs(
        self,
        path: str,
        method: str,
        operation: dict[str, Any],
        components: dict[str, Any],
        a: str,
        b: str,
    ) -> list[tuple[Any, ...]]:
        jobs: list[tuple[Any, ...]] = []
        who = f"token:{a}"
        url = self._api_path(path, a, own=True)
        params = [p for p in operation.get("parameters", []) if p.get("in") == "query"]
        path_params = [p for p in operation.get("parameters", []) if p.get("in") == "path"]
        body_schema = (
            operation.get("requestBody", {})
            .get("content", {})
            .get("application/json", {})
            .get("schema")
        )
        body = self._example(body_schema, components) if body_schema else None
        base_query = {p["name"]: self._scalar(p.get("schema", {})) for p in params}
        values: dict[str, Any] = {**self.values, **JSON_VALUES}
        for p in path_params:
            for label, value in self.values.items():
                if not value.strip():
                    continue
                filled = path.replace("{" + p["name"] + "}", quote(value[:3000], safe=""))
                filled = self._api_path(filled, a, own=True)
                jobs.append((who, method, filled, f"path {p['name']}={label}", self._body(body)))
        for p in params:
            for label, value in self.values.items():
                query = {**base_query, p["name"]: value}
                jobs.append(
                    (
                        who,
                        method,
                        url,
                        f"query {p['name']}={label}",
                        {**self._body(body), "params": query},
                    )
                )
        if isinstance(body, dict):
            for key in list(body):
                for label, value in values.items():
                    jobs.append(
                        (who, method, url, f"body {key}={label}", {"json": {**body, key: value}})
                    )
            for label in ("nul", "text_100kB", "int_2^63"):
                if label in values:
                    jobs.append(
                        (
                            who,
                            method,
                            url,
                            f"body all={label}",
                            {"json": dict.fromkeys(body, values[label])},
                        )
                    )
        if body_schema is not None:
            jobs.append(
                (
                    who,
                    method,
                    url,
                    "body not JSON",
                    {"data": "{not json", "headers": {"Content-Type": "application/json"}},
                )
            )
            jobs.append((who, method, url, "body a list", {"json": [1, 2, 3]}))
            jobs.append(
                (
                    who,
                    method,
                    url,
                    "body deep",
                    {
                        "data": "[" * 5000 + "]" * 5000,
                        "headers": {"Content-Type": "application/json"},
                    },
                )
            )
        jobs.append((who, method, url, "plain", {**self._body(body), "params": base_query}))
        jobs.append(
            (
                f"token:{b}",
                method,
                url,
                "other organisation",
                {**self._body(body), "params": base_query},
            )
        )
        return jobs

    @staticmethod
    def _body(body: Any) -> dict[str, Any]:
        return {"json": body} if body is not None else {}

    def _example(self, schema: dict[str, Any], components: dict[str, Any], depth: int = 0) -> Any:
        if depth > 6:
            return None
        if "$ref" in schema:
            return self._example(
                components.get(schema["$ref"].split("/")[-1], {}), components, depth + 1
            )
        for key in ("anyOf", "oneOf", "allOf"):
            if key in schema:
                options = [s for s in schema[key] if s.get("type") != "null"]
                if options:
                    return self._example(options[0], components, depth + 1)
        if schema.get("type") == "object" or "properties" in schema:
            return {
                name: self._example(sub, components, depth + 1)
                for name, sub in schema.get("properties", {}).items()
            }
        if schema.get("type") == "array":
            return [self._example(schema.get("items", {}), components, depth + 1)]
        return self._scalar(schema)

    @staticmethod
    def _scalar(schema: dict[str, Any]) -> Any:
        if "default" in schema and schema["default"] is not None:
            return schema["default"]
        if schema.get("enum"):
            return schema["enum"][0]
        kind = schema.get("type")
        form = schema.get("format", "")
        if kind == "integer":
            return 1
        if kind == "number":
            return 1.5
        if kind == "boolean":
            return False
        if form == "date":
            return "2026-01-15"
        if form == "date-time":
            return "2026-01-15T10:00:00Z"
        if "vin" in str(schema.get("title", "")).lower():
            return VIN
        return "probe"

    # isolation --------------------------------------------------------------------------------

    def isolation(self, pages: dict[str, dict[str, str]]) -> None:
        """Pages with an id or a VIN that one organisation's user read: the other one's user must
        not read them."""
        for owner, other in ((ORG_A, ORG_B), (ORG_B, ORG_A)):
            for path in pages[owner]:
                if not re.search(r"/\d+/|/[A-HJ-NPR-Z0-9]{17}/", path):
                    continue
                if path in pages[other] or SKIP_PATH.search(path):
                    continue
                status = self.send(other, "GET", path, "other organisation's page")
                if status == 200:
                    self.report.leaks.append(Finding("GET", path, 200, "page of " + owner, other))


def tracebacks(backend: str) -> list[str]:
    log = VAR / f"{backend}-server.log"
    if not log.exists():
        return []
    text = log.read_text(errors="replace")
    found = re.findall(
        r"Traceback \(most recent call last\):.*?\n(\w[\w.]*(?:Error|Exception)[^\n]*)", text, re.S
    )
    return sorted(Counter(found).elements())


def run(backend: str, args: argparse.Namespace) -> Report:
    port = args.port
    env = environment(backend, port)
    started = time.time()
    print(f"[{backend}] preparing the database and the demo data …", flush=True)
    tokens = prepare(backend, env)
    print(f"[{backend}] starting the server (DEBUG=false, gunicorn) …", flush=True)
    server = start(env, port)
    report = Report(backend)
    values = {k: v for k, v in TEXT_VALUES.items() if not args.quick or k in QUICK_VALUES}
    probe = Probe(f"http://127.0.0.1:{port}", report, values, args.workers)
    probe.tokens = tokens
    phases = set(args.phases.split(","))
    try:
        for who in (OPERATOR, ORG_A, ORG_A_USER, ORG_B):
            probe.login(who, env)
        starts = ["/overview/", "/accounts/my-data/", "/accounts/my-organisation/", "/catalogue/"]
        crawled: dict[str, dict[str, str]] = {}
        for who in (ORG_A, ORG_B):
            crawled[who] = probe.crawl(
                who, starts + [f"/service-history/vehicle/{VIN}/"], args.pages
            )
            print(f"[{backend}] {who}: {len(crawled[who])} pages", flush=True)
        crawled[OPERATOR] = probe.crawl(OPERATOR, ["/back-office/"], args.pages * 2)
        print(f"[{backend}] operator: {len(crawled[OPERATOR])} pages", flush=True)
        if "isolation" in phases:
            probe.isolation(crawled)
            print(f"[{backend}] isolation done; {report.requests} requests", flush=True)
        if "routes" in phases:
            probe.routes(probe.url_patterns(env), {}, {})
            print(f"[{backend}] URL configuration done; {report.requests} requests", flush=True)
        if "api" in phases:
            probe.api((ORG_A, ORG_B))
            print(f"[{backend}] API done; {report.requests} requests", flush=True)
        for who in (ORG_A, ORG_B, OPERATOR) if "forms" in phases else ():
            count = probe.forms(who, crawled[who])
            print(
                f"[{backend}] forms of {who}: {count} requests; {report.requests} in all",
                flush=True,
            )
    except Exception as error:  # the report so far is still worth having
        print(f"[{backend}] the probe stopped: {error!r}", flush=True)
        report.errors.append(Finding("-", "-", 0, f"probe stopped: {error!r}", "-"))
    finally:
        server.send_signal(signal.SIGTERM)
        with contextlib.suppress(subprocess.TimeoutExpired):
            server.wait(60)
    report.tracebacks = tracebacks(backend)
    minutes = (time.time() - started) / 60
    print(f"[{backend}] {report.requests} requests in {minutes:.1f} min", flush=True)
    return report


def summary(report: Report) -> dict[str, Any]:
    errors = Counter(
        f"{e.status} {e.method} {re.sub(r'/[0-9]+/', '/N/', urlsplit(e.url).path)[:120]}"
        for e in report.errors
    )
    return {
        "backend": report.backend,
        "requests": report.requests,
        "routes": len(report.routes),
        "statuses": dict(sorted(report.statuses.items())),
        "errors": len(report.errors),
        "errors_by_route": errors.most_common(),
        "error_examples": [vars(e) for e in report.errors[:200]],
        "leaks": [vars(e) for e in report.leaks],
        "tracebacks": Counter(report.tracebacks).most_common(),
    }


def main() -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--postgres", action="store_true", help="PostgreSQL (PROBE_DATABASE_URL)")
    parser.add_argument("--both", action="store_true", help="SQLite, then PostgreSQL")
    parser.add_argument("--quick", action="store_true", help="fewer values per field")
    parser.add_argument("--pages", type=int, default=150, help="pages crawled per user")
    parser.add_argument("--workers", type=int, default=4, help="parallel requests")
    parser.add_argument("--port", type=int, default=int(os.environ.get("PROBE_PORT", "18765")))
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument(
        "--phases",
        default="isolation,routes,api,forms",
        help="which parts to run, comma-separated (default: all)",
    )
    args = parser.parse_args()
    random.seed(args.seed)
    backends = ["sqlite", "postgres"] if args.both else ["postgres" if args.postgres else "sqlite"]
    failed = False
    for backend in backends:
        data = summary(run(backend, args))
        (VAR / f"{backend}-report.json").write_text(json.dumps(data, indent=1, default=str))
        print(
            json.dumps(
                {k: data[k] for k in ("backend", "requests", "routes", "statuses", "errors")}
            )
        )
        for line, count in data["errors_by_route"][:60]:
            print(f"  {count:5d}× {line}")
        for name, count in data["tracebacks"][:40]:
            print(f"  traceback {count:4d}× {name}")
        for leak in data["leaks"]:
            print(f"  readable by the other organisation: {leak['as_user']} {leak['url']}")
        failed = failed or bool(data["errors"]) or bool(data["leaks"])
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
