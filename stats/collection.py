"""Python's cyclic garbage collector paused while the memo is computed
(docs/performance.md, "Memo JSON under 300 ms").

The memo's disclosure control allocates millions of short-lived dicts, sets and tuples
(the elimination's rows, the LPs' keys); every 700 allocations the collector runs and
walks the young objects, and now and then every object of the process (Django's models,
URLs and templates included). None of those objects is part of a reference cycle that
must be freed during the computation (they are freed by reference counting as before),
so pausing the collector changes no result, only when cycles elsewhere are freed: at the
end of the block, when it is enabled again. Measured: ~15 % of the memo JSON's CPU.

Process-wide and thread-safe: the collector is enabled again when the last block that
paused it ends, and a block never enables a collector that was disabled before it began
(by the application or a test).
"""

from __future__ import annotations

import gc
import threading
from collections.abc import Iterator
from contextlib import contextmanager

_lock = threading.Lock()
#: Blocks running that paused the collector (inside ``paused_collection``).
_depth = 0
#: Whether the collector was enabled when the first of them began.
_was_enabled = False


@contextmanager
def paused_collection() -> Iterator[None]:
    """Run the block with the cyclic garbage collector disabled (see the module
    docstring); reference counting frees objects as always."""
    global _depth, _was_enabled
    with _lock:
        if _depth == 0:
            _was_enabled = gc.isenabled()
            gc.disable()
        _depth += 1
    try:
        yield
    finally:
        with _lock:
            _depth -= 1
            if _depth == 0 and _was_enabled:
                gc.enable()
