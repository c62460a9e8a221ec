"""Where each message appears (web site, which PDF editions), from the `only` blocks around it.

Sphinx's gettext builder extracts every `only` block whatever the tags, so a translator
cannot tell an employees-only sentence from one on every page. Each message gets an
extracted comment (`#.`) that says where it is shown, computed by evaluating the
expressions of the `only` blocks that contain it with the tags of each output.
"""

from __future__ import annotations

import pickle
from collections import defaultdict
from pathlib import Path

from docutils import nodes
from sphinx import addnodes
from sphinx.util.nodes import extract_messages
from sphinx.util.tags import Tags

from build_tools.config import HandbookConfig

SITE = "on the web site"


def outputs(config: HandbookConfig) -> dict[str, Tags]:
    """Each kind of output and the tags its Sphinx build sets (as Sphinx's builders do)."""
    places = {SITE: Tags(["html", "format_html", "builder_html"])}
    for edition in config.editions.values():
        places[f"in the {edition.name} PDF"] = Tags(
            [edition.tag, "handbookprint", "format_html", "builder_handbookprint"])
    return places


def _joined(places: list[str]) -> str:
    return places[0] if len(places) == 1 else ", ".join(places[:-1]) + " and " + places[-1]


def describe(shown_in: list[str], every: list[str]) -> str:
    """'Appears only in the trustees PDF.', 'Appears everywhere: on the web site, ...'."""
    if shown_in == every:
        return f"Appears everywhere: {_joined(every)}."
    if len(shown_in) == 1:
        return f"Appears only {shown_in[0]}."
    missing = [place for place in every if place not in shown_in]
    return f"Appears {_joined(shown_in)}, not {' or '.join(missing)}."


def _conditions(node: nodes.Node) -> list[str]:
    found = []
    parent = node.parent
    while parent is not None:
        if isinstance(parent, addnodes.only):
            found.append(parent["expr"])
        parent = parent.parent
    return found


def placements(doctree: nodes.document, config: HandbookConfig) -> dict[str, str]:
    """{msgid: where it appears} for one document's translatable messages."""
    places = outputs(config)
    shown: dict[str, set[str]] = defaultdict(set)
    for node, msgid in extract_messages(doctree):
        conditions = _conditions(node)
        for place, tags in places.items():
            if all(tags.eval_condition(expression) for expression in conditions):
                shown[msgid].add(place)
    every = list(places)
    return {msgid: describe([p for p in every if p in where], every)
            for msgid, where in shown.items() if where}


def document_placements(doctree_dir: Path, docname: str,
                        config: HandbookConfig) -> dict[str, str]:
    """`placements` of a document as the gettext builder read it (its pickled doctree)."""
    path = doctree_dir / f"{docname}.doctree"
    if not path.is_file():
        return {}
    with open(path, "rb") as file:
        return placements(pickle.load(file), config)
