"""The units of work of a build: a site, a print HTML, and the PDFs rendered from it."""

from __future__ import annotations

import contextlib
import json
import logging
import os
import shutil
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import ClassVar

from build_tools.config import project_config
from build_tools.engine.plan import Kind, Target
from build_tools.engine.sphinx_cache import run_sphinx_or_forget
from build_tools.errors import BuildError
from build_tools.files import file_facts, publish_tree, tree_facts
from build_tools.paths import FALLBACK_FILE, PRINT_THEME_DIR, SOURCE_DIR, BuildPaths

log = logging.getLogger(__name__)

# Written into a site's work folder: the documents it was built from.
DOCUMENTS_FILE = ".handbook-documents"


@dataclass(frozen=True)
class SiteJob:
    """Build one language's HTML site in a work folder and swap it into place."""

    target: Target
    paths: BuildPaths
    strict: bool
    draft: bool
    # The renders of its language in this build: the accessibility statement states
    # the checks their PDFs passed (build_tools/check_record.py).
    after: tuple[str, ...] = ()
    library: ClassVar[str] = "sphinx"
    kind: ClassVar[Kind] = Kind.HTML
    needs: ClassVar[str | None] = None

    @property
    def name(self) -> str:
        return self.target.key

    @property
    def targets(self) -> tuple[Target, ...]:
        return (self.target,)

    def describe(self) -> str:
        return f"building the {self.target.language} site from {os.path.relpath(SOURCE_DIR)}/"

    def run(self) -> dict:
        language = self.target.language
        work = self.paths.work / f"html-{language}"
        doctrees = self.paths.doctrees(f"html-{language}")
        _forget_removed_documents(work, doctrees)
        _forget_copied_files(work)
        run_sphinx_or_forget("html", language, work, doctrees, _draft_tags(self.draft),
                              self.strict)
        (work / DOCUMENTS_FILE).write_text(_source_documents(), encoding="utf-8")
        # The engine publishes it when the rest of the language built too (publish_site).
        return {self.target.key: _fallback(work)}


def publish_site(paths: BuildPaths, target: Target) -> dict:
    """Swap a site built by a SiteJob into place; return its checksum, size and files."""
    publish_tree(paths.work / f"html-{target.language}", paths.site(target.language),
                 ignore=(".buildinfo", ".doctrees", DOCUMENTS_FILE, FALLBACK_FILE))
    return tree_facts(target.path.parent)


@dataclass(frozen=True)
class PrintHtmlJob:
    """Build the one print HTML of an edition in a language; its PDFs are rendered from it."""

    edition: str
    language: str
    paths: BuildPaths
    strict: bool
    draft: bool
    # The render jobs that read it: more than one share its hyphenation dictionary.
    renders: int = 1
    library: ClassVar[str] = "sphinx"
    kind: ClassVar[Kind] = Kind.PDF
    needs: ClassVar[str | None] = None
    targets: ClassVar[tuple[Target, ...]] = ()

    @property
    def name(self) -> str:
        return f"print-html/{self.edition}-{self.language}"

    def describe(self) -> str:
        return f"building the print HTML of {self.edition} in {self.language}"

    def run(self) -> dict:
        edition = project_config().editions[self.edition]
        outdir = self.paths.print_html(self.edition, self.language)
        _forget_copied_files(outdir)
        run_sphinx_or_forget("handbookprint", self.language, outdir,
                              self.paths.doctrees(f"print-{self.edition}-{self.language}"),
                              (edition.tag, *_draft_tags(self.draft)), self.strict)
        from build_tools.pdf.hyphenation_store import prepare

        prepare(outdir / "index.html", self.language, self.renders)
        return {}


@dataclass(frozen=True)
class RenderJob:
    """Render PDF variants of one edition in one language from its print HTML."""

    pdfs: tuple[Target, ...]
    paths: BuildPaths
    strict: bool
    # (variant, pages) as the last build counted them: progress lines estimate what is left.
    expected_pages: tuple[tuple[str, int], ...] = ()
    # "-<variant>" when the edition's variants in this language are split over several
    # jobs (one per page geometry), so that they can render at once.
    part: str = ""
    library: ClassVar[str] = "weasyprint"
    kind: ClassVar[Kind] = Kind.PDF

    @property
    def edition(self) -> str:
        return str(self.pdfs[0].edition)

    @property
    def language(self) -> str:
        return self.pdfs[0].language

    @property
    def name(self) -> str:
        return f"pdf/{self.edition}-{self.language}{self.part}"

    @property
    def needs(self) -> str:
        return f"print-html/{self.edition}-{self.language}"

    @property
    def targets(self) -> tuple[Target, ...]:
        return self.pdfs

    @property
    def html_file(self) -> Path:
        return self.paths.print_html(self.edition, self.language) / "index.html"

    def describe(self) -> str:
        return (f"rendering {os.path.relpath(self.html_file)} as "
                f"{', '.join(str(target.variant) for target in self.pdfs)}")

    def run(self) -> dict:
        """Read only allowed files and lay out each distinct page geometry once.

        The PDFs are rendered into a work folder and renamed into place only when
        WeasyPrint finished without a problem (in strict mode, without a warning).
        """
        from build_tools.pdf import progress, weasyprint_tuning
        from build_tools.pdf.accessibility_gate import checks_before_publishing
        from build_tools.pdf.checks import expectation
        from build_tools.pdf.fetcher import SandboxedFetcher
        from build_tools.pdf.render import render_edition

        weasyprint_tuning.apply()
        config = project_config()
        staging = self.paths.work / f"pdf-{self.edition}-{self.language}{self.part}"
        shutil.rmtree(staging, ignore_errors=True)
        with _collected_warnings("weasyprint") as warnings, progress.reporting(self.name):
            rendered = render_edition(
                config, config.editions[self.edition], self.language, self.html_file, staging,
                only={str(target.variant) for target in self.pdfs},
                url_fetcher=SandboxedFetcher([self.paths.root, SOURCE_DIR, PRINT_THEME_DIR]),
                document_id_seed=file_facts(self.html_file)["sha256"],
                expected_pages=dict(self.expected_pages), image_cache=self.paths.image_cache)
        try:
            if warnings and self.strict:
                raise BuildError(f"WeasyPrint reported problems in "
                                 f"{os.path.relpath(self.html_file)}; fix the source they "
                                 "come from:\n  " + "\n  ".join(dict.fromkeys(warnings)))
            by_variant = {target.variant: target for target in self.pdfs}
            fallback = _fallback(self.html_file.parent)
            facts = {}
            for pdf in rendered:
                variant = config.variants[pdf.variant]
                checks = checks_before_publishing(pdf.path, expectation(
                    variant, self.language, variant.trim_size(config.editions[self.edition]),
                    self.html_file), self.html_file)
                target = by_variant[pdf.variant]
                target.path.parent.mkdir(parents=True, exist_ok=True)
                os.replace(pdf.path, target.path)
                facts[target.key] = {**file_facts(target.path), "pages": pdf.pages, **fallback,
                                     **({"checks": checks} if checks else {})}
            return facts
        finally:
            shutil.rmtree(staging, ignore_errors=True)


