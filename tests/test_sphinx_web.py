"""The web extension's repair of Sphinx's JavaScript catalog, on Sphinx's own catalogs."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import sphinx

from build_tools.sphinxext.web import repair_js_catalog

SPHINX_LOCALES = Path(sphinx.__file__).parent / "locale"


def catalog(text: str) -> dict:
    return json.loads(text[text.index("(") + 1:text.rindex(")")])


@pytest.mark.parametrize("lang", ["fi", "sv"])
def test_plural_forms_are_indexed_by_number_and_empty_translations_fall_back(lang):
    shipped = (SPHINX_LOCALES / lang / "LC_MESSAGES" / "sphinx.js").read_text(encoding="utf-8")
    repaired = catalog(repair_js_catalog(shipped))
    assert repaired["plural_expr"] == f"Number({catalog(shipped)['plural_expr']})"
    for translation in repaired["messages"].values():
        forms = translation if isinstance(translation, list) else [translation]
        assert all(forms), translation
    kept = {message for message, value in catalog(shipped)["messages"].items()
            if value and all(value if isinstance(value, list) else [value])}
    assert set(repaired["messages"]) == kept


def test_something_else_is_refused():
    with pytest.raises(ValueError, match="not a Sphinx JavaScript catalog"):
        repair_js_catalog("var x = 1;")
