"""The pdfium functions vndirective calls, bound once from pypdfium2 (which pdfplumber installs).

pdfium is not thread-safe: no two pdfium calls may run at the same time in a process, whatever
the document. Every call holds :data:`LOCK`; the batch runner parses in worker processes, each
with its own pdfium.
"""

from __future__ import annotations

import ctypes
import threading
from typing import Any

LOCK = threading.RLock()  # one pdfium call at a time in this process


class Unreadable(Exception):
    """pdfium cannot give this page (or document) the way pdfminer would: read it with pdfplumber."""


class Api:
    """The pdfium functions used here, bound once with plain integer handles (cheaper per call
    than pypdfium2.raw's typed pointers, which matters a few hundred thousand times a second)."""

    def __init__(self) -> None:
        import pypdfium2  # noqa: F401  - importing it initialises the library
        import pypdfium2.raw as raw

        def address(name: str) -> int:
            found = ctypes.cast(getattr(raw, name), ctypes.c_void_p).value
            if not found:
                raise AttributeError(f"pdfium has no {name}")
            return found

        def bind(name: str, restype: Any, *argtypes: Any) -> Any:
            return ctypes.CFUNCTYPE(restype, *argtypes)(address(name))

        def unchecked(name: str, restype: Any) -> Any:
            """A function called for every character: no argument types, so ctypes converts nothing (a third
            cheaper a call). Pointers must be passed as ``c_void_p`` or ``byref``, indices as int."""
            return ctypes.CFUNCTYPE(restype)(address(name))

        vp, i, f, d = ctypes.c_void_p, ctypes.c_int, ctypes.c_float, ctypes.c_double
        self.raw = raw
        self.load_document = bind("FPDF_LoadMemDocument64", vp, ctypes.c_char_p, ctypes.c_size_t, ctypes.c_char_p)
        self.close_document = bind("FPDF_CloseDocument", None, vp)
        self.page_count = bind("FPDF_GetPageCount", i, vp)
        self.load_page = bind("FPDF_LoadPage", vp, vp, i)
        self.close_page = bind("FPDF_ClosePage", None, vp)
        self.page_width = bind("FPDF_GetPageWidthF", f, vp)
        self.page_height = bind("FPDF_GetPageHeightF", f, vp)
        self.load_text = bind("FPDFText_LoadPage", vp, vp)
        self.close_text = bind("FPDFText_ClosePage", None, vp)
        self.count = bind("FPDFText_CountChars", i, vp)
        self.get_text = bind("FPDFText_GetText", i, vp, i, i, vp)
        self.unicode = bind("FPDFText_GetUnicode", ctypes.c_uint, vp, i)
        self.generated = unchecked("FPDFText_IsGenerated", i)  # (text page, index)
        self.unmapped = unchecked("FPDFText_HasUnicodeMapError", i)  # (text page, index)
        self.text_object = unchecked("FPDFText_GetTextObject", vp)  # (text page, index)
        self.loose_box = unchecked("FPDFText_GetLooseCharBox", i)  # (text page, index, FS_RECTF*)
        self.ink_box = bind("FPDFText_GetCharBox", i, vp, i, vp, vp, vp, vp)
        self.matrix = bind("FPDFText_GetMatrix", i, vp, i, vp)
        self.origin = unchecked("FPDFText_GetCharOrigin", i)  # (text page, index, double*, double*)
        self.font_size = bind("FPDFText_GetFontSize", d, vp, i)
        self.font = bind("FPDFTextObj_GetFont", vp, vp)
        self.descent = bind("FPDFFont_GetDescent", i, vp, f, vp)
        self.font_name = bind("FPDFFont_GetBaseFontName", ctypes.c_size_t, vp, ctypes.c_char_p, ctypes.c_size_t)
        self.font_data = bind("FPDFFont_GetFontData", i, vp, vp, ctypes.c_size_t, vp)
        self.font_embedded = bind("FPDFFont_GetIsEmbedded", i, vp)
        self.font_flags = bind("FPDFFont_GetFlags", i, vp)
        self.count_marks = bind("FPDFPageObj_CountMarks", i, vp)
        self.get_mark = bind("FPDFPageObj_GetMark", vp, vp, ctypes.c_ulong)
        self.mark_param_type = bind("FPDFPageObjMark_GetParamValueType", i, vp, ctypes.c_char_p)
        self.annot_count = bind("FPDFPage_GetAnnotCount", i, vp)
        self.get_annot = bind("FPDFPage_GetAnnot", vp, vp, i)
        self.close_annot = bind("FPDFPage_CloseAnnot", None, vp)
        self.annot_subtype = bind("FPDFAnnot_GetSubtype", i, vp)
        self.annot_rect = bind("FPDFAnnot_GetRect", i, vp, vp)
        self.flatten = bind("FPDFPage_Flatten", i, vp, i)
        self.annot_ap = bind("FPDFAnnot_GetAP", ctypes.c_ulong, vp, i, vp, ctypes.c_ulong)
        self.object_count = bind("FPDFPage_CountObjects", i, vp)
        self.page_object = bind("FPDFPage_GetObject", vp, vp, i)
        self.annot_object_count = bind("FPDFAnnot_GetObjectCount", i, vp)
        self.annot_object = bind("FPDFAnnot_GetObject", vp, vp, i)
        self.object_type = bind("FPDFPageObj_GetType", i, vp)
        self.form_object_count = bind("FPDFFormObj_CountObjects", i, vp)
        self.form_object = bind("FPDFFormObj_GetObject", vp, vp, ctypes.c_ulong)


_api: Api | None = None
_missing: BaseException | None = None


def load() -> Api:
    global _api, _missing
    if _api is None and _missing is None:
        try:
            with LOCK:
                _api = Api()
        except (ImportError, AttributeError, OSError) as exc:  # no pypdfium2, or one too old for a function used here
            _missing = exc
    if _api is None:
        raise Unreadable(f"pypdfium2 is not available ({_missing})")
    return _api


def available() -> bool:
    """Whether pypdfium2 is installed with every pdfium function this module needs."""
    try:
        load()
    except Unreadable:
        return False
    return True
