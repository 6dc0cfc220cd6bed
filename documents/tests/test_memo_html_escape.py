"""The memo page's own ``escape`` writes what Django's does."""

from __future__ import annotations

from django.utils import html as django_html
from hypothesis import given
from hypothesis import strategies as st

from documents.memo.html import escape


@given(st.one_of(st.text(), st.text(alphabet="&<>\"'ab ").map(str), st.integers()))
def test_escape_any_text_equals_django_escape(text: object) -> None:
    assert escape(text) == str(django_html.escape(text))
