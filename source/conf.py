"""Sphinx settings for the Viestintäohje. Declarative: behaviour lives in build_tools."""

from build_tools.config import project_config

_handbook = project_config()

project = _handbook.title
author = _handbook.author
copyright = _handbook.author
language = _handbook.source_language

extensions = ["build_tools.sphinxext.print_builder", "build_tools.sphinxext.i18n",
              "build_tools.sphinxext.web", "build_tools.sphinxext.source_policy",
              "build_tools.sphinxext.release"]
# Directives the source policy refuses unless named here: "raw", "include", "literalinclude".
handbook_allowed_directives = []
exclude_patterns = ["_static/fonts/README.md"]

# Translations: locale/<lang>/LC_MESSAGES/<document>.po, one catalog per chapter.
locale_dirs = ["../locale/"]
gettext_compact = False
gettext_uuid = False
gettext_location = True

# html_search_language stays unset: `-D language=sv` then picks the Swedish stemmer.
html_theme = "furo"
# _templates/page.html translates furo's fixed English labels; the print theme has no
# blocks of those names, so it renders unchanged.
templates_path = ["_templates"]
# Furo's sidebar, with the language switcher and the PDF handbooks of the page's language.
html_sidebars = {"**": ["sidebar/brand.html", "sidebar/languages.html", "sidebar/search.html",
                        "sidebar/scroll-start.html", "sidebar/navigation.html",
                        "sidebar/pdfs.html", "sidebar/scroll-end.html"]}
html_static_path = ["_static"]
html_css_files = ["handbook-web.css"]
html_show_sourcelink = False
html_copy_source = False
html_last_updated_fmt = None
# Declared, so browsers do not ask the server for a /favicon.ico that is not there.
html_favicon = "_static/favicon.svg"
