"""PDF documents (ReportLab): the renderer of `seance_desk.documents.builders.document.Document`, its PDF/A-2b
post-processing (pikepdf), and the layout floor the benchmark compares it with. No Qt here."""

from .floor import layout_floor
from .pdf import render_pdf
from .pdfa import render_pdfa

__all__ = ["layout_floor", "render_pdf", "render_pdfa"]
