"""Decompression bombs: a PDF whose compressed streams inflate past a limit is refused before
anything inflates them whole.

The streams are found in the file's bytes (every stream is an indirect object at the top level of
the file, object streams included), so measuring them costs at most one pass of zlib, not a parse of
every object: pdfminer's parse of a signed file's hexadecimal signature blobs cost more than reading
its pages. Deflate cannot inflate a byte to more than :data:`DEFLATE_MAX_RATIO` bytes, so the streams
are inflated largest first only until the ones left, at that ratio, cannot pass the limit: an
ordinary office file is proven harmless after its few big font programs. An encrypted file, or a
stream whose filters are not written in its dictionary, is measured object by object with pdfminer.
"""

from __future__ import annotations

import itertools
import re
import zlib
from collections.abc import Iterable, Iterator
from typing import Any

from .limits import DEFAULT, Limits, exceeded

INFLATE_CHUNK = 2**20  # bytes inflated at a time: a bomb is never held whole
READ_CHUNK = 2**16  # bytes of the file fed to zlib at a time
DICT_LOOKBACK = 2**16  # bytes before a 'stream' keyword searched for its object's dictionary
DEFLATE_MAX_RATIO = 1032  # the most bytes deflate can make of one (a 258-byte match coded in 2 bits)

_EOL = re.compile(rb"\r\n|\n|\r")  # after the 'stream' keyword
_FILTER = re.compile(rb"/Filter\s*(\[[^\]]*\]|/[^\s/\[\]<>()]+|\d+\s+\d+\s+R)")
_NAME = re.compile(rb"/([^\s/\[\]<>()]+)")
_IMAGE = re.compile(rb"/Subtype\s*/Image\b")
_FLATE = frozenset({b"FlateDecode", b"Fl"})


def check_streams(data: bytes, doc: Any, name: str, limits: Limits = DEFAULT) -> None:
    """Refuse a PDF whose compressed streams (images aside) inflate past ``limits.max_unpacked_bytes``.

    ``doc`` is pdfminer's document of ``data``, used only for the files the bytes cannot be measured from.
    """
    budget = limits.max_unpacked_bytes
    sizes = None if getattr(doc, "encryption", None) else _stream_sizes(data, budget)
    total = sum(sizes) if sizes is not None else _object_total(doc, budget)
    if total > budget:
        raise exceeded(name, "the PDF's compressed streams unpack to more bytes than allowed (a decompression bomb)", "max_unpacked_bytes", budget)


def _stream_sizes(data: bytes, budget: int) -> Iterator[int] | None:
    """The inflated sizes of the file's Flate streams (images aside), largest first, until the total is
    past ``budget`` or the streams left cannot pass it (see :data:`DEFLATE_MAX_RATIO`); None when a
    stream's filters are an indirect object (then pdfminer must say)."""
    view = memoryview(data)
    found: list[tuple[int, int, int]] = []  # (the most it can inflate to, where its data starts, its Flate stages)
    for keyword, start in _stream_starts(data):
        head = _dictionary(data, keyword)
        if _IMAGE.search(head):
            continue
        stages = flate_stages(head)
        if stages is None:
            return None
        if stages:
            found.append((_most(data, start, stages, budget), start, stages))
    found.sort(reverse=True)
    return _sizes(view, found, budget)


def _stream_starts(data: bytes) -> Iterator[tuple[int, int]]:
    """Where each 'stream' keyword is and where its data starts (after the keyword's end of line); found
    with ``bytes.find``, which skips through a scan's megabytes of image data many times faster than a
    pattern does."""
    at = data.find(b"stream")
    while at >= 0:
        end = at + 6
        if data[at - 3 : at] != b"end" or at < 3:
            match = _EOL.match(data, end)
            if match is not None:
                yield at, match.end()
        at = data.find(b"stream", end)


def _most(data: bytes, start: int, stages: int, budget: int) -> int:
    """The most a stream starting at ``start`` can inflate to through ``stages`` Flate filters (past the
    budget for more than one: those are always measured)."""
    end = data.find(b"endstream", start)
    length = (len(data) if end < 0 else end) - start
    return length * DEFLATE_MAX_RATIO if stages == 1 else budget + 1


