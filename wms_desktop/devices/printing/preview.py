"""PNG previews rendered from the very PDF that would be printed, with PDFium."""
from __future__ import annotations

import io
import threading
from collections.abc import Sequence

import pypdfium2
from PIL import Image

from .pdf import POINTS_PER_INCH

# PDFium keeps global state and is not thread-safe; previews may come from several workers.
_pdfium = threading.Lock()


def pdf_page_images(pdf: bytes, dpi: int, page_indices: Sequence[int] | None = None) -> list[Image.Image]:
    """Pages (all by default) as 8-bit greyscale images at ``dpi``."""
    # PDFium sizes the bitmap with ceil() and stretches the page to fill it: 240 dots, stored as
    # 85.12315 pt, would come back 241 px tall. A hair under the exact scale keeps one pixel per dot.
    scale = dpi / POINTS_PER_INCH * (1 - 1e-6)
    with _pdfium:
        document = pypdfium2.PdfDocument(pdf)
        try:
            indices = range(len(document)) if page_indices is None else page_indices
            return [document[i].render(scale=scale, grayscale=True).to_pil() for i in indices]
        finally:
            document.close()


def pdf_preview_png(pdf: bytes, dpi: int, page_index: int = 0, thermal: bool = False) -> bytes:
    """One page as PNG. ``thermal``: 1 bit per dot at the printer's resolution, which is what
    a thermal head puts on the label (no grey, no anti-aliasing)."""
    image = pdf_page_images(pdf, dpi, [page_index])[0]
    if thermal:
        image = image.point(lambda value: 255 if value >= 128 else 0).convert("1", dither=Image.Dither.NONE)
    out = io.BytesIO()
    image.save(out, format="PNG")
    return out.getvalue()
