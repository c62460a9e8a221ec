"""`invoke release VERSION`: a versioned, immutable copy of every output."""

from __future__ import annotations

from build_tools.commands.running import JOBS_HELP, handbook_task
from build_tools.config import project_config


@handbook_task(help={"version": "The version to release, numbers and dots (e.g. 1.1).",
                     "jobs": JOBS_HELP})
def release(c, version, jobs=0):
    """Build everything from a clean tree and keep it in build/releases/VERSION/."""
    from build_tools.engine.release import make_release

    folder = make_release(project_config(), version, jobs=jobs or None)
    print(f"Released {version}: {folder} (check it with `cd {folder} && sha256sum -c "
          "SHA256SUMS`); git tag handbook-" + version)


TASKS = (release,)
