"""Sphinx extension: the site's accessibility statement (Act 306/2019), written from the build.

What it says was checked, how and when comes from builds, never from a list in code: the
checks this Sphinx run enforced; the checks each published screen PDF of the language
passed, with the date of the sources of the build that ran them, as the last completed
check run recorded them in build/accessibility-checks.json (build_tools/check_record.py;
the engine builds a site after the PDFs of its language, so a full build states its own
checks, and a site built alone states the last recorded ones, or that none ran); the text
and images still in the source language; the source date. The feedback address and the
supervisory authority come from handbook.toml.
"""

from __future__ import annotations

import re
from datetime import UTC, datetime
from html import escape
from pathlib import PurePosixPath

from babel.dates import format_date
from sphinx.application import Sphinx

from build_tools.check_record import read_record, record_path
from build_tools.config import Supervision
from build_tools.provenance import source_date_epoch
from build_tools.sphinxext.figures import image_fallbacks
from build_tools.sphinxext.i18n import fallback_count
from build_tools.sphinxext.print_builder import _
from build_tools.sphinxext.settings import handbook_config

PAGE = "saavutettavuus"


def pdf_checks() -> dict[str, str]:
    """The names of the checks build_tools.pdf.checks.check_pdf runs on a PDF/UA variant,
    besides PDF/UA-1's clauses, as readers read them. A function: a module-level `_()`
    would keep the first build's language."""
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


def _date(language: str, epoch: int | str) -> str:
    moment = datetime.fromtimestamp(int(epoch), UTC).date()
    return format_date(moment, format="long", locale=language)


def described(check: str) -> str:
    """A check's name as readers read it; a PDF/UA-1 clause by its references, which read
    the same in every language."""
    reader = pdf_checks().get(check)
    if reader is not None:
        return str(reader)
    return check.split(":")[0] if check.startswith("PDF/UA ") else check


def _pdf_checks_run(language: str) -> list[str]:
    """What the last recorded check run says of this language's screen PDFs."""
    pdfs = [pdf for pdf in read_record(record_path()) if pdf.language == language]
    if not pdfs:
        return ["<p>" + escape(_("Tähän julkaisuun ei ole kirjattu yhtään PDF-tiedostojen "
                                 "tarkistusajoa, joten näyttöversioiden tarkistuksista ei "
                                 "voida kertoa.")) + "</p>"]
    passed = [name for name in pdfs[0].checks if all(name in pdf.checks for pdf in pdfs)]
    files = ", ".join(PurePosixPath(pdf.path).name for pdf in pdfs)
    date = _date(language, min(pdf.source_date_epoch for pdf in pdfs))
    return ["<p>" + escape(_("Viimeisin kirjattu tarkistusajo (lähteiden päiväys %(date)s) "
                             "hyväksyi nämä näyttöversiot: %(files)s. Ne läpäisivät nämä "
                             "tarkistukset:") % {"date": date, "files": files}) + "</p>",
            _items([escape(described(name)) for name in passed])]


def _link(address: str) -> str:
    """A link to a web address, an e-mail address or a telephone number."""
    if address.startswith(("http://", "https://")):
        href = address
    elif "@" in address:
        href = f"mailto:{address}"
    else:
        href = "tel:" + re.sub(r"[^0-9+]", "", address)
    return f'<a href="{escape(href)}">{escape(address)}</a>'


def _supervision(supervision: Supervision | None) -> list[str]:
    if supervision is None:
        return ["<p>" + escape(_("Valvontaviranomaista ei ole vielä ilmoitettu "
                                 "([supervision], handbook.toml).")) + "</p>"]
    contacts = [_link(supervision.url)] + ([_link(supervision.contact)]
                                           if supervision.contact else [])
    return ["<p>" + escape(_("Jos vastaus palautteeseesi ei tyydytä sinua tai et saa "
                             "vastausta, voit ilmoittaa asiasta valvontaviranomaiselle.")) + "</p>",
            f"<p>{escape(_(supervision.name))}<br>" + "<br>".join(contacts) + "</p>"]


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
                       % {"date": _date(language.code, source_date_epoch())}) + "</p>",
        _heading(3, _("Verkkosivusto")), _items([escape(c) for c in site_checks]),
        _heading(3, _("PDF-käsikirjojen näyttöversiot")),
        "<p>" + escape(_("Näyttöversio julkaistaan vain, jos se läpäisee tarkistukset."))
        + "</p>",
        *_pdf_checks_run(language.code),
        _heading(2, _("Tunnetut puutteet")), _items([escape(k) for k in known]),
        _heading(2, _("Palaute")), f"<p>{feedback}</p>",
        _heading(2, _("Valvontaviranomainen")), *_supervision(config.supervision),
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
