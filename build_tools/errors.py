"""Every error the pipeline words for the person who has to fix it."""


class HandbookError(Exception):
    """A problem in an input, named with its file (and line) and the fix; tasks print it
    without a traceback and exit non-zero."""


class ConfigError(HandbookError):
    """A problem in handbook.toml or in a command-line selection."""


class BuildError(HandbookError):
    """A build step failed; the message says which file to fix."""


class BuildLocked(HandbookError):
    """Another build holds the build folder's lock and the caller asked not to wait."""


class TranslationError(HandbookError):
    """A translation catalog cannot be read, written or used."""


class HyphenationError(HandbookError):
    """Hyphenation data is missing or an exceptions file is malformed."""


class WebBuildError(HandbookError):
    """The web site's assets could not be prepared."""


class BrowserError(HandbookError):
    """No browser to drive, or the local server could not start."""


class MissingDependency(BuildError):
    """This machine lacks a library or program a build step needs; the message names it and
    the command that installs it (`invoke doctor` checks them all)."""


class ReleaseError(HandbookError):
    """A release cannot be made (a dirty tree, an existing version) or read back."""
