"""Data tables for the pages: one tag writes what every table repeats.

Every list on a page is a ``<table>`` with a caption, a row of column headings
(``<th scope="col">``, number columns right-aligned) and, when there is nothing to list, one
row that spans every column and says so. The tag writes those (as ``{{ value }}`` would:
localised and escaped); the page writes its rows::

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
from django.template.base import (
    FilterExpression,
    NodeList,
    Parser,
    Token,
    render_value_in_context,
    token_kwargs,
)
from django.template.context import Context
from django.utils.html import format_html, format_html_join
from django.utils.safestring import mark_safe

register = template.Library()

OPTIONS = frozenset({"caption", "count", "num", "empty", "id", "class"})


@dataclass(frozen=True)
class Column:
    """One column heading: its text (or a value such as a year) and whether the column holds
    numbers."""

    label: object
    num: bool


NUM = mark_safe(' class="num"')


def text(value: object, context: Context) -> str:
    """A value as ``{{ value }}`` writes it: localised and escaped."""
    return render_value_in_context(value, context)


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
        if "empty" in values and not body.strip():
            body = format_html(
                '\n    <tr><td colspan="{}">{}</td></tr>\n  ',
                len(columns),
                text(values["empty"], context),
            )
        caption = text(values.get("caption", ""), context)
        if "count" in values:
            caption = format_html("{} ({})", caption, text(values["count"], context))
        attributes = format_html_join(
            "", ' {}="{}"', ((name, values[name]) for name in ("id", "class") if values.get(name))
        )
        headings = format_html_join(
            "",
            '<th scope="col"{}>{}</th>',
            ((NUM if column.num else "", text(column.label, context)) for column in columns),
        )
        foot = ""
        if self.foot is not None:
            foot = format_html("\n  <tfoot>{}</tfoot>", self.foot.render(context))
        return format_html(
            "<table{}>\n  <caption>{}</caption>\n  <thead><tr>{}</tr></thead>\n"
            "  <tbody>{}</tbody>{}\n</table>",
            attributes,
            caption,
            headings,
            body,
            foot,
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
