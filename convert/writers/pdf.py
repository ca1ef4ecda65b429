"""Model → print PDF: the HTML writer's page plus the style's ``print.css`` through WeasyPrint.

The result is a tagged PDF/A-3b that carries its own machine-readable source:
the document's Akoma Ntoso XML is embedded as an associated file
(``AFRelationship /Source``), the pattern e-invoices use with Factur-X.

The steps, each in its own module:

1. the HTML writer builds the page for print (footnotes after their
   references, names marked; `html.build`);
2. WeasyPrint lays it out with the served fonts (`pdf_fonts`: a layout
   hyphen of its own), again where a paragraph has three hyphenated lines in
   a row (`pdf_layout`);
3. WeasyPrint writes the PDF uncompressed, `_finish` mending its object tree;
4. pikepdf finishes the file: the layout hyphen's text becomes U+00AD
   (`pdf_fonts.restore_soft_hyphens`), the tags are made fit for screen
   readers (`pdf_tags`), and QPDF compresses every stream and packs the
   objects into object streams as it writes (once, in C++, at zlib's default
   level: pydyf would compress at level 9 in Python first, for a statute a
   second and more of the PDF's time, and a slightly larger file).

Reproducibility: nothing here reads a clock.  PDF dates come from the
document's own date (``<meta name="dcterms.created">``); a document whose text
gives no full date gets no date at all: no Info/XMP dates, and no
``CreationDate``/``ModDate`` on its embedded file (WeasyPrint always writes
them, so `_finish` takes them out again), the same "not stated" that the AKN
says with its documented placeholder.  WeasyPrint's file identifier is a hash
of the content.  Fonts are subset by the HarfBuzz that uharfbuzz bundles
(`pdf_subset`), whatever the machine has.  So the same document gives the same
bytes, whatever ``SOURCE_DATE_EPOCH``, the hash seed or the machine.

Isolation: WeasyPrint fetches through `RiksdocFetcher`, which serves the
style's stylesheets and fonts and the shipped fonts, and refuses every other
URL (``file:``, ``http:``, ``data:``, ...).

WeasyPrint is imported only when a PDF is asked for (never at ``convert``
import time), and the font configuration and the parsed stylesheet are built
once per process (and house style) and reused.
"""

from __future__ import annotations

import atexit
import gc
import re
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import datetime
from functools import cache, lru_cache
from typing import TYPE_CHECKING, Any

from ..housestyle import BUILT_IN, HouseStyle
from ..model import Document
from ..vocabulary import note_link_texts
from . import akn, html as html_writer, pdf_fonts, pdf_layout, pdf_subset
from .pdf_fonts import URLRefused

if TYPE_CHECKING:  # pragma: no cover - typing only
    from weasyprint import CSS
    from weasyprint.text.fonts import FontConfiguration

FONT_SCHEME = "riksdoc-font:"
"""URL prefix print.css uses for fonts: ``riksdoc-font:SourceSerifPro-Regular.ttf`` (a house
style's ``fonts/`` first, then the shipped fonts)."""

STYLE_SCHEME = "riksdoc-style:"
"""URL prefix for the style's stylesheets: ``riksdoc-style:print.css``."""

_STYLE_NAME = re.compile(r"^[a-z][a-z0-9-]*\.css$")

_PLACEHOLDER = datetime(1970, 1, 1)
"""What WeasyPrint is given for an undated document's embedded file (it would take the
clock otherwise); `_finish` removes it, so it never reaches the PDF."""

AKN_MIME = "application/xml"
"""MIME type of the embedded AKN file (RFC 7303), set explicitly: WeasyPrint would guess it
from the file name through the machine's mime.types, which differs between machines."""


def style_file(name: str, style: HouseStyle = BUILT_IN) -> bytes:
    """The stylesheet *name* (``print.css``) of *style*, house rules after the built-in ones;
    `URLRefused` for any other name."""
    if not _STYLE_NAME.match(name) or not style.layers(name):
        raise URLRefused(f"not a riksdoc stylesheet: {name!r}")
    return style.css(name).encode("utf-8")


