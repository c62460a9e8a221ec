"""Each language's site, read in headless Chromium as a visitor reads it."""

from __future__ import annotations

from urllib.parse import urldefrag, urlsplit

import pytest

from tests.browser.site import CHAPTERS, LANGUAGES, MULTILINGUAL, pages, run_search, search_word

needs_languages = pytest.mark.skipif(
    not MULTILINGUAL, reason="handbook.toml declares one language: no switcher to follow")


def page_name(url: str) -> str:
    return urlsplit(urldefrag(url).url).path.rsplit("/", 1)[-1]


def hrefs(page, selector: str) -> list[str]:
    return page.eval_on_selector_all(selector, "links => links.map(a => a.href)")


@pytest.mark.parametrize("lang", LANGUAGES)
def test_every_page_loads_cleanly_from_this_server_only(lang, html_sites, site_url,
                                                        page_and_traffic):
    page, traffic = page_and_traffic
    word, _ = search_word(lang)
    for name in pages(html_sites[lang].parent):
        page.goto(f"{site_url}{lang}/{name}")
        # Web fonts load late; a missing one would only show up as a failed request.
        page.evaluate("document.fonts.ready")
    run_search(page, site_url, lang, word)
    assert traffic.problems == []
    assert traffic.outside() == [], "requests left 127.0.0.1"
    assert len(traffic.requests) > len(pages(html_sites[lang].parent)), "no traffic recorded"


@pytest.mark.parametrize("lang", LANGUAGES)
def test_table_of_contents_reaches_every_chapter(lang, site_url, page):
    page.goto(f"{site_url}{lang}/index.html")
    reached = []
    for index in range(page.locator(".sidebar-tree a").count()):
        page.goto(f"{site_url}{lang}/index.html")
        link = page.locator(".sidebar-tree a").nth(index)
        title = link.inner_text().strip()
        link.click()
        page.wait_for_load_state()
        reached.append(page_name(page.url))
        assert page.locator("article h1").first.inner_text().strip().startswith(title)
    assert sorted(reached) == CHAPTERS


@pytest.mark.parametrize("lang", LANGUAGES)
def test_next_and_previous_links_walk_every_chapter_in_order(lang, site_url, page):
    page.goto(f"{site_url}{lang}/index.html")
    toc_order = [page_name(url) for url in hrefs(page, ".sidebar-tree a")]
    forward = []
    while page.locator("a.next-page").count():
        page.locator("a.next-page").click()
        page.wait_for_load_state()
        forward.append(page_name(page.url))
    assert forward == toc_order and sorted(forward) == CHAPTERS
    backward = []
    while page.locator("a.prev-page").count():
        page.locator("a.prev-page").click()
        page.wait_for_load_state()
        backward.append(page_name(page.url))
    assert backward == toc_order[-2::-1] + ["index.html"]


@pytest.mark.parametrize("lang", LANGUAGES)
def test_search_finds_an_inflected_word(lang, site_url, page):
    word, expected = search_word(lang)
    found = [page_name(href) for href in run_search(page, site_url, lang, word)]
    assert expected in found, f"searching {word!r} found {found}"
    assert len(found) < len(CHAPTERS), f"searching {word!r} found every page: {found}"


def switcher_links(page) -> dict[str, str]:
    """The language switcher: links to the same page in another language, {lang: url}.

    On the language chooser (lang="mul") every language counts as another.
    """
    own = page.evaluate("document.documentElement.lang")
    # Each link names its language in that language, so it is marked lang=<code> (on the
    # link or on an element around it) for screen readers to pronounce it right.
    links = page.eval_on_selector_all(
        "a[hreflang]", "links => links.map(a => [a.hreflang, a.href, a.closest('[lang]').lang])")
    for code, _, lang_attribute in links:
        assert lang_attribute == code, f"the link to {code} is not marked lang={code!r}"
    return {code: url for code, url, _ in links if code != own}


@needs_languages
@pytest.mark.parametrize("lang", LANGUAGES)
def test_language_switcher_leads_to_the_same_page_in_each_other_language(
        lang, html_sites, site_url, page_and_traffic):
    page, traffic = page_and_traffic
    others = sorted(code for code in LANGUAGES if code != lang)
    for name in pages(html_sites[lang].parent):
        page.goto(f"{site_url}{lang}/{name}")
        offered = sorted(switcher_links(page))
        assert offered == others, f"{lang}/{name}: the switcher offers {offered}"
        for code in others:
            page.goto(f"{site_url}{lang}/{name}")
            page.locator(f'a[hreflang="{code}"]').click()
            page.wait_for_load_state()
            assert page.evaluate("document.documentElement.lang") == code
            assert urlsplit(page.url).path == urlsplit(f"{site_url}{code}/{name}").path
    assert traffic.problems == []


@needs_languages
@pytest.mark.parametrize("lang", LANGUAGES)
def test_every_page_links_each_edition_as_a_pdf_that_answers(
        lang, config, html_sites, all_pdfs, site_url, page):
    language = config.languages[lang]
    # Any declared variant of an edition will do; its file name is the one the build writes.
    editions = {edition.name: {config.pdf_name(edition, language, variant)
                               for variant in edition.variants}
                for edition in config.select_editions()}
    answers = {}
    for name in pages(html_sites[lang].parent):
        page.goto(f"{site_url}{lang}/{name}")
        links = hrefs(page, 'a[href$=".pdf"]')
        linked = {page_name(url) for url in links}
        missing = [edition for edition, files in editions.items() if not files & linked]
        assert missing == [], f"{lang}/{name} links no PDF of {missing}; it links {sorted(linked)}"
        for url in links:
            if url not in answers:
                response = page.request.get(url)
                answers[url] = (response.status, response.headers.get("content-type"),
                                response.body()[:5])
    for url, answer in answers.items():
        assert answer == (200, "application/pdf", b"%PDF-"), url


@needs_languages
def test_language_chooser_leads_to_every_site(site_url, page_and_traffic):
    page, traffic = page_and_traffic
    page.goto(f"{site_url}index.html")
    links = switcher_links(page)
    assert sorted(links) == sorted(LANGUAGES), f"the chooser offers {sorted(links)}"
    for code, url in links.items():
        page.goto(url)
        assert page.evaluate("document.documentElement.lang") == code
        assert urlsplit(page.url).path == urlsplit(f"{site_url}{code}/index.html").path
    assert traffic.problems == [] and traffic.outside() == []
