"""The git commands a release needs: a clean tree, tags, and a tag's message read back."""

from __future__ import annotations

import subprocess
from pathlib import Path

from build_tools.errors import ReleaseError
from build_tools.paths import PROJECT_ROOT
from build_tools.provenance import may_run_git


def run_git(*arguments: str, stdin: str | None = None, root: Path = PROJECT_ROOT) -> str:
    """Run git in the project; raise ReleaseError with git's own message when it fails."""
    try:
        result = subprocess.run(["git", *arguments], cwd=root, input=stdin,
                                capture_output=True, text=True, timeout=60)
    except (OSError, subprocess.TimeoutExpired) as error:
        raise ReleaseError(f"cannot run git {arguments[0]}: {error}; install git") from None
    if result.returncode != 0:
        raise ReleaseError(f"git {' '.join(arguments[:2])} failed: "
                           f"{result.stderr.strip() or result.stdout.strip()}")
    return result.stdout


def git_or_none(*arguments: str, root: Path = PROJECT_ROOT) -> str | None:
    """git's output, or None outside a checkout or when the command fails."""
    if not may_run_git(root):
        return None
    try:
        return run_git(*arguments, root=root).strip()
    except ReleaseError:
        return None


def uncommitted_files(root: Path = PROJECT_ROOT) -> list[str]:
    """Files changed, added or untracked and not ignored; raise outside a git checkout."""
    if git_or_none("rev-parse", "--is-inside-work-tree", root=root) != "true":
        raise ReleaseError(f"{root} is not a git checkout: a release records the commit it "
                           "was built from; run `git init` and commit the sources first")
    status = run_git("status", "--porcelain", "--untracked-files=normal", root=root)
    return [line[3:] for line in status.splitlines() if line.strip()]


def tags(prefix: str, root: Path = PROJECT_ROOT) -> dict[str, str]:
    """{tag name: the commit it points at} of the tags starting with `prefix`."""
    listed = git_or_none("for-each-ref", "--format=%(refname:short) %(*objectname) "
                         "%(objectname)", f"refs/tags/{prefix}*", root=root) or ""
    found = {}
    for line in listed.splitlines():
        name, *objects = line.split()
        found[name] = objects[0]  # an annotated tag's commit first, else the commit itself
    return found


def create_tag(name: str, message: str, root: Path = PROJECT_ROOT) -> None:
    """An annotated tag on HEAD whose message is kept exactly as given."""
    run_git("tag", "--annotate", "--cleanup=verbatim", "--file=-", name, "HEAD",
            stdin=message, root=root)


def delete_tag(name: str, root: Path = PROJECT_ROOT) -> None:
    run_git("tag", "--delete", name, root=root)


def tag_message(name: str, root: Path = PROJECT_ROOT) -> str | None:
    """The message of an annotated tag, or None when there is no such tag."""
    try:
        text = run_git("cat-file", "tag", name, root=root)
    except ReleaseError:
        return None
    # `git cat-file tag` prints the tag's headers, an empty line, then the message.
    return text.split("\n\n", 1)[1] if "\n\n" in text else ""
