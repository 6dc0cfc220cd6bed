"""Move the single-year own-budget lines of ``finance`` (``OwnBudgetLine``: a category's
budget and outcome for a year) into the `Förbundsbudget` (``OwnBudgetAmount``, version
budget) on one `Driftrader` row per category; ``finance/0004`` then drops the old table.

- Each category gets the drift row ``egen_<category>`` (group ``administration``, the
  association's own costs) unless the association already has a row with that code; the
  row has no accounts, so the office maps it to its accounts (workbook `Driftrader`).
- The budget (whole kronor) is copied exactly; running it again writes the same amounts.
- The hand-entered outcome has no place in the contract's `Förbundsbudget` (the outcome of
  a drift row comes from the ledger); the outcomes that were not zero are counted on
  stdout so the office knows to import the year's SIE file.
"""

from django.db import migrations

#: category of the old model -> (code of the drift row, its label)
CATEGORY_ROWS = {
    "administration": ("egen_administration", "Administration"),
    "styrelse": ("egen_styrelse", "Styrelse"),
    "kansli_personal": ("egen_kansli_personal", "Kansli och personal"),
    "ovrigt": ("egen_ovrigt", "Övrigt"),
}
GROUP = "administration"
#: rows made here come after the association's own rows, in the old category order
FIRST_POSITION = 10_000


def move_own_budget_lines(apps, schema_editor=None, *, out=print):
    """Copy every ``finance.OwnBudgetLine`` into ``ledger.OwnBudgetAmount``; returns how
    many budget amounts it wrote."""
    OwnBudgetLine = apps.get_model("finance", "OwnBudgetLine")
    OperatingRow = apps.get_model("ledger", "OperatingRow")
    OwnBudgetAmount = apps.get_model("ledger", "OwnBudgetAmount")
    written = 0
    outcomes = 0
    rows = {}
    order = list(CATEGORY_ROWS)
    for line in OwnBudgetLine._base_manager.order_by("association_id", "year", "category"):
        code, label = CATEGORY_ROWS[line.category]
        key = (line.association_id, code)
        if key not in rows:
            rows[key], _created = OperatingRow._base_manager.get_or_create(
                association_id=line.association_id,
                code=code,
                defaults={
                    "label": label,
                    "group": GROUP,
                    "accounts": "",
                    "object_list": "",
                    "position": FIRST_POSITION + order.index(line.category),
                },
            )
        OwnBudgetAmount._base_manager.update_or_create(
            association_id=line.association_id,
            row=rows[key],
            year=line.year,
            version="budget",
            defaults={"amount": int(line.budget)},
        )
        written += 1
        if line.outcome:
            outcomes += 1
    if outcomes:
        out(
            f"  {outcomes} own-budget outcomes entered by hand were not moved: the outcome "
            "of a drift row comes from the ledger (import the year's SIE file)."
        )
    return written


class Migration(migrations.Migration):
    dependencies = [
        ("ledger", "0003_adopted_report"),
        ("finance", "0003_amount_upper_bound"),
    ]

    operations = [
        migrations.RunPython(move_own_budget_lines, migrations.RunPython.noop, elidable=False),
    ]
