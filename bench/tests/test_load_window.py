"""The load test's measured window: CPU of the server's process trees from /proc, the
throw-away PostgreSQL's pid, and the summary's warm-up and window sections."""

from __future__ import annotations

import datetime as dt
import json
import os
from pathlib import Path
from urllib.parse import quote

from bench.load import summary as summary_module
from bench.load import window as measured

TICK = os.sysconf("SC_CLK_TCK")


def fake_proc(
    tmp_path: Path, processes: dict[int, tuple[str, int, tuple[int, int, int, int]]]
) -> Path:
    """A /proc with a stat file per pid: (command, parent, (utime, stime, cutime, cstime))."""
    proc = tmp_path / "proc"
    for pid, (command, parent, (utime, stime, cutime, cstime)) in processes.items():
        (proc / str(pid)).mkdir(parents=True)
        fields = ["S", str(parent), *["0"] * 9, str(utime), str(stime), str(cutime), str(cstime)]
        (proc / str(pid) / "stat").write_text(f"{pid} ({command}) {' '.join(fields)} 20 0\n")
    (proc / "loadavg").mkdir()  # not a pid: skipped
    return proc


def test_tree_cpu_seconds_counts_the_root_its_descendants_and_what_they_reaped(
    tmp_path: Path,
) -> None:
    proc = fake_proc(
        tmp_path,
        {
            100: ("gunicorn: master", 1, (10, 5, 300, 100)),  # reaped workers: 400
            101: ("gunicorn: worker) (x", 100, (1000, 200, 0, 0)),
            102: ("child", 101, (7, 3, 0, 0)),
            200: ("other", 1, (5000, 5000, 0, 0)),
        },
    )

    assert measured.tree_cpu_seconds(100, proc) == (415 + 1200 + 10) / TICK


def test_tree_cpu_seconds_of_a_process_not_running_is_none(tmp_path: Path) -> None:
    proc = fake_proc(tmp_path, {200: ("other", 1, (1, 1, 0, 0))})

    assert measured.tree_cpu_seconds(100, proc) is None


def test_tree_cpu_seconds_of_this_process_is_at_least_its_own_cpu() -> None:
    own = measured.own_cpu_seconds()

    tree = measured.tree_cpu_seconds(os.getpid())

    assert tree is not None and tree >= own - 2 / TICK


def test_postmaster_pid_from_the_socket_directory_of_with_postgres(tmp_path: Path) -> None:
    socket_dir = tmp_path / "finsam-pg.AbC123"
    (socket_dir / "data").mkdir(parents=True)
    (socket_dir / "data" / "postmaster.pid").write_text(f"4242\n{socket_dir}/data\n")
    url = f"postgres://postgres@{quote(str(socket_dir), safe='')}/postgres"

    assert (
        measured.postmaster_pid(url),
        measured.postmaster_pid("sqlite:///db.sqlite3"),
        measured.postmaster_pid("postgres://user@db.example:5432/finsam"),
    ) == (4242, None, None)


def test_window_is_the_difference_of_two_samples() -> None:
    start = measured.Sample(wall=100.0, load=[1.0, 2.0, 3.0], cpu={"gunicorn": 10.0, "x": None})
    end = measured.Sample(wall=160.0, load=[4.0, 2.5, 3.0], cpu={"gunicorn": 40.5, "x": 3.0})

    result = measured.window(start, end)

    assert {key: result[key] for key in ("seconds", "load_start", "load_end", "cpu_seconds")} == {
        "seconds": 60.0,
        "load_start": [1.0, 2.0, 3.0],
        "load_end": [4.0, 2.5, 3.0],
        "cpu_seconds": {"gunicorn": 30.5, "x": None},
    }


