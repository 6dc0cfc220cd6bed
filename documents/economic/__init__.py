"""The economic information (decision room) as a table and as documents. Only renders
``stats.economic.EconomicInformation``; no figure is computed here."""
