"""The translated editions for real: sv and en sites and PDFs, UI strings, switcher, search."""

from __future__ import annotations

import json
import re
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urljoin, urlparse

import pytest
from babel import Locale
from babel.messages.pofile import read_po
from pypdf import PdfReader
from sphinx.search.fi import SearchFinnish

from build_tools.paths import LOCALE_DIR
from tests.building import build_html, build_pdfs
from tests.pdf_inspect import normalize, page_texts

TRANSLATED = ("sv", "en")
# What the translated cover and metadata say; the msgids are Finnish in handbook.po.
AUTHOR = {"sv": "Villmanstrands stad", "en": "City of Lappeenranta"}
# Theme and Sphinx strings that Sphinx's own Finnish catalog leaves in English.
ENGLISH_UI = ("Search", "Contents", "Light mode", "Dark mode", "Skip to content", "Made with",
              "Back to top", "On this page", "Previous", "Next", "Menu", "Toggle",
              "Link to this heading", "Copyright")


class _Page(HTMLParser):
    """Text and attributes of a page, telling apart text in another language (lang=...)."""

    def __init__(self, page_lang: str):
        super().__init__(convert_charrefs=True)
        self.page_lang = page_lang
        self.stack: list[tuple[str, str]] = []
        self.text: list[str] = []          # text in the page's language
        self.labels: list[str] = []        # title, aria-label, placeholder attributes
        self.links: list[tuple[str, dict]] = []
        self.fallback: list[str] = []      # elements marked as in the source language

    def _lang(self) -> str:
        return self.stack[-1][1] if self.stack else self.page_lang

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        lang = attrs.get("lang") or self._lang()
        if tag not in ("br", "img", "input", "meta", "link", "hr", "use", "path"):
            self.stack.append((tag, lang))
        if lang == self.page_lang:
            self.labels += [attrs[a] for a in ("title", "aria-label", "placeholder") if a in attrs]
        if tag == "a" and "href" in attrs:
            self.links.append((attrs["href"], attrs))
        if "lang" in attrs and attrs["lang"] != self.page_lang and tag not in ("li", "html"):
            self.fallback.append(tag)

    def handle_endtag(self, tag):
        while self.stack:
            if self.stack.pop()[0] == tag:
                break

    def handle_data(self, data):
        if self.stack and self.stack[-1][0] in ("script", "style"):
            return
        if data.strip() and self._lang() == self.page_lang:
            self.text.append(data.strip())


def parse(path: Path, lang: str) -> _Page:
    page = _Page(lang)
    page.feed(path.read_text(encoding="utf-8"))
    return page


def chapter_messages(language: str) -> list[tuple[str, str]]:
    """(Finnish msgid, translation) of every chapter message of a language."""
    pairs = []
    for path in sorted((LOCALE_DIR / language / "LC_MESSAGES").glob("*.po")):
        if path.stem in ("handbook", "sphinx"):
            continue
        with open(path, "rb") as file:
            pairs += [(normalize(m.id), normalize(m.string)) for m in read_po(file) if m.id]
    return pairs


@pytest.fixture(scope="module")
def translated_pdfs(config, build_dir):
    """Both editions in sv and en: {(edition, lang): path}."""
    artifacts = build_pdfs(config, config.select_languages(",".join(TRANSLATED)),
                           config.select_editions(), build_dir)
    return {(a.target.edition, a.target.language): a.path for a in artifacts}


@pytest.mark.parametrize("lang", TRANSLATED)
def test_translated_pdfs_are_in_their_language(translated_pdfs, config, lang):
    messages = chapter_messages(lang)
    for edition in config.editions.values():
        reader = PdfReader(translated_pdfs[(edition.name, lang)])
        assert str(reader.trailer["/Root"]["/Lang"]) == lang
        assert reader.metadata.author == AUTHOR[lang]
        title = reader.metadata.title
        assert title and title != edition.title
        texts = page_texts(reader)
        assert normalize(title) in texts[0] and AUTHOR[lang] in texts[0]
        text = " ".join(texts)
        for finnish, _translation in messages:
            if len(finnish) > 30:  # a sentence, not a shared proper name
                assert finnish not in text, f"Finnish paragraph in the {lang} PDF: {finnish!r}"
        # The translation of the edition's own foreword is there.
        assert sum(translation in text for _, translation in messages if len(translation) > 30) > 10


@pytest.mark.parametrize("lang", TRANSLATED)
def test_translated_sites_have_no_finnish_paragraphs(html_sites, lang):
    messages = chapter_messages(lang)
    site = html_sites[lang].parent
    seen_translations = 0
    for path in site.glob("*.html"):
        page = parse(path, lang)
        assert page.fallback == [], f"{path.name}: text fell back to Finnish in {page.fallback}"
        text = normalize(" ".join(page.text))
        for finnish, translation in messages:
            if len(finnish) > 30:
                assert finnish not in text, f"{path.name}: {finnish!r}"
            seen_translations += translation in text
    assert seen_translations >= len(messages) // 2


