"""Check translation files: they parse, headers agree, and no msgstr breaks its msgid's markup."""

from __future__ import annotations

import re
from collections import Counter
from pathlib import Path

import docutils.frontend
import docutils.parsers.rst
import docutils.utils
from docutils import nodes

from build_tools.config import HandbookConfig
from build_tools.errors import BuildError, TranslationError
from build_tools.i18n.catalogs import (
    LABELS_DOMAIN,
    TEMPLATES_FOLDER,
    UI_DOMAIN,
    forms,
    header_line,
    read_catalog,
    relative,
)
from build_tools.i18n.compile import compile_catalogs, remove_orphan_catalogs
from build_tools.i18n.safety import interface_problems, plural_forms_problems, text_problems
from build_tools.paths import LOCALE_DIR

# reStructuredText constructs that must survive translation, each found by a pattern.
_REFERENCES = {
    # The role is kept with its target: :emphasis:`perustehtava` is no :doc:`perustehtava`.
    "role": re.compile(r"(:(?:[\w-]+:)?[\w-]+:)`(?:[^`<]*<)?([^`>]+)>?`"),
    "link": re.compile(r"`[^`<]*<([^`>]+)>`__?"),
    "named reference": re.compile(r"(?<![\w`])`[^`<]+`_(?!_)|\b\w+_\b"),
    "substitution": re.compile(r"\|[^|\s][^|]*\|"),
    "footnote": re.compile(r"\[(?:#\w*|\*|\d+)\]_"),
}
# docutils' warning for a directive the check's parse turns off (raw, include).
_DISABLED_DIRECTIVE = re.compile(r'"([\w-]+)" directive disabled')
# Placeholders that Python, Jinja or JavaScript fill in at run time.
_PLACEHOLDER = re.compile(r"%\(\w+\)[sd]|%[sd]|\$\{\w+\}|\{\w*\}")
# Python's own, with the name of each (empty for a positional %s).
_PYTHON_PLACEHOLDER = re.compile(r"%(?:\((\w+)\))?[sd]")


def _references(text: str) -> Counter[tuple[str, str]]:
    found: Counter[tuple[str, str]] = Counter()
    for kind, pattern in _REFERENCES.items():
        for match in pattern.finditer(text):
            if kind == "role":
                found[(match.group(1), match.group(2).strip())] += 1
            else:
                found[(kind, match.group(1).strip() if pattern.groups else "")] += 1
    return found


def _parsed(text: str) -> nodes.document:
    """A message parsed on its own, reading no file and no address: a msgstr's
    `.. include::` or `:url:` is a problem to report, not something to fetch."""
    settings = docutils.frontend.get_default_settings(docutils.parsers.rst.Parser)
    settings.report_level = 5
    settings.halt_level = 5
    settings.file_insertion_enabled = False
    settings.raw_enabled = False
    document = docutils.utils.new_document("<message>", settings)
    docutils.parsers.rst.Parser().parse(text, document)
    return document


def _markup_problems(document: nodes.document) -> set[str]:
    """docutils' complaints about a parsed message (unknown roles included); not its
    INFO notes, such as how it looked an unknown role up."""
    return {f"{m['type'].lower()}: {m.children[0].astext()}"
            for m in document.findall(nodes.system_message)
            if m.children and m["level"] >= docutils.utils.Reporter.WARNING_LEVEL}


def _blocks(document: nodes.document) -> list[str]:
    """What a parsed message is made of: ['paragraph'] for a sentence of the text."""
    return [node.tagname for node in document.children
            if not isinstance(node, nodes.system_message)]


def _describe(reference: tuple[str, str]) -> str:
    kind, target = reference
    if kind.startswith(":"):  # a role, as written: role :doc:`perustehtava`
        return f"role {kind}`{target}`"
    return f"{kind} {target!r}" if target else kind


