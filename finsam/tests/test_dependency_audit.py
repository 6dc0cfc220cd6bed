"""``make audit-deps`` (scripts/audit_deps.py): fails on a known vulnerability or a partial
audit, passes with a warning only when no vulnerability service can be reached."""

from __future__ import annotations

import importlib.util
import json
import sys
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest

SCRIPT = Path(__file__).resolve().parents[2] / "scripts" / "audit_deps.py"


def load() -> ModuleType:
    spec = importlib.util.spec_from_file_location("audit_deps", SCRIPT)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up there
    spec.loader.exec_module(module)
    return module


audit = load()

DJANGO_VULN = {
    "name": "django",
    "version": "3.2.0",
    "vulns": [{"id": "PYSEC-2021-98", "fix_versions": ["3.2.4"], "aliases": []}],
}
CLEAN_DEP = {"name": "rules", "version": "3.5", "vulns": []}
NOT_FOUND = {"name": "rules", "skip_reason": "Dependency not found on PyPI and could not be ..."}


@pytest.mark.parametrize(
    ("code", "report", "expected"),
    [
        pytest.param(
            1,
            {"dependencies": [CLEAN_DEP, DJANGO_VULN]},
            ("vulnerable", "django 3.2.0: PYSEC-2021-98 (fixed in 3.2.4)"),
            id="vulnerability fails",
        ),
        pytest.param(
            0,
            {"dependencies": [CLEAN_DEP]},
            ("clean", "1 packages audited, no known vulnerabilities"),
            id="clean passes",
        ),
    ],
)
def test_verdict_states_kind_and_message(
    code: int, report: dict[str, Any], expected: tuple[str, str]
) -> None:
    result = audit.verdict(code, report, "")

    assert (result.kind, result.message) == expected


@pytest.mark.parametrize(
    ("code", "dependencies", "kind"),
    [
        pytest.param(1, [NOT_FOUND, DJANGO_VULN], "vulnerable", id="vulnerability wins over skips"),
        pytest.param(0, [NOT_FOUND, NOT_FOUND], "unreachable", id="every package not found"),
        pytest.param(0, [CLEAN_DEP, NOT_FOUND], "error", id="partial audit fails"),
    ],
)
def test_verdict_kind_of_a_report(code: int, dependencies: list[dict[str, Any]], kind: str) -> None:
    result = audit.verdict(code, {"dependencies": dependencies}, "")

    assert result.kind == kind


@pytest.mark.parametrize(
    "stderr",
    [
        "requests.exceptions.ConnectionError: Max retries exceeded (NameResolutionError)",
        "ERROR:pip_audit._cli:Could not connect to PyPI's vulnerability feed",
        "socket.timeout: timed out",
    ],
)
def test_verdict_network_failure_is_unreachable(stderr: str) -> None:
    assert audit.verdict(1, None, stderr).kind == "unreachable"


def test_verdict_other_failure_fails() -> None:
    result = audit.verdict(1, None, "error: invalid requirements input: x\n")

    assert (result.kind, result.message) == (
        "error",
        "pip-audit failed (exit 1): error: invalid requirements input: x",
    )


def fake_pip_audit(tmp_path: Path, report: dict[str, Any] | None, stderr: str, code: int) -> str:
    """An executable that answers like pip-audit: writes ``report`` to ``--output``."""
    script = tmp_path / "pip-audit"
    script.write_text(
        f"#!{sys.executable}\n"
        "import json, sys\n"
        f"report = {json.dumps(report)!r}\n"
        "args = sys.argv\n"
        "if report != 'null':\n"
        "    open(args[args.index('--output') + 1], 'w').write(report)\n"
        f"sys.stderr.write({stderr!r})\n"
        f"sys.exit({code})\n"
    )
    script.chmod(0o755)
    return str(script)


def test_main_fails_on_a_known_vulnerability(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    fake = fake_pip_audit(tmp_path, {"dependencies": [DJANGO_VULN]}, "", 1)

    code = audit.main(["audit_deps.py", fake, "requirements.lock"])

    assert code == 1
    assert capsys.readouterr().out == (
        "audit-deps: known vulnerabilities (pypi):\ndjango 3.2.0: PYSEC-2021-98 (fixed in 3.2.4)\n"
    )


def test_main_warns_and_passes_when_offline(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    fake = fake_pip_audit(tmp_path, None, "requests.exceptions.ConnectionError: refused\n", 1)

    code = audit.main(["audit_deps.py", fake, "requirements.lock"])

    assert code == 0
    assert "WARNING: no vulnerability service could be reached" in capsys.readouterr().err


def test_main_fails_on_other_errors(tmp_path: Path) -> None:
    fake = fake_pip_audit(tmp_path, None, "Traceback ...\nKeyError: 'x'\n", 1)

    assert audit.main(["audit_deps.py", fake, "requirements.lock"]) == 1
