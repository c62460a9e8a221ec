"""Change bars in the outer margin: on a left-hand page the outer margin is on the left."""

from __future__ import annotations

# The class release.css gives a changed paragraph, heading or list item (the Sphinx
# extension build_tools/sphinxext/release.py sets it).
CHANGED_CLASS = "handbook-changed"


def place_change_bars(document) -> int:
    """Move the bars of changed elements on left-hand pages to the left side; return how
    many boxes carry a bar.

    release.css draws the bar as the right border and keeps an equal, transparent left
    border, so the page layout does not depend on the side. Only colours change here,
    after layout: each box fragment gets its own copy of the style, since the fragments
    of a paragraph split across pages share one.
    """
    count = 0
    for page in document.pages:
        left_page = page._page_box.page_type.side == "left"
        for box in _descendants(page._page_box):
            if not _is_changed(box):
                continue
            count += 1
            if left_page:
                style = box.style.copy()
                style["border_left_color"], style["border_right_color"] = (
                    box.style["border_right_color"], box.style["border_left_color"])
                box.style = style
    return count


def _is_changed(box) -> bool:
    element = getattr(box, "element", None)
    return (element is not None and getattr(box, "element_tag", None) == element.tag
            and CHANGED_CLASS in (element.get("class") or "").split()
            and getattr(box, "border_right_width", 0) > 0)


def _descendants(box):
    for child in getattr(box, "children", ()):
        yield child
        yield from _descendants(child)
