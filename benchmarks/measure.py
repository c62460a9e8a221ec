"""Run one measured build as its own process tree: wall time and the tree's peak memory."""

from __future__ import annotations

import json
import subprocess
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path

# A fresh interpreter forks the command and watches it; from a fork of this (large)
# process the kernel's peak would start at our size (Linux keeps it across exec).
# Every 20 ms it adds up the resident set sizes of the command and all its descendants
# (pool workers, simplepdf's weasyprint); the largest sum is the tree's peak. The
# kernel's ru_maxrss of the reaped tree (os.wait4) is the largest single process's
# peak, exactly: the tree's peak is at least that, even if a sample missed it.
_LAUNCHER = r"""
import json, os, sys, threading, time

def descendants(pid):
    found, todo = [], [pid]
    while todo:
        current = todo.pop()
        found.append(current)
        try:
            for task in os.listdir(f"/proc/{current}/task"):
                with open(f"/proc/{current}/task/{task}/children") as children:
                    todo.extend(int(child) for child in children.read().split())
        except OSError:
            pass
    return found

PAGE_KB = os.sysconf("SC_PAGE_SIZE") // 1024

def rss_kb(pid):
    try:
        with open(f"/proc/{pid}/statm") as statm:
            return int(statm.read().split()[1]) * PAGE_KB
    except (OSError, IndexError, ValueError):
        return 0

peak = {"kb": 0, "processes": 0}
finished = threading.Event()

def watch(pid):
    while not finished.is_set():
        tree = descendants(pid)
        total = sum(rss_kb(member) for member in tree)
        if total > peak["kb"]:
            peak["kb"] = total
        peak["processes"] = max(peak["processes"], len(tree))
        finished.wait(0.02)

started = time.perf_counter()
pid = os.fork()
if pid == 0:
    os.execvp(sys.argv[2], sys.argv[2:])
watcher = threading.Thread(target=watch, args=(pid,), daemon=True)
watcher.start()
_, status, usage = os.wait4(pid, 0)
seconds = time.perf_counter() - started
finished.set()
watcher.join()
with open(sys.argv[1], "w") as report:
    json.dump({"status": os.waitstatus_to_exitcode(status), "seconds": seconds,
               "tree_peak_kb": max(peak["kb"], usage.ru_maxrss),
               "process_peak_kb": usage.ru_maxrss,
               "processes": peak["processes"]}, report)
"""


@dataclass(frozen=True)
class Measurement:
    """One run: wall seconds; the peak resident memory of the whole process tree (all its
    processes at once) and of its largest single process, in MB; the most processes
    seen at once."""

    seconds: float
    tree_peak_mb: int
    process_peak_mb: int
    processes: int


def measure(command: list[str], cwd: Path, env: dict | None = None) -> Measurement:
    """Run a command to completion in a fresh process tree and measure it."""
    with tempfile.NamedTemporaryFile(suffix=".json") as report:
        result = subprocess.run([sys.executable, "-c", _LAUNCHER, report.name, *command],
                                cwd=cwd, env=env, stdout=subprocess.DEVNULL,
                                stderr=subprocess.PIPE)
        measured = json.loads(Path(report.name).read_text() or "{}")
    if result.returncode != 0 or measured.get("status") != 0:
        raise RuntimeError(f"{' '.join(command)} failed in {cwd}:\n"
                           f"{result.stderr.decode()[-3000:]}")
    return Measurement(measured["seconds"], measured["tree_peak_kb"] // 1024,
                       measured["process_peak_kb"] // 1024, measured["processes"])
