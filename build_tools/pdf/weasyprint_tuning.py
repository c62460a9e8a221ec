"""Speed fixes for WeasyPrint and pydyf, applied in the processes that render PDFs."""

from __future__ import annotations

import gc

import pydyf

from build_tools.pdf import weasyprint_targets

# pydyf's own property, kept before anything replaces it: the reference the fix must match.
ORIGINAL_PAGE_REFERENCES: property = pydyf.PDF.page_references


def _page_references(self: pydyf.PDF) -> tuple[bytes, ...]:
    # pydyf rebuilds this tuple of every page on each access, and WeasyPrint reads it
    # once per tagged element: quadratic in pages. Kids only grows, so its length keys
    # the cache. Output bytes are unchanged (tests/test_engine.py checks it).
    kids = self.pages["Kids"]
    cached = self.__dict__.get("_handbook_page_references")
    if cached is None or cached[0] != len(kids):
        cached = (len(kids), tuple(f"{number} 0 R".encode("ascii") for number in kids[::3]))
        self.__dict__["_handbook_page_references"] = cached
    return cached[1]


def apply() -> None:
    """Replace pydyf.PDF.page_references with the cached version, and WeasyPrint's
    target-counter lookups with indexed ones (weasyprint_targets.py); idempotent."""
    pydyf.PDF.page_references = property(_page_references)
    weasyprint_targets.apply()
    # Layout allocates millions of objects and few cycles: collecting less often renders
    # a 250-page book ~10 % faster (measured with thresholds 700 (Python's default), 5000,
    # 20000 and 50000; 20000 was fastest). Its memory cost was the cycles left until the
    # draw (373 MB peak vs 357 with 700); render.laid_out now collects them, and the
    # layout itself peaks 8 MB higher, below the hyphenation's transducer. Here, not in
    # the pool's initializer, so a render in the build's own process (--jobs 1) gets it too.
    gc.set_threshold(20000, 10, 10)
