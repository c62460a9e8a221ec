"""The parts of a release without a build: the version rule, the comparison of message
snapshots, the escaping of every text the release pages and print parts show."""

from __future__ import annotations

import subprocess

import jinja2
import pytest

from build_tools.config import CONFIG_PATH, ConfigError, load_config
from build_tools.paths import PRINT_THEME_DIR
from build_tools.release.changes import compare, for_audience, marked_messages
from build_tools.release.version import BuildVersion, build_version, previous_release
from build_tools.sphinxext.release import online_address
from build_tools.sphinxext.release_html import changes_html, plain_text, qr_code, versions_html

GOOD = CONFIG_PATH.read_text(encoding="utf-8")
LABELS = {"added": "Lisätty", "changed": "Muutettu", "removed": "Poistettu",
          "before": "Aiemmin:", "after": "Nyt:", "version": "Versio", "published": "julkaistu",
          "site": "verkkosivusto", "none": "Ei versioita."}


def config_with(tmp_path, project_lines: str):
    path = tmp_path / "handbook.toml"
    path.write_text(GOOD.replace('source_language = "fi"\n',
                                 f'source_language = "fi"\n{project_lines}\n', 1), encoding="utf-8")
    return path


def test_version_and_site_url_are_optional_and_read(tmp_path):
    config = load_config(config_with(tmp_path, 'version = "2.1"\nsite_url = "https://a.fi/o/"'))
    assert (config.version, config.site_url) == ("2.1", "https://a.fi/o/")
    assert online_address(config, "sv") == "https://a.fi/o/html/sv/"
    assert online_address(load_config(), "sv") == ""


@pytest.mark.parametrize("line, message", [
    ('version = "1.0-beta"', r"version '1.0-beta' in \[project\] must be numbers separated by dots"),
    ('version = 1.0', r"'version' in \[project\] must be a str, not float"),
    ('site_url = "javascript:alert(1)"', r"site_url 'javascript:alert\(1\)' in \[project\] must be an http"),
    ('site_url = "https://a.fi/\\"><script>"', r"must be an http:// or https:// address"),
])
def test_bad_version_or_site_url_names_file_and_line(tmp_path, line, message):
    path = config_with(tmp_path, line)
    number = path.read_text(encoding="utf-8").splitlines().index(line) + 1
    with pytest.raises(ConfigError, match=message) as error:
        load_config(path)
    assert str(error.value).startswith(f"{path}:{number}: ")


def git(root, *arguments):
    subprocess.run(["git", *arguments], cwd=root, check=True, capture_output=True,
                   env={"GIT_AUTHOR_NAME": "t", "GIT_AUTHOR_EMAIL": "t@t", "GIT_COMMITTER_NAME": "t",
                        "GIT_COMMITTER_EMAIL": "t@t", "PATH": "/usr/bin:/bin"})


def test_the_version_rule(tmp_path):
    config = load_config()
    git(tmp_path, "init", "--quiet")
    (tmp_path / "a").write_text("a")
    git(tmp_path, "add", "a")
    git(tmp_path, "commit", "--quiet", "-m", "a")
    assert build_version(config, root=tmp_path) == BuildVersion("", False)
    assert build_version(config, "3.0", root=tmp_path) == BuildVersion("3.0", True)
    git(tmp_path, "tag", "-a", "-m", "x", "handbook-1.9")
    git(tmp_path, "tag", "-a", "-m", "x", "handbook-1.10")
    git(tmp_path, "tag", "-a", "-m", "x", "handbook-bad")
    assert build_version(config, root=tmp_path) == BuildVersion("1.10", True)
    git(tmp_path, "commit", "--quiet", "--allow-empty", "-m", "b")
    head = subprocess.run(["git", "rev-parse", "HEAD"], cwd=tmp_path, capture_output=True,
                          text=True).stdout.strip()
    assert build_version(config, root=tmp_path) == BuildVersion(f"1.10+{head[:7]}", False)
    declared = load_config(config_with(tmp_path, 'version = "2.0"'))
    assert build_version(declared, root=tmp_path) == BuildVersion("2.0", False)


def test_a_release_compares_with_the_one_before_it():
    made = ["1.0", "1.9", "1.10"]
    assert previous_release(BuildVersion("1.10", True), made) == "1.9"
    assert previous_release(BuildVersion("1.10+abc", False), made) == "1.10"
    assert previous_release(BuildVersion("1.0", True), made) is None


def snapshot(*documents):
    return {"source_language": "fi", "documents": [
        {"name": name, "title": messages[0][0],
         "messages": [{"id": msgid, "in": ["site", "employees"] if len(m) < 3 else m[2],
                       "text": {"sv": m[1]}} for m in messages for msgid in [m[0]]]}
        for name, messages in documents]}


OLD = snapshot(("luku", [("Otsikko", "Rubrik"),
                         ("Kaupunki tarjoaa palveluja asukkaille joka päivä.", "Staden ger service."),
                         ("Poistuva kohta", "Borttagen punkt"),
                         ("Pysyvä kappale", "Gammal översättning")]),
               ("vanha", [("Vanha luku", "Gammalt kapitel")]))
