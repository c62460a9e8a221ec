"""Sphinx settings for the Viestintäohje. Declarative: behaviour lives in build_tools."""

from build_tools.config import project_config

_handbook = project_config()

project = _handbook.title
author = _handbook.author
copyright = _handbook.author
language = _handbook.source_language

extensions = ["build_tools.sphinx_ext", "build_tools.source_policy"]
# Directives the source policy refuses unless named here: "raw", "include", "literalinclude".
handbook_allowed_directives = []
exclude_patterns = ["_static/fonts/README.md"]

# Translations: locale/<lang>/LC_MESSAGES/<document>.po, one catalog per chapter.
locale_dirs = ["../locale/"]
gettext_compact = False
gettext_uuid = False
gettext_location = True

html_theme = "furo"
html_static_path = ["_static"]
html_css_files = ["handbook-web.css"]
html_show_sourcelink = False
html_copy_source = False
html_last_updated_fmt = None
