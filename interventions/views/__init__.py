"""Pages for interventions, their goals and budgets, and steering groups."""
