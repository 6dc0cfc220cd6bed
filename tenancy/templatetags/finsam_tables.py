"""Data tables for the pages: one tag writes what every table repeats.

Every list on a page is a ``<table>`` with a caption, a row of column headings
(``<th scope="col">``, number columns right-aligned) and, when there is nothing to list, one
row that spans every column and says so. The tag writes those; the page writes its rows::

    {% load finsam_tables %}
    {% table _("Namn") _("Andel") caption=_("Medlemmar") num="2" empty=_("Inga medlemmar.") %}
      {% for member in object_list %}<tr>…</tr>{% endfor %}
    {% endtable %}

- positional arguments: the column headings, in order; an empty one (a variable that is
  empty, e.g. set only for a role that may act on the rows) leaves its column out;
- ``caption``: the table's caption; ``count``: a number shown after it in parentheses;
- ``num``: the places (1 for the first heading, comma-separated) of the number columns;
- ``empty``: when the rows between the tags come out blank, the body is one row with this;
- ``id``, ``class``: the table's attributes.
What stands between the tags is the table body (inside ``<tbody>``); rows after an optional
``{% tablefoot %}`` are its foot (inside ``<tfoot>``), e.g. the sums.
"""

from __future__ import annotations

from dataclasses import dataclass

from django import template
from django.template import Engine
from django.template.base import FilterExpression, NodeList, Parser, Token, token_kwargs
from django.template.context import Context

register = template.Library()

OPTIONS = frozenset({"caption", "count", "num", "empty", "id", "class"})


@dataclass(frozen=True)
class Column:
    """One column heading: its text (or a value such as a year) and whether the column holds
    numbers."""

    label: object
    num: bool


def resolve(expression: FilterExpression, context: Context) -> object:
    """The value of an argument; a ``_("…")`` text as ``{% translate %}`` gives it (Django
    doubles its percent signs for string formatting, and ``{% translate %}`` undoes that)."""
    value = expression.resolve(context)
    if expression.token.startswith("_("):
        return str(value).replace("%%", "%")
    return value


class TableNode(template.Node):
    def __init__(
        self,
        headings: list[FilterExpression],
        options: dict[str, FilterExpression],
        nodelist: NodeList,
        foot: NodeList | None,
    ) -> None:
        self.headings = headings
        self.options = options
        self.nodelist = nodelist
        self.foot = foot

    def render(self, context: Context) -> str:
        values = {name: resolve(value, context) for name, value in self.options.items()}
        num = {int(place) for place in str(values.get("num") or "").split(",") if place.strip()}
        labels = [resolve(heading, context) for heading in self.headings]
        columns = [
            Column(label, place in num) for place, label in enumerate(labels, start=1) if label
        ]
        body = self.nodelist.render(context)
        show_empty = "empty" in values and not body.strip()
        engine = context.template.engine if context.template else Engine.get_default()
        table = engine.get_template("includes/data_table.html")
        return table.render(
            context.new(
                {
                    "columns": columns,
                    "caption": values.get("caption", ""),
                    "has_count": "count" in values,
                    "count": values.get("count"),
                    "show_empty": show_empty,
                    "empty": values.get("empty", ""),
                    "body": body,
                    "foot": self.foot.render(context) if self.foot is not None else "",
                    "table_id": values.get("id", ""),
                    "table_class": values.get("class", ""),
                }
            )
        )


@register.tag("table")
def do_table(parser: Parser, token: Token) -> TableNode:
    """``{% table heading… caption=… %}rows[{% tablefoot %}rows]{% endtable %}`` (see the
    module's docstring)."""
    bits = token.split_contents()[1:]
    headings: list[FilterExpression] = []
    options: dict[str, FilterExpression] = {}
    for bit in bits:
        option = token_kwargs([bit], parser)
        if option:
            name = next(iter(option))
            if name not in OPTIONS:
                raise template.TemplateSyntaxError(f"table: unknown option {name!r}")
            options.update(option)
        elif options:
            raise template.TemplateSyntaxError("table: the headings come before the options")
        else:
            headings.append(parser.compile_filter(bit))
    if "caption" not in options:
        raise template.TemplateSyntaxError("table: every table has a caption")
    nodelist = parser.parse(("tablefoot", "endtable"))
    foot = None
    if parser.next_token().contents == "tablefoot":
        foot = parser.parse(("endtable",))
        parser.delete_first_token()
    return TableNode(headings, options, nodelist, foot)
