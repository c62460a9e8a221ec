"""What this machine has of what a build and the tests need, and how to install what is missing."""

from __future__ import annotations

import importlib.util
import os
import platform
import re
import shutil
import subprocess
import sys
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from build_tools.paths import SOURCE_DIR

PYTHON_MINIMUM = (3, 11)
PANGO_MINIMUM = (1, 44)
PLATFORMS = {"debian": "Debian/Ubuntu", "fedora": "Fedora", "macos": "macOS (Homebrew)",
             "windows": "Windows"}
# Where the browser tests and `invoke docs.screenshots` look for Chromium, first to last.
CHROMIUM_VARIABLE = "HANDBOOK_CHROMIUM"
CHROMIUM_NAMES = ("chromium", "chromium-browser", "google-chrome", "google-chrome-stable")
CHROMIUM_PATHS = ("/Applications/Chromium.app/Contents/MacOS/Chromium",
                  "/Applications/Google Chrome.app/Contents/MacOS/Google Chrome",
                  r"C:\Program Files\Google\Chrome\Application\chrome.exe")
FONTS_CSS = SOURCE_DIR / "_static" / "handbook-fonts.css"
# TrueType and OpenType files start with one of these; a Git LFS pointer starts with "vers".
_FONT_MAGIC = (b"\x00\x01\x00\x00", b"true", b"OTTO")

INSTALL = {
    "python": {"debian": "apt-get install python3 python3-venv",
               "fedora": "dnf install python3",
               "macos": "brew install python@3.12",
               "windows": "install Python 3.11 or newer from the Microsoft Store (Python "
                          "Install Manager)"},
    "pango": {"debian": "apt-get install libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz-subset0",
              "fedora": "dnf install pango",
              "macos": "brew install pango",
              "windows": r"install MSYS2, then in its UCRT64 shell: pacman -S "
                         r"mingw-w64-ucrt-x86_64-pango (WeasyPrint looks in C:\msys64\ucrt64\bin;"
                         r" elsewhere set WEASYPRINT_DLL_DIRECTORIES)"},
    "harfbuzz-subset": {"debian": "apt-get install libharfbuzz-subset0",
                        "fedora": "dnf install harfbuzz",
                        "macos": "brew install harfbuzz",
                        "windows": "pacman -S mingw-w64-ucrt-x86_64-harfbuzz (MSYS2 UCRT64)"},
    "fonts": {name: "git checkout -- source/_static/fonts (they are part of the repository; "
                    "with Git LFS: git lfs pull)" for name in PLATFORMS},
    "hyphenation": {name: "pip install -e . (in the checkout's virtual environment)"
                    for name in PLATFORMS},
    "chromium": {"debian": "apt-get install chromium (Ubuntu: snap install chromium)",
                 "fedora": "dnf install chromium",
                 "macos": "brew install --cask chromium",
                 "windows": "install Google Chrome"},
    "pdf-tools": {"debian": "apt-get install poppler-utils qpdf ghostscript",
                  "fedora": "dnf install poppler-utils qpdf ghostscript",
                  "macos": "brew install poppler qpdf ghostscript",
                  "windows": "pacman -S mingw-w64-ucrt-x86_64-poppler "
                             "mingw-w64-ucrt-x86_64-qpdf mingw-w64-ucrt-x86_64-ghostscript "
                             "(MSYS2 UCRT64)"},
    "gettext": {"debian": "apt-get install gettext",
                "fedora": "dnf install gettext",
                "macos": "brew install gettext",
                "windows": "pacman -S gettext (MSYS2)"},
}


@dataclass(frozen=True)
class Finding:
    """One thing checked: what was found, or why it is missing, and whether builds need it."""

    name: str
    purpose: str
    required: bool
    found: str | None = None
    problem: str | None = None
    install: dict[str, str] = field(default_factory=dict)

    @property
    def ok(self) -> bool:
        return self.problem is None


def current_platform() -> str | None:
    """debian, fedora, macos or windows; None for a system whose installer we do not know."""
    if sys.platform == "darwin":
        return "macos"
    if sys.platform == "win32":
        return "windows"
    try:
        release = platform.freedesktop_os_release()
    except OSError:
        return None
    families = {release.get("ID", ""), *release.get("ID_LIKE", "").split()}
    if families & {"debian", "ubuntu"}:
        return "debian"
    if families & {"fedora", "rhel", "centos"}:
        return "fedora"
    return None


def find_chromium() -> str | None:
    """The Chromium (or Chrome) to drive: $HANDBOOK_CHROMIUM, then PATH, then the usual places."""
    configured = os.environ.get(CHROMIUM_VARIABLE)
    if configured:
        return configured if Path(configured).is_file() else None
    for name in CHROMIUM_NAMES:
        if found := shutil.which(name):
            return found
    return next((path for path in CHROMIUM_PATHS if Path(path).is_file()), None)


def check_python() -> Finding:
    version = ".".join(map(str, sys.version_info[:3]))
    too_old = sys.version_info[:2] < PYTHON_MINIMUM
    return Finding("Python", "runs everything", True, version,
                   f"Python {version} is older than 3.11" if too_old else None,
                   INSTALL["python"])