def _fetcher_class() -> type:
    """`RiksdocFetcher`, defined on first use so that WeasyPrint is imported lazily."""
    from weasyprint.urls import URLFetcher, URLFetcherResponse

    class RiksdocFetcher(URLFetcher):  # type: ignore[misc]  # WeasyPrint has no type information
        """Serves *style*'s ``riksdoc-font:`` and ``riksdoc-style:`` URLs; refuses everything else.

        The HTML is built by riksdoc from the model, so a URL in a document's
        text is escaped text and never fetched; this fetcher is the second
        wall, for anything that would still ask (an ``@import``, a future
        ``<img>``).
        """

        def __init__(self, style: HouseStyle = BUILT_IN) -> None:
            super().__init__(allowed_protocols=())
            self.style = style
            self.served: list[str] = []
            """Every URL served, in order (tests look at it)."""
            self.refused: list[str] = []
            """Every URL refused, in order."""

        def fetch(self, url: str, headers: Any = None) -> URLFetcherResponse:
            try:
                return self._serve(url)
            except URLRefused:
                self.refused.append(url)
                raise

        def _serve(self, url: str) -> URLFetcherResponse:
            if url.startswith(FONT_SCHEME):
                data, mime = pdf_fonts.served_font(url[len(FONT_SCHEME):], self.style), "font/ttf"
            elif url.startswith(STYLE_SCHEME):
                data, mime = style_file(url[len(STYLE_SCHEME):], self.style), "text/css"
            else:
                raise URLRefused(f"riksdoc fetches nothing but its own styles and fonts: {url!r}")
            self.served.append(url)
            return URLFetcherResponse(url, data, {"Content-Type": mime})

    return RiksdocFetcher


@cache
def import_weasyprint() -> None:
    """Import WeasyPrint, answering its shared-library look-ups from one ldconfig listing.

    WeasyPrint tries up to six names for each of seven libraries, and for
    every name that misses, ``ctypes.util.find_library`` runs ldconfig, gcc
    and ld (about 25 ms each): about 0.2 s of every process that makes a PDF.
    One ``ldconfig -p`` answers the same question.  A name it does not list
    gets None, and WeasyPrint goes on to the full soname, which dlopen
    resolves itself, so nothing is found that the slow path would not find.
    """
    import ctypes.util
    import shutil
    import subprocess

    ldconfig = shutil.which("ldconfig") or shutil.which("ldconfig", path="/sbin:/usr/sbin")
    listing = subprocess.run([ldconfig, "-p"], capture_output=True, text=True).stdout \
        if ldconfig else ""
    sonames: dict[str, str] = {}
    for m in re.finditer(r"^\s+(lib(\S+?)\.so(?:\.\S*)?)\s", listing, re.MULTILINE):
        sonames.setdefault(m.group(2), m.group(1))
    if not sonames:  # not glibc: let ctypes search its own way
        import weasyprint

        pdf_subset.install()
        return
    original = ctypes.util.find_library

    def find_library(name: str) -> str | None:
        return sonames.get(name)

    ctypes.util.find_library = find_library
    try:
        import weasyprint  # noqa: F401
    finally:
        ctypes.util.find_library = original
    pdf_subset.install()


@cache
def fast_page_references() -> None:
    """Make pydyf's ``PDF.page_references`` cost O(1) a call instead of O(pages).

    WeasyPrint asks for it once per tagged element (``/Pg``) and per link; pydyf
    rebuilds the tuple of every page's reference each time, which for a 300-page
    statute with 35 000 tagged elements is ten million string formats — seconds
    of the PDF's time.  The tuple is kept while the page list keeps its length
    (pages are only ever appended), so every answer is the one pydyf would give.
    """
    import pydyf

    def page_references(self: Any) -> tuple[bytes, ...]:
        kids = self.pages["Kids"]
        cached = self.__dict__.get("_riksdoc_page_references")
        if cached is None or cached[0] is not kids or cached[1] != len(kids):
            cached = (kids, len(kids), tuple(f"{number} 0 R".encode("ascii")
                                             for number in kids[::3]))
            self.__dict__["_riksdoc_page_references"] = cached
        references: tuple[bytes, ...] = cached[2]
        return references

    pydyf.PDF.page_references = property(page_references)


