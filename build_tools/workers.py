"""The work a build does, one job at a time, in long-lived worker processes (or in this one)."""

from __future__ import annotations

import contextlib
import gc
import logging
import os
import shutil
import signal
import time
from pathlib import Path

from build_tools.config import project_config
from build_tools.files import file_facts, tree_facts
from build_tools.engine import (PRINT_THEME_DIR, SOURCE_DIR, BuildError, Target, html_site_dir,
                                print_html_dir)

log = logging.getLogger(__name__)


def init_worker(environment: dict[str, str], library: str) -> None:
    """Import the worker's heavy library (sphinx or weasyprint) once, not once per artifact."""
    os.environ.update(environment)
    logging.basicConfig(format="%(message)s", level=logging.WARNING)
    # Ctrl-C reaches every process of the terminal's group. A quiet exit instead of
    # a traceback per worker; `finally` blocks still remove half-written files.
    signal.signal(signal.SIGINT, _stop)
    __import__(library)
    if library == "weasyprint":
        # Layout allocates millions of objects and few cycles: collecting less often
        # renders a 250-page book ~10 % faster for ~5 % more peak memory (measured with
        # thresholds 700 (Python's default), 5000, 20000 and 50000; 20000 was fastest).
        gc.set_threshold(20000, 10, 10)


def _stop(signum, frame):
    raise SystemExit(130)


def ready() -> None:
    """A no-op job: submitted early, it makes a pool start and import while others work."""


def library_for(job: tuple) -> str:
    """Sphinx builds and PDF renders run in separate processes: memory a Sphinx build
    leaves fragmented would otherwise add to WeasyPrint's peak (~80 MB on 250 pages)."""
    return "weasyprint" if job[0] == "pdf" else "sphinx"


def run_job(job: tuple) -> dict:
    """Run one job (see build.plan_jobs); return, per artifact key, what it produced and
    the time the job took."""
    started = time.perf_counter()
    kind, *arguments = job
    try:
        result = {"html": build_html_site, "print": build_print_html,
                  "pdf": render_pdfs}[kind](*arguments)
    except (BuildError, KeyboardInterrupt, SystemExit):
        raise
    except BaseException as error:  # WeasyPrint's fatal fetch errors derive from BaseException
        # A refused fetch is already worded for the user; anything else names its type.
        detail = str(error) if type(error).__name__ == "FatalURLFetchingError" else \
            f"{type(error).__name__}: {error}"
        raise BuildError(f"{_describe(kind, arguments)}: {detail}") from None
    seconds = round(time.perf_counter() - started, 3)
    return {key: {**facts, "seconds": seconds} for key, facts in result.items()}


def _draft_tags(draft: bool) -> tuple[str, ...]:
    from build_tools.i18n_sphinx import DRAFT_TAG

    return (DRAFT_TAG,) if draft else ()


def build_html_site(target: Target, build_dir: Path, strict: bool, draft: bool) -> dict:
    """Build a language's site in a work folder, then swap the finished site into place."""
    work = build_dir / ".work" / f"html-{target.language}"
    doctrees = build_dir / "doctrees" / f"html-{target.language}"
    _forget_removed_documents(work, doctrees)
    _forget_copied_files(work)
    _run_sphinx_or_forget("html", target.language, work, doctrees, _draft_tags(draft), strict)
    (work / DOCUMENTS_FILE).write_text(_source_documents(), encoding="utf-8")
    publish_tree(work, html_site_dir(build_dir, target.language))
    return {target.key: tree_facts(target.path.parent)}


DOCUMENTS_FILE = ".handbook-documents"


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


def build_print_html(edition_name: str, language: str, build_dir: Path, strict: bool,
                     draft: bool) -> dict:
    """The one print HTML of an edition in a language; every PDF variant is rendered from it."""
    edition = project_config().editions[edition_name]
    outdir = print_html_dir(build_dir, edition_name, language)
    _forget_copied_files(outdir)
    _run_sphinx_or_forget("handbookprint", language, outdir,
                          build_dir / "doctrees" / f"print-{edition_name}-{language}",
                          (edition.tag, *_draft_tags(draft)), strict)
    return {}


