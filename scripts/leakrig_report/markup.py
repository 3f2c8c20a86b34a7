"""Escaping for HTML and SVG. Every string that comes from a run folder goes
through one of these before it reaches markup."""

from __future__ import annotations

import html
import re
import urllib.parse

# Characters XML 1.0 forbids even escaped: one in an SVG makes the whole
# file fail to parse, so data that holds them (a garbled dump) is cleaned.
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


def esc(value: object) -> str:
    """Text or attribute value, quotes included (valid in HTML and XML)."""
    return html.escape(_NOT_XML.sub("\ufffd", str(value)), quote=True)


def href(relative_path: str) -> str:
    """A link to a file in the run folder. Percent-encoding every segment
    also encodes ':', so no path can turn into a "javascript:" or other
    scheme URL; absolute and parent paths are refused (empty result)."""
    parts = relative_path.replace("\\", "/").split("/")
    if relative_path.startswith("/") or any(p in ("", "..") for p in parts):
        return ""
    return esc("/".join(urllib.parse.quote(p, safe="") for p in parts))


def number(value: float, digits: int = 2) -> str:
    """Fixed precision without trailing zeros: 12.50 -> "12.5", 3.0 -> "3"."""
    text = f"{value:.{digits}f}".rstrip("0").rstrip(".")
    return "0" if text in ("", "-0") else text