@cache
def fetcher_class() -> type:
    """The `RiksdocFetcher` class (a subclass of WeasyPrint's ``URLFetcher``)."""
    import_weasyprint()
    return _fetcher_class()


def resources(style: HouseStyle = BUILT_IN) -> tuple[FontConfiguration, CSS, Any]:
    """The process-wide font configuration, parsed print stylesheet and URL fetcher of *style*.

    Built on first use and reused for every document: parsing the stylesheet
    and loading the @font-face fonts costs more than laying out an answer.
    """
    return _resources(style)


@lru_cache(maxsize=4)
def _resources(style: HouseStyle) -> tuple[FontConfiguration, CSS, Any]:
    import_weasyprint()
    from weasyprint import CSS
    from weasyprint.text.fonts import FontConfiguration

    fast_page_references()
    # Let go of the font configuration (and its temporary font folder) while the
    # interpreter is intact: at shutdown its __del__ would find rmtree gone.
    atexit.register(_resources.cache_clear)
    fetcher = fetcher_class()(style)
    font_config = FontConfiguration()
    css = CSS(url=f"{STYLE_SCHEME}print.css", url_fetcher=fetcher, font_config=font_config)
    return font_config, css, fetcher


def warm(style: HouseStyle = BUILT_IN) -> None:
    """Import WeasyPrint and build *style*'s shared resources now (for worker processes).

    Also loads pyphen's Swedish patterns (about 0.15 s), which WeasyPrint would
    otherwise parse during the first document's layout; pyphen caches them.
    """
    resources(style)
    import pyphen

    pyphen.Pyphen(lang="sv")


def attachment_date(document: Document) -> datetime | None:
    """The embedded AKN file's creation/modification date: the document's date, or None
    where the text states no full date (a year is never guessed)."""
    if document.date is None or document.date.year is None:
        return None
    return datetime(document.date.year, document.date.month, document.date.day)


def _undated(document: Any, pdf: Any) -> None:
    """`_finish`, and the embedded file's dates taken out: the document states none."""
    import pydyf

    _finish(document, pdf)
    for pdf_object in pdf.objects:
        if isinstance(pdf_object, pydyf.Stream) and pdf_object.extra.get("Type") == "/EmbeddedFile":
            params = pdf_object.extra["Params"]
            for key in ("CreationDate", "ModDate"):
                params.pop(key, None)


def _finish(document: Any, pdf: Any) -> None:
    """Post-process WeasyPrint's PDF object tree before it is written.

    * WeasyPrint 70 lists each attachment twice in the catalog's ``/AF``
      (once from the EmbeddedFiles name tree, once from the Filespec scan;
      its issue 2917): keep each reference once, in order.
    * Set the embedded file's MIME type to `AKN_MIME` rather than the guess
      from the machine's mime.types.
    * Ask viewers to show the Title, not the file name.
    """
    import pydyf

    if "AF" in pdf.catalog:
        pdf.catalog["AF"] = pydyf.Array(dict.fromkeys(pdf.catalog["AF"]))
    for pdf_object in pdf.objects:
        if isinstance(pdf_object, pydyf.Stream) and pdf_object.extra.get("Type") == "/EmbeddedFile":
            pdf_object.extra["Subtype"] = "/" + AKN_MIME.replace("/", "#2f")
    preferences = pdf.catalog.get("ViewerPreferences") or pydyf.Dictionary()
    preferences["DisplayDocTitle"] = "true"
    pdf.catalog["ViewerPreferences"] = preferences


