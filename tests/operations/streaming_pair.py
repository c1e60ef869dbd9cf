"""A throwaway PostgreSQL primary and its streaming replica on loopback, for the replica tests.

The primary is a fresh cluster on a free port (initdb, fsync off); the replica is a
`pg_basebackup -R` of it on another port, in hot standby. Both run as the `postgres` user when
the tests run as root (initdb refuses root) and are stopped and deleted afterwards.
"""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

import psycopg

BINDIR = Path(os.environ.get("PG_BINDIR", "/usr/lib/postgresql/15/bin"))
DATABASE = "aftersales_streaming"


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def _as_postgres(args: list[str], **kwargs: object) -> subprocess.CompletedProcess[bytes]:
    command = ["runuser", "-u", "postgres", "--", *args] if os.getuid() == 0 else args
    return subprocess.run(command, check=True, capture_output=True, timeout=120, **kwargs)  # type: ignore[call-overload, no-any-return]


@dataclass
class StreamingPair:
    root: Path
    primary_port: int
    replica_port: int

    def url(self, port: int) -> str:
        return f"postgresql://postgres@127.0.0.1:{port}/{DATABASE}"

    def connect(self, port: int) -> psycopg.Connection:
        return psycopg.connect(self.url(port), autocommit=True)

    def pause_replay(self) -> None:
        """The replica stops applying the primary's changes (its view stays as it is)."""
        self.caught_up()
        with self.connect(self.replica_port) as replica:
            replica.execute("SELECT pg_wal_replay_pause()")

    def resume_replay(self) -> None:
        with self.connect(self.replica_port) as replica:
            replica.execute("SELECT pg_wal_replay_resume()")

    def caught_up(self, timeout: float = 30) -> None:
        """Waits until the replica has applied everything the primary has written so far."""
        with self.connect(self.primary_port) as primary:
            (target,) = primary.execute("SELECT pg_current_wal_lsn()").fetchone()  # type: ignore[misc]
        deadline = time.monotonic() + timeout
        with self.connect(self.replica_port) as replica:
            while True:
                (done,) = replica.execute(  # type: ignore[misc]
                    "SELECT pg_last_wal_replay_lsn() >= %s::pg_lsn", [target]
                ).fetchone()
                if done:
                    return
                if time.monotonic() > deadline:
                    raise TimeoutError("the replica did not catch up")
                time.sleep(0.02)

    def stop(self) -> None:
        for data in (self.root / "replica", self.root / "primary"):
            if (data / "postmaster.pid").exists():
                _as_postgres([str(BINDIR / "pg_ctl"), "-D", str(data), "-m", "immediate", "stop"])
        shutil.rmtree(self.root, ignore_errors=True)


def start_pair(schema_from: str) -> StreamingPair:
    """A primary holding the schema and rows of the database at `schema_from` (a URL; pg_dump),
    and a streaming replica of it. The caller stops it (`stop`)."""
    root = Path(tempfile.mkdtemp(prefix="aftersales-replica-"))
    root.chmod(0o755)
    if os.getuid() == 0:
        shutil.chown(root, "postgres", "postgres")
    pair = StreamingPair(root, free_port(), free_port())
    try:
        primary, replica, sockets = root / "primary", root / "replica", root / "sock"
        _as_postgres(["mkdir", "-p", str(sockets)])
        _as_postgres(
            [str(BINDIR / "initdb"), "-D", str(primary), "--auth=trust", "-U", "postgres", "--no-sync",
             "--wal-segsize=1"]
        )  # fmt: skip
        options = f"-k {sockets} -h 127.0.0.1 -c fsync=off -c full_page_writes=off"
        _as_postgres(
            [str(BINDIR / "pg_ctl"), "-D", str(primary), "-w", "-l", str(root / "primary.log"),
             "start", "-o", f"{options} -p {pair.primary_port}"]
        )  # fmt: skip
        with psycopg.connect(
            f"postgresql://postgres@127.0.0.1:{pair.primary_port}/postgres", autocommit=True
        ) as connection:
            connection.execute(f"CREATE DATABASE {DATABASE}")
        dump = subprocess.run(
            [str(BINDIR / "pg_dump"), "--no-owner", "--no-privileges", schema_from],
            check=True,
            capture_output=True,
            timeout=120,
        ).stdout
        subprocess.run(
            [str(BINDIR / "psql"), "-q", "-v", "ON_ERROR_STOP=1", pair.url(pair.primary_port)],
            input=dump,
            check=True,
            capture_output=True,
            timeout=120,
        )
        # The default pg_hba.conf of initdb --auth=trust lets 127.0.0.1 replicate.
        _as_postgres(
            [str(BINDIR / "pg_basebackup"), "-h", "127.0.0.1", "-p", str(pair.primary_port),
             "-U", "postgres", "-D", str(replica), "-R", "-X", "stream", "-c", "fast", "--no-sync"]
        )  # fmt: skip
        _as_postgres(
            [str(BINDIR / "pg_ctl"), "-D", str(replica), "-w", "-l", str(root / "replica.log"),
             "start", "-o", f"{options} -p {pair.replica_port}"]
        )  # fmt: skip
        pair.caught_up()
    except BaseException:
        pair.stop()
        raise
    return pair
