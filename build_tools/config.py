"""Load and validate handbook.toml, the single declaration of languages, editions and variants."""

from __future__ import annotations

import math
import re
import tomllib
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from build_tools.config_schema import TableChecker as _Checker
from build_tools.errors import ConfigError
from build_tools.locations import line_of_key as _line_of
from build_tools.locations import shown as _shown
from build_tools.paths import CODE_DIR, CONFIG_NAME, CONFIG_PATH, PROJECT_FOUND

# Each size has its stylesheet, build_tools/pdf/print_theme/static/print-<size>.css.
PAGE_SIZES = ("A4", "A5")

IMPOSITIONS = BINDINGS = ("saddle-stitch",)
# Printing conditions (build_tools/pdf/colour.py): CMYK offset on coated paper, or RGB.
OUTPUT_INTENTS = ("srgb", "fogra39")
# The standards WeasyPrint 70 writes (weasyprint.pdf.VARIANTS, compared in tests/test_config.py):
# another name crashed the render with a KeyError.
PDF_VARIANTS = ("pdf/ua-1", "pdf/ua-2", "pdf/x-1a", "pdf/x-3", "pdf/x-4", "pdf/x-5g",
                "pdf/a-1a", "pdf/a-1b", "pdf/a-2a", "pdf/a-2b", "pdf/a-2u", "pdf/a-3a",
                "pdf/a-3b", "pdf/a-3u", "pdf/a-4e", "pdf/a-4f", "pdf/a-4u")
CROP_MARK_MM = 5  # long, from the bleed's edge outwards, in the slug
_TOP_LEVEL = {"project", "languages", "editions", "variants", "supervision"}
# Tags appear in `.. only::`, the slug in file names; more bleed is a typo (3 mm is usual).
_TAG, _SLUG = re.compile(r"^[A-Za-z_][A-Za-z0-9_]*\Z"), re.compile(r"^[a-z0-9][a-z0-9_-]*\Z")
MAX_BLEED_MM = 20


@dataclass(frozen=True)
class Language:
    code: str
    name: str
    feedback_email: str = ""


@dataclass(frozen=True)
class Supervision:
    """The authority that supervises accessibility (Act 306/2019), as the statement names it."""

    name: str
    url: str
    contact: str = ""


@dataclass(frozen=True)
class Variant:
    """One kind of PDF of an edition; see the comments on [variants] in handbook.toml."""

    name: str
    label: str
    pdf_variant: str = ""
    page_size: str = ""
    bleed_mm: float = 0
    slug_mm: float = 0
    crop_marks: bool = False
    two_sided: bool = False
    output_intent: str = ""
    pages_from: str = ""
    imposition: str = ""
    sheet_size: str = ""
    binding: str = ""

    def trim_size(self, edition: Edition) -> str:
        """The page size of this variant's pages: its own, or else the edition's."""
        return self.page_size or edition.page_size


@dataclass(frozen=True)
class Edition:
    name: str
    tag: str
    title: str
    audience: str
    page_size: str
    variants: tuple[str, ...]
    keywords: tuple[str, ...] = ()


@dataclass(frozen=True)
class HandbookConfig:
    path: Path
    slug: str
    title: str
    author: str
    source_language: str
    languages: dict[str, Language]
    editions: dict[str, Edition]
    variants: dict[str, Variant]
    version: str = ""  # optional, see handbook.toml and build_tools/release/version.py
    site_url: str = ""  # optional: the address build/ is published at
    supervision: Supervision | None = None  # [supervision]; a release requires it

    def where(self, key: str, table: str | None = None) -> str:
        """'handbook.toml:LINE' of `key` in [table], for a valid value that is still wrong."""
        line = _line_of(self.path.read_text(encoding="utf-8"), key, table)
        return f"{_shown(self.path)}:{line}" if line else _shown(self.path)

    def select_languages(self, names: str | list[str] | None = None) -> list[Language]:
        """The languages named (comma-separated or a list), or all when none are named."""
        return _select(names, self.languages, "language")

    def select_editions(self, names: str | list[str] | None = None) -> list[Edition]:
        """The editions named (comma-separated or a list), or all when none are named."""
        return _select(names, self.editions, "edition")

    def select_variants(self, names: str | list[str] | None = None) -> list[Variant]:
        """The output variants named (comma-separated or a list), or all when none are named."""
        return _select(names, self.variants, "variant")

    def pdf_name(self, edition: Edition, language: Language, variant: str) -> str:
        """The file name of one PDF: what is inside, readable without opening it."""
        return f"{self.slug}-{edition.name}-{language.code}-{variant}.pdf"

    def declared_pdfs(self, languages: list[Language] | None = None,
                      editions: list[Edition] | None = None,
                      variants: list[Variant] | None = None,
                      ) -> list[tuple[Edition, Language, Variant]]:
        """Every PDF the configuration declares (or of the editions, languages and variants
        given), in build order: edition, then language, then the edition's variants."""
        wanted = None if variants is None else {variant.name for variant in variants}
        return [(edition, language, self.variants[variant])
                for edition in (self.editions.values() if editions is None else editions)
                for language in (self.languages.values() if languages is None else languages)
                for variant in edition.variants if wanted is None or variant in wanted]