def render_pdf(html: bytes, *, attachment: bytes, stem: str, date: datetime | None = None,
               finish: bool = True, link_texts: dict[str, str] | None = None,
               style: HouseStyle = BUILT_IN) -> bytes:
    """Lay out *html* with *style*'s print.css as a tagged PDF/A-3b with *attachment* embedded.

    *attachment* is embedded as ``<stem>.akn.xml`` (``AFRelationship
    /Source``) with *date* as its creation and modification date, or with
    none where *date* is None.  The PDF's
    own metadata (Title, Author, Subject, Keywords, dates, ``/Lang``) comes
    from the HTML ``<head>`` and ``<html lang>``.  *link_texts* says in words
    where each internal link leads (by target id), for screen readers.
    *finish* = False skips riksdoc's post-processing (`_finish`, the text
    layer and tag repairs, the hyphenation passes); only the tests that watch
    WeasyPrint's own behaviour use it.
    """
    from weasyprint import HTML, Attachment

    font_config, css, fetcher = resources(style)
    text = html.decode("utf-8").replace(pdf_fonts.LAYOUT_HYPHEN, "\ufffd")
    source = HTML(string=text, url_fetcher=fetcher)
    embedded = Attachment(string=attachment, name=f"{stem}.akn.xml", url_fetcher=fetcher,
                          description="Akoma Ntoso 3.0 XML source of this document",
                          created=date or _PLACEHOLDER, modified=date or _PLACEHOLDER,
                          relationship="Source")
    options: dict[str, Any] = {"stylesheets": [css], "attachments": [embedded],
                               "pdf_variant": "pdf/a-3b", "pdf_tags": True}
    if not finish:
        raw: bytes = source.write_pdf(font_config=font_config, **options)
        return raw
    with collector_paused():
        document = pdf_layout.render(source, font_config=font_config, **options)
        data: bytes = document.write_pdf(finisher=_finish if date is not None else _undated,
                                         uncompressed_pdf=True, **options)
        del document, source  # a statute's layout is most of the memory: let it go first
    return _post_process(data, link_texts or {})


@contextmanager
def collector_paused() -> Iterator[None]:
    """Python's cyclic garbage collector off for the block (as it was after it).

    A layout allocates boxes by the million and keeps them to the end, and the
    collector's full passes walk every one of them again and again: for
    Skollag's 299 pages about 3.5 s of 27 (bench i).  The price is memory: cycles
    the render drops wait for the collector's next pass after the block, about 60 MB
    more at the peak for Skollag (the process tree 535 MB instead of 475; the
    target is 600).  Keeping the young collections and stopping only the full ones
    costs the same memory and saves less time, so the collector is simply off.  No
    collection is forced at the end: in a warm worker a full pass costs ~30 ms,
    half a one-page answer's PDF, and it gave Skollag's peak nothing back.
    """
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


def _post_process(data: bytes, link_texts: dict[str, str]) -> bytes:
    """The text layer's soft hyphens and the tag repairs (`pdf_tags`), with pikepdf.

    pikepdf writes the file again, compressed (*data* is WeasyPrint's uncompressed
    PDF); its ``/ID`` is a hash of the content (``deterministic_id``), so the same
    input still gives the same bytes.
    """
    import io

    import pikepdf

    from . import pdf_tags

    with pikepdf.open(io.BytesIO(data)) as pdf:
        pdf_fonts.restore_soft_hyphens(pdf)
        pdf_tags.repair(pdf, link_texts)
        out = io.BytesIO()
        pdf.save(out, deterministic_id=True, compress_streams=True,
                 object_stream_mode=pikepdf.ObjectStreamMode.generate)
    return out.getvalue()


def write(document: Document, *, stem: str, style: HouseStyle = BUILT_IN) -> bytes:
    """*document* as a print PDF/A-3b in *style*, with its AKN (``riksdoc.writers.akn``)
    embedded."""
    html = html_writer.serialise(html_writer.build(document, for_print=True, style=style),
                                 pretty=False)
    return render_pdf(html, attachment=akn.write(document, stem=stem), stem=stem,
                      date=attachment_date(document), link_texts=note_link_texts(document.notes),
                      style=style)
