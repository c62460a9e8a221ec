"""The summary printed after a build: why outputs were not written, then each output's size,
pages and time."""

from __future__ import annotations

import os
from pathlib import Path

from build_tools.engine.build import Outcome, Status
from build_tools.engine.plan import Kind


def _human(size: int) -> str:
    # Decimal units, as `ls --si` and file managers show them: a kB is 1000 bytes.
    if size < 1000:
        return f"{size} B"
    if size < 1000 ** 2:
        return f"{size / 1000:.1f} kB"
    return f"{size / 1000 ** 2:.1f} MB"


def _fallback(facts: dict) -> str:
    """'3 of 97 text blocks fall back to fi' for a translated output (the paragraphs,
    headings and items it shows, not catalog messages); nothing for the source."""
    counted = facts.get("fallback")
    if not counted:
        return ""
    return f"{counted['messages']} of {counted['total']} text blocks fall back to {counted['to']}"


def summary(outcomes: list[Outcome], relative_to: Path | None = None) -> str:
    """What was not written and why, one cause at a time, the commonest first; then a table
    with one row per output."""
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
    lines = causes(outcomes)
    refused = {o.target.language: o.error for o in outcomes if o.status is Status.REFUSED}
    if refused:
        lines.append(f"Refused by --release (not completely translated): "
                     f"{', '.join(refused)}; their outputs were not built or published:")
        lines += [f"  {reason}" for reason in refused.values()]
    lines.append(f"{built} of {len(rows)} output{'s' if len(rows) != 1 else ''} built, "
                 f"{sum(1 for row in rows if row[1] == 'up to date')} up to date:")
    lines += [f"  {path:<{width}}  {status:<10}  {size:>9}  {detail:<15} {took:>7}  "
              f"{fallback}".rstrip() for path, status, size, detail, took, fallback in rows]
    return "\n".join(lines)


def causes(outcomes: list[Outcome]) -> list[str]:
    """Each reason outputs failed, once, with the outputs it failed (most outputs first);
    then the outputs not started because of an earlier failure."""
    failed: dict[str, list[str]] = {}
    for outcome in outcomes:
        if outcome.status is Status.FAILED:
            failed.setdefault(outcome.error or "unknown error", []).append(outcome.target.key)
    not_started = [o.target.key for o in outcomes if o.status is Status.NOT_BUILT]
    count = sum(map(len, failed.values())) + len(not_started)
    if not count:
        return []
    lines = [f"{count} output{'s' if count != 1 else ''} not written (the previous file, if any, "
             "is unchanged), because:"]
    for cause, keys in sorted(failed.items(), key=lambda item: -len(item[1])):
        lines.append("  " + cause.replace("\n", "\n    "))
        lines.append(f"    failed: {', '.join(keys)}")
    if not_started:
        lines.append("  not started after that failure (--keep-going builds them): "
                     + ", ".join(not_started))
    return lines


def first_cause(outcomes: list[Outcome]) -> str:
    """The first line of the commonest reason for a failure, for a closing error line."""
    failed = [o.error or "unknown error" for o in outcomes if o.status is Status.FAILED]
    return max(failed, key=failed.count).splitlines()[0] if failed else ""
