"""What the browser tests know about the built site: its pages, chapters and search words."""

from __future__ import annotations

from pathlib import Path

from build_tools.config import project_config
from build_tools.paths import PROJECT_ROOT

DESKTOP = {"width": 1280, "height": 800}
# Below furo's 63em breakpoint: the navigation and the page's contents collapse into drawers.
PHONE = {"width": 375, "height": 740}
LANGUAGES = list(project_config().languages)
MULTILINGUAL = len(LANGUAGES) > 1
# Each chapter is an .rst file in source/, and a page <name>.html on each site.
CHAPTERS = sorted(f"{path.stem}.html" for path in (PROJECT_ROOT / "source").glob("*.rst")
                  if path.stem != "index")
# Per language: an inflected form that the text does not contain as such, and the page that
# must be found for it. Finnish 'strategian' (genitive); Swedish 'strategierna' (definite
# plural; the text has 'strategi', 'strategin'); English 'strategies' (the text has 'strategy').
SEARCH_WORDS = {
    "fi": ("strategian", "strategia.html"),
    "sv": ("strategierna", "strategia.html"),
    "en": ("strategies", "strategia.html"),
}


def pages(site_dir: Path) -> list[str]:
    """Every HTML page of a language's site, by file name."""
    return sorted(path.name for path in site_dir.glob("*.html"))


def search_word(lang: str) -> tuple[str, str]:
    if lang not in SEARCH_WORDS:
        raise AssertionError(f"no search word for language {lang!r}: add an inflected word "
                             f"and the page it must find to SEARCH_WORDS in {__file__}")
    return SEARCH_WORDS[lang]


def run_search(page, site_url: str, lang: str, word: str) -> list[str]:
    """Search the site for `word` as a reader does; return the result pages' file names."""
    page.goto(f"{site_url}{lang}/index.html")
    page.get_by_role("search").get_by_role("textbox").fill(word)
    page.keyboard.press("Enter")
    return search_results(page)


def search_results(page) -> list[str]:
    """Wait for the search page to finish searching; the links it found, best first."""
    # Sphinx's search has finished when its result list exists and its progress dots stopped.
    # Generous: on a loaded machine the index loads slowly; a broken search still fails.
    page.wait_for_function("document.querySelector('#search-results ul.search') !== null"
                           " && Search._pulse_status === -1", timeout=120_000)
    return page.eval_on_selector_all("#search-results ul.search > li > a",
                                     "links => links.map(a => a.getAttribute('href'))")
