"""The language chooser at build/html/index.html: every site, named in its own language."""

from __future__ import annotations

import gettext
from html import escape
from pathlib import Path

from build_tools.config import HandbookConfig
from build_tools.files import write_if_changed
from build_tools.i18n.catalogs import LABELS_DOMAIN
from build_tools.paths import LOCALE_DIR

_PAGE = """<!DOCTYPE html>
<html lang="mul">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{title}</title>
<link rel="icon" href="{source_language}/_static/favicon.svg" type="image/svg+xml">
{alternates}
<style>
body {{ font-family: system-ui, sans-serif; max-width: 36rem; margin: 4rem auto; padding: 0 1rem;
       line-height: 1.5; color: #1a1a1a; }}
h1 {{ font-size: 1.5rem; }}
ul {{ list-style: none; padding: 0; }}
li {{ margin: 0 0 1rem; }}
a {{ font-size: 1.25rem; font-weight: 600; }}
</style>
</head>
<body>
<main>
<h1>{heading}</h1>
<ul>
{items}
</ul>
</main>
</body>
</html>
"""


def language_index(config: HandbookConfig, locale_dir: Path = LOCALE_DIR) -> str:
    """The chooser page: a link per language, with the handbook's title in that language."""
    titles, headings, items, alternates = [], [], [], []
    for language in config.languages.values():
        translation = gettext.translation(LABELS_DOMAIN, locale_dir, [language.code],
                                          fallback=True)
        title = translation.gettext(config.title)
        code = escape(language.code)
        if title not in titles:
            titles.append(title)
            headings.append(f'<span lang="{code}">{escape(title)}</span>')
        items.append(f'<li lang="{code}"><a href="{code}/index.html" hreflang="{code}">'
                     f'{escape(language.name)}</a><br>{escape(title)}</li>')
        alternates.append(f'<link rel="alternate" hreflang="{code}" href="{code}/index.html">')
    return _PAGE.format(title=escape(" · ".join(titles)), heading=" · ".join(headings),
                        items="\n".join(items), alternates="\n".join(alternates),
                        source_language=escape(config.source_language))


def write_language_index(config: HandbookConfig, html_root: Path,
                         locale_dir: Path = LOCALE_DIR) -> Path:
    """Write build/html/index.html; the catalogs must be compiled already."""
    path = html_root / "index.html"
    write_if_changed(path, language_index(config, locale_dir).encode("utf-8"))
    return path