def _select(names, declared: dict, kind: str) -> list:
    if not names:
        return list(declared.values())
    if isinstance(names, str):
        names = [name.strip() for name in names.split(",") if name.strip()]
    unknown = [name for name in names if name not in declared]
    if unknown:
        raise ConfigError(f"unknown {kind} {', '.join(repr(n) for n in unknown)}; "
                          f"valid {kind}s: {', '.join(declared)} (declared in {CONFIG_PATH.name})")
    return [declared[name] for name in names]


def load_config(path: Path | str = CONFIG_PATH) -> HandbookConfig:
    """Read and check a handbook configuration file; raise ConfigError naming file and line."""
    path = Path(path)
    try:
        text = path.read_text(encoding="utf-8")
    except OSError as error:
        raise ConfigError(f"{_shown(path)}: cannot read the configuration: "
                          f"{error.strerror}") from None
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as error:
        raise ConfigError(f"{_shown(path)}: not valid TOML: {error}") from None

    check = _Checker(path, text)
    for key in data:
        if key not in _TOP_LEVEL:
            check.fail(key, f"unknown table [{key}]; allowed: {', '.join(sorted(_TOP_LEVEL))}")
    project = check.table(data.get("project", {}), "project", "project")
    languages = check.named_tables(data, "languages", "language")
    editions = check.named_tables(data, "editions", "edition")
    variants = check.named_tables(data, "variants", "variant")
    supervision = (check.table(data["supervision"], "supervision", "supervision")
                   if "supervision" in data else None)

    if not _SLUG.match(project["slug"]):
        check.fail("slug", f"slug {project['slug']!r} must be lower case letters, digits, "
                           "'-' or '_': it names the PDF files", "project")
    if project["source_language"] not in languages:
        check.fail("source_language", f"source_language {project['source_language']!r} "
                                      "is not one of the declared languages: "
                                      f"{', '.join(languages)}")
    tagged: dict[str, str] = {}
    for name, edition in editions.items():
        # Two editions of one tag would be the same book under two titles, silently.
        if edition["tag"] in tagged:
            check.fail("tag", f"edition {name!r} has the tag {edition['tag']!r} of edition "
                              f"{tagged[edition['tag']]!r}; give each edition its own "
                              "`.. only::` tag", f"editions.{name}")
        tagged[edition["tag"]] = name
        if not _TAG.match(edition["tag"]):
            check.fail("tag", f"tag {edition['tag']!r} of edition {name!r} must be a name "
                              "(letters, digits, '_') as `.. only::` uses it", f"editions.{name}")
        if edition["page_size"] not in PAGE_SIZES:
            check.fail("page_size", f"page_size {edition['page_size']!r} of edition {name!r} "
                                    f"is not one of {', '.join(PAGE_SIZES)}", f"editions.{name}")
        for variant in edition["variants"]:
            if variant not in variants:
                check.fail("variants", f"edition {name!r} names variant {variant!r}, which is "
                                       f"not declared; declared variants: {', '.join(variants)}",
                           f"editions.{name}")

    for name, variant in variants.items():
        _check_variant(check, name, variant, variants)

    return HandbookConfig(
        path=path,
        slug=project["slug"],
        title=project["title"],
        author=project["author"],
        source_language=project["source_language"],
        languages={code: Language(code, v["name"], v["feedback_email"] or project["feedback_email"])
                   for code, v in languages.items()},
        editions={name: Edition(name=name, **value | {"variants": tuple(value["variants"]),
                                                       "keywords": tuple(value["keywords"])})
                  for name, value in editions.items()},
        variants={name: Variant(name=name, **value) for name, value in variants.items()},
        version=project["version"], site_url=project["site_url"],
        supervision=Supervision(**supervision) if supervision else None,
    )


