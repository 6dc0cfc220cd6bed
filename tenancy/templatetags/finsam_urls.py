"""``{% url %}`` with each reversed URL kept per process: ``{% load finsam_urls %}`` after
Django's own tags replaces the ``url`` tag of that template.

Django reverses a URL name anew for every ``{% url %}``, some 40 µs each; a list page
writes one to four links per row (the quarter overview ~160 a page, the budget ~140). The
URL a name and its arguments reverse to depends only on the URL configuration, the script
prefix, the current application and the language (none of which a request changes here:
the key holds all of them), so the result is kept (``lru_cache``, bounded). Only names and
arguments that are plain ``str`` or ``int`` are kept; anything else (a model instance, a
lazy text) is reversed as Django does. A name that does not reverse is never kept: it
raises, or gives "" with ``as``, exactly as Django's tag.
"""

from __future__ import annotations

from functools import lru_cache
from typing import Any

from django import template
from django.template import defaulttags
from django.template.base import Parser, Token
from django.template.context import Context
from django.urls import NoReverseMatch, get_resolver, get_script_prefix, get_urlconf, reverse
from django.utils.html import conditional_escape
from django.utils.safestring import SafeString
from django.utils.translation import get_language

register = template.Library()

_PLAIN = (str, SafeString, int)


@lru_cache(maxsize=20_000)
def _reverse(
    view_name: str,
    args: tuple[Any, ...],
    kwargs: tuple[tuple[str, Any], ...],
    current_app: str | None,
    resolver: object,
    prefix: str,
    language: str | None,
) -> str:
    # ``resolver``, ``prefix`` and ``language`` are the cache's key only; ``reverse`` reads
    # them itself (a changed URL configuration is a new resolver object).
    return reverse(view_name, args=args, kwargs=dict(kwargs), current_app=current_app)


def _plain(value: object) -> bool:
    return type(value) in _PLAIN


def cached_reverse(
    view_name: Any, args: list[Any], kwargs: dict[str, Any], current_app: Any
) -> str:
    """``reverse(...)``, from the per-process cache when every part is plain."""
    if (
        _plain(view_name)
        and (current_app is None or type(current_app) is str)
        and all(_plain(arg) for arg in args)
        and all(_plain(value) for value in kwargs.values())
    ):
        return _reverse(
            view_name,
            tuple(args),
            tuple(sorted(kwargs.items())),
            current_app,
            get_resolver(get_urlconf()),
            get_script_prefix(),
            get_language(),
        )
    return reverse(view_name, args=args, kwargs=kwargs, current_app=current_app)


class CachedURLNode(defaulttags.URLNode):
    def render(self, context: Context) -> str:
        # Django's ``URLNode.render`` with ``cached_reverse`` for ``reverse``.
        args = [arg.resolve(context) for arg in self.args]
        kwargs = {k: v.resolve(context) for k, v in self.kwargs.items()}
        view_name = self.view_name.resolve(context)
        try:
            current_app = context.request.current_app  # type: ignore[attr-defined]
        except AttributeError:
            try:
                current_app = context.request.resolver_match.namespace  # type: ignore[attr-defined]
            except AttributeError:
                current_app = None
        url = ""
        try:
            url = cached_reverse(view_name, args, kwargs, current_app)
        except NoReverseMatch:
            if self.asvar is None:
                raise
        if self.asvar:
            context[self.asvar] = url
            return ""
        if context.autoescape:
            url = conditional_escape(url)
        return url


@register.tag
def url(parser: Parser, token: Token) -> CachedURLNode:
    """Django's ``{% url %}`` (same syntax, same text), reversed once per process."""
    node = defaulttags.url(parser, token)
    return CachedURLNode(node.view_name, node.args, node.kwargs, node.asvar)
