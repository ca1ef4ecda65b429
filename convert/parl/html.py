"""The Riksdag's HTML of a document → text lines, each with what its markup says it is.

A record's HTML is rendered the way a browser's plain-text view shows it (and
the way the corpus's text files were made from it), so that the text pipelines
read a record exactly as they read the same document's text:

* every block element (paragraph, heading, list item, table row, division) is
  a line of its own; no empty line is added between blocks, and a paragraph of
  only a no-break space stays a line of it;
* inside a line, the source's spaces, tabs and line breaks are one space, and
  none at the line's ends; ``<br>`` ends a line; every other character stays;
* a table row's cells are joined by one TAB (empty cells stay);
* a list item starts with the marker the page shows: ``1. `` (from the list's
  ``start``), ``• `` in a bullet list;
* preformatted text (``pre``, an older document's body) keeps its lines, and the
  empty lines between its paragraphs;
* style sheets, scripts, comments and images leave nothing.

Beside each line, `Rendered.hints` says what the markup makes it: ``heading`` (an
``h1``–``h6``, a paragraph of a heading style, a print's larger or bold font) or
``text`` (a paragraph of a body style), so that headings are taken from the
markup where it says, and guessed from the text only where it does not.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from lxml import etree, html

_BLOCKS = frozenset({"p", "div", "h1", "h2", "h3", "h4", "h5", "h6", "li", "tr", "table", "ul",
                     "ol", "blockquote", "pre", "hr", "section", "article", "header", "footer",
                     "body", "html", "dl", "dt", "dd", "center", "address", "caption", "thead",
                     "tbody", "tfoot", "nav", "aside", "figure", "figcaption", "main", "form"})
_DROPPED = frozenset({"style", "script", "head", "title", "img", "ingenbild", "meta", "link",
                      "noscript", "object", "svg"})
_SPACE = re.compile(r"[ \t\n\r\f]+")
_HEADING_CLASS = re.compile(r"^(?:R\d|Rubrik|Avsnittsrubrik|Sammanfattning|Innehllsfrteckning|"
                            r"Frslagsrubrik|RubrikFrslag|RubrikSammanf|RubrikInnehll|Bilagerubrik|"
                            r"Bilaga$|Normalrutafet|DokumentRubrik|Heading|Kantrubrik|Rubrik\w*)",
                            re.IGNORECASE)
_TEXT_CLASS = re.compile(r"^(?:Normal|Frslagstext|Yrkande|List|Punktlista|Strecklista|Citat|Quote|"
                         r"Underskrifter|Deltagare|OrtochDatum|PVgnar|Ordfranden|Mellanrum|TOC)",
                         re.IGNORECASE)
_FONT = re.compile(r"\.(?P<name>ft\d+)\s*\{[^}]*?font:\s*(?P<style>[^;]*?)(?P<size>\d+)px", re.IGNORECASE)
"""A print's font class: ``.ft12{font: bold 12px 'Verdana' …}``."""


@dataclass
class Rendered:
    """An HTML body as lines of text, and what the markup says of each."""

    lines: list[str] = field(default_factory=list)
    """The text, one block a line."""
    hints: dict[int, str] = field(default_factory=dict)
    """1-based line number → ``heading`` or ``text``, where the markup says."""

    @property
    def text(self) -> str:
        return "".join(line + "\n" for line in self.lines)


