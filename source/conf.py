"""Sphinx settings for the Viestintäohje. Declarative: behaviour lives in build_tools."""

from build_tools.config import project_config

# Languages, editions and PDF variants, read by the handbook's extensions.
handbook_config = project_config()

project = handbook_config.title
author = handbook_config.author
copyright = handbook_config.author
language = handbook_config.source_language

extensions = ["build_tools.sphinxext.print_builder", "build_tools.sphinxext.i18n",
              "build_tools.sphinxext.web", "build_tools.sphinxext.source_policy",
              "build_tools.sphinxext.figures", "build_tools.sphinxext.print_elements",
              "build_tools.sphinxext.index", "build_tools.sphinxext.accessibility",
              "build_tools.sphinxext.release"]
# Directives the source policy refuses unless named here: "raw", "include", "literalinclude".
handbook_allowed_directives = []
exclude_patterns = ["_static/fonts/README.md"]

# Translations: locale/<lang>/LC_MESSAGES/<document>.po, one catalog per chapter.
locale_dirs = ["../locale/"]
gettext_compact = False
gettext_uuid = False
gettext_location = True
# Index entries and images (their alternative text) are translated in the chapters' catalogs.
gettext_additional_targets = ["index", "image"]

# Figures and tables numbered per chapter ("Kuva 2.1") in chapters numbered by the toctree;
# the labels are translated in handbook.po (build_tools/sphinxext/figures.py).
numfig = True
numfig_secnum_depth = 1

# html_search_language stays unset: `-D language=sv` then picks the Swedish stemmer.
html_theme = "furo"
# _templates/page.html translates furo's fixed English labels; the print theme has no
# blocks of those names, so it renders unchanged.
templates_path = ["_templates"]
# Furo's sidebar, with the language switcher and the PDF handbooks of the page's language.
html_sidebars = {"**": ["sidebar/brand.html", "sidebar/languages.html", "sidebar/search.html",
                        "sidebar/scroll-start.html", "sidebar/navigation.html",
                        "sidebar/pdfs.html", "sidebar/pages.html", "sidebar/scroll-end.html"]}
html_static_path = ["_static"]
html_css_files = ["handbook-web.css"]
html_show_sourcelink = False
html_copy_source = False
html_last_updated_fmt = None
# Declared, so browsers do not ask the server for a /favicon.ico that is not there.
html_favicon = "_static/favicon.svg"
