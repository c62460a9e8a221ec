"""WeasyPrint's only way to read resources: files inside the project's allowed folders,
and for a CMYK print file, SVGs with their colours in its inks."""

from __future__ import annotations

import mimetypes
import os
from pathlib import Path
from urllib.parse import unquote, urlsplit
from xml.etree import ElementTree

from weasyprint.urls import FatalURLFetchingError, URLFetcher, URLFetcherResponse

from build_tools.pdf.print_inks import CmykConversion
from build_tools.pdf.svg_inks import UnprintableSvg, in_print_inks


class SandboxedFetcher(URLFetcher):
    """Serves `file:` URLs under `allowed` folders and `data:` URLs; refuses everything else.

    The caller names the document in the error it reports (see workers.render_pdfs).

    A refusal stops the render (FatalURLFetchingError) instead of leaving a silently
    missing image: the handbook is an official document, and a chapter or a translation
    must not make the build reach a host or read a file outside the project.
    """

    def __init__(self, allowed: list[Path], **kwargs):
        super().__init__(allowed_protocols=("data",), fail_on_errors=True, **kwargs)
        self._allowed = [Path(folder).resolve() for folder in allowed]

    def fetch(self, url, headers=None):
        parts = urlsplit(url)
        if parts.scheme == "data":
            return super().fetch(url, headers)
        if parts.scheme == "file" and parts.netloc in ("", "localhost"):
            path = Path(unquote(parts.path)).resolve()
            if any(path.is_relative_to(folder) for folder in self._allowed):
                if not path.is_file():
                    raise FatalURLFetchingError(
                        f"{os.path.relpath(path)} does not exist (files in _static/ are "
                        "copied from source/_static/ and the print theme's static/): add "
                        "the file or fix the reference")
                mime = mimetypes.guess_type(path.name)[0] or "application/octet-stream"
                return URLFetcherResponse(url, path.read_bytes(), {"Content-Type": mime})
        raise FatalURLFetchingError(
            f"refused to fetch {url}: a handbook may only "
            "use files inside the project (source/, build/ and the print theme); copy the "
            "file into source/_static/ and refer to it there")


class PrintInksFetcher(URLFetcher):
    """Serves what `fetcher` serves, with each SVG's colours in the CMYK of `inks`
    (svg_inks.py): the fetcher of a layout for a CMYK printing condition."""

    def __init__(self, fetcher: URLFetcher, inks: CmykConversion):
        # As strict as the fetcher it wraps: WeasyPrint asks the outer one whether a
        # failed fetch (a missing file, say) stops the render or only warns.
        super().__init__(fail_on_errors=getattr(fetcher, "_fail_on_errors", False))
        self._fetcher, self._inks = fetcher, inks

    def fetch(self, url, headers=None):
        response = self._fetcher.fetch(url, headers)
        if response.headers.get_content_type() != "image/svg+xml":
            return response
        try:
            svg = response.read()
        finally:
            response.close()
        try:
            printable = in_print_inks(svg, self._inks)
        except (UnprintableSvg, ElementTree.ParseError) as error:
            raise FatalURLFetchingError(
                f"{_shown(url)} cannot be printed in CMYK: {error}") from error
        return URLFetcherResponse(url, printable, {"Content-Type": "image/svg+xml"})


def _shown(url: str) -> str:
    parts = urlsplit(url)
    return os.path.relpath(unquote(parts.path)) if parts.scheme == "file" else url[:80]
