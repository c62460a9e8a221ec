"""The handbook's own Sphinx settings, for the test chapters of tests/roots/elements."""

from build_tools.paths import SOURCE_DIR as _HANDBOOK_SOURCE

exec((_HANDBOOK_SOURCE / "conf.py").read_text(encoding="utf-8"))

# The handbook's templates, static files and fonts, from its source folder.
templates_path = [str(_HANDBOOK_SOURCE / "_templates")]
html_static_path = [str(_HANDBOOK_SOURCE / "_static")]
html_favicon = str(_HANDBOOK_SOURCE / "_static" / "favicon.svg")
