"""The configuration loader: the project's own file, and bad files that must fail clearly."""

from __future__ import annotations

import pytest

from build_tools.config import CONFIG_PATH, ConfigError, load_config

GOOD = CONFIG_PATH.read_text(encoding="utf-8")


def write(tmp_path, text):
    path = tmp_path / "handbook.toml"
    path.write_text(text, encoding="utf-8")
    return path


def test_project_file_declares_languages_editions_and_variants():
    config = load_config()
    assert config.source_language == "fi"
    assert list(config.languages)[0] == "fi"
    assert set(config.editions) == {"employees", "trustees"}
    for edition in config.editions.values():
        assert edition.variants and set(edition.variants) <= set(config.variants)


def test_selection_by_name_and_all():
    config = load_config()
    assert [e.name for e in config.select_editions("trustees")] == ["trustees"]
    assert [e.name for e in config.select_editions(None)] == list(config.editions)
    assert [lang.code for lang in config.select_languages("fi")] == ["fi"]


def test_unknown_language_lists_the_valid_ones():
    config = load_config()
    with pytest.raises(ConfigError) as error:
        config.select_languages("fi,xx")
    assert "unknown language 'xx'" in str(error.value)
    assert ", ".join(config.languages) in str(error.value)


def test_unknown_edition_lists_the_valid_ones():
    with pytest.raises(ConfigError, match=r"unknown edition 'staff'; valid editions: employees, trustees"):
        load_config().select_editions("staff")


def test_unknown_key_names_file_and_line(tmp_path):
    text = GOOD.replace('page_size = "A5"', 'page_size = "A5"\npapersize = "A5"')
    path = write(tmp_path, text)
    line = text.splitlines().index('papersize = "A5"') + 1
    with pytest.raises(ConfigError) as error:
        load_config(path)
    message = str(error.value)
    assert message.startswith(f"{path}:{line}: unknown key 'papersize' in [editions.trustees]")
    assert "allowed keys:" in message


def test_wrong_type_is_reported(tmp_path):
    path = write(tmp_path, GOOD.replace('variants = ["screen", "print", "booklet"]', 'variants = "screen"', 1))
    with pytest.raises(ConfigError, match=r"'variants' in \[editions.employees\] must be a list, not str"):
        load_config(path)


def test_undeclared_variant_is_reported(tmp_path):
    path = write(tmp_path, GOOD.replace('variants = ["screen", "print", "booklet"]', 'variants = ["poster"]', 1))
    with pytest.raises(ConfigError, match=r"names variant 'poster', which is not declared"):
        load_config(path)


def test_source_language_must_be_declared(tmp_path):
    path = write(tmp_path, GOOD.replace('source_language = "fi"', 'source_language = "de"'))
    with pytest.raises(ConfigError, match=r"source_language 'de' is not one of the declared"):
        load_config(path)


def test_unsupported_page_size(tmp_path):
    path = write(tmp_path, GOOD.replace('page_size = "A5"', 'page_size = "A6"'))
    with pytest.raises(ConfigError, match=r"page_size 'A6' of edition 'trustees' is not one of A4, A5"):
        load_config(path)


def test_missing_key(tmp_path):
    path = write(tmp_path, GOOD.replace('tag = "trustees"\n', ""))
    with pytest.raises(ConfigError, match=r"\[editions.trustees\] is missing tag"):
        load_config(path)


def test_invalid_toml_names_the_file(tmp_path):
    path = write(tmp_path, GOOD + "\n[editions.broken\n")
    with pytest.raises(ConfigError, match=rf"{path}: not valid TOML: .*line"):
        load_config(path)


def test_missing_file(tmp_path):
    with pytest.raises(ConfigError, match="cannot read the configuration"):
        load_config(tmp_path / "absent.toml")


def test_variants_declare_their_geometry():
    config = load_config()
    booklet, print_ = config.variants["booklet"], config.variants["print"]
    assert (print_.bleed_mm, print_.crop_marks, print_.two_sided) == (3, True, True)
    assert (print_.slug_mm, print_.binding, print_.output_intent) == (10, "saddle-stitch",
                                                                      "fogra39")
    assert config.editions["trustees"].keywords == ("viestintä", "luottamushenkilöt")
    assert booklet.trim_size(config.editions["employees"]) == "A5"
    assert print_.trim_size(config.editions["employees"]) == "A4"
    assert (booklet.imposition, booklet.pages_from, booklet.sheet_size) == ("saddle-stitch", "print", "A4")


