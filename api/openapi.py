"""The OpenAPI 3.1 description of the JSON API: exactly the endpoints of ``api.urls``.

The memo's response schema is the contract schema of ``stats.memo_schema``, so the API
description and the tests that validate ``memo_json`` share one definition.
"""

from __future__ import annotations

import copy
from typing import Any

from django.conf import settings

from finsam.years import YEAR_MAX, YEAR_MIN
from stats.memo_schema import MEMO_SCHEMA

#: ``2022``, ``2022H2``, ``2022Q3``: a year from 2000 to 2100, optionally a half or quarter.
PERIOD_PATTERN = r"^(20[0-9]{2}|2100)(H[12]|Q[1-4])?$"
#: A four-digit year from 2000 to 2100 (checked again as a number).
YEAR_PATTERN = r"^[0-9]{4}$"
#: The values a boolean flag takes in a query string or form field.
FLAG_VALUES = ("0", "1", "true", "false")
SLUG_PATTERN = r"^[-a-zA-Z0-9_]+$"

API_PREFIX = "/f/{association}/api/"


def _ref(name: str) -> dict[str, str]:
    return {"$ref": f"#/components/schemas/{name}"}


def _json(schema: dict[str, Any], description: str) -> dict[str, Any]:
    return {"description": description, "content": {"application/json": {"schema": schema}}}


def _error(description: str) -> dict[str, Any]:
    return _json(_ref("Error"), description)


#: Answers every operation can give before its own code runs.
_COMMON_RESPONSES: dict[str, Any] = {
    "302": {"description": "Inte inloggad: omdirigering till inloggningssidan."},
    "403": _error("Inloggad men utan behörighet för åtgärden."),
    "404": {
        "description": (
            "Förbundet finns inte, eller användaren har ingen roll i förbundet "
            "(samma svar, så att förbundens namn inte röjs)."
        )
    },
}

_COUNTS_ROW: dict[str, Any] = {
    "type": "object",
    "required": ["code", "name", "women", "men", "other", "total"],
    "properties": {
        "code": {"type": "string"},
        "name": {"type": "string"},
        "women": {"type": "integer", "minimum": 0},
        "men": {"type": "integer", "minimum": 0},
        "other": {"type": "integer", "minimum": 0},
        "total": {"type": "integer", "minimum": 0},
    },
}

SCHEMAS: dict[str, Any] = {
    "Error": {
        "type": "object",
        "required": ["detail"],
        "properties": {"detail": {"type": "string", "minLength": 1}},
    },
    "NationalCounts": {
        "type": "object",
        "required": ["association", "year", "registered", "monthly_sums"],
        "properties": {
            "association": {"type": "string"},
            "year": {"type": "integer"},
            "registered": {
                "description": "Insatser med personuppgifter: deltagare inskrivna under året.",
                "type": "array",
                "items": _COUNTS_ROW,
            },
            "monthly_sums": {
                "description": "Insatser som bara följs upp med antal: summan av månadsantalen.",
                "type": "array",
                "items": _COUNTS_ROW,
            },
        },
    },
    "ImportProblem": {
        "type": "object",
        "required": ["sheet", "row", "column", "value", "reason"],
        "properties": {
            "sheet": {"type": "string"},
            "row": {"type": ["integer", "null"]},
            "column": {"type": "string"},
            "value": {"type": "string"},
            "reason": {"type": "string"},
        },
    },
    "ImportResult": {
        "type": "object",
        "required": ["ok", "summary", "errors", "notices"],
        "properties": {
            "ok": {"type": "boolean"},
            "summary": {
                "type": "object",
                "required": ["dry_run", "lines", "sheets"],
                "properties": {
                    "dry_run": {"type": "boolean"},
                    "lines": {"type": "array", "items": {"type": "string"}},
                    "sheets": {
                        "type": "object",
                        "additionalProperties": {
                            "type": "object",
                            "required": ["created", "updated", "unchanged"],
                            "properties": {
                                "created": {"type": "integer", "minimum": 0},
                                "updated": {"type": "integer", "minimum": 0},
                                "unchanged": {"type": "integer", "minimum": 0},
                                "added": {
                                    "type": "array",
                                    "items": {"type": "string"},
                                    "description": "Nya rader: radnummer och nyckel.",
                                },
                                "changed": {
                                    "type": "array",
                                    "items": {"type": "string"},
                                    "description": "Ändrade rader: radnummer och nyckel.",
                                },
                            },
                        },
                    },
                },
            },
            "errors": {"type": "array", "items": _ref("ImportProblem")},
            "notices": {"type": "array", "items": {"type": "string"}},
        },
    },
}


def _memo_schema() -> dict[str, Any]:
    schema = copy.deepcopy(MEMO_SCHEMA)
    schema.pop("$schema", None)  # the document's dialect is 2020-12 already
    return schema


