"""The formats of handbook.toml's [project] version, site_url and feedback_email and of the
supervisory authority's url, and how versions sort."""

from __future__ import annotations

import re

# Each pattern is anchored with \Z: `$` would let a value end in a newline.
# "1.0", "2026.2": numbers separated by dots, compared as numbers (1.10 after 1.9).
VERSION_PATTERN = re.compile(r"^[0-9]+(\.[0-9]+){0,3}\Z")
# An address a reader can open and a QR code can carry: http(s), a host, then letters,
# digits and URL punctuation only. No spaces or quotes (they end an HTML attribute), no
# control or format characters (U+202E prints another address than the one linked).
SITE_URL_PATTERN = re.compile(r"^https?://[A-Za-z0-9.-]+(:[0-9]+)?"
                              r"(/[\w\-.~:/?#\[\]@!$&()*+,;=%]*)?\Z")
# The back cover's 28 mm QR code of the address (site_url + /html/<lang>/) stays a version
# 10 code at error level M, about 0.5 mm a module, up to 213 bytes; segno gives up at 2331.
SITE_URL_MAX_BYTES = 200
# A plain address: a `?` would add mailto: parameters (cc, bcc) to every reader's message.
EMAIL_PATTERN = re.compile(r"^[A-Za-z0-9._+-]+@[A-Za-z0-9-]+(\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}\Z")
# {key: (pattern, what a value must be)} for the configuration's error messages.
FORMATS = {"version": (VERSION_PATTERN, 'numbers separated by dots, such as "1.0"'),
           "site_url": (SITE_URL_PATTERN, "an http:// or https:// address of letters, digits "
                                          "and URL punctuation, without spaces, quotes or "
                                          'invisible characters, such as "https://ohje.example.fi/"'),
           "url": (SITE_URL_PATTERN, "an http:// or https:// address of letters, digits and "
                                     "URL punctuation, without spaces, quotes or invisible "
                                     "characters")}


def version_key(version: str) -> tuple[int, ...]:
    """The order of versions: 1.10 comes after 1.9."""
    return tuple(int(part) for part in version.split("."))