def test_summary_reports_logins_apart_and_the_window_beside_the_machine(tmp_path: Path) -> None:
    def stats(requests: int, median: float, p95: float) -> dict[str, float]:
        return {
            "requests": requests,
            "failures": 0,
            "median_ms": median,
            "p95_ms": p95,
            "p99_ms": p95,
            "max_ms": p95,
        }

    (tmp_path / "categories.json").write_text(
        json.dumps({"page": stats(900, 40.0, 120.0), "write": stats(100, 30.0, 90.0)})
    )
    (tmp_path / "window.json").write_text(
        json.dumps(
            {
                "users": 20,
                "warmup": {
                    "seconds": 12.5,
                    "users_ready": 20,
                    "bound_seconds": 300,
                    "logins": {"login: password": stats(14, 410.0, 650.0)},
                },
                "window": {
                    "seconds": 30.0,
                    "load_start": [1.5, 1.0, 0.5],
                    "load_end": [2.0, 1.2, 0.6],
                    "cpu_seconds": {"gunicorn": 24.0, "postgresql": 6.0, "locust": 3.0},
                    "start": {"wall": 1796731210.0, "load": [], "cpu": {}},
                },
                "window_planned_seconds": 30,
            }
        )
    )

    text = summary_module.summary(tmp_path)

    section = text.split("\n\nIn the measured window:")[0].split("\n")[2:]
    assert section == [
        "Warm-up (not measured): 20 of 20 users logged in once in 12.5 s (bound 300 s).",
        "",
        "| login request (warm-up) | count | failures | median ms | p95 ms | max ms |",
        "|---|---:|---:|---:|---:|---:|",
        "| login: password | 14 | 0 | 410.0 | 650.0 | 650.0 |",
        "",
        "Measured window: 30.0 s of wall time (planned 30 s); load average (1 / 5 / 15 min) "
        "1.50 / 1.00 / 0.50 at its start, 2.00 / 1.20 / 0.60 at its end.",
        "",
        "| processes | CPU s in the window | cores busy (CPU s / wall s) |",
        "|---|---:|---:|",
        "| gunicorn (master and workers) | 24.0 | 0.80 |",
        "| PostgreSQL (server and backends) | 6.0 | 0.20 |",
        "| Locust (the client, same machine) | 3.0 | 0.10 |",
        "",
        "Server CPU (gunicorn + PostgreSQL) per request in the window: 30 ms over 1000 requests.",
    ]


def test_summary_without_a_window_says_the_warm_up_did_not_end(tmp_path: Path) -> None:
    report = {
        "users": 20,
        "warmup": {"seconds": 300.0, "users_ready": 7, "bound_seconds": 300, "logins": {}},
        "window": None,
        "window_planned_seconds": 30,
    }

    lines = summary_module.window_lines(report, 0)

    assert (
        lines[0] == "Warm-up (not measured): 7 of 20 users logged in once in 300.0 s (bound 300 s)."
    )
    assert lines[-1] == "The measured window did not start (the warm-up did not end)."


def test_server_times_in_the_window_only_and_one_row_for_all_survey_links(
    tmp_path: Path,
) -> None:
    def line(at: str, request: str, ms: int) -> str:
        return f'127.0.0.1 - - [07/Dec/2026:{at} +0100] "{request} HTTP/1.1" 200 9 "-" "x" {ms}'

    log = tmp_path / "access.log"
    log.write_text(
        "\n".join(
            [
                line("13:00:09", "POST /accounts/login/", 400),  # warm-up
                line("13:00:10", "GET /enkat/exempel/Ab-1_x/", 30),
                line("13:00:20", "GET /enkat/exempel/Zz9/", 50),
                line("13:00:25", "GET /f/exempel/deltagare/insats/12/?a=1", 70),
                line("13:00:41", "GET /f/exempel/", 90),  # after the window
            ]
        )
    )
    since = dt.datetime(2026, 12, 7, 12, 0, 10, tzinfo=dt.UTC).timestamp()

    times = summary_module.server_times(log, since, since + 30)

    assert times == {
        "GET /enkat/exempel/LINK/": [30.0, 50.0],
        "GET /f/exempel/deltagare/insats/N/": [70.0],
    }
