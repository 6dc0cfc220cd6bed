"""The load test's measured window, without Locust (so the tests import it without gevent's
monkey patching): what the machine did while the pages were measured.

- ``tree_cpu_seconds``: CPU seconds of a process and all its descendants from ``/proc``,
  including descendants that ended and were reaped (a PostgreSQL backend per connection,
  a gunicorn worker restarted), so the difference of two samples is the CPU the server
  used between them;
- ``Sample``: wall clock, load average and the CPU of the server processes (gunicorn,
  PostgreSQL) and of the Locust client at one moment; ``window`` the difference of two;
- ``postmaster_pid``: the throw-away PostgreSQL of ``scripts/with-postgres`` found from
  ``DATABASE_URL`` (its socket directory holds the data directory and its pid file).
"""

from __future__ import annotations

import os
import resource
import time
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import unquote, urlparse

PROC = Path("/proc")


def _stat(pid: int, proc: Path = PROC) -> tuple[int, int] | None:
    """(parent pid, CPU ticks of the process and its reaped children) or None if gone."""
    try:
        text = (proc / str(pid) / "stat").read_text()
    except OSError:
        return None
    # The command name is in parentheses and may hold spaces: the fields follow the last ")".
    fields = text.rsplit(")", 1)[1].split()
    parent = int(fields[1])
    utime, stime, cutime, cstime = (int(value) for value in fields[11:15])
    return parent, utime + stime + cutime + cstime


def tree_cpu_seconds(root: int, proc: Path = PROC) -> float | None:
    """CPU seconds of ``root`` and its descendants alive now plus those they reaped (each
    process's own time and its waited-for children's: every CPU second counted once).
    None when ``root`` is not running."""
    stats: dict[int, tuple[int, int]] = {}
    for entry in proc.iterdir():
        if entry.name.isdigit():
            found = _stat(int(entry.name), proc)
            if found is not None:
                stats[int(entry.name)] = found
    if root not in stats:
        return None
    children: dict[int, list[int]] = {}
    for pid, (parent, _ticks) in stats.items():
        children.setdefault(parent, []).append(pid)
    ticks, todo = 0, [root]
    while todo:
        pid = todo.pop()
        ticks += stats[pid][1]
        todo.extend(children.get(pid, []))
    return ticks / os.sysconf("SC_CLK_TCK")


def postmaster_pid(database_url: str) -> int | None:
    """The PostgreSQL server of ``scripts/with-postgres`` (socket directory ``D``, data in
    ``D/data``) behind ``database_url``; None for any other database."""
    parsed = urlparse(database_url)
    if parsed.scheme not in {"postgres", "postgresql"}:
        return None
    # The socket directory percent-encoded as the host (``hostname`` would lower-case it).
    socket_dir = unquote(parsed.netloc.rsplit("@", 1)[-1])
    if not socket_dir.startswith("/"):
        return None
    try:
        return int((Path(socket_dir) / "data" / "postmaster.pid").read_text().split()[0])
    except (OSError, ValueError, IndexError):
        return None


def load_average() -> list[float]:
    try:
        return [float(value) for value in (PROC / "loadavg").read_text().split()[:3]]
    except OSError:
        return []


def own_cpu_seconds() -> float:
    usage = resource.getrusage(resource.RUSAGE_SELF)
    return usage.ru_utime + usage.ru_stime


@dataclass(frozen=True)
class Sample:
    wall: float
    load: list[float]
    #: process group ("gunicorn", "postgresql", "locust") -> CPU seconds so far
    cpu: dict[str, float | None] = field(default_factory=dict)


def sample(servers: dict[str, int | None]) -> Sample:
    """Now: the wall clock, the load average, the CPU of each server's process tree and of
    this process (the Locust client)."""
    cpu: dict[str, float | None] = {
        name: tree_cpu_seconds(pid) if pid else None for name, pid in servers.items()
    }
    cpu["locust"] = own_cpu_seconds()
    return Sample(wall=time.time(), load=load_average(), cpu=cpu)


def window(start: Sample, end: Sample) -> dict[str, Any]:
    """What happened between two samples: wall seconds, load averages, CPU seconds per
    process group (None where a process was not found)."""
    cpu: dict[str, float | None] = {}
    for name, before in start.cpu.items():
        after = end.cpu.get(name)
        cpu[name] = None if before is None or after is None else round(after - before, 2)
    return {
        "seconds": round(end.wall - start.wall, 1),
        "load_start": start.load,
        "load_end": end.load,
        "cpu_seconds": cpu,
        "start": asdict(start),
    }


def servers_from_environment(environ: dict[str, str] | None = None) -> dict[str, int | None]:
    """The server processes to watch: gunicorn's master (``BENCH_SERVER_PID``, set by
    ``run.sh``) and the throw-away PostgreSQL (from ``DATABASE_URL``)."""
    env = os.environ if environ is None else environ
    server = env.get("BENCH_SERVER_PID", "")
    return {
        "gunicorn": int(server) if server.isdigit() else None,
        "postgresql": postmaster_pid(env.get("DATABASE_URL", "")),
    }
