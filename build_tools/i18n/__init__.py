"""Translation catalogs: read and write, extract, update, compile, check, status, languages."""
