"""The formats of handbook.toml's [project] version and site_url and of the supervisory
authority's url, and how versions sort."""

from __future__ import annotations

import re

# "1.0", "2026.2": numbers separated by dots, compared as numbers (1.10 after 1.9).
VERSION_PATTERN = re.compile(r"^[0-9]+(\.[0-9]+){0,3}$")
# An address a reader can open and a QR code can carry: http(s), a host, no spaces or quotes.
SITE_URL_PATTERN = re.compile(r"^https?://[A-Za-z0-9.-]+(:[0-9]+)?(/[^\s\"'<>]*)?$")
# {key: (pattern, what a value must be)} for the configuration's error messages.
FORMATS = {"version": (VERSION_PATTERN, 'numbers separated by dots, such as "1.0"'),
           "site_url": (SITE_URL_PATTERN, "an http:// or https:// address without spaces or "
                                          'quotes, such as "https://ohje.example.fi/"'),
           "url": (SITE_URL_PATTERN, "an http:// or https:// address without spaces or quotes")}


def version_key(version: str) -> tuple[int, ...]:
    """The order of versions: 1.10 comes after 1.9."""
    return tuple(int(part) for part in version.split("."))
