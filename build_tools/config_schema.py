"""The keys handbook.toml may hold, their types and defaults, and the checker that reports
a wrong one as 'file:line: message'."""

from __future__ import annotations

import json
import re
import unicodedata
from pathlib import Path
from typing import NoReturn

from build_tools.errors import ConfigError
from build_tools.formats import EMAIL_PATTERN, FORMATS, SITE_URL_MAX_BYTES
from build_tools.locations import line_of_key, shown

# Allowed keys per table, with the type each value must have.
SCHEMA: dict[str, dict[str, type]] = {
    "project": {"slug": str, "title": str, "author": str, "source_language": str},
    "language": {"name": str},
    "edition": {"tag": str, "title": str, "audience": str, "page_size": str, "variants": list},
    "variant": {"label": str},
    "supervision": {"name": str, "url": str},
}
# Keys a table may leave out, with the value that applies then.
OPTIONAL: dict[str, dict[str, object]] = {
    # Where readers send feedback on accessibility (Act 306/2019); a language may have its own.
    "project": {"feedback_email": "", "version": "", "site_url": ""},
    "language": {"feedback_email": ""},
    "edition": {"keywords": []},
    # How to reach the supervisory authority besides its web address: an e-mail address,
    # a telephone number or a web address.
    "supervision": {"contact": ""},
    "variant": {"pdf_variant": "", "page_size": "", "bleed_mm": 0, "slug_mm": 0,
                "crop_marks": False, "two_sided": False, "output_intent": "", "binding": "",
                "pages_from": "", "imposition": "", "sheet_size": ""},
}
NAME_PATTERN = re.compile(r"^[a-z][a-z0-9_-]*\Z")  # \Z: `$` would allow a final newline
_TELEPHONE = re.compile(r"\+?[0-9][0-9 ()-]{5,}\Z")
# Texts readers see (translated in handbook.po); the names and codes have patterns of their own.
_TEXTS = ("title", "author", "audience", "label", "name")
# Lists whose items are texts: edition names of variants, keywords for the PDFs' metadata.
_TEXT_LISTS = ("variants", "keywords")
# Bidirectional embeddings, overrides and isolates: they make a title print other than it reads.
_BIDI_CONTROLS = frozenset("\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069")


def text_problem(value: str) -> str | None:
    """Why a text of handbook.toml cannot be used, or None. An empty title would be looked
    up in the catalogs as msgid "", which gettext answers with the catalog's header."""
    if not value.strip():
        return "is empty; give it a value"
    bad = next((c for c in value if unicodedata.category(c) == "Cc" or c in _BIDI_CONTROLS), None)
    if bad is not None:
        return (f"holds the invisible character U+{ord(bad):04X}: a title, name or label is one "
                "line of visible text")
    return None


class TableChecker:
    """Checks tables against SCHEMA and reports problems as 'file:line: message'."""

    def __init__(self, path: Path, text: str):
        self.path = path
        self.text = text

    def fail(self, key: str, message: str, table: str | None = None) -> NoReturn:
        line = line_of_key(self.text, key, table)
        where = f"{shown(self.path)}:{line}" if line else shown(self.path)
        raise ConfigError(f"{where}: {message}")

    def table(self, data, kind: str, where: str) -> dict:
        if not isinstance(data, dict):
            self.fail(where.split(".")[-1], f"[{where}] must be a table")
        optional = OPTIONAL.get(kind, {})
        schema = SCHEMA[kind] | {key: type(default) for key, default in optional.items()}
        for key, value in data.items():
            if key not in schema:
                self.fail(key, f"unknown key {key!r} in [{where}]; "
                               f"allowed keys: {', '.join(schema)}", where)
            # TOML integers are fine where a number of millimetres is expected.
            expected = (int, float) if schema[key] in (int, float) else schema[key]
            if not isinstance(value, expected) or (
                    isinstance(value, bool) and expected is not bool):
                wanted = "number" if isinstance(expected, tuple) else expected.__name__
                self.fail(key, f"{key!r} in [{where}] must be a "
                               f"{wanted}, not {type(value).__name__}", where)
            if key in _TEXTS and isinstance(value, str) and (problem := text_problem(value)):
                self.fail(key, f"{key!r} in [{where}] {problem}", where)
            if key in _TEXT_LISTS and isinstance(value, list):
                self._text_list(key, value, where)
            if key in FORMATS and not FORMATS[key][0].match(str(value)):
                self.fail(key, f"{key} {value!r} in [{where}] must be {FORMATS[key][1]}", where)
            if key == "site_url" and len(str(value).encode()) > SITE_URL_MAX_BYTES:
                self.fail(key, f"{key} in [{where}] is {len(str(value).encode())} bytes long; "
                               "the back cover's QR code stays readable up to "
                               f"{SITE_URL_MAX_BYTES}: use a shorter address", where)
            if key == "feedback_email" and not EMAIL_PATTERN.match(str(value)):
                self.fail(key, f"{key} {value!r} in [{where}] is not an e-mail address "
                               "(name@example.fi, of letters a-z, digits and . _ + -)", where)
            if key == "contact" and not any(re.fullmatch(pattern, str(value)) for pattern
                                            in (EMAIL_PATTERN, _TELEPHONE, FORMATS["url"][0])):
                self.fail(key, f"{key} {value!r} in [{where}] is not an e-mail address, a "
                               "telephone number or an http(s) address", where)
        missing = [key for key in SCHEMA[kind] if key not in data]
        if missing:
            self.fail(where, f"[{where}] is missing {', '.join(missing)}")
        return optional | data

    def _text_list(self, key: str, values: list, where: str) -> None:
        """Each item a text, each once: a list or table in `variants` crashed the loader."""
        for value in values:
            if not isinstance(value, str):
                self.fail(key, f"{key!r} in [{where}] must hold texts in quotes, not "
                               f"{type(value).__name__} {value!r}", where)
            if problem := text_problem(value):
                self.fail(key, f"an item of {key!r} in [{where}] {problem}", where)
        repeated = sorted({value for value in values if values.count(value) > 1})
        if repeated:
            self.fail(key, f"{key!r} in [{where}] names {', '.join(map(repr, repeated))} more "
                           "than once; name each once", where)

    def named_tables(self, data: dict, group: str, kind: str) -> dict:
        tables = data.get(group)
        if not isinstance(tables, dict) or not tables:
            self.fail(group, f"declare at least one [{group}.<name>] table")
        for name in tables:
            if not NAME_PATTERN.match(name):
                # A name TOML needs quotes for ([languages."sv\n"]) is found as written.
                written = name if re.fullmatch(r"[A-Za-z0-9_-]+", name) else json.dumps(name)
                self.fail(f"{group}.{written}", f"name {name!r} in [{group}] must be lower "
                                                "case letters, digits, '-' or '_'")
        return {name: self.table(value, kind, f"{group}.{name}")
                for name, value in tables.items()}