class _Renderer:
    def __init__(self, fonts: dict[str, tuple[int, str]], root: etree._Element) -> None:
        self.out = Rendered()
        self.current: list[str] = []
        self.hint: str | None = None
        self.fonts = fonts
        self.body_size = _body_size(fonts, root)

    def flush(self) -> None:
        text = _SPACE.sub(" ", "".join(self.current)).strip(" ")
        if text:
            self.out.lines.append(text)
            if self.hint is not None:
                self.out.hints[len(self.out.lines)] = self.hint
        self.current = []
        self.hint = None

    def walk(self, element: etree._Element) -> None:
        tag = element.tag.lower() if isinstance(element.tag, str) else ""
        if not tag or tag in _DROPPED:
            self.tail(element)
            return
        if tag == "br":
            self.flush()
            self.tail(element)
            return
        if tag == "tr":
            self.row(element)
            self.tail(element)
            return
        if tag == "pre":
            self.pre(element)
            self.tail(element)
            return
        block = tag in _BLOCKS
        if block:
            self.flush()
            self.hint = self.hint_of(element, tag)
        if tag in ("ol", "ul"):
            self.list(element, tag)
        else:
            self.walk_content(element)
        if block:
            self.flush()
        self.tail(element)

    def walk_content(self, element: etree._Element) -> None:
        if element.text:
            self.current.append(element.text)
        for child in element:
            self.walk(child)

    def tail(self, element: etree._Element) -> None:
        if element.tail:
            self.current.append(element.tail)

    def list(self, element: etree._Element, tag: str) -> None:
        number = int(element.get("start", "1")) if (element.get("start") or "1").isdigit() else 1
        for child in element:
            if isinstance(child.tag, str) and child.tag.lower() == "li":
                self.flush()
                self.hint = "text"
                self.current.append(f"{number}. " if tag == "ol" else "• ")
                self.walk_content(child)
                self.flush()
                self.tail(child)
                number += 1
            else:
                self.walk(child)

    def pre(self, element: etree._Element) -> None:
        """Preformatted text (an older document's whole body): its lines as they are, the
        empty ones between its paragraphs too."""
        self.flush()
        text = "".join(_texts(element)).replace("\r\n", "\n").strip("\n")
        self.out.lines.extend(line.rstrip() for line in text.split("\n"))

    def row(self, element: etree._Element) -> None:
        self.flush()
        cells = [c for c in element if isinstance(c.tag, str) and c.tag.lower() in ("td", "th")]
        if len(cells) == 1:  # a one-cell row is a frame around its blocks
            self.walk_content(cells[0])
            self.flush()
            return
        texts = [_SPACE.sub(" ", "".join(_texts(cell))).strip(" ") for cell in cells]
        if any(texts):
            self.out.lines.append("\t".join(texts))
            hint = next((h for h in (self.hint_of(c, "td") for c in cells) if h == "heading"), None)
            if hint is not None:
                self.out.hints[len(self.out.lines)] = hint

    def hint_of(self, element: etree._Element, tag: str) -> str | None:
        """What the markup says the block is: a heading, body text, or nothing."""
        if tag in ("h1", "h2", "h3", "h4", "h5", "h6"):
            return "heading"
        classes = [c for e in (element, *element.iter()) for c in (e.get("class") or "").split()]
        if any(_HEADING_CLASS.match(c) for c in classes if not c.lower().startswith(("ft", "p"))):
            return "heading"
        fonts = [self.fonts[c] for c in classes if c in self.fonts]
        if fonts and self.body_size is not None:
            size, style = fonts[0]
            if size > self.body_size or style == "bold":
                return "heading"
            return "text" if style == "regular" and size == self.body_size else None
        if any(_TEXT_CLASS.match(c) for c in classes):
            return "text"
        return None


def _texts(element: etree._Element) -> list[str]:
    out: list[str] = []
    for node in element.iter():
        tag = node.tag.lower() if isinstance(node.tag, str) else ""
        if tag in _DROPPED:
            continue
        if tag == "br":
            out.append(" ")
        if node.text and tag not in _DROPPED:
            out.append(node.text)
        if node is not element and node.tail:
            out.append(node.tail)
    return out


def _fonts(source: str) -> dict[str, tuple[int, str]]:
    """A print's font classes (``.ft1{font: 14px …}``): class → (size, ``bold``,
    ``italic`` or ``regular``)."""
    def style(words: str) -> str:
        words = words.lower()
        return "bold" if "bold" in words else "italic" if "italic" in words else "regular"
    return {m.group("name"): (int(m.group("size")), style(m.group("style")))
            for m in _FONT.finditer(source)}


def _body_size(fonts: dict[str, tuple[int, str]], root: etree._Element) -> int | None:
    """The size of the font most of a print's text is set in."""
    if not fonts:
        return None
    amount: dict[int, int] = {}
    for element in root.iter():
        for name in (element.get("class") or "").split() if isinstance(element.tag, str) else ():
            if name in fonts and fonts[name][1] == "regular":
                size = fonts[name][0]
                amount[size] = amount.get(size, 0) + len(element.text or "")
    return max(amount, key=lambda size: amount[size]) if amount else None


def render(source: str) -> Rendered:
    """The HTML *source* as lines with their hints."""
    if not source.strip():
        return Rendered()
    root = html.fromstring(source)
    renderer = _Renderer(_fonts(source), root)
    renderer.walk(root)
    renderer.flush()
    return renderer.out
