"""Build tools for the Viestintäohje handbooks: configuration, Sphinx, PDF, reports."""
