"""Documents of the annual report: render ``stats.annual`` figures, compute nothing."""
