"""The one home of the disclosure threshold k (röjandeskydd, docs/disclosure.md): a count
below k is hidden in published tables. An association may set a higher or lower k
(``Association.disclosure_threshold``), never below the minimum; ``stats.disclosure``
applies it.
"""

from __future__ import annotations

#: k unless the association sets another.
DEFAULT_THRESHOLD = 5
#: The lowest k an association may set.
MINIMUM_THRESHOLD = 3