def test_finnish_site_has_no_english_ui_strings(html_sites):
    for path in html_sites["fi"].parent.glob("*.html"):
        page = parse(path, "fi")
        shown = " ".join(page.text + page.labels)
        for english in ENGLISH_UI:
            assert not re.search(rf"\b{english}\b", shown), f"{path.name}: {english!r}"


def test_language_switcher_links_the_same_page_in_every_language(html_sites, config):
    for lang, index in html_sites.items():
        for path in index.parent.glob("*.html"):
            switcher = {attrs["hreflang"]: href for href, attrs in parse(path, lang).links
                        if "hreflang" in attrs}
            assert set(switcher) == set(config.languages) - {lang}, path
            for other, href in switcher.items():
                assert href == f"../{other}/{path.name}"
                assert (path.parent / href).resolve().is_file()


def test_every_page_links_the_pdfs_of_its_language(html_sites, config):
    for lang, index in html_sites.items():
        expected = {config.pdf_name(edition, config.languages[lang], variant)
                    for edition in config.editions.values() for variant in edition.variants}
        for path in index.parent.glob("*.html"):
            pdfs = {href for href, _ in parse(path, lang).links if href.endswith(".pdf")}
            # Relative to build/html/<lang>/: served with build/ as the web root, the
            # PDFs are at /pdf/.
            assert {urlparse(urljoin(f"http://host/html/{lang}/{path.name}", href)).path
                    for href in pdfs} == {f"/pdf/{name}" for name in expected}, path


def test_language_chooser_names_languages_in_their_own_language(html_sites, config):
    root = html_sites[config.source_language].parent.parent / "index.html"
    page = parse(root, "mul")
    links = {attrs.get("hreflang"): href for href, attrs in page.links}
    assert links == {code: f"{code}/index.html" for code in config.languages}
    for href in links.values():
        assert (root.parent / href).is_file()
    html = root.read_text(encoding="utf-8")
    for language in config.languages.values():
        assert f'hreflang="{language.code}">{language.name}</a>' in html


def _search_index(site: Path) -> dict:
    text = (site / "searchindex.js").read_text(encoding="utf-8")
    return json.loads(text[text.index("(") + 1:text.rindex(")")])


def test_finnish_search_finds_the_strategy_page_from_an_inflected_form(html_sites):
    index = _search_index(html_sites["fi"].parent)
    stem = SearchFinnish({}).stem("strategian")  # what the browser's Finnish stemmer does
    documents = index["terms"][stem]
    documents = documents if isinstance(documents, list) else [documents]
    assert "strategia" in [index["docnames"][d] for d in documents]


def test_each_site_searches_with_its_own_language(html_sites):
    for lang, index in html_sites.items():
        language_js = (index.parent / "_static" / "language_data.js").read_text(encoding="utf-8")
        stemmer = f"window.Stemmer = {Locale.parse(lang).english_name}Stemmer;"
        assert stemmer in language_js, lang


def test_search_script_messages_come_from_the_projects_ui_catalog(html_sites):
    with open(LOCALE_DIR / "fi" / "LC_MESSAGES" / "sphinx.po", "rb") as file:
        catalog = read_po(file)
    script = (html_sites["fi"].parent / "_static" / "translations.js").read_text(encoding="utf-8")
    messages = json.loads(script[script.index("(") + 1:script.rindex(")")])["messages"]
    for msgid in ("Searching", "Preparing search...", "Search Results"):
        assert messages[msgid] == catalog[msgid].string != msgid


@pytest.mark.slow
def test_the_first_build_of_a_clean_checkout_is_translated(config, tmp_path):
    """The .mo files are build products (not in git); the build compiles them before Sphinx
    starts, so labels translated when the builder starts are right the first time."""
    for compiled in LOCALE_DIR.glob("*/LC_MESSAGES/*.mo"):
        compiled.unlink()
    language = config.select_languages("sv")
    [site] = build_html(config, language, tmp_path)
    assert "<title>Kommunikationsanvisning</title>" in site.path.read_text(encoding="utf-8")
    for pdf in build_pdfs(config, language, config.select_editions("trustees"), tmp_path):
        assert PdfReader(pdf.path).metadata.title == "Kommunikationsanvisning för förtroendevalda"


@pytest.mark.parametrize("lang", TRANSLATED)
def test_pdf_keywords_are_in_the_files_language(translated_pdfs, config, build_dir, lang):
    """Title, author and the edition's keywords from handbook.toml, each translated."""
    with (LOCALE_DIR / lang / "LC_MESSAGES" / "handbook.po").open("rb") as file:
        catalog = read_po(file)
    translate = {message.id: message.string for message in catalog if message.id}
    for edition in config.editions.values():
        expected = ", ".join(translate[text] for text in
                             (config.title, config.author, *edition.keywords))
        for variant in ("screen", "print"):
            name = config.pdf_name(edition, config.languages[lang], variant)
            keywords = PdfReader(Path(build_dir) / "pdf" / name).metadata["/Keywords"]
            assert keywords == expected, (name, keywords)
