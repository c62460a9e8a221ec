"""Interrupted, locked out or repeated: a build keeps earlier outputs and writes the same bytes."""

from __future__ import annotations

import contextlib
import os
import re
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from build_tools.engine.lock import build_lock
from tests.project_copy import SELECTION, append, invoke, outputs, replace

# Long chapters the recovery build finds as the interrupted one read them.
UNCHANGED_CHAPTERS = 3


@pytest.mark.parametrize("stop", [signal.SIGKILL, signal.SIGINT], ids=["killed", "ctrl-c"])
def test_interrupted_build_leaves_previous_outputs_byte_identical(project, stop):
    """Killed or Ctrl-C while PDFs and sites are rebuilt: every earlier output is intact."""
    before = outputs(project)
    _lengthen(project)
    process = subprocess.Popen([sys.executable, "-m", "invoke", "build", *SELECTION],
                               cwd=project, env={**os.environ, "PYTHONPATH": str(project)},
                               stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True,
                               start_new_session=True)
    for line in process.stderr:
        if "building pdf/" in line:
            break
    time.sleep(0.5)
    os.killpg(process.pid, stop)
    rest = process.stderr.read()
    process.wait(timeout=60)
    if stop == signal.SIGINT:
        assert process.returncode == 130
        assert "interrupted: outputs already in place are unchanged" in rest
        assert not [p for p in (project / "build").rglob("*") if ".partial" in p.name
                    or p.name.endswith((".rendered", ".new"))]
    assert outputs(project) == before
    # The next build recovers and completes. The same chapters, most made short first:
    # their length only gave the kill time to land, and rendering it all again took
    # minutes. The first few stay as the interrupted build read them, so the recovery
    # also starts from the state it left for unchanged documents.
    _add_chapters(project, paragraphs=1, first=UNCHANGED_CHAPTERS)
    result = invoke(project, "build", *SELECTION)
    assert result.returncode == 0, result.stderr
    for number in (0, 39):
        assert f"Lisäluku {number}" in (project / f"build/html/fi/lisa{number}.html").read_text(
            encoding="utf-8")


def _lengthen(project) -> None:
    """A change that rebuilds everything, and a longer book so there is time to kill
    (~250 pages: each PDF renders for tens of seconds)."""
    replace(project / "handbook.toml", 'name = "svenska"', 'name = "Svenska"')
    _add_chapters(project, paragraphs=12)
    append(project / "source/index.rst", "".join(f"   lisa{n}\n" for n in range(40)))


def _add_chapters(project, paragraphs: int, first: int = 0) -> None:
    """Write chapters `first`..39 with `paragraphs` paragraphs each (not yet in the index)."""
    paragraph = " ".join(["Viestintäohje tukee strategian toteuttamista arjessa."] * 30)
    for number in range(first, 40):
        title = f"Lisäluku {number}"
        (project / f"source/lisa{number}.rst").write_text(
            f"{title}\n{'=' * len(title)}\n\n" + f"{paragraph}\n\n" * paragraphs,
            encoding="utf-8")


def _children(pid: int) -> set[int]:
    """The processes whose parent is `pid` and that have not exited (zombies left out)."""
    found = set()
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            # The command name in parentheses may hold spaces: the fields follow its end.
            state, parent = stat.read_text().rsplit(")", 1)[1].split()[:2]
        except (OSError, IndexError):
            continue  # the process ended while we read
        if int(parent) == pid and state != "Z":
            found.add(int(stat.parent.name))
    return found


def _alive(pid: int) -> bool:
    try:
        return Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0] != "Z"
    except OSError:
        return False


@pytest.mark.skipif(not Path("/proc/self/stat").exists(), reason="reads processes from /proc")
def test_workers_exit_when_the_build_is_killed(project):
    """SIGKILL of the build process alone (not its group): its Sphinx and WeasyPrint
    workers must not live on as orphans, rendering for half an hour."""
    _lengthen(project)
    process = subprocess.Popen([sys.executable, "-m", "invoke", "build", *SELECTION,
                                "--jobs", "2"],
                               cwd=project, env={**os.environ, "PYTHONPATH": str(project)},
                               stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True,
                               start_new_session=True)
    try:
        for line in process.stderr:
            if "building pdf/" in line:
                break
        time.sleep(1)
        workers = _children(process.pid)
        assert workers, "the build started no worker processes"
        process.kill()
        process.wait(timeout=10)
        deadline = time.monotonic() + 8
        while time.monotonic() < deadline and any(_alive(pid) for pid in workers):
            time.sleep(0.2)
        survivors = sorted(pid for pid in workers if _alive(pid))
        assert not survivors, f"{len(survivors)} of {len(workers)} workers outlived the build"
    finally:
        with contextlib.suppress(ProcessLookupError):
            os.killpg(process.pid, signal.SIGKILL)  # whatever this test started, if it failed


def test_second_build_waits_for_the_lock_or_stops(project):
    with build_lock(project / "build"):
        result = invoke(project, "build", *SELECTION, "--no-wait")
        seen = result.stdout + result.stderr
        assert "Traceback" not in seen, seen
        assert result.returncode == 1, seen
        assert re.fullmatch(rf"error: another build \(process {os.getpid()}\) is writing to "
                            r".*build; try again when it has finished, or drop --no-wait "
                            r"to wait for it\n", result.stderr), seen
        waiting = subprocess.Popen([sys.executable, "-m", "invoke", "build", *SELECTION],
                                   cwd=project, env={**os.environ, "PYTHONPATH": str(project)},
                                   stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        message = waiting.stderr.readline()
        assert "waiting for it to finish" in message, message
    stdout, stderr = waiting.communicate(timeout=120)
    assert "Traceback" not in stdout + stderr, stderr
    assert waiting.returncode == 0, stderr
    assert "up to date" in stdout


def test_two_builds_of_the_same_sources_are_byte_identical(project):
    result = invoke(project, "verify-reproducible", *SELECTION)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "byte-identical" in result.stdout


def test_pdf_x_document_id_is_stable(tmp_path):
    """PDF/X-4 gets a random DocumentID from WeasyPrint; ours derives it from the sources."""
    from weasyprint import HTML

    from build_tools.provenance import stable_document_id

    html = ('<html lang="fi"><head><title>T</title>'
            '<meta name="dcterms.created" content="2026-01-01T00:00:00Z">'
            '<meta name="dcterms.modified" content="2026-01-01T00:00:00Z"></head>'
            '<body><p>Teksti</p></body></html>')
    written = []
    for number in range(2):
        path = tmp_path / f"{number}.pdf"
        HTML(string=html).write_pdf(path, pdf_variant="pdf/x-4", uncompressed_pdf=True,
                                    finisher=stable_document_id("seed"))
        written.append(path.read_bytes())
    assert b"xmp.did:" in written[0]
    assert written[0] == written[1]
