#!/usr/bin/env python3
"""aftersales-tool: the reference client of the workshop's desktop tool (Diagnosis, Programming).

It plays the tool against the portal's API: starts a session with the licence that Start
issued, names the vehicle, sends heartbeats, uploads what it read (a fault memory report, a
battery reading: JSON files in the API's format, each where the portal has that application),
optionally confirms the transfer of pending service entries, and ends the session. Standard
library only (urllib), so that it runs on any workshop PC with Python 3.11:

    bin/aftersales-tool --url http://127.0.0.1:8000 --licence eyJ… --version 4.41.10 \
        --vin WBAUV71070A193748 [--fault-report report.json] [--battery-reading reading.json] \
        [--transfer] [--heartbeats 3 --interval 60]

The licence may also come from the environment variable AFTERSALES_LICENCE. Exit codes: 0 done,
1 the API refused (the problem's code and detail are printed), 2 wrong arguments, 3 the portal
ended the session (e.g. the ticket expired; its message is printed).
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import time
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path
from typing import Any, TextIO

# (method, url, headers, body) -> (status, headers, body)
Transport = Callable[[str, str, dict[str, str], bytes | None], tuple[int, dict[str, str], bytes]]


class ApiError(Exception):
    def __init__(self, status: int, problem: dict[str, Any]) -> None:
        self.status = status
        self.problem = problem
        super().__init__(f"{status} {problem.get('code', '')} {problem.get('detail', '')}".strip())


class SessionEnded(Exception):
    """The portal ended the session (the heartbeat's answer says why)."""


def urllib_transport(
    method: str, url: str, headers: dict[str, str], body: bytes | None
) -> tuple[int, dict[str, str], bytes]:
    request = urllib.request.Request(url, data=body, headers=headers, method=method)
    try:
        with urllib.request.urlopen(request, timeout=30) as response:  # noqa: S310 (user's URL)
            return response.status, dict(response.headers.items()), response.read()
    except urllib.error.HTTPError as error:
        return error.code, dict(error.headers.items()), error.read()


class ToolClient:
    def __init__(self, base_url: str, *, transport: Transport = urllib_transport) -> None:
        self.base_url = base_url.rstrip("/")
        self.transport = transport
        self.token = ""
        self.session: dict[str, Any] = {}

    def request(self, method: str, path: str, body: Any = None) -> Any:
        headers = {"Accept": "application/json"}
        if self.token:
            headers["Authorization"] = f"Bearer {self.token}"
        data = None
        if body is not None:
            data = json.dumps(body).encode()
            headers["Content-Type"] = "application/json"
        status, _headers, content = self.transport(method, self.base_url + path, headers, data)
        try:
            payload = json.loads(content.decode() or "null")
        except ValueError:
            payload = {"detail": content[:200].decode(errors="replace")}
        if status >= 400:
            raise ApiError(status, payload if isinstance(payload, dict) else {"detail": payload})
        return payload

    @property
    def session_path(self) -> str:
        return f"/api/v1/tool-sessions/{self.session['id']}"

    def start(self, licence: str, *, version: str = "", vin: str = "") -> dict[str, Any]:
        body = {"licence": licence, "tool_version": version, "vin": vin}
        self.session = self.request("POST", "/api/v1/tool-sessions", body)
        self.token = self.session["token"]
        return self.session

    def heartbeat(self) -> dict[str, Any]:
        answer = self.request("POST", f"{self.session_path}/heartbeat", {})
        if answer["state"] != "open":
            raise SessionEnded(f"{answer.get('code', '')} {answer.get('message', '')}".strip())
        return answer

    def vehicle(self, vin: str) -> dict[str, Any]:
        return self.request("POST", f"{self.session_path}/vehicle", {"vin": vin})

    def end(self, result: str, note: str = "") -> dict[str, Any]:
        return self.request("POST", f"{self.session_path}/end", {"result": result, "note": note})

    def upload(self, path: str, body: dict[str, Any]) -> dict[str, Any]:
        return self.request("POST", path, body)

    def pending_transfers(self, vin: str) -> list[dict[str, Any]]:
        quoted = urllib.parse.quote(vin)
        return self.request("GET", f"/api/v1/vehicles/{quoted}/pending-transfers")

    def confirm_transfer(self, entry_id: int) -> dict[str, Any]:
        body = {"transferred_at": datetime.now(UTC).isoformat()}
        return self.request("POST", f"/api/v1/service-entries/{entry_id}/transfer", body)


def _read_json(path: str) -> dict[str, Any]:
    return json.loads(Path(path).read_text(encoding="utf-8"))


def run(args: argparse.Namespace, client: ToolClient, out: TextIO) -> int:
    session = client.start(args.licence, version=args.version, vin=args.vin)
    out.write(
        f"Session {session['id']} started: {session['tool']} {session['tool_version']} "
        f"for {session['user']}\n"
    )
    result, note = "completed", ""
    try:
        for beat in range(args.heartbeats):
            if beat:
                time.sleep(args.interval)
            client.heartbeat()
            out.write("Heartbeat: session open\n")
        vin = args.vin
        quoted = urllib.parse.quote(vin)
        if args.fault_report:
            report = client.upload(
                f"/api/v1/vehicles/{quoted}/fault-reports", _read_json(args.fault_report)
            )
            out.write(f"Fault memory report {report['id']} stored\n")
        if args.battery_reading:
            reading = client.upload(
                f"/api/v1/vehicles/{quoted}/battery-readings", _read_json(args.battery_reading)
            )
            out.write(f"Battery reading {reading['id']} stored\n")
        if args.transfer:
            for entry in client.pending_transfers(vin):
                client.confirm_transfer(entry["id"])
                out.write(f"Entry {entry['number']} transferred to the vehicle\n")
        client.heartbeat()
    except SessionEnded as ended:
        out.write(f"The portal ended the session: {ended}\n")
        return 3
    except ApiError as error:
        result, note = "failed", str(error)[:300]
        client.end(result, note)
        raise
    client.end(result, note)
    out.write(f"Session {session['id']} ended: {result}\n")
    return 0


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="aftersales-tool",
        description="Play the workshop's desktop tool: start a session with a licence, send "
        "heartbeats, upload what it read, end the session.",
    )
    parser.add_argument("--url", required=True, help="The portal, e.g. http://127.0.0.1:8000")
    parser.add_argument(
        "--licence",
        default=os.environ.get("AFTERSALES_LICENCE", ""),
        help="The licence that Start issued (or AFTERSALES_LICENCE).",
    )
    parser.add_argument("--version", default="", help="The tool's version (the licence's).")
    parser.add_argument("--vin", default="", help="The vehicle connected.")
    parser.add_argument("--fault-report", help="A fault memory report (JSON) to upload.")
    parser.add_argument("--battery-reading", help="A battery reading (JSON) to upload.")
    parser.add_argument(
        "--transfer", action="store_true", help="Confirm the transfer of pending entries."
    )
    parser.add_argument("--heartbeats", type=int, default=1, help="Heartbeats to send (1).")
    parser.add_argument("--interval", type=float, default=60.0, help="Seconds between them.")
    return parser


def main(
    argv: list[str] | None = None,
    *,
    transport: Transport = urllib_transport,
    out: TextIO = sys.stdout,
) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    if not args.licence:
        parser.print_usage(sys.stderr)
        sys.stderr.write("aftersales-tool: a licence is needed (--licence or AFTERSALES_LICENCE)\n")
        return 2
    if (args.fault_report or args.battery_reading or args.transfer) and not args.vin:
        sys.stderr.write("aftersales-tool: --vin is needed to upload or transfer\n")
        return 2
    try:
        return run(args, ToolClient(args.url, transport=transport), out)
    except ApiError as error:
        out.write(f"Refused: {error}\n")
        return 1


if __name__ == "__main__":
    sys.exit(main())
