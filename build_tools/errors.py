"""The one base of every error the pipeline words for the person who has to fix it."""


class HandbookError(Exception):
    """A problem in an input, named with its file (and line) and the fix; tasks print it
    without a traceback and exit non-zero."""
