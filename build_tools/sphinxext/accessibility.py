"""Sphinx extension: the site's accessibility statement (Act 306/2019), written from the build.

What it says was checked, how and when comes from the build that writes it: the checks
this Sphinx run enforced, the checks every screen PDF passes before it is published
(build_tools/engine/jobs.py), the text and images still in the source language, and the
source date. The feedback address comes from handbook.toml.
"""

from __future__ import annotations

from datetime import UTC, datetime
from html import escape

from babel.dates import format_date
from sphinx.application import Sphinx

from build_tools.provenance import source_date_epoch
from build_tools.sphinxext.figures import image_fallbacks
from build_tools.sphinxext.i18n import fallback_count
from build_tools.sphinxext.print_builder import _
from build_tools.sphinxext.settings import handbook_config

PAGE = "saavutettavuus"
# The PDF/UA-1 clauses check_pdf tests in a screen PDF (build_tools/pdf/checks), by their
# references, which read the same in every language.
CLAUSES = ("PDF/UA 7.1, Matterhorn 01-003/01-004", "PDF/UA 7.1, Matterhorn 01-005",
           "PDF/UA 7.1, Matterhorn 01-006", "PDF/UA 7.2, Matterhorn 09-005",
           "PDF/UA 7.2, Matterhorn 09-006", "PDF/UA 7.2, ISO 32000-1 14.8.2.2.3",
           "PDF/UA 7.18.3, Matterhorn 28-008/28-009", "PDF/UA 7.18.5, Matterhorn 28-011",
           "PDF/UA 7.18.5, Matterhorn 28-012")



def pdf_checks() -> dict[str, str]:
    """The checks build_tools.pdf.checks.check_pdf runs on a PDF/UA variant besides its
    CLAUSES, as readers read them. A function: a module-level `_()` would keep the first
    build's language."""
    return {
        "fonts embedded": _("kaikki fontit on upotettu tiedostoon"),
        "PDF/UA identification": _("tiedosto ilmoittaa noudattavansa PDF/UA-1-standardia"),
        "tagged structure": _("rakennepuu: otsikot, luettelot, linkit ja kuvien tekstivastineet"),
        "language and title": _("asiakirjan kieli ja otsikko"),
        "bookmarks match chapters": _("kirjanmerkit vastaavat lukuja"),
        "text in trim box": _("teksti on sivun rajojen sisällä"),
    }


def _heading(level: int, text: str) -> str:
    return f"<h{level}>{escape(text)}</h{level}>"


def _items(texts: list[str]) -> str:
    return "<ul>" + "".join(f"<li>{text}</li>" for text in texts) + "</ul>"


def _build_date(language: str) -> str:
    moment = datetime.fromtimestamp(int(source_date_epoch()), UTC).date()
    return format_date(moment, format="long", locale=language)


def statement_body(app: Sphinx) -> str:
    """The statement's HTML, in the language being built."""
    config = handbook_config(app.config)
    language = config.languages[app.config.language]
    source = config.languages[config.source_language].name
    strict = getattr(app, "_fail_on_warnings", False)  # set by warningiserror
    site_checks = [
        _("jokainen Sphinxin ja docutilsin varoitus (merkintävirhe, rikkinäinen viittaus) "
          "pysäyttää julkaisun") if strict else
        _("Sphinxin ja docutilsin varoitukset eivät pysäyttäneet tätä julkaisua"),
        _("jokaisella kuvalla on tekstivastine (alt-teksti)"),
        _("käännökset tarkistettiin: merkinnät ja linkit säilyvät niissä"),
    ]
    known = []
    fallback, total = fallback_count(app)
    if fallback:
        known.append(_("%(count)d/%(total)d tekstikappaletta on vielä kielellä %(source)s.")
                     % {"count": fallback, "total": total, "source": source})
    images, _all = image_fallbacks(app)
    if images and app.config.language != config.source_language:
        known.append(_("%(count)d kuvaa on kielellä %(source)s.")
                     % {"count": len(images), "source": source})
    known += [
        _("Automaattiset tarkistukset kattavat vain osan WCAG 2.1 -vaatimuksista; "
          "asiantuntija ei ole arvioinut sivustoa."),
        _("PDF/UA-1-vaatimuksista tarkistetaan koneellisesti vain osa; tiedostoja ei ole "
          "validoitu veraPDF-ohjelmalla."),
        _("Painotalon versio ja vihko on tehty painamista varten eivätkä ne ole saavutettavia; "
          "käytä näyttöversiota."),
    ]
    address = language.feedback_email
    feedback = (escape(_("Jos huomaat saavutettavuuspuutteen, kerro siitä meille: %(address)s"))
                % {"address": f'<a href="mailto:{escape(address)}">{escape(address)}</a>'}
                if address else escape(_("Palauteosoitetta ei ole vielä ilmoitettu "
                                         "(feedback_email, handbook.toml).")))
    return "\n".join([
        f'<section id="{PAGE}">', _heading(1, _("Saavutettavuusseloste")),
        "<p>" + escape(_("%(author)s vastaa tämän sivuston (%(title)s) ja sen PDF-käsikirjojen "
                         "saavutettavuudesta. Seloste on koottu tämän julkaisun tiedoista.")
                       % {"author": _(config.author), "title": _(config.title)}) + "</p>",
        _heading(2, _("Tarkistetut vaatimukset")),
        _items([escape(_("verkkosivusto: WCAG 2.1 -ohjeiston taso AA (standardi EN 301 549)")),
                escape(_("PDF-käsikirjojen näyttöversiot: PDF/UA-1 (ISO 14289-1)"))]),
        _heading(2, _("Miten tarkistettiin")),
        "<p>" + escape(_("Julkaisun rakentanut ajo teki nämä tarkistukset automaattisesti "
                         "(lähteiden päiväys %(date)s).")
                       % {"date": _build_date(language.code)}) + "</p>",
        _heading(3, _("Verkkosivusto")), _items([escape(c) for c in site_checks]),
        _heading(3, _("PDF-käsikirjojen näyttöversiot")),
        "<p>" + escape(_("Näyttöversio julkaistaan vain, jos se läpäisee nämä tarkistukset:"))
        + "</p>",
        _items([escape(text) for text in pdf_checks().values()]
               + [escape(_("PDF/UA-1:n koneellisesti tarkistettavat kohdat: %(clauses)s")
                         % {"clauses": "; ".join(CLAUSES)})]),
        _heading(2, _("Tunnetut puutteet")), _items([escape(k) for k in known]),
        _heading(2, _("Palaute")), f"<p>{feedback}</p>",
        "</section>",
    ])


def _statement_page(app: Sphinx):
    if app.builder.name != "html":
        return []
    return [(PAGE, {"title": _("Saavutettavuusseloste"), "body": statement_body(app)},
             "page.html")]


def _link_pages(app: Sphinx, pagename, templatename, context, doctree) -> None:
    """The index and this statement, for the sidebar (_templates/sidebar/pages.html)."""
    if app.builder.name != "html":
        return
    context["handbook_pages"] = {
        "label": _("Hakemisto ja saavutettavuus"),
        "links": [{"title": _("Hakemisto"), "url": context["pathto"]("genindex")},
                  {"title": _("Saavutettavuusseloste"), "url": context["pathto"](PAGE)}],
    }


def setup(app: Sphinx) -> dict:
    app.connect("html-collect-pages", _statement_page)
    app.connect("html-page-context", _link_pages)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
