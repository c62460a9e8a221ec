"""Tasks for the Viestintäohje handbooks: `invoke --list`. The table of contents; the tasks
live in build_tools/commands/, the logic in the rest of build_tools.

Heavy libraries (Sphinx, WeasyPrint, PDF and browser tools) are imported inside the
tasks that need them, so that `invoke --list` and an up-to-date build answer at once.
"""

from invoke import Collection

from build_tools.commands import bench, build, check, docs, doctor, i18n, proof, release

ns = Collection(*build.TASKS, *doctor.TASKS, *proof.TASKS, *release.TASKS, check.namespace,
                i18n.namespace, docs.namespace, bench.namespace)