NEW = snapshot(("luku", [("Otsikko", "Rubrik"),
                         ("Kaupunki tarjoaa palveluja kaikille asukkaille joka päivä.",
                          "Staden ger service åt alla."),
                         ("Aivan uusi kappale, jota ei ollut.", "Nytt stycke.", ["trustees"]),
                         ("Pysyvä kappale", "Ny översättning")]))


def test_compare_finds_added_changed_and_removed_in_the_readers_language():
    fi = compare(OLD, NEW, "fi")
    assert [(c["kind"], c["old"][:12], c["new"][:12]) for c in fi[0]["changes"]] == [
        ("removed", "Poistuva koh", ""),
        ("changed", "Kaupunki tar", "Kaupunki tar"),
        ("added", "", "Aivan uusi k")]
    assert [chapter["title"] for chapter in fi] == ["Otsikko", "Vanha luku"]
    assert fi[1]["changes"] == [{"kind": "removed", "old": "Vanha luku", "new": "",
                                 "in": ["employees", "site"], "msgid": ""}]
    sv = compare(OLD, NEW, "sv")
    kinds = [(c["kind"], c["old"], c["new"]) for c in sv[0]["changes"]]
    assert ("changed", "Staden ger service.", "Staden ger service åt alla.") in kinds
    # Only the translation changed: a change for Swedish readers, none for Finnish ones.
    assert ("changed", "Gammal översättning", "Ny översättning") in kinds
    assert "Pysyvä kappale" not in marked_messages(fi)
    assert "Pysyvä kappale" in marked_messages(sv)


def test_an_unrelated_paragraph_is_not_taken_for_a_changed_one():
    old = snapshot(("luku", [("Otsikko", "R"), ("Lyhyt ensimmäinen lause.", "a")]))
    new = snapshot(("luku", [("Otsikko", "R"), ("Täysin toisenlainen teksti tähän kohtaan", "b")]))
    assert [c["kind"] for c in compare(old, new, "fi")[0]["changes"]] == ["removed", "added"]


def test_each_audience_sees_only_its_changes():
    chapters = compare(OLD, NEW, "fi")
    site = [c["kind"] for chapter in for_audience(chapters, "site") for c in chapter["changes"]]
    trustees = [c["new"] for chapter in for_audience(chapters, "trustees")
                for c in chapter["changes"]]
    assert site == ["removed", "changed", "removed"]
    assert trustees == ["Aivan uusi kappale, jota ei ollut."]


def test_plain_text_shows_what_the_reader_sees():
    titles = {"strategia": "LPR2033"}
    assert plain_text("Luku :doc:`strategia` ja :ref:`ohje <x>` sekä **tärkeä** ja "
                      "`linkki <https://a.fi>`_ \\*", titles) == \
        "Luku LPR2033 ja ohje sekä tärkeä ja linkki *"


def test_release_html_escapes_every_text():
    evil = '<script>alert("x")</script>'
    chapters = [{"document": "d", "title": evil,
                 "changes": [{"kind": "changed", "old": evil, "new": evil, "in": ["site"],
                              "msgid": evil}]}]
    html = changes_html(chapters, {}, LABELS | {"changed": evil}, 2)
    releases = [{"version": "1.0", "source_date_epoch": 0,
                 "pdfs": [{"path": 'pdf/"x.pdf', "language": "fi", "edition": "e",
                           "variant": "v"}]}]
    html += versions_html(releases, "fi", "../", lambda pdf: evil, LABELS)
    assert "<script>" not in html and html.count("&lt;script&gt;") == 5
    assert 'href="../1.0/pdf/&quot;x.pdf"' in html


def test_print_parts_escape_every_value():
    evil = '"><script>x</script>'
    environment = jinja2.Environment(loader=jinja2.FileSystemLoader(PRINT_THEME_DIR))
    release = {"colophon": {"title": evil, "rows": [{"label": evil, "value": evil, "href": evil}]},
               "changes_title": evil, "changes_html": "<p>built and escaped in Python</p>",
               "online_title": evil,
               "qr": {"runs": [{"left": 1.5, "top": 0, "width": 3}], "height": 4.01, "alt": evil,
                      "address": evil}}
    html = "".join(environment.get_template(name).render(handbook_release=release)
                   for name in ("colophon.html", "changes.html", "back-cover-qr.html"))
    assert "<script>" not in html and "&lt;script&gt;" in html
    assert "<p>built and escaped in Python</p>" in html


def test_the_qr_code_runs_cover_exactly_the_dark_modules():
    import segno

    address = "https://ohje.example.fi/html/sv/"
    matrix = segno.make(address, error="m").matrix
    size = len(matrix)
    drawn = [[False] * size for _ in range(size)]
    for run in qr_code(address)["runs"]:
        top, left = round(run["top"] * size / 100), round(run["left"] * size / 100)
        for column in range(left, left + round(run["width"] * size / 100)):
            assert not drawn[top][column], "runs overlap"
            drawn[top][column] = True
    assert drawn == [[bool(module) for module in row] for row in matrix]