def message_problems(msgid: str, msgstr: str, rst: bool) -> list[str]:
    """What the translation loses or breaks compared to its source message."""
    problems = text_problems(msgid, msgstr)
    source_placeholders = Counter(_PLACEHOLDER.findall(msgid))
    if Counter(_PLACEHOLDER.findall(msgstr)) != source_placeholders:
        problems.append(f"placeholders differ: the msgid has "
                        f"{', '.join(sorted(source_placeholders)) or 'none'}")
    elif not rst:
        problems += _format_problems(msgid, msgstr)
    if not rst:
        return problems + interface_problems(msgid, msgstr)
    missing = _references(msgid) - _references(msgstr)
    extra = _references(msgstr) - _references(msgid)
    if missing:
        problems.append("drops " + ", ".join(_describe(r) for r in sorted(missing)))
    if extra:
        problems.append("adds " + ", ".join(_describe(r) for r in sorted(extra)))
    source, translation = _parsed(msgid), _parsed(msgstr)
    new_markup = _markup_problems(translation) - _markup_problems(source)
    problems += [_markup_problem(problem) for problem in sorted(new_markup)]
    if _blocks(source) == ["paragraph"] and _blocks(translation) != ["paragraph"]:
        # Sphinx's Locale transform keeps only the first block, and only a paragraph.
        problems.append(f"is read as {' + '.join(_blocks(translation)) or 'nothing'}, not as "
                        "one paragraph: the build would show the untranslated text (or drop "
                        "all but the first paragraph). A line starting '1. ', 'A. ', '- ' or "
                        "'* ' begins a list (write '1\\. ' in Poedit); an empty line starts "
                        "a new paragraph")
    return problems


def _markup_problem(problem: str) -> str:
    # The check's parse disables raw and include: a msgstr that uses them is named here,
    # at its .po line, in words a translator can act on.
    disabled = _DISABLED_DIRECTIVE.search(problem)
    if disabled:
        return (f'adds a ".. {disabled.group(1)}::" directive, which a translation may not '
                "(it would put outside HTML or files in the handbook); translate the text only")
    return f"breaks the markup ({problem})"


def _format_problems(msgid: str, msgstr: str) -> list[str]:
    """An interface string with Python placeholders is filled in with `%`: a stray '%' in
    the translation (100 %) stops the build in the middle of a page."""
    if not _PYTHON_PLACEHOLDER.search(msgid):
        return []
    names = _PYTHON_PLACEHOLDER.findall(msgid)
    values: dict | tuple = ({name: 0 for name in names} if any(names)
                            else (0,) * len(names))
    try:
        msgstr % values
    except (TypeError, ValueError, KeyError) as error:
        return [f"cannot be filled in as the program does ({error}); write a percent sign "
                "as '%%'"]
    return []


def _header(catalog, name: str) -> str:
    """A header field as the file has it: babel's own view reads `charset=CHARSET`, the
    placeholder msgfmt warns about, as UTF-8."""
    return dict(getattr(catalog, "po_header", None) or catalog.mime_headers).get(name, "")


def check_file(path: Path, language: str) -> list[str]:
    """Every problem in one .po file, each as 'file:line: message'."""
    try:
        catalog = read_catalog(path, locale=None)
    except TranslationError as error:
        return [str(error)]
    where = relative(path)
    problems = []
    declared = _header(catalog, "Language")
    if declared.replace("-", "_") != language:
        line = header_line(path.read_bytes(), "Language")
        problems.append(f"{where}:{line}: header Language is {declared!r} but the file is in "
                        f"locale/{language}/; set it to {language!r}")
    content_type = _header(catalog, "Content-Type")
    if "charset=utf-8" not in content_type.lower().replace(" ", ""):
        line = header_line(path.read_bytes(), "Content-Type")
        problems.append(f"{where}:{line}: header Content-Type is {content_type!r}; save the "
                        "file as UTF-8 with 'text/plain; charset=UTF-8'")
    if plural_forms := _header(catalog, "Plural-Forms"):
        problems += plural_forms_problems(path, where, plural_forms)
    rst = path.stem not in (LABELS_DOMAIN, UI_DOMAIN)
    for message in catalog:
        if not message.id or message.fuzzy or not message.string:
            continue
        ids, strings = forms(message.id), forms(message.string)
        for form, msgstr in enumerate(strings):
            if not msgstr:  # untranslated (a new language's plural forms): not an error
                continue
            source = ids[min(form, len(ids) - 1)]
            for problem in message_problems(source, msgstr, rst):
                short = ids[0] if len(ids[0]) <= 60 else ids[0][:57] + "..."
                problems.append(f"{where}:{message.lineno}: msgid {short!r}: msgstr {problem}")
    return problems


