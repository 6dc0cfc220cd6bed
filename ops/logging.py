"""Log formatting: one JSON object per line for production (``LOG_FORMAT=json``), plain
text for development. Both mask anything shaped like a personnummer (a 10- or 12-digit
number with a valid date and check digit) as a last line of defence: the code never logs
one on purpose (see ``participants/tests/test_no_cleartext.py``).

Imported while logging is configured, before the app registry is ready: no models here.
"""

from __future__ import annotations

import datetime as dt
import json
import logging
import re
from typing import Any

from ops.request_id import current_request_id, sanitise_request_id
from participants.personnummer import COORDINATION_OFFSET, luhn_check_digit

#: 10 or 12 digits, optionally with - or + before the last four, not inside a longer number.
_NUMBER = re.compile(r"(?<![0-9])((?:\d{2})?\d{6})([-+]?)(\d{4})(?![0-9])")
MASK = "[personnummer]"


def _looks_like_personnummer(date_part: str, last: str) -> bool:
    ten = date_part[-6:] + last
    month, day = int(ten[2:4]), int(ten[4:6])
    if not 1 <= month <= 12:
        return False
    if not (1 <= day <= 31 or COORDINATION_OFFSET + 1 <= day <= COORDINATION_OFFSET + 31):
        return False
    return luhn_check_digit(ten[:9]) == int(ten[9])


def redact(text: str) -> str:
    """``text`` with every personnummer-shaped number replaced by ``[personnummer]``."""

    def replace(match: re.Match[str]) -> str:
        date_part, _separator, last = match.groups()
        return MASK if _looks_like_personnummer(date_part, last) else match.group(0)

    return _NUMBER.sub(replace, text)


def request_id_of(record: logging.LogRecord) -> str | None:
    """The request id: passed as ``extra={"request_id": ...}``, else the ``X-Request-ID``
    header of the request Django's loggers attach, else the current request's."""
    explicit = getattr(record, "request_id", None)
    if isinstance(explicit, str):
        return sanitise_request_id(explicit)
    request = getattr(record, "request", None)
    meta = getattr(request, "META", None)
    if isinstance(meta, dict) and meta.get("HTTP_X_REQUEST_ID"):
        return sanitise_request_id(str(meta["HTTP_X_REQUEST_ID"]))
    return current_request_id()


class PlainFormatter(logging.Formatter):
    """``2024-05-01 12:00:00,123 INFO logger: message``, masked."""

    def __init__(self) -> None:
        super().__init__("%(asctime)s %(levelname)s %(name)s: %(message)s")

    def format(self, record: logging.LogRecord) -> str:
        return redact(super().format(record))


class JsonFormatter(logging.Formatter):
    """One JSON object per line: time (UTC, ISO 8601), level, logger, message, request_id
    (when known), exception (when any); masked."""

    def format(self, record: logging.LogRecord) -> str:
        entry: dict[str, Any] = {
            "time": dt.datetime.fromtimestamp(record.created, tz=dt.UTC).isoformat(
                timespec="milliseconds"
            ),
            "level": record.levelname,
            "logger": record.name,
            "message": redact(record.getMessage()),
        }
        request_id = request_id_of(record)
        if request_id:
            entry["request_id"] = request_id
        status_code = getattr(record, "status_code", None)
        if isinstance(status_code, int):
            entry["status_code"] = status_code
        if record.exc_info:
            entry["exception"] = redact(self.formatException(record.exc_info))
        elif record.exc_text:
            entry["exception"] = redact(record.exc_text)
        if record.stack_info:
            entry["stack"] = redact(self.formatStack(record.stack_info))
        return json.dumps(entry, ensure_ascii=False)
