"""Writing a long PDF without holding it whole: finished pages wait on disk, the file is written as it is made.

ReportLab keeps every finished page until the document is saved, because the file's objects
are numbered, and its cross-reference table written, in one pass at the end; it then gathers
the whole file as one byte string before writing it. For a 10,000-page pack that was about
19 KB a page while laying out and the file twice over (about 90 MB) while writing.

Here each finished page's drawing is encoded (Flate, then ASCII85, as ReportLab would when
writing: it skips filters a stream already names) and put in a temporary file, leaving only a
small record of where it is; and the file is written object by object as ReportLab formats
them, each small form (a page's "Page X of Y", a risk's page number) let go once written. What
ReportLab still holds per page is its page object (resources, links, the page's
place in the page tree: a few KB), which it needs until the end to number and list every
object. The bytes written are ReportLab's own: `write_document` follows
`PDFDocument.SaveToFile`/`GetPDFData`/`format` of ReportLab 5.x step for step, sending each
piece to the file instead of a list (a test compares the two outputs byte for byte).
"""

from __future__ import annotations

import tempfile
from typing import IO, Any, BinaryIO

from reportlab import rl_config
from reportlab.pdfbase.pdfdoc import (
    PDFArray,
    PDFBase85Encode,
    PDFCrossReferenceTable,
    PDFDictionary,
    PDFDocument,
    PDFFile,
    PDFFormXObject,
    PDFIndirectObject,
    PDFName,
    PDFPage,
    PDFStream,
    PDFTrailer,
    PDFZCompress,
)


class PageSpool:
    """A temporary file holding finished pages' encoded drawings until the PDF is written."""

    def __init__(self) -> None:
        """Open an empty spool; it is deleted when closed (or collected)."""
        self._file: IO[bytes] = tempfile.TemporaryFile()  # noqa: SIM115 (kept open for the whole build)
        self._end = 0

    def put(self, data: bytes) -> tuple[int, int]:
        """Append data; returns where it is (offset, length)."""
        self._file.seek(self._end)
        self._file.write(data)
        place = (self._end, len(data))
        self._end += len(data)
        return place

    def get(self, offset: int, length: int) -> bytes:
        """The bytes put at offset."""
        self._file.seek(offset)
        return self._file.read(length)

    def close(self) -> None:
        """Delete the spool."""
        self._file.close()


class SpooledStream(PDFStream):  # type: ignore[misc]
    """A page's content stream whose encoded bytes wait in a spool until the file is written."""

    def __init__(self, dictionary: PDFDictionary, spool: PageSpool, place: tuple[int, int]) -> None:
        """A stream of the bytes at place in spool, already encoded with the filters dictionary names."""
        super().__init__(dictionary, None)
        self._spool = spool
        self._place = place

    def format(self, document: PDFDocument) -> bytes:
        """The stream as ReportLab formats it, its bytes read back for the moment it takes."""
        self.content: bytes | None = self._spool.get(*self._place)
        try:
            return bytes(super().format(document))
        finally:
            self.content = None


def spool_page(page: PDFPage, spool: PageSpool) -> None:
    """Encode a finished page's drawing now, as the PDF would when written, and put it in the spool."""
    if not page.compression or not page.stream or page.Contents:
        return
    filters = [PDFBase85Encode, PDFZCompress] if rl_config.useA85 else [PDFZCompress]
    content = page.stream
    for encoding in reversed(filters):
        content = encoding.encode(content)
    if isinstance(content, str):
        content = content.encode("latin-1")  # ASCII85 text is plain ASCII
    stream = SpooledStream(PDFDictionary({"Filter": PDFArray([PDFName(f.pdfname) for f in filters])}),
                           spool, spool.put(content))
    stream.__Comment__ = "page stream"
    page.Contents = stream
    page.stream = None


class _StreamedFile(PDFFile):  # type: ignore[misc]
    """ReportLab's output collector, writing each piece straight to the file instead of keeping it."""

    def __init__(self, out: BinaryIO, version: Any) -> None:
        super().__init__(version)  # the file's header, exactly as ReportLab writes it
        header: list[bytes] = getattr(self, "strings")  # noqa: B009 (ReportLab's untyped attribute)
        out.write(b"".join(header))
        header.clear()
        self.write = out.write


def write_document(doc: PDFDocument, canvas: Any, target: str | BinaryIO) -> None:
    """Write doc to target (a file name or an open binary file) as `canvas.save()` would, piece by piece."""
    if getattr(doc, "_savedToFile", False):
        raise RuntimeError("A PDF document can only be written once.")
    doc._savedToFile = True
    # GetPDFData: realise fonts, sign the info, prepare the outline.
    for font in doc.delayedFonts:
        font.addObjects(doc)
    doc.info.invariant = doc.invariant
    doc.info.digest(doc.signature)
    doc.Reference(doc.Catalog)
    doc.Reference(doc.info)
    doc.Outlines.prepare(doc, canvas)
    if doc.Outlines.ready < 0:
        doc.Catalog.Outlines = None
    if isinstance(target, str):
        with open(target, "wb") as out:
            _format(doc, out)
    else:
        _format(doc, target)


def _format(doc: PDFDocument, out: BinaryIO) -> None:
    """PDFDocument.format, each object written as soon as it is formatted."""
    if getattr(doc, "_digiSigs", None):
        raise RuntimeError("Signed PDFs are written by ReportLab itself.")  # signing rewrites the whole file
    doc.encrypt.prepare(doc)
    catalog, info = doc.Catalog, doc.info
    doc.Reference(catalog)
    doc.Reference(info)
    encryptinfo = doc.encrypt.info()
    encryptref = doc.Reference(encryptinfo) if encryptinfo else None
    number_to_id = doc.numberToId
    id_to_object = doc.idToObject
    id_to_offset = doc.idToOffset
    ids = []
    # Objects may be numbered while others are formatted (ReportLab notes they are "appended
    # DURING FORMATTING"), so go by number until none is left.
    doc.__accum__ = out_file = _StreamedFile(out, doc._pdfVersion)
    counter = 0
    while True:
        counter += 1
        if counter not in number_to_id:
            break
        oid = number_to_id[counter]
        obj = id_to_object[oid]
        formatted = PDFIndirectObject(oid, obj).format(doc)
        if not rl_config.invariant and rl_config.pdfComments:
            try:
                classname = obj.__class__.__name__
            except Exception:
                classname = ascii(obj)
            out_file.add(f"% {oid!a}: class {classname[:50]} \n")
        id_to_offset[oid] = out_file.add(formatted)
        ids.append(oid)
        if isinstance(obj, PDFFormXObject):
            # Formatting a form stores its resources and stream on it (3-4 KB); a pack has a form
            # per page ("Page X of Y") and per risk (its page in the summary). Written, it is only
            # ever named again (its number is kept), so it can go.
            id_to_object[oid] = None
    del doc.__accum__
    count = len(number_to_id)
    if counter - 1 != count:
        raise ValueError(f"counter {counter} doesn't match number to id dictionary {count}")
    xref = PDFCrossReferenceTable()
    xref.addsection(0, ids)
    xref_offset = out_file.add(xref.format(doc))
    trailer = PDFTrailer(startxref=xref_offset, Size=count + 1, Root=doc.Reference(catalog),
                         Info=doc.Reference(info), Encrypt=encryptref, ID=doc.ID())
    out_file.add(trailer.format(doc))
