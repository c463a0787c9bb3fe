"""Warning messages, in words a clerk understands, one template per code."""

from __future__ import annotations

from typing import Any

from .model import ParseWarning, Span

TEMPLATES: dict[str, str] = {
    "empty": "The document is empty.",
    "too_long": "The text has {chars:,} characters; only documents up to {limit:,} are parsed.",
    "not_a_directive": "This text does not look like a Vietnamese official document: no issuing organ, number or date was found.",
    "missing_number": "No document number ('Số ...') was found in the header.",
    "unreadable_number": (
        "The number on the number line '{line}' cannot be read ('{reading}': handwritten, or damaged by OCR): "
        "it is left empty rather than guessed. Read it on the page."
    ),
    "blank_number": "The number line '{line}' has no number: the document may be an unsigned draft.",
    "malformed_number": "The number '{written}' is not in the standard form ({problems}); read as {canonical}.",
    "missing_issuer": "No issuing organ was found above the number.",
    "ocr_correction": "Read '{written}' as '{fixed}' (a character looks damaged by OCR).",
    "missing_date": "No place and date line ('..., ngày ... tháng ... năm ...') was found.",
    "blank_date": "The day or month of the date is left blank (an unsigned draft?).",
    "unreadable_date": (
        "The day or month of the date '{reading}' cannot be read (handwritten, or damaged by OCR): "
        "it is left empty rather than guessed. Read it on the page."
    ),
    "impossible_date": "The date {date} does not exist.",
    "date_after_signing": (
        "OCR read the date as {reading}, after the document's last digital signature ({signed}): a document is never dated after "
        "it is signed, so the reading is wrong; the date is left empty. Read it on the page."
    ),
    "impossible_reference_date": "The date {date} given for {canonical} does not exist.",
    "type_mismatch": "The type name says {name} but the number carries '{type_code}'.",
    "reference_without_type": "The reference '{written}' has no type letters ({where}); read as {canonical}.",
    "malformed_reference": "The reference '{written}' is not in the standard form ({problems}); read as {canonical}.",
    "ocr_variant": (
        "The reference '{written}' has the number and year of {canonical}, cited in the same text, and nearly its letters, "
        "but no type letters the code tables know: read as {canonical} (a print damaged by OCR?)."
    ),
    "missing_signer_name": "The signature block has no signer's name.",
    "missing_signature": "No signature block was found.",
    "missing_distribution": "The document has no 'Nơi nhận' (distribution) list.",
    "reader": "{message}",
    "legacy_converted": "The text was typed in the legacy {encoding} font encoding; it was converted to Unicode (check the result).",
    "joint_signatures": (
        "Two signature blocks side by side (a joint document); the signature given is the last one "
        "(the lead organ's, on the right in the official layout)."
    ),
    "html_markup": "The text holds HTML markup (a web page or a fragment of one saved as text); it was read as HTML.",
    "decoded_as": "The file is not UTF-8; it was read as {encoding}.",
    "ocr_unsure": (
        "OCR is unsure of the {field} ({confidence} % for the least sure word of '{reading}'; a handwritten or stamped value?): "
        "it is left empty rather than given wrong. Read it on the page."
    ),
    "ocr_unsure_text": (
        "OCR is unsure of the {field} ('{reading}': {confidence} % for its least sure word); it is given as read. "
        "Check it on the page."
    ),
    "ocr_reread": (
        "OCR was unsure of the {field} ('{first}'); read again, digits only, at several scales and margins, it reads "
        "'{reading}' every time ({confidence} % of the attempts read it, none read otherwise). Check it on the page."
    ),
    "ocr": "The text was read by OCR ({pages} page(s)): check names and numbers against the scan.",
    "ocr_tone_marks": (
        "OCR lost the tone mark of {count} word(s) (a mark over â, ê, ô, ơ, ư: 'công bô' for 'công bố'); "
        "each was put back where only one tone makes a word with the words beside it. Check them against the scan."
    ),
    "pages_not_read": "The PDF has {pages} pages; only the first {limit:,} were read (to read more: parse(path, limits=Limits(max_pages=...))).",
    "page_unreadable": "Page {page} of the PDF is damaged and was skipped ({error}).",
    "pages_lost": "The PDF is damaged after page {page}: the pages after it could not be found ({error}).",
    "render_downscaled": "Page {page} is very large ({width:,} × {height:,} points): it was OCR'd at {dpi} dpi, not {full}, to stay under {limit:,} pixels.",
    "docx_entities": "The Word file declares XML entities (a DOCTYPE), which Word never writes; they were not expanded and their text is missing.",
    "widget_values": (
        "Page {page}: '{values}' is written in form fields (a signing tool fills the number and the day in when the document is signed), "
        "not in the page's text; read where it is shown."
    ),
    "signature_stamp": "Page {page} shows a digital signature stamp ('{text}'): it is not part of the document's text and was left out.",
    "pdf_glyphs_recovered": (
        "{recovered} of the {total} glyphs the PDF's fonts give no Unicode map for ({share} %) were read from the embedded fonts; "
        "the others come out as '(cid:NN)'."
    ),
    "widget_drawn": (
        "Page {page} shows a value stamped into a signature field as a drawing or an image (at {x}, {y} pt, on a line of "
        "the text: a number or a day written in at signing?); the text does not hold it. Read it on the page, or parse "
        "with OCR (ocr=True, --ocr)."
    ),
    "widget_drawn_read": (
        "Page {page} shows a value stamped into a signature field as a drawing or an image (at {x}, {y} pt); read by OCR, "
        "digits only, as '{digits}' (every attempt agreeing): check it on the page."
    ),
    "pdf_text_garbled": (
        "The PDF's text layer is not the page's text ({share} % of its words hold letters Vietnamese does not use: "
        "a damaged OCR layer or a wrong font map); {action}."
    ),
    "pdf_unmapped_glyphs": "The PDF's fonts have no Unicode mapping: characters come out as '(cid:NN)'; parse with ocr=True (--ocr).",
    "legacy_encoding": "The text looks typed in the legacy {encoding} font encoding (it reads like mojibake): convert it to Unicode before parsing.",
    "copy_unread": (
        "The text is a copy ('{heading}'): the copy's {missing} could not be read; the document's own fields are the original's."
    ),
    "received_unread": "The received stamp ('{label}') was found, but its {missing} could not be read.",
    "internal": "Dropped an invalid span for {field}.",
}


def warn(code: str, span: Span | None = None, /, **values: Any) -> ParseWarning:
    """A ParseWarning with the message of ``code`` filled in."""
    return ParseWarning(code, TEMPLATES[code].format(**values), span)
