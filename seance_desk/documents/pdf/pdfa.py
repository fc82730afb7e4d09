"""PDF/A-2b: ReportLab's output, post-processed with pikepdf.

What PDF/A-2b asks of our files, and where it comes from:
- every font embedded: the renderer uses only DejaVu (see fonts.py; no Helvetica left);
- an XMP metadata stream with pdfaid:part=2 and pdfaid:conformance=B, whose dc:title, dc:creator,
  dc:description, pdf:Keywords, pdf:Producer, xmp:CreateDate… match the Info dictionary (pikepdf's
  `load_from_docinfo`, then `update_docinfo` keeps both in step);
- an OutputIntent (GTS_PDFA1) with an embedded ICC profile: sRGB, as all our colours are DeviceRGB;
- a document ID in the trailer; no encryption; no transparency (the renderer draws none).
veraPDF is the validator of record; tests/reports checks the structural points above.
"""

from __future__ import annotations

import io
import os
from functools import lru_cache
from pathlib import Path
from typing import BinaryIO

import pikepdf

from seance_desk.documents.builders.document import Document
from seance_desk.paths import write_private_file

from .pdf import render_pdf


@lru_cache(maxsize=1)
def srgb_icc_profile() -> bytes:
    from PIL import ImageCms

    return ImageCms.ImageCmsProfile(ImageCms.createProfile("sRGB")).tobytes()


def make_pdfa(source: bytes | BinaryIO, target: str | os.PathLike[str] | BinaryIO) -> None:
    """Rewrite the PDF `source` as PDF/A-2b into `target` (a path or a writable binary buffer)."""
    data = source if isinstance(source, bytes) else source.read()
    with pikepdf.open(io.BytesIO(data)) as pdf:
        if pdf.is_encrypted:  # pragma: no cover - the renderer never encrypts
            raise ValueError("PDF/A forbids encryption")
        icc = pikepdf.Stream(pdf, srgb_icc_profile())
        icc["/N"] = 3
        icc["/Alternate"] = pikepdf.Name.DeviceRGB
        pdf.Root.OutputIntents = pikepdf.Array(
            [
                pikepdf.Dictionary(
                    Type=pikepdf.Name.OutputIntent,
                    S=pikepdf.Name.GTS_PDFA1,
                    OutputConditionIdentifier=pikepdf.String("sRGB IEC61966-2.1"),
                    Info=pikepdf.String("sRGB IEC61966-2.1"),
                    RegistryName=pikepdf.String("http://www.color.org"),
                    DestOutputProfile=pdf.make_indirect(icc),
                )
            ]
        )
        # PDF/A-2 allows only True/False for /Trapped, and XMP must mirror what Info says.
        if "/Trapped" in pdf.docinfo:
            del pdf.docinfo["/Trapped"]
        with pdf.open_metadata(set_pikepdf_as_editor=False, update_docinfo=True) as meta:
            meta.load_from_docinfo(pdf.docinfo, delete_missing=False)
            meta["pdfaid:part"] = "2"
            meta["pdfaid:conformance"] = "B"
        pdf.save(
            target if not isinstance(target, os.PathLike) else os.fspath(target),
            fix_metadata_version=False,
            min_version="1.7",
            # A fresh /ID pair when the source has none; ReportLab writes one, which is kept.
            static_id=False,
            encryption=False,
            object_stream_mode=pikepdf.ObjectStreamMode.preserve,
        )


def render_pdfa(document: Document, path_or_buffer: str | os.PathLike[str] | BinaryIO) -> int:
    """Render `document` as PDF/A-2b; return the page count."""
    buffer = io.BytesIO()
    pages = render_pdf(document, buffer)
    if isinstance(path_or_buffer, (str, os.PathLike)):
        # A file on disk: owner-only (the PV names everyone) and written at once, never half a PDF.
        pdfa = io.BytesIO()
        make_pdfa(buffer.getvalue(), pdfa)
        write_private_file(Path(path_or_buffer), pdfa.getvalue())
    else:
        make_pdfa(buffer.getvalue(), path_or_buffer)
    return pages
