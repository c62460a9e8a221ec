"""The web extension's repair of Sphinx's JavaScript catalog, on Sphinx's own catalogs."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import sphinx

from build_tools.sphinxext.web import focusable_table_wrappers, repair_js_catalog

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


def test_a_table_box_takes_focus_named_by_its_caption_escaped():
    body = ('<p>x</p><div class="table-wrapper docutils container" id="t">'
            '<table><caption><span class="caption-text">&quot;A&quot; &lt;b&gt; &amp; C</span>'
            '<a class="headerlink" href="#t">¶</a></caption></table></div>'
            '<div class="table-wrapper docutils container"><table><tr><td>1</td></tr></table>'
            '</div>')
    repaired = focusable_table_wrappers(body, "Table")
    assert repaired.count('tabindex="0" role="region"') == 2
    assert 'aria-label="&quot;A&quot; &lt;b&gt; &amp; C" class="table-wrapper' in repaired
    assert 'aria-label="Table" class="table-wrapper docutils container"><table><tr>' in repaired
    assert repaired.replace(' tabindex="0" role="region"', "").count("<div") == 2
