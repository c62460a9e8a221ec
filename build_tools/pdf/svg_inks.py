"""SVG images in a CMYK print file: every colour rewritten as CSS `device-cmyk()`, which
WeasyPrint 70's SVG renderer paints as /DeviceCMYK (it reads SVG colours with tinycss2's
color5 parser), so that vector images stay vector and print in the press's inks.

Rewritten: the colour properties as attributes, in `style` attributes and in `<style>`
rules (also inside @media); the SVG's default black (fill, currentColor) is set to black
ink. Refused, naming the image, the element and the fix: a gradient of two or more stops
(WeasyPrint 70 paints the first three channels of each stop, so a CMYK gradient comes out
wrong) and a colour that cannot be read (WeasyPrint would paint it RGB black).
"""

from __future__ import annotations

from xml.etree import ElementTree

import tinycss2
from tinycss2.color5 import parse_color

from build_tools.pdf.print_inks import CmykConversion

SVG = "http://www.w3.org/2000/svg"
COLOUR_PROPERTIES = frozenset(("fill", "stroke", "stop-color", "flood-color",
                               "lighting-color", "color"))
# Paint keywords that are no colour of their own.
_KEYWORDS = frozenset(("none", "currentcolor", "inherit", "context-fill", "context-stroke"))
_BLACK_INK = "device-cmyk(0 0 0 1)"

ElementTree.register_namespace("", SVG)
ElementTree.register_namespace("xlink", "http://www.w3.org/1999/xlink")


class UnprintableSvg(ValueError):
    """An SVG colour or construct that cannot be printed in CMYK; the message says why."""


def in_print_inks(svg: bytes, inks: CmykConversion) -> bytes:
    """The SVG with each colour in `inks`' CMYK, as device-cmyk()."""
    root = ElementTree.fromstring(svg)
    for default in ("fill", "color"):
        root.attrib.setdefault(default, _BLACK_INK)
    for element in root.iter():
        tag = _local(element.tag)
        if tag in ("linearGradient", "radialGradient") and \
                len([child for child in element if _local(child.tag) == "stop"]) > 1:
            raise UnprintableSvg(
                f"<{tag}{_named(element)}> is a gradient: WeasyPrint 70 cannot paint an SVG "
                "gradient in CMYK; use flat colours, or make the picture a raster image")
        for name in COLOUR_PROPERTIES & element.attrib.keys():
            element.set(name, _value(element.attrib[name], inks, element))
        if "style" in element.attrib:
            element.set("style", _declarations(element.attrib["style"], inks, element))
        if tag == "style" and element.text:
            element.text = _stylesheet(element.text, inks, element)
    return ElementTree.tostring(root, encoding="utf-8", xml_declaration=True)


def _local(tag) -> str:
    return tag.rsplit("}", 1)[-1] if isinstance(tag, str) else ""


def _named(element) -> str:
    return f' id="{element.get("id")}"' if element.get("id") else ""


def _value(text: str, inks: CmykConversion, element) -> str:
    return tinycss2.serialize(_tokens(tinycss2.parse_component_value_list(text), inks,
                                      element, text))


def _tokens(tokens: list, inks: CmykConversion, element, text: str) -> list:
    """The tokens of one property value, each colour in device-cmyk()."""
    rewritten = []
    for token in tokens:
        if token.type in ("whitespace", "comment", "url") or (
                token.type == "ident" and token.lower_value in _KEYWORDS) or (
                token.type == "function" and token.lower_name == "url"):
            rewritten.append(token)
            continue
        colour = parse_color(token)
        if colour is None or isinstance(colour, str):
            raise UnprintableSvg(
                f"<{_local(element.tag)}{_named(element)}>: cannot read the colour in "
                f"{text.strip()!r}; write it as #rrggbb")
        if colour.space != "device-cmyk":
            cmyk = inks.colour(*colour.to("srgb").coordinates)
            alpha = "" if colour.alpha == 1 else f" / {colour.alpha:g}"
            colour_text = f"device-cmyk({' '.join(f'{v:g}' for v in cmyk)}{alpha})"
            token = tinycss2.parse_one_component_value(colour_text)
        rewritten.append(token)
    return rewritten


def _declarations(text: str, inks: CmykConversion, element) -> str:
    parts = []
    for item in tinycss2.parse_blocks_contents(text, skip_comments=True, skip_whitespace=True):
        if item.type != "declaration":
            raise UnprintableSvg(f"<{_local(element.tag)}{_named(element)}>: cannot read "
                                 f"the style {tinycss2.serialize([item]).strip()!r}")
        value = item.value
        if item.lower_name in COLOUR_PROPERTIES:
            value = _tokens(value, inks, element, tinycss2.serialize(value))
        important = " !important" if item.important else ""
        parts.append(f"{item.name}:{tinycss2.serialize(value).strip()}{important}")
    return ";".join(parts)


def _stylesheet(text: str, inks: CmykConversion, element) -> str:
    parts = []
    for rule in tinycss2.parse_rule_list(text, skip_comments=True, skip_whitespace=True):
        prelude = tinycss2.serialize(rule.prelude).strip()
        if rule.type == "qualified-rule":
            body = _declarations(tinycss2.serialize(rule.content), inks, element)
        elif rule.type == "at-rule" and rule.lower_at_keyword == "media" and rule.content:
            body = _stylesheet(tinycss2.serialize(rule.content), inks, element)
        else:
            parts.append(tinycss2.serialize([rule]))
            continue
        at = f"@{rule.at_keyword} " if rule.type == "at-rule" else ""
        parts.append(f"{at}{prelude}{{{body}}}")
    return "\n".join(parts)
