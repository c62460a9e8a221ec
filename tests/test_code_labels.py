"""Every label the code passes to `_()` as a literal reaches the translators' template."""

from __future__ import annotations

import ast

from build_tools.config import project_config
from build_tools.i18n.extract import label_messages
from build_tools.paths import CODE_DIR, LOCALE_DIR


def literal_labels() -> set[tuple[str, str]]:
    """(file, msgid) of each `_("...")` call with a literal, f-strings included (Python's own
    parser finds them; Babel's extractor on Python 3.11 does not look inside an f-string)."""
    found = set()
    for path in sorted(CODE_DIR.rglob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Call) and isinstance(node.func, ast.Name) \
                    and node.func.id == "_" and node.args \
                    and isinstance(node.args[0], ast.Constant) \
                    and isinstance(node.args[0].value, str):
                found.add((path.name, node.args[0].value))
    return found


def test_every_literal_label_is_extracted():
    extracted = {message[0] for message in label_messages(project_config())}
    missing = sorted((name, msgid) for name, msgid in literal_labels() if msgid not in extracted)
    assert missing == [], "labels no catalog can translate (move the _() out of the f-string)"


def test_the_uncommitted_changes_mark_is_translated():
    """It was inside an f-string: Swedish and English colophons said it in Finnish."""
    assert ("release.py", "tallentamattomia muutoksia") in literal_labels()
    for language in ("sv", "en"):
        text = (LOCALE_DIR / language / "LC_MESSAGES" / "handbook.po").read_text(encoding="utf-8")
        assert 'msgid "tallentamattomia muutoksia"\nmsgstr ""' not in text
        assert 'msgid "tallentamattomia muutoksia"\nmsgstr "' in text
