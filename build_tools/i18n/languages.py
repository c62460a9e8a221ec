"""A new language: its catalogs created and its table added to handbook.toml."""

from __future__ import annotations

import json
import re
from pathlib import Path

import babel

from build_tools.config import HandbookConfig, load_config
from build_tools.errors import ConfigError, TranslationError
from build_tools.files import write_atomically, write_if_changed
from build_tools.i18n.catalogs import (
    UI_DOMAIN,
    CatalogPaths,
    read_catalog,
    relative,
    render_catalog,
)
from build_tools.i18n.extract import extract
from build_tools.i18n.update import catalogs_for, merge, prefill_from_sphinx
from build_tools.paths import SOURCE_DIR


def language_name(code: str) -> str:
    """The language's name in that language, e.g. 'de' -> 'Deutsch'; checks the code."""
    try:
        if not re.fullmatch(r"[a-z]{2,3}", code):
            raise ValueError(code)
        name = babel.Locale.parse(code).get_display_name(code)
        if not name:
            raise ValueError(code)
        return name
    except (ValueError, babel.UnknownLocaleError):
        raise TranslationError(f"unknown language code {code!r}; use a lower-case ISO 639 "
                               "code such as 'de' or 'et'") from None


def declare_language(config_path: Path, code: str, name: str) -> None:
    """Add `[languages.<code>]` after the last language table, keeping the file's text."""
    text = config_path.read_text(encoding="utf-8")
    lines = text.splitlines(keepends=True)
    headers = [i for i, line in enumerate(lines) if re.match(r"\s*\[languages\.", line)]
    if not headers:
        raise ConfigError(f"{config_path}: no [languages.<code>] table to add {code!r} after")
    end = headers[-1] + 1
    while end < len(lines) and not lines[end].lstrip().startswith("["):
        end += 1
    # Comments just above the next table belong to it.
    while end > headers[-1] + 1 and (not lines[end - 1].strip()
                                      or lines[end - 1].lstrip().startswith("#")):
        end -= 1
    block = f"\n[languages.{code}]\nname = {json.dumps(name, ensure_ascii=False)}\n"
    new_text = "".join(lines[:end]) + block + "".join(lines[end:])

    def write_checked(partial: Path) -> None:
        partial.write_text(new_text, encoding="utf-8")
        load_config(partial)  # a configuration that would not load is never put in place

    write_atomically(config_path, write_checked)


def add_language(code: str, config: HandbookConfig, name: str | None = None,
                 paths: CatalogPaths = CatalogPaths(), source_dir: Path = SOURCE_DIR) -> list[Path]:
    """Create the catalogs of a new language and declare it in the configuration."""
    own_name = language_name(code)  # also rejects a code that is not a language
    if code in config.languages:
        raise TranslationError(f"language {code!r} is already declared in "
                               f"{relative(config.path)}; run `invoke i18n.update --lang "
                               f"{code}` to refresh its catalogs")
    extract(config, paths, source_dir)
    written = []
    for template_path in catalogs_for(code, config, paths):
        po_path = paths.po(code, template_path.stem)
        if po_path.exists():
            continue
        catalog = merge(read_catalog(template_path), None, code)
        if template_path.stem == UI_DOMAIN:
            prefill_from_sphinx(catalog, code)
        write_if_changed(po_path, render_catalog(catalog))
        written.append(po_path)
    declare_language(config.path, code, name or own_name)
    return written
