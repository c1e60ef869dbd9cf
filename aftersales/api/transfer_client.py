"""The reference client of the diagnosis tool's part: transfer service entries to the vehicle.

It fetches the entries of a vehicle that are not yet transferred, prints what it would write
into the car, and confirms each transfer (time and tool identification) through the API.
Pure standard library (urllib), so that it runs on any workshop PC with Python 3.11:

    bin/aftersales-transfer --url http://127.0.0.1:8000 --licence eyJ… --vin WBAUV71070A193748 \
        [--version 4.41.10] [--dry-run]

A transfer is confirmed from an open tool session working on the vehicle: with `--licence` (the
licence Start issued on Diagnosis's page) the client starts that session itself and ends it
when done; `--token` (or AFTERSALES_TOKEN) may instead be the token of a session already open
on the vehicle (bin/aftersales-tool's). Exit codes: 0 done,
1 the API refused (the problem's code and detail are printed), 2 wrong arguments.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Callable
from datetime import datetime, timezone
from typing import Any, TextIO

DEFAULT_TOOL_ID = "aftersales-transfer/1.0"
# (method, url, headers, body) -> (status, headers, body)
Transport = Callable[[str, str, dict[str, str], bytes | None], tuple[int, dict[str, str], bytes]]


class ApiError(Exception):
    def __init__(self, status: int, problem: dict[str, Any]) -> None:
        self.status = status
        self.problem = problem
        super().__init__(f"{status} {problem.get('code', '')} {problem.get('detail', '')}".strip())


def urllib_transport(
    method: str, url: str, headers: dict[str, str], body: bytes | None
) -> tuple[int, dict[str, str], bytes]:
    request = urllib.request.Request(url, data=body, headers=headers, method=method)
    try:
        with urllib.request.urlopen(request, timeout=30) as response:  # noqa: S310 (user's URL)
            return response.status, dict(response.headers.items()), response.read()
    except urllib.error.HTTPError as error:
        return error.code, dict(error.headers.items()), error.read()


class TransferClient:
    def __init__(self, base_url: str, token: str, *, transport: Transport = urllib_transport):
        self.base_url = base_url.rstrip("/")
        self.token = token
        self.transport = transport

    def request(self, method: str, path: str, body: Any = None) -> Any:
        headers = {"Authorization": f"Bearer {self.token}", "Accept": "application/json"}
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

    def vehicle(self, vin: str) -> dict[str, Any]:
        return self.request("GET", f"/api/v1/vehicles/{urllib.parse.quote(vin)}")

    def pending(self, vin: str) -> list[dict[str, Any]]:
        return self.request("GET", f"/api/v1/vehicles/{urllib.parse.quote(vin)}/pending-transfers")

    def confirm(self, entry_id: int, *, tool_id: str, transferred_at: datetime) -> dict[str, Any]:
        return self.request(
            "POST",
            f"/api/v1/service-entries/{entry_id}/transfer",
            {"transferred_at": transferred_at.isoformat(), "tool_id": tool_id},
        )

    def session_start(self, licence: str, *, version: str, vin: str) -> dict[str, Any]:
        """Starts a tool session on the vehicle; its token is used from then on."""
        body = {"licence": licence, "tool_version": version, "vin": vin}
        session = self.request("POST", "/api/v1/tool-sessions", body)
        self.token = session["token"]
        return session

    def session_end(self, session_id: int, result: str) -> None:
        self.request("POST", f"/api/v1/tool-sessions/{session_id}/end", {"result": result})


def describe(entry: dict[str, Any]) -> list[str]:
    """What the tool writes into the vehicle for one entry."""
    workshop = entry["workshop"]
    lines = [
        f"  {entry['number']}  {entry['maintenance_date']}  {entry['mileage_km']:,} km  "
        f"{workshop['name']}, {workshop['city']}"
    ]
    lines += [f"    - {position['name']} ({position['code']})" for position in entry["positions"]]
    if entry.get("comment"):
        lines.append(f"    Comment: {entry['comment']}")
    return lines


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="aftersales-transfer",
        description="Transfer the pending service history entries of a vehicle into the "
        "vehicle (the diagnosis tool's part) and confirm them to Aftersales.",
    )
    parser.add_argument("--url", required=True, help="Base URL of the portal.")
    parser.add_argument(
        "--token",
        default=os.environ.get("AFTERSALES_TOKEN"),
        help="API token with the write scope (or $AFTERSALES_TOKEN).",
    )
    parser.add_argument(
        "--licence",
        default=os.environ.get("AFTERSALES_LICENCE"),
        help="The licence of Diagnosis's Start (or $AFTERSALES_LICENCE): the client starts "
        "a tool session on the vehicle with it.",
    )
    parser.add_argument("--version", default="", help="The tool's version (the licence's).")
    parser.add_argument("--vin", required=True, help="VIN (17 characters) or its last 7.")
    parser.add_argument(
        "--tool-id",
        default=DEFAULT_TOOL_ID,
        help="Ignored: the tool session names the tool (kept for older scripts).",
    )
    parser.add_argument(
        "--dry-run", action="store_true", help="Only print what would be written; confirm nothing."
    )
    return parser


def run(
    argv: list[str],
    *,
    transport: Transport = urllib_transport,
    out: TextIO | None = None,
    err: TextIO | None = None,
    now: Callable[[], datetime] = lambda: datetime.now(timezone.utc),  # noqa: UP017
) -> int:
    out = out or sys.stdout
    err = err or sys.stderr
    parser = build_parser()
    try:
        args = parser.parse_args(argv)
    except SystemExit as exit_:
        return int(exit_.code or 0) and 2
    if not args.token and not args.licence:
        print(
            "aftersales-transfer: a licence (--licence) or a tool session's token (--token) "
            "is needed.",
            file=err,
        )
        return 2
    client = TransferClient(args.url, args.token or "", transport=transport)
    session: dict[str, Any] = {}
    try:
        if args.licence:
            session = client.session_start(args.licence, version=args.version, vin=args.vin)
        code = _transfer(client, args, out, err, now)
        if session:
            client.session_end(session["id"], "completed" if code == 0 else "failed")
        return code
    except ApiError as error:
        problem = error.problem
        print(
            f"aftersales-transfer: {error.status} {problem.get('code', '')}: "
            f"{problem.get('detail', '')}",
            file=err,
        )
        if session:
            client.session_end(session["id"], "failed")
        return 1
    except (urllib.error.URLError, OSError) as error:
        print(f"aftersales-transfer: cannot reach {args.url}: {error}", file=err)
        return 1


def _transfer(
    client: TransferClient,
    args: argparse.Namespace,
    out: TextIO,
    err: TextIO,
    now: Callable[[], datetime],
) -> int:
    found = client.vehicle(args.vin)
    vehicle = found.get("vehicle")
    if vehicle is None:
        candidates = ", ".join(c["vin"] for c in found.get("candidates", []))
        print(f"Several vehicles end in {args.vin}: {candidates}. Use the full VIN.", file=err)
        return 1
    entries = client.pending(vehicle["vin"])
    print(
        f"Vehicle {vehicle['vin']}  {vehicle['model_designation']}  "
        f"{vehicle['series']} / {vehicle['engine_type']}",
        file=out,
    )
    if not entries:
        print("No entries to transfer: the vehicle is up to date.", file=out)
        return 0
    print(
        f"{len(entries)} entr{'y' if len(entries) == 1 else 'ies'} to write into the vehicle:",
        file=out,
    )
    for entry in entries:
        for line in describe(entry):
            print(line, file=out)
    if args.dry_run:
        print("Dry run: nothing written, nothing confirmed.", file=out)
        return 0
    for entry in entries:
        confirmed = client.confirm(entry["id"], tool_id=args.tool_id, transferred_at=now())
        print(
            f"Transferred {confirmed['number']} at {confirmed['transferred_at']} "
            f"({confirmed['transfer_tool_id']}).",
            file=out,
        )
    return 0


def main() -> None:
    sys.exit(run(sys.argv[1:]))


if __name__ == "__main__":
    main()