Job = SiteJob | PrintHtmlJob | RenderJob


def plan_jobs(stale: list[Target], paths: BuildPaths, strict: bool, draft: bool,
              previous: dict | None = None) -> list[Job]:
    """One job per stale HTML site; per edition and language, one print-HTML job and one
    render job per page geometry of its stale PDF variants (variants with equal pages
    share a layout, and a job). `previous` is the state of the last build: its page
    counts size the progress lines.

    A job per geometry lets two workers lay out an edition's screen and print pages at
    once, where one book would leave the other core idle. Renders come first so that a
    free worker picks up a PDF as soon as its print HTML exists; the sites fill the gaps.
    """
    from build_tools.pdf.layouts import layout_of

    config = project_config()
    renders: dict[tuple[str, str], dict[object, list[Target]]] = {}
    for target in stale:
        if target.edition is not None:
            key = (target.edition, target.language)
            layout = layout_of(config.variants[str(target.variant)],
                               config.editions[target.edition], config.variants)
            renders.setdefault(key, {}).setdefault(layout, []).append(target)
    render_jobs = [RenderJob(tuple(targets), paths, strict,
                             _previous_pages(targets, previous or {}),
                             part=f"-{targets[0].variant}" if len(layouts) > 1 else "")
                   for layouts in renders.values() for targets in layouts.values()]
    sites: list[Job] = [SiteJob(target, paths, strict, draft, tuple(
        job.name for job in render_jobs if job.language == target.language))
        for target in stale if target.edition is None]
    prints = [PrintHtmlJob(*key, paths, strict, draft, len(layouts))
              for key, layouts in renders.items()]
    return [*render_jobs, *prints, *sites]


def _previous_pages(targets: list[Target], previous: dict) -> tuple[tuple[str, int], ...]:
    return tuple((str(target.variant), pages) for target in targets
                 if isinstance(pages := previous.get(target.key, {}).get("pages"), int))


def _fallback(outdir: Path) -> dict:
    """{"fallback": {"messages", "total", "to"}} as the Sphinx build in `outdir` counted
    them; nothing for the source language, which has nothing to fall back from."""
    path = outdir / FALLBACK_FILE
    if not path.is_file():
        return {}
    return {"fallback": json.loads(path.read_text(encoding="utf-8"))}


def _draft_tags(draft: bool) -> tuple[str, ...]:
    from build_tools.sphinxext.i18n import DRAFT_TAG

    return (DRAFT_TAG,) if draft else ()


def _source_documents() -> str:
    return "\n".join(sorted(path.relative_to(SOURCE_DIR).as_posix()
                            for path in SOURCE_DIR.rglob("*.rst")))


def _forget_removed_documents(work: Path, doctrees: Path) -> None:
    """Sphinx never deletes the page of a document removed from source/: when the set of
    documents changed, the site is built afresh, so a removed chapter is not published."""
    marker = work / DOCUMENTS_FILE
    if marker.exists() and marker.read_text(encoding="utf-8") != _source_documents():
        shutil.rmtree(work, ignore_errors=True)
        shutil.rmtree(doctrees, ignore_errors=True)


def _forget_copied_files(outdir: Path) -> None:
    """Sphinx copies static files and images on every build but never deletes one: a font
    or image removed from source/ would live on in the output and hide the mistake."""
    for name in ("_static", "_images"):
        shutil.rmtree(outdir / name, ignore_errors=True)


# Messages about the machine, not the document: they never fail a strict build.
_MACHINE_NOTICES = ("Using fontTools instead of HarfBuzz-Subset",)


@contextlib.contextmanager
def _collected_warnings(logger_name: str) -> Iterator[list[str]]:
    """Collect the warnings and errors a library logs while the block runs."""
    messages: list[str] = []

    class Collector(logging.Handler):
        def emit(self, record: logging.LogRecord) -> None:
            message = record.getMessage()
            if not message.startswith(_MACHINE_NOTICES):
                messages.append(message)
            else:
                log.warning("%s", message)

    handler = Collector(logging.WARNING)
    logger = logging.getLogger(logger_name)
    logger.addHandler(handler)
    try:
        yield messages
    finally:
        logger.removeHandler(handler)