def _check_variant(check: _Checker, name: str, variant: dict, variants: dict) -> None:
    """The keys of one [variants.<name>] table agree with each other and with the others."""
    table = f"variants.{name}"
    for key in ("page_size", "sheet_size"):
        if variant[key] and variant[key] not in PAGE_SIZES:
            check.fail(key, f"{key} {variant[key]!r} of variant {name!r} is not one of "
                            f"{', '.join(PAGE_SIZES)}", table)
    if not (math.isfinite(variant["bleed_mm"]) and 0 <= variant["bleed_mm"] <= MAX_BLEED_MM):
        check.fail("bleed_mm", f"bleed_mm of variant {name!r} must be from 0 to "
                               f"{MAX_BLEED_MM} (millimetres), not {variant['bleed_mm']}", table)
    if not (math.isfinite(variant["slug_mm"]) and 0 <= variant["slug_mm"] <= MAX_BLEED_MM):
        check.fail("slug_mm", f"slug_mm of variant {name!r} must be from 0 to "
                              f"{MAX_BLEED_MM} (millimetres), not {variant['slug_mm']}", table)
    if variant["crop_marks"] and variant["slug_mm"] < CROP_MARK_MM + 1:
        check.fail("crop_marks", f"variant {name!r} has crop marks: they are drawn in the slug "
                                 f"outside the bleed, {CROP_MARK_MM} mm long; set slug_mm to "
                                 f"at least {CROP_MARK_MM + 1}", table)
    if variant["binding"] and (variant["binding"] not in BINDINGS or variant["imposition"]):
        check.fail("binding", f"binding {variant['binding']!r} of variant {name!r}: a printed "
                              f"variant may be bound by {', '.join(BINDINGS)}; an imposed one "
                              "is bound as its imposition says", table)
    if variant["pdf_variant"] and variant["pdf_variant"] not in PDF_VARIANTS:
        check.fail("pdf_variant", f"pdf_variant {variant['pdf_variant']!r} of variant {name!r} "
                                  f"is not one of {', '.join(PDF_VARIANTS)}", table)
    if variant["output_intent"] and variant["output_intent"] not in OUTPUT_INTENTS:
        check.fail("output_intent", f"output_intent {variant['output_intent']!r} of variant "
                                    f"{name!r} is not one of {', '.join(OUTPUT_INTENTS)}", table)
    if variant["imposition"]:
        if variant["imposition"] not in IMPOSITIONS:
            check.fail("imposition", f"imposition {variant['imposition']!r} of variant {name!r} "
                                     f"is not one of {', '.join(IMPOSITIONS)}", table)
        source = variants.get(variant["pages_from"])
        if source is None or source["imposition"]:
            direct = ", ".join(n for n, v in variants.items() if not v["imposition"])
            check.fail("pages_from" if variant["pages_from"] else "imposition",
                       f"variant {name!r} imposes pages: set pages_from to a variant that "
                       f"is not imposed itself, one of {direct}", table)
        if not variant["sheet_size"]:
            check.fail("imposition", f"variant {name!r} imposes pages: set sheet_size "
                                     f"(one of {', '.join(PAGE_SIZES)})", table)
    elif variant["pages_from"] or variant["sheet_size"]:
        check.fail("pages_from" if variant["pages_from"] else "sheet_size",
                   f"pages_from and sheet_size of variant {name!r} only apply with imposition",
                   table)


@cache
def project_config() -> HandbookConfig:
    """The project's own configuration, read once per process."""
    if PROJECT_FOUND is None:
        raise ConfigError(
            f"no {CONFIG_NAME} here ({Path.cwd()}) or in a folder above, and the installed "
            f"code ({CODE_DIR}) is not inside a checkout: run the tasks in the project's "
            "checkout, where `pip install -e .` installs them")
    return load_config(CONFIG_PATH)
