"""Audit the locked dependencies for known vulnerabilities (``make audit-deps``).

Runs ``pip-audit`` on ``requirements.lock`` (hash-pinned, no resolution and no pip: only
the vulnerability service is asked), first against PyPI's advisory data, then OSV.

Exit status:
- 1 when any service reports a known vulnerability, or when the audit fails for any
  reason other than the network (a partial audit included);
- 0 when every package was audited and none is vulnerable;
- 0 with a loud WARNING only when no vulnerability service could be reached (a network
  failure: connection refused, no DNS, timeouts, or a package index that answers
  "not found" for every package because it does not serve the advisory API).
"""

from __future__ import annotations

import json
import re
import subprocess
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any

SERVICES = ("pypi", "osv")
NETWORK_FAILURE = re.compile(
    r"ConnectionError|ConnectTimeout|ReadTimeout|Could not connect|Max retries exceeded|"
    r"NameResolutionError|Name or service not known|Temporary failure in name resolution|"
    r"Connection refused|Network is unreachable|timed out|PyPI is not redirecting properly",
)
NOT_FOUND = "Dependency not found on PyPI"

CLEAN, VULNERABLE, UNREACHABLE, ERROR = "clean", "vulnerable", "unreachable", "error"


@dataclass(frozen=True)
class Verdict:
    kind: str
    message: str


def verdict(returncode: int, report: dict[str, Any] | None, stderr: str) -> Verdict:
    """What one pip-audit run means. ``report`` is its JSON output, None when it wrote none."""
    if report is None:
        if returncode != 0 and NETWORK_FAILURE.search(stderr):
            return Verdict(UNREACHABLE, _last_line(stderr))
        return Verdict(ERROR, f"pip-audit failed (exit {returncode}): {_last_line(stderr)}")
    dependencies = report.get("dependencies", [])
    found = [
        f"{dep['name']} {dep.get('version', '?')}: {vuln.get('id')} "
        f"(fixed in {', '.join(vuln.get('fix_versions') or []) or 'no release yet'})"
        for dep in dependencies
        for vuln in dep.get("vulns") or []
    ]
    if found:
        return Verdict(VULNERABLE, "\n".join(found))
    skipped = [dep for dep in dependencies if dep.get("skip_reason")]
    if dependencies and len(skipped) == len(dependencies):
        if all(str(dep["skip_reason"]).startswith(NOT_FOUND) for dep in skipped):
            return Verdict(
                UNREACHABLE, "the service answered 'not found' for every package (no advisory API)"
            )
        return Verdict(ERROR, "no package could be audited")
    if skipped:
        names = ", ".join(f"{dep['name']} ({dep['skip_reason']})" for dep in skipped)
        return Verdict(ERROR, f"partial audit, not audited: {names}")
    if returncode != 0:
        return Verdict(ERROR, f"pip-audit failed (exit {returncode}): {_last_line(stderr)}")
    return Verdict(CLEAN, f"{len(dependencies)} packages audited, no known vulnerabilities")


def _last_line(text: str) -> str:
    lines = [line for line in text.strip().splitlines() if line.strip()]
    return lines[-1][:300] if lines else "(no output)"


def run(pip_audit: str, requirements: str, service: str) -> Verdict:
    with tempfile.TemporaryDirectory() as folder:
        output = Path(folder) / "report.json"
        command = [
            pip_audit,
            "--requirement",
            requirements,
            "--require-hashes",
            "--disable-pip",
            "--vulnerability-service",
            service,
            "--format",
            "json",
            "--output",
            str(output),
            "--progress-spinner",
            "off",
            "--timeout",
            "20",
        ]
        done = subprocess.run(command, capture_output=True, text=True, check=False)  # noqa: S603  a fixed command, no shell
        report = json.loads(output.read_text()) if output.exists() else None
    return verdict(done.returncode, report, done.stderr)


def main(argv: list[str]) -> int:
    pip_audit = argv[1] if len(argv) > 1 else ".venv/bin/pip-audit"
    requirements = argv[2] if len(argv) > 2 else "requirements.lock"
    unreachable: list[str] = []
    for service in SERVICES:
        result = run(pip_audit, requirements, service)
        if result.kind == VULNERABLE:
            print(f"audit-deps: known vulnerabilities ({service}):\n{result.message}")
            return 1
        if result.kind == ERROR:
            print(f"audit-deps: the audit failed ({service}): {result.message}")
            return 1
        if result.kind == CLEAN:
            print(f"audit-deps: {result.message} ({service}).")
            return 0
        unreachable.append(f"{service}: {result.message}")
    print(
        "audit-deps: WARNING: no vulnerability service could be reached from this network, "
        "so the dependencies were NOT audited.\n  "
        + "\n  ".join(unreachable)
        + "\n  Run `make audit-deps` where PyPI's JSON API or api.osv.dev is reachable.",
        file=sys.stderr,
    )
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
