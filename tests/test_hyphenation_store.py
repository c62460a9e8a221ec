"""The print HTML job stores its document's hyphenation dictionary; a render reuses it only
when it was made from the same HTML, exceptions and engine, and never a stale one."""

from __future__ import annotations

import json

import pytest

from build_tools.engine.build import BuildOptions, build_or_raise
from build_tools.engine.jobs import PrintHtmlJob
from build_tools.errors import HyphenationError
from build_tools.paths import BuildPaths
from build_tools.pdf import hyphenation, hyphenation_store

NEW_WORD = "lumiukkokilpailuun"
# Worked out outside the count of `made`.
DICTIONARY_TEXT = hyphenation.dictionary_text


@pytest.fixture(scope="module")
def print_html(tmp_path_factory):
    """The real Finnish print HTML of the employees' edition, built by its job."""
    paths = BuildPaths(tmp_path_factory.mktemp("store") / "build")
    PrintHtmlJob("employees", "fi", paths, strict=True, draft=False, renders=3).run()
    return paths.print_html("employees", "fi") / "index.html"


@pytest.fixture
def html_file(print_html, tmp_path):
    """A copy of the print HTML and its stored dictionary, free to edit."""
    for source in (print_html, hyphenation_store.store_path(print_html)):
        (tmp_path / source.name).write_bytes(source.read_bytes())
    return tmp_path / print_html.name


@pytest.fixture
def made(monkeypatch):
    """Counts the dictionaries worked out from words (not taken from the store)."""
    calls = []

    def counted(words, language):
        calls.append(language)
        return DICTIONARY_TEXT(words, language)

    monkeypatch.setattr(hyphenation, "dictionary_text", counted)
    return calls


def fresh(html_file) -> str:
    return DICTIONARY_TEXT(hyphenation.document_words(html_file), "fi")


def test_the_print_html_job_stores_the_dictionary_its_renders_use(print_html, made):
    stored = hyphenation_store.dictionary_for(print_html, "fi")
    assert made == []
    assert stored == fresh(print_html)
    assert len(stored.splitlines()) > 50  # the words of a real handbook


def test_an_edited_html_is_never_served_the_stored_dictionary(html_file, made):
    text = html_file.read_text(encoding="utf-8")
    assert NEW_WORD not in text
    html_file.write_text(text.replace("</body>", f"<p>{NEW_WORD}</p></body>", 1),
                         encoding="utf-8")
    dictionary = hyphenation_store.dictionary_for(html_file, "fi")
    assert made == ["fi"]
    assert f".{hyphenation.hyphenated(NEW_WORD, 'fi').replace('-', '1')}." in dictionary
    assert dictionary == fresh(html_file)


def test_changed_exceptions_are_never_served_the_stored_dictionary(html_file, made,
                                                                    monkeypatch):
    before = hyphenation_store.dictionary_for(html_file, "fi")
    word = next(line.strip(".").replace("1", "") for line in before.splitlines()[1:])
    exceptions = {**hyphenation.exceptions("fi"), word: ()}  # the word is never broken now
    monkeypatch.setattr(hyphenation, "exceptions", lambda language: exceptions)
    after = hyphenation_store.dictionary_for(html_file, "fi")
    assert made == ["fi"]
    assert word not in {line.strip(".").replace("1", "") for line in after.splitlines()[1:]}
    assert after != before


def test_another_engine_is_never_served_the_stored_dictionary(html_file, made, monkeypatch):
    monkeypatch.setattr(hyphenation_store, "_engine", lambda: "another pyvoikko")
    assert hyphenation_store.dictionary_for(html_file, "fi") == fresh(html_file)
    assert made == ["fi"]


@pytest.mark.parametrize("stored", ["{not json", json.dumps({"dictionary": "UTF-8\n1.\n"}),
                                    json.dumps(["a list"])])
def test_an_unreadable_store_is_worked_out_again(html_file, made, stored):
    hyphenation_store.store_path(html_file).write_text(stored, encoding="utf-8")
    assert hyphenation_store.dictionary_for(html_file, "fi") == fresh(html_file)
    assert made == ["fi"]


def test_a_bad_exceptions_file_stores_nothing_and_the_render_still_fails(html_file,
                                                                        monkeypatch):
    def broken(language):
        raise HyphenationError("hyphenation/fi-exceptions.txt:3: 'a b' is not a word")

    monkeypatch.setattr(hyphenation, "exceptions", broken)
    hyphenation_store.prepare(html_file, "fi", renders=2)
    assert not hyphenation_store.store_path(html_file).exists()
    with pytest.raises(HyphenationError, match="fi-exceptions.txt:3"):
        hyphenation_store.dictionary_for(html_file, "fi")


def test_a_print_html_read_by_one_render_stores_nothing(html_file, made):
    """Its one render makes the dictionary as early; a store from before is removed."""
    hyphenation_store.prepare(html_file, "fi", renders=1)
    assert not hyphenation_store.store_path(html_file).exists()
    assert made == []
    assert hyphenation_store.dictionary_for(html_file, "fi") == fresh(html_file)


def test_renders_through_the_store_write_the_bytes_a_render_without_it_writes(config,
                                                                              tmp_path, made):
    """Screen and print of one edition are two render jobs of one print HTML: they take
    its stored dictionary (made once, not twice). The screen PDF built alone makes its
    own. The two screen PDFs are the same bytes."""
    fi, employees = config.select_languages("fi"), config.select_editions("employees")
    screen, printed = config.variants["screen"], config.variants["print"]

    def screen_pdf(folder: str, variants: list) -> bytes:
        paths = BuildPaths(tmp_path / folder)
        outcomes = build_or_raise(config, fi, employees, BuildOptions(
            paths=paths, html=False, variants=variants, jobs=1))
        assert hyphenation_store.store_path(
            paths.print_html("employees", "fi") / "index.html").exists() == (len(variants) > 1)
        return next(o.path for o in outcomes if o.target.variant == "screen").read_bytes()

    through_the_store = screen_pdf("shared", [screen, printed])
    assert made == ["fi"]
    assert screen_pdf("alone", [screen]) == through_the_store
    assert made == ["fi", "fi"]
