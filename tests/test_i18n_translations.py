"""Translation review fixes stay fixed; the strategy link and the cover subtitles say their own thing."""

from __future__ import annotations

import re

import pytest

from build_tools.i18n.catalogs import LOCALE_DIR, read_catalog


def strings(language: str, domain: str) -> dict[str, str]:
    catalog = read_catalog(LOCALE_DIR / language / "LC_MESSAGES" / f"{domain}.po", locale=language)
    return {m.id: m.string for m in catalog if m.id}


def test_swedish_review_fixes():
    text = " ".join(strings("sv", "perustehtava").values())
    assert "stadens ledning" in text and "ledarskap" not in text  # johtaminen: management
    assert strings("sv", "strategia")["lainojen/asukas väheneminen"] == (
        "minskad lånestock per invånare")


def test_english_review_fixes():
    strategy = strings("en", "strategia")
    start = list(strategy).index("Päätavoitteina on") + 1
    objectives = list(strategy.values())[start:start + 8]
    assert len(objectives) == 8
    assert all(re.match(r"(growth|improvement|reduction) in ", o) for o in objectives), objectives
    assert strings("en", "alkusanat")["Alkusanat"] == "Introduction"
    assert strings("en", "index")["Viestintäohjeen lähtökohdat"] == (
        "Principles of the Communications Guidelines")
    assert "colour" in strings("en", "sphinx")["Toggle Light / Dark / Auto color theme"]
    # "City Group" only right after its full name, where every edition first meets it.
    everything = " ".join(s for domain in ("alkusanat", "kohderyhma", "perustehtava", "strategia")
                          for s in strings("en", domain).values())
    assert everything.count("City Group") == 1
    assert any("City of Lappeenranta Group (the City Group)" in s
               for s in strings("en", "kohderyhma").values())


@pytest.mark.parametrize("language", ["sv", "en"])
def test_cover_subtitles_say_something_new(config, language):
    labels = strings(language, "handbook")
    for edition in config.editions.values():
        subtitle, title = labels[edition.audience], labels[edition.title]
        assert subtitle and not set(subtitle.lower().split()) >= set(title.lower().split())
        assert not re.search(r"förtroendevald|nyanställd|elected official|employee", subtitle)


def test_the_strategy_link_has_its_own_text(html_sites):
    for language, text in {"fi": "Strategia", "sv": "Strategi", "en": "Strategy"}.items():
        page = (html_sites[language].parent / "alkusanat.html").read_text(encoding="utf-8")
        # The links inside the text (the navigation keeps the chapter's full title).
        links = re.findall(r'href="strategia.html"><span class="doc">(.*?)</span>', page, re.S)
        assert links and set(links) == {text}, links


@pytest.mark.parametrize(("language", "opening", "closing"), [("sv", "”", "”"), ("en", "‘", "’")])
def test_quotation_marks_follow_the_guide(language, opening, closing):
    """fi and sv quote ”…”, British English ‘…’ (docs/translators.md)."""
    for domain in ("alkusanat", "kohderyhma", "perustehtava", "strategia"):
        for msgid, msgstr in strings(language, domain).items():
            if msgid.startswith("”"):
                assert msgstr.startswith(opening) and msgstr.endswith(closing), msgstr
            assert "“" not in msgstr and (language == "sv" or "”" not in msgstr), msgstr
