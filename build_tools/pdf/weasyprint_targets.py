"""Two speed fixes for page-based target counters in WeasyPrint 70.0 (contents pages,
index page numbers): its lookups scan every counter of the document for each anchor
and each linking box, quadratic in pages. Output is unchanged (tests/test_engine.py)."""

from __future__ import annotations

import copy
import logging

import weasyprint
from weasyprint.css import targets
from weasyprint.layout import (
    PROGRESS_LOGGER,
    layout_backgrounds,
    layout_fixed_boxes,
    make_margin_boxes,
)
from weasyprint.layout import initialize_page_maker as initialize_page_maker

log = logging.getLogger(__name__)

# The version the copy of layout_document below was taken from.
COPIED_FROM = "70.0"
ORIGINAL_LAYOUT_DOCUMENT = weasyprint.layout.layout_document
ORIGINAL_CACHE_TARGET_PAGE_COUNTERS = targets.TargetCollector.cache_target_page_counters


def _lookups_by_box(collector: targets.TargetCollector) -> dict[int, list]:
    """(css token, item) of each box's counter lookups, in the collector's order.

    Lookups are only added while the boxes are built (collector.collecting), before
    pagination: the index made after it stays true."""
    index: dict[int, list] = {}
    for (box, css_token), item in collector.counter_lookup_items.items():
        index.setdefault(id(box), []).append((css_token, item))
    return index


def _content_lookups_by_anchor(collector: targets.TargetCollector) -> dict[str, list]:
    """The `content` lookups that miss a counter of each anchor, in the collector's order."""
    cached = collector.__dict__.get("_handbook_content_lookups")
    if cached is None or cached[0] != len(collector.counter_lookup_items):
        index: dict[str, list] = {}
        for (_, css_token), item in collector.counter_lookup_items.items():
            if css_token == "content":
                for anchor_name in item.missing_target_counters:
                    index.setdefault(anchor_name, []).append(item)
        cached = (len(collector.counter_lookup_items), index)
        collector.__dict__["_handbook_content_lookups"] = cached
    return cached[1]


def cache_target_page_counters(self, anchor_name, page_counter_values, page_maker_index,
                               page_maker):
    """TargetCollector.cache_target_page_counters of WeasyPrint 70.0, visiting only the
    lookups that miss a counter of `anchor_name` (it visited every lookup of the
    document for each anchor whose page changed)."""
    if self.collecting:
        return

    item = self.target_lookup_items.get(anchor_name)
    if item and item.state == 'up-to-date':
        item.page_maker_index = page_maker_index
        if item.cached_page_counter_values != page_counter_values:
            item.cached_page_counter_values = copy.deepcopy(page_counter_values)
            for item in _content_lookups_by_anchor(self).get(anchor_name, ()):  # noqa: B020
                missing_counters = item.missing_target_counters[anchor_name]
                if (item.page_maker_index is None or
                        item.page_maker_index >= len(page_maker)):
                    item.pending = True
                    continue
                for counter_name in missing_counters:
                    counter_value = page_counter_values.get(counter_name)
                    if counter_value is not None:
                        remake_state = page_maker[item.page_maker_index][-1]
                        remake_state['content_changed'] = True
                        item.parse_again(item.cached_page_counter_values)
                        break


def layout_document(html, root_box, context, max_loops=8):  # noqa: C901
    """weasyprint.layout.layout_document of WeasyPrint 70.0, with the links of boxes to
    their page-based counters looked up in an index (_lookups_by_box)."""
    initialize_page_maker(context, root_box)
    pages: list = []
    original_footnotes: list = []
    actual_total_pages = 0

    for loop in range(max_loops):
        if loop > 0:
            PROGRESS_LOGGER.info(
                'Step 5 - Creating layout - Repagination #%d', loop)
            context.footnotes = original_footnotes.copy()

        initial_total_pages = actual_total_pages
        if loop == 0:
            original_footnotes = context.footnotes.copy()
        # Looked up at each pass, not imported: binding_layout.py wraps it for the
        # blank pages of a saddle-stitched book.
        pages = list(weasyprint.layout.make_all_pages(context, root_box, html, pages))
        actual_total_pages = len(pages)

        # Check whether another round is required
        reloop_content = False
        reloop_pages = False
        for page_data in context.page_maker:
            # Update pages
            _, _, _, page_state, remake_state = page_data
            page_counter_values = page_state[1]
            page_counter_values['pages'] = [actual_total_pages]
            if remake_state['content_changed']:
                reloop_content = True
            if remake_state['pages_wanted']:
                reloop_pages = initial_total_pages != actual_total_pages

        # No need for another loop, stop here
        if not reloop_content and not reloop_pages:
            break

    # Calculate string-sets and bookmark-labels containing page based counters
    # when pagination is finished. No need to do that (maybe multiple times) in
    # make_page because they dont create boxes, only appear in MarginBoxes and
    # in the final PDF.
    # Prevent repetition of bookmarks (see #1145).

    lookups = _lookups_by_box(context.target_collector)
    watch_elements: list = []
    watch_elements_before: list = []
    watch_elements_after: list = []
    for i, page in enumerate(pages):
        # We need the updated page_counter_values
        _, _, _, page_state, _ = context.page_maker[i + 1]
        page_counter_values = page_state[1]

        for child in page.descendants():
            # Only one bookmark per original box
            if child.bookmark_label:
                if child.element_tag.endswith('::before'):
                    checklist = watch_elements_before
                elif child.element_tag.endswith('::after'):
                    checklist = watch_elements_after
                else:
                    checklist = watch_elements
                if child.element in checklist:
                    child.bookmark_label = ''
                else:
                    checklist.append(child.element)

            if child.missing_link:
                for css_token, item in lookups.get(id(child.missing_link), ()):
                    if css_token != 'content':
                        if (css_token == 'bookmark-label' and
                                not child.bookmark_label):
                            # don't refill it!
                            continue
                        item.parse_again(page_counter_values)
                        # string_set is a pointer, but the bookmark_label is
                        # just a string: copy it
                        if css_token == 'bookmark-label':
                            child.bookmark_label = child.missing_link.bookmark_label
            # Collect the string_sets in the LayoutContext
            string_sets = child.string_set
            if string_sets and string_sets != 'none':
                for string_set in string_sets:
                    string_name, text = string_set
                    context.string_set[string_name][i+1].append(text)

    # Add margin boxes
    for i, page in enumerate(pages):
        root_children = []
        root, footnote_area, note_area = page.children
        root_children.extend(layout_fixed_boxes(context, pages[:i], page))
        root_children.extend(root.children)
        root_children.extend(layout_fixed_boxes(context, pages[i + 1:], page))
        root.children = root_children
        context.current_page = i + 1  # page_number starts at 1

        # page_maker's page_state is ready for the MarginBoxes
        state = context.page_maker[context.current_page][3]
        children = []
        children.append(root)
        if footnote_area.children:
            children.append(footnote_area)
        if note_area.children:
            children.append(note_area)
        children.extend(make_margin_boxes(context, page, state))
        page.children = tuple(children)
        layout_backgrounds(page, context.get_image_from_uri)
        yield page



def apply() -> bool:
    """Use both fixes when the installed WeasyPrint is the one they were copied from."""
    if weasyprint.__version__ != COPIED_FROM:
        log.debug("WeasyPrint %s, not %s: its target counters are used as they are",
                  weasyprint.__version__, COPIED_FROM)
        return False
    weasyprint.layout.layout_document = layout_document
    weasyprint.document.layout_document = layout_document
    targets.TargetCollector.cache_target_page_counters = cache_target_page_counters
    return True