def _operation(
    operation_id: str,
    summary: str,
    responses: dict[str, Any],
    *,
    parameters: list[dict[str, Any]] | None = None,
    request_body: dict[str, Any] | None = None,
    unsafe: bool = False,
) -> dict[str, Any]:
    operation: dict[str, Any] = {
        "operationId": operation_id,
        "summary": summary,
        "parameters": parameters or [],
        "responses": {**_COMMON_RESPONSES, **responses},
        "security": [{"session": [], "csrf": []}] if unsafe else [{"session": []}],
    }
    if request_body is not None:
        operation["requestBody"] = request_body
    return operation


def _parameter(
    name: str, where: str, description: str, schema: dict[str, Any], *, required: bool = True
) -> dict[str, Any]:
    """A path or query parameter (``where``)."""
    return {
        "name": name,
        "in": where,
        "required": required,
        "description": description,
        "schema": schema,
    }


def openapi_document() -> dict[str, Any]:
    """The OpenAPI 3.1 document (a fresh dict: callers may change it)."""
    association = _parameter(
        "association",
        "path",
        "Förbundets kortnamn (slug), som i webbadresserna.",
        {"type": "string", "pattern": SLUG_PATTERN},
    )
    period = _parameter(
        "period",
        "query",
        "År (2022), halvår (2022H2) eller kvartal (2022Q3).",
        {"type": "string", "pattern": PERIOD_PATTERN},
    )
    unsuppressed = _parameter(
        "unsuppressed",
        "query",
        "1 = utan röjandeskydd (bara förbundsadministratören); annars döljs små tal.",
        {"type": "string", "enum": list(FLAG_VALUES), "default": "0"},
        required=False,
    )
    year = _parameter(
        "year",
        "query",
        "Året som räknas.",
        {"type": "integer", "minimum": YEAR_MIN, "maximum": YEAR_MAX},
    )
    memo = _operation(
        "getMemo",
        "Uppföljnings-PM som JSON (kontraktet i reports.md).",
        {
            "200": _json(_ref("Memo"), "Uppföljnings-PM för perioden."),
            "400": _error("Ogiltig period eller parameter."),
        },
        parameters=[period, unsuppressed],
    )
    national = _operation(
        "getNationalCounts",
        "Antal till den nationella uppföljningen (Uppföljning Finsam) för ett år.",
        {
            "200": _json(_ref("NationalCounts"), "Antalen per insats."),
            "400": _error("Ogiltigt år."),
        },
        parameters=[year],
    )
    upload = _operation(
        "importWorkbook",
        "Importera (eller kontrollera) en arbetsbok enligt importmallen.",
        {
            "200": _json(_ref("ImportResult"), "Filen är giltig (och sparad, om inte dry_run)."),
            "400": _json(
                {"anyOf": [_ref("ImportResult"), _ref("Error")]},
                "Filen vägrades; inget har sparats.",
            ),
            "413": _error("Filen är för stor."),
        },
        request_body={
            "required": True,
            "content": {
                "multipart/form-data": {
                    "schema": {
                        "type": "object",
                        "required": ["file"],
                        "properties": {
                            "file": {
                                "type": "string",
                                "format": "binary",
                                "description": ".xlsx, .zip med CSV-filer eller en CSV-fil.",
                            },
                            "dry_run": {
                                "type": "string",
                                "enum": list(FLAG_VALUES),
                                "default": "0",
                                "description": "1 = kontrollera utan att spara.",
                            },
                        },
                    }
                }
            },
        },
        unsafe=True,
    )
    description = _operation(
        "getOpenApi",
        "Den här beskrivningen av API:t (OpenAPI 3.1).",
        {"200": _json({"type": "object"}, "OpenAPI-dokumentet.")},
    )
    return {
        "openapi": "3.1.0",
        "info": {
            "title": "Finsam API",
            "version": "1",
            "description": (
                "JSON-gränssnitt för uppföljning. Inloggning sker som på webbsidorna "
                "(sessionskaka); anrop som ändrar data kräver även CSRF-token i huvudet "
                "X-CSRFToken. Fel besvaras med JSON och en svensk text i fältet detail."
            ),
        },
        "paths": {
            API_PREFIX + "memo.json": {"parameters": [association], "get": memo},
            API_PREFIX + "national.json": {"parameters": [association], "get": national},
            API_PREFIX + "import": {"parameters": [association], "post": upload},
            API_PREFIX + "openapi.json": {"parameters": [association], "get": description},
        },
        "components": {
            "schemas": {**copy.deepcopy(SCHEMAS), "Memo": _memo_schema()},
            "securitySchemes": {
                "session": {
                    "type": "apiKey",
                    "in": "cookie",
                    "name": settings.SESSION_COOKIE_NAME,
                },
                "csrf": {"type": "apiKey", "in": "header", "name": "X-CSRFToken"},
            },
        },
    }
