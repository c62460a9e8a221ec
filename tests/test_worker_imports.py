"""A PDF render worker imports WeasyPrint and never Sphinx: ~0.4 s of CPU and its memory
in each worker for nothing."""

from __future__ import annotations

import json
import subprocess
import sys

from build_tools.paths import CODE_DIR

# What a render worker runs besides the render itself: its start, the imports of
# RenderJob.run, and reading the fallback count the print HTML's Sphinx run wrote.
RENDER_WORKER = """
import json, sys
from pathlib import Path
from build_tools.engine import jobs, workers
workers.start_library("weasyprint")
from build_tools.pdf import progress, weasyprint_tuning
from build_tools.pdf.accessibility_gate import checks_before_publishing
from build_tools.pdf.checks import expectation
from build_tools.pdf.fetcher import SandboxedFetcher
from build_tools.pdf.render import render_edition
from build_tools.pdf.hyphenation_store import dictionary_for
folder = Path(sys.argv[1])
(folder / jobs.FALLBACK_FILE).write_text('{"messages": 0, "total": 1, "to": "fi"}')
assert jobs._fallback(folder)["fallback"]["total"] == 1
print(json.dumps(sorted({name.split(".")[0] for name in sys.modules})))
"""


def test_a_render_worker_never_imports_sphinx(tmp_path):
    done = subprocess.run([sys.executable, "-c", RENDER_WORKER, str(tmp_path)],
                          capture_output=True, text=True, cwd=CODE_DIR.parent, check=True)
    imported = set(json.loads(done.stdout))
    assert "weasyprint" in imported
    assert not imported & {"sphinx", "docutils"}, sorted(imported & {"sphinx", "docutils"})
