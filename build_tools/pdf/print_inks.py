"""sRGB colours and pixels in the inks of a CMYK printing condition (Little CMS via Pillow's
ImageCms, which WeasyPrint's Pillow dependency brings).

Rendering intent: relative colorimetric. FOGRA39L.icc was made by colprof without a
source gamut, so its perceptual table equals its colorimetric one (measured: the same
CMYK for every test colour); naming perceptual would change nothing, and relative
colorimetric keeps in-gamut colours (the brand blue of a logo or a screenshot) exact.
Vector colours are converted as print-cmyk.css's were (no black point compensation:
#005a9c becomes C94 M57 Y0 K15 in both); pixels with black point compensation, the
press's usual setting for pictures, so that shadows keep their detail instead of all
clipping to the 330 % black (sRGB #000 is C97 M83 Y50 K100 without it, C86 M73 Y53 K98
with it).
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path

from PIL import Image, ImageCms

# Greys closer to neutral than this (0-255 steps between channels) print in black ink only.
NEUTRAL_TOLERANCE = 2


@dataclass(frozen=True)
class CmykConversion:
    """Conversions from sRGB into the CMYK output profile at `profile`."""

    profile: Path

    @cached_property
    def profile_digest(self) -> str:
        return hashlib.sha256(self.profile.read_bytes()).hexdigest()

    @cached_property
    def _output(self) -> ImageCms.ImageCmsProfile:
        return ImageCms.getOpenProfile(str(self.profile))

    def _transform(self, flags: ImageCms.Flags) -> ImageCms.ImageCmsTransform:
        return ImageCms.buildTransform(
            ImageCms.createProfile("sRGB"), self._output, "RGB", "CMYK",
            renderingIntent=ImageCms.Intent.RELATIVE_COLORIMETRIC, flags=flags)

    @cached_property
    def _vector_transform(self) -> ImageCms.ImageCmsTransform:
        return self._transform(ImageCms.Flags.NONE)

    @cached_property
    def _pixel_transform(self) -> ImageCms.ImageCmsTransform:
        return self._transform(ImageCms.Flags.BLACKPOINTCOMPENSATION)

    @cached_property
    def _black_ramp(self) -> list[float]:
        """L* of black ink alone at 0, 1, ..., 255 (of 255) coverage, lightest first."""
        ramp = Image.new("CMYK", (256, 1))
        ramp.putdata([(0, 0, 0, k) for k in range(256)])
        lab = ImageCms.buildTransform(
            self._output, ImageCms.createProfile("LAB"), "CMYK", "LAB",
            renderingIntent=ImageCms.Intent.RELATIVE_COLORIMETRIC).apply(ramp)
        return [_channels(lab, k)[0] for k in range(256)]

    def colour(self, red: float, green: float, blue: float) -> tuple[float, ...]:
        """(c, m, y, k), 0 to 1, of an sRGB colour (0 to 1 each). A neutral grey is black
        ink alone, as light as the grey (L*): a four-colour grey blurs when the plates are
        out of register and the rich-grey check refuses it."""
        rgb = tuple(round(max(0.0, min(1.0, value)) * 255) for value in (red, green, blue))
        if max(rgb) - min(rgb) <= NEUTRAL_TOLERANCE:
            return (0.0, 0.0, 0.0, self._black_for(rgb))
        cmyk = _channels(self._vector_transform.apply(Image.new("RGB", (1, 1), rgb)))
        return tuple(round(value / 255, 3) for value in cmyk)

    def _black_for(self, grey: tuple[int, ...]) -> float:
        lightness = _channels(ImageCms.buildTransform(
            ImageCms.createProfile("sRGB"), ImageCms.createProfile("LAB"), "RGB", "LAB"
        ).apply(Image.new("RGB", (1, 1), grey)))[0]
        ramp = self._black_ramp
        # The first coverage at least as dark as the grey; darker than solid black is solid.
        k = next((k for k, value in enumerate(ramp) if value <= lightness), 255)
        return round(k / 255, 3)

    def pixels(self, image: Image.Image) -> Image.Image:
        """An RGB image in CMYK (alpha, if any, is the caller's to keep)."""
        return self._pixel_transform.apply(image.convert("RGB"))


def _channels(image: Image.Image, x: int = 0) -> tuple[int, ...]:
    pixel = image.getpixel((x, 0))
    assert isinstance(pixel, tuple)
    return pixel
