"""A SAML identity provider for the e-ID browser tests, built with pysaml2 (signing
with the xmlsec1 program of Debian's ``xmlsec1`` package).

Run as ``python -m testing.saml_idp CONFIG.json`` (see ``testing.providers``); it listens
on 127.0.0.1 at the config's port. Its login page takes a user name (from the config's
``users``, each with SAML attributes and an AuthnContextClassRef) and a ``mode``:
``normal``, ``tampered`` (an attribute value changed after signing) or ``expired`` (an
assertion whose validity ended half an hour ago). The page shows whether the request
asked for a forced authentication (``ForceAuthn``).
"""

from __future__ import annotations

import base64
import html
import json
import secrets
import sys
from typing import Any
from urllib.parse import parse_qs
from wsgiref.simple_server import WSGIRequestHandler, make_server

from saml2 import BINDING_HTTP_REDIRECT, xmldsig
from saml2.config import IdPConfig
from saml2.saml import NAME_FORMAT_URI, NAMEID_FORMAT_TRANSIENT, NameID
from saml2.server import Server


def _server(config: dict[str, Any], lifetime_minutes: int) -> Server:
    base = config["base_url"]
    idp_config = IdPConfig()
    idp_config.load(
        {
            "entityid": f"{base}/metadata",
            "service": {
                "idp": {
                    "endpoints": {
                        "single_sign_on_service": [(f"{base}/sso", BINDING_HTTP_REDIRECT)]
                    },
                    "policy": {
                        "default": {
                            "lifetime": {"minutes": lifetime_minutes},
                            "attribute_restrictions": None,
                            "name_form": NAME_FORMAT_URI,
                        }
                    },
                    "name_id_format": [NAMEID_FORMAT_TRANSIENT],
                    "want_authn_requests_signed": False,
                }
            },
            "key_file": config["key_file"],
            "cert_file": config["cert_file"],
            "metadata": {"local": config["sp_metadata_files"]},
            "xmlsec_binary": config.get("xmlsec_binary", "/usr/bin/xmlsec1"),
            "accepted_time_diff": 60,
        }
    )
    return Server(config=idp_config)


class IdentityProvider:
    def __init__(self, config: dict[str, Any]) -> None:
        self.config = config
        self.server = _server(config, 15)
        self.expired_server = _server(config, -30)

    def __call__(self, environ: dict[str, Any], start_response: Any) -> list[bytes]:
        path = environ.get("PATH_INFO", "")
        try:
            if path == "/health":
                return self._reply(start_response, "200 OK", "ok", "text/plain")
            if path == "/sso":
                return self._login_page(environ, start_response)
            if path == "/login" and environ["REQUEST_METHOD"] == "POST":
                return self._respond(environ, start_response)
        except Exception as error:  # a test IdP: show what went wrong
            return self._reply(start_response, "400 Bad Request", repr(error), "text/plain")
        return self._reply(start_response, "404 Not Found", "not found", "text/plain")

    @staticmethod
    def _reply(start_response: Any, status: str, body: str, kind: str) -> list[bytes]:
        data = body.encode("utf-8")
        start_response(status, [("Content-Type", f"{kind}; charset=utf-8")])
        return [data]

    def _login_page(self, environ: dict[str, Any], start_response: Any) -> list[bytes]:
        query = parse_qs(environ.get("QUERY_STRING", ""))
        request = self.server.parse_authn_request(query["SAMLRequest"][0], BINDING_HTTP_REDIRECT)
        message = request.message
        force = "true" if str(message.force_authn).lower() == "true" else "false"
        hidden = {
            "request_id": message.id,
            "acs": message.assertion_consumer_service_url,
            "sp": message.issuer.text,
            "relay_state": query.get("RelayState", [""])[0],
        }
        fields = "".join(
            f'<input type="hidden" name="{name}" value="{html.escape(value)}">'
            for name, value in hidden.items()
        )
        body = (
            "<!doctype html><html lang='en'><head><title>Test IdP</title></head><body>"
            f"<h1>Test IdP</h1><p id='force-authn'>ForceAuthn: {force}</p>"
            f"<form method='post' action='/login'>{fields}"
            "<label>User <input name='user' id='user'></label>"
            "<label>Mode <select name='mode' id='mode'><option>normal</option>"
            "<option>tampered</option><option>expired</option></select></label>"
            "<button type='submit'>Sign in</button></form></body></html>"
        )
        return self._reply(start_response, "200 OK", body, "text/html")

    def _respond(self, environ: dict[str, Any], start_response: Any) -> list[bytes]:
        length = int(environ.get("CONTENT_LENGTH") or 0)
        form = {k: v[0] for k, v in parse_qs(environ["wsgi.input"].read(length).decode()).items()}
        user = self.config["users"][form["user"]]
        mode = form.get("mode", "normal")
        server = self.expired_server if mode == "expired" else self.server
        response = server.create_authn_response(
            identity=user["attributes"],
            in_response_to=form["request_id"],
            destination=form["acs"],
            sp_entity_id=form["sp"],
            name_id=NameID(format=NAMEID_FORMAT_TRANSIENT, text=secrets.token_hex(16)),
            authn={"class_ref": user["level"], "authn_auth": self.config["base_url"]},
            sign_response=False,
            sign_assertion=True,
            sign_alg=xmldsig.SIG_RSA_SHA256,
            digest_alg=xmldsig.DIGEST_SHA256,
        )
        xml = str(response)
        if mode == "tampered":
            original, forged = user["tamper"]
            assert original in xml
            xml = xml.replace(original, forged)
        encoded = base64.b64encode(xml.encode("utf-8")).decode("ascii")
        relay = html.escape(form.get("relay_state", ""))
        body = (
            "<!doctype html><html lang='en'><head><title>Posting</title></head><body>"
            f"<form method='post' action='{html.escape(form['acs'])}' id='post'>"
            f"<input type='hidden' name='SAMLResponse' value='{encoded}'>"
            f"<input type='hidden' name='RelayState' value='{relay}'>"
            "<button type='submit' id='continue'>Continue</button></form>"
            "<script>document.getElementById('post').submit()</script></body></html>"
        )
        return self._reply(start_response, "200 OK", body, "text/html")


class _QuietHandler(WSGIRequestHandler):
    def log_message(self, format: str, *args: Any) -> None:
        pass


def main() -> None:
    with open(sys.argv[1], encoding="utf-8") as handle:
        config = json.load(handle)
    app = IdentityProvider(config)
    with make_server("127.0.0.1", config["port"], app, handler_class=_QuietHandler) as httpd:
        httpd.serve_forever()


if __name__ == "__main__":
    main()