def _sizes(view: memoryview, found: list[tuple[int, int, int]], budget: int) -> Iterator[int]:
    total = 0
    left = sum(most for most, _, _ in found)
    for most, start, stages in found:
        if total + left <= budget:
            return  # what is left cannot pass the budget, whatever it holds
        size = inflated_size(_file_chunks(view, start), budget - total, stages)
        total += size
        left -= most
        yield size
        if total > budget:
            return


def _dictionary(data: bytes, at: int) -> bytes:
    """The bytes from the last 'N G obj' before ``at`` (within :data:`DICT_LOOKBACK`) up to ``at``
    (searched backwards: a pattern run forwards over binary data can take quadratic time)."""
    low = max(0, at - DICT_LOOKBACK)
    i = at
    while (i := data.rfind(b"obj", low, i)) > low:
        if data[i - 1 : i].isspace() and not data[i + 3 : i + 4].isalnum():
            return data[i + 3 : at]
    return data[low:at]


def flate_stages(head: bytes) -> int | None:
    """How many Flate filters a stream dictionary's /Filter starts with (0 without one); None when
    the filter is an indirect object."""
    m = _FILTER.search(head)
    if m is None:
        return 0
    value = m.group(1)
    if value.endswith(b"R") and not value.startswith((b"/", b"[")):
        return None
    return len(list(itertools.takewhile(lambda n: n in _FLATE, _NAME.findall(value))))


def _file_chunks(view: memoryview, start: int) -> Iterator[memoryview]:
    for i in range(start, len(view), READ_CHUNK):
        yield view[i : i + READ_CHUNK]


def _object_total(doc: Any, budget: int) -> int:
    """The inflated size of the Flate streams (images aside), object by object with pdfminer; an
    object stream is measured before the objects kept in it are parsed."""
    from pdfminer.pdftypes import LITERALS_FLATE_DECODE, PDFStream
    from pdfminer.psparser import LIT

    from .pdf_errors import damage_errors

    image = LIT("Image")
    ids: set[int] = set()
    for xref in doc.xrefs:
        for objid in xref.get_objids():
            try:
                stream_id, _, _ = xref.get_pos(objid)
            except KeyError:
                continue
            ids.add(objid if stream_id is None else stream_id)
    total = 0
    for objid in sorted(ids):
        try:
            obj = doc.getobj(objid)
            if not isinstance(obj, PDFStream) or obj.rawdata is None or obj.get("Subtype") is image:
                continue
            stages = len(list(itertools.takewhile(lambda f: f[0] in LITERALS_FLATE_DECODE, obj.get_filters())))
            if not stages:
                continue
            raw = obj.decipher(objid, obj.genno or 0, obj.rawdata, obj.attrs) if obj.decipher else obj.rawdata
        except damage_errors():
            continue  # a damaged object: pdfminer reports it when a page needs it
        total += inflated_size(raw, budget - total, stages)
        if total > budget:
            break
    return total


def inflated_size(data: bytes | Iterable[bytes | memoryview], limit: int, stages: int = 1) -> int:
    """How many bytes the zlib ``data`` (bytes, or an iterable of pieces) inflate to through ``stages``
    filters in a row, counted up to just past ``limit`` and never held whole in memory; what follows
    the end of the zlib data is ignored."""
    chunks: Iterable[bytes | memoryview] = [data] if isinstance(data, bytes) else data
    for _ in range(stages):
        chunks = _inflate(chunks)
    size = 0
    try:
        for chunk in chunks:
            size += len(chunk)
            if size > limit:
                break
    except zlib.error:
        pass
    return size


def _inflate(chunks: Iterable[bytes | memoryview]) -> Iterator[bytes]:
    inflater = zlib.decompressobj()
    for chunk in chunks:
        while chunk:
            yield inflater.decompress(chunk, INFLATE_CHUNK)
            if inflater.eof:
                return
            chunk = inflater.unconsumed_tail
