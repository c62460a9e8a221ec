"""The Invoke task namespaces; the project's tasks.py composes them into one collection."""
