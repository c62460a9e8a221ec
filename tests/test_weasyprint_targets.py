"""weasyprint_targets.py only speeds WeasyPrint's page-based target counters up: a document
that uses them everywhere comes out byte-identical to one laid out by WeasyPrint's own code."""

from __future__ import annotations

import weasyprint
from weasyprint import HTML
from weasyprint.css import targets

from build_tools.pdf import weasyprint_targets

# A contents list before the chapters (its page numbers move when it grows), bookmark
# labels and running heads with page counters, and references back and forth, by
# attribute (keyed None in WeasyPrint's lookups) and by a literal anchor name.
STYLE = """
@page { size: A6; @top-center { content: string(chapter) }
        @bottom-center { content: counter(page) " / " counter(pages) } }
h2 { break-before: page; string-set: chapter content() " s. " counter(page);
     bookmark-label: content() " (" counter(page) ")"; }
.toc a::after { content: " " target-counter(attr(href url), page); }
.see a::after { content: " (s. " target-counter(attr(href url), page) ")"; }
"""
SEE = '#see{n}::after {{ content: " / " target-counter("#c{target}", page); }}\n'


def _document(chapters: int) -> str:
    toc = "".join(f'<li><a href="#c{n}">Luku {n}</a></li>' for n in range(chapters))
    body = "".join(
        f'<h2 id="c{n}">Luku {n}</h2>' + "<p>Teksti.</p>" * (n % 5)
        + f'<p class="see" id="see{n}"><a href="#c{(n * 7) % chapters}">katso</a></p>'
        for n in range(chapters))
    style = STYLE + "".join(SEE.format(n=n, target=(n * 7) % chapters) for n in range(chapters))
    return (f"<html lang=fi><title>T</title><style>{style}</style>"
            f'<ul class="toc">{toc}</ul>{body}</html>')


def test_indexed_target_counters_write_the_same_bytes(tmp_path, monkeypatch):
    html = _document(60)
    written = []
    for tuned in (False, True):
        monkeypatch.setattr(weasyprint.document, "layout_document",
                            weasyprint_targets.ORIGINAL_LAYOUT_DOCUMENT)
        monkeypatch.setattr(targets.TargetCollector, "cache_target_page_counters",
                            weasyprint_targets.ORIGINAL_CACHE_TARGET_PAGE_COUNTERS)
        if tuned:
            assert weasyprint_targets.apply()
            assert weasyprint.document.layout_document is weasyprint_targets.layout_document
        document = HTML(string=html).render()
        path = tmp_path / f"{tuned}.pdf"
        document.write_pdf(path, pdf_variant="pdf/ua-1", pdf_tags=True)
        written.append((path.read_bytes(), len(document.pages),
                        [bookmark[0] for bookmark in document.make_bookmark_tree()]))
    assert written[0] == written[1]
    assert written[0][1] > 60
    assert written[0][2][3].startswith("Luku 3 (")


def test_the_originals_are_weasyprints_own():
    assert weasyprint_targets.ORIGINAL_LAYOUT_DOCUMENT.__module__ == "weasyprint.layout"
    assert (weasyprint_targets.ORIGINAL_CACHE_TARGET_PAGE_COUNTERS.__module__
            == "weasyprint.css.targets")


def _collector(calls: list) -> tuple[targets.TargetCollector, list]:
    """Lookups of every kind the anchors 'a' and 'b' can meet: content or not, missing a
    counter of the anchor or not, laid out or not yet, on a page or past the last."""
    collector = targets.TargetCollector()
    collector.collecting = False
    for anchor in ("a", "b"):
        collector.target_lookup_items[anchor] = targets.TargetLookupItem("up-to-date")
    page_maker = [(None, None, None, None, {"content_changed": False}) for _ in range(4)]
    cases = [("content", {"a": ["page"]}, 1), ("content", {"a": ["page"]}, None),
             ("content", {"a": ["page"]}, 9), ("content", {"a": ["chapter"]}, 2),
             ("string-set", {"a": ["page"]}, 3), ("content", {"b": ["page"]}, 3),
             ("content", {None: ["page"]}, 0), ("content", {"a": [], "b": ["page"]}, 2)]
    for number, (token, missing, index) in enumerate(cases):
        item = targets.CounterLookupItem(
            lambda values, number=number: calls.append((number, dict(values))), [], missing)
        item.page_maker_index = index
        collector.counter_lookup_items[(object(), token)] = item
    return collector, page_maker


def test_indexed_anchor_lookups_do_what_weasyprint_does():
    outcomes = []
    for function in (weasyprint_targets.ORIGINAL_CACHE_TARGET_PAGE_COUNTERS,
                     weasyprint_targets.cache_target_page_counters):
        calls: list = []
        collector, page_maker = _collector(calls)
        for anchor, page in (("a", 1), ("b", 2), ("a", 1), ("a", 3), ("missing", 1)):
            function(collector, anchor, {"page": [page]}, page - 1, page_maker)
        outcomes.append((calls, [state[-1] for state in page_maker],
                         [(item.pending, item.cached_page_counter_values)
                          for item in collector.counter_lookup_items.values()]))
    assert outcomes[0] == outcomes[1]
    assert len(outcomes[0][0]) >= 3 and any(pending for pending, _ in outcomes[0][2])
