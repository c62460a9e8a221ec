"""What a build can write: the outputs the configuration declares, each a Target."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum
from pathlib import Path

from build_tools.config import Edition, HandbookConfig, Language, Variant
from build_tools.paths import BuildPaths


class Kind(StrEnum):
    """The two kinds of output: a language's HTML site, or one PDF file."""

    HTML = "html"
    PDF = "pdf"


@dataclass(frozen=True)
class Target:
    """One artifact a build can write: an HTML site, or one PDF variant of an edition."""

    kind: Kind
    language: str
    path: Path
    edition: str | None = None
    variant: str | None = None

    @property
    def key(self) -> str:
        """A stable name, used in the state file, the manifest and progress messages."""
        if self.kind is Kind.HTML:
            return f"html/{self.language}"
        return f"pdf/{self.edition}-{self.language}-{self.variant}"


def site_target(paths: BuildPaths, language: str) -> Target:
    return Target(Kind.HTML, language, paths.site(language) / "index.html")


def pdf_target(config: HandbookConfig, paths: BuildPaths, edition: Edition, language: Language,
               variant: Variant) -> Target:
    return Target(Kind.PDF, language.code,
                  paths.pdf / config.pdf_name(edition, language, variant.name),
                  edition.name, variant.name)


def declared_targets(config: HandbookConfig, languages: list[Language],
                     editions: list[Edition], paths: BuildPaths, html: bool = True,
                     pdf: bool = True, variants: list[Variant] | None = None) -> list[Target]:
    """HTML per language and every variant of every edition per language (or only those
    of `variants` that an edition declares), in that order."""
    targets = []
    if html:
        targets += [site_target(paths, language.code) for language in languages]
    if pdf:
        targets += [pdf_target(config, paths, *pdf)
                    for pdf in config.declared_pdfs(languages, editions, variants)]
    return targets


def every_target(config: HandbookConfig, paths: BuildPaths) -> list[Target]:
    """Everything handbook.toml declares."""
    return declared_targets(config, list(config.languages.values()),
                            list(config.editions.values()), paths)
