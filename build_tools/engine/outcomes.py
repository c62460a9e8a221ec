"""What a build is asked to do (BuildOptions) and what became of each output (Outcome)."""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum

from build_tools.config import Variant
from build_tools.engine.plan import Target
from build_tools.paths import BuildPaths


class Status(StrEnum):
    BUILT = "built"
    UP_TO_DATE = "up to date"
    FAILED = "failed"
    NOT_BUILT = "not built"
    REFUSED = "refused"  # a release leaves out a language that is not completely translated

    @property
    def ok(self) -> bool:
        return self in (Status.BUILT, Status.UP_TO_DATE)


@dataclass(frozen=True)
class Outcome:
    """What happened to one artifact: built, up to date, failed, or not built."""

    target: Target
    status: Status
    facts: dict = field(default_factory=dict)
    error: str | None = None

    @property
    def path(self):
        return self.target.path


@dataclass(frozen=True)
class BuildOptions:
    """How to build: what the tasks' flags say, in one object the engine reads."""

    paths: BuildPaths = field(default_factory=BuildPaths)
    html: bool = True
    pdf: bool = True
    variants: list[Variant] | None = None
    strict: bool = True
    draft: bool = False
    jobs: int | None = None
    keep_going: bool = False
    wait_for_lock: bool = True
    release: bool = False
    allow_incomplete: bool = False
    # The version `invoke release` is making; None: the version rule of release/version.py.
    release_version: str | None = None


def failures(outcomes: list[Outcome]) -> list[Outcome]:
    """The outcomes of artifacts that were not written."""
    return [outcome for outcome in outcomes if not outcome.status.ok]
