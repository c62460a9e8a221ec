"""`invoke bench`: build speed against sphinx-simplepdf (benchmarks/)."""

from __future__ import annotations

import logging

from invoke import Collection

from build_tools.commands.running import handbook_task


@handbook_task(name="run", default=True,
               help={"size": "Pages of the large stress book, in units of ~250 A4 pages "
                             "(default 4).",
                     "repetitions": "Runs of each measurement; the table shows medians "
                                    "(default 3)."})
def bench(c, size=4, repetitions=3):
    """Measure build speed against sphinx-simplepdf (needs: pip install -e '.[bench]')."""
    from benchmarks.bench import run_benchmark
    from benchmarks.targets import table

    logging.getLogger().setLevel(logging.INFO)
    print(table(run_benchmark(size=int(size), repetitions=int(repetitions))))


namespace = Collection("bench", bench)
