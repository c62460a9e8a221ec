"""`invoke screenshots`: a small picture of each language's front page."""

from __future__ import annotations

from PIL import Image

from build_tools.site.screenshots import VIEWPORT, shoot_front_pages


def test_one_small_picture_per_language(config, browser, site_url, build_dir, tmp_path):
    written = shoot_front_pages(browser, site_url, config.select_languages(), tmp_path, build_dir)
    assert sorted(path.name for path in written) == sorted(f"{code}.png" for code in config.languages)
    for path in written:
        with Image.open(path) as image:
            assert image.size == (VIEWPORT["width"], VIEWPORT["height"])
            assert image.mode == "P"
            # A blank page compresses to almost nothing; a front page with text does not.
            assert len(image.getcolors(256)) > 16
        assert 5_000 < path.stat().st_size < 150_000, path
    assert not list(tmp_path.glob(".*.partial")) and not list(build_dir.glob("screenshot-*"))
