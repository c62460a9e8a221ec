"""Content hashes a build can reuse, kept in build/.file-hashes.json: a file is read and
hashed again unless its size, modification time, change time and inode are all as they
were when it was hashed.

The change time (ctime) is what makes the shortcut safe: writing a file or setting its
modification time back (touch -d, os.utime, an editor or a copy that keeps times) sets
ctime to the present, and no program can set it back. A file hashed within a moment of
being written could be written again within the file system's timestamp granularity
without a visible difference, so such a hash is not kept (the "racy" case of git's index).
"""

from __future__ import annotations

import json
import os
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from build_tools.files import sha256_of, write_if_changed

CACHE_FILE = ".file-hashes.json"
# A file must be this much older than the moment it is hashed for the hash to be kept.
SETTLED_NS = 2_000_000_000
FORMAT = 1


class FileHashes:
    """sha256 digests of files, each read only when its stat changed since it was hashed."""

    def __init__(self, build_dir: Path):
        self._path = build_dir / CACHE_FILE
        try:
            data = json.loads(self._path.read_text(encoding="utf-8"))
            known = data["files"] if data.get("format") == FORMAT else {}
            values = data["values"] if data.get("format") == FORMAT else {}
        except (OSError, ValueError, KeyError, TypeError, AttributeError):
            known, values = {}, {}
        self._files: dict[str, list] = known if isinstance(known, dict) else {}
        self._values: dict[str, list] = values if isinstance(values, dict) else {}
        self._changed = False

    def digest(self, path: str | Path) -> bytes:
        """The sha256 of the file's bytes; raises OSError if it cannot be read."""
        status = os.stat(path)
        key = [status.st_size, status.st_mtime_ns, status.st_ctime_ns, status.st_ino]
        name = str(path)
        entry = self._files.get(name)
        if isinstance(entry, list) and entry[:4] == key:
            return bytes.fromhex(entry[4])
        digest = sha256_of(path)
        if time.time_ns() - max(status.st_mtime_ns, status.st_ctime_ns) > SETTLED_NS:
            self._files[name] = [*key, digest.hex()]
        else:
            self._files.pop(name, None)
        self._changed = True
        return digest

    def remembered(self, name: str, key: Any, compute: Callable[[], Any]) -> Any:
        """`compute()`, or what it returned last time if `key` (JSON) is the same."""
        entry = self._values.get(name)
        if isinstance(entry, list) and len(entry) == 2 and entry[0] == key:
            return entry[1]
        value = compute()
        self._values[name] = [key, value]
        self._changed = True
        return value

    def save(self) -> None:
        """Keep the hashes for the next build, forgetting files that no longer exist."""
        if not self._changed:
            return
        files = {name: entry for name, entry in self._files.items() if os.path.exists(name)}
        text = json.dumps({"format": FORMAT, "files": files, "values": self._values},
                          sort_keys=True, indent=0)
        write_if_changed(self._path, text.encode("utf-8"))
