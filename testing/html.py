"""Reading rendered pages in tests: the attributes and text of elements, no selectors."""

from __future__ import annotations

from html.parser import HTMLParser

VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source"}


class _Collector(HTMLParser):
    def __init__(self, tag: str, attribute: str | None) -> None:
        super().__init__(convert_charrefs=True)
        self.tag, self.attribute = tag, attribute
        self.found: list[tuple[dict[str, str], list[str]]] = []
        self.open: list[tuple[int, list[str]]] = []  # (depth of the match, its text parts)
        self.depth = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in VOID:
            self.handle_startendtag(tag, attrs)
            return
        self.depth += 1
        if self._matches(tag, attrs):
            text: list[str] = []
            self.found.append(({k: v or "" for k, v in attrs}, text))
            self.open.append((self.depth, text))

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if self._matches(tag, attrs):
            self.found.append(({k: v or "" for k, v in attrs}, []))

    def handle_endtag(self, tag: str) -> None:
        if tag in VOID:
            return
        while self.open and self.open[-1][0] >= self.depth:
            self.open.pop()
        self.depth -= 1

    def handle_data(self, data: str) -> None:
        for _depth, text in self.open:
            text.append(data)

    def _matches(self, tag: str, attrs: list[tuple[str, str | None]]) -> bool:
        return tag == self.tag and (
            self.attribute is None or any(k == self.attribute for k, _v in attrs)
        )


def elements(html: str, tag: str, attribute: str | None = None) -> list[dict[str, str]]:
    """The attributes of every ``tag`` (that has ``attribute``), in page order."""
    collector = _Collector(tag, attribute)
    collector.feed(html)
    return [attrs for attrs, _text in collector.found]


def texts(html: str, tag: str, attribute: str | None = None) -> list[str]:
    """The text of every ``tag`` (that has ``attribute``), whitespace collapsed."""
    collector = _Collector(tag, attribute)
    collector.feed(html)
    return [" ".join("".join(text).split()) for _attrs, text in collector.found]
