"""HTML of the release pages and parts: what changed, the versions, the QR code. Every text
that comes from the sources, catalogs or configuration is escaped here."""

from __future__ import annotations

import re
from datetime import UTC, datetime
from html import escape

import babel.dates
import segno

from build_tools.release.changes import ADDED, CHANGED, REMOVED

# Dates in each language's own form; sv is Finland-Swedish, en British English.
_BABEL_LOCALES = {"fi": "fi_FI", "sv": "sv_FI", "en": "en_GB"}
# Inline reST in a message: roles, hyperlink references, emphasis, literals, escapes.
_ROLE = re.compile(r":(?P<role>[a-z][a-z:+-]*):`(?P<text>[^`<]*?)\s*(?:<(?P<target>[^>]+)>)?`")
_LINK = re.compile(r"`(?P<text>[^`<]+?)\s*<[^>]+>`__?")
_MARKUP = re.compile(r"\*\*(.+?)\*\*|\*(.+?)\*|``(.+?)``|`(.+?)`_{0,2}")


def format_date(epoch: int, language: str) -> str:
    """A date as readers of `language` write it (1. joulukuuta 2026, 1 december 2026)."""
    moment = datetime.fromtimestamp(epoch, UTC).date()
    return babel.dates.format_date(moment, "long", locale=_BABEL_LOCALES.get(language, language))


def plain_text(message: str, titles: dict[str, str]) -> str:
    """A message's reST as the reader sees it: a :doc: reference shows the chapter's title."""
    def role(match: re.Match) -> str:
        if match["role"] == "doc" and not match["target"]:
            return titles.get(match["text"].strip("/"), match["text"])
        return match["text"]

    text = _LINK.sub(lambda m: m["text"], _ROLE.sub(role, message))
    text = _MARKUP.sub(lambda m: next(group for group in m.groups() if group), text)
    return re.sub(r"\\(.)", r"\1", text)


def changes_html(chapters: list[dict], titles: dict[str, str], labels: dict[str, str],
                 heading: int) -> str:
    """Per chapter a heading of level `heading` and a list of its changes."""
    parts = []
    for chapter in chapters:
        parts.append(f'<h{heading} class="changes-chapter">{escape(chapter["title"])}'
                     f"</h{heading}>")
        parts.append('<ul class="changes-list">')
        for change in chapter["changes"]:
            kind = change["kind"]
            old = escape(plain_text(change["old"], titles))
            new = escape(plain_text(change["new"], titles))
            parts.append(f'<li class="change change-{kind}">'
                         f'<p class="change-kind">{escape(labels[kind])}</p>')
            if kind == ADDED:
                parts.append(f'<p class="change-new"><ins>{new}</ins></p>')
            elif kind == REMOVED:
                parts.append(f'<p class="change-old"><del>{old}</del></p>')
            elif kind == CHANGED:
                parts.append(f'<p class="change-old"><span class="change-when">'
                             f'{escape(labels["before"])}</span> <del>{old}</del></p>'
                             f'<p class="change-new"><span class="change-when">'
                             f'{escape(labels["after"])}</span> <ins>{new}</ins></p>')
            parts.append("</li>")
        parts.append("</ul>")
    return "\n".join(parts)


def versions_html(releases: list[dict], language: str, to_releases: str,
                  pdf_title, labels: dict[str, str]) -> str:
    """The releases, newest first: date, the site and the PDFs in `language`."""
    if not releases:
        return f'<p>{escape(labels["none"])}</p>'
    parts = ['<ul class="handbook-versions">']
    for release in releases:
        version = escape(release["version"])
        date = escape(format_date(release["source_date_epoch"], language))
        base = f"{to_releases}{release['version']}/"
        parts.append(f'<li><p class="handbook-version-title"><strong>{escape(labels["version"])}'
                     f" {version}</strong>, {escape(labels['published'])} {date}: "
                     f'<a href="{escape(base)}html/{escape(language)}/index.html">'
                     f"{escape(labels['site'])}</a></p><ul>")
        for pdf in release["pdfs"]:
            if pdf["language"] == language:
                parts.append(f'<li><a href="{escape(base + pdf["path"])}" '
                             f'type="application/pdf">{escape(pdf_title(pdf))} (PDF)</a></li>')
        parts.append("</ul></li>")
    parts.append("</ul>")
    return "\n".join(parts)


def qr_code(address: str) -> dict:
    """The address as a QR code: its dark modules as horizontal runs, in per cent of the
    code's side, for boxes of ink (release.css) that follow the book's colour space."""
    code = segno.make(address, error="m")
    size = len(code.matrix)
    runs = []
    for top, row in enumerate(code.matrix):
        left = 0
        while left < size:
            width = next((i for i, dark in enumerate(row[left:]) if not dark), size - left)
            if width:
                runs.append({"left": _percent(left, size), "top": _percent(top, size),
                             "width": _percent(width, size)})
                left += width
            else:
                left += 1
    # A hair more than a module: rows meet without a seam of paper between them.
    return {"runs": runs, "height": _percent(1, size) + 0.01}


def _percent(modules: int, size: int) -> float:
    return round(100 * modules / size, 4)
