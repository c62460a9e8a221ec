"""`invoke proof`: a soft proof of the built PDFs to look at in a browser."""

from __future__ import annotations

import os

from invoke import Exit

from build_tools.commands.running import handbook_task
from build_tools.config import project_config
from build_tools.paths import BuildPaths


@handbook_task(help={"build_dir": "Folder whose pdf/ is proofed, into its proof/ "
                                   "(default: build/)."})
def proof(c, build_dir=None):
    """Write build/proof/index.html: every page of the built PDFs, boxes, plates, findings."""
    from build_tools.pdf.proof import write_proof

    paths = BuildPaths.of(build_dir)
    if not any(paths.pdf.glob("*.pdf")):
        raise Exit(f"error: no PDFs in {os.path.relpath(paths.pdf)}; run `invoke pdf` first",
                   code=1)
    print(f"Wrote {os.path.relpath(write_proof(project_config(), paths))}")


TASKS = [proof]