def render_pdfs(targets: tuple[Target, ...], build_dir: Path, strict: bool) -> dict:
    """Render PDF variants of one edition in one language from its print HTML, reading
    only allowed files and laying out each distinct page geometry once.

    They are rendered into a work folder and renamed into place only when WeasyPrint
    finished without a problem (in strict mode, without a warning).
    """
    from build_tools import weasyprint_tuning
    from build_tools.fetcher import SandboxedFetcher
    from build_tools.pdf import render_edition

    weasyprint_tuning.apply()
    config = project_config()
    first = targets[0]
    html_file = print_html_dir(build_dir, first.edition, first.language) / "index.html"
    staging = build_dir / ".work" / f"pdf-{first.edition}-{first.language}"
    shutil.rmtree(staging, ignore_errors=True)
    with _collected_warnings("weasyprint") as warnings:
        rendered = render_edition(
            config, config.editions[first.edition], first.language, html_file, staging,
            only={target.variant for target in targets},
            url_fetcher=SandboxedFetcher([build_dir, SOURCE_DIR, PRINT_THEME_DIR]),
            document_id_seed=file_facts(html_file)["sha256"])
    try:
        if warnings and strict:
            raise BuildError(f"WeasyPrint reported problems in {os.path.relpath(html_file)}; "
                             "fix the source they come from:\n  "
                             + "\n  ".join(dict.fromkeys(warnings)))
        by_variant = {target.variant: target for target in targets}
        facts = {}
        for pdf in rendered:
            target = by_variant[pdf.variant]
            target.path.parent.mkdir(parents=True, exist_ok=True)
            os.replace(pdf.path, target.path)
            facts[target.key] = {**file_facts(target.path), "pages": pdf.pages}
        return facts
    finally:
        shutil.rmtree(staging, ignore_errors=True)


# Messages about the machine, not the document: they never fail a strict build.
_MACHINE_NOTICES = ("Using fontTools instead of HarfBuzz-Subset",)


@contextlib.contextmanager
def _collected_warnings(logger_name: str):
    """Collect the warnings and errors a library logs while the block runs."""
    messages: list[str] = []

    class Collector(logging.Handler):
        def emit(self, record):
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


def _forget_copied_files(outdir: Path) -> None:
    """Sphinx copies static files and images on every build but never deletes one: a font
    or image removed from source/ would live on in the output and hide the mistake."""
    for name in ("_static", "_images"):
        shutil.rmtree(outdir / name, ignore_errors=True)


def _run_sphinx_or_forget(builder: str, language: str, outdir: Path, doctreedir: Path,
                          tags: tuple[str, ...], strict: bool) -> None:
    """Run Sphinx; on failure drop its saved state so the next run reports the problem again.

    Sphinx re-reads only changed documents: after a failed strict build an unchanged
    document with a warning would otherwise pass silently the second time.
    """
    from build_tools.sphinx_run import run_sphinx

    try:
        run_sphinx(builder, language, outdir, doctreedir, tags=tags, strict=strict)
    except BaseException:
        shutil.rmtree(doctreedir, ignore_errors=True)
        raise


def publish_tree(work: Path, final: Path) -> None:
    """Copy a finished folder next to `final`, then swap it in with renames.

    The copy keeps `work` for Sphinx's next incremental build. Between the two renames
    the old site is kept as `.<name>.old`; `recover_trees` puts it back if a build was
    killed at exactly that point.
    """
    fresh = final.with_name(f".{final.name}.new")
    old = final.with_name(f".{final.name}.old")
    for leftover in (fresh, old):
        shutil.rmtree(leftover, ignore_errors=True)
    shutil.copytree(work, fresh, ignore=shutil.ignore_patterns(".buildinfo", ".doctrees", DOCUMENTS_FILE))
    if final.exists():
        os.rename(final, old)
    os.rename(fresh, final)
    shutil.rmtree(old, ignore_errors=True)


def recover_trees(build_dir: Path) -> None:
    """Put back a site whose swap a killed build interrupted."""
    for old in (build_dir / "html").glob(".*.old"):
        final = old.with_name(old.name[1:].removesuffix(".old"))
        if not final.exists():
            os.rename(old, final)


def _describe(kind: str, arguments: list) -> str:
    """Which document a job was working on, for error messages."""
    if kind == "pdf":
        targets, build_dir, _ = arguments
        html_file = print_html_dir(build_dir, targets[0].edition, targets[0].language)
        return (f"rendering {os.path.relpath(html_file / 'index.html')} as "
                f"{', '.join(target.variant for target in targets)}")
    return f"building {kind} ({', '.join(str(a) for a in arguments[:2])})"
