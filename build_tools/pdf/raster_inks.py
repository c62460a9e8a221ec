"""Raster images of a CMYK print file converted from RGB into the press's CMYK (pikepdf),
each conversion kept in a cache keyed by content hash.

Done on the PDF WeasyPrint wrote, not on the files it reads: WeasyPrint 70 takes CMYK
pixels only from a JPEG (Pillow has no CMYK mode with alpha and writes no CMYK PNG), so
converting before the render would make every screenshot lossy and drop every logo's
transparency. Here the image's soft mask (/SMask, allowed by PDF/X-4) stays as it is, a
lossless (Flate) image stays lossless, and a JPEG becomes a CMYK JPEG, written as
WeasyPrint writes one: /DeviceCMYK with the /Decode [1 0 1 0 1 0 1 0] that undoes the
inversion of Adobe's (and Pillow's) CMYK JPEGs.
"""

from __future__ import annotations

import hashlib
import io
import logging
import os
import tempfile
import zlib
from pathlib import Path

import pikepdf
from PIL import Image

from build_tools.pdf.print_inks import CmykConversion

log = logging.getLogger(__name__)

# Part of every cache key: a change to how images are converted invalidates the cache.
CONVERSION_VERSION = "1"
JPEG_QUALITY = 95
_INVERTED_CMYK = pikepdf.Array([1, 0] * 4)


def convert_images(pdf: pikepdf.Pdf, inks: CmykConversion, cache: Path | None) -> int:
    """Every RGB image of `pdf` (pages, forms, patterns) in CMYK; return how many."""
    converted = 0
    for image in [obj for obj in pdf.objects if isinstance(obj, pikepdf.Stream)
                  and _is_rgb_image(obj)]:
        jpeg = _filters(image) == ["/DCTDecode"]
        raw = image.read_raw_bytes()
        key = hashlib.sha256("\0".join((
            CONVERSION_VERSION, inks.profile_digest, str(_filters(image)),
            str(image.get("/DecodeParms")), f"{image.Width}x{image.Height}",
            hashlib.sha256(raw).hexdigest())).encode()).hexdigest()
        cached = cache / f"{key}.{'jpg' if jpeg else 'zlib'}" if cache else None
        if cached is not None and cached.is_file():
            data = cached.read_bytes()
        else:
            data = _converted(pikepdf.PdfImage(image).as_pil_image(), inks, jpeg)
            if cached is not None:
                _store(cached, data)
        image.write(data, filter=pikepdf.Name.DCTDecode if jpeg else pikepdf.Name.FlateDecode)
        image.ColorSpace = pikepdf.Name.DeviceCMYK
        if jpeg:
            image.Decode = _INVERTED_CMYK
        elif "/Decode" in image:
            del image["/Decode"]
        converted += 1
    log.debug("%d RGB image(s) converted to CMYK", converted)
    return converted


def _is_rgb_image(obj: pikepdf.Stream) -> bool:
    return (obj.get("/Subtype") == "/Image"
            and obj.get("/ColorSpace") == "/DeviceRGB" and not obj.get("/ImageMask", False))


def _filters(image: pikepdf.Stream) -> list[str]:
    found = image.get("/Filter")
    if found is None:
        return []
    return [str(found)] if isinstance(found, pikepdf.Name) else [str(f) for f in found]


def _converted(image: Image.Image, inks: CmykConversion, jpeg: bool) -> bytes:
    cmyk = inks.pixels(image)
    if not jpeg:
        return zlib.compress(cmyk.tobytes(), 9)
    buffer = io.BytesIO()
    # Pillow writes CMYK JPEGs inverted, with an Adobe APP14 marker, as Photoshop does.
    cmyk.save(buffer, format="JPEG", quality=JPEG_QUALITY, subsampling=0)
    return buffer.getvalue()


def _store(path: Path, data: bytes) -> None:
    """Atomically, under a name of its own: two renders may convert the same image."""
    path.parent.mkdir(parents=True, exist_ok=True)
    handle, partial = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.")
    try:
        with os.fdopen(handle, "wb") as file:
            file.write(data)
        os.replace(partial, path)
    finally:
        Path(partial).unlink(missing_ok=True)
