"""QR codes for the anonymous links, as inline SVG (no image files, no JavaScript)."""

from __future__ import annotations

from django.utils.safestring import SafeString, mark_safe


def qr_svg(url: str, *, scale: int = 8) -> SafeString:
    """The URL as an SVG QR code (error correction M, title for screen readers)."""
    import segno

    code = segno.make(url, error="m", micro=False)
    svg = code.svg_inline(scale=scale, title=url, svgclass="qr-code", lineclass=None)
    return mark_safe(svg)  # noqa: S308  # segno's own SVG of our own URL