@pytest.mark.parametrize("old, new, message", [
    ('pages_from = "print"', 'pages_from = "booklet"',
     r"variant 'booklet' imposes pages: set pages_from to a variant that is not imposed itself"),
    ('imposition = "saddle-stitch"', 'imposition = "perfect"',
     r"imposition 'perfect' of variant 'booklet' is not one of saddle-stitch"),
    ("bleed_mm = 3", 'bleed_mm = "3mm"', r"'bleed_mm' in \[variants.print\] must be a number, not str"),
    ("crop_marks = true", "crop_marks = 1", r"'crop_marks' in \[variants.print\] must be a bool, not int"),
    ('output_intent = "fogra39"', 'output_intent = "device-cmyk"',
     r"output_intent 'device-cmyk' of variant 'print' is not one of srgb, fogra39"),
    ("slug_mm = 10", "slug_mm = 4",
     r"variant 'print' has crop marks: .* set slug_mm to at least 6"),
    ('binding = "saddle-stitch"', 'binding = "spiral"',
     r"binding 'spiral' of variant 'print': a printed variant may be bound by saddle-stitch"),
    ('sheet_size = "A4"', 'sheet_size = "A3"', r"sheet_size 'A3' of variant 'booklet' is not one of A4, A5"),
])
def test_bad_variant_keys_name_the_line_and_the_fix(tmp_path, old, new, message):
    assert_refused(write(tmp_path, GOOD.replace(old, new)), message)


def assert_refused(path, message):
    """load_config refuses the file with `message`, starting with the file's name."""
    with pytest.raises(ConfigError, match=message) as error:
        load_config(path)
    assert str(error.value).startswith(f"{path}:")


@pytest.mark.parametrize("old, new, message", [
    # An empty title was looked up as msgid "": gettext answers with the catalog's header.
    ('title = "Viestintäohje uudelle työntekijälle"', 'title = ""',
     r":45: 'title' in \[editions.employees\] is empty"),
    ('audience = "Viestinnän perustehtävä ja LPR2033-strategia"', 'audience = "  "',
     r":54: 'audience' in \[editions.trustees\] is empty"),
    ('label = "näyttöversio"', 'label = ""', r":79: 'label' in \[variants.screen\] is empty"),
    ('title = "Viestintäohje"', 'title = "Viestintä\\u202eohje"',
     r":10: 'title' in \[project\] holds the invisible character U\+202E"),
    ('name = "svenska"', 'name = "sven\\u0000ska"',
     r":32: 'name' in \[languages.sv\] holds the invisible character U\+0000"),
    # A list in `variants` crashed the loader with "unhashable type: 'list'".
    ('variants = ["screen", "print", "booklet"]', 'variants = [["screen"], "print"]',
     r":49: 'variants' in \[editions.employees\] must hold texts in quotes, not list"),
    ('variants = ["screen", "print", "booklet"]', 'variants = ["print", "print"]',
     r":49: 'variants' in \[editions.employees\] names 'print' more than once"),
    ('keywords = ["viestintä", "perehdytys", "työntekijät"]', 'keywords = ["viestintä", 2]',
     r":47: 'keywords' in \[editions.employees\] must hold texts in quotes, not int 2"),
    ('keywords = ["viestintä", "perehdytys", "työntekijät"]', 'keywords = [""]',
     r":47: an item of 'keywords' in \[editions.employees\] is empty"),
    # The trustees' book would have been the employees' one under another title.
    ('tag = "trustees"', 'tag = "employees"',
     r":52: edition 'trustees' has the tag 'employees' of edition 'employees'"),
    # An unknown standard reached WeasyPrint, whose render crashed with a KeyError.
    ('pdf_variant = "pdf/x-4"', 'pdf_variant = "PDF/X-4"',
     r":85: pdf_variant 'PDF/X-4' of variant 'print' is not one of pdf/ua-1, "),
])
def test_bad_texts_and_lists_name_the_line_and_the_fix(tmp_path, old, new, message):
    assert old in GOOD
    assert_refused(write(tmp_path, GOOD.replace(old, new, 1)), message)


def test_the_pdf_variants_are_those_weasyprint_writes():
    from weasyprint.pdf import VARIANTS

    from build_tools.config import PDF_VARIANTS
    assert set(PDF_VARIANTS) == set(VARIANTS) - {"debug"}


def test_an_unknown_language_code_is_named_before_sphinx_runs(tmp_path):
    """Sphinx failed on it with "Handler ... threw an exception (unknown locale 'xx')"."""
    from build_tools.engine.preflight import unknown_languages
    path = write(tmp_path, GOOD.replace('[languages.en]', '[languages.xx]', 1))
    config = load_config(path)
    assert unknown_languages(config, {"fi", "sv", "xx"}) == [
        f"{path}:33: unknown language code 'xx' in [languages]; use a lower-case ISO 639 code "
        "such as 'de' or 'et' (`invoke i18n.add-language CODE` checks one)"]
