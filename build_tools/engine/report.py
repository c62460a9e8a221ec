"""The summary printed after a build: each output, whether it was built, size, pages, time."""

from __future__ import annotations

import os
from pathlib import Path

from build_tools.engine.build import Outcome, Status
from build_tools.engine.plan import Kind


def _human(size: int) -> str:
    if size < 1024:
        return f"{size} B"
    if size < 1024 ** 2:
        return f"{size / 1024:.1f} kB"
    return f"{size / 1024 ** 2:.1f} MB"


def _fallback(facts: dict) -> str:
    """'3 of 97 messages fall back to fi' for a translated output; nothing for the source."""
    counted = facts.get("fallback")
    if not counted:
        return ""
    return f"{counted['messages']} of {counted['total']} messages fall back to {counted['to']}"


def summary(outcomes: list[Outcome], relative_to: Path | None = None) -> str:
    """A table with one row per artifact, then what failed and why."""
    relative_to = relative_to or Path.cwd()
    rows = []
    for outcome in outcomes:
        facts = outcome.facts
        if outcome.status.ok:
            detail = (f"site, {facts.get('files')} files" if outcome.target.kind is Kind.HTML
                      else f"{facts.get('pages')} pages")
            size = _human(facts.get("size", 0))
            took = f"{facts['seconds']:.1f} s" if outcome.status is Status.BUILT else "-"
        else:
            detail, size, took = "", "", ""
        rows.append((os.path.relpath(outcome.path, relative_to), outcome.status.value, size,
                     detail, took, _fallback(facts) if outcome.status.ok else ""))
    if not rows:
        return "Nothing was built."
    width = max(len(row[0]) for row in rows)
    built = sum(1 for row in rows if row[1] == "built")
    lines = [f"{built} of {len(rows)} output{'s' if len(rows) != 1 else ''} built, "
             f"{sum(1 for row in rows if row[1] == 'up to date')} up to date:"]
    lines += [f"  {path:<{width}}  {status:<10}  {size:>9}  {detail:<15} {took:>7}  "
              f"{fallback}".rstrip() for path, status, size, detail, took, fallback in rows]
    refused = {o.target.language: o.error for o in outcomes if o.status is Status.REFUSED}
    if refused:
        lines.append(f"Refused by --release (not completely translated): "
                     f"{', '.join(refused)}; their outputs were not built or published:")
        lines += [f"  {reason}" for reason in refused.values()]
    problems = [o for o in outcomes if not o.status.ok and o.status is not Status.REFUSED]
    if problems:
        lines.append(f"{len(problems)} output{'s' if len(problems) != 1 else ''} not written "
                     "(the previous file, if any, is unchanged):")
        lines += [f"  {o.target.key}: {o.error}" for o in problems]
    return "\n".join(lines)
