"""Screenshots of each language's front page, for the README."""

from __future__ import annotations

import logging
from pathlib import Path

from PIL import Image

from build_tools.config import Language
from build_tools.paths import DOCS_DIR
from build_tools.site.browser import chromium, serve

SCREENSHOT_DIR = DOCS_DIR / "screenshots"
# A laptop screen: furo shows the navigation sidebar, and the picture stays small.
VIEWPORT = {"width": 1280, "height": 800}
log = logging.getLogger(__name__)


def optimise_png(source: Path, target: Path) -> None:
    """Save `source` as a 256-colour PNG at `target`; text stays crisp at a fraction of the size.

    Written next to the target and renamed into place, so a failure keeps the old picture.
    """
    partial = target.with_name(f".{target.name}.partial")
    with Image.open(source) as image:
        image.convert("RGB").quantize(colors=256).save(partial, format="PNG", optimize=True)
    partial.replace(target)


def shoot_front_pages(browser, site_url: str, languages: list[Language], out_dir: Path,
                      scratch_dir: Path) -> list[Path]:
    """Save the front page of each language's site at `site_url` as <out_dir>/<lang>.png."""
    out_dir.mkdir(parents=True, exist_ok=True)
    context = browser.new_context(viewport=VIEWPORT, color_scheme="light",
                                  reduced_motion="reduce")
    written = []
    try:
        page = context.new_page()
        for language in languages:
            page.goto(f"{site_url}{language.code}/index.html")
            page.evaluate("document.fonts.ready")
            raw = scratch_dir / f"screenshot-{language.code}.png"
            page.screenshot(path=raw)
            target = out_dir / f"{language.code}.png"
            optimise_png(raw, target)
            raw.unlink()
            log.info("screenshot of the %s front page: %s", language.code, target)
            written.append(target)
    finally:
        context.close()
    return written


def front_page_screenshots(languages: list[Language], build_dir: Path,
                           out_dir: Path = SCREENSHOT_DIR) -> list[Path]:
    """Save each language's front page, from the sites built in `build_dir`, as
    <out_dir>/<lang>.png."""
    with serve(build_dir / "html") as site_url, chromium() as browser:
        return shoot_front_pages(browser, site_url, languages, out_dir, build_dir)
