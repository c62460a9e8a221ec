"""Versions and releases: the version rule, message snapshots, what changed between releases."""
