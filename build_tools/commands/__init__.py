"""The Invoke task namespaces; the project's tasks.py composes them into one collection."""

import sys

# Invoke turns bytecode caching off before it imports tasks.py (its --write-pyc flag), so each
# `invoke` compiled the ~45 modules of ours a build imports again: ~50 ms of a 0.4 s no-op
# build. Cache them as Python does, unless the user asked not to (-B, PYTHONDONTWRITEBYTECODE).
sys.dont_write_bytecode = bool(sys.flags.dont_write_bytecode)
