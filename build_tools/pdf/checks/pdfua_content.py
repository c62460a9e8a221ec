"""PDF/UA-1 7.1: all content is tagged (reachable from the structure tree) or an Artifact."""

from __future__ import annotations

import pikepdf

from build_tools.pdf.checks.common import Problems
from build_tools.pdf.checks.tagged import Tagged, describe
from build_tools.pdf.tagging.structure import is_element


def tagged_or_artifact(tagged: Tagged) -> Problems:
    """Matterhorn 01-005: nothing painted outside marked content; every MCID in a content
    stream held by an element that the StructTreeRoot reaches, and the other way round."""
    owners = tagged.owners
    parent_tree = _parent_tree(tagged)
    in_content = set()
    for key, content in tagged.contents.items():
        number = tagged.numbers[key]
        for index, operator in content.unmarked[:3]:
            yield number, (f"operator {operator} (content operator #{index}) is outside any "
                           "marked content: neither tagged nor an Artifact")
        for sequence in content.sequences:
            if sequence.mcid is None:
                continue
            in_content.add((key, sequence.mcid))
            if (key, sequence.mcid) not in owners:
                listed = parent_tree.get((key, sequence.mcid))
                holder = (f"the ParentTree gives {describe(listed)}, which the StructTreeRoot "
                          "does not reach" if is_element(listed) else "the ParentTree has no "
                          "element for it")
                yield number, (f"MCID {sequence.mcid} ({sequence.tag}, content operator "
                               f"#{sequence.begin}) is tagged content of no element: {holder}; "
                               "page furniture must be an /Artifact")
            elif getattr(parent_tree.get((key, sequence.mcid)), "objgen", None) \
                    != owners[key, sequence.mcid].objgen:
                yield number, (f"MCID {sequence.mcid}: the ParentTree does not name "
                               f"{describe(owners[key, sequence.mcid])}, which holds it "
                               "(ISO 32000-1 14.7.4.4)")
    for (key, mcid), element in owners.items():
        if (key, mcid) not in in_content:
            yield tagged.numbers.get(key), (f"{describe(element)} holds MCID {mcid}, which the "
                                            "page's content does not have")


def artifacts_apart(tagged: Tagged) -> Problems:
    """Matterhorn 01-003 and 01-004: no Artifact inside tagged content, no tagged content
    inside an Artifact."""
    for key, content in tagged.contents.items():
        for sequence in content.sequences:
            for inner in sequence.nested:
                if sequence.artifact and "MCID" in inner:
                    yield tagged.numbers[key], (f"tagged content ({inner}) inside an Artifact "
                                                f"(content operator #{sequence.begin}): "
                                                "Matterhorn 01-004")
                elif sequence.mcid is not None and inner == "/Artifact":
                    yield tagged.numbers[key], (f"an Artifact inside tagged content MCID "
                                                f"{sequence.mcid}: Matterhorn 01-003")


def _parent_tree(tagged: Tagged) -> dict:
    """(page, MCID) -> the element the ParentTree names for it."""
    tree = tagged.root.get("/ParentTree")
    nums = _number_tree(tree) if tree is not None else {}
    found: dict = {}
    for page in tagged.pdf.pages:
        key = page.obj.get("/StructParents")
        entries = nums.get(int(key)) if key is not None else None
        if entries is None or not hasattr(entries, "__len__"):
            continue
        for mcid, element in enumerate(entries):
            found[page.obj.objgen, mcid] = element
    return found


def _number_tree(node: pikepdf.Object) -> dict[int, pikepdf.Object]:
    """A number tree's /Nums, flattened through its /Kids."""
    found: dict[int, pikepdf.Object] = {}
    nums = node.get("/Nums")
    if nums is not None:
        found.update((int(nums[i]), nums[i + 1]) for i in range(0, len(nums) - 1, 2))
    for kid in node.get("/Kids", []):
        found.update(_number_tree(kid))
    return found
