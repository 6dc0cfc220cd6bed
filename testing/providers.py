"""Real identity providers on loopback for the e-ID tests: the ``oidc-provider-mock``
OpenID Connect provider (its own process), the pysaml2 SAML identity provider of
``testing.saml_idp`` (its own process), and a token-endpoint relay that alters the ID
token on the way (to prove that a tampered token is refused).

Each process listens on a free port of 127.0.0.1 and is stopped by the fixture that
started it (``ProviderProcess.stop``).
"""

from __future__ import annotations

import base64
import datetime as dt
import json
import socket
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.request
from collections.abc import Callable
from dataclasses import dataclass
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import rsa
from cryptography.x509.oid import NameOID

XMLSEC1 = Path("/usr/bin/xmlsec1")
XMLSEC1_INSTALL = "apt-get update && apt-get install -y xmlsec1"


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def _wait_until_up(url: str, process: subprocess.Popen[bytes], timeout: float = 30) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"provider process ended ({process.returncode}) before {url}")
        try:
            with urllib.request.urlopen(url, timeout=2):  # noqa: S310 - loopback URL
                return
        except (urllib.error.URLError, ConnectionError, TimeoutError):
            time.sleep(0.1)
    raise RuntimeError(f"provider did not answer at {url}")


@dataclass
class ProviderProcess:
    url: str
    process: subprocess.Popen[bytes]

    def stop(self) -> None:
        self.process.terminate()
        try:
            self.process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait(timeout=10)


def start_oidc_provider(*, token_max_age: int = 3600) -> ProviderProcess:
    """``oidc-provider-mock`` on a free port; ID and access tokens live ``token_max_age``
    seconds (negative: already expired when issued)."""
    port = free_port()
    process = subprocess.Popen(  # noqa: S603 - our interpreter, fixed arguments
        [
            sys.executable,
            "-m",
            "oidc_provider_mock",
            "--host",
            "127.0.0.1",
            "--port",
            str(port),
            f"--token-max-age={token_max_age}",
        ],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        env={"NO_COLOR": "1", "PATH": "/usr/bin:/bin"},
    )
    return _running(process, port, "/.well-known/openid-configuration")


def _running(process: subprocess.Popen[bytes], port: int, health: str) -> ProviderProcess:
    """The provider ``process`` on ``port`` once its ``health`` path answers; stopped when
    it never does."""
    url = f"http://127.0.0.1:{port}"
    try:
        _wait_until_up(f"{url}{health}", process)
    except RuntimeError:
        ProviderProcess(url, process).stop()
        raise
    return ProviderProcess(url, process)


def put_oidc_user(provider_url: str, sub: str, claims: dict[str, Any]) -> None:
    """Define (or redefine) the claims the provider issues for ``sub``."""
    request = urllib.request.Request(  # noqa: S310 - loopback URL
        f"{provider_url}/users/{sub}",
        data=json.dumps(claims).encode("utf-8"),
        method="PUT",
        headers={"Content-Type": "application/json"},
    )
    with urllib.request.urlopen(request, timeout=5) as response:  # noqa: S310  loopback URL the test built itself
        assert response.status == 204


def signing_pair(directory: Path, name: str) -> tuple[Path, Path, str]:
    """A fresh RSA key and self-signed certificate: (key file, cert file, cert base64)."""
    key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    subject = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, name)])
    now = dt.datetime.now(dt.UTC)
    cert = (
        x509.CertificateBuilder()
        .subject_name(subject)
        .issuer_name(subject)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - dt.timedelta(days=1))
        .not_valid_after(now + dt.timedelta(days=30))
        .sign(key, hashes.SHA256())
    )
    key_file, cert_file = directory / f"{name}.key", directory / f"{name}.crt"
    key_file.write_bytes(
        key.private_bytes(
            serialization.Encoding.PEM,
            serialization.PrivateFormat.TraditionalOpenSSL,
            serialization.NoEncryption(),
        )
    )
    cert_file.write_bytes(cert.public_bytes(serialization.Encoding.PEM))
    der = cert.public_bytes(serialization.Encoding.DER)
    return key_file, cert_file, base64.b64encode(der).decode("ascii")


def start_saml_idp(
    *,
    directory: Path,
    port: int,
    key_file: Path,
    cert_file: Path,
    sp_metadata: str,
    users: dict[str, Any],
) -> ProviderProcess:
    """The pysaml2 identity provider of ``testing.saml_idp`` on ``port``."""
    if not XMLSEC1.is_file():
        raise RuntimeError(f"xmlsec1 saknas. Installera det med: {XMLSEC1_INSTALL}")
    metadata_file = directory / "sp-metadata.xml"
    metadata_file.write_text(sp_metadata, encoding="utf-8")
    config = {
        "base_url": f"http://127.0.0.1:{port}",
        "port": port,
        "key_file": str(key_file),
        "cert_file": str(cert_file),
        "sp_metadata_files": [str(metadata_file)],
        "xmlsec_binary": str(XMLSEC1),
        "users": users,
    }
    config_file = directory / "idp.json"
    config_file.write_text(json.dumps(config), encoding="utf-8")
    root = Path(__file__).resolve().parent.parent
    process = subprocess.Popen(  # noqa: S603 - our interpreter, fixed arguments
        [sys.executable, "-m", "testing.saml_idp", str(config_file)],
        cwd=root,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    return _running(process, port, "/health")


def _b64url_json(segment: str) -> dict[str, Any]:
    padded = segment + "=" * (-len(segment) % 4)
    return dict(json.loads(base64.urlsafe_b64decode(padded)))


def _b64url(data: dict[str, Any]) -> str:
    return base64.urlsafe_b64encode(json.dumps(data).encode()).decode().rstrip("=")


def forge_claims(id_token: str, changes: dict[str, Any]) -> str:
    """The ID token with its payload changed and the provider's signature kept."""
    header, payload, signature = id_token.split(".")
    claims = _b64url_json(payload)
    claims.update(changes)
    return f"{header}.{_b64url(claims)}.{signature}"


class TokenRelay:
    """An HTTP server on 127.0.0.1 that forwards token requests to ``target`` and passes
    the answer on with the ID token's payload changed by ``tamper``."""

    def __init__(self, target: str, tamper: Callable[[str], str]) -> None:
        relay = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self) -> None:
                body = self.rfile.read(int(self.headers.get("Content-Length") or 0))
                headers = {
                    name: value
                    for name, value in self.headers.items()
                    if name.lower() in {"content-type", "authorization", "accept"}
                }
                request = urllib.request.Request(  # noqa: S310 - loopback URL
                    target, data=body, headers=headers, method="POST"
                )
                try:
                    with urllib.request.urlopen(request, timeout=10) as response:  # noqa: S310  loopback URL the test built itself
                        status, answer = response.status, json.loads(response.read())
                except urllib.error.HTTPError as error:
                    status, answer = error.code, json.loads(error.read())
                if "id_token" in answer:
                    answer["id_token"] = relay.tamper(answer["id_token"])
                data = json.dumps(answer).encode()
                self.send_response(status)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(data)))
                self.end_headers()
                self.wfile.write(data)

            def log_message(self, format: str, *args: Any) -> None:
                pass

        self.tamper = tamper
        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.httpd.server_address[1]}/token"
        self.thread = threading.Thread(target=self.httpd.serve_forever, daemon=True)
        self.thread.start()

    def stop(self) -> None:
        self.httpd.shutdown()
        self.httpd.server_close()
