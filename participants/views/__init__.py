"""Pages for participant data under ``/f/<association>/deltagare/``.

Only a deltagaransvarig assigned to an intervention lists, reads, registers or changes its
participations; everyone else with a role sees counts. Every page that shows or changes
participant data writes the access log in the same request (see
``participants/tests/test_access_log_coverage.py``, which fails for a page that is not
accounted for).
"""
