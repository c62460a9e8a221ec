"""PDF handbooks: rendering with WeasyPrint, hyphenation, imposition, checks and previews."""