def stray_catalogs(config: HandbookConfig, locale_dir: Path = LOCALE_DIR) -> list[str]:
    """Catalogs no language translates: what `sphinx-intl update` writes when run without
    `-l`, since it takes every folder under locale/ for a language."""
    targets = ",".join(code for code in config.languages if code != config.source_language)
    fix = (f"`sphinx-intl update` without `-l` writes these: delete them, and name the "
           f"languages (`sphinx-intl update -p locale/templates -d locale -l {targets}`)")
    templates = locale_dir / TEMPLATES_FOLDER / "LC_MESSAGES"
    problems = [f"{relative(templates)}: {TEMPLATES_FOLDER}/ holds the .pot templates, it is "
                f"not a language; {fix}"] if templates.exists() else []
    source = locale_dir / config.source_language / "LC_MESSAGES"
    problems += [f"{relative(path)}: the {config.source_language!r} text is the original, only "
                 f"its {UI_DOMAIN}.po is translated; {fix}"
                 for path in sorted(source.glob("*.po")) if path.stem != UI_DOMAIN]
    return problems


def check(config: HandbookConfig, locale_dir: Path = LOCALE_DIR) -> list[str]:
    """Check every .po under locale/; also that each folder is a declared language and
    holds only catalogs that language translates."""
    problems = stray_catalogs(config, locale_dir)
    names = sorted(path.stem for path in (locale_dir / TEMPLATES_FOLDER).glob("*.pot"))
    for folder in sorted(p for p in locale_dir.iterdir()
                         if p.is_dir() and p.name != TEMPLATES_FOLDER):
        if folder.name not in config.languages:
            problems.append(f"{relative(folder)}: language {folder.name!r} is not declared "
                            f"in {relative(config.path)}; run `invoke i18n.add-language "
                            f"{folder.name}` or remove the folder")
        for path in sorted((folder / "LC_MESSAGES").glob("*.po")):
            if names and path.stem not in names and folder.name != config.source_language:
                # A file saved or downloaded under another name (Weblate's
                # project-component-sv.po) is never read by the build.
                problems.append(f"{relative(path)}: no template {path.stem}.pot, so the build "
                                "never reads this file; name it after its chapter (one of "
                                f"{', '.join(f'{name}.po' for name in names)})")
            problems += check_file(path, folder.name)
    return problems


def prepare_catalogs(language: str, locale_dir: Path = LOCALE_DIR) -> bool:
    """Check one language's catalogs and compile them, once, before any Sphinx process
    reads them; raise BuildError listing every problem with its file and line. True when
    a catalog was removed, which Sphinx's saved documents do not notice.

    Sphinx would skip a broken catalog with at most a warning, or apply a translation
    that drops a link; and two workers compiling the same .mo could read it half-written.
    """
    problems = [problem
                for path in sorted((locale_dir / language / "LC_MESSAGES").glob("*.po"))
                for problem in check_file(path, language)]
    if problems:
        raise BuildError("translation catalogs with problems; fix each line named, or run "
                         "`invoke i18n.check`:\n  " + "\n  ".join(problems))
    removed = remove_orphan_catalogs(language, locale_dir)
    compile_catalogs([language], locale_dir)
    return bool(removed)
