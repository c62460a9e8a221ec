"""`invoke docs.*`: the pictures in the README, made from the last build."""

from __future__ import annotations

import os
from pathlib import Path

from invoke import Collection, Exit

from build_tools.commands.running import LANG_HELP, handbook_task
from build_tools.config import project_config
from build_tools.paths import PROJECT_ROOT, BuildPaths


@handbook_task
def previews(c):
    """Render preview PNGs of the built PDFs into docs/previews/."""
    from build_tools.pdf.checks import declared_pdfs
    from build_tools.pdf.previews import PREVIEW_DIR, render_previews

    declared = declared_pdfs(project_config())
    pdfs = [(path, bool(declared[path.name][2].imposition))
            for path in sorted(BuildPaths().pdf.glob("*.pdf")) if path.name in declared]
    if not pdfs:
        raise Exit("error: no PDFs in build/pdf; run `invoke pdf` first", code=1)
    written = render_previews(pdfs)
    print(f"Wrote {len(written)} previews to {os.path.relpath(PREVIEW_DIR)}/, "
          f"{sum(path.stat().st_size for path in written) / 1024:.0f} kB")


@handbook_task(help={"pdf": "A screen PDF of a release, e.g. "
                            "build/releases/1.1/pdf/viestintaohje-employees-fi-screen.pdf."})
def release_previews(c, pdf):
    """Render the colophon and the "what changed" appendix of a PDF into docs/previews/."""
    from build_tools.pdf.previews import render_release_previews

    for path in render_release_previews(Path(pdf).resolve()):
        print(f"Wrote {path.relative_to(PROJECT_ROOT)} ({path.stat().st_size / 1024:.0f} kB)")


@handbook_task(help={"lang": LANG_HELP})
def screenshots(c, lang=None):
    """Build each language's site and save its front page to docs/screenshots/."""
    from build_tools.engine.build import BuildOptions, build_or_raise
    from build_tools.site.screenshots import front_page_screenshots

    config = project_config()
    languages = config.select_languages(lang)
    paths = BuildPaths()
    build_or_raise(config, languages, [], BuildOptions(paths=paths, pdf=False))
    for path in front_page_screenshots(languages, paths.root):
        print(f"Wrote {path.relative_to(PROJECT_ROOT)} ({path.stat().st_size / 1024:.0f} kB)")


namespace = Collection("docs", previews, release_previews, screenshots)
