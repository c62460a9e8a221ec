"""Sphinx: running it in-process, and the extensions conf.py loads."""