def _weasyprint_libraries() -> tuple[int | None, bool, str]:
    """Pango's version and whether HarfBuzz-subset loads, as WeasyPrint itself loads them.

    In a child process: a library that fails to load leaves WeasyPrint half imported.
    """
    probe = ("from weasyprint.text.ffi import harfbuzz_subset, pango\n"
             "print('PANGO', pango.pango_version(), harfbuzz_subset is not None)")
    result = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True,
                            timeout=120)
    match = re.search(r"^PANGO (\d+) (True|False)$", result.stdout, re.M)
    if not match:
        lines = (result.stderr or result.stdout).strip().splitlines()
        return None, False, lines[-1] if lines else "WeasyPrint could not start"
    return int(match[1]), match[2] == "True", ""


def check_pango(libraries: tuple[int | None, bool, str]) -> Finding:
    number, _, error = libraries
    purpose = "WeasyPrint lays out the PDFs with it"
    if number is None:
        return Finding("Pango", purpose, True, None, f"not found: {error}", INSTALL["pango"])
    version = (number // 10000, number // 100 % 100, number % 100)
    text = ".".join(map(str, version))
    problem = f"Pango {text} is older than 1.44" if version[:2] < PANGO_MINIMUM else None
    return Finding("Pango", purpose, True, text, problem, INSTALL["pango"])


def check_harfbuzz_subset(libraries: tuple[int | None, bool, str]) -> Finding:
    _, loaded, _ = libraries
    return Finding("HarfBuzz-subset",
                   "subsets the PDFs' fonts quickly; without it fontTools does, slower", False,
                   "found" if loaded else None, None if loaded else "not found",
                   INSTALL["harfbuzz-subset"])


def check_fonts(css: Path = FONTS_CSS) -> Finding:
    """Every font the site and the PDFs name is present and is a font, not a Git LFS pointer."""
    names = re.findall(r"url\((fonts/[^)\s]+)\)", css.read_text(encoding="utf-8")) \
        if css.exists() else []
    bad = []
    for name in names:
        path = css.parent / name
        if not path.is_file():
            bad.append(f"{name} is missing")
        elif not path.read_bytes()[:4].startswith(_FONT_MAGIC):
            bad.append(f"{name} is not a font file (a Git LFS pointer?)")
    problem = "; ".join(bad) or (None if names else f"{css} names no fonts")
    return Finding("Fonts", "Open Sans, shipped in source/_static/fonts", True,
                   f"{len(names)} files" if names else None, problem, INSTALL["fonts"])


def check_hyphenation() -> Finding:
    """Voikko's Finnish transducer (pyvoikko) and pyphen's Swedish and English dictionaries."""
    missing = []
    spec = importlib.util.find_spec("pyvoikko")
    if spec is None or not spec.origin or not (Path(spec.origin).parent / "voikko.kfst").is_file():
        missing.append("pyvoikko's Finnish dictionary (voikko.kfst)")
    if importlib.util.find_spec("kfst") is None:
        missing.append("kfst")
    if importlib.util.find_spec("pyphen") is None:
        missing.append("pyphen")
    else:
        import pyphen

        missing += [f"pyphen's {code} dictionary" for code in ("sv", "en", "en_US")
                    if code not in pyphen.LANGUAGES]
    return Finding("Hyphenation data",
                   "where the PDFs may break Finnish, Swedish and English words", True,
                   None if missing else "pyvoikko, pyphen",
                   f"missing: {', '.join(missing)}" if missing else None, INSTALL["hyphenation"])


def check_chromium() -> Finding:
    path = find_chromium()
    return Finding("Chromium", "for the browser tests and `invoke docs.screenshots` (or set "
                   f"{CHROMIUM_VARIABLE} to a Chromium or Chrome)", False, path,
                   None if path else "not found", INSTALL["chromium"])


def check_gettext() -> Finding:
    missing = [tool for tool in ("msgfmt", "msgcat", "msgattrib") if not shutil.which(tool)]
    return Finding("GNU gettext", "for tests that rewrap .po files as translators' tools do",
                   False, None if missing else "msgfmt, msgcat, msgattrib",
                   f"missing: {', '.join(missing)}" if missing else None, INSTALL["gettext"])


def check_pdf_tools() -> Finding:
    missing = [tool for tool in ("pdftotext", "qpdf", "gs") if not shutil.which(tool)]
    return Finding("PDF tools", "for tests that read the PDFs with tools other than ours",
                   False, None if missing else "pdftotext, qpdf, gs",
                   f"missing: {', '.join(missing)}" if missing else None, INSTALL["pdf-tools"])


def examine(probe: Callable[[], tuple[int | None, bool, str]] = _weasyprint_libraries
            ) -> list[Finding]:
    """Every check, required ones first."""
    libraries = probe()
    return [check_python(), check_pango(libraries), check_fonts(), check_hyphenation(),
            check_harfbuzz_subset(libraries), check_chromium(), check_gettext(),
            check_pdf_tools()]


def report(findings: list[Finding], system: str | None) -> str:
    """One line per check; under each missing one, the command that installs it (for this
    system if it is one we know, else for each)."""
    lines = []
    for finding in findings:
        state = "ok" if finding.ok else ("MISSING" if finding.required else "optional")
        detail = finding.found if finding.ok else finding.problem
        lines.append(f"{state:<9}{finding.name}: {detail} - {finding.purpose}")
        if not finding.ok:
            platforms = [system] if system in finding.install else list(finding.install)
            lines += [f"{'':<9}  install, {PLATFORMS[name]}: {finding.install[name]}"
                      for name in platforms]
    missing = [finding.name for finding in findings if finding.required and not finding.ok]
    lines.append(f"Missing, and needed to build: {', '.join(missing)}." if missing
                 else "Everything a build needs is here.")
    return "\n".join(lines)
