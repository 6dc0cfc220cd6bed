"""The development server's request log masks personnummer like the app's own log
(issue 18.6)."""

from __future__ import annotations

import logging

from ops.logging import MASK
from testing.participants import WOMAN_1990


def test_dev_server_request_log_masks_personnummer() -> None:
    logger = logging.getLogger("django.server")
    line = f"GET /f/exempel/deltagare/sok/?q={WOMAN_1990} HTTP/1.1"
    record = logger.makeRecord(
        "django.server", logging.INFO, __file__, 1, '"%s" %s %s', (line, "200", "512"), None
    )

    ours = [h for h in logger.handlers if not type(h).__module__.startswith("_pytest")]
    written = [handler.format(record) for handler in ours]

    assert (len(written) >= 1, [WOMAN_1990 in text for text in written]) == (
        True,
        [False] * len(written),
    )
    assert all(MASK in text for text in written)
