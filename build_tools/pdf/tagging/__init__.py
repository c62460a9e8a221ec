"""PDF/UA repairs of WeasyPrint's tagged PDF, made after it is written (pikepdf)."""
