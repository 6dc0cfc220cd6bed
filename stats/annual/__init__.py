"""The annual report's figures (spec/annual-report.md sections 2.1-2.7): ``data`` reads the
ledger years, ``statements`` the income statement, balance sheet and cash flow, ``notes``,
``overview`` (five years, balanced-budget history), ``operating`` (driftredovisning) and
``report`` the contract JSON of section 4. Documents only render what these compute."""
