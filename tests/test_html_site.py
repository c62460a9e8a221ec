"""Build the HTML site for real and check what a visitor gets."""

from __future__ import annotations

import re
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urldefrag

SOURCE = Path(__file__).resolve().parent.parent / "source"


class _Page(HTMLParser):
    def __init__(self):
        super().__init__()
        self.lang = None
        self.title = ""
        self.links = []
        self._in_title = False

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "html":
            self.lang = attrs.get("lang")
        elif tag == "title" and not self.title:
            self._in_title = True
        elif tag == "a" and attrs.get("href"):
            self.links.append(attrs["href"])

    def handle_endtag(self, tag):
        if tag == "title":
            self._in_title = False

    def handle_data(self, data):
        if self._in_title:
            self.title += data


def parse(path: Path) -> _Page:
    page = _Page()
    page.feed(path.read_text(encoding="utf-8"))
    return page


def test_lang_on_every_page(html_sites):
    for lang, index in html_sites.items():
        for path in index.parent.glob("*.html"):
            assert parse(path).lang == lang, path


def test_page_titles_carry_the_handbook_title(html_sites, config):
    site = html_sites[config.source_language].parent
    for path in site.glob("*.html"):
        title = parse(path).title.strip()
        assert title == config.title or title.endswith(f" - {config.title}"), path


def test_every_chapter_is_reachable_from_the_front_page(html_sites):
    chapters = {p.stem for p in SOURCE.glob("*.rst")}
    for lang, index in html_sites.items():
        site = index.parent
        seen, queue = set(), ["index.html"]
        while queue:
            name = queue.pop()
            if name in seen or not (site / name).is_file():
                continue
            seen.add(name)
            for href in parse(site / name).links:
                target = urldefrag(href).url
                if target and not re.match(r"[a-z]+:", target) and target.endswith(".html"):
                    queue.append(target)
        assert {f"{c}.html" for c in chapters} <= seen, lang
